"""A plan's administrative unit resolved to a coded unit valid on the plan's date (issue 14, item 2).

The unit named by the extraction (``DocumentMeta.unit_name`` and ``level``: from the issuing sentence,
the title's "trên địa bàn …" and the letterhead) is looked up in :class:`UnitIndex`; what is above it
comes only from the document's own head (letterhead, title, "Thực hiện … của UBND tỉnh X", "trên
địa bàn tỉnh X"): a province (or, before the reform, a district) named there with its type word. A
lower unit resolves only inside its province, and a commune before 1 July 2025 only inside its
district. Anything short of one candidate gives no unit and a note saying why: nothing is guessed
(a "xã Tân Lập" exists in many provinces).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.records import DocumentMeta
from kg.lexicon.names import name_pattern
from kg.rdf.unit_index import CodedUnit, UnitIndex, bare_name
from kg.text.cues import after_non_letter
from kg.text.normalize import fold_keep

CONTEXT_AFTER_HEADER = 2500  # characters after the header block (number, date, title) read as context
_PROVINCE_WORD = r"(?:t[i1]nh|th[a4]nh\s*ph[o06d]|tp\.?)"
_DISTRICT_WORD = r"(?:qu[a-z]{1,2}n|huy[e€]n|th[i1]\s*x[a4]|th[a4]nh\s*ph[o06d]|tp\.?)"
TYPE_OF_WORD = {  # type word of the extraction's unit name → unit types it may designate
    "tỉnh": {"province", "municipality"}, "thành phố": {"municipality", "provincial-city", "municipal-city"},
    "quận": {"urban-district"}, "huyện": {"rural-district"}, "thị xã": {"town"}, "xã": {"commune"},
    "phường": {"ward"}, "thị trấn": {"township"}, "đặc khu": {"special-zone"},
}


@dataclass(frozen=True)
class Resolution:
    unit: str | None  # IRI of the coded unit, or None
    note: str = ""  # why there is no unit (English, for vnp:unitResolutionNote)


def date_window(meta: DocumentMeta) -> tuple[str, str] | None:
    """The days the plan's date may be: the issue date (a partial date spans its month or year), else
    the first year of the plan's period (the unit must exist when the plan applies)."""
    d = meta.date
    if d and re.fullmatch(r"\d{4}-\d\d-\d\d", d):
        return d, d
    if d and re.fullmatch(r"\d{4}-\d\d", d):
        year, month = int(d[:4]), int(d[5:7])
        return f"{d}-01", f"{d}-{calendar.monthrange(year, month)[1]:02d}"
    year = d[:4] if d and re.fullmatch(r"\d{4}", d[:4]) else (str(meta.period[0]) if meta.period else None)
    return (f"{year}-01-01", f"{year}-12-31") if year else None


def resolve_unit(meta: DocumentMeta, text: str, index: UnitIndex) -> Resolution:
    """The coded unit of the plan described by ``meta`` (its text is ``text``), or why there is none."""
    if not meta.unit_name or meta.level not in ("province", "district", "commune"):
        return Resolution(None, "the plan's unit was not found in its text")
    window = date_window(meta)
    if window is None:
        return Resolution(None, f"{meta.unit_name}: the plan has no date, so the unit valid then is unknown")
    first, last = window
    when = first if first == last else f"{first}…{last}"
    word, name = _split(meta.unit_name)
    types = TYPE_OF_WORD.get(word, set())
    provinces = index.provinces(first, last)
    if not provinces:
        return Resolution(None, f"no coded province list covers {when}")
    if meta.level == "province":
        hits = [p for p in provinces if name in p.names]
        return _one(hits, f"{meta.unit_name} among the provinces valid on {when}")
    zone = context(text, meta)
    named = _named(zone, tuple(provinces), _PROVINCE_WORD)
    if len(named) != 1:
        found = ", ".join(p.label for p in named) or "none"
        return Resolution(None, f"{meta.unit_name}: its province must be named in the document's head "
                                f"(letterhead, title, issuer of the plan it implements); found {found}")
    province = named[0]
    if meta.level == "district":
        hits = _match(index.below(province, "district", first, last), name, types, meta.unit_name)
        return _one(hits, f"{meta.unit_name} in {province.label} on {when}")
    communes = index.below(province, "commune", first, last)
    parent = province.label
    districts = index.below(province, "district", first, last)
    if districts:  # before the reform: a commune is found only inside its district
        in_zone = _named(zone, tuple(districts), _DISTRICT_WORD)
        if len(in_zone) != 1:
            found = ", ".join(d.label for d in in_zone) or "none"
            return Resolution(None, f"{meta.unit_name} in {province.label}: a commune before 1 July 2025 "
                                    f"is resolved inside its district, which the document's head must name; "
                                    f"found {found}")
        communes = index.below(in_zone[0], "commune", first, last)
        parent = f"{in_zone[0].label}, {province.label}"
    hits = _match(communes, name, types, meta.unit_name)
    return _one(hits, f"{meta.unit_name} in {parent} on {when}")


def context(text: str, meta: DocumentMeta) -> str:
    """The document's head, folded: up to the end of the header block and the paragraphs after it."""
    end = max(meta.span[1], 0) + CONTEXT_AFTER_HEADER
    return fold_keep(text[:end])


def _split(unit_name: str) -> tuple[str, str]:
    low = unit_name.strip().lower()
    for word in sorted(TYPE_OF_WORD, key=len, reverse=True):
        if low.startswith(word + " "):
            return word, bare_name(unit_name)
    return "", bare_name(unit_name)


def _match(units: list[CodedUnit], name: str, types: set[str], written: str) -> list[CodedUnit]:
    hits = [u for u in units if name in u.names and (not types or u.unit_type in types)]
    if len(hits) > 1:  # the same letters: keep the one spelt exactly so, if only one is
        exact = [u for u in hits if written.lower() in u.exact]
        hits = exact if len(exact) == 1 else hits
    return hits


def _one(hits: list[CodedUnit], what: str) -> Resolution:
    if len(hits) == 1:
        return Resolution(hits[0].iri)
    if not hits:
        return Resolution(None, f"no coded unit for {what}")
    codes = ", ".join(f"{u.label} ({u.code})" for u in hits)
    return Resolution(None, f"{len(hits)} coded units fit {what}: {codes}; not guessed")


def _named(zone: str, units: tuple[CodedUnit, ...], word: str) -> list[CodedUnit]:
    """The units whose name appears in ``zone`` after a type word (OCR spellings tolerated)."""
    return [u for u in units if any(_pattern(word, n).search(zone) for n in sorted(u.names))]


@lru_cache(maxsize=8192)
def _pattern(word: str, name: str) -> re.Pattern[str]:
    # (?<![a-z]){word}…, the look-behind after the type word's first letter: a search skips to those letters
    return re.compile(after_non_letter(word) + rf"[\s*_]+(?:{name_pattern(name)})(?![a-z0-9])")
