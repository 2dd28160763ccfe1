"""Reporting duties: who reports to whom, by when, how often.

Read from the reporting part ("Chế độ báo cáo", "Thu thập số liệu và báo cáo") and the
"Tổ chức thực hiện" part. A sentence is a reporting duty when it says "báo cáo" (or "gửi Kế
hoạch/báo cáo về") and names the recipient agency. Reporters are the agencies before the verb,
or the agency whose paragraph it is. Deadlines: "trước ngày 10 tháng 12" / "trước ngày 10/12" →
"--12-10" (recurring), "trước ngày 15/12/2026" → "2026-12-15"; "Định kỳ 6 tháng (trước ngày 10
tháng 6), cả năm (trước ngày 10 tháng 12)" gives two duties. An intermediary "(qua Phòng …)",
"thông qua Sở …" is not a recipient; "… để tổng hợp báo cáo <agency>" chains a second duty from
the recipient. Sentences about problems to raise ("khó khăn, vướng mắc") are not duties.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.deadlines import DEADLINE, read
from kg.extract.records import AgencyRef, ReportingDuty, Responsibility
from kg.extract.reporting.clauses import VIA, clause, find_report, masked_text
from kg.extract.reporting.kinds import with_recurrence
from kg.extract.reporting.subjects import ADVISES, GOVERNS, HEADING, ITEM, opening_agent, subjects
from kg.extract.responsibilities import agency_at
from kg.extract.sections import Section, find_sections
from kg.text.cues import joined
from kg.text.normalize import loose, rstrip_end

_PROBLEM = re.compile(joined("vướng mắc", "kho khăn"))
# "lập dự toán kinh phí báo cáo Sở …": a budget submission, no report
_BUDGET = re.compile(joined("dự toán", "kinh phí"))
_UPPER = "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())  # "Ủ", "Ấ", "Đ" …
# (each alternative checks its first character behind it, after one common class: a search skips
# ahead to the next ".", "!", "?", ";", ":" or line break)
_SENTENCE = re.compile(
    # a sentence end (numbering "2. Sở …" is excluded in _bounds)
    rf"[.!?;:\n](?:(?<=[.!?])\s+(?=[A-Z{_UPPER}*-])"
    # a blank line, unless the sentence goes on in lower case (a page break); "đ) …" is a new item
    rf"|(?<=\n)[ \t]*\n(?=[ \t]*(?:[a-zđ]\)\s|[{_UPPER}]|[^a-zđ\u00e0-\u1ef9]))"
    r"|(?<=[.;:!?])[ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ]\)|\d+\.)\s)"  # a new bullet after a finished line
    r"|(?<=[^\n]\n)(?=[ \t]*[-+•][ \t]))"  # a bullet under a numbered heading (checked in _bounds)
)
_NUMBERING = re.compile(r"(?:^|\n)[ \t]*\d{1,2}$")
_HEADING_LINE = re.compile(r"[ \t*_#]*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\.[ \t]+[^\n]*")


def _bounds(text: str, low: str, start: int, end: int) -> list[int]:
    """Sentence boundaries in ``text[start:end]`` (offsets where a new sentence starts)."""
    out: list[int] = []
    if not find_report(low, start, end):
        return out  # no report verb in the whole part: one chunk is enough (it will be skipped)
    for m in _SENTENCE.finditer(text, start, end):
        first = m.group(0)[0]
        if first in ".!?;:":
            if first == "." and _NUMBERING.search(text, max(0, m.start() - 4), m.start()):
                continue
            out.append(m.start() + 1)
        elif m.group(0) == "\n":  # a bullet right under a line: a boundary only after a heading
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _HEADING_LINE.fullmatch(text, line_start, m.start()):
                out.append(m.start())
        else:
            out.append(m.start())
    return out


def extract_reporting(
    text: str,
    sections: list[Section],
    ctx: UnitContext,
    responsibilities: list[Responsibility],
    warnings: list[str],
) -> list[ReportingDuty]:
    """Reporting duties, in document order, one per (reporters, recipients, deadline)."""
    low = loose(text)
    # the operative parts: a duty to report may stand in a task as well as in "Tổ chức thực hiện"
    parts = [s for k in ("reporting", "organisation", "tasks", "content") for s in find_sections(sections, k)]
    parts = [p for p in parts if not any(o is not p and o.start <= p.start and p.end <= o.end for o in parts)]
    out: list[ReportingDuty] = []
    # the agencies items open with, by item (start, end): read only for a sentence with a report verb
    openings: dict[tuple[int, int], list[AgencyRef]] = {}
    for part in sorted(parts, key=lambda s: s.start):
        pos = part.body_start
        bounds = _bounds(text, low, part.body_start, part.end) + [part.end]
        # a sentence's subject is the agency its item opens with ("2. Sở Nội vụ chịu …"), else its paragraph's
        para_item: tuple[int, int] | None = None
        for i, b in enumerate(bounds):
            if b - pos > 10:
                item = ITEM.match(text, pos)
                # a numbered item opens anew; a bullet has its paragraph's subject unless it names one
                if item:
                    if item.group(0).strip()[:1].isdigit():
                        para_item = (pos, b)
                    subject = ((pos, b), para_item)
                else:
                    subject = (para_item,)
                heading = HEADING.match(text, pos, b)
                if heading:  # "13. Chế độ báo cáo" / "2. Sở Nội vụ" on its own line: not part of the sentence
                    pos = heading.end()
                subject_of = partial(_subject, text, ctx, openings, subject)
                found = _sentence(text, low, pos, b, ctx, responsibilities, subject_of, heading is not None)
                nxt = bounds[i + 1] if i + 1 < len(bounds) else part.end
                out += _with_time_line(found, low, b, nxt)
            pos = b
    return _unique(out)


def _subject(
    text: str, ctx: UnitContext, openings: dict[tuple[int, int], list[AgencyRef]],
    items: tuple[tuple[int, int] | None, ...],
) -> list[AgencyRef]:
    """The agencies an item opens with, for the first of ``items`` (start, end) that opens with any
    (read once per item: memoised in ``openings``)."""
    for at in items:
        if at is not None:
            if at not in openings:
                openings[at] = opening_agent(text, at[0], at[1], ctx)
            if openings[at]:
                return openings[at]
    return []


_TIME_LINE = re.compile(r"[\s\-+•]*thoi\s*(?:gian|han)(?:\s*(?:hoan\s*thanh|thuc\s*hien))?\s*:")


def _with_time_line(duties: list[ReportingDuty], low: str, start: int, end: int) -> list[ReportingDuty]:
    """Duties without a deadline take the one of a "Thời gian hoàn thành: Trước ngày 31/5/2026" sentence
    that follows them."""
    if not duties or any(d.deadline for d in duties) or not _TIME_LINE.match(low, start, end):
        return duties
    m = DEADLINE.search(low, start, end)
    if not m:
        return duties
    deadline, rec = read(m)
    rec = rec or "annual"
    return [replace(d, deadline=deadline, recurrence=rec, kind=with_recurrence(d.kind, rec)) for d in duties]


def _sentence(
    text: str,
    low: str,
    start: int,
    end: int,
    ctx: UnitContext,
    responsibilities: list[Responsibility],
    subject_of: Callable[[], list[AgencyRef]],
    heading: bool = False,
) -> list[ReportingDuty]:
    """The duties of one sentence; ``subject_of()``: the agencies its item or paragraph opens with."""
    s_low = low[start:end]
    first = find_report(s_low)
    if not first or _PROBLEM.search(s_low) or _BUDGET.search(s_low, 0, first.start()):
        return []
    subject = subject_of()
    masked = VIA.sub(lambda m: " " * len(m.group(0)), s_low)
    # the sentence's own subject: agents before its first report verb
    reporters = resolve_agencies(
        masked_text(text, masked, start, first.start()), start, ctx, explicit=True, keep_unknown=False
    )
    opening = ITEM.match(text, start)
    lead_at = opening.end() if opening else start + len(text[start:end]) - len(text[start:end].lstrip())
    if reporters and ADVISES.match(low, lead_at, reporters[0].span[0]):
        # "Tham mưu Ủy ban nhân dân tỉnh … báo cáo Quốc hội": the adviser reports with the committee
        adviser = list(subject) or [a for a in [agency_at(responsibilities, start)] if a]
        reporters = adviser + [r for r in reporters[:1] if r.name not in {a.name for a in adviser}]
    elif reporters and (subject or heading) and GOVERNS.search(low, lead_at, reporters[0].span[0]):
        reporters = []  # "Chủ trì, hướng dẫn các cơ quan, UBND các xã …; báo cáo": objects, not the subject
    reporters = subjects(low, reporters, lead_at)
    if not reporters:
        reporters = list(subject)
    if not reporters:
        owner = agency_at(responsibilities, start)
        reporters = [owner] if owner else []
    span = (start, rstrip_end(text, end))
    duties: list[ReportingDuty] = []
    clause_start = 0
    previous: list[AgencyRef] = []
    for clause_end in [i for i, ch in enumerate(masked) if ch == ";"] + [len(masked)]:
        verb = find_report(masked, clause_start, clause_end)
        if verb:
            found = clause(
                text, masked, start, clause_start, clause_end, verb, reporters, ctx, span, previous,
                tuple(r.agency for r in responsibilities),
            )
            duties += found
            previous = list(found[0].recipient) if found else previous
        clause_start = clause_end + 1
    return duties


def _unique(items: list[ReportingDuty]) -> list[ReportingDuty]:
    """One entry per (reporters, recipients, deadline); a duty restated without its reporter ("Báo cáo
    tổng hợp hằng ngày gửi UBND tỉnh, Ban Chỉ huy …") joins the stated one with the same deadline and a
    common recipient (its recipients are added)."""
    seen: set[tuple[tuple[str, ...], tuple[str, ...], str | None]] = set()
    out: list[ReportingDuty] = []
    for d in items:
        key = (tuple(r.name for r in d.reporter), tuple(r.name for r in d.recipient), d.deadline)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    merged: list[ReportingDuty] = []
    for d in out:
        names = {r.name for r in d.recipient}
        host = None
        if not d.reporter:
            host = next(
                (i for i, o in enumerate(out) if o.reporter and o.deadline == d.deadline
                 and names & {r.name for r in o.recipient}),
                None,
            )
        if host is None:
            merged.append(d)
            continue
        o = out[host]
        extra = tuple(r for r in d.recipient if r.name not in {x.name for x in o.recipient})
        out[host] = replace(o, recipient=o.recipient + extra)
        merged = [out[host] if m is o else m for m in merged]
    return merged
