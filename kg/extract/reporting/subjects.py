"""Who reports: the agents that open a sentence or its numbered item, not the objects of its verbs."""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef
from kg.text.normalize import loose

GOVERNS = re.compile(  # verbs whose object is an agency ("hướng dẫn các xã", "tham mưu UBND xã")
    r"(?<![a-z])(?:huong\s*dan|don\s*doc|chi\s*dao|chu\s*tri|phoi\s*hop|tham\s*muu|giao|yeu\s*cau|de\s*nghi|"
    r"giup|la)(?![a-z])"  # "Là cơ quan thường trực giúp UBND huyện …": the paragraph's agency is the subject
)
ITEM = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s")
ADVISES = re.compile(r"[\s\-+•*]*(?:[a-zđ]\)\s*)?tham\s*muu(?:\s*,\s*(?:de\s*xuat|giup))?\s+")
_DIRECTS = re.compile(r"\s+(?:chi\s*dao|giao)\s+")
_DOES = re.compile(r"\s+(?:thuc\s*hien|trien\s*khai)")
_OBJECT = re.compile(
    r"(?<![a-z])(?:cho|voi|den|toi|tai|cua|tu|don\s*doc|huong\s*dan|chi\s*dao|yeu\s*cau|giup|kiem\s*tra|"
    r"giam\s*sat|thong\s*bao|cung\s*cap)\s+(?:cac\s+)?$"
)
_OPENING_GAP = re.compile(r"[\s,;]*(?:(?:va|cung)\s+)?")
_LIST_GAP = re.compile(r"\s*(?:,|va|;)?\s*(?:cac\s+)?")
HEADING = re.compile(  # a numbered heading line followed by a new sentence (not a wrapped line)
    r"\s*[#*_]*[ \t]*(?:[IVX]+|\d{1,2})\.[ \t]+[^\n.;:,]{2,90}?[ \t*_]*\n(?=[ \t]*(?:[-+•*]|[a-zđ]\)|[A-ZĐ]))"
)


def opening_agent(text: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    m = ITEM.match(text, start)
    pos = m.end() if m else start
    refs = resolve_agencies(text[pos : min(end, pos + 160)], pos, ctx, explicit=False)
    if not refs or refs[0].span[0] - pos > 2:
        return []
    # "Sở X chỉ đạo Chi cục Y thực hiện các nội dung sau:": both report what Y does
    d = _DIRECTS.match(loose(text[refs[0].span[1] : refs[0].span[1] + 20]))
    if d and len(refs) > 1 and refs[1].span[0] == refs[0].span[1] + d.end():
        after = loose(text[refs[1].span[1] : refs[1].span[1] + 20])
        if _DOES.match(after):
            return refs[:2]
    # "2. Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường": every agency the item opens with
    run = refs[:1]
    for r in refs[1:]:
        if not _OPENING_GAP.fullmatch(loose(text[run[-1].span[1] : r.span[0]])):
            break
        run.append(r)
    return run


def subjects(low: str, reporters: list[AgencyRef], lead_at: int) -> list[AgencyRef]:
    """The reporters that are not objects ("cho các địa phương", "đôn đốc các cơ quan …"): an agent after
    an object word, and the agents listed with it, are left out."""
    out = []
    pos = lead_at
    obj = False
    for r in reporters:
        gap = low[pos : r.span[0]] if r.span[0] >= pos else ""
        if _OBJECT.search(gap):
            obj = True
        elif not _LIST_GAP.fullmatch(gap):
            obj = False
        if not obj:
            out.append(r)
        pos = max(pos, r.span[1])
    return out
