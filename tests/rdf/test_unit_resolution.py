"""A plan's unit resolves to a coded unit valid on its date, inside the province (and, before 1 July
2025, the district) its own head names; otherwise it is flagged, never guessed (issue 14, item 2).
The units here are written inline; tests/pipeline/test_units_official.py runs the official lists."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kg.extract import extract_plan
from kg.extract.records import DocumentMeta
from kg.rdf.context import SourceInfo
from kg.rdf.mapping import map_plan
from kg.rdf.namespaces import VNP
from kg.rdf.references import ReferenceIndex
from kg.rdf.unit_index import UnitIndex
from kg.rdf.unit_resolution import resolve_unit

# Two provinces with a "xã Tân Lập" each (after the reform), and before it a district with a xã Tân
# Lập and another district with one too, in the same province.
UNITS = """
@prefix vnp: <https://w3id.org/vnge/ontology#> .
@prefix vnc: <https://w3id.org/vnge/concept/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix u: <https://w3id.org/vnge/id/dvhc/gso/> .
u:2025-07\\/25 skos:notation "25"^^vnp:GSOCode ; vnp:level vnc:level-province ; vnp:unitType vnc:unittype-province ;
    skos:prefLabel "Tỉnh Phú Thọ"@vi ; vnp:validFrom "2025-07-01"^^xsd:date .
u:2025-07\\/19 skos:notation "19"^^vnp:GSOCode ; vnp:level vnc:level-province ; vnp:unitType vnc:unittype-province ;
    skos:prefLabel "Tỉnh Thái Nguyên"@vi ; vnp:validFrom "2025-07-01"^^xsd:date .
u:2025-07\\/07900 skos:notation "07900"^^vnp:GSOCode ; vnp:level vnc:level-commune ; vnp:unitType vnc:unittype-commune ;
    skos:prefLabel "Xã Tân Lập"@vi ; vnp:parentUnit u:2025-07\\/25 ; vnp:validFrom "2025-07-01"^^xsd:date .
u:2025-07\\/05800 skos:notation "05800"^^vnp:GSOCode ; vnp:level vnc:level-commune ; vnp:unitType vnc:unittype-commune ;
    skos:prefLabel "Xã Tân Lập"@vi ; vnp:parentUnit u:2025-07\\/19 ; vnp:validFrom "2025-07-01"^^xsd:date .
u:2025-03\\/25 skos:notation "25"^^vnp:GSOCode ; vnp:level vnc:level-province ; vnp:unitType vnc:unittype-province ;
    skos:prefLabel "Tỉnh Phú Thọ"@vi ; vnp:validUntil "2025-06-30"^^xsd:date .
u:2025-03\\/230 skos:notation "230"^^vnp:GSOCode ; vnp:level vnc:level-district ; vnp:unitType vnc:unittype-rural-district ;
    skos:prefLabel "Huyện Thanh Sơn"@vi ; vnp:parentUnit u:2025-03\\/25 ; vnp:validUntil "2025-06-30"^^xsd:date .
u:2025-03\\/231 skos:notation "231"^^vnp:GSOCode ; vnp:level vnc:level-district ; vnp:unitType vnc:unittype-rural-district ;
    skos:prefLabel "Huyện Tân Sơn"@vi ; vnp:parentUnit u:2025-03\\/25 ; vnp:validUntil "2025-06-30"^^xsd:date .
u:2025-03\\/08001 skos:notation "08001"^^vnp:GSOCode ; vnp:level vnc:level-commune ; vnp:unitType vnc:unittype-commune ;
    skos:prefLabel "Xã Tân Lập"@vi ; vnp:parentUnit u:2025-03\\/230 ; vnp:validUntil "2025-06-30"^^xsd:date .
u:2025-03\\/08002 skos:notation "08002"^^vnp:GSOCode ; vnp:level vnc:level-commune ; vnp:unitType vnc:unittype-commune ;
    skos:prefLabel "Xã Tân Lập"@vi ; vnp:parentUnit u:2025-03\\/231 ; vnp:validUntil "2025-06-30"^^xsd:date .
"""
GSO = "https://w3id.org/vnge/id/dvhc/gso/"


@pytest.fixture(scope="module")
def index() -> UnitIndex:
    return UnitIndex.from_graph(Graph().parse(data=UNITS, format="turtle"))


def meta(text: str, unit: str, level: str, date: str | None = "2026-03-02",
         period: tuple[int, int] | None = None) -> DocumentMeta:
    return DocumentMeta(number=None, date=date, date_precision="day", place=None, issuer=None,
                        unit_name=unit, unit_path=None, level=level, unit_type=None, title=None,
                        period=period, span=(0, len(text.split("\n\n")[0])))


def commune_plan(province_sentence: str) -> str:
    return ("KẾ HOẠCH\nThực hiện Chương trình truyền thông về bình đẳng giới trên địa bàn xã Tân Lập\n\n"
            f"{province_sentence} Ủy ban nhân dân xã Tân Lập ban hành Kế hoạch như sau:\n")


def test_two_communes_of_the_same_name_in_two_provinces_are_kept_apart(index: UnitIndex) -> None:
    phu_tho = commune_plan("Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh Phú Thọ.")
    thai_nguyen = commune_plan("Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh Thái Nguyên.")
    assert resolve_unit(meta(phu_tho, "xã Tân Lập", "commune"), phu_tho, index).unit == GSO + "2025-07/07900"
    assert resolve_unit(meta(thai_nguyen, "xã Tân Lập", "commune"), thai_nguyen, index).unit == (
        GSO + "2025-07/05800")


def test_a_commune_whose_province_is_not_named_is_flagged_not_guessed(index: UnitIndex) -> None:
    text = commune_plan("Thực hiện chỉ đạo của cấp trên.")
    result = resolve_unit(meta(text, "xã Tân Lập", "commune"), text, index)
    assert result.unit is None and "its province must be named" in result.note


def test_a_commune_in_a_head_naming_two_provinces_is_flagged(index: UnitIndex) -> None:
    text = commune_plan("Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Phú Thọ và tỉnh Thái Nguyên.")
    result = resolve_unit(meta(text, "xã Tân Lập", "commune"), text, index)
    assert result.unit is None and "Tỉnh Phú Thọ" in result.note and "Tỉnh Thái Nguyên" in result.note


def test_a_name_after_no_type_word_does_not_count_as_a_province(index: UnitIndex) -> None:
    """"Hồ Chí Minh" in "tư tưởng Hồ Chí Minh" is no province: the type word is needed."""
    text = commune_plan("Học tập và làm theo tư tưởng, đạo đức, phong cách Thái Nguyên.")
    assert resolve_unit(meta(text, "xã Tân Lập", "commune"), text, index).unit is None


def test_before_the_reform_a_commune_resolves_only_inside_its_district(index: UnitIndex) -> None:
    text = commune_plan("Thực hiện Kế hoạch số 5/KH-UBND của Ủy ban nhân dân tỉnh Phú Thọ.")
    result = resolve_unit(meta(text, "xã Tân Lập", "commune", date="2022-04-01"), text, index)
    assert result.unit is None and "inside its district" in result.note
    text = commune_plan("Thực hiện Kế hoạch số 5/KH-UBND của Ủy ban nhân dân huyện Tân Sơn, tỉnh Phú Thọ.")
    result = resolve_unit(meta(text, "xã Tân Lập", "commune", date="2022-04-01"), text, index)
    assert result.unit == GSO + "2025-03/08002"


def test_the_unit_valid_on_the_plans_date_is_chosen(index: UnitIndex) -> None:
    text = "KẾ HOẠCH\nThực hiện Chương trình trên địa bàn tỉnh Phú Thọ\n\nỦy ban nhân dân tỉnh ban hành."
    assert resolve_unit(meta(text, "tỉnh Phú Thọ", "province", "2024-12-01"), text, index).unit == GSO + "2025-03/25"
    assert resolve_unit(meta(text, "tỉnh Phú Thọ", "province", "2025-07-01"), text, index).unit == GSO + "2025-07/25"
    # a month or a year across the reform fits neither list as a whole: flagged
    across = resolve_unit(meta(text, "tỉnh Phú Thọ", "province", "2025"), text, index)
    assert across.unit is None and "2025-01-01…2025-12-31" in across.note
    # no issue date: the first year of the plan's period
    undated = resolve_unit(meta(text, "tỉnh Phú Thọ", "province", None, period=(2026, 2030)), text, index)
    assert undated.unit == GSO + "2025-07/25"


def test_the_plan_graph_says_why_its_unit_is_unresolved(index: UnitIndex) -> None:
    text = ("Số: 01/KH-UBND\nTân Lập, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nThực hiện Chương trình Truyền "
            "thông về bình đẳng giới trên địa bàn xã Tân Lập\n\nỦy ban nhân dân xã Tân Lập ban hành Kế "
            "hoạch thực hiện Chương trình Truyền thông về bình đẳng giới như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "1. Tổ chức 02 hội nghị tuyên truyền.\n")
    x = extract_plan(text)
    plan, g = map_plan(x, text, SourceInfo("0" * 64, "t.txt", "text/plain"), ReferenceIndex(units=index))
    assert (plan, RDF.type, VNP.Plan) in g
    assert g.value(plan, VNP.resolvedUnit) is None
    assert "its province must be named" in str(g.value(plan, VNP.unitResolutionNote))
    named = text.replace("như sau:", "như sau (thực hiện Kế hoạch của UBND tỉnh Phú Thọ):")
    plan, g = map_plan(extract_plan(named), named, SourceInfo("0" * 64, "t.txt", "text/plain"),
                       ReferenceIndex(units=index))
    assert str(g.value(plan, VNP.resolvedUnit)) == GSO + "2025-07/07900"
    assert (plan, VNP.unitResolutionNote, None) not in g


def test_a_unit_named_after_its_type_word_is_found_as_with_the_look_behind_first() -> None:
    import re

    from kg.lexicon.names import name_pattern
    from kg.rdf.unit_resolution import _DISTRICT_WORD, _PROVINCE_WORD, _pattern
    from kg.text.normalize import fold_keep
    from tests.conftest import ROOT

    texts = [fold_keep(p.read_text("utf-8")) for p in sorted((ROOT / "data" / "plans").glob("*.txt"))]
    texts += ["uy ban nhan dan tinh hai phong", "xtinh hai phong", "tp. hai phong", "thanh pho  hai phong",
              "quan hong bang", "huyen tam duong", "thi xa x", "aquan hong bang"]
    seen = 0
    for word in (_PROVINCE_WORD, _DISTRICT_WORD):
        for name in ("hai phong", "hong bang", "tam duong", "lai chau", "x"):
            plain = re.compile(rf"(?<![a-z]){word}[\s*_]+(?:{name_pattern(name)})(?![a-z0-9])")
            fast = _pattern(word, name)
            assert fast.pattern != plain.pattern
            for text in texts:
                found = [m.span() for m in fast.finditer(text)]
                assert found == [m.span() for m in plain.finditer(text)]
                seen += len(found)
    assert seen > 10
