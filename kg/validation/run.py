"""Running a validation: the shapes on each plan graph, then the audits on the whole store, into one
:class:`~kg.validation.model.ValidationReport` whose findings carry their quotes. Nothing here prints.

The shapes run by default compiled to SPARQL, once over the whole store
(kg/validation/compiled.py, kg/validation/sparql_engine.py); ``engine="pyshacl"`` runs pySHACL on
each plan's data graph, one plan at a time (kg/validation/pyshacl_engine.py), with the same
findings. The compiled engine hands to pySHACL the plan graphs it does not model, and every plan
graph when a shape uses a feature it does not compile or a query fails.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph

from kg.validation.audits import run_audit
from kg.validation.compiled import CompiledConstraint, UnsupportedShape, compile_shapes
from kg.validation.context import context_index, store_context
from kg.validation.load import Audit, load_audits, load_shapes
from kg.validation.messages import shape_messages
from kg.validation.model import Finding, ValidationReport, dedupe
from kg.validation.pyshacl_engine import check_plan_graph, plan_graphs, shapes_in_workers
from kg.validation.quotes import with_quotes
from kg.validation.sparql_engine import fallback_graphs, run_compiled
from kg.validation.store import open_read_only

PARALLEL_FROM = 40  # below this many plans, starting worker processes costs more than it saves


def run_validation(store_path: str, workers: int | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate the on-disk store built by ``kg build`` (opened read-only).

    ``workers``: processes for the per-plan shapes of the pySHACL engine (default: the CPUs
    available, when there are at least ``PARALLEL_FROM`` plans; 1 = in this process). Each worker
    opens the store read-only. ``engine``: see :func:`validate_store`.
    """
    store_path, store = open_read_only(store_path)
    return validate_store(store, store_path=store_path, workers=workers, engine=engine)


def validate_store(
    store: ox.Store,
    shapes: Graph | None = None,
    audits: list[Audit] | None = None,
    *,
    store_path: str | None = None,
    workers: int | None = None,
    engine: str = "sparql",
) -> ValidationReport:
    """Run the shapes on each plan graph and the audits on the whole store.

    ``engine``: ``"sparql"`` (default) runs the shapes compiled to SPARQL once over the whole store
    (kg/validation/sparql_engine.py), same findings; plan graphs it does not model
    (``fallback_graphs``), and all of them when a shape uses a feature it does not compile, go
    through pySHACL. ``"pyshacl"`` runs pySHACL on each plan graph; with ``store_path`` (the on-disk
    folder of ``store``) in ``workers`` processes; the result is the same, sorted, either way.
    """
    started = time.perf_counter()
    # the audits run in threads beside the shapes (Oxigraph evaluates a query without holding the
    # interpreter lock): both cores work; the findings are merged in one order afterwards
    with ThreadPoolExecutor(max_workers=_threads(), thread_name_prefix="audit") as pool:
        audit_jobs = start_audits(pool, store, audits)
        try:
            shaped = shape_findings(store, shapes, store_path=store_path, workers=workers, engine=engine)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return finish(store, shaped, audit_jobs, started)


def shape_findings(store: ox.Store, shapes: Graph | None = None, *, store_path: str | None = None,
                   workers: int | None = None, engine: str = "sparql") -> ValidationReport:
    """The shapes' part of :func:`validate_store`: a report holding the raw findings of the shapes on
    every plan graph (no quotes yet) and the errors; it reads the plan graphs and the context graphs
    (kg/validation/context.py) only, so it can run while other graphs are being written."""
    started = time.perf_counter()
    custom_shapes = shapes is not None
    shapes = load_shapes() if shapes is None else shapes
    report = ValidationReport()
    graphs = plan_graphs(store)
    if workers is None:
        workers = min(len(os.sched_getaffinity(0)), 8) if len(graphs) >= PARALLEL_FROM else 1
    report.findings = _shapes(store, shapes, graphs, report, engine=engine, store_path=store_path,
                              workers=workers, custom_shapes=custom_shapes)
    report.seconds["shapes"] = time.perf_counter() - started
    return report


AuditJobs = tuple[list[Future], Future]  # each audit's (findings, error), the plans' labels


def start_audits(pool: Executor, store: ox.Store, audits: list[Audit] | None = None) -> AuditJobs:
    """Submit every audit (and the plans' labels) to ``pool``; :func:`finish` collects them."""
    audits = load_audits() if audits is None else audits
    return submit_audits(pool, store, audits), pool.submit(plan_labels, store)


def submit_audits(pool: Executor, store: ox.Store, audits: list[Audit]) -> list[Future]:
    """Submit ``audits`` to ``pool``: each future gives (findings, why it could not run or "")."""
    return [pool.submit(_run_audit, store, audit) for audit in audits]


def finish(store: ox.Store, shaped: ValidationReport, audit_jobs: AuditJobs, started: float
           ) -> ValidationReport:
    """The report of :func:`validate_store`: the shapes' findings (:func:`shape_findings`) and the
    audits' (:func:`start_audits`), merged in one order, with their quotes."""
    report = ValidationReport(errors=list(shaped.errors), seconds=dict(shaped.seconds))
    raw = list(shaped.findings)
    jobs, labels = audit_jobs
    for job in jobs:
        found, error = job.result()
        raw += found
        report.errors += [error] if error else []
    report.plans = labels.result()
    report.seconds["audits"] = time.perf_counter() - started  # beside the shapes, from the start
    report.findings = with_quotes(store, dedupe(raw))
    report.seconds["total"] = time.perf_counter() - started
    return report


def _shapes(store: ox.Store, shapes: Graph, graphs: list[ox.NamedNode], report: ValidationReport, *,
            engine: str, store_path: str | None, workers: int, custom_shapes: bool) -> list[Finding]:
    """The findings of the shapes on every plan graph (see :func:`validate_store`); errors go to
    ``report``."""
    raw: list[Finding] = []
    compiled = _compiled_shapes(store, shapes) if engine == "sparql" else None
    skip: set[str] = set()
    if compiled is not None:
        messages = shape_messages(shapes)
        try:
            skip = fallback_graphs(store)
            raw = run_compiled(store, compiled, messages, shapes, skip)
        except (OSError, ValueError, SyntaxError, RuntimeError):  # e.g. sh:lessThanOrEquals on a
            compiled = None  # blank node: pySHACL reports it per plan graph, as it always did
    if compiled is not None:
        if skip:
            context = context_index(store)
            for plan_graph in graphs:
                if plan_graph.value in skip:
                    found, error = check_plan_graph(store, plan_graph, shapes, context, messages)
                    raw += found
                    report.errors += [error] if error else []
    elif store_path and workers > 1 and not custom_shapes:
        raw, errors = shapes_in_workers(store_path, [g.value for g in graphs], workers)
        report.errors += errors
    else:
        messages = shape_messages(shapes)
        context = context_index(store)
        for plan_graph in graphs:
            found, error = check_plan_graph(store, plan_graph, shapes, context, messages)
            raw += found
            report.errors += [error] if error else []
    return raw


def _threads() -> int:
    """Threads for the audits: one per core available, at most 4."""
    return max(1, min(len(os.sched_getaffinity(0)), 4))


def _run_audit(store: ox.Store, audit: Audit) -> tuple[list[Finding], str]:
    """(findings, "") of one audit, or ([], why it could not run)."""
    try:
        return run_audit(store, audit), ""
    except (OSError, ValueError, SyntaxError) as e:
        return [], f"{audit.path}: audit could not run: {e}"


def _compiled_shapes(store: ox.Store, shapes: Graph) -> list[CompiledConstraint] | None:
    """The shapes compiled to SPARQL for this store's subclass axioms; None when a shape uses a
    feature the compiler does not translate (then pySHACL runs them all)."""
    try:
        return compile_shapes(shapes, store_context(store))
    except UnsupportedShape:
        return None


def plan_labels(store: ox.Store) -> dict[str, str]:
    """{plan: its Vietnamese label, else its IRI} for every plan of the store."""
    rows = store.query(
        "SELECT ?plan (SAMPLE(?l) AS ?label) WHERE { ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?s "
        "OPTIONAL { ?plan <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'vi') } } "
        "GROUP BY ?plan",
        use_default_graph_as_union=True,
    )
    return {r["plan"].value: (r["label"].value if r["label"] is not None else r["plan"].value) for r in rows}
