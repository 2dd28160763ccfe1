"""What kg/pipeline/unit_files.py reads from the official unit lists, as plain records, and what the
lists say of continuity across the 2025 reform: which old unit the new list carries on as one unit."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.rdf.namespaces import base, mint_iri

PRE, POST = "2025-03", "2025-07"
LAST_DAY, FIRST_DAY = "2025-06-30", "2025-07-01"
Key = tuple[str, str]  # (edition, code)


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
    """Everything read from the given files, checked; ``files`` is (name, sha256) of each file read;
    ``district_areas``: (old district code, new commune code) of the NSO rows that name a district
    without a commune (an island district that became a special zone)."""

    units: dict[Key, Unit] = field(default_factory=dict)  # (edition, code) → unit
    conversions: list[Conversion] = field(default_factory=list)
    provinces: list[ProvinceChange] = field(default_factory=list)
    district_areas: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, era: str, level: str) -> int:
        return sum(1 for u in self.units.values() if u.era == era and u.level == level)

    def events(self) -> int:
        """How many change events :func:`kg.rdf.unit_lists.unit_list_ntriples` writes."""
        districts = self.count(PRE, "district") if self.conversions and self.count(POST, "commune") else 0
        communes, provinces = {c.new_code for c in self.conversions}, {p.new_code for p in self.provinces}
        return len(communes) + len(provinces) + districts


def continuations(lists: UnitLists) -> dict[Key, Key]:
    """Old unit → new unit, for each old unit the new list carries on as one unit: all of it went into
    one new unit (the conversion tables' rows), and nothing else did."""
    out: dict[Key, Key] = {}
    olds = Counter(c.old_code for c in lists.conversions)
    by_new: dict[str, list[Conversion]] = defaultdict(list)
    for c in lists.conversions:
        by_new[c.new_code].append(c)
    for code, rows in by_new.items():
        if len(rows) == 1 and rows[0].kind != "partial" and olds[rows[0].old_code] == 1:
            out[(PRE, rows[0].old_code)] = (POST, code)
    provinces: dict[str, list[ProvinceChange]] = defaultdict(list)
    for p in lists.provinces:
        provinces[p.new_code].append(p)
    for code, changes in provinces.items():
        if len(changes) == 1:
            out[(PRE, changes[0].old_code)] = (POST, code)
    return out


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def same_name(a: str, b: str) -> bool:
    """Whether two unit names are the same once tone-mark placement is set aside ("Hòa" = "Hoà"): each
    word compared by its letters and its tone."""
    def key(name: str) -> list[tuple[str, str]]:
        out = []
        for word in unicodedata.normalize("NFD", name.casefold()).split():
            tones = "".join(ch for ch in word if ch in _TONES)
            out.append((unicodedata.normalize("NFC", "".join(ch for ch in word if ch not in _TONES)), tones))
        return out
    return key(a) == key(b)


def unit_iri(era: str, code: str) -> str:
    """``mint_iri("unit", f"gso/{era}/{code}")``, made faster: the edition and code are already slugs."""
    return f"{gso_iri()}/{era}/{code}"


def gso_iri() -> str:
    """``mint_iri("unit", "gso")`` for the current base, cached."""
    return _gso(base())


@lru_cache(maxsize=4)
def _gso(base_iri: str) -> str:
    return str(mint_iri("unit", "gso"))
