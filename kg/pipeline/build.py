"""Files → store: ``kg build``.

``build(data_dir, store)`` makes a fresh on-disk Oxigraph store from ``ontology/`` (package data,
kg/resources.py), ``data/reference/`` and ``data/plans/``: the ontology and vocabularies into
``graph/ontology``, reference data into ``graph/reference``, each plan into its own named graph. It
builds into a new folder and swaps it in at the end, so a failed build leaves the previous store
untouched. The phases, each timed in the report: extraction (kg/pipeline/workers.py), load
(kg/pipeline/staging.py), inference, summary, validation.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.pipeline.infer import materialise
from kg.pipeline.sources import parse_turtle_files, plan_files, rebase
from kg.pipeline.staging import load_graph
from kg.pipeline.summary import summary_ntriples
from kg.pipeline.workers import mapped_plans
from kg.rdf.namespaces import graph_iri
from kg.rdf.references import ReferenceIndex
from kg.rdf.terms import ox_to_rdflib
from kg.resources import ONTOLOGY_DIR
from kg.stores import open_backend, parse_store
from kg.stores.copy import copy_graphs
from kg.validation import store_audit_graph, validate_store


@dataclass
class BuildReport:
    store: str
    plans: list[tuple[str, str, int]] = field(default_factory=list)  # (file, plan IRI, triples)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    reference_triples: int = 0
    audit_triples: int = 0
    inferred_triples: int = 0
    summary_triples: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # severity → count
    ontology_triples: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # "extraction", "load", … → seconds

    def __str__(self) -> str:
        lines = [
            f"built {self.store} in {self.seconds:.1f} s: {len(self.plans)} plans, "
            f"{self.reference_triples} reference triples, {self.ontology_triples} ontology triples, "
            f"{self.inferred_triples} inferred triples, {self.summary_triples} summary triples, "
            f"{self.audit_triples} audit triples"
        ]
        if self.phases:
            lines.append("  " + ", ".join(f"{name} {s:.1f} s" for name, s in self.phases.items()))
        if self.findings:
            counts = ", ".join(f"{n} {severity}" for severity, n in sorted(self.findings.items()))
            lines.append(f"  audit findings: {counts} (details: `kg validate --store {self.store}`)")
        lines += [f"  ok     {f}: {n} triples → {iri}" for f, iri, n in self.plans]
        lines += [f"  FAILED {f}: {msg}" for f, msg in self.failed]
        return "\n".join(lines)


def build(data_dir: Path, store_path: str) -> BuildReport:
    """Build a fresh store at ``store_path`` from ``data_dir`` (plans/ and reference/).

    ``store_path`` is a folder or any store specification (see :mod:`kg.stores`): an on-disk
    Oxigraph store is built beside the old one and swapped in; other backends get the graphs of a
    build in a temporary Oxigraph store (each graph replaced, graphs no longer built dropped).

    Plans are extracted and mapped in worker processes (:mod:`kg.pipeline.workers`), spooled as
    N-Quads and bulk-loaded into the fresh staging store in one pass (no transaction is needed:
    a failed build never replaces the previous store)."""
    spec = parse_store(store_path)
    if spec.kind != "oxigraph":
        return _build_elsewhere(data_dir, store_path)
    started = time.perf_counter()
    target = Path(spec.location)
    recover_interrupted_swap(target)
    staging = target.with_name(target.name + ".building")
    spool = target.with_name(target.name + ".building.nq")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(store=str(target))

    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    reference = rebase(parse_turtle_files(sorted((data_dir / "reference").glob("*.ttl"))))
    ref_index = ReferenceIndex.from_graph(reference + ontology)
    with _phase(report, "extraction"):
        _extract(data_dir / "plans", ref_index, spool, report)
    with _phase(report, "load"):
        store = _load(staging, spool, ontology, reference, report)
    with _phase(report, "inference"):
        report.inferred_triples = materialise(store, bulk=True)
    with _phase(report, "summary"):
        report.summary_triples = summarise(store)
    with _phase(report, "validation"):
        report.audit_triples, report.findings = _audit(store, staging)
    store.flush()
    del store

    _swap(staging, target)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _phase(report: BuildReport, name: str) -> Iterator[None]:
    """Time one phase of the build into ``report.phases`` (when it completes)."""
    started = time.perf_counter()
    yield
    report.phases[name] = time.perf_counter() - started


def _extract(plans_dir: Path, ref_index: ReferenceIndex, spool: Path, report: BuildReport) -> None:
    """Extract and map every plan file into the N-Quads ``spool``; failures go to the report."""
    try:
        with spool.open("wb") as out:
            for mapped in mapped_plans(plan_files(plans_dir), ref_index):
                if mapped.error:
                    report.failed.append((mapped.file, mapped.error))
                    continue
                out.write(mapped.nquads)
                report.plans.append((mapped.file, mapped.plan, mapped.triples))
    except OSError as e:
        spool.unlink(missing_ok=True)
        raise StoreError(f"cannot write the build's spool file {spool}: {e}") from e


def _load(staging: Path, spool: Path, ontology: Graph, reference: Graph, report: BuildReport) -> ox.Store:
    """A new store at ``staging`` holding the ontology, the reference data and the spooled plans."""
    try:
        store = ox.Store(str(staging))
        report.ontology_triples = load_graph(store, ontology, str(graph_iri("ontology")))
        report.reference_triples = load_graph(store, reference, str(graph_iri("reference")))
        if spool.stat().st_size:
            store.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError) as e:
        raise StoreError(f"cannot load the build into {staging}: {e}") from e
    finally:
        spool.unlink(missing_ok=True)
    return store


def summarise(store: ox.Store) -> int:
    """Write graph/summary (kg/pipeline/summary.py) into the fresh store; returns its number of triples."""

    def select(text: str) -> list[dict[str, object]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        return [{n: ox_to_rdflib(row[n]) if row[n] is not None else None for n in names} for row in rows]

    data = summary_ntriples(select)
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri("summary"))))
    return data.count(b"\n")


def _audit(store: ox.Store, path: Path) -> tuple[int, dict[str, int]]:
    """Validate the plans and run the hierarchy audits; store the results in graph/audit.

    The store is flushed first, so that the shapes can run in worker processes that open the
    folder ``path`` read-only (for many plans; see :func:`kg.validation.validate_store`)."""
    store.flush()
    result = validate_store(store, store_path=str(path))
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return store_audit_graph(store, result), counts


def recover_interrupted_swap(target: Path) -> bool:
    """Put ``<store>.previous`` back if a build was killed between its two renames.

    The swap renames the old store to ``.previous`` and then the new one into place; a kill in
    between leaves no store at ``target``. Returns True when it restored the previous store.
    """
    backup = target.with_name(target.name + ".previous")
    if not target.exists() and backup.is_dir():
        backup.rename(target)
        return True
    return False


def _swap(staging: Path, target: Path) -> None:
    """Put the finished store in place of the old one (see :func:`recover_interrupted_swap`)."""
    backup = target.with_name(target.name + ".previous")
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    staging.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def _build_elsewhere(data_dir: Path, spec: str) -> BuildReport:
    """Build into a temporary Oxigraph store (inference and audits run there), then copy every named
    graph into the backend named by ``spec`` and drop the graphs the build no longer produces."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vnge-build-") as folder:
        report = build(data_dir, str(Path(folder) / "store"))
        source = open_backend(str(Path(folder) / "store"), read_only=True)
        try:
            target = open_backend(spec, create=True)
        except OSError as e:
            raise StoreError(f"cannot open the store {spec}: {e}") from e
        built = set(source.graphs())
        stale = [g for g in target.graphs() if g not in built]
        copy_graphs(source, target)
        for graph in stale:
            target.drop_graph(graph)
        target.close()
        source.close()
    report.store = str(parse_store(spec))
    report.seconds = time.perf_counter() - started
    return report
