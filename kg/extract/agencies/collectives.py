"""Who the members of a collective are: their administrative level and the types of their units,
read from the collective's canonical name and the unit it belongs to (its scope).

"Ủy ban nhân dân các xã, thị trấn" of a district plan: people's committees of commune level (xã,
thị trấn) within the district. "Các phòng, ban, ngành, đoàn thể quận": district-level bodies of the
district. "Các tổ chức chính trị - xã hội xã": commune-level bodies. A unit word after the members
("… tỉnh", "… cấp huyện") names their level; without one, the members are of the scope's level.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.agencies.context import UnitContext
from kg.extract.records import AgencyRef
from kg.text.normalize import loose

# type word (folded) → (unittype notation, level); "thành phố" depends on the level above it
_TYPES: dict[str, tuple[str, str]] = {  # keyed without spaces
    "xa": ("commune", "commune"),
    "phuong": ("ward", "commune"),
    "thitran": ("township", "commune"),
    "dackhu": ("special-zone", "commune"),
    "huyen": ("rural-district", "district"),
    "quan": ("urban-district", "district"),
    "thixa": ("town", "district"),
    "tinh": ("province", "province"),
}
_BELOW = {"national": "province", "province": "district", "district": "commune"}
_CITY = {"province": "municipality", "district": "provincial-city"}  # a city at that level
_WORD = r"thi\s*tran|thi\s*xa|thanh\s*pho|dac\s*khu|phuong|huyen|quan|tinh|xa"
# "UBND các xã, thị trấn", "UBND 09 phường": the unit types of the members, after "các" or a count
_MEMBER_UNITS = re.compile(
    r"(?<![a-z])(?:cac|\d{1,3})\s+((?:" + _WORD + r")(?:\s*(?:,|/|va)\s*(?:" + _WORD + r"))*)(?![a-z])"
)
# a unit word that says the members' level: "… tỉnh", "… cấp huyện", "… thuộc tỉnh" ("xã hội", "liên
# quan" are none)
_LEVEL_WORD = re.compile(r"(?<![a-z])(?<!lien )(" + _WORD + r")(?![a-z])(?!\s*hoi(?![a-z]))")
_COMMITTEES = ("peoples-committee", "peoples-council")


def with_members(ref: AgencyRef, ctx: UnitContext) -> AgencyRef:
    """``ref`` with its members' level and unit types, when it is a collective and they can be told."""
    if not ref.is_group:
        return ref
    scope = _scope_level(ref, ctx)
    folded = loose(ref.name)
    types: list[str] = []
    level = None
    units = _MEMBER_UNITS.search(folded) if ref.orgtype in _COMMITTEES else None
    if units:
        for word in re.findall(_WORD, units.group(1)):
            unit_type, unit_level = _type(word, scope)
            if unit_type and unit_type not in types:
                types.append(unit_type)
            level = level or unit_level
    else:
        words = _LEVEL_WORD.findall(folded)
        if words:
            level = scope if _key(words[-1]) == "thanhpho" else _type(words[-1], scope)[1]
        else:
            level = scope
    return replace(ref, member_level=level, member_types=tuple(types))


def _key(word: str) -> str:
    return "".join(word.split())


def _type(word: str, scope: str | None) -> tuple[str | None, str | None]:
    """(unittype notation, level) of a folded type word; "thành phố" is the level below ``scope``."""
    word = _key(word)
    if word == "thanhpho":
        below = _BELOW.get(scope or "")
        return (_CITY.get(below or ""), below)
    return _TYPES.get(word, (None, None))


def _scope_level(ref: AgencyRef, ctx: UnitContext) -> str | None:
    """The level of the unit the collective belongs to, when the plan's context knows it."""
    if ref.unit and ref.unit == ctx.path:
        return ctx.level
    if ref.unit and ref.unit == ctx.parent_path:
        return "district"
    if ref.unit == "vn":
        return "national"
    return None
