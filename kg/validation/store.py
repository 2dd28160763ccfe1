"""The store side of validation: finding and opening the on-disk Oxigraph store to validate, and
writing the report's SHACL results into ``{BASE}graph/audit``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, StoreError
from kg.rdf.namespaces import graph_iri
from kg.rdf.sink import Triples
from kg.stores import parse_store
from kg.validation.model import ValidationReport
from kg.validation.report import report_triples


def oxigraph_path(store: str) -> str:
    """The folder of an on-disk Oxigraph store specification (``PATH`` or ``oxigraph:PATH``).

    Validation reads the embedded store directly (per-plan workers open it read-only); other
    backends are validated when they are built (``kg build --store SPEC`` validates in its
    temporary Oxigraph store and copies ``graph/audit`` along)."""
    spec = parse_store(store)
    if spec.kind != "oxigraph":
        raise StoreError(f"kg validate needs an on-disk Oxigraph store, not {spec}: `kg build --store SPEC` "
                         "validates while building and stores the results in graph/audit")
    return spec.location


def open_read_only(store: str) -> tuple[str, ox.Store]:
    """(folder, store) of the on-disk store built by ``kg build``, opened read-only."""
    store_path = oxigraph_path(store)
    if not Path(store_path).is_dir():
        raise StoreError(f"no store at {store_path}: build it first (kg build)")
    try:
        return store_path, ox.Store.read_only(store_path)
    except OSError as e:
        raise StoreError(f"cannot open the store at {store_path}: {e}") from e


def store_audit_graph(store: ox.Store, report: ValidationReport, bulk: bool = False) -> int:
    """Replace ``{BASE}graph/audit`` in an open store with the report's SHACL results, atomically.

    One ``Store.update`` (DROP SILENT GRAPH + INSERT DATA) is one transaction: readers see the
    old results or the new ones, never a mix. ``bulk``: a bulk load of N-Quads instead, no
    transaction (a store nobody reads yet and without graph/audit: ``kg build``'s). Returns the
    number of triples written.
    """
    audit = str(graph_iri("audit"))
    # the sink, not an rdflib Graph: the same lines, written straight (kg/rdf/sink.py)
    triples = report_triples(report, Triples())
    body = triples.nquads(audit)
    try:
        if bulk:
            store.bulk_load(body, format=ox.RdfFormat.N_QUADS)
        else:
            # N-Triples inside GRAPH: each line's graph name dropped (a literal holds no raw newline)
            text = body.decode("utf-8").replace(f" <{audit}> .\n", " .\n")
            store.update(f"DROP SILENT GRAPH <{audit}> ;\nINSERT DATA {{ GRAPH <{audit}> {{\n{text}\n}} }}")
    except (OSError, SyntaxError, ValueError) as e:
        raise KGError(f"writing the audit graph failed: {e}") from e
    return len(triples)


def write_audit_graph(store_path: str, report: ValidationReport) -> int:
    """:func:`store_audit_graph` into the store at ``store_path`` (opened for writing)."""
    store_path = oxigraph_path(store_path)
    try:
        store = ox.Store(store_path)
    except OSError as e:
        raise StoreError(
            f"cannot open the store at {store_path} for writing ({e}); is a server holding it? "
            "Stop it, or run `kg validate --no-write` to only report."
        ) from e
    try:
        n = store_audit_graph(store, report)
        store.flush()
        return n
    finally:
        del store
