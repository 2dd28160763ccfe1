"""Agency phrases → canonical :class:`AgencyRef` records, scoped to their administrative unit.

A phrase such as "Phong Lao dong - Thuong binh va Xa hoi, Hoi LHPN quan, Uy ban nhan dan 09
phuong" is resolved in three steps:

1. known agencies are found with the gazetteer (any spelling, abbreviations, OCR);
2. the unit words after each one ("quận", "thành phố Hải Phòng", "các xã, phường", "09 phường",
   "HP") give its unit, or turn a people's committee into a collective ("UBND 09 phường" →
   group "Ủy ban nhân dân các phường", member_count 9);
3. what is left is split on commas and "và": "các phòng, ban, ngành, đoàn thể quận" becomes
   one typed group; other named bodies are kept as written.

Names follow tests/expected/README.md: official full name without unit words, except people's
committees/councils which keep their unit ("Ủy ban nhân dân quận Hồng Bàng").
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.agencies.collectives import with_members
from kg.extract.agencies.context import UnitContext
from kg.extract.agencies.display import display
from kg.extract.agencies.groups import NAMED_BODY, PRESS, VILLAGE_HEADS, leftover_groups
from kg.extract.agencies.units import LEVEL, PROPER, QUAL, name_with_unit, types_of, unit_for
from kg.extract.records import AgencyRef
from kg.lexicon import AgencyEntry, find_agencies, find_provinces, restore
from kg.text.normalize import fold_keep, loose

__all__ = ["UnitContext", "resolve_agencies"]

_OF_BEFORE = re.compile(r"(?:thuoc|cua)\s*$")
_CAC_BEFORE = re.compile(r"(?<![a-z])cac\s+$")
_UNIT_TAIL = re.compile(r"[ \t]+(?:tỉnh|huyện|quận|thành phố|thị xã|xã|phường|thị trấn|Tỉnh|Thành phố)$")


def resolve_agencies(
    text: str, offset: int, ctx: UnitContext, explicit: bool = True, keep_unknown: bool | None = None
) -> list[AgencyRef]:
    """Agencies and collectives named in ``text`` (which starts at ``offset`` in the plan).

    See :func:`_resolve`; results are memoised per phrase (role lines repeat across tasks).
    """
    refs = _resolve_cached(text, ctx, explicit, explicit if keep_unknown is None else keep_unknown)
    if not offset:
        return list(refs)
    return [r.shifted(offset) for r in refs]


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, ctx: UnitContext, explicit: bool, keep_unknown: bool) -> tuple[AgencyRef, ...]:
    return tuple(with_members(r, ctx) for r in _resolve(text, 0, ctx, explicit, keep_unknown))


def _resolve(
    text: str, offset: int, ctx: UnitContext, explicit: bool = True, keep_unknown: bool | None = None
) -> list[AgencyRef]:
    """Agencies and collectives named in ``text`` (which starts at ``offset`` in the plan).

    explicit: an explicit role line ("Cơ quan chủ trì: …") where every item is an agent, also
    generic collectives ("các doanh nghiệp"); otherwise only known agencies and collectives
    of government bodies are returned (running text).
    keep_unknown: keep capitalised unknown bodies as agencies (default: same as ``explicit``).
    """
    if keep_unknown is None:
        keep_unknown = explicit
    refs: list[AgencyRef] = []
    low = loose(text)
    covered: list[tuple[int, int]] = []
    for start, end, entry in find_agencies(text):
        if _OF_BEFORE.search(low, max(0, start - 8), start):
            continue  # "các trường học thuộc UBND xã": part of a collective's name
        if not explicit and text[start:end].islower():
            continue  # "lực lượng quân đội, công an": a force, not a named agency
        stop = end
        qual_types: list[str] = []
        proper: str | None = None
        count: int | None = None
        is_group = False
        q = QUAL.match(low, end)
        level = None if q else LEVEL.match(low, end)
        if level and entry.orgtype in ("peoples-committee", "peoples-council"):
            # "Ủy ban nhân dân cấp xã": the committees of a level, kept as written (the plan's own
            # level is the plan's own committee)
            word = types_of(level["type"])[0]
            stop = level.end()
            covered.append((start, stop))
            span = (offset + start, offset + stop)
            source = text[start:stop].strip()
            if word != ctx.type_word:
                name = f"{entry.name} cấp {word}"
                refs.append(AgencyRef(name, source, ctx.path, entry.orgtype, True, None, span))
                continue
            name = name_with_unit(entry, ctx.name)
            refs.append(AgencyRef(name, source, ctx.path, entry.orgtype, False, None, span))
            continue
        if level:
            stop = level.end()  # "Công an cấp xã": the unit words are dropped
        if q:
            qual_types = types_of(q["types"])
            count = int(q["count"]) if q["count"] else None
            is_group = bool(q["cac"] or count or len(qual_types) > 1)
            stop = q.end()
            if not is_group:
                p = PROPER.match(text, stop)
                if p and not find_agencies(p.group(1))[:1]:
                    proper = p.group(1).strip()
                    stop = p.start(1) + len(p.group(1).rstrip())
        else:
            provs = find_provinces(text[end : end + 40])
            if provs and not text[end : end + provs[0][0]].strip():
                proper = text[end : end + provs[0][1]].strip()
                stop = end + provs[0][1]
        if entry.orgtype == "public-service-unit" and not qual_types:
            p = PROPER.match(text, end)
            if p and not find_agencies(p.group(1))[:1]:
                proper_name = p.group(1).strip()
                stop = p.start(1) + len(p.group(1).rstrip())
                proper = None
                entry = AgencyEntry(
                    f"{entry.name} {restore(proper_name) if ctx.ocr else proper_name}",
                    entry.orgtype,
                    entry.scope,
                    entry.english,
                )
        covered.append((start, stop))
        source = text[start:stop].strip()
        span = (offset + start, offset + stop)
        if is_group and (entry.orgtype in ("peoples-committee", "peoples-council") or q["cac"]):
            # "UBND các xã, thị trấn", "Trạm Y tế các xã, thị trấn": one body in each unit named
            name = f"{entry.name} các {', '.join(qual_types)}"
            refs.append(AgencyRef(name, source, ctx.path, entry.orgtype, True, count, span))
            continue
        cac = _CAC_BEFORE.search(low, max(0, start - 5), start)
        committee = entry.orgtype in ("peoples-committee", "peoples-council")
        if cac and not committee and entry.scope != "national":
            # "các Trung tâm Y tế": the centres of every unit, one collective
            span = (offset + cac.start(), offset + stop)
            source = text[cac.start() : stop].strip()
            refs.append(AgencyRef(f"Các {entry.name}", source, ctx.path, entry.orgtype, True, None, span))
            covered[-1] = (cac.start(), stop)
            continue
        unit, unit_name = unit_for(entry, qual_types, proper, ctx)
        name = name_with_unit(entry, unit_name)
        refs.append(AgencyRef(name, source, unit, entry.orgtype, False, None, span))
    for h in VILLAGE_HEADS.finditer(low):  # "Trưởng các bản", "Trưởng thôn, làng, tổ dân phố"
        if any(s0 <= h.start() < e0 for s0, e0 in covered):
            continue
        raw = text[h.start() : h.end()]
        if raw.endswith(" Ban") and re.match(r"\s+[A-ZĐ]", text[h.end() :]):
            continue  # "Trưởng Ban Chỉ đạo": the head of a board, not of the villages ("bản")
        refs.append(
            AgencyRef(
                display(raw, ctx), raw, ctx.path, "other", True, None, (offset + h.start(), offset + h.end())
            )
        )
        covered.append((h.start(), h.end()))
    if explicit:  # "…, báo, đài và các đơn vị có liên quan" in a role line
        for pr in PRESS.finditer(low):
            if not any(s0 <= pr.start() < e0 for s0, e0 in covered):
                span = (offset + pr.start(), offset + pr.end())
                source = text[pr.start() : pr.end()]
                refs.append(AgencyRef("Báo, đài", source, ctx.path, "public-service-unit", True, None, span))
                covered.append((pr.start(), pr.end()))
    for b in NAMED_BODY.finditer(text):  # "Chi cục Biển đảo và Thủy sản": a named body
        if any(s0 < b.end() and b.start() < e0 for s0, e0 in covered):
            continue
        name = _UNIT_TAIL.sub("", b.group(0))
        span = (offset + b.start(), offset + b.start() + len(name))
        refs.append(AgencyRef(display(name, ctx), name, ctx.path, "public-service-unit", False, None, span))
        covered.append((b.start(), b.start() + len(name)))
    refs.extend(leftover_groups(text, offset, covered, ctx, explicit, keep_unknown))
    refs.sort(key=lambda r: r.span)
    return _dedupe(_merge_party_boards(refs, text, offset))


def _merge_party_boards(refs: list[AgencyRef], text: str, offset: int) -> list[AgencyRef]:
    """ "Ban Tuyên giáo Tỉnh ủy": a board of a party committee is one agency with the committee's name."""
    out: list[AgencyRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.orgtype == "party"
            and prev.name.startswith("Ban ")
            and r.orgtype == "party"
            and r.name.endswith(("ủy", "uỷ"))
            and not text[prev.span[1] - offset : r.span[0] - offset].strip()
        ):
            out[-1] = AgencyRef(
                f"{prev.name} {r.name}",
                f"{prev.source_text} {r.source_text}",
                prev.unit,
                "party",
                False,
                None,
                (prev.span[0], r.span[1]),
            )
            continue
        out.append(r)
    return out


def _dedupe(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        key = fold_keep(r.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
