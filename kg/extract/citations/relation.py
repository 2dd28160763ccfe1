"""The relation of a citation to the plan (vnc:scheme-citation): implements, legal-basis, content, mention."""

from __future__ import annotations

import re

from kg.extract.sections import Section

_OPENER = re.compile(r"(thuc\s*hien|trien\s*khai|can\s*cu|theo)\W*$")
_SENTENCE_OPENER = re.compile(r"\W*(thuc\s*hien|trien\s*khai|can\s*cu)\s")
_AND_BEFORE = re.compile(r"(?:\s(?:va|cung\s*nhu)|[,;])\s*$")
_CONTENT_CUE = re.compile(r"tuyen\s*truyen|pho\s*bien|truyen\s*thong\s+ve|cac\s+quy\s+dinh")
RANK = {"implements": 3, "legal-basis": 2, "content": 1, "mention": 0}


def citation_relation(low: str, start: int, sections: list[Section], plan_head_end: int) -> str:
    before = low[max(0, start - 40) : start]
    opener = _OPENER.search(before)
    if start < plan_head_end:
        if opener is None and _AND_BEFORE.search(before):
            # "Thực hiện Quyết định số …; Công văn số … và Kế hoạch số …": the opener applies to all
            opener = _sentence_opener(low, start)
        if opener:
            word = opener.group(1)
            if word.startswith(("thuc", "trien")):
                return "implements"
            if word.startswith("can"):
                return "legal-basis"
    if any(s.kind == "content" and s.start <= start < s.end for s in sections):
        return "content"
    line_start = max(low.rfind("\n", 0, start), low.rfind(";", 0, start), low.rfind(". ", 0, start)) + 1
    if _CONTENT_CUE.search(low, line_start, start):
        return "content"
    return "mention"


def _sentence_opener(low: str, start: int, max_lines: int = 8) -> re.Match[str] | None:
    """The opener ("Thực hiện", "Căn cứ") of the sentence around ``start``; a sentence may be
    wrapped over several lines (PDF text), so a line that does not follow a full stop continues it."""
    pos = start
    for _ in range(max_lines):
        line = low.rfind("\n", 0, pos) + 1
        dot = low.rfind(". ", line, start)
        if dot >= 0:
            return _SENTENCE_OPENER.match(low, dot + 1)
        m = _SENTENCE_OPENER.match(low, line)
        if m or line == 0:
            return m
        before = low[: line - 1].rstrip(" \t")  # the text above, without this line's break
        if before.endswith(("\n", ".", ";", ":")) or not before:
            return None  # a blank line or a finished sentence above: no opener for this one
        pos = line - 1
    return None
