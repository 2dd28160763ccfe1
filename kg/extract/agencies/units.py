"""Unit words after an agency ("quận", "thành phố Hải Phòng", "các xã, phường", "09 phường") → its unit."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.agencies.context import UnitContext
from kg.lexicon import AgencyEntry, find_district, find_provinces, province_for, restore
from kg.text.normalize import fold_keep
from kg.text.slugs import slugify

# unit type words (folded, OCR tolerant) → canonical type word
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"th[a4]nh\s*ph[o06d]|tp\.?", "thành phố"),
    (r"th[i1]\s*x[a4&]|tx\.?", "thị xã"),
    (r"th[i1]\s*tr[a4]n", "thị trấn"),
    (r"[dp][a4]c\s*khu", "đặc khu"),
    (r"t[i1]nh", "tỉnh"),
    (r"qu[a-z€¢&]{0,2}n", "quận"),
    (r"huy[e€¢]n", "huyện"),
    (r"ph(?:u|w|ư)[a-z0-9]{0,2}ng", "phường"),
    (r"x[a4&]", "xã"),
)
TYPE_RE = "|".join(f"(?:{p})" for p, _ in _TYPE_WORDS)
QUAL = re.compile(
    r"\s*(?:(?P<cac>c[a4&e]c)\s+)?(?P<count>\d{1,3}\s+)?"
    r"(?P<types>(?:" + TYPE_RE + r")(?![a-z])(?:\s*(?:,|/|va(?![a-z]))\s*(?:" + TYPE_RE + r")(?![a-z]))*)"
)
LEVEL = re.compile(r"\s*cap\s+(?P<type>" + TYPE_RE + r")(?![a-z])")  # "UBND cấp xã": the level, not a unit
# a proper name after an agency: 1-4 capitalised words ("Cần Thơ" also before a comma: "… Cần Thơ, các …")
PROPER = re.compile(
    r"[ \t]+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*(?:[ \t]+|$|(?=[,;.:)]))){1,4})"
)


_TYPE_PATTERNS = tuple((re.compile(p), word) for p, word in _TYPE_WORDS)
_TYPE_SEARCH = re.compile(TYPE_RE)


@lru_cache(maxsize=1024)  # pure; a few unit words recur
def _canon_type(folded: str) -> str:
    for pattern, word in _TYPE_PATTERNS:
        if pattern.fullmatch(folded.strip()):
            return word
    return folded


@lru_cache(maxsize=1024)
def _types_of(folded: str) -> tuple[str, ...]:
    return tuple(_canon_type(t) for t in _TYPE_SEARCH.findall(folded))


def types_of(folded: str) -> list[str]:
    return list(_types_of(folded))


def unit_for(
    entry: AgencyEntry, qual_types: list[str], proper: str | None, ctx: UnitContext
) -> tuple[str | None, str | None]:
    """(unit path, unit display name) of an agency given the unit words after it."""
    if entry.scope == "national":
        return "vn", "Việt Nam"
    if proper:
        provs = find_provinces(proper)
        if provs and provs[0][0] == 0:
            p = province_for(provs[0][2], ctx.date)
            word = "tỉnh" if p.unit_type == "province" else "thành phố"
            if qual_types and qual_types[0] == "thành phố" and p.unit_type == "province":
                pass  # "thành phố Bắc Kạn" is the provincial city, not the province
            else:
                return p.slug, f"{word} {p.name}"
        district = find_district(proper.strip(), ctx.province)
        name = district[2] if district else (restore(proper.strip()) if ctx.ocr else proper.strip())
        word = qual_types[0] if qual_types else ""
        if ctx.name and fold_keep(ctx.name).endswith(fold_keep(name)):
            return ctx.path, ctx.name
        base = ctx.province or "vn"
        slug = slugify(name)
        if ctx.province and slug == ctx.province.split("-2025")[0]:
            slug = slugify(f"{word} {name}")
        return f"{base}/{slug}", f"{word} {name}".strip()
    if entry.scope == "province":
        return ctx.province, ctx.province_name
    if qual_types:
        word = qual_types[0]
        own = ctx.type_word
        if own and word == own:
            return ctx.path, ctx.name
        if ctx.parent_type_word and word == ctx.parent_type_word:
            return ctx.parent_path, ctx.parent_name
        if ctx.province_name and ctx.province_name.startswith(word):
            return ctx.province, ctx.province_name
    return ctx.path, ctx.name


def name_with_unit(entry: AgencyEntry, unit_name: str | None) -> str:
    if entry.orgtype in ("peoples-committee", "peoples-council") and entry.name in (
        "Ủy ban nhân dân",
        "Hội đồng nhân dân",
    ):
        return f"{entry.name} {unit_name}" if unit_name else entry.name
    return entry.name
