"""The 2025 changes between the two editions of the unit lists as typed change events, each with the
successions it brings about, qualified by the functions that pass on.

Kinds (vnc:scheme-unitchange) come from the data, never from names: the NSO table's note of each row
(merged fully, merged partly, renamed or retyped, unchanged) and the comparison of the two lists:
``merger`` (two or more old units went into the new one), ``split`` (an old unit in it was divided
among several new ones: merged partly, or in several rows), and, for an old unit the new list carries
on as one unit (kg/rdf/unit_model.py ``continuations``), ``name-change``, ``type-change`` and
``parent-change``.
Every district of the old list is ``abolition``: the new list has no district level.

Successions (vnp:Succession, vnc:scheme-function): a unit merged whole, or carried on, passes
``whole-unit``; a unit merged in part passes ``area-administration`` of that part. An abolished
district passes ``area-administration`` to each new commune or ward that took one of its communes,
and ``provincial-authority`` to the new province those are in. The district's event names its legal
basis: Nghị quyết 203/2025/QH15 (amending the Constitution: two levels of local government) and Luật
Tổ chức chính quyền địa phương 72/2025/QH15, as the agency rule of data/reference/agencies.ttl does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from kg.rdf.namespaces import ELI, mint_iri
from kg.rdf.unit_model import (
    FIRST_DAY,
    POST,
    PRE,
    Conversion,
    Key,
    ProvinceChange,
    UnitLists,
    continuations,
    same_name,
    unit_iri,
)
from kg.rdf.unit_terms import DCTERMS, PROV, RDF, RDFS, XSD, V, concept_iri, iri, lit

Add = Callable[[str, str, str], None]
NSO_TABLE = "https://danhmuchanhchinh.nso.gov.vn/TAPTIN/BangChuyendoi%C4%90VHCmoi_cu_final.xlsx"
PROVINCE_BASIS = "202/2025/QH15"  # Nghị quyết 202/2025/QH15, 12/06/2025: 63 → 34 provincial units
DISTRICT_BASIS = ("203/2025/QH15", "72/2025/QH15")  # two-level local government from 01/07/2025
KIND = {"full": "merged-fully", "partial": "merged-partly", "renamed_or_retyped": "renamed",
        "unchanged": "unchanged"}


def changes(add: Add, lists: UnitLists) -> None:
    """Every change event of ``lists`` (provinces, communes, districts) with its successions."""
    carried = continuations(lists)
    _province_events(add, lists, carried)
    _commune_events(add, lists, carried)
    if lists.conversions and lists.count(POST, "commune"):
        _district_events(add, lists)


def _resolution(add: Add, number: str, adopted: str) -> str:
    """A Standing Committee resolution named by the conversion data, described as far as it says."""
    year = adopted[:4] or "2025"
    doc = iri(mint_iri("doc", "vn", year, number))
    add(doc, RDF.type, V.Resolution)
    add(doc, V.documentType, concept_iri("doctype", "resolution"))
    add(doc, iri(ELI.number), lit(number))
    add(doc, RDFS.label, lit(f"Nghị quyết {number}", lang="vi"))
    add(doc, RDFS.label, lit(f"Resolution {number}", lang="en"))
    if adopted:
        add(doc, iri(ELI.date_document), lit(adopted, datatype=XSD.date))
    add(doc, DCTERMS.source, iri(NSO_TABLE))
    return doc


def _event(add: Add, slug: str, kinds: set[str], label_vi: str, label_en: str) -> str:
    e = iri(mint_iri("change", slug))
    add(e, RDF.type, V.UnitChange)
    for kind in kinds:
        add(e, V.changeKind, concept_iri("unitchange", kind))
    add(e, V.effectiveDate, lit(FIRST_DAY, datatype=XSD.date))
    add(e, RDFS.label, lit(label_vi, lang="vi"))
    add(e, RDFS.label, lit(label_en, lang="en"))
    return e


def _succession(add: Add, event: str, old: Key, new: Key, function: str) -> None:
    node = iri(f"{event[1:-1]}/succession/{old[1]}-{new[1]}")
    add(event, V.hasSuccession, node)
    add(node, RDF.type, V.Succession)
    add(node, V.predecessor, iri(unit_iri(*old)))
    add(node, V.successor, iri(unit_iri(*new)))
    add(node, V.successionFunction, concept_iri("function", function))


def _link(add: Add, e: str, old: str, new: str, whole: bool) -> None:
    add(e, V.originalUnit, iri(unit_iri(PRE, old)))
    add(e, V.wholeOriginalUnit if whole else V.partialOriginalUnit, iri(unit_iri(PRE, old)))
    add(e, V.resultingUnit, iri(unit_iri(POST, new)))
    add(iri(unit_iri(PRE, old)), V.succeededBy, iri(unit_iri(POST, new)))
    _succession(add, e, (PRE, old), (POST, new), "whole-unit" if whole else "area-administration")


def _carried_kinds(lists: UnitLists, carried: dict[Key, Key], old: Key, new: Key) -> set[str]:
    """What changed for a unit the new list carries on: its name, its type, its parent (the same parent
    is the old parent carried on; a commune whose district ended has a new parent)."""
    before, after = lists.units[old], lists.units[new]
    kinds = set()
    if not same_name(before.name, after.name):
        kinds.add("name-change")
    if before.unit_type != after.unit_type:
        kinds.add("type-change")
    if (before.parent is None) != (after.parent is None) or (
            before.parent and carried.get((PRE, before.parent)) != (POST, after.parent)):
        kinds.add("parent-change")
    return kinds


def _province_events(add: Add, lists: UnitLists, carried: dict[Key, Key]) -> None:
    basis = iri(mint_iri("doc", "vn", "2025", PROVINCE_BASIS))
    by_new: dict[str, list[ProvinceChange]] = defaultdict(list)
    for change in lists.provinces:
        by_new[change.new_code].append(change)
    for code, changes in by_new.items():
        new = lists.units[(POST, code)]
        kinds = {"merged-fully", "merger"} if len(changes) > 1 else {"unchanged"}
        if len(changes) == 1 and carried.get((PRE, changes[0].old_code)) == (POST, code):
            kinds |= _carried_kinds(lists, carried, (PRE, changes[0].old_code), (POST, code))
        olds = " + ".join(lists.units[(PRE, c.old_code)].full_name
                          for c in sorted(changes, key=lambda c: c.old_code))
        e = _event(add, f"{FIRST_DAY}-province-{code}", kinds,
                   f"Sắp xếp đơn vị hành chính cấp tỉnh 2025: {olds} → {new.full_name} ({code})",
                   f"2025 provincial reorganisation: {olds} → {new.full_name_en or new.full_name} ({code})")
        add(e, PROV.used, basis)
        add(e, DCTERMS.source, iri(NSO_TABLE))
        add(e, RDFS.comment, lit("Nghị quyết 202/2025/QH15 (12/06/2025) took effect on adoption; the new "
                                 "provincial units operate from 01/07/2025, the date used here.", lang="en"))
        for change in changes:
            _link(add, e, change.old_code, code, True)


def _commune_events(add: Add, lists: UnitLists, carried: dict[Key, Key]) -> None:
    resolutions = {c.new_code: c for c in lists.provinces if c.commune_resolution}
    rows_of_old = Counter(c.old_code for c in lists.conversions)
    by_new: dict[str, list[Conversion]] = defaultdict(list)
    for row in lists.conversions:
        by_new[row.new_code].append(row)
    for code, rows in by_new.items():
        new = lists.units[(POST, code)]
        notes = {KIND.get(r.kind, "merged-fully") for r in rows}
        kinds = {next(k for k in ("renamed", "merged-partly", "merged-fully", "unchanged") if k in notes)}
        if len({r.old_code for r in rows}) > 1:
            kinds.add("merger")
        if any(r.kind == "partial" or rows_of_old[r.old_code] > 1 for r in rows):
            kinds.add("split")
        if len(rows) == 1 and carried.get((PRE, rows[0].old_code)) == (POST, code):
            kinds |= _carried_kinds(lists, carried, (PRE, rows[0].old_code), (POST, code))
        e = _event(add, f"{FIRST_DAY}-commune-{code}", kinds,
                   f"Sắp xếp đơn vị hành chính cấp xã 2025: {new.full_name} ({code})",
                   f"2025 commune-level reorganisation: {new.full_name_en or new.full_name} ({code})")
        add(e, DCTERMS.source, iri(NSO_TABLE))
        province = resolutions.get(new.parent or "")
        if province:
            add(e, PROV.used, _resolution(add, province.commune_resolution,
                                               province.commune_resolution_adopted))
        else:
            add(e, V.verificationNote, lit(
                "The Standing Committee (UBTVQH) resolution on this province's communes is not in the "
                "imported data (import mapping-2025/province_old_to_new.csv with the lists to record it).",
                lang="en"))
        for r in sorted(rows, key=lambda r: r.old_code):
            _link(add, e, r.old_code, code, r.kind != "partial")


def _district_events(add: Add, lists: UnitLists) -> None:
    """One abolition per district of the old list, with the new communes and the province that took
    over its functions (from the rows of its communes, or the NSO row of a district without any)."""
    areas: dict[str, set[str]] = defaultdict(set)
    for row in lists.conversions:
        old = lists.units.get((PRE, row.old_code))
        if old and old.parent:
            areas[old.parent].add(row.new_code)
    for district, new in lists.district_areas:
        if (POST, new) in lists.units:
            areas[district].add(new)
    basis = [iri(mint_iri("doc", "vn", "2025", number)) for number in DISTRICT_BASIS]
    for unit in sorted((u for u in lists.units.values() if u.era == PRE and u.level == "district"),
                       key=lambda u: u.code):
        e = _event(add, f"{FIRST_DAY}-district-{unit.code}", {"abolition"},
                   f"{unit.full_name} ({unit.code}) kết thúc hoạt động khi cấp huyện kết thúc",
                   f"{unit.full_name_en or unit.full_name} ({unit.code}) ends with the district level")
        add(e, V.originalUnit, iri(unit_iri(PRE, unit.code)))
        for doc in basis:
            add(e, PROV.used, doc)
        add(e, RDFS.comment, lit(
            "The district level ended on 01/07/2025 with no district-level successor: the new communes and "
            "wards that took the district's communes administer their part of its area, and the province "
            "took the functions the 2025 division of authority moved up (vnp:hasSuccession).", lang="en"))
        communes = sorted(areas.get(unit.code, ()))
        for code in communes:
            _succession(add, e, (PRE, unit.code), (POST, code), "area-administration")
        for province in sorted({lists.units[(POST, c)].parent or "" for c in communes} - {""}):
            _succession(add, e, (PRE, unit.code), (POST, province), "provincial-authority")
