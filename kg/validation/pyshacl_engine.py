"""The shapes run by pySHACL, one plan graph at a time (the reference engine, and the fallback of the
compiled one): each plan's data graph is its named graph without the quotes of its evidence spans, plus
its context (kg/validation/context.py); ``inference`` is off. For many plans, a pool of worker
processes, each opening the store read-only."""

from __future__ import annotations

import multiprocessing

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.rdf.namespaces import SH, graph_iri
from kg.rdf.terms import ox_to_rdflib_memo
from kg.validation.context import context_index
from kg.validation.load import load_shapes
from kg.validation.messages import shape_messages, with_detail
from kg.validation.model import Finding

_OA = "http://www.w3.org/ns/oa#"
_RDF_TYPE = str(RDF.type)


def plan_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """The plan graphs of the store (``{BASE}graph/plan/…``), sorted."""
    prefix = str(graph_iri("plan")) + "/"
    return sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)),
        key=lambda g: g.value,
    )


def plan_data_graph(store: ox.Store, plan_graph: ox.NamedNode, context: dict) -> Graph:
    """The plan graph for pySHACL, without the statements of its evidence spans (their quotes: they
    are checked by the audit annotation-well-formed.ttl), plus types and subclass axioms.

    About as costly as pySHACL itself on a plan, so: each term read once from the quad and
    converted once per plan, and the nodes to give types to collected while adding."""
    quads = [(q.subject, q.predicate, q.object)
             for q in store.quads_for_pattern(None, None, None, plan_graph)]
    provenance = set()
    for s, p, o in quads:
        predicate = p.value
        if predicate.startswith(_OA) or (predicate == _RDF_TYPE and o.value.startswith(_OA)):
            provenance.add(s)
    term = ox_to_rdflib_memo()

    data = Graph()
    nodes: set[Node] = set()
    for s, p, o in quads:
        if s not in provenance:
            subject, obj = term(s), term(o)
            data.add((subject, term(p), obj))
            nodes.update((subject, obj))
    for node in nodes:
        for p, o in context.get(node, ()):
            data.add((node, p, o))
    classes = {o for _, _, o in data.triples((None, RDF.type, None))}
    seen: set[Node] = set()
    while classes - seen:  # superclasses, transitively
        cls = (classes - seen).pop()
        seen.add(cls)
        for p, o in context.get(cls, ()):
            if p == RDFS.subClassOf:
                data.add((cls, p, o))
                classes.add(o)
    return data


def validate_plan_graph(
    store: ox.Store, plan_graph: ox.NamedNode, shapes: Graph, context: dict, messages: dict
) -> list[Finding]:
    """pySHACL on one plan's data graph; ``context``: :func:`context_index`, ``messages``:
    :func:`kg.validation.messages.shape_messages` of ``shapes``."""
    # pySHACL takes 0.3 s to import: only when a plan graph goes through it (the service imports
    # this package for the report model only)
    from pyshacl import validate as shacl_validate

    data = plan_data_graph(store, plan_graph, context)
    plan = plan_of(data)
    _, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_infos=True, allow_warnings=True
    )
    return findings_from_results(results, messages, plan)


def check_plan_graph(
    store: ox.Store, plan_graph: ox.NamedNode, shapes: Graph, context: dict, messages: dict
) -> tuple[list[Finding], str | None]:
    """:func:`validate_plan_graph`, or no findings and the error that stopped it."""
    try:
        return validate_plan_graph(store, plan_graph, shapes, context, messages), None
    except Exception as e:  # a partial or odd graph must not stop the run
        return [], f"{plan_graph.value}: shapes could not be checked: {type(e).__name__}: {e}"


def plan_of(data: Graph) -> str | None:
    """The plan a data graph describes (the smallest IRI derived from a source)."""
    plans = sorted(str(s) for s in data.subjects(PROV.wasDerivedFrom, None))
    return plans[0] if plans else None


def findings_from_results(results: Graph, messages: dict, plan: str | None) -> list[Finding]:
    """Turn a pySHACL results graph into findings (messages from the shapes, both languages)."""
    out = []
    # only top-level results: pySHACL also types the nested ones (sh:detail of sh:node) as results
    top = {
        r for rep in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(rep, SH.result)
    }
    for r in sorted(top):
        shape = results.value(r, SH.sourceShape)
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        own = {o.language: str(o) for o in results.objects(r, SH.resultMessage) if isinstance(o, Literal)}
        name, vi, en = messages.get(shape, (str(shape), own.get("vi", ""), own.get("en", "")))
        en = with_detail(en, own.get(None))
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        out.append(
            Finding(
                severity=severity,
                focus=str(results.value(r, SH.focusNode)),
                shape=name,
                component=str(results.value(r, SH.sourceConstraintComponent)),
                message_vi=vi,
                message_en=en,
                plan=plan,
                path=str(path) if isinstance(path, URIRef) else None,
                value=str(value) if value is not None else None,
            )
        )
    return out


# ---------------------------------------------------------------- the worker pool

_WORKER: dict[str, object] = {}


def _worker_init(store_path: str) -> None:
    store = ox.Store.read_only(store_path)
    shapes = load_shapes()
    _WORKER.update(
        store=store, shapes=shapes, context=context_index(store), messages=shape_messages(shapes)
    )


def _worker_run(graph: str) -> tuple[list[Finding], str | None]:
    w = _WORKER
    return check_plan_graph(w["store"], ox.NamedNode(graph), w["shapes"], w["context"], w["messages"])  # type: ignore[arg-type]


def shapes_in_workers(store_path: str, graphs: list[str], workers: int) -> tuple[list[Finding], list[str]]:
    """The per-plan shapes in ``workers`` spawned processes (each opens the store read-only)."""
    ctx = multiprocessing.get_context("spawn")
    found: list[Finding] = []
    errors: list[str] = []
    with ctx.Pool(workers, initializer=_worker_init, initargs=(store_path,)) as pool:
        for findings, error in pool.imap(_worker_run, graphs, chunksize=4):
            found += findings
            errors += [error] if error else []
    return found, errors
