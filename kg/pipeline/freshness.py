"""Whether a store is up to date with its inputs, and what of an old store a rebuild must keep.

``make serve`` runs ``kg build --if-needed``: :func:`rebuild_reason` compares the store's record
(kg/pipeline/state.py) with the inputs on disk, so a restart does not rebuild a store that is up to
date (seconds instead of a build).

Before a store is replaced, :func:`keep_orphans` looks for plans in it that no input accounts for:
plans ingested before the corpus existed (an older ``kg ingest`` kept no file), inserted by a
SPARQL update, or kept in another corpus folder than the one this build reads (``VNGE_CORPUS``
changed). Their graphs are kept in the corpus (kg/pipeline/corpus.py, ``<name>.nq``), so the
rebuild carries them over. A plan whose file the record lists is not kept when that file is gone:
the file was taken out on purpose (deleted from ``plans/`` or by ``kg remove``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.pipeline.corpus import Corpus, Source
from kg.pipeline.state import StoreState, source_keys
from kg.rdf.namespaces import VNP, graph_iri
from kg.stores import StoreSpec

_SOURCES = f"""SELECT ?g ?plan ?sha ?name WHERE {{
  GRAPH ?g {{ ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?file .
             ?file <{VNP.sha256}> ?sha ; <{VNP.fileName}> ?name }} }}"""


def rebuild_reason(spec: StoreSpec, state: StoreState | None, environment: str, inputs: list[Source]
                   ) -> str | None:
    """Why the store must be rebuilt, or None when its record matches the inputs."""
    if spec.missing() or (spec.kind == "memory" and not spec.location):
        return "there is no store yet"
    if spec.kind == "sparql":
        return "a remote store keeps no record of what it was built from"
    if state is None:
        return "the store has no record of the files it was built from"
    if state.restored:
        return None  # restored from a dump: kept as it is until `kg build` is asked for
    if state.environment != environment:
        return "kg, the ontology, the shapes, the reference data or VNGE_BASE changed"
    now, then = set(source_keys(inputs)), {f.key() for f in state.files}
    if now != then:
        added = sorted(name for _, name, _ in now - then)
        gone = sorted(name for _, name, _ in then - now)
        parts = [f"new or changed: {', '.join(added[:5])}{' …' if len(added) > 5 else ''}"] if added else []
        parts += [f"gone: {', '.join(gone[:5])}{' …' if len(gone) > 5 else ''}"] if gone else []
        return "the corpus changed (" + "; ".join(parts) + ")"
    return None


def keep_orphans(spec: StoreSpec, state: StoreState | None, inputs: list[Source], corpus: Corpus
                 ) -> list[str]:
    """Keep in the corpus, as graphs, the plans of the existing store at ``spec`` (an on-disk Oxigraph
    store) that no input and no file of its record accounts for; returns their plan IRIs."""
    if spec.kind != "oxigraph" or not Path(spec.location).is_dir():
        return []
    # files the record lists count as taken out on purpose when gone, but only those of the corpus
    # being read: when the corpus folder changed, the plans kept in the former one are kept here
    same = state is not None and Path(state.corpus).resolve() == corpus.folder.resolve()
    known = {s.sha256 for s in inputs} | {f.sha256 for f in (state.files if state else [])
                                          if f.origin == "plans" or same}
    prefix = str(graph_iri("plan")) + "/"
    try:
        store = ox.Store.read_only(spec.location)
    except OSError:
        return []  # not a store we can read: the build replaces it as before
    kept = []
    try:
        rows = store.query(_SOURCES, use_default_graph_as_union=False)
        orphans = sorted({(r["g"].value, r["plan"].value, r["sha"].value, r["name"].value) for r in rows
                          if r["g"].value.startswith(prefix) and r["sha"].value not in known})
        for graph, plan, sha, name in orphans:
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            corpus.keep(_with_graph(data, graph), name, sha256=sha, graph=True)
            kept.append(plan)
    finally:
        del store
    return kept


def _with_graph(data: bytes, graph: str) -> bytes:
    """Sorted N-Quads of ``graph`` from its N-Triples."""
    suffix = f" <{graph}> .\n".encode()
    return b"".join(sorted(line[:-2] + suffix for line in data.splitlines() if line.endswith(b" .")))
