"""SHACL shapes (shapes/*.ttl): for each shape, a minimal plan graph that violates it and the
same graph that conforms. The conforming graph follows kg/rdf/mapping.py's output; each case
removes or adds a few triples and checks that exactly the expected shape fires."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.rdf.namespaces import graph_iri
from kg.validation import VNSH, Finding, load_shapes, validate_store

PREFIXES = """
@prefix vnp: <https://w3id.org/vnge/ontology#> .
@prefix vnc: <https://w3id.org/vnge/concept/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix p-plan: <http://purl.org/net/p-plan#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/vnge/> .
"""

P = "https://w3id.org/vnge/eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd"

# A small plan as kg/rdf/mapping.py writes it: per-activity assignment, one target, one citation,
# one responsibility, one reporting duty, one funding, annotations with quotes.
GOOD = (
    PREFIXES
    + """
<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd> a vnp:Plan ;
    eli:number "12/KH-UBND" ; eli:date_document "2026-04-15"^^xsd:date ;
    vnp:issuedYear 2026 ; vnp:issuedMonth 4 ; vnp:periodStart 2026 ; vnp:periodEnd 2030 ;
    rdfs:label "Kế hoạch 12/KH-UBND của Ủy ban nhân dân xã Bình Lư"@vi ;
    vnp:issuedBy <id/org/lai-chau/binh-lu/uy-ban-nhan-dan-xa-binh-lu> ;
    vnp:jurisdiction <id/dvhc/lai-chau/binh-lu> ;
    prov:wasDerivedFrom <source/abc> ;
    vnp:hasTask <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/task/1> ;
    vnp:hasTarget <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/target/1> ;
    vnp:hasCitation <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/citation/1> ;
    vnp:cites <eli/vn/2021/1790-qd-ttg> ;
    vnp:hasResponsibility <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/responsibility/1> ;
    vnp:hasReportingDuty <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/reporting/1> ;
    vnp:hasFunding <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/funding/1> .
<source/abc> a vnp:SourceFile .
<eli/vn/2021/1790-qd-ttg> a vnp:Decision .
<id/org/lai-chau/binh-lu/uy-ban-nhan-dan-xa-binh-lu> a vnp:Agency .
<id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> a vnp:Agency .
<id/group/lai-chau/binh-lu/cac-co-quan-don-vi> a vnp:AgencyGroup .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/task/1> a vnp:Task ;
    rdfs:label "Tăng cường truyền thông chính sách, pháp luật về bình đẳng giới"@vi ;
    p-plan:isStepOfPlan <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd> ;
    vnp:leadAgency <id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> ;
    vnp:hasAssignment <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/assignment/1-lead-1> .
<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/assignment/1-lead-1> a vnp:Assignment ;
    vnp:agent <id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> ; vnp:role vnc:role-lead .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/target/1> a vnp:Target ;
    rdfs:label "Hằng năm, các cơ quan, đơn vị tổ chức ít nhất 02 cuộc truyền thông"@vi ;
    vnp:indicator vnc:indicator-ge-law-communication-sessions ;
    vnp:value 2.0 ; vnp:measure vnc:measure-event ; vnp:comparator vnc:comparator-at-least ;
    vnp:recurrence vnc:recurrence-annual .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/citation/1> a vnp:Citation ;
    vnp:citedDocument <eli/vn/2021/1790-qd-ttg> ; vnp:citationKind vnc:citation-implements .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/responsibility/1> a vnp:Responsibility ;
    vnp:agent <id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> ;
    vnp:duty "Tham mưu Ủy ban nhân dân xã triển khai Kế hoạch" ;
    vnp:coversTask <eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/task/1> .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/reporting/1> a vnp:ReportingDuty ;
    vnp:reporter <id/group/lai-chau/binh-lu/cac-co-quan-don-vi> ;
    vnp:reportRecipient <id/org/lai-chau/binh-lu/uy-ban-nhan-dan-xa-binh-lu> ;
    vnp:deadlineMonth 11 ; vnp:deadlineDay 20 ; vnp:recurrence vnc:recurrence-annual .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/funding/1> a vnp:Funding ;
    rdfs:label "Ngân sách nhà nước"@vi ; vnp:fundingKind vnc:funding-state-budget .

<eli/vn/lai-chau/binh-lu/2026/12-kh-ubnd/target/1> vnp:evidence <source/abc#char=120,190> .
<source/abc#char=120,190>
    oa:exact "1. Hằng năm, các cơ quan, đơn vị tổ chức ít nhất 02 cuộc truyền thông." .
"""
)


def graph_of(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def store_of(plan: Graph, reference: str = "") -> ox.Store:
    store = ox.Store()
    name = ox.NamedNode(str(graph_iri("plan", P[len("https://w3id.org/vnge/") :])))
    store.load(plan.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    if reference:
        ref = graph_of(PREFIXES + reference).serialize(format="nt", encoding="utf-8")
        store.load(ref, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri("reference"))))
    return store


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def findings(plan: Graph, shapes: Graph, reference: str = "") -> list[Finding]:
    report = validate_store(store_of(plan, reference), shapes=shapes, audits=[])
    assert report.errors == []
    return report.findings


def fired(found: list[Finding]) -> set[tuple[str, str]]:
    return {(f.shape.rsplit("#", 1)[-1], f.severity) for f in found}


def edit(remove: list[tuple[str, str]] = (), add: str = "") -> Graph:  # type: ignore[assignment]
    """The good graph without the triples (subject suffix, predicate CURIE) and with ``add``."""
    g = graph_of(GOOD)
    for subject, predicate in remove:
        s = URIRef(P + subject)
        p = g.namespace_manager.expand_curie(predicate)
        g.remove((s, p, None))
    if add:
        g += graph_of(PREFIXES + add)
    return g


def test_good_plan_has_no_findings(shapes: Graph) -> None:
    assert findings(graph_of(GOOD), shapes) == []


# (case id, triples removed, triples added, expected (shape, severity))
CASES = [
    ("no number → draft/unsigned copy", [("", "eli:number")], "", ("PlanNumberShape", "Warning")),
    ("month only → no full date", [("", "eli:date_document")], "", ("PlanDateShape", "Warning")),
    ("no issuing body", [("", "vnp:issuedBy")], "", ("PlanIssuerShape", "Violation")),
    (
        "plan assigns nothing to anyone",
        [("", "vnp:hasResponsibility"), ("/task/1", "vnp:leadAgency"), ("/task/1", "vnp:hasAssignment")],
        "",
        ("PlanAssignsWorkShape", "Violation"),
    ),
    (
        "target without a value (Bình Lư: 'đạt truyền thông áp dụng Bộ chỉ số')",
        [("/target/1", "vnp:value")],
        "",
        ("TargetValueShape", "Violation"),
    ),
    (
        "target without a year or a recurrence, in a plan without a period",
        [("/target/1", "vnp:recurrence"), ("", "vnp:periodEnd")],
        "",
        ("TargetTimeShape", "Violation"),
    ),
    (
        "target range upside down",
        [],
        f"<{P}/target/1> vnp:valueMax 1.0 .",
        ("TargetRangeShape", "Violation"),
    ),
    (
        "reporting duty without a recipient",
        [("/reporting/1", "vnp:reportRecipient")],
        "",
        ("ReportingRecipientShape", "Violation"),
    ),
    (
        "reporting duty without a deadline ('định kỳ báo cáo … theo quy định')",
        [("/reporting/1", "vnp:deadlineMonth"), ("/reporting/1", "vnp:deadlineDay")],
        "",
        ("ReportingDeadlineShape", "Warning"),
    ),
    # ontology-level: domain/range and cardinalities
    (
        "citation pointing to two documents",
        [],
        f"<{P}/citation/1> vnp:citedDocument <eli/vn/2006/73-2006-qh11> . <eli/vn/2006/73-2006-qh11> a vnp:Law .",
        ("CitationOntologyShape", "Violation"),
    ),
    (
        "citation kind outside its vocabulary",
        [("/citation/1", "vnp:citationKind")],
        f"<{P}/citation/1> vnp:citationKind vnc:role-lead .",
        ("CitationOntologyShape", "Violation"),
    ),
    (
        "cited node that is not a document",
        [("/citation/1", "vnp:citedDocument")],
        f"<{P}/citation/1> vnp:citedDocument <id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> .",
        ("CitationOntologyShape", "Violation"),
    ),
    (
        "target value as a string",
        [("/target/1", "vnp:value")],
        f'<{P}/target/1> vnp:value "02" .',
        ("TargetOntologyShape", "Violation"),
    ),
    (
        "assignment without a role",
        [("/assignment/1-lead-1", "vnp:role")],
        "",
        ("AssignmentOntologyShape", "Violation"),
    ),
    (
        "assignment to a literal instead of an agency",
        [("/assignment/1-lead-1", "vnp:agent")],
        f'<{P}/assignment/1-lead-1> vnp:agent "Phòng Văn hóa - Xã hội" .',
        ("AssignmentOntologyShape", "Violation"),
    ),
    (
        "task not a step of any plan",
        [("/task/1", "p-plan:isStepOfPlan")],
        "",
        ("TaskOntologyShape", "Violation"),
    ),
    (
        "reporting month 13",
        [("/reporting/1", "vnp:deadlineMonth")],
        f"<{P}/reporting/1> vnp:deadlineMonth 13 .",
        ("ReportingOntologyShape", "Violation"),
    ),
    (
        "funding without a kind",
        [("/funding/1", "vnp:fundingKind")],
        "",
        ("FundingOntologyShape", "Violation"),
    ),
    (
        "responsibility without an agent",
        [("/responsibility/1", "vnp:agent")],
        "",
        ("ResponsibilityOntologyShape", "Violation"),
    ),
    (
        "plan period ending before it starts",
        [("", "vnp:periodEnd")],
        f"<{P}> vnp:periodEnd 2025 .",
        ("PlanOntologyShape", "Violation"),
    ),
]


@pytest.mark.parametrize(("remove", "add", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_shape_fires_on_the_broken_graph_only(shapes: Graph, remove, add, expected) -> None:
    found = fired(findings(edit(remove, add), shapes))
    assert expected in found
    # nothing but the expected shape (and the Info that an uncovered new task also gets)
    assert found - {expected, ("TaskCoveredShape", "Info")} == set()


def test_per_agency_plan_uncovered_task_is_info_never_violation(shapes: Graph) -> None:
    """Seeds 001–004 assign work per agency in "Tổ chức thực hiện": a task nobody covers is Info."""
    g = edit(
        [
            ("/task/1", "vnp:leadAgency"),
            ("/task/1", "vnp:hasAssignment"),
            ("/responsibility/1", "vnp:coversTask"),
        ]
    )
    found = findings(g, shapes)
    assert fired(found) == {("TaskCoveredShape", "Info")}
    assert found[0].focus == P + "/task/1"


def test_per_agency_plan_partner_only_task_is_no_violation(shapes: Graph) -> None:
    """TP Bắc Kạn's activity 7 names only "phối hợp với Sở …": no shape calls that a missing lead
    (the lead check is the audit task-without-lead, which counts across the plan)."""
    g = edit(
        [("/task/1", "vnp:leadAgency"), ("/assignment/1-lead-1", "vnp:role")],
        f"<{P}/assignment/1-lead-1> vnp:role vnc:role-partner . <{P}/task/1> vnp:partnerAgency "
        "<id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> .",
    )
    assert findings(g, shapes) == []


def test_per_agency_plan_covered_task_conforms(shapes: Graph) -> None:
    g = edit([("/task/1", "vnp:leadAgency"), ("/task/1", "vnp:hasAssignment")])
    assert findings(g, shapes) == []


# TaskCoveredShape catches an activity no agency answers for: it has no lead (vnp:leadAgency), no
# assignment (lead or partner) and no agency's responsibilities cover it (vnp:coversTask). Each of
# the three alone covers it. The mapping writes vnp:leadAgency only beside its assignment, so on
# mapped data the lead branch never decides alone (a broken lead branch, e.g. sh:minCount 2,
# changed no finding): each branch is tested here on its own, on both engines.
COVERED_BY_ONE = {
    "lead only": [("/task/1", "vnp:hasAssignment"), ("/responsibility/1", "vnp:coversTask")],
    "assignment only": [("/task/1", "vnp:leadAgency"), ("/responsibility/1", "vnp:coversTask")],
    "responsibilities only": [("/task/1", "vnp:leadAgency"), ("/task/1", "vnp:hasAssignment")],
}


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
@pytest.mark.parametrize("remove", COVERED_BY_ONE.values(), ids=COVERED_BY_ONE)
def test_a_task_covered_one_way_only_is_covered(shapes: Graph, remove, engine: str) -> None:
    report = validate_store(store_of(edit(remove)), shapes=shapes, audits=[], engine=engine)
    assert report.errors == [] and fired(report.findings) == set()


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_task_covered_no_way_is_info(shapes: Graph, engine: str) -> None:
    remove = [("/task/1", "vnp:leadAgency"), ("/task/1", "vnp:hasAssignment"), ("/responsibility/1", "vnp:coversTask")]
    report = validate_store(store_of(edit(remove)), shapes=shapes, audits=[], engine=engine)
    assert [(f.shape.rsplit("#", 1)[-1], f.severity, f.focus) for f in report.findings] == [
        ("TaskCoveredShape", "Info", P + "/task/1")
    ]


def test_target_without_year_is_due_by_the_end_of_the_plan_period(shapes: Graph) -> None:
    """Quảng Ninh: "Mỗi huyện, thị xã, thành phố xây dựng ít nhất 01 mô hình …" in a plan "đến năm 2030"."""
    assert findings(edit([("/target/1", "vnp:recurrence")]), shapes) == []


def test_stated_deadline_date_satisfies_the_deadline_shape(shapes: Graph) -> None:
    g = edit(
        [("/reporting/1", "vnp:deadlineMonth"), ("/reporting/1", "vnp:deadlineDay")],
        f'<{P}/reporting/1> vnp:deadline "2026-12-10"^^<http://www.w3.org/2001/XMLSchema#date> .',
    )
    assert findings(g, shapes) == []


def test_agent_known_only_to_the_reference_graph_is_typed_from_it(shapes: Graph) -> None:
    """An agency the mapping did not re-describe (known to the reference data) is not a range error."""
    g = edit()
    g.remove((URIRef("https://w3id.org/vnge/id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi"), None, None))
    assert any(f.shape.endswith("AssignmentOntologyShape") for f in findings(g, shapes))
    reference = "<id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> a vnp:Agency ."
    assert findings(g, shapes, reference) == []


def test_subclass_axioms_of_the_ontology_graph_are_used(shapes: Graph) -> None:
    g = edit()
    agency = URIRef("https://w3id.org/vnge/id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi")
    g.remove((agency, None, None))
    g.add((agency, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef("urn:x:LocalOffice")))
    store = store_of(g)
    onto = graph_of(PREFIXES + "<urn:x:LocalOffice> rdfs:subClassOf vnp:Agency .")
    for path in sorted((Path(__file__).resolve().parents[2] / "ontology").glob("*.ttl")):
        onto.parse(path, format="turtle")
    data = onto.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri("ontology"))))
    assert validate_store(store, shapes=shapes, audits=[]).findings == []
    # without the extra axiom the unknown class is not an agency
    store.remove_graph(ox.NamedNode(str(graph_iri("ontology"))))
    found = validate_store(store, shapes=shapes, audits=[]).findings
    assert any(f.shape.endswith("AssignmentOntologyShape") for f in found)


def test_every_shape_has_a_severity_and_messages_in_both_languages(shapes: Graph) -> None:
    from kg.rdf.namespaces import SH

    named = {s for s in shapes.subjects() if isinstance(s, URIRef) and str(s).startswith(str(VNSH))}
    value_shapes = set(shapes.objects(None, SH.node))  # used through sh:node only
    assert {VNSH.AgentValue, VNSH.DocumentValue, VNSH.RoleValue} <= value_shapes
    assert len(named - value_shapes) >= 18
    for shape in sorted(named - value_shapes):
        props = list(shapes.objects(shape, SH.property))
        # pySHACL does not pass a node shape's severity on to its property shapes: each states it
        severities = {
            shapes.value(n, SH.severity) for n in [shape, *props] if (n, SH.severity, None) in shapes
        }
        assert len(severities) == 1, shape
        carriers = [shape] if (shape, SH.message, None) in shapes else props
        assert carriers, shape
        for node in carriers:
            langs = {o.language for o in shapes.objects(node, SH.message) if isinstance(o, Literal)}
            assert langs == {"vi", "en"}, (shape, node)
