"""graph/audit is written from the report without an rdflib Graph (kg/rdf/sink.py): the same triples
as :func:`report_graph`, whether bulk-loaded (``kg build``) or replaced in one update (``kg validate``)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf.namespaces import graph_iri
from kg.rdf.terms import ox_to_rdflib
from kg.validation.model import Finding, ValidationReport
from kg.validation.report import report_graph
from kg.validation.store import store_audit_graph

PLAN = "https://w3id.org/vnge/eli/vn/ha-noi/2022/12-kh-ubnd"
SHAPE = "https://w3id.org/vnge/shapes#audit-task-without-lead"
COMPONENT = "http://www.w3.org/ns/shacl#SPARQLConstraintComponent"


def _report() -> ValidationReport:
    findings = [
        Finding("Violation", f"{PLAN}/task/1", SHAPE, COMPONENT,
                'Nhiệm vụ "Tuyên truyền" chưa có cơ quan chủ trì\\ (dòng 1)\nvà dòng 2',
                "Task without a lead agency", plan=PLAN, value="Phòng Văn hóa – Thông tin",
                annotation="https://w3id.org/vnge/source/abc#char=10,20", quote="Tuyên truyền"),
        Finding("Warning", f"{PLAN}/target/2", SHAPE, COMPONENT, "Chỉ tiêu yếu hơn 😀", "Weaker target",
                plan=PLAN, path="https://w3id.org/vnge/ontology#value", value="100"),
        Finding("Info", PLAN, SHAPE, COMPONENT, "Kế hoạch", "Plan", value=f"{PLAN}/task/3"),
    ]
    return ValidationReport(findings=findings)


def _audit_graph(store: ox.Store) -> Graph:
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri("audit")))):
        graph.add((ox_to_rdflib(quad.subject), ox_to_rdflib(quad.predicate), ox_to_rdflib(quad.object)))
    return graph


def test_the_bulk_written_audit_graph_is_the_report_graph() -> None:
    store = ox.Store()
    n = store_audit_graph(store, _report(), bulk=True)
    expected = report_graph(_report())
    assert n == len(expected) > 20
    assert set(_audit_graph(store)) == set(expected)


def test_the_replaced_audit_graph_is_the_report_graph_and_nothing_older() -> None:
    store = ox.Store()
    old = ValidationReport(findings=[Finding("Info", f"{PLAN}/old", SHAPE, COMPONENT, "cũ", "old")])
    store_audit_graph(store, old)
    store_audit_graph(store, _report())
    assert set(_audit_graph(store)) == set(report_graph(_report()))
