"""Ingest new plan documents into an existing store, one atomic transaction per document.

Each document is read, extracted and mapped first; only then is the store
touched, with a single SPARQL Update (``DROP SILENT GRAPH`` of the graphs this
file produced before + ``INSERT DATA`` of the new graph), which Oxigraph applies
all-or-nothing. So a bad document changes nothing, a re-ingested unchanged file
changes nothing, and a changed file replaces its own named graph only.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.build import PLAN_SUFFIXES, extract_to_graph
from kg.errors import KGError, StoreError
from kg.mapping import ReferenceIndex, plan_graph_iri
from kg.namespaces import VNP, graph_iri


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
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PLAN_SUFFIXES)
        else:
            out.append(p)
    return out


def open_store(path: str) -> ox.Store:
    if not Path(path).exists():
        raise StoreError(f"no store at {path}: build one first with `kg build --store {path}`")
    try:
        return ox.Store(path)
    except OSError as e:
        raise StoreError(
            f"cannot open the store at {path} for writing ({e}). Is another process (a running "
            "`kg serve` or `kg ingest`) holding it? Stop it and try again."
        ) from e


def reference_index(store: ox.Store) -> ReferenceIndex:
    graph = Graph()
    for name in ("reference", "ontology"):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph_iri(name))))
        graph.parse(data=data, format="nt")
    return ReferenceIndex.from_graph(graph)


def _graphs_of_file(store: ox.Store, file_name: str) -> set[str]:
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s <{VNP.fileName}> {ox.Literal(file_name)} }} }}"
    return {row["g"].value for row in store.query(query)}


def _same_content(store: ox.Store, graph_name: str, sha256: str) -> bool:
    query = f"ASK {{ GRAPH <{graph_name}> {{ ?s <{VNP.sha256}> {ox.Literal(sha256)} }} }}"
    return bool(store.query(query))


def ingest_file(store: ox.Store, path: Path, ref: ReferenceIndex) -> FileResult:
    """Ingest one document atomically; never raises for bad input (the result says what failed)."""
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
    if store.contains_named_graph(ox.NamedNode(name)):
        previous.add(name)
    if previous == {name} and _same_content(store, name, sha):
        return FileResult(path.name, "unchanged", plan, len(graph), flags=flags)
    body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in sorted(previous))
    store.update(f"{drops}INSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}")
    return FileResult(path.name, "replaced" if previous else "added", plan, len(graph), flags=flags)


def ingest(
    paths: Iterable[Path], store_path: str, progress: Callable[[int, int, str], None] | None = None
) -> list[FileResult]:
    """Ingest files and folders into the store at ``store_path``; one result per file."""
    files = expand(paths)
    store = open_store(store_path)
    try:
        ref = reference_index(store)
        results = []
        for i, path in enumerate(files, 1):
            if progress:
                progress(i, len(files), path.name)
            results.append(ingest_file(store, path, ref))
        store.flush()
        return results
    finally:
        del store


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
