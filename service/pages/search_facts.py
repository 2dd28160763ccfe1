"""What search shows beside a label and filters on: each entity's kind, the plan a part belongs to,
its administrative unit (a plan's jurisdiction, an agency's scope, a part's plan's), that unit's
level and province, and the documents' numbers.

Kinds come from rdf:type (the subclasses named too: a store without inference types a province
only ``vnp:Province``); units are what has a ``vnp:level``. Read with five whole-graph SELECTs once
per data version (shared with the other server processes
through the on-disk result cache, like the label index) and kept as dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.rdf.namespaces import fold
from service.labels import select
from service.pages.docnumbers import NumberKey, number_key
from service.state import state

VNP = "https://w3id.org/vnge/ontology#"
LEVELS = ("national", "province", "district", "commune")
_LEVEL_PREFIX = "https://w3id.org/vnge/concept/level-"
# rdf:type → kind, the first that applies (a plan is also a legal document, a unit also a concept)
KINDS: tuple[tuple[str, str], ...] = (
    (VNP + "Plan", "plan"), (VNP + "LegalDocument", "document"),
    ("http://data.europa.eu/eli/ontology#LegalResource", "document"), (VNP + "Task", "task"),
    (VNP + "Target", "target"), (VNP + "Objective", "objective"), (VNP + "Responsibility", "responsibility"),
    (VNP + "ReportingDuty", "reporting"), (VNP + "Funding", "funding"), (VNP + "Agency", "agency"),
    (VNP + "AgencyGroup", "agency"), (VNP + "Person", "person"), (VNP + "AdministrativeUnit", "unit"),
    *((VNP + c, "unit") for c in ("Country", "Province", "District", "Commune")),
    *((VNP + c, "document") for c in ("Law", "Decree", "Decision", "Resolution", "Directive", "Circular",
                                       "Strategy", "Programme", "Constitution", "InternationalConvention",
                                       "OfficialLetter")),
    (VNP + "Subdivision", "article"), (VNP + "AgencyChange", "change"), (VNP + "UnitChange", "change"),
    ("http://www.w3.org/2004/02/skos/core#Concept", "concept"),
)
KIND_LABELS = {
    "plan": "Kế hoạch · Plan", "document": "Văn bản · Document", "task": "Nhiệm vụ · Task",
    "target": "Chỉ tiêu · Target", "objective": "Mục tiêu · Objective",
    "responsibility": "Trách nhiệm · Responsibility", "reporting": "Báo cáo · Reporting duty",
    "funding": "Kinh phí · Funding", "agency": "Cơ quan · Agency", "person": "Người ký · Person",
    "unit": "Đơn vị hành chính · Administrative unit", "article": "Điều, khoản · Article",
    "change": "Sắp xếp 2025 · Reorganisation", "concept": "Khái niệm · Concept", "other": "Khác · Other",
}
LEVEL_LABELS = {"national": "Cấp trung ương · National", "province": "Cấp tỉnh · Province level",
                "district": "Cấp huyện · District level", "commune": "Cấp xã · Commune level"}
_PARTS = "|".join(f"vnp:{p}" for p in ("hasTask", "hasTarget", "hasObjective", "hasResponsibility",
                                        "hasFunding", "hasReportingDuty"))


@dataclass(frozen=True)
class SearchFacts:
    kinds: dict[str, str]  # IRI → kind
    plan_of: dict[str, str]  # part → its plan
    unit_of: dict[str, str]  # plan, document or agency → its administrative unit
    level_of: dict[str, str]  # unit → level ("province")
    province_of: dict[str, str]  # unit → its province (itself for a province)
    numbers: dict[str, NumberKey]  # document → its number's parts


def search_facts() -> SearchFacts:
    return state().memo("search-facts", _build)


def _build() -> SearchFacts:
    rank = {t: i for i, (t, _) in enumerate(KINDS)}
    values = " ".join(f"<{t}>" for t, _ in KINDS)
    best: dict[str, str] = {}
    typed = f"SELECT ?s ?t WHERE {{ VALUES ?t {{ {values} }} ?s a ?t FILTER(isIRI(?s)) }}"
    for row in select(typed, whole=True):
        s, t = row["s"][1], row["t"][1]
        if s not in best or rank[t] < rank[best[s]]:
            best[s] = t
    kinds = {s: dict(KINDS)[t] for s, t in best.items()}
    plan_of = {r["part"][1]: r["plan"][1] for r in select(
        f"SELECT ?part ?plan WHERE {{ ?plan {_PARTS} ?part }}", whole=True)}
    unit_of = {r["s"][1]: r["u"][1] for r in select(
        "SELECT ?s ?u WHERE { ?s vnp:jurisdiction|vnp:scopeUnit ?u FILTER(isIRI(?u)) }", whole=True)}
    parent: dict[str, str] = {}
    level_of: dict[str, str] = {}
    units = "SELECT ?u ?level ?parent WHERE { ?u vnp:level ?level OPTIONAL { ?u vnp:parentUnit ?parent } }"
    for row in select(units, whole=True):
        unit = row["u"][1]
        level_of[unit] = row["level"][1].removeprefix(_LEVEL_PREFIX)
        if "parent" in row:
            parent[unit] = row["parent"][1]
    province_of = {u: p for u in level_of if (p := _province(u, level_of, parent))}
    numbers = {}
    documents = "SELECT ?s ?n ?y WHERE { ?s eli:number ?n OPTIONAL { ?s vnp:issuedYear ?y } }"
    for row in select(documents, whole=True):
        key = number_key(fold(row["n"][1]), row["y"][1] if "y" in row else "")
        if key:
            numbers[row["s"][1]] = key
    return SearchFacts(kinds, plan_of, unit_of, level_of, province_of, numbers)


def _province(unit: str, level_of: dict[str, str], parent: dict[str, str]) -> str:
    seen = set()
    while unit and unit not in seen:
        if level_of.get(unit) == "province":
            return unit
        seen.add(unit)
        unit = parent.get(unit, "")
    return ""


@dataclass(frozen=True)
class Place:
    """Where an entity belongs: its plan (for a plan's part), unit, level and province."""

    kind: str
    plan: str = ""
    unit: str = ""
    level: str = ""
    province: str = ""


def place_of(facts: SearchFacts, iri: str) -> Place:
    kind = facts.kinds.get(iri, "other")
    plan = facts.plan_of.get(iri, "")
    unit = iri if kind == "unit" else facts.unit_of.get(iri) or facts.unit_of.get(plan, "")
    return Place(kind, plan, unit, facts.level_of.get(unit, ""), facts.province_of.get(unit, ""))
