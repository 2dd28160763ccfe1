"""Mapping: records → the triples of a plan's named graph (compared as graphs, not strings)."""

from __future__ import annotations

from dataclasses import fields, replace

from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.extract.records import (
    AgencyRef,
    DocRef,
    DocumentMeta,
    Funding,
    Objective,
    PlanExtraction,
    Recipient,
    ReportingDuty,
    Responsibility,
    Signatory,
    Target,
    Task,
)
from kg.rdf.context import SourceInfo, evidence_span
from kg.rdf.entities import claims_in, describe
from kg.rdf.mapping import map_plan, plan_graph_iri
from kg.rdf.namespaces import short_hash
from kg.rdf.references import ReferenceIndex

TEXT = "Số: 12/KH-UBND\nThực hiện Kế hoạch số 5/KH-UBND ngày 01/02/2022 của UBND tỉnh A.\nHoạt động 1: Tập huấn. Chủ trì: Phòng Nội vụ."
SOURCE = SourceInfo(sha256="ab" * 32, file_name="a.txt", media_type="text/plain")
SOURCE_IRI = URIRef("https://w3id.org/vnge/source/" + "ab" * 32)


def small_plan() -> PlanExtraction:
    ubnd_x = AgencyRef(
        "Ủy ban nhân dân huyện X", "UBND huyện X", "tinh-a/x", "peoples-committee", span=(0, 5)
    )
    ubnd_a = AgencyRef("Ủy ban nhân dân tỉnh A", "UBND tỉnh A", "tinh-a", "peoples-committee", span=(60, 71))
    meta = DocumentMeta(
        number="12/KH-UBND",
        date="2022-03-04",
        date_precision="day",
        place="X",
        issuer=ubnd_x,
        unit_name="huyện X",
        unit_path="tinh-a/x",
        level="district",
        unit_type="rural-district",
        title=None,
        period=(2022, 2030),
        span=(0, 14),
    )
    parent = DocRef("5/KH-UBND", "plan", None, "2022-02-01", ubnd_a, relation="implements", span=(15, 72))
    lead = AgencyRef("Phòng Nội vụ", "Phòng Nội vụ", "tinh-a/x", "office", span=(112, 124))
    task = Task("Tập huấn", lead=(lead,), span=(80, 125))  # "Hoạt động 1: … Chủ trì: Phòng Nội vụ."
    return PlanExtraction(document=meta, implements=[parent], citations=[parent], tasks=[task])


_PREFIXES = """
@prefix vnp: <https://w3id.org/vnge/ontology#> . @prefix vnc: <https://w3id.org/vnge/concept/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix p-plan: <http://purl.org/net/p-plan#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://w3id.org/vnge/> .
@prefix plan: <https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd/> .
"""
_UNIT_X, _UNIT_A = "https://w3id.org/vnge/id/dvhc/tinh-a/x", "https://w3id.org/vnge/id/dvhc/tinh-a"
_UBND_X = "https://w3id.org/vnge/id/org/tinh-a/x/uy-ban-nhan-dan-huyen-x"
_UBND_A = "https://w3id.org/vnge/id/org/tinh-a/uy-ban-nhan-dan-tinh-a"
_NOI_VU = "https://w3id.org/vnge/id/org/tinh-a/x/phong-noi-vu"


def _mention(entity: str) -> str:
    return f"<https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd/mention/{short_hash(entity)}>"


# The plan's graph: what the plan says, shared entities only through its mention and citation nodes.
EXPECTED = _PREFIXES + f"""
<https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd> a vnp:Plan ;
  vnp:documentType vnc:doctype-plan ; eli:number "12/KH-UBND" ;
  rdfs:label "Kế hoạch 12/KH-UBND của Ủy ban nhân dân huyện X"@vi, "Plan 12/KH-UBND of Ủy ban nhân dân huyện X"@en ;
  eli:date_document "2022-03-04"^^xsd:date ; vnp:issuedYear 2022 ; vnp:issuedMonth 3 ;
  vnp:datePrecision vnc:precision-day ; vnp:placeName "X" ;
  vnp:issuedBy <{_UBND_X}> ;
  vnp:jurisdiction <{_UNIT_X}> ;
  vnp:periodStart 2022 ; vnp:periodEnd 2030 ;
  vnp:hasCitation plan:citation\\/1 ;
  vnp:implements <https://w3id.org/vnge/eli/vn/tinh-a/2022/5-kh-ubnd> ;
  vnp:hasTask plan:task\\/1 ;
  prov:wasDerivedFrom <https://w3id.org/vnge/source/abababababababababababababababababababababababababababababababab> ;
  eli:is_realized_by plan:vie .
plan:vie a eli:LegalExpression ; eli:language <http://publications.europa.eu/resource/authority/language/VIE> ;
  eli:is_embodied_by <https://w3id.org/vnge/source/abababababababababababababababababababababababababababababababab> .
{_mention(_UNIT_X)} vnp:mentionOf <{_UNIT_X}> ; vnp:mentionedKind vnp:District, vnc:level-district,
  vnc:unittype-rural-district ; vnp:mentionedName "huyện X"@vi .
{_mention(_UBND_X)} vnp:mentionOf <{_UBND_X}> ; vnp:mentionedKind vnp:Agency, vnc:orgtype-peoples-committee ;
  vnp:mentionedName "Ủy ban nhân dân huyện X"@vi ; vnp:sourceSpelling "UBND huyện X" ; vnp:mentionedUnit <{_UNIT_X}> .
{_mention(_UBND_A)} vnp:mentionOf <{_UBND_A}> ; vnp:mentionedKind vnp:Agency, vnc:orgtype-peoples-committee ;
  vnp:mentionedName "Ủy ban nhân dân tỉnh A"@vi ; vnp:sourceSpelling "UBND tỉnh A" ; vnp:mentionedUnit <{_UNIT_A}> .
{_mention(_NOI_VU)} vnp:mentionOf <{_NOI_VU}> ; vnp:mentionedKind vnp:Agency, vnc:orgtype-office ;
  vnp:mentionedName "Phòng Nội vụ"@vi ; vnp:mentionedUnit <{_UNIT_X}> .
plan:citation\\/1 a vnp:Citation ; vnp:citedDocument <https://w3id.org/vnge/eli/vn/tinh-a/2022/5-kh-ubnd> ;
  vnp:citationKind vnc:citation-implements ; vnp:mentionedKind vnc:doctype-plan ; vnp:mentionedNumber "5/KH-UBND" ;
  vnp:mentionedDate "2022-02-01"^^xsd:date ; vnp:mentionedIssuer <{_UBND_A}> ; vnp:mentionedUnit <{_UNIT_A}> .
plan:task\\/1 a vnp:Task ; rdfs:label "Tập huấn"@vi ; p-plan:isStepOfPlan <https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd> ;
  vnp:leadAgency <{_NOI_VU}> .
<https://w3id.org/vnge/source/abababababababababababababababababababababababababababababababab> a vnp:SourceFile ;
  vnp:sha256 "abababababababababababababababababababababababababababababababab" ; vnp:fileName "a.txt" ; vnp:mediaType "text/plain" .
<https://w3id.org/vnge/graph/plan/eli/vn/tinh-a/x/2022/12-kh-ubnd> prov:wasGeneratedBy <https://w3id.org/vnge/activity/extract/0-1-0/0-2-0/abababababababababababababababababababababababababababababababab> .
<https://w3id.org/vnge/activity/extract/0-1-0/0-2-0/abababababababababababababababababababababababababababababababab> a vnp:ExtractionActivity ; prov:used <https://w3id.org/vnge/source/abababababababababababababababababababababababababababababababab>,
    <https://w3id.org/vnge/ontology/0.2.0>, <https://w3id.org/vnge/vocab/0.2.0> ;
  prov:wasAssociatedWith <https://w3id.org/vnge/id/agent/vnge-kg> ; vnp:softwareVersion "0.1.0" .
"""

# The shared entities as graph/entities describes them from that plan's claims (kg/rdf/entities.py).
EXPECTED_ENTITIES = _PREFIXES + f"""
<{_UNIT_X}> a vnp:District ; vnp:level vnc:level-district ;
  vnp:unitType vnc:unittype-rural-district ; skos:prefLabel "huyện X"@vi ; rdfs:label "huyện X"@vi ; skos:altLabel "huyen x" .
<{_UBND_X}> a vnp:Agency ;
  rdfs:label "Ủy ban nhân dân huyện X"@vi ; skos:prefLabel "Ủy ban nhân dân huyện X"@vi ; skos:altLabel "uy ban nhan dan huyen x" ;
  vnp:scopeUnit <{_UNIT_X}> ; org:classification vnc:orgtype-peoples-committee .
<{_UBND_A}> a vnp:Agency ;
  rdfs:label "Ủy ban nhân dân tỉnh A"@vi ; skos:prefLabel "Ủy ban nhân dân tỉnh A"@vi ; skos:altLabel "uy ban nhan dan tinh a" ;
  vnp:scopeUnit <{_UNIT_A}> ; org:classification vnc:orgtype-peoples-committee .
<{_NOI_VU}> a vnp:Agency ;
  rdfs:label "Phòng Nội vụ"@vi ; skos:prefLabel "Phòng Nội vụ"@vi ; skos:altLabel "phong noi vu" ;
  vnp:scopeUnit <{_UNIT_X}> ; org:classification vnc:orgtype-office .
<https://w3id.org/vnge/eli/vn/tinh-a/2022/5-kh-ubnd> a vnp:Plan ; vnp:documentType vnc:doctype-plan ;
  eli:number "5/KH-UBND" ; rdfs:label "Kế hoạch 5/KH-UBND"@vi ; eli:date_document "2022-02-01"^^xsd:date ;
  vnp:issuedYear 2022 ; vnp:issuedBy <{_UBND_A}> ; vnp:jurisdiction <{_UNIT_A}> .
"""


def without_annotations(g: Graph) -> Graph:
    """``g`` without its provenance: the ``vnp:evidence`` links and the quotes of the spans."""
    evidence = URIRef("https://w3id.org/vnge/ontology#evidence")
    out = Graph()
    for s, p, o in g:
        if p == evidence or "#char=" in str(s):
            continue
        out.add((s, p, o))
    return out


_QUOTES = """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX vnp: <https://w3id.org/vnge/ontology#>
    SELECT ?body ?span ?q WHERE { ?body vnp:evidence ?span . ?span oa:exact ?q }"""


def quotes_by_body(g: Graph) -> list[tuple[str, tuple[int, int, str]]]:
    """(fact, (start, end, quote)) of every fact's evidence span ({source}#char={start},{end})."""
    out = []
    for r in g.query(_QUOTES):
        source, start, end = evidence_span(str(r.span))  # type: ignore[misc]
        assert source == str(SOURCE_IRI)
        out.append((str(r.body), (start, end, str(r.q))))
    return sorted(out)


def test_small_plan_maps_to_the_expected_graph():
    plan, g = map_plan(small_plan(), TEXT, SOURCE, ReferenceIndex())
    assert str(plan) == "https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd"
    expected = Graph().parse(data=EXPECTED, format="turtle")
    got = without_annotations(g)
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(
            "unexpected:\n"
            + only_got.serialize(format="nt")
            + "\nmissing:\n"
            + only_expected.serialize(format="nt")
        )


def test_the_plans_claims_describe_the_shared_entities():
    _, g = map_plan(small_plan(), TEXT, SOURCE, ReferenceIndex())
    got = Graph()
    for triple in describe(claims_in(g)):
        got.add(triple)
    expected = Graph().parse(data=EXPECTED_ENTITIES, format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError("unexpected:\n" + only_got.serialize(format="nt")
                             + "\nmissing:\n" + only_expected.serialize(format="nt"))


def test_every_fact_with_a_span_quotes_its_source():
    _, g = map_plan(small_plan(), TEXT, SOURCE, ReferenceIndex())
    plan = "https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd"
    quotes = {body.removeprefix(plan): q for body, q in quotes_by_body(g)}
    assert set(quotes) == {"", "/citation/1", "/task/1"}
    for start, end, quote in quotes.values():
        assert TEXT[start:end] == quote


# A lead or partner stated twice: a qualified assignment that carries nothing its task's shortcut
# (vnp:leadAgency / vnp:partnerAgency) does not, i.e. without an evidence span of its own.
STATED_TWICE = """PREFIX vnp: <https://w3id.org/vnge/ontology#>
SELECT DISTINCT ?x WHERE { ?task vnp:hasAssignment ?x
  FILTER NOT EXISTS { ?x vnp:evidence ?own FILTER NOT EXISTS { ?task vnp:evidence ?own } } }"""
# ... or one whose agent is not its task's shortcut in the same role (the shortcut is the fact).
WITHOUT_SHORTCUT = """PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX vnc: <https://w3id.org/vnge/concept/>
SELECT DISTINCT ?x WHERE { ?task vnp:hasAssignment ?x . ?x vnp:agent ?a ; vnp:role ?role .
  VALUES (?role ?shortcut) { (vnc:role-lead vnp:leadAgency) (vnc:role-partner vnp:partnerAgency) }
  FILTER NOT EXISTS { ?task ?shortcut ?a } }"""


def test_a_lead_read_from_the_tasks_own_text_is_stated_once():
    """A lead whose span is the task's, within it ("Phòng Nội vụ" in "Hoạt động 1: Tập huấn. Chủ trì:
    Phòng Nội vụ.") or unknown is the shortcut alone: no vnp:Assignment node, and the task's one
    evidence span quotes the sentence naming it (the agency's own span would only pinpoint a phrase of
    that quote)."""
    x = small_plan()
    name = (TEXT.index("Phòng Nội vụ"), TEXT.index("Phòng Nội vụ") + len("Phòng Nội vụ"))
    for span in ((0, 0), x.tasks[0].span, name):
        task = replace(x.tasks[0], lead=(replace(x.tasks[0].lead[0], span=span),))
        _, g = map_plan(replace(x, tasks=[task]), TEXT, SOURCE, ReferenceIndex())
        vnp = "https://w3id.org/vnge/ontology#"
        assert list(g.subject_objects(URIRef(vnp + "leadAgency"))) == [
            (URIRef("https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd/task/1"), URIRef(_NOI_VU))]
        assert [t for t in g if "/assignment/" in str(t[0]) + str(t[2])] == []
        assert not any(p in (URIRef(vnp + "agent"), URIRef(vnp + "role")) for p in g.predicates())
        assert [(b.rsplit("/", 2)[-2:], q) for b, q in quotes_by_body(g) if "/task/" in b] == [
            (["task", "1"], (*x.tasks[0].span, TEXT[slice(*x.tasks[0].span)]))]
        assert "Chủ trì: Phòng Nội vụ" in TEXT[slice(*x.tasks[0].span)]


def test_an_agency_named_outside_the_tasks_span_keeps_its_qualified_assignment():
    """A lead read from a span outside the task's (the task quotes "Hoạt động 1: Tập huấn.", the lead
    comes from the line "Chủ trì: Phòng Nội vụ" after it, as from a table cell or a role line the task's
    span does not cover) keeps the shortcut and a qualified node that quotes that span: the lead is one
    fact, the node its provenance."""
    x = small_plan()
    title = (TEXT.index("Hoạt động 1"), TEXT.index("Tập huấn.") + len("Tập huấn."))
    role = (TEXT.index("Chủ trì"), len(TEXT) - 1)
    task = replace(x.tasks[0], lead=(replace(x.tasks[0].lead[0], span=role),), span=title)
    _, g = map_plan(replace(x, tasks=[task]), TEXT, SOURCE, ReferenceIndex())
    spans = dict(quotes_by_body(g))
    plan = "https://w3id.org/vnge/eli/vn/tinh-a/x/2022/12-kh-ubnd"
    assert spans[plan + "/task/1"] == (*title, "Hoạt động 1: Tập huấn.")
    assert spans[plan + "/assignment/1-lead-1"] == (*role, "Chủ trì: Phòng Nội vụ")
    vnp = "https://w3id.org/vnge/ontology#"
    assert (URIRef(plan + "/task/1"), URIRef(vnp + "leadAgency"), URIRef(_NOI_VU)) in g
    assert list(g.query(STATED_TWICE)) == list(g.query(WITHOUT_SHORTCUT)) == []


def test_no_fact_of_the_full_plan_states_a_lead_or_partner_twice():
    x = full_plan()
    same = replace(x.tasks[0], lead=tuple(replace(a, span=x.tasks[0].span) for a in x.tasks[0].lead))
    for plan in (x, replace(x, tasks=[same, *x.tasks[1:]])):
        _, g = map_plan(plan, FULL_TEXT, SOURCE, ReferenceIndex())
        assert list(g.query(STATED_TWICE)) == list(g.query(WITHOUT_SHORTCUT)) == []
        assert len(list(g.objects(None, URIRef("https://w3id.org/vnge/ontology#leadAgency")))) == len(x.tasks[0].lead)


def test_mapping_is_deterministic():
    a = map_plan(small_plan(), TEXT, SOURCE)[1].serialize(format="nt")
    b = map_plan(small_plan(), TEXT, SOURCE)[1].serialize(format="nt")
    assert sorted(a.splitlines()) == sorted(b.splitlines())


def test_plan_graph_name_follows_the_plan_iri():
    plan, _ = map_plan(small_plan(), TEXT, SOURCE)
    assert str(plan_graph_iri(plan)) == "https://w3id.org/vnge/graph/plan/eli/vn/tinh-a/x/2022/12-kh-ubnd"


# ---------------------------------------------------------------- provenance of every fact kind

FULL_TEXT = (
    "Số: 12/KH-UBND\n"
    "Thực hiện Kế hoạch số 5/KH-UBND ngày 01/02/2022 của UBND tỉnh A.\n"
    "Nâng cao nhận thức về bình đẳng giới.\n"
    "Hằng năm tổ chức ít nhất 02 cuộc truyền thông.\n"
    "Hoạt động 1: Tập huấn. Chủ trì: Phòng Nội vụ. Phối hợp: Phòng Tư pháp.\n"
    "Phòng Nội vụ tham mưu triển khai Kế hoạch.\n"
    "Báo cáo kết quả về UBND huyện trước ngày 10/12 hằng năm.\n"
    "Kinh phí: ngân sách nhà nước.\n"
    "Nơi nhận: Phòng Nội vụ.\n"
    "Nguyễn Văn A"
)


def span_of(phrase: str) -> tuple[int, int]:
    start = FULL_TEXT.index(phrase)
    return start, start + len(phrase)


# every field of PlanExtraction: the facts it maps to carry an annotation quoting their source, or
# it says why it has none (a new record kind must be put in one of the two)
ANNOTATED_KINDS = {"document", "implements", "citations", "objectives", "targets", "tasks", "responsibilities",
                   "reporting", "funding", "signatory"}
UNANNOTATED_KINDS = {
    "recipients": "literals on the plan (vnp:recipientText) and links to agencies, no node of their own",
    "warnings": "messages for the user, not facts",
}


def full_plan() -> PlanExtraction:
    """A plan with one record of every kind, each span on its own sentence of FULL_TEXT (the task's is
    its title sentence, its lead and partner are read from the role sentences after it: each keeps a
    qualified assignment quoting its own span)."""
    small = small_plan()
    lead = AgencyRef("Phòng Nội vụ", "Phòng Nội vụ", "tinh-a/x", "office", span=span_of("Chủ trì: Phòng Nội vụ"))
    partner = AgencyRef("Phòng Tư pháp", "Phòng Tư pháp", "tinh-a/x", "office",
                        span=span_of("Phối hợp: Phòng Tư pháp"))
    ubnd = AgencyRef("Ủy ban nhân dân huyện X", "UBND huyện", "tinh-a/x", "peoples-committee",
                     span=span_of("UBND huyện"))
    parent = replace(small.implements[0], span=span_of("Thực hiện Kế hoạch số 5/KH-UBND ngày 01/02/2022 của UBND tỉnh A."))
    return PlanExtraction(
        document=replace(small.document, span=span_of("Số: 12/KH-UBND")),
        implements=[parent],
        citations=[parent],
        objectives=[Objective("Nâng cao nhận thức về bình đẳng giới", False,
                              span_of("Nâng cao nhận thức về bình đẳng giới"))],
        targets=[Target("Hằng năm tổ chức ít nhất 02 cuộc truyền thông", "ge-law-communication-sessions", 2.0, None,
                        "event", "at-least", None, None, "annual", None,
                        span_of("Hằng năm tổ chức ít nhất 02 cuộc truyền thông"))],
        tasks=[Task("Tập huấn", lead=(lead,), partners=(partner,),
                    span=span_of("Hoạt động 1: Tập huấn."))],
        responsibilities=[Responsibility(lead, ("tham mưu triển khai Kế hoạch",), (0,),
                                         span_of("Phòng Nội vụ tham mưu triển khai Kế hoạch."))],
        reporting=[ReportingDuty((lead,), (ubnd,), "--12-10", "annual", "kết quả",
                                 span_of("Báo cáo kết quả về UBND huyện trước ngày 10/12 hằng năm."))],
        funding=[Funding("ngân sách nhà nước", "state-budget", span_of("Kinh phí: ngân sách nhà nước."))],
        signatory=Signatory("Nguyễn Văn A", "CHỦ TỊCH", span_of("Nguyễn Văn A")),
        recipients=[Recipient("Phòng Nội vụ", lead, span_of("Nơi nhận: Phòng Nội vụ."))],
        warnings=["a warning"],
    )


def test_the_full_plan_has_a_record_of_every_kind():
    x = full_plan()
    kinds = {f.name for f in fields(PlanExtraction)}
    assert kinds == ANNOTATED_KINDS | UNANNOTATED_KINDS.keys(), "put the new record kind in one of the two sets"
    assert [k for k in sorted(kinds) if not getattr(x, k)] == []


def test_every_fact_of_every_kind_quotes_its_source_once():
    x = full_plan()
    plan, g = map_plan(x, FULL_TEXT, SOURCE, ReferenceIndex())
    p = str(plan)
    person = str(g.value(plan, URIRef("https://w3id.org/vnge/ontology#signedBy")))
    expected = {
        p: x.document.span,
        p + "/citation/1": x.citations[0].span,
        p + "/objective/1": x.objectives[0].span,
        p + "/target/1": x.targets[0].span,
        p + "/task/1": x.tasks[0].span,
        p + "/assignment/1-lead-1": x.tasks[0].lead[0].span,
        p + "/assignment/1-partner-1": x.tasks[0].partners[0].span,
        p + "/responsibility/1": x.responsibilities[0].span,
        p + "/reporting/1": x.reporting[0].span,
        p + "/funding/1": x.funding[0].span,
        person: x.signatory.span,
    }
    found = quotes_by_body(g)
    assert [body for body, _ in found] == sorted(expected), "one annotation per fact, on every kind"
    assert dict(found) == {body: (s, e, FULL_TEXT[s:e]) for body, (s, e) in expected.items()}


def test_a_local_plan_cited_without_its_issuer_is_not_minted_under_the_citing_unit():
    """"Thực hiện Kế hoạch số 5/KH-UBND ngày 01/02/2022" with no "của UBND …": the parent's unit is not
    known, so it does not get the identity of the citing district's own plan 5/KH-UBND of 2022."""
    x = small_plan()
    unnamed = replace(x.implements[0], issuer=None)
    plan, g = map_plan(replace(x, implements=[unnamed], citations=[unnamed]), TEXT, SOURCE)
    (parent,) = set(g.objects(plan, URIRef("https://w3id.org/vnge/ontology#implements")))
    own_unit = "https://w3id.org/vnge/eli/vn/tinh-a/x/"
    assert not str(parent).startswith(own_unit), parent
    assert str(parent).endswith("/2022/5-kh-ubnd")
    # and no citation claims the citing plan's unit for it
    claims = [o for c, o in g.subject_objects(URIRef("https://w3id.org/vnge/ontology#mentionedUnit"))
              if (c, URIRef("https://w3id.org/vnge/ontology#citedDocument"), parent) in g]
    assert URIRef(_UNIT_X) not in claims


def test_a_local_plan_cited_with_its_issuer_is_minted_under_the_issuers_unit():
    plan, g = map_plan(small_plan(), TEXT, SOURCE)
    parents = set(g.objects(plan, URIRef("https://w3id.org/vnge/ontology#implements")))
    assert parents == {URIRef("https://w3id.org/vnge/eli/vn/tinh-a/2022/5-kh-ubnd")}


def test_an_agency_named_again_adds_what_a_first_naming_would():
    """PlanContext.agent is memoised per plan on every field of the reference but its span: a reference
    that differs from an earlier one in any other field still adds its own triples."""
    from kg.rdf.context import PlanContext

    base = AgencyRef("Các phòng, ban", "các phòng, ban", "tinh-a/x", "office", True, 3, (5, 9), "district",
                     ("rural-district",))
    others = {"name": "Các sở, ngành", "source_text": "các sở", "unit": "tinh-a/y", "orgtype": "department",
              "is_group": False, "member_count": 4, "member_level": "province", "member_types": ("commune",)}
    assert set(others) == {f.name for f in fields(AgencyRef)} - {"span"}  # a new field is added here too
    for name, value in others.items():
        variant = replace(base, **{name: value})
        ctx = PlanContext(small_plan(), TEXT, SOURCE, ReferenceIndex())
        ctx.agent(base)
        iri = ctx.agent(replace(variant, span=(20, 30)))
        alone = PlanContext(small_plan(), TEXT, SOURCE, ReferenceIndex())
        assert iri == alone.agent(variant)
        assert set(alone.g) <= set(ctx.g), name
    ctx = PlanContext(small_plan(), TEXT, SOURCE, ReferenceIndex())
    first = ctx.agent(base)
    count = len(ctx.g)
    assert ctx.agent(replace(base, span=(40, 50))) == first and len(ctx.g) == count  # its span: no triple
