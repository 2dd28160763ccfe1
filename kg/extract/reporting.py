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
from dataclasses import replace

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.deadlines import DEADLINE, MORE, has_year, month_of, read
from kg.extract.records import AgencyRef, ReportingDuty, Responsibility
from kg.extract.recurrence import REPORTING, first_recurrence, nearest_recurrence
from kg.extract.responsibilities import agency_at
from kg.extract.sections import Section, find_sections
from kg.text.cues import joined
from kg.text.normalize import loose

_REPORT_VERB = joined("báo cáo")
_SEND = joined("gui", "gwi")  # "gửi" written plain: "gọi", "giải" are no sending
_REPORT = re.compile(
    _REPORT_VERB + "|" + _SEND + r"\s+(?:" + joined("kế hoạch") + "|" + joined("ve") + r"\s)"
    # "gửi Sở Nội vụ trước ngày …": sending to an agency by a deadline
    + r"|(?P<send>" + _SEND + r"\s+)(?=" + joined("so", "phong", "bo", "uy ban", "ubnd", "van phong") + r"\s)"
)
_PROBLEM = re.compile(joined("vướng mắc", "kho khăn"))
_BUDGET = re.compile(joined("dự toán", "kinh phí"))  # "lập dự toán kinh phí báo cáo Sở …": a budget, no report
_SENTENCE = re.compile(
    r"[.!?]\s+(?=[A-ZĐÂĂÊÔƠƯ*-])"  # sentence end (numbering "2. Sở …" is excluded in _bounds)
    # a blank line, unless the sentence goes on in lower case (a page break); "đ) …" is a new item
    r"|\n[ \t]*\n(?=[ \t]*(?:[a-zđ]\)\s|[^a-zđ\u00e0-\u1ef9]))"
    r"|[.;:!?][ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ]\)|\d+\.)\s)"  # a new bullet after a finished line
)
_NUMBERING = re.compile(r"(?:^|\n)[ \t]*\d{1,2}$")


def _bounds(text: str, low: str, start: int, end: int) -> list[int]:
    """Sentence boundaries in ``text[start:end]`` (offsets where a new sentence starts)."""
    out: list[int] = []
    if not _REPORT.search(low, start, end):
        return out  # no report verb in the whole part: one chunk is enough (it will be skipped)
    for m in _SENTENCE.finditer(text, start, end):
        first = m.group(0)[0]
        if first in ".!?;:":
            if first == "." and _NUMBERING.search(text, max(0, m.start() - 4), m.start()):
                continue
            out.append(m.start() + 1)
        else:
            out.append(m.start())
    return out


_VIA = re.compile(
    r"\(\s*(?:qua|thong\s*qua|quan|dong\s*gui)\s[^)]*\)"  # "(qua Sở …)", "(đồng gửi …)": not recipients
    r"|(?:thong\s*qua|(?<!ket )\bqua)\s+[^,;.()]{3,80}?(?=\s+de\s|[,;.]|$)"
)
_THEN = re.compile(  # "… để (tổng hợp (chung) để) báo cáo <agency>"
    r"\s+de\s+(?:tong\s*hop[\s,]*(?:chung\s*)?(?:de\s+)?)?" + _REPORT_VERB + r"\s+"
)


def extract_reporting(
    text: str,
    sections: list[Section],
    ctx: UnitContext,
    responsibilities: list[Responsibility],
    warnings: list[str],
) -> list[ReportingDuty]:
    """Reporting duties, in document order, one per (reporters, recipients, deadline)."""
    low = loose(text)
    parts = find_sections(sections, "reporting") + find_sections(sections, "organisation")
    out: list[ReportingDuty] = []
    for part in sorted(parts, key=lambda s: s.start):
        pos = part.body_start
        bounds = _bounds(text, low, part.body_start, part.end) + [part.end]
        subject: list[AgencyRef] = []  # the agency a numbered item opens with ("2. Sở Nội vụ chịu …")
        para_subject: list[AgencyRef] = []
        for i, b in enumerate(bounds):
            if b - pos > 10:
                item = _ITEM.match(text, pos)
                if item:  # a numbered item opens anew; a bullet has its paragraph's subject unless it names one
                    opening = _opening_agent(text, pos, b, ctx)
                    if item.group(0).strip()[:1].isdigit():
                        para_subject = opening
                    subject = opening or para_subject
                else:
                    subject = para_subject
                heading = _HEADING.match(text, pos, b)
                if heading:  # "13. Chế độ báo cáo" / "2. Sở Nội vụ" on its own line: not part of the sentence
                    pos = heading.end()
                found = _sentence(text, low, pos, b, ctx, responsibilities, subject, heading is not None)
                nxt = bounds[i + 1] if i + 1 < len(bounds) else part.end
                out += _with_time_line(found, low, b, nxt)
            pos = b
    return _unique(out)


_GOVERNS = re.compile(  # verbs whose object is an agency ("hướng dẫn các xã", "tham mưu UBND xã")
    r"(?<![a-z])(?:huong\s*dan|don\s*doc|chi\s*dao|chu\s*tri|phoi\s*hop|tham\s*muu|giao|yeu\s*cau|de\s*nghi|"
    r"giup|la)(?![a-z])"  # "Là cơ quan thường trực giúp UBND huyện …": the paragraph's agency is the subject
)
_ITEM = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s")
_ADVISES = re.compile(r"[\s\-+•*]*(?:[a-zđ]\)\s*)?tham\s*muu(?:\s*,\s*(?:de\s*xuat|giup))?\s+")
_DIRECTS = re.compile(r"\s+(?:chi\s*dao|giao)\s+")
_DOES = re.compile(r"\s+(?:thuc\s*hien|trien\s*khai)")
_OBJECT = re.compile(
    r"(?<![a-z])(?:cho|voi|den|toi|tai|cua|tu|don\s*doc|huong\s*dan|chi\s*dao|yeu\s*cau|giup|kiem\s*tra|"
    r"giam\s*sat|thong\s*bao|cung\s*cap)\s+(?:cac\s+)?$"
)
_LIST_GAP = re.compile(r"\s*(?:,|va|;)?\s*(?:cac\s+)?")
_HEADING = re.compile(  # a numbered heading line followed by a new sentence (not a wrapped line)
    r"\s*[#*_]*[ \t]*(?:[IVX]+|\d{1,2})\.[ \t]+[^\n.;:,]{2,90}?[ \t*_]*\n(?=[ \t]*(?:[-+•*]|[a-zđ]\)|[A-ZĐ]))"
)


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
    return [replace(d, deadline=deadline, recurrence=rec or "annual") for d in duties]


def _opening_agent(text: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    m = _ITEM.match(text, start)
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
    return refs[:1]


def _subjects(low: str, reporters: list[AgencyRef], lead_at: int) -> list[AgencyRef]:
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


def _sentence(
    text: str,
    low: str,
    start: int,
    end: int,
    ctx: UnitContext,
    responsibilities: list[Responsibility],
    subject: list[AgencyRef],
    heading: bool = False,
) -> list[ReportingDuty]:
    s_low = low[start:end]
    first = _REPORT.search(s_low)
    if not first or _PROBLEM.search(s_low) or _BUDGET.search(s_low, 0, first.start()):
        return []
    masked = _VIA.sub(lambda m: " " * len(m.group(0)), s_low)
    # the sentence's own subject: agents before its first report verb
    reporters = resolve_agencies(
        _masked_text(text, masked, start, first.start()), start, ctx, explicit=True, keep_unknown=False
    )
    opening = _ITEM.match(text, start)
    lead_at = opening.end() if opening else start + len(text[start:end]) - len(text[start:end].lstrip())
    if reporters and (subject or heading) and _GOVERNS.search(low, lead_at, reporters[0].span[0]):
        reporters = []  # "Chủ trì, hướng dẫn các cơ quan, UBND các xã …; báo cáo": objects, not the subject
    reporters = _subjects(low, reporters, lead_at)
    if reporters and _ADVISES.match(low, lead_at, reporters[0].span[0]):
        # "Tham mưu Ủy ban nhân dân tỉnh … báo cáo Quốc hội": the adviser reports with the committee
        adviser = list(subject) or [a for a in [agency_at(responsibilities, start)] if a]
        reporters = adviser + [r for r in reporters if r.name not in {a.name for a in adviser}]
    if not reporters:
        reporters = list(subject)
    if not reporters:
        owner = agency_at(responsibilities, start)
        reporters = [owner] if owner else []
    span = (start, len(text[:end].rstrip()))
    duties: list[ReportingDuty] = []
    clause_start = 0
    previous: list[AgencyRef] = []
    for clause_end in [i for i, ch in enumerate(masked) if ch == ";"] + [len(masked)]:
        verb = _REPORT.search(masked, clause_start, clause_end)
        if verb:
            found = _clause(
                text, masked, start, clause_start, clause_end, verb, reporters, ctx, span, previous
            )
            duties += found
            previous = list(found[0].recipient) if found else previous
        clause_start = clause_end + 1
    return duties


def _clause(
    text: str,
    masked: str,
    start: int,
    clause_start: int,
    clause_end: int,
    first: re.Match[str],
    reporters: list[AgencyRef],
    ctx: UnitContext,
    span: tuple[int, int],
    previous: list[AgencyRef] | None = None,
) -> list[ReportingDuty]:
    """Duties of one clause (between ";") that has a report verb; ``previous``: the recipients of
    the sentence's clause before, for a clause that names none."""
    then = _THEN.search(masked, first.end(), clause_end)
    main_end = then.start() if then else clause_end
    recipients = _recipients(text, masked, start, first, main_end, ctx)
    if first["send"] and not DEADLINE.search(masked, clause_start, clause_end):
        return []  # "gửi Sở Tư pháp thẩm định": sending a draft is no report without a deadline
    if not recipients and previous and DEADLINE.search(masked, first.end(), clause_end):
        recipients = previous  # "báo cáo A trước ngày 5/12; báo cáo sơ kết trước ngày 30/10/2025": same A
    if not recipients:
        return []
    names = {x.name for x in recipients}
    who = tuple(r for r in reporters if r.name not in names)
    if not who and reporters:
        return []  # an agency reporting to itself: a misread
    deadlines: list[re.Match[str]] = []
    for d in DEADLINE.finditer(masked, clause_start, clause_end):
        deadlines.append(d)
        more = MORE.match(masked, d.end())  # "trước ngày 10/6 và ngày 10/12", "trước ngày 01/6 và 15/11"
        if more:
            deadlines.append(more)
    general = first_recurrence(masked[clause_start:clause_end], REPORTING)
    # "10/6 và 10/12 hằng năm": a half-year report and a year report
    half_and_full = (
        len(deadlines) == 2
        and not any(has_year(d) for d in deadlines)
        and 5 <= month_of(deadlines[0]) <= 7
        and 11 <= month_of(deadlines[1]) <= 12
    )
    upper: list[AgencyRef] = []
    if then:
        chain_end = _CHAIN_END.search(masked, then.end(), clause_end)
        c_end = chain_end.start() if chain_end else clause_end
        upper = _agents(text, start + then.end(), start + c_end, masked, start, ctx)
    # "A tổng hợp báo cáo B để báo cáo C trước ngày X": a deadline after the chained report is its deadline,
    # and A (who drafts) and B (who sends) both report
    chained = [d for d in deadlines if then and upper and d.start() >= then.end()]
    own = [d for d in deadlines if d not in chained]
    duties = []
    if not own and not chained:
        periodic = _PERIODIC.search(masked, clause_start, first.end())
        duties.append(ReportingDuty(who, tuple(recipients), None, general if periodic else None, None, span))
    for d in own + chained:
        deadline, rec = read(d)
        if rec is None:
            near = masked[max(clause_start, d.start() - 30) : d.start()]
            rec = nearest_recurrence(near) or general or "annual"
            if half_and_full and not nearest_recurrence(near):
                rec = "semiannual" if d is deadlines[0] else "annual"
        if d in chained:
            senders = tuple(dict.fromkeys(who + tuple(recipients[:1])))
            duties.append(ReportingDuty(senders, tuple(upper), deadline, rec, None, span))
        else:
            duties.append(ReportingDuty(who, tuple(recipients), deadline, rec, None, span))
    if upper and not chained:
        duties.append(ReportingDuty(tuple(recipients[:1]), tuple(upper), None, None, None, span))
    return duties


_PERIODIC = re.compile(r"dinh\s*ky|hang\s*nam|hang\s*quy")
_CHAIN_END = re.compile(r"\s(?:theo|xem\s*xet|de)\s|[;.(]")


_RESULTS = re.compile(r"ket\s*qua\s+(?:thuc\s*hien\s+)?")
_VERB_THEN_SPACE = re.compile(_REPORT_VERB + r"\s+")
_MARKER = re.compile(r"\s" + joined("ve", "len", "gui", "cho") + r"\s+")  # "về", "lên", "gửi", "cho" <agency>


def _recipients(
    text: str, masked: str, base: int, first: re.Match[str], main_end: int, ctx: UnitContext
) -> list[AgencyRef]:
    """Agencies after "về/lên" following the report verb, else right after "báo cáo"."""
    marker = _MARKER.search(masked, first.end(), main_end)
    if first.group(0).rstrip().endswith(("ve", "v€")) or first["send"]:  # "gửi (về) <agency>"
        marker = first
    if marker:
        s = marker.end()
    else:
        verbs = list(_VERB_THEN_SPACE.finditer(masked[:main_end]))
        if not verbs:
            return []
        s = verbs[-1].end()
        what = _RESULTS.match(masked, s, main_end)  # "báo cáo kết quả (thực hiện) Ủy ban nhân dân tỉnh"
        s = what.end() if what else s
    stop = re.search(
        r"\s(?:de|theo|truoc|ket\s*qua|dinh\s*ky|xem\s*xet|tinh\s*hinh)\s|[;(]|\.\s|\*|$", masked[s:main_end]
    )
    e = s + (stop.start() if stop else main_end - s)
    refs = _agents(text, base + s, base + e, masked, base, ctx)
    if refs and not marker and refs[0].span[0] - (base + s) > 2:
        return []
    return refs


def _masked_text(text: str, masked: str, base: int, end: int) -> str:
    """``text[base:base+end]`` with the parts blanked in ``masked`` (intermediaries) blanked too."""
    original = text[base : base + end]
    out = []
    pos = 0
    for m in _BLANKS.finditer(masked, 0, end):
        if original[m.start() : m.end()].strip():
            out.append(original[pos : m.start()])
            out.append(" " * (m.end() - m.start()))
            pos = m.end()
    out.append(original[pos:])
    return "".join(out)


_BLANKS = re.compile(r" {2,}")


def _agents(text: str, s: int, e: int, masked: str, base: int, ctx: UnitContext) -> list[AgencyRef]:
    chunk = _masked_text(text, masked, base, e - base)[s - base :]
    refs = resolve_agencies(chunk, s, ctx, explicit=False)
    return [r for r in refs if not r.is_group or r.orgtype == "peoples-committee"]


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
