"""Cited documents: numbered ("Kế hoạch số 59/KH-UBND ngày 14/3/2022 của …") and named
("Luật Bình đẳng giới", "Công ước CEDAW năm 1979", "Hiến pháp … năm 2013 (Điều 26)",
"Chương trình truyền thông về dân số đến năm 2030"), with article/clause references
("Điều 6 Nghị định 55/2009/NĐ-CP", "Luật Bình đẳng giới (khoản 1,2,3,4 Điều 11)").

Relation of each citation (vnc:scheme-citation): ``implements`` when the document follows
"Thực hiện" in the opening of the plan, ``legal-basis`` after "Căn cứ", ``content`` when it is
named as something to communicate (a "nội dung truyền thông" section, or after "tuyên
truyền"/"phổ biến"), else ``mention``. Each document is returned once (merged across mentions:
strongest relation, union of articles).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from kg.extract.agencies import UnitContext
from kg.extract.citations.merge import merge
from kg.extract.citations.named import LAW_KW, NAMED, named, rare_matches
from kg.extract.citations.named_forms import agreement_partners
from kg.extract.citations.numbered import numbered, numbered_matches
from kg.extract.citations.relation import citation_relation, nested_in_titles
from kg.extract.citations.scope import (
    approves,
    number_key,
    opening_end,
    operative_zone,
    own_numbers,
    title_objects,
)
from kg.extract.citations.standards import standards
from kg.extract.metadata.title import in_capitals
from kg.extract.metadata.unit import TITLE_WORD
from kg.extract.records import DocRef
from kg.extract.sections import Section
from kg.text.normalize import fold_keep, loose, squash

__all__ = ["extract_citations"]


def extract_citations(
    text: str, sections: list[Section], ctx: UnitContext, plan_head_end: int, warnings: list[str]
) -> list[DocRef]:
    """Every document cited in the plan, once each, in order of first mention."""
    low = loose(text)
    opening = opening_end(low, plan_head_end)
    found: list[DocRef] = []
    taken: list[tuple[int, int]] = []  # spans of numbered citations (their titles included)
    matches = numbered_matches(low)
    items: list[tuple[int, int, str]] = []  # (kind-word start, number end, number) of each ref found
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(low)
        try:
            ref, title_end = numbered(text, low, m, sections, ctx, opening, nxt)
        except (ValueError, IndexError) as e:  # defensive: never fail the whole plan on one citation
            warnings.append(f"citations: could not read {text[m.start() : m.end()]!r} ({e})")
            continue
        found.append(ref)
        items.append((m.start(), m.end("num"), fold_keep(ref.number or "")))
        taken.append((ref.span[0], title_end))
    for i in nested_in_titles(low, items, text):  # the object of another document's title: a citation
        if found[i].relation in ("implements", "legal-basis"):
            found[i] = replace(found[i], relation="mention")
    merged: list[list[int]] = []  # numbered citations' spans (titles included), merged
    for s0, e0 in sorted(taken):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    starts = [iv[0] for iv in merged]
    named_end = 0
    for m in sorted((*NAMED.finditer(low), *rare_matches(low)), key=lambda m: m.start()):
        pos = m.start()
        if pos and low[pos - 1].isalpha() or pos < named_end:
            continue
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < merged[i][1] and not LAW_KW.match(m.group("kw")):
            continue  # inside a numbered document's title (a law named there is still a document)
        ref = named(text, low, m, sections, opening, ctx)
        if ref:
            found.append(ref)
            named_end = ref.span[1]
            if ref.kind == "other":
                found.extend(agreement_partners(text, low, ref))
    found.extend(standards(text, low, lambda pos: citation_relation(low, pos, sections, opening, text)))
    found = _in_scope(found, low, opening)
    title_span = _opening_title(text, low, opening)
    if title_span:  # a law or programme named in the title is cited; the parent is told by the rule below
        found = [
            replace(r, relation="mention")
            if r.number is None and r.relation == "implements" and title_span[0] <= r.span[0] < title_span[1]
            else r
            for r in found
        ]
    found.sort(key=lambda r: r.span)
    title = squash(text[title_span[0] : title_span[1]]) if title_span else None
    return _through_title(merge(found), low, title, opening)


def _in_scope(refs: list[DocRef], low: str, opening: int) -> list[DocRef]:
    """Without the plan's own number; a decision's operative part is not an opening."""
    own = own_numbers(low)
    zone = operative_zone(low, opening)
    out = []
    for r in refs:
        if r.number and number_key(r.number) in own:
            continue  # the plan itself ("(Kèm theo Kế hoạch số … )" above an appendix)
        if zone and zone[0] <= r.span[0] < zone[1] and r.relation in ("implements", "legal-basis"):
            r = replace(r, relation="mention")
        out.append(r)
    return out


def _through_title(refs: list[DocRef], low: str, title: str | None, opening: int) -> list[DocRef]:
    """A cited decision that approves what the plan's title or issuing sentence says the plan carries
    out ("Kế hoạch thực hiện Chương trình X" + "Quyết định … phê duyệt Chương trình X") is its parent."""
    objects = title_objects(low, title, opening)
    if not objects:
        return refs
    out = []
    for r in refs:
        if (
            r.number
            and r.span[0] < opening
            and r.relation == "legal-basis"
            and any(approves(r.title, kind, words) for kind, words in objects)
        ):
            r = replace(r, relation="implements")
        out.append(r)
    return out


def _opening_title(text: str, low: str, opening: int) -> tuple[int, int] | None:
    """Where the line(s) under the first "KẾ HOẠCH" of the opening are."""
    m = TITLE_WORD.search(low, 0, opening)
    if not m:
        return None
    start = m.end() + len(text[m.end() : opening]) - len(text[m.end() : opening].lstrip())
    block = re.split(r"\n[ \t]*\n", text[start : min(opening, start + 800)], maxsplit=1)[0]
    lines = block.split("\n")
    for n in range(1, len(lines)):  # a text with no blank line: the title ends where the body begins
        if _BODY_LINE.match(lines[n]) or in_capitals("\n".join(lines[:n])) and not in_capitals(lines[n]):
            block = "\n".join(lines[:n])
            break
    return (start, start + len(block)) if block.strip() else None


# an opening sentence's first words ("Thực hiện …", "Căn cứ …") as written, with a capital
_BODY_LINE = re.compile(r"[ \t*_]*(?:Thực hiện|Căn cứ|Theo|Triển khai|Để|Nhằm|Do|Trên cơ sở)\s")
