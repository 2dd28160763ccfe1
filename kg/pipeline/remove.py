"""``kg remove`` (one plan out of the store and the corpus) and ``kg list`` (the corpus and its state).

A plan is named by its IRI (or its path under the base), by the name of the file it came from, or
by a path to that file. Its corpus entry is taken out first, then its graphs in one update (with
the refresh of graph/inference for them), then graph/summary and the findings of the plans it
touched are brought up to date (kg/pipeline/scope.py), as at ingest. A file of the data folder's
``plans/`` is not removed: that folder is kept by hand (delete the file there, then ``kg build``).
When the removed file had replaced a file of ``plans/`` (same name, or same plan), that file is
ingested again, so the store stays what a build of the corpus gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.pipeline.corpus import Source, file_sha256, sources
from kg.pipeline.ingest import (
    FileResult,
    Session,
    changed_graphs,
    finish,
    ingest_file,
    open_store,
    quote_store,
    sources_of,
)
from kg.pipeline.rules import update_with_rules
from kg.pipeline.scope import after_change, before_change, summary_is_current, touched
from kg.pipeline.sources import is_plan_file
from kg.pipeline.summary import mark_stale
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.namespaces import VNP, base
from kg.stores import Backend, parse_store

_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass
class Removed:
    plans: list[str]
    files: list[str]
    restored: list[FileResult]

    def lines(self) -> list[str]:
        out = [f"removed    {f}" for f in self.files] + [f"           plan {p}" for p in self.plans]
        return out + [f"restored   {r.line()}" for r in self.restored]


def _graphs_named(store: Backend, what: str) -> dict[str, str]:
    """{plan graph: plan} of the plan named by ``what`` (IRI, path under the base, file name or path)."""
    path = Path(what)
    web = what.startswith(("http://", "https://"))
    if web or ("/" in what and not path.exists() and not is_plan_file(path)):
        iri = what if what.startswith(("http://", "https://")) else base() + what.lstrip("/")
        graph = str(plan_graph_iri(URIRef(iri)))
        found = store.query(f"ASK {{ GRAPH <{graph}> {{ <{iri}> <{_DERIVED}> ?f }} }}")["boolean"]
        return {graph: iri} if found else {}
    if path.is_file():
        match = f"?f <{VNP.sha256}> {Literal(file_sha256(path)).n3()}"
    else:
        match = f"?f <{VNP.fileName}> {Literal(path.name).n3()}"
    query = f"SELECT DISTINCT ?g ?p WHERE {{ GRAPH ?g {{ ?p <{_DERIVED}> ?f . {match} }} }}"
    rows = store.query(query)["rows"]
    return {r[0][1]: r[1][1] for r in rows if all(r)}


def remove(what: str, store_path: str) -> Removed:
    """Take the plan named by ``what`` out of the store and the corpus (see the module docstring)."""
    store = open_store(store_path)
    try:
        session = Session.open(store, store_path)
        graphs = _graphs_named(store, what)
        if not graphs:
            raise InputError(what, "names no plan of the store (a plan IRI, a file name or a file path)",
                             "`kg list` shows the corpus and its plans")
        files = sources_of(store, graphs)
        for sha, name in sorted(files.values()):
            record = session.state.record(sha) if session.state else None
            if record is not None and record.origin == "plans":
                raise InputError(name, f"comes from {session.plans_folder()}, which is kept by hand",
                                 "delete or move the file there, then run `kg build`")
        for sha, _ in files.values():
            if session.corpus is not None:
                session.corpus.discard(sha)  # first: a crash now leaves a store the next build corrects
        plans = set(graphs.values())
        scope = touched(store, plans, graphs)
        old_counts, marks = before_change(store, scope, graphs, summary_is_current(store))
        update, nodes = changed_graphs(store, session.rules, set(graphs), plans, None, None, None)
        operations = [*update, mark_stale(), *([marks] if marks else [])]
        update_with_rules(store, session.rules.properties, operations, nodes)
        after_change(store, scope, old_counts, [], quote_store(store))
        gone = {sha for sha, _ in files.values()}
        session.recorded(gone, None)
        restored = [ingest_file(store, s.path, session.ref, session.rules, session)
                    for s in _uncovered(session, gone, {n for _, n in files.values()})]
        finish(store)
        parse_store(store_path).touch_generation()  # a running service reopens the store
        return Removed(sorted(plans), sorted(n for _, n in files.values()), restored)
    finally:
        store.close()


def _uncovered(session: Session, gone: set[str], names: set[str]) -> list[Source]:
    """Files of plans/ that the removed files replaced (same name or same plan): inputs again."""
    if session.state is None or session.plans_folder() is None:
        return []
    replaced = {f.sha256 for f in session.state.files if f.superseded_by in gone}
    folder = session.plans_folder()
    assert folder is not None
    out = []
    for source in sources(folder.parent, session.corpus) if session.corpus else []:
        if source.origin == "plans" and (source.sha256 in replaced or source.name in names):
            out.append(source)
    return out
