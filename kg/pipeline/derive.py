"""The phases of ``kg build`` after the load: the graphs derived from the plan graphs, written into
the fresh store, with both cores at work.

Each phase reads what the earlier ones wrote, and no more:

- **entities** (graph/entities, kg/pipeline/entities.py) reads the plan graphs;
- **inference** (kg/pipeline/infer.py) reads every graph, graph/entities included;
- **summary** (kg/pipeline/summary.py) and **comparison** (kg/pipeline/comparison.py) read every graph
  once inference is written; neither reads what the other writes, so they run at the same time
  (not beside inference: it reads every graph, and would entail from what they write);
- **validation**: the audits that read the plan graphs only (:data:`PLAN_GRAPH_AUDITS`) start
  beside entities; the shapes read only the plan graphs and the context graphs (graph/entities,
  reference, ontology: kg/validation/run.py ``shape_findings``), so they run beside inference,
  summary and comparison; the audits read the union of every graph, so they start once summary and
  comparison are written, and the findings are merged in one order at the end.

Oxigraph evaluates a query and bulk-loads without holding the interpreter lock, so phases in
threads use both cores. ``serial`` runs the same steps one after another, in this order (the graphs
are the same: tests/pipeline/test_derive.py). Each phase's seconds are its own, from its start to
its end; the phases that run at the same time overlap.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import comparison, entities
from kg.pipeline import summary as summaries
from kg.pipeline.infer import materialise
from kg.rdf.namespaces import graph_iri
from kg.rdf.terms import ox_to_rdflib_memo, rdflib_to_ox_memo
from kg.validation import store_audit_graph
from kg.validation.audit_shapes import load_audits
from kg.validation.run import finish, shape_findings, start_audits, submit_audits

log = logging.getLogger("kg.build")
PHASES = ("entities", "inference", "summary", "comparison", "validation")

#: audits whose every pattern is inside ``GRAPH ?g { … }`` with a plan in ``?g`` (``?plan
#: prov:wasDerivedFrom ?source``, which no derived graph states): they read the plan graphs only, so
#: they run beside entities (tests/pipeline/test_derive.py checks both claims)
PLAN_GRAPH_AUDITS = frozenset({"annotation-well-formed"})


def _threads() -> int:
    """Threads for the phases that run at the same time: one per core available, 2 to 4."""
    return max(2, min(len(os.sched_getaffinity(0)), 4))


@dataclass
class Derived:
    """What the derived phases wrote: triples per graph, the findings by severity, seconds per phase."""

    entity_triples: int = 0
    inferred_triples: int = 0
    summary_triples: int = 0
    comparison_triples: int = 0
    audit_triples: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)


def derive(store: ox.Store, path: Path | None, *, serial: bool = False) -> Derived:
    """Write graph/entities, inference, summary, comparison and audit into the fresh store ``store``
    (on disk at ``path``, or in memory: None; nobody else reads it yet: the graphs are bulk-loaded)."""
    store_path = str(path) if path is not None else None
    out = Derived()

    def timed(name: str, step: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            started = time.perf_counter()
            result = step()
            out.phases[name] = time.perf_counter() - started
            log.info("%s: %.1f s", name, out.phases[name])
            return result
        return run

    audits = load_audits()
    early = [a for a in audits if a.name in PLAN_GRAPH_AUDITS and not serial]
    later = [a for a in audits if a not in early]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1 if serial else _threads(), thread_name_prefix="derive") as pool:
        # the audits that read the plan graphs only run beside entities, on the other core
        early_jobs = submit_audits(pool, store, early)
        out.entity_triples = timed("entities", lambda: describe_entities(store))()  # type: ignore[assignment]
        # on disk before the shapes read it: the pySHACL fallback reads the folder from worker processes
        store.flush()
        shapes: Future | None = None
        if not serial:
            shapes = pool.submit(shape_findings, store, store_path=store_path)
        out.inferred_triples = timed("inference", lambda: materialise(store, bulk=True))()  # type: ignore[assignment]
        summary = pool.submit(timed("summary", lambda: summarise(store)))
        if serial:
            summary.result()
        out.comparison_triples = timed("comparison", lambda: compare_targets(store))()  # type: ignore[assignment]
        out.summary_triples = summary.result()
        validating = time.perf_counter()
        jobs, labels = start_audits(pool, store, later)
        shaped = shapes.result() if shapes is not None else shape_findings(store, store_path=store_path)
        report = finish(store, shaped, (early_jobs + jobs, labels), started)
    out.audit_triples = store_audit_graph(store, report, bulk=True)
    for finding in report.findings:
        out.findings[finding.severity] = out.findings.get(finding.severity, 0) + 1
    out.phases["validation"] = time.perf_counter() - validating  # the shapes began with inference
    out.phases = {name: out.phases[name] for name in PHASES}
    log.info("validation: %.1f s (the shapes beside inference: %.1f s)", out.phases["validation"],
             report.seconds.get("shapes", 0.0))
    return out


def lexical(store: ox.Store) -> Callable[[str], list[dict[str, str | None]]]:
    """A kg.pipeline.summary.Select over ``store`` whose rows hold each term's lexical form (an IRI,
    a literal's text; None when unbound): all that summary and comparison read of a term."""
    def run(text: str) -> list[dict[str, str | None]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        return [dict(zip(names, [t.value if t is not None else None for t in row], strict=True))
                for row in rows]
    return run


def select(store: ox.Store) -> Callable[[str], list[dict[str, object]]]:
    """A kg.pipeline.summary.Select over ``store``: rows of rdflib terms (each distinct term
    converted once: the same entities and plans come back in many rows)."""
    convert = ox_to_rdflib_memo()

    def run(text: str) -> list[dict[str, object]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        # a row's terms in the order of its variables (by position: faster than by name)
        return [dict(zip(names, [None if t is None else convert(t) for t in row], strict=True))
                for row in rows]
    return run


def quads(triples: Iterable[tuple], graph: str) -> list[ox.Quad]:
    """rdflib ``triples`` as pyoxigraph quads of ``graph``, each distinct term converted once (the
    same terms, predicates and entities, come back in many triples)."""
    target = ox.NamedNode(graph)
    term = rdflib_to_ox_memo()
    return [ox.Quad(term(s), term(p), term(o), target) for s, p, o in triples]


def _bulk(store: ox.Store, graph: str, triples: Iterable[tuple]) -> int:
    """Bulk-load rdflib ``triples`` into ``graph``; returns how many distinct triples there were."""
    distinct = set(quads(triples, graph))
    store.bulk_extend(distinct)
    return len(distinct)


def describe_entities(store: ox.Store) -> int:
    """Write graph/entities (kg/pipeline/entities.py) from the loaded plan graphs; returns its size."""
    return _bulk(store, entities.entities_graph(), entities.whole(select(store)))


def summarise(store: ox.Store) -> int:
    """Write graph/summary (kg/pipeline/summary.py) into the fresh store; returns its number of triples
    (the lines of its N-Triples, :func:`kg.pipeline.summary.summary_ntriples`)."""
    triples = summaries.summary_triples(lexical(store))
    store.bulk_extend(quads(triples, str(graph_iri("summary"))))
    return len(triples)


def compare_targets(store: ox.Store) -> int:
    """Write graph/comparison (kg/pipeline/comparison.py) into the fresh store; returns its number of
    triples (the lines of its N-Triples, :func:`kg.pipeline.comparison.ntriples`)."""
    triples = comparison.triples(comparison.comparisons(lexical(store)))
    store.bulk_extend(quads(triples, comparison.comparison_graph()))
    return len(triples)
