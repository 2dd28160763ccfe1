"""Issue 18, item 5, in the graph built from data/: a collective carries its members' organisation type,
level, unit types and scope (graph/entities), and each reporting duty and plan-asking task its kind."""

from __future__ import annotations

from kg.rdf.namespaces import mint_iri
from tests.conftest import select

P = """PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def test_a_committee_collective_is_described_by_its_members(store) -> None:
    group = mint_iri("group", "bac-kan/thanh-pho-bac-kan", "Ủy ban nhân dân các xã, phường")
    rows = select(store, P + f"SELECT ?p ?o WHERE {{ <{group}> ?p ?o }}")
    facts = {(r["p"].rsplit("#", 1)[-1], r["o"].rsplit("/", 1)[-1]) for r in rows}
    assert {("memberClassification", "orgtype-peoples-committee"), ("memberLevel", "level-commune"),
            ("memberUnitType", "unittype-commune"), ("memberUnitType", "unittype-ward"),
            ("scopeUnit", "thanh-pho-bac-kan")} <= facts


def test_offices_of_a_district_are_district_level_offices(store) -> None:
    group = mint_iri("group", "hai-phong/hong-bang", "Các phòng, ban, ngành, đoàn thể quận")
    rows = select(store, P + f"SELECT ?l ?c WHERE {{ <{group}> vnp:memberLevel ?l ; vnp:memberClassification ?c }}")
    assert [(r["l"].rsplit("/", 1)[1], r["c"].rsplit("/", 1)[1]) for r in rows] == [
        ("level-district", "orgtype-office")]


def test_duty_kinds_of_the_seed_plans(store) -> None:
    rows = select(store, P + """SELECT ?plan ?kind (COUNT(DISTINCT ?d) AS ?n) WHERE {
        ?plan vnp:hasReportingDuty ?d . ?d vnp:dutyKind ?kind } GROUP BY ?plan ?kind""")
    kinds = {(r["plan"].split("/eli/vn/", 1)[1].split("/", 1)[0], r["kind"].split("dutykind-", 1)[1])
             for r in rows}
    assert {("quang-ninh", "submit-plan"), ("quang-ninh", "periodic-report"), ("hue", "result-report")} <= kinds
    undescribed = select(store, P + """SELECT ?d WHERE { ?plan vnp:hasReportingDuty ?d .
        FILTER NOT EXISTS { ?d vnp:dutyKind ?k } }""")
    assert undescribed == []
