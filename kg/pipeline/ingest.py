"""Ingest plan documents into a built store, one atomic transaction per document, keeping each
accepted file in the corpus so that every later build has it too.

Each document is read, extracted and mapped first; a bad one changes nothing and is reported. An
accepted file is then kept in the corpus folder (kg/pipeline/corpus.py) *before* the store is
touched: if the store update fails or is killed, the next ``kg build --if-needed`` rebuilds with
the file. The store gets one SPARQL update (``DROP SILENT GRAPH`` of the graphs the same file, or
the same plan, produced before + ``INSERT DATA`` of the new graph + the refresh of
``graph/inference`` for both, see :func:`kg.pipeline.infer.refresh_operations`, + marks saying that
graph/summary and the touched plans' findings are being refreshed), which Oxigraph applies
all-or-nothing; then a second one brings graph/summary (by the plan's counts, kg/pipeline/tally.py)
and the findings of the plans it touches (kg/pipeline/scope.py) up to date. A corpus entry the new
file replaces is then taken out, and the store's record (kg/pipeline/state.py) rewritten.

The store is any backend of :mod:`kg.stores`. On a remote Virtuoso the same requests are sent, but
Virtuoso runs each in autocommit mode: readers may briefly see the old graph dropped before the new
one is in.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import KGError, StoreError
from kg.pipeline import entities
from kg.pipeline.corpus import Corpus, CorpusError, corpus_folder
from kg.pipeline.infer import Closures, closures, refresh_operations
from kg.pipeline.reference import reference_index
from kg.pipeline.rules import load as load_rules
from kg.pipeline.rules import touched_nodes, update_with_rules
from kg.pipeline.scope import (
    MAX_SCOPE,
    Scope,
    after_change,
    before_change,
    iris_of,
    select_for,
    summary_is_current,
    touched,
)
from kg.pipeline.sources import extract_to_graph, is_plan_file
from kg.pipeline.state import FileRecord, StoreState, read_state, write_state
from kg.pipeline.summary import mark_stale, summary_graph
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.namespaces import VNP, graph_iri
from kg.rdf.references import ReferenceIndex
from kg.rdf.release import derivation_update
from kg.stores import Backend, open_backend, parse_store
from kg.stores.oxigraph import OxigraphBackend
from kg.validation.scoped import outdated


@dataclass
class FileResult:
    file: str
    status: str  # "added" | "replaced" | "unchanged" | "failed"
    plan: str | None = None
    triples: int = 0
    message: str = ""
    flags: list[str] = field(default_factory=list)
    kept: str = ""  # where the corpus keeps the file

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
            "`kg ingest`, `kg remove` or an upload) holding it? Wait for it to finish and try again."
        ) from e


def _graphs_of_file(store: Backend, file_name: str) -> set[str]:
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s <{VNP.fileName}> {Literal(file_name).n3()} }} }}"
    return {row[0][1] for row in store.query(query)["rows"] if row[0] is not None}


def sources_of(store: Backend, graphs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """{graph: (sha256, file name)} of the source files the plan graphs were extracted from."""
    values = " ".join(f"<{g}>" for g in sorted(set(graphs)))
    if not values:
        return {}
    rows = store.query(f"SELECT ?g ?sha ?name WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
                       f"?f <{VNP.sha256}> ?sha ; <{VNP.fileName}> ?name }} }}")["rows"]
    return {r[0][1]: (r[1][1], r[2][1]) for r in rows if all(r)}


def _has_graph(store: Backend, graph_name: str) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}")["boolean"])


def _closures(store: Backend) -> Closures:
    return closures(lambda text: [(str(r["sub"]), str(r["super"])) for r in select_for(store)(text)])


@dataclass
class Session:
    """What a batch of ingests or removals shares: the reference index, the ontology's closures, the
    corpus and the store's record."""

    store: Backend
    ref: ReferenceIndex
    rules: Closures
    corpus: Corpus | None
    state: StoreState | None
    spec: str

    @classmethod
    def open(cls, store: Backend, store_path: str, keep: bool = True) -> Session:
        state = read_state(store_path)
        corpus = Corpus(state.corpus) if state else Corpus(corpus_folder(Path("data")))
        return cls(store, reference_index(store), _closures(store), corpus if keep else None, state,
                   store_path)

    def plans_folder(self) -> Path | None:
        return Path(self.state.data) / "plans" if self.state and self.state.data else None

    def commit(self, store_path: str | None = None) -> None:
        if self.state is not None:
            write_state(store_path or self.spec, self.state)

    def recorded(self, gone: Iterable[str], added: FileRecord | None) -> None:
        """Update the store's record after a committed change: the files ``gone`` (sha256) out — a
        file of plans/ that another file replaced stays, marked as replaced, since a build reads it
        too — and ``added`` in (a file of plans/ with its name, which it shadows, out)."""
        if self.state is None:
            return
        gone = set(gone)
        files = []
        for f in self.state.files:
            shadowed = added is not None and f.origin == "plans" and f.name == added.name
            if added is not None and f.key() == added.key():
                continue
            if f.sha256 in gone and f.origin == "plans" and not shadowed and added is not None:
                f.superseded_by = added.sha256
            elif f.sha256 in gone or shadowed:
                continue
            files.append(f)
        self.state.files = files + ([added] if added else [])
        self.commit()


def ingest_file(store: Backend, path: Path, ref: ReferenceIndex, rules: Closures | None = None,
                session: Session | None = None, name: str | None = None) -> FileResult:
    """Ingest one document atomically; never raises for bad input (the result says what failed)."""
    name = name or path.name
    try:
        extracted = extract_to_graph(path, ref)
        data = path.read_bytes()
    except (KGError, OSError) as e:
        return FileResult(name, "failed", message=str(e))
    plan, graph = extracted.plan, extracted.graph
    gname = str(plan_graph_iri(URIRef(plan)))
    flags = sorted(str(o) for o in graph.objects(None, VNP.extractionFlag))
    flags += [f"warning: {w}" for w in extracted.warnings]
    sha = hashlib.sha256(data).hexdigest()
    previous = _graphs_of_file(store, name)
    if _has_graph(store, gname):
        previous.add(gname)
    old_sources = sources_of(store, previous)
    unchanged = previous == {gname} and old_sources.get(gname, ("",))[0] == sha
    origin = "corpus"
    if session is not None and session.plans_folder() is not None and \
            path.resolve().parent == session.plans_folder().resolve():  # type: ignore[union-attr]
        origin = "plans"
    kept = ""
    if session is not None and session.corpus is not None and origin == "corpus":
        try:
            # first: the file is safe before the store changes
            kept = str(session.corpus.keep(data, name).path)
        except (CorpusError, KGError) as e:
            return FileResult(name, "failed", plan, message=str(e))
    if unchanged:
        if session is not None and session.state is not None and session.state.record(sha) is None:
            session.recorded((), FileRecord(origin, name, sha, plan))
        return FileResult(name, "unchanged", plan, len(graph), flags=flags, kept=kept)
    put_graph(store, plan, graph, previous, rules)
    replaced = {s for s, _ in old_sources.values()} - {sha}
    if session is not None:
        if session.corpus is not None:
            for old in replaced:
                session.corpus.discard(old)
        session.recorded(replaced, FileRecord(origin, name, sha, plan))
    return FileResult(name, "replaced" if previous else "added", plan, len(graph), flags=flags, kept=kept)


def put_graph(store: Backend, plan: str, graph: Graph, previous: set[str], rules: Closures | None = None
              ) -> None:
    """Replace the graphs ``previous`` by ``graph`` (the graph of ``plan``) in one update request
    (with graph/inference), then bring graph/summary and the touched plans' findings up to date."""
    gname = str(plan_graph_iri(URIRef(plan)))
    old_plans = _plans_of(store, previous)
    scope = touched(store, {plan} | old_plans, previous, iris_of(graph))
    old_counts, marks = before_change(store, scope, previous, summary_is_current(store))
    rules = rules or _closures(store)
    update, nodes = changed_graphs(store, rules, previous, old_plans, gname, graph, plan)
    update_with_rules(store, rules.properties, [*update, mark_stale(), *([marks] if marks else [])], nodes)
    after_change(store, scope, old_counts, [gname], quote_store(store))


def changed_graphs(store: Backend, rules: Closures, previous: set[str], old_plans: set[str],
                   gname: str | None, graph: Graph | None, plan: str | None) -> tuple[list[str], set[str]]:
    """The update operations replacing the plan graphs ``previous`` (of ``old_plans``) by ``graph``
    (named ``gname``, of ``plan``; None: a removal), with graph/entities and graph/inference's
    closures kept exact (kg/pipeline/entities.py, kg/pipeline/infer.py): one request, so one
    transaction; and the subjects of the triples that go or come, whose domain rules are re-run
    after it (kg/pipeline/rules.py ``update_with_rules``)."""
    change = entities.refresh(select_for(store), previous, graph, plan, old_plans)
    scratch_old, scratch_new = (str(graph_iri(f"entities-{k}")) for k in ("removed", "added"))
    copy_old, delete_old, insert_new = entities.operations(change, scratch_old, scratch_new)
    dropped = sorted(previous) + ([scratch_old] if change.removed else [])
    added = ([gname] if gname else []) + ([scratch_new] if change.added else [])
    before, after = refresh_operations(rules, dropped, added)
    drops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(previous)] + delete_old
    if change.removed:
        drops.append(f"DROP SILENT GRAPH <{scratch_old}>")
    insert = []
    if graph is not None and gname:
        body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        insert.append(f"INSERT DATA {{ GRAPH <{gname}> {{\n{body}}} }}")
    end = [f"DROP SILENT GRAPH <{scratch_new}>"] if change.added else []
    nodes = touched_nodes(store, load_rules(), rules.properties, previous,
                          [*change.removed, *change.added, *(graph if graph is not None else ())])
    return [*copy_old, *before, *drops, *insert, *insert_new, *after, *end], nodes


def _plans_of(store: Backend, graphs: Iterable[str]) -> set[str]:
    values = " ".join(f"<{g}>" for g in sorted(set(graphs)))
    if not values:
        return set()
    rows = store.query(f"SELECT DISTINCT ?p WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
                       "?p <http://www.w3.org/ns/prov#wasDerivedFrom> ?f } }")["rows"]
    return {r[0][1] for r in rows if r[0]}


def quote_store(store: Backend):  # noqa: ANN202 - a pyoxigraph Store or None
    return store.store if isinstance(store, OxigraphBackend) else None


def finish(store: Backend) -> None:
    """After a batch: recompute graph/summary whole if it is still marked stale, and re-run the
    findings still marked outdated (a batch killed between a plan's two requests, a SPARQL update,
    a store built before summaries were incremental)."""
    if not summary_is_current(store):
        store.replace_graph(str(graph_iri("summary")), summary_graph(select_for(store)))
    plans, _ = outdated(store)
    if plans:
        after_change(store, Scope(set(plans[:MAX_SCOPE]), set()), None, [], quote_store(store))
    store.update(derivation_update())  # the derived graphs name this release (kg/rdf/release.py)


def ingest(
    paths: Iterable[Path], store_path: str, progress: Callable[[int, int, str], None] | None = None,
    keep: bool = True,
) -> list[FileResult]:
    """Ingest files and folders into the store at ``store_path``; one result per file. Each accepted
    file is kept in the corpus (``keep=False``: not, for a store no build will be made from)."""
    files = expand(paths)
    store = open_store(store_path)
    try:
        session = Session.open(store, store_path, keep)
        results = []
        for i, path in enumerate(files, 1):
            if progress:
                progress(i, len(files), path.name)
            results.append(ingest_file(store, path, session.ref, session.rules, session))
            parse_store(store_path).touch_generation()  # a running service reopens the store
        finish(store)
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
