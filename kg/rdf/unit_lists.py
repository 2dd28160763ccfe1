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

from kg.rdf.namespaces import VNP, fold, mint_iri
from kg.rdf.unit_changes import changes
from kg.rdf.unit_model import (
    FIRST_DAY,
    LAST_DAY,
    POST,
    PRE,
    Conversion,
    ProvinceChange,
    Unit,
    UnitLists,
    gso_iri,
    unit_iri,
)
from kg.rdf.unit_states import states
from kg.rdf.unit_terms import DCTERMS, RDF, RDFS, SKOS, XSD, V, concept_iri, iri, lit

__all__ = ["POST", "PRE", "Conversion", "ProvinceChange", "Unit", "UnitLists", "unit_iri",
           "unit_list_ntriples"]

GSO_CODE = str(VNP.GSOCode)
CLASS = {"province": V.Province, "district": V.District, "commune": V.Commune}
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
    states(add, lists)
    changes(add, lists)
    return "".join(sorted(out)).encode("utf-8")



def _unit(add, unit: Unit, country: str) -> None:  # type: ignore[no-untyped-def]
    u = iri(unit_iri(unit.era, unit.code))
    add(u, RDF.type, CLASS[unit.level])
    add(u, V.level, concept_iri("level", unit.level))
    add(u, V.unitType, concept_iri("unittype", unit.unit_type))
    add(u, SKOS.inScheme, iri(f"{gso_iri()}/{unit.era}"))
    add(u, SKOS.notation, lit(unit.code, datatype=GSO_CODE))
    for p in (RDFS.label, SKOS.prefLabel):
        add(u, p, lit(unit.full_name, lang="vi"))
        if unit.full_name_en:
            add(u, p, lit(unit.full_name_en, lang="en"))
    add(u, SKOS.altLabel, lit(unit.name, lang="vi"))
    add(u, SKOS.altLabel, lit(fold(unit.full_name)))
    parent = iri(unit_iri(unit.era, unit.parent)) if unit.parent else country
    add(u, V.parentUnit, parent)
    if unit.era == PRE:
        add(u, V.validUntil, lit(LAST_DAY, datatype=XSD.date))
    else:
        add(u, V.validFrom, lit(FIRST_DAY, datatype=XSD.date))
    add(u, DCTERMS.source, iri(EDITION[unit.era][2]))
