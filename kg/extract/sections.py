"""Split a plan into its sections (I., II., III. … and their numbered sub-sections).

Vietnamese administrative plans (Kế hoạch) are laid out as: a header (number, place, date,
title), a preamble ("Thực hiện …", "Căn cứ …"), then top-level parts numbered with roman
numerals in capitals ("I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ VÀ GIẢI PHÁP",
"IV. KINH PHÍ THỰC HIỆN", "V. TỔ CHỨC THỰC HIỆN", "VI. CHẾ ĐỘ BÁO CÁO"), each with arabic
sub-sections ("1. Mục tiêu chung", "2.1. …"), and a closing block ("Nơi nhận:", signature).

Tolerated layouts: markdown markers ("## **II. NHIỆM VỤ**", "### 1. Sở Y tế"), OCR'd
numerals ("|. MUC PiCH", "I11. NHIEM VU"), headings without diacritics, and top-level
parts numbered in arabic digits when their title is in capitals ("1. MỤC ĐÍCH").

Usage::

    sections = split_sections(text)
    tasks = find_section(sections, "tasks")        # the top-level "NHIỆM VỤ …" part or None
    for sub in subsections(sections, tasks): ...   # its numbered sub-sections
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.lexicon import agency_at
from kg.text.normalize import fold_keep, loose, roman_value

# Kinds of section, by keywords of the heading (folded, OCR-tolerant).
KINDS = (
    "preamble",
    "purpose",
    "objectives",
    "content",
    "tasks",
    "funding",
    "organisation",
    "reporting",
    "recipients",
    "other",
)

_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("purpose", re.compile(r"muc\s*[dp]ich|yeu\s*cau|quan\s*diem")),
    ("objectives", re.compile(r"muc\s*tieu|chi\s*tieu")),
    ("content", re.compile(r"noi\s*dung\s+(?:thong\s*tin|truyen\s*thong|tuyen\s*truyen)")),
    ("tasks", re.compile(r"nhiem\s*vu|giai\s*phap|hoat\s*dong|noi\s*dung")),
    ("funding", re.compile(r"kinh\s*phi|nguon\s*(?:luc|von)|ngan\s*sach")),
    ("organisation", re.compile(r"to\s*chuc\s*thuc\s*hien|trach\s*nhiem|phan\s*cong")),
    ("reporting", re.compile(r"bao\s*cao|so\s*lieu")),
)


@dataclass(frozen=True)
class Section:
    """A part of the plan: ``text[start:end]`` is the whole part, heading line included.

    kind: one of :data:`KINDS`; a sub-section whose heading names no kind (or is a long
    sentence, not a title) inherits its parent's kind (the sub-sections of "III. NHIỆM VỤ"
    are "tasks").
    heading: the heading line without numbering and markdown ("NHIỆM VỤ VÀ GIẢI PHÁP").
    level: 0 preamble and closing, 1 roman (I., II.), 2 arabic (1.), 3 (2.1.), 4 (2.1.1.).
    number: the numbering as written ("III", "2", "2.1"), "" for preamble/closing.
    body_start: offset just after the heading line (where the content begins).
    """

    kind: str
    heading: str
    start: int
    end: int
    level: int
    number: str = ""
    body_start: int = 0


_LINE = re.compile(r"[^\n]*")
_CANDIDATE_START = r"(?=[ \t#*_>]*(?:[IVXl|1-9A-EP]|N|n))"  # "P": "PHỤ LỤC"
# the same after a line break: a search led by a literal "\n" skips ahead fast (a "^" under re.M
# is tried at every position of the text)
_CANDIDATE = re.compile(r"\n" + _CANDIDATE_START)
_FIRST_CANDIDATE = re.compile(_CANDIDATE_START)
_MARK = r"[ \t#*_>]*"
# roman (with OCR variants of I: "|", "l", "1" after an I) followed by "." or ")"
_ROMAN_HEAD = re.compile(
    _MARK + r"(?:PH[ẦẦA]N\s+)?(?P<num>[IVXl|][IVXl|1]{0,4}|[A-E])\s*[.):]\s*(?P<title>\S.*)$"
)
# "14.000 | …" (a number with a thousands separator, in a table row) is no heading
_ARABIC_HEAD = re.compile(_MARK + r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]\s*(?!\d{3}\b)(?P<title>\S.*)$")
_APPENDIX = re.compile(  # "PHỤ LỤC", "PHỤ LỤC 01", "PHỤ LỤC SỐ II", "PHỤ LỤC I: DANH MỤC …"
    r"[ \t#*_]*PH[ỤU]\s*L[ỤU]C(?:\s+(?:S[ỐO]\s*)?[0-9IVX]{1,4})?[ \t*_.:]*(?:$|[ \t]+[^a-zđ\s])"
)
# the rest of a roman heading on the next line, in capitals, not numbered
_TITLE_GOES_ON = re.compile(r"\n[ \t#*_]*(?P<rest>(?![IVX]+\s*[.):]|\d)[^\n]{3,80}?)[ \t*_]*(?=\n)")
# the last words of a numbered heading wrapped onto the next line (a PDF's text): short, in lower case
# (or after a full-width line), and followed by a new block (a bullet, a number, "a)", a line in
# capitals or a blank line)
_WRAPPED_TAIL = re.compile(
    r"\n[ \t]*(?P<rest>[^\W\d_][^\n]{0,60}?)[ \t]*(?=\n[ \t]*(?:[-+•*]|\d|[a-zđ]\)|[A-ZĐÀ-Ỹ]|\n)|$)"
)
FULL_LINE = 60  # characters: a line this long that stops mid-sentence was wrapped (a PDF's text)
_RECIPIENTS = re.compile(_MARK + r"n[o0]i\s*nh[a-z]{1,3}n?\s*[:*]")
_STRIP = re.compile(r"[*_#`][*_#`]*")  # not [*_#`]+: a search skips ahead to the class
# the title word of a plan on its own line ("KẾ HOẠCH", "**KẾ HOẠCH**"): a plan attached to a decision
_ATTACHED_TITLE = re.compile(r"^[ \t#*_]*K[ẾE]\s*HO[ẠA]CH[ \t*_]*$", re.M)


_NEXT_LINE = re.compile(r"\n[ \t]*(?P<line>(?![-+•*]|\d|[a-zđ]\)|[IVX]+\.)[^\n]+?)[ \t]*(?=\n|$)")


def _wrapped_heading(text: str, line: str, title: str, end: int) -> tuple[str, int]:
    """A numbered heading with the lines it wrapped onto (a PDF's text has no blank line to end it):
    lines going on in lower case, up to four; after a full-width line, a short last line in capitals
    before a new block ("… về nội dung" / "Luật và các văn bản …" / "- …"). Its title and body start."""
    for _ in range(4):
        if line.rstrip(" *_").endswith((".", ":", ";", ",")):
            break
        nxt = _NEXT_LINE.match(text, end)
        if nxt is None:
            break
        words = nxt["line"]
        if not words[:1].islower():
            tail = _WRAPPED_TAIL.match(text, end)
            if not (tail and len(line) >= FULL_LINE and len(tail["rest"]) < 0.8 * len(line)):
                break
        title, end, line = f"{title} {words}", nxt.end("line"), words
    return title, end


def _upper_ratio(title: str) -> float:
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 3:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


def classify(heading: str) -> str:
    """The kind of a heading, by the earliest kind keyword in it; "other" if none."""
    low = loose(heading)
    best, best_pos = "other", len(low) + 1
    for kind, pattern in _KIND_RULES:
        m = pattern.search(low)
        if m and m.start() < best_pos:
            best, best_pos = kind, m.start()
    return best


def _clean(title: str) -> str:
    return " ".join(_STRIP.sub("", title).split()).strip(" :.")  # whitespace runs as one space


def split_sections(text: str) -> list[Section]:
    """All sections of ``text`` in document order (parents before their children).

    Always returns at least one section (a "preamble" spanning the whole text when no
    heading is found). Never raises.
    """
    heads: list[tuple[int, int, int, str, str]] = []  # (start, body_start, level, number, title)
    closings: list[tuple[int, int]] = []  # closing blocks ("Nơi nhận" … signature): (start, end)
    skip_to = 0
    # only lines that start like a heading or "Nơi nhận"
    candidates = [0] if _FIRST_CANDIDATE.match(text) else []
    candidates += [c.end() for c in _CANDIDATE.finditer(text)]
    for c_start in candidates:
        if c_start < skip_to:
            continue
        end = text.find("\n", c_start)
        m = _LINE.match(text, c_start, len(text) if end < 0 else end)
        if m is None:
            continue
        line = m.group(0)
        if line.lstrip(" \t#*_>")[:1] in "Nn" and _RECIPIENTS.match(fold_keep(line)):
            # a decision's closing block may be followed by the plan it issues ("KẾ HOẠCH" on its
            # own line after the signature): that plan's parts are read too
            attached = _ATTACHED_TITLE.search(text, m.end())
            closings.append((m.start(), attached.start() if attached else len(text)))
            if not attached:
                break
            skip_to = attached.start()
            continue
        if _APPENDIX.match(line):  # "PHỤ LỤC 01": the appendix ends the part before it
            heads.append((m.start(), m.end(), 1, "", _clean(line)))
            continue
        r = _ROMAN_HEAD.match(line) if len(line) <= 400 else None
        if r and (roman_value(r["num"]) or r["num"] in "ABCDE") and _upper_ratio(r["title"]) >= 0.7:
            title, body = r["title"], m.end()
            more = _TITLE_GOES_ON.match(text, m.end())  # "**V. TỔ CHỨC**" / "**THỰC HIỆN**"
            if more and _upper_ratio(more["rest"]) >= 0.9:
                title, body = f"{title} {more['rest']}", more.end()
            heads.append((m.start(), body, 1, r["num"], _clean(title)))
            continue
        a = _ARABIC_HEAD.match(line)
        if a:
            num = a["num"]
            level = 2 + num.count(".")
            if level == 2 and not any(h[2] == 1 for h in heads) and _upper_ratio(a["title"]) >= 0.85:
                level = 1  # top-level parts numbered in arabic digits, titles in capitals
            title, body = _wrapped_heading(text, line, a["title"], m.end())
            heads.append((m.start(), body, level, num, _clean(title[:300])))
    sections: list[Section] = []
    closing = closings[0][0] if closings else len(text)
    first = min(heads[0][0], closing) if heads else closing
    if first > 0:
        sections.append(Section("preamble", "", 0, first, 0, "", 0))
    parent_kind: dict[int, str] = {}
    # the next heading of the same or a higher level, for each heading (one pass from the end: a scan
    # of the headings after each one is quadratic)
    next_head: list[int | None] = [None] * len(heads)
    stack: list[int] = []
    for i in range(len(heads) - 1, -1, -1):
        while stack and heads[stack[-1]][2] > heads[i][2]:
            stack.pop()
        next_head[i] = heads[stack[-1]][0] if stack else None
        stack.append(i)
    for i, (start, body, level, num, title) in enumerate(heads):
        end = next_head[i]
        if end is None:
            end = next((c0 for c0, _ in closings if c0 > start), len(text))
        kind = classify(title) if level <= 1 or len(title.split()) <= 8 else "other"
        if kind == "other" and level > 1:
            kind = next((parent_kind[lv] for lv in range(level - 1, 0, -1) if lv in parent_kind), "other")
        parent_kind[level] = kind
        for deeper in [lv for lv in parent_kind if lv > level]:
            del parent_kind[deeper]
        sections.append(Section(kind, title, start, end, level, num, body))
    for c0, c1 in closings:
        sections.append(Section("recipients", "Nơi nhận", c0, c1, 0, "", c0))
        if c1 < len(text):  # the attached plan's title, up to its first part
            nxt = next((h[0] for h in heads if h[0] >= c1), len(text))
            sections.append(Section("preamble", "", c1, nxt, 0, "", c1))
    sections.sort(key=lambda s: (s.start, s.level))
    return _by_agency(sections)


# an item headed by an agency ("1.2. Sở Tài chính", "Ủy ban nhân dân các xã", "Trưởng Ban Chỉ đạo")
# or by whose duty it is ("Trách nhiệm của …", "Nhiệm vụ của …")
_DUTY_HEAD = re.compile(
    r"(?:trach\s*nhiem|nhiem\s*vu)\s+cua\s|(?:de\s*nghi\s*:?\s*)?"
    r"(?:cac\s+(?:so|ban|nganh|co\s*quan|don\s*vi|phong|to\s*chuc|doan\s*the|hoi|doanh\s*nghiep|truong|"
    r"dia\s*phuong|xa|phuong|trung\s*tam|tram|cong\s*chuc)(?![a-z])|truong\s+(?:ban|cac|thon|khu|to)(?![a-z]))"
)
_NOTE = re.compile(r"\([^()]*\)?")


# "Đề nghị Ủy ban Mặt trận …": a request to a body outside the committee's command, still a heading of who
_REQUEST = re.compile(r"de\s*nghi\s*:?\s+")
# "Sở, ban, ngành liên quan": the collective written without "các"
_BARE_COLLECTIVE = re.compile(
    r"(?:so|ban|nganh|co\s*quan|don\s*vi)\s*,\s*(?:ban|nganh|don\s*vi|dia\s*phuong)(?![a-z])"
)


def _agency_headed(heading: str) -> bool:
    # "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình": agencies listed, the first one read
    bare = _NOTE.sub("", heading).split(";")[0]
    if len(bare.split()) > 12:
        return False  # a sentence, not a heading naming who
    folded = fold_keep(bare.strip(" *_"))
    request = _REQUEST.match(folded)
    at = request.end() if request else 0
    return (
        bool(_DUTY_HEAD.match(folded) or _BARE_COLLECTIVE.match(folded, at))
        or agency_at(folded, at) is not None
    )


def _by_agency(sections: list[Section]) -> list[Section]:
    """A "tasks" (or unclassified) part whose items are headed by agencies ("IV. NHIỆM VỤ CỤ THỂ" /
    "1.1. Sở Tài chính …") assigns duties per agency: it is read as "organisation" (everything in it)."""
    out = list(sections)
    for part in sections:
        if part.kind not in ("tasks", "other") or any(
            o.kind == part.kind and o.level < part.level and o.start <= part.start < o.end for o in sections
        ):
            continue
        items = subsections(sections, part)
        while len(items) == 1:  # "1. Nhiệm vụ của thành viên Ban Chỉ đạo" / "1.1 …", "1.2 …"
            items = subsections(sections, items[0])
        if len(items) < 2 or 3 * sum(_agency_headed(s.heading) for s in items) < 2 * len(items):
            continue
        for j, s in enumerate(sections):
            if part.start <= s.start < part.end and s.level >= part.level:
                out[j] = replace(s, kind="organisation")
    return out


def find_section(sections: list[Section], kind: str) -> Section | None:
    """The first section of ``kind`` at the highest level (roman part before its sub-sections)."""
    found = [s for s in sections if s.kind == kind]
    if not found:
        return None
    top = min(s.level for s in found)
    return next(s for s in found if s.level == top)


def find_sections(sections: list[Section], kind: str) -> list[Section]:
    """Every top-most section of ``kind`` (a plan may have two "báo cáo" parts)."""
    found = [s for s in sections if s.kind == kind]
    return [s for s in found if not any(o is not s and o.start <= s.start and s.end <= o.end for o in found)]


def subsections(sections: list[Section], parent: Section, level: int | None = None) -> list[Section]:
    """Sections nested inside ``parent``: its direct children (or all of ``level``)."""
    inner = [s for s in sections if parent.start < s.start < parent.end and s.level > parent.level]
    if not inner:
        return []
    want = level if level is not None else min(s.level for s in inner)
    return [s for s in inner if s.level == want]


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The innermost section containing ``offset``."""
    best: Section | None = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best
