"""Administrative units: provinces (before and after the 2025 reform), unit types, curated lower units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon.names import name_pattern
from kg.lexicon.tables import rows
from kg.text.cues import by_first_character
from kg.text.normalize import fold_keep


@dataclass(frozen=True)
class Province:
    slug: str
    name: str  # "Hải Phòng"
    unit_type: str  # province | municipality
    valid_from: str = ""
    valid_until: str = ""
    successor: str = ""


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    out = {}
    for row in rows("provinces.tsv"):
        row = row + [""] * (7 - len(row))
        out[row[0]] = Province(row[0], row[1], row[2], row[3], row[4], row[5])
    return out


@lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}  # pattern group → slug (pre-2025 or unchanged slug first)
    parts: list[tuple[str, str]] = []
    seen_names: set[str] = set()
    for row in sorted(rows("provinces.tsv"), key=lambda r: -len(r[1])):
        row = row + [""] * (7 - len(row))
        slug, name, alts = row[0], row[1], row[6]
        if slug.endswith("-2025"):
            continue  # same names as their predecessors; resolved by date in province_for()
        for form in [name] + [a for a in alts.split("|") if a]:
            key = fold_keep(form)
            if key in seen_names:
                continue
            seen_names.add(key)
            group = f"p{len(parts)}"
            names[group] = slug
            parts.append((group, name_pattern(form)))
    # the names grouped by their first letter: a search tries a name only where its letter stands
    fast = by_first_character(parts, "[a-z0-9]")
    if fast is None:
        body = r"(?<![a-z0-9])(?:" + "|".join(f"(?P<{g}>{p})" for g, p in parts) + ")"
    else:
        body, alias = fast
        names = {own: names[group] for own, group in alias.items()}
    return re.compile(body + r"(?![a-z])"), names


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """Province names in ``text`` as (start, end, slug of the name as it was before 2025)."""
    regex, names = _province_regex()
    return [(m.start(), m.end(), names[m.lastgroup or ""]) for m in regex.finditer(fold_keep(text))]


def province_for(slug: str, date: str | None) -> Province:
    """The province a name designates at ``date`` (ISO, may be partial): after a merger that
    kept the name, the new unit (``hai-phong`` in 2026 → ``hai-phong-2025``)."""
    table = provinces()
    p = table[slug]
    when = (date or "")[:10]
    if when and p.valid_until and when > p.valid_until and p.successor:
        successor = table.get(p.successor)
        if successor and fold_keep(successor.name) == fold_keep(p.name):
            return successor
        if slug == "thua-thien-hue" and successor:
            return successor
    return p


@lru_cache(maxsize=1)
def unit_types() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(notation, level, type word, variants) of each unit type."""
    out = []
    for row in rows("unit_types.tsv"):
        row = row + [""] * (5 - len(row))
        out.append((row[0], row[1], row[2], tuple(v for v in row[3].split("|") if v)))
    return out


@lru_cache(maxsize=1)
def districts() -> list[tuple[str, str, str]]:
    """(province slug, unit type, name) of the curated lower units."""
    return [(r[0], r[1], r[2]) for r in rows("districts.tsv") if len(r) >= 3]


@lru_cache(maxsize=1)
def _district_patterns() -> list[tuple[re.Pattern[str], tuple[str, str, str]]]:
    return [(re.compile(name_pattern(row[2])), row) for row in districts()]


@lru_cache(maxsize=4096)
def find_district(name: str, province: str | None = None) -> tuple[str, str, str] | None:
    """The curated lower unit whose name is ``name`` (any spelling, OCR tolerated)."""
    folded = fold_keep(name).strip()
    for pattern, row in _district_patterns():
        prov = row[0]
        if province and prov != province and not prov.startswith(province.split("-2025")[0]):
            continue
        if pattern.fullmatch(folded):
            return row
    return None
