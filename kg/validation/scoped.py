"""The shapes and audits of a few plans, re-run after ``kg ingest`` or ``kg remove`` changed them,
without validating the whole store (610 s on the national corpus).

The findings of a plan depend on its own graph, on its ancestors (the plans and documents it
implements, transitively: the audit ``weaker-target`` compares with all of them), on what any graph says
about the nodes these graphs name (labels, numbers and dates of a parent or a cited document, an
agency's end), and on the reference data and ontology. :func:`scratch_store` copies exactly that into
an in-memory store: the ontology, the reference data, the graphs of the plans and of their
ancestors, and the distinct statements any other graph (graph/inference included) makes about the
nodes those graphs name (in one scratch graph, :data:`ELSEWHERE`) and about the units of the agencies
among them (up their parents and successors), and the plans' target comparisons
(graph/comparison, which the weaker-target audit reads); not the inferences about the
plans' own parts (tasks, targets, annotations: types of their superclasses), which no shape or
audit reads (shapes use the ontology's subclass axioms). :func:`revalidate`
runs the usual validation (:func:`kg.validation.run.validate_store`) on it and keeps the findings
of the given plans; their quotes are read from the store itself, as a whole validation reads them.
:func:`audit_update` replaces those plans' findings in graph/audit, in one SPARQL update.

Which plans to re-run is the caller's choice (kg/pipeline/scope.py: the changed plans, the plans
they name, the plans that name them and their descendants). ``tests/validation/test_scoped.py``
checks that the result equals a whole validation on the seed plans and on a synthetic hierarchy.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf.namespaces import SH, VNP, graph_iri, mint_iri
from kg.rdf.terms import tuple_to_ox, tuple_to_rdflib
from kg.stores import Backend
from kg.validation.model import Finding, ValidationReport
from kg.validation.quotes import with_quotes
from kg.validation.report import report_graph
from kg.validation.run import validate_store

_DERIVED = ("inference", "summary", "audit")
_PARENTS = """SELECT DISTINCT ?parent WHERE {{ VALUES ?x {{ {values} }}
  {{ ?x <{vnp}implements> ?parent }} UNION {{ ?parent <{vnp}approves> ?x }} FILTER(isIRI(?parent)) }}"""
_PLAN_GRAPHS = """SELECT DISTINCT ?plan ?g WHERE {{ VALUES ?plan {{ {values} }}
  GRAPH ?g {{ ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?file }} }}"""


def report_iri() -> URIRef:
    """The ``sh:ValidationReport`` node of graph/audit."""
    return mint_iri("part", str(graph_iri("audit")), "report")


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


def _rows(store: Backend, query: str) -> list[list[str]]:
    return [[t[1] if t else "" for t in row] for row in store.query(query)["rows"]]


def plan_graphs(store: Backend, plans: Iterable[str]) -> dict[str, str]:
    """{plan: its named graph} for those of ``plans`` that are plans of the corpus."""
    plans = sorted(set(plans))
    out: dict[str, str] = {}
    for i in range(0, len(plans), 400):
        values = _values(plans[i:i + 400])
        out.update((p, g) for p, g in _rows(store, _PLAN_GRAPHS.format(values=values))
                   if g.startswith(str(graph_iri("plan")) + "/"))
    return out


def ancestors(store: Backend, plans: Iterable[str], depth: int = 12) -> set[str]:
    """Every document the plans implement (or that approves them), transitively."""
    seen: set[str] = set()
    frontier = set(plans)
    for _ in range(depth):
        if not frontier:
            break
        found = {row[0] for row in _rows(store, _PARENTS.format(values=_values(frontier), vnp=VNP))}
        frontier = found - seen - set(plans)
        seen |= found
    return seen - set(plans)


def _part_of(iri: str, plans: dict[str, str]) -> bool:
    """Whether ``iri`` is minted under one of ``plans`` (``{plan}/target/2``, ``{plan}/mention/x``) or is
    a span of a source file's text (``{source}#char=1,9``): described in its plan's graph only."""
    if "#char=" in iri:
        return True
    head = iri.split("#", 1)[0]
    for _ in range(4):
        head = head.rpartition("/")[0]
        if not head:
            return False
        if head in plans:
            return True
    return False


def scratch_store(store: Backend, plans: Iterable[str]) -> ox.Store:
    """An in-memory store holding what the findings of ``plans`` depend on (module docstring)."""
    plans = set(plans)
    context = plans | ancestors(store, plans)
    graphs = plan_graphs(store, context)
    scratch = ox.Store()
    copied = {str(graph_iri(name)) for name in ("ontology", "reference")} | set(graphs.values())
    for name in sorted(copied):  # N-Triples from store to store: no Python object per triple
        scratch.load(store.export_graph(name), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    nodes = set(context)
    if graphs:
        values = " ".join(f"<{g}>" for g in sorted(set(graphs.values())))
        found = scratch.query(f"SELECT DISTINCT ?x WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
                              "{ ?x ?p ?o } UNION { ?s ?p ?x } } FILTER(isIRI(?x)) }")
        nodes |= {row["x"].value for row in found if not row["x"].value.startswith(_VOCABULARIES)}
    nodes = {n for n in nodes if not _part_of(n, graphs)}
    skip = copied | {str(graph_iri(name)) for name in ("summary", "audit", "comparison")}
    others = ", ".join(f"<{g}>" for g in sorted(skip))
    elsewhere, shared = ox.NamedNode(ELSEWHERE), ox.NamedNode(str(graph_iri("entities")))
    done: set[str] = set()
    for _ in range(6):  # the nodes, then the units of the agencies among them and those units' parents
        hop = set()
        for batch in _batches(nodes - done):
            # the shared entities' descriptions keep their graph (audits read graph/entities by name)
            query = (f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {batch} }} GRAPH ?g {{ ?s ?p ?o }} "
                     f"FILTER(?g NOT IN ({others})) }}")
            quads = [ox.Quad(s, p, o, shared if g == shared else elsewhere)
                     for s, p, o, g in _triples(store, query)]
            scratch.extend(quads)
            hop |= {q.object.value for q in quads if q.predicate.value in _UNIT_LINKS
                    and isinstance(q.object, ox.NamedNode)}
        done |= nodes
        nodes = hop - done
        if not nodes:
            break
    # the target comparisons of the plans (graph/comparison, kg/pipeline/comparison.py), kept in their graph
    compared = str(graph_iri("comparison"))
    for batch in _batches(plans):
        scratch.extend(ox.Quad(s, p, o, ox.NamedNode(compared)) for s, p, o in _triples(
            store, f"SELECT DISTINCT ?n ?p ?o WHERE {{ VALUES ?plan {{ {batch} }} GRAPH ?g {{ ?plan "
                   f"<{VNP.hasTarget}> ?t }} GRAPH <{compared}> {{ ?n <{VNP.comparedTarget}> ?t ; ?p ?o }} }}"
        ))
    return scratch


#: fixed vocabularies, described by the ontology graph (copied whole): not looked up elsewhere
_VOCABULARIES = (str(VNP), "https://w3id.org/vnge/concept/", "http://www.w3.org/", "http://purl.org/",
                 "http://data.europa.eu/eli/ontology#")
#: the scratch graph holding the statements other graphs make about the copied graphs' nodes
ELSEWHERE = "urn:vnge:scratch:elsewhere"
#: links followed from the copied descriptions: an agency's unit (defunct-issuer and agency-defunct-*
#: read its level and end), that unit's parents and successors (the province a district is in today)
_UNIT_LINKS = {str(VNP.scopeUnit), str(VNP.parentUnit), str(VNP.succeededBy)}


def _batches(iris: set[str], size: int = 500) -> Iterable[str]:
    ordered = sorted(iris)
    for i in range(0, len(ordered), size):
        yield " ".join(f"<{i}>" for i in ordered[i:i + size])


def _triples(store: Backend, query: str) -> list[tuple]:
    return [tuple(tuple_to_ox(t) for t in row) for row in store.query(query)["rows"]]


def revalidate(store: Backend, plans: Iterable[str], quote_store: ox.Store | None = None) -> ValidationReport:
    """The findings of ``plans`` (the shapes and audits a whole validation runs), with their quotes
    read from ``quote_store`` (the store itself when it is an embedded Oxigraph one)."""
    plans = set(plans)
    if not plans:
        return ValidationReport()
    scratch = scratch_store(store, plans)
    report = validate_store(scratch)
    findings = [f for f in report.findings if f.plan in plans]
    if quote_store is not None:
        bare = [Finding(**{**f.__dict__, "annotation": None, "quote": None}) for f in findings]
        findings = with_quotes(quote_store, bare)
    return ValidationReport(findings=findings, plans={p: report.plans[p] for p in plans if p in report.plans},
                            errors=report.errors, seconds=report.seconds)


def audit_update(store: Backend, plans: Iterable[str], report: ValidationReport) -> str:
    """One SPARQL update putting ``report``'s findings in graph/audit in place of those of ``plans``
    (a result shared with a plan not in ``plans`` keeps its link to it), recomputing ``sh:conforms``
    and clearing the plans' "outdated" marks."""
    plans = sorted(set(plans))
    audit, node = str(graph_iri("audit")), report_iri()
    ops = []
    linked: dict[str, set[str]] = {}
    for i in range(0, len(plans), 400):
        query = (f"SELECT ?r ?p WHERE {{ GRAPH <{audit}> {{ VALUES ?q {{ {_values(plans[i:i + 400])} }} "
                 f"?r <{VNP.auditedPlan}> ?q , ?p }} }}")
        for r, p in _rows(store, query):
            linked.setdefault(r, set()).add(p)
    whole = sorted(r for r, ps in linked.items() if ps <= set(plans))
    for i in range(0, len(whole), 400):
        ops.append(f"DELETE {{ GRAPH <{audit}> {{ <{node}> <{SH.result}> ?r . ?r ?p ?o }} }} WHERE {{ "
                   f"GRAPH <{audit}> {{ VALUES ?r {{ {_values(whole[i:i + 400])} }} ?r ?p ?o }} }}")
    shared = [(r, p) for r, ps in linked.items() if not ps <= set(plans) for p in ps if p in plans]
    marks = [(str(node), str(VNP.outdatedPlan), p) for p in plans]
    links = [(r, str(VNP.auditedPlan), p) for r, p in shared]
    if links or marks:
        body = "".join(f"<{s}> <{p}> <{o}> .\n" for s, p, o in sorted(links + marks))
        ops.append(f"DELETE DATA {{ GRAPH <{audit}> {{\n{body}}} }}")
    graph = report_graph(report)
    graph.remove((node, SH.conforms, None))
    body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    ops.append(f"INSERT DATA {{ GRAPH <{audit}> {{\n{body}}} }}")
    ops.append(
        f"DELETE {{ GRAPH <{audit}> {{ <{node}> <{SH.conforms}> ?c }} }} "
        f"INSERT {{ GRAPH <{audit}> {{ <{node}> <{SH.conforms}> ?now }} }} WHERE {{ "
        f"OPTIONAL {{ GRAPH <{audit}> {{ <{node}> <{SH.conforms}> ?c }} }} "
        f"BIND(NOT EXISTS {{ GRAPH <{audit}> {{ ?r <{SH.resultSeverity}> <{SH.Violation}> }} }} AS ?now) }}")
    return " ;\n".join(ops)


def mark_outdated(plans: Iterable[str]) -> str:
    """An update marking the findings of ``plans`` as older than their data (graph/audit says so until
    they are re-run: /validate and entity pages show it)."""
    body = "".join(f"<{report_iri()}> <{VNP.outdatedPlan}> <{p}> .\n" for p in sorted(set(plans)))
    return f"INSERT DATA {{ GRAPH <{graph_iri('audit')}> {{\n{body}}} }}" if body else ""


def mark_data_changed() -> str:
    """An update saying the data changed in a way graph/audit does not follow (a SPARQL update)."""
    return (f"INSERT DATA {{ GRAPH <{graph_iri('audit')}> {{ <{report_iri()}> <{VNP.dataChanged}> "
            f"{Literal(True).n3()} }} }}")


def outdated(store: Backend) -> tuple[list[str], bool]:
    """(plans whose findings are older than their data, whether the data changed otherwise)."""
    rows = store.query(f"SELECT ?p WHERE {{ GRAPH <{graph_iri('audit')}> {{ <{report_iri()}> "
                       f"<{VNP.outdatedPlan}> ?p }} }}")["rows"]
    changed = store.query(f"ASK {{ GRAPH <{graph_iri('audit')}> {{ <{report_iri()}> <{VNP.dataChanged}> "
                          "?x } }")["boolean"]
    return sorted(str(tuple_to_rdflib(r[0])) for r in rows if r[0]), bool(changed)
