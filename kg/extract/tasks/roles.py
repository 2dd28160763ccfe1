"""Role lines of a task ("Cơ quan chủ trì: …", "Đơn vị phối hợp: …", "Thời gian thực hiện: …") and what
their bodies name.

A lead line lists the leads ("Đơn vị chủ trì: Sở Tư pháp; các cơ quan, đơn vị"), or says it in a
sentence: "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ngành và báo, đài" (the agencies
before "chủ trì" lead, those after "phối hợp với" are partners, generic ones included), or in bullets,
one per agency ("+ Sở Văn hóa và Thể thao chủ trì, phối hợp …", "+ Sở Xây dựng đăng tải …": the subject
of each bullet leads).
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef
from kg.extract.tasks.labels import LEAD_LABEL, PARTNER_LABEL, TIME_LABEL
from kg.text.cues import ANY_SPACE, after_non_letter, cue, joined
from kg.text.normalize import loose

ROLE = re.compile(
    # "-", "b)" before a role label; several on one line after ";", or in brackets "(Cơ quan chủ trì: …)"
    r"(?:^|(?<=[;(]))[ \t*_]*(?:[-+•]|[a-z]\))?[ \t]*"
    rf"(?:(?P<lead>{LEAD_LABEL})|(?P<partner>{PARTNER_LABEL})|(?P<time>{TIME_LABEL}))"
    r"[ \t*_]*:[ \t*_]*",
    re.M,
)
_BLANK_THEN_ITEM = re.compile(r"\n[ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ¢]\)|\d+\.)\s)")
_LINE_THEN_ITEM = re.compile(r"\n(?=[ \t]*(?:[-+•]|[a-zđ¢]\)|\d+\.)\s)")
_WRAPPED_TAIL = re.compile(r"\n[ \t]*\n[ \t]*([a-zđ][^\n:]{0,60})(?=\n|$)")  # "… địa phương\n\nliên quan."
_NOTE = re.compile(r"\([^()]*\)")
# the other fields of a task block, on their own line
_FIELD = re.compile(
    r"\n[ \t*_]*(?:[-+•]|[a-z]\))?[ \t]*"
    + joined("sản phẩm", "kết quả", "kinh phí", "nội dung", "hình thức", "địa điểm", "ghi chú", "dự kiến")
    + r"[^\n:]{0,30}:"
)
# (?<![a-z]) each, written after the first letter (kg/text/cues.py): a search skips ahead to that letter
_CHU_TRI = re.compile(after_non_letter(cue("chủ tri", space=ANY_SPACE)) + r"(?![a-z])")
_WITH = re.compile(  # "phối hợp (chặt chẽ) (với)"
    after_non_letter(joined("phối hợp")) + r"(?:\s*" + joined("chat che") + r")?"
    r"(?:\s*" + joined("với") + r")?\s*"
)
_JOINS = re.compile(  # "… phối hợp thực hiện" (no "với"): those named before it are the partners
    after_non_letter(joined("phối hợp")) + r"\s*"
    + joined("thực hiện", "triển khai", "tổ chức") + r"(?![a-z])"
)
_BULLETS = re.compile(r"(?:^|\n)[ \t]*[-+•][ \t]+")
_OPENER = 25  # characters: an adverbial before the first agent of a clause
_CLAUSE_END = re.compile(r"[;.]\s")
_LIST_GAP = re.compile(r"[\s,]*(?:(?:va|cung|hoac)\s+)?")  # on folded text: "và", OCR "va"
_VERB = re.compile(r"\s[a-zđ\u00e0-\u1ef9]")  # a lower-case word: the verb after the subject


def role_body(text: str, start: int, end: int) -> str:
    """The body of a role line, ``text[start:end]`` (``end``: the next role line) cut at a blank line,
    or at a blank line before a new item; it goes on over a blank line into a short lower-case tail
    (a hard wrap: "… địa phương\n\nliên quan."). Same offsets as the text (notes blanked)."""
    body = _own_lines(text[start:end])
    first = body.split("\n", 1)[0].strip(" \t*_")
    if first and not first.endswith(":"):
        # the body is on the label's line: an item on a later line starts the next task, blank line
        # before it or not (a clean text writes one paragraph per line, with no blank lines)
        item = _LINE_THEN_ITEM.search(body)
        if item:
            body = body[: item.start()]
    cut = _BLANK_THEN_ITEM.search(body)
    if cut and body[: cut.start()].strip():  # a label alone on its line: its bullets are the body
        body = body[: cut.start()]
    elif cut:
        return _mask_notes(body.rstrip())
    para = body.find("\n\n")
    if para >= 0:
        keep = para
        tail = _WRAPPED_TAIL.match(body, keep)
        while tail:
            keep = tail.end()
            tail = _WRAPPED_TAIL.match(body, keep)
        body = body[:para] + body[para:keep].replace("\n", " ")
    return _mask_notes(body.rstrip())


def _own_lines(body: str) -> str:
    """A role line's text up to the next field of the task block ("- Sản phẩm: …", "- Kết quả đầu ra: …")
    or the bracket that closes a role written in brackets ("(Cơ quan chủ trì: Sở A; thời gian: 2026)")."""
    field = _FIELD.search(loose(body))
    if field:
        body = body[: field.start()]
    depth = 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return body[:i]
            depth -= 1
    return body


def _mask_notes(body: str) -> str:
    """Blank out parenthetical notes ("Phòng X (Tháng hành động …)"), keeping offsets."""
    return _NOTE.sub(lambda m: " " * len(m.group(0)), body)


def lead_line(body: str, offset: int, ctx: UnitContext) -> tuple[list[AgencyRef], list[AgencyRef]]:
    """(leads, partners) of a lead line's body (which starts at ``offset`` in the plan)."""
    if "\n" not in body.strip():
        return _sentence(body, offset, ctx, single=True)
    leads: list[AgencyRef] = []
    partners: list[AgencyRef] = []
    marks = list(_BULLETS.finditer(body))
    if not marks:
        return _sentence(body, offset, ctx, single=True)
    starts = [m.end() for m in marks]
    ends = [m.start() for m in marks[1:]] + [len(body)]
    if body[: starts[0]].strip(" -+•\n"):
        starts.insert(0, 0)
        ends.insert(0, marks[0].start())
    for s, e in zip(starts, ends, strict=True):
        lo, pa = _sentence(body[s:e], offset + s, ctx, single=False)
        leads += lo
        partners += pa
    return leads, partners


def _sentence(
    body: str, offset: int, ctx: UnitContext, single: bool
) -> tuple[list[AgencyRef], list[AgencyRef]]:
    low = loose(body)
    chu_tri = _CHU_TRI.search(low)
    joins = _JOINS.search(low, chu_tri.end() if chu_tri else 0)
    if joins:  # "Sở A (chủ trì); Hội B phối hợp thực hiện": the clause before "phối hợp thực hiện" partners
        cut = max(low.rfind(";", 0, joins.start()) + 1, chu_tri.end() if chu_tri else 0)
        if cut:
            lead_end = chu_tri.start() if chu_tri else cut
            leads = resolve_agencies(body[:lead_end], offset, ctx, explicit=True)
            partners = resolve_agencies(body[cut : joins.start()], offset + cut, ctx, explicit=True)
            return leads, partners
    with_ = _WITH.search(low, chu_tri.end() if chu_tri else 0)
    if chu_tri or with_:
        lead_end = chu_tri.start() if chu_tri else with_.start()  # type: ignore[union-attr]
        leads = resolve_agencies(body[:lead_end], offset, ctx, explicit=True)
        partners = []
        if with_:
            partners = resolve_agencies(body[with_.end() :], offset + with_.end(), ctx, explicit=True)
        return leads, partners
    refs = resolve_agencies(body, offset, ctx, explicit=True)
    if single:
        return _clause_subjects(body, offset, refs), []
    if not refs:
        return refs, []
    # a bullet "Sở Xây dựng đăng tải …": its subject, the agencies before the first verb
    verb = _VERB.search(body, refs[0].span[1] - offset)
    stop = offset + (verb.start() if verb else len(body))
    return [r for r in refs if r.span[1] <= stop], []


def _clause_subjects(body: str, offset: int, refs: list[AgencyRef]) -> list[AgencyRef]:
    """The leads of a lead line: in each of its clauses (";", "."), the agencies listed from the first
    one on ("Sở A; Sở B và các sở, ngành liên quan"); an agency after the clause's verb is its object
    ("Sở A tiến hành rà soát …, báo cáo Chủ tịch UBND tỉnh": only Sở A)."""
    out: list[AgencyRef] = []
    last: AgencyRef | None = None
    clause_at = 0
    low = loose(body)
    for r in refs:
        cut = _CLAUSE_END.search(body, clause_at, r.span[0] - offset)
        while cut:  # a new clause between the last agency and this one
            last, clause_at = None, cut.end()
            cut = _CLAUSE_END.search(body, clause_at, r.span[0] - offset)
        at = r.span[0] - offset
        opens = last is None and at - clause_at <= _OPENER  # "Đồng thời, các sở …"
        if opens or (last is not None and _LIST_GAP.fullmatch(low, last.span[1] - offset, at)):
            out.append(r)
            last = r
    return out


def role_kind(m: re.Match[str]) -> str:
    return "lead" if m["lead"] else "partner" if m["partner"] else "time"


_EMPTY = re.compile(r"[\s*_]*")


_ROLE_AFTER = re.compile(r"[\n;(]")  # what a role label follows (or the text's start)


def _roles(low: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(ROLE.finditer(low, start, end))``, ROLE tried only where it can start (the text's start,
    after a line break, ";" or "("): a search would try it at every position."""
    if low.find(":", start, end) < 0:  # every role label has its colon
        return []
    out: list[re.Match[str]] = []
    pos = start
    candidates = [0] if start == 0 else []
    candidates += [m.end() for m in _ROLE_AFTER.finditer(low, max(0, start - 1), end)]
    for p in candidates:
        if pos <= p < end:
            m = ROLE.match(low, p, end)
            if m:  # never empty (a label and its colon): the next search starts at its end
                out.append(m)
                pos = m.end()
    return out


def role_lines(text: str, low: str, start: int, end: int) -> list[re.Match[str]]:
    """The role lines of ``text[start:end]`` (``low``: its :func:`loose` form). A label alone on its
    line that only heads the role lines below it ("b) Cơ quan thực hiện:" / "- Đơn vị chủ trì: …" /
    "- Đơn vị phối hợp: …") names nobody: it is left out."""
    roles = _roles(low, start, end)
    return [
        r
        for r, nxt in zip(roles, [*roles[1:], None], strict=False)
        if nxt is None or role_kind(nxt) == "time" or not _EMPTY.fullmatch(text, r.end(), nxt.start())
    ]


__all__ = ["ROLE", "lead_line", "role_body", "role_kind", "role_lines", "PARTNER_LABEL", "TIME_LABEL"]
