"""Objectives of a plan: the items of its "MỤC TIÊU" part, general or specific.

Plans state objectives in one of these layouts (all seen in administrative practice):

- "II. MỤC TIÊU" with "1. Mục tiêu chung" (general) and "2. Mục tiêu cụ thể" (specific),
  each a list of bullets or a paragraph;
- "II. MỤC TIÊU" with a plain list of bullets or numbered items (the specific targets);
- "Mục tiêu" / "Chỉ tiêu" as a numbered sub-section of another part ("I. MỤC ĐÍCH, YÊU CẦU").

A plan without an objectives part yields no objectives. The item splitter here
(:func:`split_items`) is shared with the target and funding extractors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.agencies import UnitContext
from kg.extract.records import Objective
from kg.extract.sections import Section, find_sections, split_sections
from kg.text.normalize import loose


@dataclass(frozen=True)
class Item:
    """One bullet, numbered item or paragraph: ``text[start:end]`` without its marker."""

    start: int
    end: int
    marker: str  # "-", "+", "1.", "a)", "" (paragraph)
    general: bool = False  # under a "Mục tiêu chung" heading
    heading: tuple[int, int] = (0, 0)  # span of the sub-heading above it ("Mục tiêu cụ thể đến năm 2025")


_LINE = re.compile(r"[^\n]*\n?")
# bullet or numbering at the start of a line ("- ", "+ ", "• ", "1. ", "2) ", "a) ", "đ) ")
_MARKER = re.compile(
    r"[ \t]*(?P<m>[-+•–—*\uf0b7\uf0a7\uf0d8◦▪❖✓](?=\s)|\d{1,2}(?:\.\d{1,2}){0,2}\s*[.)](?=\s)"
    r"|[a-zđ]\s*[).](?=\s))[ \t]*"
)
_MARKUP = re.compile(r"^[ \t#*_>]*")
# "Mục tiêu chung", "2. Mục tiêu cụ thể:", "Chỉ tiêu (chủ yếu)", on folded text (OCR "Muc tiéu cu thé")
_SUBHEAD = re.compile(
    r"^[\s#*_>]*(?:(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivxl|1]{1,5})\s*[.)]\s*)?[\s*_]*(?:c[a-z0-9]c\s+)?"
    r"(?:m[a-z0-9]{1,2}c\s+ti[a-z0-9]{1,2}u|ch[a-z0-9]{1,2}\s+ti[a-z0-9]{1,2}u)"
    r"(?P<kind>\s+(?:chung|t[o0]ng\s+qu[a-z0-9]{1,2}t|t[o0]ng\s+th[a-z0-9]{1,2}|c[a-z0-9]\s+th[a-z0-9]{1,2}"
    r"|ch[a-z0-9]{1,2}\s+y[a-z0-9]{1,2}u))?"  # "cụ thể", "chủ yếu": specific
    r"[\s*_]*(?P<colon>[:.]?)[\s*_]*"
)
_GENERAL = re.compile(r"chung|t[o0]ng")
# what may follow a sub-heading on its line: "đến năm 2025", "giai đoạn 2026-2030", "(…)"
_HEAD_TAIL = re.compile(
    r"(?:[dp][a-z0-9]{1,2}n\s+n[a-z0-9]{1,2}m|giai\s+do[a-z0-9]{1,2}n|n[a-z0-9]{1,2}m|t[u]\s+n[a-z0-9]{1,2}m)"
    r"[\s\d\-–,.đếnden]*[:.]?$|\([^)]*\)[:.]?$"
)
_TRAIL = " \t\r\n*_"
_SENTENCE_END = set(".;:!?…)\"”")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def _ends_sentence(text: str, start: int, end: int) -> bool:
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return end > start and text[end - 1] in _SENTENCE_END


def _item(text: str, cur: list) -> Item:
    start, end = _trim(text, cur[0], cur[1])
    return Item(start, end, cur[2], cur[3], cur[4])


def _opens_capital(line: str) -> bool:
    """The line's first character after markup is a capital."""
    body = _MARKUP.match(line)
    return line[body.end():body.end() + 1].isupper() if body else False


def split_items(text: str, start: int, end: int, *, subheadings: bool = False) -> list[Item]:
    """Split ``text[start:end]`` into items (bullets, numbered items, paragraphs).

    A line with a marker starts an item; so does a line that follows a blank line, starts
    with a capital letter and comes after a finished sentence. Other lines continue the
    current item (wrapped lines, PDF and OCR line breaks, page breaks inside a sentence).
    With ``subheadings``, "Mục tiêu chung"/"Mục tiêu cụ thể" lines are not items: they set
    the ``general`` flag of the items that follow.
    """
    items: list[Item] = []
    cur: list = []  # [start, end, marker, general, heading]
    general = False
    heading = (0, 0)
    blank = True
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end():
            break
        line_start, line_end = m.start(), min(m.end(), end)
        line = text[line_start:line_end]
        if not line.strip(_TRAIL):
            blank = True
            continue
        if subheadings:
            low = loose(line)
            head = _SUBHEAD.match(low)
            rest = line[head.end():].strip(_TRAIL) if head else ""
            tail = bool(rest) and len(rest) < 60 and _HEAD_TAIL.match(low, head.end()) is not None
            if head and (not rest or head["colon"] or tail):
                general = bool(head["kind"] and _GENERAL.search(head["kind"]))
                heading = (line_start, line_end)
                if cur:
                    items.append(_item(text, cur))
                cur = [line_start + head.end(), line_end, "", general, heading] if rest and not tail else []
                blank = not cur
                continue
        mark = _MARKER.match(line)
        if mark or not cur or (blank and _opens_capital(line) and _ends_sentence(text, cur[0], cur[1])):
            if cur:
                items.append(_item(text, cur))
            begin = line_start + (mark.end() if mark else 0)
            cur = [begin, line_end, mark["m"].strip() if mark else "", general, heading]
        else:
            cur[1] = line_end
        blank = False
    if cur:
        items.append(_item(text, cur))
    return [i for i in items if i.end > i.start]


_OBJECTIVE_WORDS = re.compile(r"\b(?:m[a-z0-9]{1,2}c|ch[a-z0-9]{1,2})\s+ti[a-z0-9]{1,2}u\b")
# parts of another kind that a combined heading ("II. MỤC TIÊU VÀ NHIỆM VỤ") may nest
_OTHER_KINDS = {"purpose", "content", "tasks", "funding", "organisation", "reporting"}


def objective_blocks(text: str, sections: Sequence[Section] | None) -> list[tuple[int, int]]:
    """(start, end) of every objectives part ("MỤC TIÊU", "Chỉ tiêu"), without nested parts of other kinds.

    A part whose heading names the objectives after another kind ("I. MỤC ĐÍCH, MỤC TIÊU") is used
    when no part is classified as objectives.
    """
    secs = list(sections) if sections else split_sections(text)
    found = find_sections(secs, "objectives")
    if not found:
        named = [
            s for s in secs
            if s.level >= 1 and len(s.heading.split()) <= 8 and _OBJECTIVE_WORDS.search(loose(s.heading))
        ]
        found = [s for s in named if not any(o is not s and o.start <= s.start < o.end for o in named)]
    blocks = []
    for s in found:
        body = s.body_start if s.start <= s.body_start <= s.end else s.start
        # a numbered sub-section ("1. Mục tiêu chung") keeps its heading: it says general/specific
        start = s.start if s.level >= 2 else body
        cuts = sorted(
            (o.start, o.end) for o in secs
            if s.start < o.start < s.end and o.kind in _OTHER_KINDS
            and len(o.heading.split()) <= 6 and not re.search(r"\d", o.heading)
        )
        for c0, c1 in cuts:
            if c0 > start:
                blocks.append((start, c0))
            start = max(start, c1)
        if start < s.end:
            blocks.append((start, s.end))
    return sorted(set(blocks))


def objective_items(text: str, sections: Sequence[Section] | None) -> list[Item]:
    """The items of the objectives part(s), with their general/specific flag."""
    items: list[Item] = []
    for start, end in objective_blocks(text, sections):
        items.extend(split_items(text, start, end, subheadings=True))
    return items


def extract_objectives(
    text: str,
    sections: Sequence[Section] | None = None,
    ctx: UnitContext | None = None,
    warnings: list[str] | None = None,
) -> list[Objective]:
    """General and specific objectives of a plan; [] when it has no objectives part.

    ``sections`` default to :func:`split_sections` of ``text``; ``ctx`` and ``warnings`` are not
    used (the extractors' common shape).
    """
    items = objective_items(text, sections)
    return [Objective(text[i.start:i.end], i.general, (i.start, i.end)) for i in items]
