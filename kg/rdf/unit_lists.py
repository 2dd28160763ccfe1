"""The official lists of administrative units (read by kg/pipeline/unit_files.py) as the triples of
``graph/units``: one unit per code and edition, and the 2025 changes as change events.

IRIs (docs/DESIGN.md "Data IRIs"): each edition of the list is a concept scheme
``id/dvhc/gso/{edition}`` (``2025-03``: in force 01/03/2025–30/06/2025; ``2025-07``: from 01/07/2025)
and each unit is ``id/dvhc/gso/{edition}/{code}``. A code is reused across editions (the new xã Bình
Lư has the old code 03390 of thị trấn Tam Đường), so the edition is part of the key. A change event
is ``id/change/2025-07-01-{province|commune}-{new code}``. The output is N-Triples, sorted: the same
files always give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.rdf.namespaces import ELI, VNP, base, concept, fold, mint_iri
from kg.rdf.unit_terms import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, iri, lit

PRE, POST = "2025-03", "2025-07"
LAST_DAY, FIRST_DAY = "2025-06-30", "2025-07-01"
CLASS = {"province": VNP.Province, "district": VNP.District, "commune": VNP.Commune}
EDITION = {  # edition → (label vi, label en, source of each unit, sources of the edition)
    PRE: ("Danh mục đơn vị hành chính Việt Nam áp dụng từ 01/3/2025 đến 30/6/2025 (GSO)",
          "Viet Nam's administrative units in force from 1 March to 30 June 2025 (GSO list)",
          "https://danhmuchanhchinh.gso.gov.vn/",
          ("https://github.com/thanglequoc/vietnamese-provinces-database/tree/v2.4.1",)),
    POST: ("Danh mục đơn vị hành chính Việt Nam từ 01/7/2025 (Quyết định 19/2025/QĐ-TTg)",
           "Viet Nam's administrative units from 1 July 2025 (Decision 19/2025/QĐ-TTg)",
           "https://danhmuchanhchinh.nso.gov.vn/",
           ("https://github.com/thanglequoc/vietnamese-provinces-database/tree/v3.0.2",)),
}
NSO_TABLE = "https://danhmuchanhchinh.nso.gov.vn/TAPTIN/BangChuyendoi%C4%90VHCmoi_cu_final.xlsx"
PROVINCE_BASIS = "202/2025/QH15"  # Nghị quyết 202/2025/QH15, 12/06/2025: 63 → 34 provincial units
KIND = {"full": "merged-fully", "partial": "merged-partly", "renamed_or_retyped": "renamed",
        "unchanged": "unchanged"}


@dataclass(frozen=True)
class Unit:
    era: str  # PRE | POST
    code: str
    level: str  # province | district | commune
    unit_type: str  # vnc:scheme-unittype notation
    name: str  # "Bình Lư" (NFC)
    full_name: str  # "Xã Bình Lư"
    name_en: str
    full_name_en: str
    parent: str | None  # code of the unit above in the same edition (None for a province)


@dataclass(frozen=True)
class Conversion:
    """One row of the NSO table: an old commune (or a part of it) went into a new commune."""

    new_province: str
    new_code: str
    old_code: str
    kind: str  # full | partial | unchanged | renamed_or_retyped
    note: str  # the NSO "Ghi chú" cell, verbatim


@dataclass(frozen=True)
class ProvinceChange:
    old_code: str
    new_code: str
    change: str  # unchanged | merged_name_and_code_kept | merged_into_other
    province_resolution: str
    commune_resolution: str
    commune_resolution_adopted: str
    operate_from: str


@dataclass
class UnitLists:
    """Everything read from the given files, checked; ``files`` is (name, sha256) of each file read."""

    units: dict[tuple[str, str], Unit] = field(default_factory=dict)  # (edition, code) → unit
    conversions: list[Conversion] = field(default_factory=list)
    provinces: list[ProvinceChange] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, era: str, level: str) -> int:
        return sum(1 for u in self.units.values() if u.era == era and u.level == level)

    def events(self) -> int:
        """How many change events :func:`unit_list_ntriples` writes."""
        return len({c.new_code for c in self.conversions}) + len({p.new_code for p in self.provinces})


def unit_iri(era: str, code: str) -> str:
    """``mint_iri("unit", f"gso/{era}/{code}")``, made faster: the edition and code are already slugs."""
    return f"{_gso(base())}/{era}/{code}"


@lru_cache(maxsize=4)
def _gso(base_iri: str) -> str:
    return str(mint_iri("unit", "gso"))


def unit_list_ntriples(lists: UnitLists) -> bytes:
    """The triples of ``graph/units`` for ``lists``, as sorted N-Triples."""
    out: set[str] = set()

    def add(s: str, p: str, o: str) -> None:
        out.add(f"{s} {p} {o} .\n")

    country = iri(mint_iri("unit", "vn"))
    for era in sorted({u.era for u in lists.units.values()}):
        scheme = iri(mint_iri("unit", f"gso/{era}"))
        vi, en, unit_source, sources = EDITION[era]
        add(scheme, RDF.type, SKOS.ConceptScheme)
        for p in (RDFS.label, SKOS.prefLabel):
            add(scheme, p, lit(vi, lang="vi"))
            add(scheme, p, lit(en, lang="en"))
        add(scheme, SKOS.notation, lit(f"gso-{era}"))
        for source in (unit_source, *sources):
            add(scheme, DCTERMS.source, iri(source))
        files = ", ".join(f"{name} (sha256 {sha[:16]}…)" for name, sha in sorted(lists.files))
        add(scheme, RDFS.comment, lit(f"Imported by `kg units import` from {files}.", lang="en"))
    for unit in lists.units.values():
        _unit(add, unit, country)
    _province_events(add, lists)
    _commune_events(add, lists)
    return "".join(sorted(out)).encode("utf-8")



def _unit(add, unit: Unit, country: str) -> None:  # type: ignore[no-untyped-def]
    u = iri(unit_iri(unit.era, unit.code))
    add(u, RDF.type, iri(CLASS[unit.level]))
    add(u, iri(VNP.level), iri(concept("level", unit.level)))
    add(u, iri(VNP.unitType), iri(concept("unittype", unit.unit_type)))
    add(u, SKOS.inScheme, iri(f"{_gso(base())}/{unit.era}"))
    add(u, SKOS.notation, lit(unit.code, datatype=str(VNP.GSOCode)))
    for p in (RDFS.label, SKOS.prefLabel):
        add(u, p, lit(unit.full_name, lang="vi"))
        if unit.full_name_en:
            add(u, p, lit(unit.full_name_en, lang="en"))
    add(u, SKOS.altLabel, lit(unit.name, lang="vi"))
    add(u, SKOS.altLabel, lit(fold(unit.full_name)))
    parent = iri(unit_iri(unit.era, unit.parent)) if unit.parent else country
    add(u, iri(VNP.parentUnit), parent)
    if unit.era == PRE:
        add(u, iri(VNP.validUntil), lit(LAST_DAY, datatype=XSD.date))
    else:
        add(u, iri(VNP.validFrom), lit(FIRST_DAY, datatype=XSD.date))
    add(u, DCTERMS.source, iri(EDITION[unit.era][2]))


def _resolution(add, number: str, adopted: str) -> str:  # type: ignore[no-untyped-def]
    """A Standing Committee resolution named by the conversion data, described as far as it says."""
    year = adopted[:4] or "2025"
    doc = iri(mint_iri("doc", "vn", year, number))
    add(doc, RDF.type, iri(VNP.Resolution))
    add(doc, iri(VNP.documentType), iri(concept("doctype", "resolution")))
    add(doc, iri(ELI.number), lit(number))
    add(doc, RDFS.label, lit(f"Nghị quyết {number}", lang="vi"))
    add(doc, RDFS.label, lit(f"Resolution {number}", lang="en"))
    if adopted:
        add(doc, iri(ELI.date_document), lit(adopted, datatype=XSD.date))
    add(doc, DCTERMS.source, iri(NSO_TABLE))
    return doc


def _event(add, slug: str, kind: str, label_vi: str, label_en: str) -> str:  # type: ignore[no-untyped-def]
    e = iri(mint_iri("change", slug))
    add(e, RDF.type, iri(VNP.UnitChange))
    add(e, iri(VNP.changeKind), iri(concept("unitchange", kind)))
    add(e, iri(VNP.effectiveDate), lit(FIRST_DAY, datatype=XSD.date))
    add(e, RDFS.label, lit(label_vi, lang="vi"))
    add(e, RDFS.label, lit(label_en, lang="en"))
    return e


def _link(add, e: str, old: str, new: str, whole: bool) -> None:  # type: ignore[no-untyped-def]
    add(e, iri(VNP.originalUnit), old)
    add(e, iri(VNP.wholeOriginalUnit if whole else VNP.partialOriginalUnit), old)
    add(e, iri(VNP.resultingUnit), new)
    add(old, iri(VNP.succeededBy), new)


def _province_events(add, lists: UnitLists) -> None:  # type: ignore[no-untyped-def]
    basis = iri(mint_iri("doc", "vn", "2025", PROVINCE_BASIS))
    by_new: dict[str, list[ProvinceChange]] = defaultdict(list)
    for change in lists.provinces:
        by_new[change.new_code].append(change)
    for code, changes in by_new.items():
        new = lists.units[(POST, code)]
        kind = "merged-fully" if len(changes) > 1 else "unchanged"
        olds = " + ".join(lists.units[(PRE, c.old_code)].full_name
                          for c in sorted(changes, key=lambda c: c.old_code))
        e = _event(add, f"{FIRST_DAY}-province-{code}", kind,
                   f"Sắp xếp đơn vị hành chính cấp tỉnh 2025: {olds} → {new.full_name} ({code})",
                   f"2025 provincial reorganisation: {olds} → {new.full_name_en or new.full_name} ({code})")
        add(e, PROV.used, basis)
        add(e, DCTERMS.source, iri(NSO_TABLE))
        add(e, RDFS.comment, lit("Nghị quyết 202/2025/QH15 (12/06/2025) took effect on adoption; the new "
                                 "provincial units operate from 01/07/2025, the date used here.", lang="en"))
        for change in changes:
            _link(add, e, iri(unit_iri(PRE, change.old_code)), iri(unit_iri(POST, code)), True)



def _commune_events(add, lists: UnitLists) -> None:  # type: ignore[no-untyped-def]
    resolutions = {c.new_code: c for c in lists.provinces if c.commune_resolution}
    by_new: dict[str, list[Conversion]] = defaultdict(list)
    for row in lists.conversions:
        by_new[row.new_code].append(row)
    for code, rows in by_new.items():
        new = lists.units[(POST, code)]
        kinds = {KIND.get(r.kind, "merged-fully") for r in rows}
        kind = next(k for k in ("renamed", "merged-partly", "merged-fully", "unchanged") if k in kinds)
        e = _event(add, f"{FIRST_DAY}-commune-{code}", kind,
                   f"Sắp xếp đơn vị hành chính cấp xã 2025: {new.full_name} ({code})",
                   f"2025 commune-level reorganisation: {new.full_name_en or new.full_name} ({code})")
        add(e, DCTERMS.source, iri(NSO_TABLE))
        province = resolutions.get(new.parent or "")
        if province:
            add(e, PROV.used, _resolution(add, province.commune_resolution,
                                               province.commune_resolution_adopted))
        else:
            add(e, iri(VNP.verificationNote), lit(
                "The Standing Committee (UBTVQH) resolution on this province's communes is not in the "
                "imported data (import mapping-2025/province_old_to_new.csv with the lists to record it).",
                lang="en"))
        for r in sorted(rows, key=lambda r: r.old_code):
            _link(add, e, iri(unit_iri(PRE, r.old_code)), iri(unit_iri(POST, code)), r.kind != "partial")
