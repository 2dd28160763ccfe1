"""Agencies that a heading of "Tổ chức thực hiện" enumerates: "Các cơ quan tham mưu quản lý ngành, lĩnh
vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Công Thương …)" names six departments, one per
field, the type word said once."""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef
from kg.lexicon import TYPE_WORDS, find_agencies
from kg.text.normalize import fold_keep

_MEMBERS = re.compile(
    r"\(\s*(?:gồm|bao gồm|gom|bao gom)\s+(?:có\s+|các\s+|co\s+|cac\s+)?"
    r"(?P<type>Sở|Phòng|Bộ|So|Phong|Bo)\s*:\s*"
    r"(?P<list>[^()]+)\)",
    re.IGNORECASE,
)
_GAP = re.compile(r"\s*(?:,|;|và|va)\s*")


def enumerated_members(heading: str, offset: int, ctx: UnitContext) -> list[AgencyRef]:
    """The agencies of "(gồm các Sở: A, B, C)" in ``heading`` (which starts at ``offset``), else []."""
    m = _MEMBERS.search(heading)
    if not m:
        return []
    word = next((t for t in TYPE_WORDS if fold_keep(t) == fold_keep(m["type"])), "Sở")
    out: list[AgencyRef] = []
    pos = m.start("list")
    end = m.end("list")
    while pos < end:
        gap = _GAP.match(heading, pos)
        if gap and gap.end() > pos:
            pos = gap.end()
            continue
        # the longest known "<type word> <field>" at this point ("Văn hóa, Thể thao và Du lịch")
        found = find_agencies(f"{word} {heading[pos:end]}")
        if not found or found[0][0] != 0:
            break
        length = found[0][1] - len(word) - 1
        refs = resolve_agencies(f"{word} {heading[pos : pos + length]}", 0, ctx, explicit=False)
        span = (offset + pos, offset + pos + length)
        source = heading[pos : pos + length]
        out += [AgencyRef(r.name, source, r.unit, r.orgtype, False, None, span) for r in refs[:1]]
        pos += max(length, 1)
    return out
