"""Issue 14, item 4: successions of agencies at every level, on the seed plans (data/) and on inline
stores. District offices were reorganised on 01/03/2025 (Phòng Lao động - Thương binh và Xã hội into
Phòng Nội vụ) and the district level ended on 01/07/2025; the reference data states both once, by
kind of agency and unit level (vnp:AgencyKindChange), never per district."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.rdf.namespaces import mint_iri
from kg.validation import Audit, ValidationReport, load_audits, run_audit, run_validation

AUDITS = ("agency-defunct-before", "agency-defunct-since")


@pytest.fixture(scope="module")
def report(built_store) -> ValidationReport:
    path, _ = built_store
    return run_validation(str(path))


def agency_findings(report: ValidationReport) -> list:
    return [f for f in report.findings if f.shape.rsplit("#audit-", 1)[-1] in AUDITS]


@pytest.mark.parametrize(
    ("district", "successor"),
    [("hai-phong/hong-bang", "Phòng Nội vụ quận Hồng Bàng"),
     ("bac-kan/thanh-pho-bac-kan", "Phòng Nội vụ thành phố Bắc Kạn")],
)
def test_seed_district_labour_offices_are_flagged_with_successors_and_dates(
    report: ValidationReport, district: str, successor: str
) -> None:
    """The Phòng LĐTBXH leading activities of Hồng Bàng's and TP Bắc Kạn's 2022 plans: one Warning
    each, naming Phòng Nội vụ from 01/03/2025 (Nghị định 46/2025/NĐ-CP), then the end of the district
    level on 01/07/2025 with no district successor and the functions' new holders."""
    office = str(mint_iri("org", district, "Phòng Lao động - Thương binh và Xã hội"))
    found = [f for f in agency_findings(report) if f.value == office]
    assert [f.severity for f in found] == ["Warning"], found
    text = found[0].message_vi
    first, then = text.index("từ ngày 2025-03-01"), text.index("từ ngày 2025-07-01")
    assert first < then
    assert f"cơ quan kế thừa là {successor} (46/2025/NĐ-CP)" in text
    assert "không có cơ quan cấp huyện kế thừa" in text and "Ủy ban nhân dân cấp xã" in text
    assert "2025-03-01: succeeded by " + successor in found[0].message_en


def test_seed_district_peoples_committees_end_with_no_district_successor(report: ValidationReport) -> None:
    for district, name in (("hai-phong/hong-bang", "Ủy ban nhân dân quận Hồng Bàng"),
                           ("bac-kan/thanh-pho-bac-kan", "Ủy ban nhân dân thành phố Bắc Kạn")):
        committee = str(mint_iri("org", district, name))
        (found,) = [f for f in agency_findings(report) if f.value == committee]
        assert "từ ngày 2025-07-01: cấp huyện kết thúc hoạt động" in found.message_vi
        assert "203/2025/QH15" in found.message_vi


def test_seed_agency_findings_are_one_per_plan_and_agency_and_never_vague(report: ValidationReport) -> None:
    found = agency_findings(report)
    assert len(found) >= 10
    assert Counter((f.plan, f.value) for f in found).most_common(1)[0][1] == 1
    for f in found:
        assert "—" not in f.message_vi and "chưa rõ ngày" not in f.message_vi, f.message_vi
        assert "(date not recorded)" not in f.message_en, f.message_en
        assert "(in 1 places)" not in f.message_en, f.message_en  # one place is "in 1 place"
    assert any("(in 1 place)" in f.message_en for f in found)
    quang_ninh = str(mint_iri("org", "quang-ninh", "Sở Lao động - Thương binh và Xã hội"))
    (qn,) = [f for f in found if f.value == quang_ninh]
    assert "(5 lần)" in qn.message_vi and "từ ngày 2025-03-01: cơ quan kế thừa là Sở Nội vụ tỉnh Quảng Ninh" in qn.message_vi


def test_seed_agencies_are_one_node_per_agency_and_unit(built_store) -> None:
    """A guard (it held before issue 14 too): every agency named in the seed plans is one node, with
    one Vietnamese name, and no two nodes of a unit share it."""
    path, _ = built_store
    store = ox.Store.read_only(str(path))
    rows = store.query(
        "PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT DISTINCT ?a ?unit ?name WHERE { { ?x vnp:agent ?a } UNION { ?x vnp:reporter ?a } "
        "UNION { ?x vnp:reportRecipient ?a } ?a skos:prefLabel ?name FILTER(LANG(?name) = \"vi\") "
        "OPTIONAL { ?a vnp:scopeUnit ?unit } }", use_default_graph_as_union=True)
    seen = [(r["a"].value, r["unit"].value if r["unit"] else "", r["name"].value) for r in rows]
    assert len(seen) >= 40
    assert Counter(a for a, _, _ in seen).most_common(1)[0][1] == 1
    assert Counter((u, n) for _, u, n in seen).most_common(1)[0][1] == 1


# ---------------------------------------------------------------- the rule is general (inline data)

TRIG = """
@prefix vnp: <https://w3id.org/vnge/ontology#> .
@prefix vnc: <https://w3id.org/vnge/concept/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/vnge/> .
<graph/reference> {
  <eli/vn/2025/46-2025-nd-cp> eli:number "46/2025/NĐ-CP" .
  <id/change/district-office> a vnp:AgencyKindChange ;
      vnp:appliesToName "Phòng Lao động - Thương binh và Xã hội"@vi ; vnp:appliesToLevel vnc:level-district ;
      vnp:successorName "Phòng Nội vụ"@vi ; vnp:effectiveDate "2025-03-01"^^xsd:date ;
      prov:used <eli/vn/2025/46-2025-nd-cp> .
  <id/change/district-level> a vnp:AgencyKindChange ;
      vnp:appliesToClassification vnc:orgtype-office ; vnp:appliesToLevel vnc:level-district ;
      vnp:successorNote "không có cơ quan cấp huyện kế thừa"@vi, "no district-level successor"@en ;
      vnp:effectiveDate "2025-07-01"^^xsd:date .
  <id/dvhc/p> vnp:level vnc:level-province ; skos:prefLabel "tỉnh P"@vi .
  <id/dvhc/p/d> vnp:level vnc:level-district ; vnp:parentUnit <id/dvhc/p> ; skos:prefLabel "huyện D"@vi .
  <id/dvhc/p/d/c> vnp:level vnc:level-commune ; vnp:parentUnit <id/dvhc/p/d> ; skos:prefLabel "xã C"@vi .
}
<graph/plan/x> {
  <eli/x> a vnp:Plan ; prov:wasDerivedFrom <source/x> ; eli:date_document "DATE"^^xsd:date ;
      vnp:hasResponsibility <eli/x/r1>, <eli/x/r2>, <eli/x/r3> .
  <eli/x/r1> vnp:agent <id/org/p/d/phong-lao-dong-thuong-binh-va-xa-hoi> .
  <eli/x/r2> vnp:agent <id/org/p/d/phong-lao-dong-thuong-binh-va-xa-hoi> .
  <eli/x/r3> vnp:agent <id/org/p/d/c/phong-lao-dong-thuong-binh-va-xa-hoi> .
  <id/org/p/d/phong-lao-dong-thuong-binh-va-xa-hoi> skos:prefLabel "Phòng Lao động - Thương binh và Xã hội"@vi ;
      org:classification vnc:orgtype-office ; vnp:scopeUnit <id/dvhc/p/d> .
  <id/org/p/d/c/phong-lao-dong-thuong-binh-va-xa-hoi> skos:prefLabel "Phòng Lao động - Thương binh và Xã hội"@vi ;
      org:classification vnc:orgtype-office ; vnp:scopeUnit <id/dvhc/p/d/c> .
}
"""


@pytest.fixture(scope="module")
def audits() -> dict[str, Audit]:
    return {a.name: a for a in load_audits() if a.name in AUDITS}


def run(audits: dict[str, Audit], name: str, date: str) -> list:
    store = ox.Store()
    store.load(TRIG.replace("DATE", date).encode(), format=ox.RdfFormat.TRIG)
    return run_audit(store, audits[name])


def test_kind_change_applies_by_name_and_level_in_any_district(audits: dict[str, Audit]) -> None:
    """A district none of the reference files names: its Phòng LĐTBXH gets both steps, once per plan
    (two responsibilities, one finding), and a commune office of the same name none."""
    (found,) = run(audits, "agency-defunct-since", "2022-05-01")
    assert found.value.endswith("/id/org/p/d/phong-lao-dong-thuong-binh-va-xa-hoi")
    assert found.message_vi.count("từ ngày") == 2 and "(2 lần)" in found.message_vi
    assert ("từ ngày 2025-03-01: cơ quan kế thừa là Phòng Nội vụ huyện D (46/2025/NĐ-CP); "
            "từ ngày 2025-07-01: không có cơ quan cấp huyện kế thừa; cấp tỉnh hiện nay: tỉnh P") in found.message_vi
    assert run(audits, "agency-defunct-before", "2022-05-01") == []


def test_plan_issued_between_the_two_steps_is_a_violation(audits: dict[str, Audit]) -> None:
    """A plan of April 2025 still naming Phòng LĐTBXH: it had become Phòng Nội vụ on 01/03/2025."""
    (found,) = run(audits, "agency-defunct-before", "2025-04-10")
    assert found.severity == "Violation" and "Phòng Nội vụ huyện D" in found.message_vi
    assert run(audits, "agency-defunct-since", "2025-04-10") == []
