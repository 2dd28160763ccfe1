"""The relation of a citation to the plan (vnc:scheme-citation): implements, legal-basis, content, mention."""

from __future__ import annotations

import re

from kg.extract.sections import FULL_LINE, Section

_OPENER = re.compile(r"(thuc\s*hien|trien\s*khai|can\s*cu|theo)\W*$")
_SENTENCE_OPENER = re.compile(r"\W*(thuc\s*hien|trien\s*khai|can\s*cu)\s")
_CONTENT_CUE = re.compile(r"tuyen\s*truyen|pho\s*bien|truyen\s*thong\s+ve|cac\s+quy\s+dinh")
RANK = {"implements": 3, "legal-basis": 2, "content": 1, "mention": 0}


def citation_relation(
    low: str, start: int, sections: list[Section], plan_head_end: int, text: str = ""
) -> str:
    """The relation of the citation at ``start``; ``text`` (the plan as written, same offsets as the
    folded ``low``) tells a sentence's opener from the same words wrapped onto a line's start."""
    before = low[max(0, start - 40) : start]
    opener = _OPENER.search(before)
    if start < plan_head_end:
        if opener is not None and not _opens_clause(low, start - len(before) + opener.start()):
            opener = None  # "Sau 8 năm triển khai thực hiện Nghị quyết số …": a narrative, no opener
        if opener is None:
            # "Thực hiện Quyết định số …; Công văn số … và hướng dẫn của Bộ … tại Công văn số …": the
            # opener applies to every document of its sentence (those named inside another's title
            # are told apart afterwards: nested_in_titles)
            opener = _sentence_opener(low, start, text=text)
        if opener:
            word = opener.group(1)
            if word.startswith(("thuc", "trien")):
                return "implements"
            if word.startswith("can"):
                return "legal-basis"
    if any(s.kind == "content" and s.start <= start < s.end for s in sections):
        return "content"
    # the last line break, ";" or ". " before start (the two others sought only after the line break)
    newline = low.rfind("\n", 0, start)
    line_start = max(newline, low.rfind(";", newline + 1, start), low.rfind(". ", newline + 1, start)) + 1
    if _CONTENT_CUE.search(low, line_start, start):
        return "content"
    return "mention"


# what may stand before an opener in its clause: nothing, a purpose word ("Để", "Nhằm", "Tiếp tục"), or
# the plan's own kind in its title or issuing sentence ("KẾ HOẠCH / THỰC HIỆN …", "ban hành Kế hoạch
# thực hiện …"); other opener words chain ("triển khai thực hiện", "tổ chức thi hành")
_CLAUSE_BREAK = re.compile(r"\n[ \t*_#|]*\n|[.;:](?:\s|$)")
_LEAD = re.compile(
    r"(?:^|(?<![a-z])(?:de|nham|tiep\s*tuc|dong\s*thoi|ke\s*hoach))"
    r"(?:\s*(?:trien\s*khai|thuc\s*hien|thi\s*hanh|to\s*chuc)(?![a-z]))*[\W_]*$"
)


def _opens_clause(low: str, opener_start: int) -> bool:
    """Whether the opener word at ``opener_start`` opens its clause (see :data:`_LEAD`)."""
    floor = max(0, opener_start - 300)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(low, floor, opener_start)), default=floor)
    prefix = low[clause_start:opener_start]
    return _LEAD.search(prefix.strip(" \t\n*_#|")) is not None


# a line that is the next item of a list of documents: it starts with a document's kind
_LIST_ITEM = re.compile(
    r"[ \t\-+*_]*(?:quyet\s*dinh|nghi\s*quyet|nghi\s*dinh|chi\s*thi|ke\s*hoach|cong\s*van|thong\s*tu|"
    r"thong\s*bao|ket\s*luan|huong\s*dan|chuong\s*trinh|luat|bo\s*luat|van\s*ban|to\s*trinh|cong\s*dien|"
    r"de\s*an|thong\s*tri|quy\s*dinh)(?![a-z])"
)


def _sentence_opener(low: str, start: int, max_lines: int = 8, text: str = "") -> re.Match[str] | None:
    """The opener ("Thực hiện", "Căn cứ") of the sentence around ``start``; a sentence may be
    wrapped over several lines (PDF text), so a line that does not follow a full stop continues it,
    and a line after ";" is the next item of the list its opener introduced ("Thực hiện Chỉ thị số
    …;" / "Công văn số … của Bộ Y tế …"). An opener in lower case at a line's start under an unfinished
    line is the sentence's own words wrapped there ("… của Ủy ban nhân dân tỉnh về" / "thực hiện Nghị
    quyết số …"), not its opener."""
    pos = start
    for _ in range(max_lines):
        line = low.rfind("\n", 0, pos) + 1
        dot = low.rfind(". ", line, start)
        if dot >= 0:
            return _SENTENCE_OPENER.match(low, dot + 1)
        m = _SENTENCE_OPENER.match(low, line)
        before = low[: line - 1].rstrip(" \t") if line else ""  # the text above, without this line's break
        finished = before.endswith(("\n", ".", ":", ";"))
        if m and text and text[m.start(1)].islower() and before and not finished:
            m = None  # wrapped words, not an opener: the sentence goes on above
        if m or line == 0:
            return m
        if before.endswith(("\n", ".", ":")) or not before:
            return None  # a blank line or a finished sentence above: no opener for this one
        if before.endswith(";") and not _LIST_ITEM.match(low, line):
            return None  # "…;" / "Ủy ban nhân dân tỉnh ban hành …": the list has ended
        pos = line - 1
    return None


# --- documents named inside another document's title -----------------------------------------------
# "Thực hiện Kế hoạch số 24/KH-UBND … của UBND tỉnh thực hiện Nghị quyết số 66-NQ/TW …": the plan
# implements KH 24; NQ 66 is the object of KH 24's title (a citation, not implemented by this plan).

# "…, ", "… và ", "… và hướng dẫn của Bộ Nội vụ tại ": the next item of the same list
_COORD_TAIL = re.compile(
    r"(?:,|;|(?<![a-z])va|(?<![a-z])cung\s*nhu)\s*"
    r"(?:(?:huong\s*dan|chi\s*dao|y\s*kien|de\s*nghi|ket\s*luan)\s+(?:cua\s+[^,;()]{1,80}?\s+)?tai\s*)?$"
)
# "… thực hiện ", "… về việc ", "… ban hành ", "… một số điều của ": the next document is in the title
_NEST_TAIL = re.compile(
    r"(?<![a-z])(?:thuc\s*hien|trien\s*khai|thi\s*hanh|ve\s*viec|ve|ban\s*hanh|phe\s*duyet|cua|"
    r"huong\s*dan|theo|kem\s*theo|bo\s*sung|dieu\s*chinh|so\s*ket|tong\s*ket|tai)\s*$"
)
_ITEM_BREAK = re.compile(r"[;\n]|\.\s")


def _breaks_item(low: str, text: str, start: int, end: int) -> bool:
    """Whether ``low[start:end]`` holds a list break (see :func:`nested_in_titles`)."""
    for m in _ITEM_BREAK.finditer(low, start, end):
        if m.group(0) != "\n" or not text:
            return True
        above = low[start : m.start()].rstrip()
        line = low[low.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()  # the whole line above
        new_item = _SENTENCE_OPENER.match(low, m.end()) or _LIST_ITEM.match(low, m.end())
        wrapped = text[m.end() : end].lstrip(" \t")[:1].islower() or bool(
            _NEST_TAIL.search(above) or _COORD_TAIL.search(above)  # "… về thực hiện" / "Nghị quyết …"
            or len(line) >= FULL_LINE and not new_item)  # "… của Thủ tướng" / "Chính phủ về …"
        if not (above[-1:].isalnum() and wrapped):
            return True  # a new line, not a sentence wrapped onto it
    return False


def nested_in_titles(low: str, items: list[tuple[int, int, str]], text: str = "") -> set[int]:
    """Indices of the numbered documents (``items``: kind-word start, number end, number; in text
    order) that are named inside the title of the document before them, in the same list.

    A document after a list break (";", a new line, a full stop) opens a new item — but not after a
    line break inside a sentence: when ``text`` (the plan as written) shows the next line going on in
    lower case (a wrapped PDF line: "… của Ủy ban nhân dân tỉnh về" / "thực hiện Nghị quyết …"), or
    the line above ends on a word that leads to the next document ("… về thực hiện" / "Nghị quyết …").
    After "," or "và" it is at the level of the one before; after a word that introduces a title's
    object ("thực hiện", "về", "ban hành", "của", "phê duyệt") it is nested; in brackets after a
    title it is the short name of a document already named ("(Nghị quyết số 50/NQ-CP)") and takes
    that one's level.
    """
    nested: set[int] = set()
    level_of: dict[str, bool] = {}
    prev_end: int | None = None
    prev_nested = False
    for i, (start, num_end, number) in enumerate(items):
        if prev_end is None or _breaks_item(low, text, prev_end, start):
            is_nested = False
        else:
            gap = low[prev_end:start]
            if gap.rstrip().endswith("("):
                is_nested = level_of.get(number, prev_nested)
            elif _COORD_TAIL.search(gap):
                is_nested = prev_nested
            elif _NEST_TAIL.search(gap):
                is_nested = True
            else:
                is_nested = prev_nested
        if is_nested:
            nested.add(i)
        level_of.setdefault(number, is_nested)
        prev_end, prev_nested = num_end, is_nested
    return nested
