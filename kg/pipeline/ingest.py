"""Ingest new plan documents into an existing store, one atomic transaction per document.

Each document is read, extracted and mapped first; only then is the store
touched, with a single SPARQL Update (``DROP SILENT GRAPH`` of the graphs this
file produced before + ``INSERT DATA`` of the new graph + the refresh of
``graph/inference`` for both, see :func:`kg.pipeline.infer.refresh_operations`), which
Oxigraph applies all-or-nothing. So a bad document changes nothing, a re-ingested unchanged file
changes nothing, and a changed file replaces its own named graph only.

The store is any backend of :mod:`kg.stores` (``--store oxigraph:PATH``, ``memory:FILE``,
``sparql:URL;update=…``). On a remote Virtuoso the same single update request is sent, but Virtuoso
runs it in autocommit mode: readers may briefly see the old graph dropped before the new one is in.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import KGError, StoreError
from kg.pipeline.infer import Closures, closures, refresh_operations
from kg.pipeline.sources import extract_to_graph, is_plan_file
from kg.pipeline.summary import is_current, mark_stale, summary_graph
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.namespaces import VNP, graph_iri
from kg.rdf.references import ReferenceIndex
from kg.rdf.terms import tuple_to_rdflib
from kg.stores import Backend, open_backend, parse_store


@dataclass
class FileResult:
    file: str
    status: str  # "added" | "replaced" | "unchanged" | "failed"
    plan: str | None = None
    triples: int = 0
    message: str = ""
    flags: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.status == "failed":
            return f"FAILED     {self.file}: {self.message}"
        flags = f" [flags: {', '.join(self.flags)}]" if self.flags else ""
        return f"{self.status:<10} {self.file}: {self.triples} triples → {self.plan}{flags}"


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and the plan files (.txt/.docx/.pdf) inside given folders."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and is_plan_file(f))
        else:
            out.append(p)
    return out


def open_store(path: str) -> Backend:
    spec = parse_store(path)
    if spec.missing():
        raise StoreError(f"no store at {path}: build one first with `kg build --store {path}`")
    try:
        return open_backend(spec)
    except OSError as e:
        raise StoreError(
            f"cannot open the store at {path} for writing ({e}). Is another process (a running "
            "`kg serve` or `kg ingest`) holding it? Stop it and try again."
        ) from e


def reference_index(store: Backend) -> ReferenceIndex:
    graph = Graph()
    for name in ("reference", "ontology"):
        for triple in store.graph(str(graph_iri(name))):
            graph.add(triple)
    return ReferenceIndex.from_graph(graph)


def _graphs_of_file(store: Backend, file_name: str) -> set[str]:
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s <{VNP.fileName}> {Literal(file_name).n3()} }} }}"
    return {row[0][1] for row in store.query(query)["rows"] if row[0] is not None}


def _same_content(store: Backend, graph_name: str, sha256: str) -> bool:
    query = f"ASK {{ GRAPH <{graph_name}> {{ ?s <{VNP.sha256}> {Literal(sha256).n3()} }} }}"
    return bool(store.query(query)["boolean"])


def _has_graph(store: Backend, graph_name: str) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}")["boolean"])


def _select(store: Backend):  # noqa: ANN202 - a kg.pipeline.summary.Select
    def select(text: str) -> list[dict[str, object]]:
        result = store.query(text)
        names = result["vars"]
        return [{n: tuple_to_rdflib(t) if t is not None else None for n, t in zip(names, row, strict=True)}
                for row in result["rows"]]
    return select


def _closures(store: Backend) -> Closures:
    return closures(lambda text: [(str(r["sub"]), str(r["super"])) for r in _select(store)(text)])


def ingest_file(store: Backend, path: Path, ref: ReferenceIndex, rules: Closures | None = None) -> FileResult:
    """Ingest one document atomically; never raises for bad input (the result says what failed).

    The same update request refreshes graph/inference for the replaced and the new graph
    (:func:`kg.pipeline.infer.refresh_operations`), so no reader sees the plan without its inferences."""
    try:
        extracted = extract_to_graph(path, ref)
    except KGError as e:
        return FileResult(path.name, "failed", message=str(e))
    plan, graph = extracted.plan, extracted.graph
    name = str(plan_graph_iri(URIRef(plan)))
    flags = sorted(str(o) for o in graph.objects(None, VNP.extractionFlag))
    flags += [f"warning: {w}" for w in extracted.warnings]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    previous = _graphs_of_file(store, path.name)
    if _has_graph(store, name):
        previous.add(name)
    if previous == {name} and _same_content(store, name, sha):
        return FileResult(path.name, "unchanged", plan, len(graph), flags=flags)
    body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    before, after = refresh_operations(rules or _closures(store), previous, name)
    drops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(previous)]
    insert = f"INSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}"
    store.update(" ;\n".join([*before, *drops, insert, *after, mark_stale()]))
    return FileResult(path.name, "replaced" if previous else "added", plan, len(graph), flags=flags)


def ingest(
    paths: Iterable[Path], store_path: str, progress: Callable[[int, int, str], None] | None = None
) -> list[FileResult]:
    """Ingest files and folders into the store at ``store_path``; one result per file."""
    files = expand(paths)
    store = open_store(store_path)
    try:
        ref = reference_index(store)
        rules = _closures(store)  # the ontology's closures: read once per batch
        results = []
        for i, path in enumerate(files, 1):
            if progress:
                progress(i, len(files), path.name)
            results.append(ingest_file(store, path, ref, rules))
        changed = any(r.status in ("added", "replaced") for r in results)
        if changed or not store.query(is_current())["boolean"]:
            # Whole-corpus counts change with any plan (kg/pipeline/summary.py): one replace, atomic. Also
            # after a batch that was killed before this point (each changed plan marks it stale).
            store.replace_graph(str(graph_iri("summary")), summary_graph(_select(store)))
        return results
    finally:
        store.close()


def stderr_progress(i: int, n: int, name: str) -> None:
    """A one-line progress bar on stderr (only when it is a terminal)."""
    if not sys.stderr.isatty():
        return
    width = 30
    done = int(width * i / max(n, 1))
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {name[:40]:<40}")
    if i == n:
        sys.stderr.write("\n")
    sys.stderr.flush()
