"""Which plans an ingest or a removal touches, and the refresh of what depends on them: graph/summary
(kg/pipeline/tally.py), graph/comparison (kg/pipeline/comparison.py) and the findings in graph/audit
(kg/validation/scoped.py).

When a plan's graph changes, the findings that can change are those of the plan itself, of the
plans it names (its parents, the plans it cites: its graph describes them), of the plans whose
graph names it (its children, the plans citing it) and of all its descendants (a target is
compared with every ancestor's). :func:`touched` finds them, before the change, from the old graphs
and the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef

from kg.pipeline import comparison
from kg.pipeline.summary import is_current
from kg.pipeline.tally import Contribution, Rows, contribution, summary_update
from kg.rdf.namespaces import VNP
from kg.rdf.terms import tuple_to_rdflib
from kg.stores import Backend
from kg.validation.scoped import audit_update, mark_outdated, plan_graphs, revalidate

_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_NAMED_IN = """SELECT DISTINCT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(isIRI(?o))
  GRAPH ?h {{ ?o <{derived}> ?file }} }}"""
_NAMING = """SELECT DISTINCT ?plan WHERE {{ VALUES ?x {{ {values} }} GRAPH ?h {{ ?s ?p ?x }}
  GRAPH ?h {{ ?plan <{derived}> ?file }} }}"""
_CHILDREN = """SELECT DISTINCT ?c WHERE {{ VALUES ?x {{ {values} }} ?c <{vnp}implements> ?x .
  GRAPH ?h {{ ?c <{derived}> ?file }} }}"""
#: descendants re-validated after a change, at most (a national plan's change would otherwise
#: re-validate the whole corpus: past this, the rest is marked outdated and `kg validate` refreshes it)
MAX_SCOPE = 400


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


def _column(store: Backend, query: str) -> set[str]:
    return {row[0][1] for row in store.query(query)["rows"] if row[0] is not None and row[0][0] == "uri"}


@dataclass
class Scope:
    """The plans whose findings are re-run (``plans``) and those only marked outdated (``rest``)."""

    plans: set[str]
    rest: set[str]


def touched(store: Backend, plans: Iterable[str], graphs: Iterable[str], new_iris: Iterable[str] = ()
            ) -> Scope:
    """The plans whose findings may change when the plans ``plans`` (whose graphs are ``graphs`` now,
    and whose new graph names ``new_iris``) change."""
    plans = set(plans)
    named: set[str] = set()
    for graph in sorted(set(graphs)):
        named |= _column(store, _NAMED_IN.format(graph=graph, derived=_DERIVED))
    new = sorted(set(new_iris))
    for i in range(0, len(new), 400):
        named |= set(plan_graphs(store, new[i:i + 400]))
    out = plans | named
    if plans:
        out |= _column(store, _NAMING.format(values=_values(plans), derived=_DERIVED))
    frontier, seen = set(plans), set(plans)
    while frontier and len(out) <= MAX_SCOPE:
        children = _column(store, _CHILDREN.format(values=_values(frontier), vnp=VNP, derived=_DERIVED))
        frontier = children - seen
        seen |= children
        out |= children
    if len(out) <= MAX_SCOPE:
        return Scope(out, set())
    keep = plans | set(sorted(out - plans)[: max(0, MAX_SCOPE - len(plans))])
    return Scope(keep, out - keep)


def iris_of(graph: object) -> set[str]:
    """The IRIs in object position of an rdflib graph (the plans a new graph may name)."""
    return {str(o) for _, _, o in graph if isinstance(o, URIRef)}  # type: ignore[attr-defined]


def select_for(store: Backend) -> Callable[[str], list[dict[str, object]]]:
    """A :data:`kg.pipeline.summary.Select` over a backend (rows of rdflib terms)."""
    def select(text: str) -> list[dict[str, object]]:
        result = store.query(text)
        names = result["vars"]
        return [{n: tuple_to_rdflib(t) if t is not None else None for n, t in zip(names, row, strict=True)}
                for row in result["rows"]]
    return select


def lexical_rows(store: Backend) -> Rows:
    """A :data:`kg.pipeline.tally.Rows` over a backend: rows of lexical values (no rdflib terms)."""
    def rows(text: str) -> list[dict[str, str | None]]:
        result = store.query(text)
        names = result["vars"]
        return [{n: t[1] if t is not None else None for n, t in zip(names, row, strict=True)}
                for row in result["rows"]]
    return rows


def summary_is_current(store: Backend) -> bool:
    return bool(store.query(is_current())["boolean"])


def before_change(store: Backend, scope: Scope, old_graphs: Iterable[str], summary_current: bool
                  ) -> tuple[Contribution | None, str]:
    """(the summary counts of the graphs about to go, when the summary is current; the update
    marking the scope's findings outdated) — read and made before the change is written."""
    old = contribution(lexical_rows(store), old_graphs) if summary_current else None
    return old, mark_outdated(scope.plans | scope.rest)


def after_change(store: Backend, scope: Scope, old: Contribution | None, new_graphs: Iterable[str],
                 quote_store: ox.Store | None = None) -> list[str]:
    """Bring graph/summary (when ``old`` is given) and the scope's findings up to date with the
    committed change, in one update request; returns errors of parts that could not be checked."""
    # the target comparisons first (kg/pipeline/comparison.py): the weaker-target audit reads them
    compared = comparison.refresh(select_for(store), scope.plans | scope.rest)
    if compared:
        store.update(compared)
    rows = lexical_rows(store)
    ops = []
    if old is not None:
        ops.append(summary_update(rows, old, contribution(rows, new_graphs)))
    report = revalidate(store, scope.plans, quote_store)
    ops.append(audit_update(store, scope.plans, report))
    store.update(" ;\n".join(ops))
    return report.errors
