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

from bisect import bisect_right

from kg.extract.agencies import UnitContext
from kg.extract.citations.merge import merge
from kg.extract.citations.named import NAMED, named
from kg.extract.citations.numbered import numbered, numbered_matches
from kg.extract.records import DocRef
from kg.extract.sections import Section
from kg.text.normalize import loose

__all__ = ["extract_citations"]


def extract_citations(
    text: str, sections: list[Section], ctx: UnitContext, plan_head_end: int, warnings: list[str]
) -> list[DocRef]:
    """Every document cited in the plan, once each, in order of first mention."""
    low = loose(text)
    found: list[DocRef] = []
    taken: list[tuple[int, int]] = []  # spans of numbered citations (their titles included)
    matches = numbered_matches(low)
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(low)
        try:
            ref, title_end = numbered(text, low, m, sections, ctx, plan_head_end, nxt)
        except (ValueError, IndexError) as e:  # defensive: never fail the whole plan on one citation
            warnings.append(f"citations: could not read {text[m.start() : m.end()]!r} ({e})")
            continue
        found.append(ref)
        taken.append((ref.span[0], title_end))
    merged: list[list[int]] = []  # numbered citations' spans (titles included), merged
    for s0, e0 in sorted(taken):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    starts = [iv[0] for iv in merged]
    named_end = 0
    for m in NAMED.finditer(low):
        pos = m.start()
        if pos and low[pos - 1].isalpha() or pos < named_end:
            continue
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < merged[i][1]:
            continue
        ref = named(text, low, m, sections, plan_head_end, ctx)
        if ref:
            found.append(ref)
            named_end = ref.span[1]
    found.sort(key=lambda r: r.span)
    return merge(found)
