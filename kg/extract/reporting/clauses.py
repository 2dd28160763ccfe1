"""One clause of a reporting sentence: its recipients (after "về", "lên", "gửi", "cho" or right after
"báo cáo"), its deadlines, and the onward report of a collecting agency ("… để tổng hợp báo cáo Y")."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.deadlines import DEADLINE, MORE, has_year, month_of, read
from kg.extract.records import AgencyRef, ReportingDuty
from kg.extract.recurrence import REPORTING, first_recurrence, nearest_recurrence
from kg.extract.reporting.kinds import duty_kind
from kg.text.cues import joined
from kg.text.normalize import loose

REPORT_VERB = joined("báo cáo") + r"(?!\s*vien)"  # "báo cáo viên" (a speaker) is no report
_SEND = joined("gui", "gwi")  # "gửi" written plain: "gọi", "giải" are no sending
REPORT = re.compile(
    # "gửi Kế hoạch về …", "gửi về …", "gửi kết quả (rà soát) về …"
    REPORT_VERB + "|" + _SEND + r"\s+(?:" + joined("kế hoạch", "kết quả") + "|" + joined("ve") + r"\s)"
    # "gửi Sở Nội vụ trước ngày …": sending to an agency by a deadline
    + r"|(?P<send>" + _SEND + r"\s+)(?=" + joined("so", "phong", "bo", "uy ban", "ubnd", "van phong") + r"\s)"
)
# what every match of REPORT starts with ("bao c…", "gui "): a search for it skips ahead fast
_REPORT_START = re.compile(r"b[a-z0-9']{1,2}o\s*c|g[uw]i\s")


def find_report(low: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``REPORT.search(low, pos, endpos)``, tried only where REPORT can match: where _REPORT_START
    matches (a fast search; REPORT has no look-behind, so a match there is the one a search finds)."""
    end = len(low) if endpos is None else endpos
    while True:
        start = _REPORT_START.search(low, pos, end)
        if start is None:
            return None
        m = REPORT.match(low, start.start(), end)
        if m:
            return m
        pos = start.start() + 1


_VIA_REST = r"\s+[^,;.()]{3,80}?(?=\s+(?:de|truoc|theo|dinh\s*ky)\s|[,;.]|$)"
VIA = re.compile(
    r"\(\s*(?:qua|thong\s*qua|quan|dong\s*gui)\s[^)]*\)"  # "(qua Sở …)", "(đồng gửi …)": not recipients
    # "thông qua Sở Tư pháp trước ngày 15 hằng tháng": the deadline after the intermediary stays
    # (each alternative starts with a character, its look-behinds after it: a search skips ahead)
    r"|thong\s*qua" + _VIA_REST + r"|q(?<!ket q)(?<!\wq)ua" + _VIA_REST
)
_THEN = re.compile(  # "… để (tổng hợp (chung) để) báo cáo <agency>"
    r"\s+de\s+(?:tong\s*hop[\s,]*(?:chung\s*)?(?:de\s+)?)?" + REPORT_VERB + r"\s+"
)


def clause(
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
    agents: tuple[AgencyRef, ...] = (),
) -> list[ReportingDuty]:
    """Duties of one clause (between ";") that has a report verb; ``previous``: the recipients of
    the sentence's clause before, for a clause that names none; ``agents``: the plan's agents of
    "Tổ chức thực hiện" (a recipient named as one of them, without "các", is that agent)."""
    then = _THEN.search(masked, first.end(), clause_end)
    main_end = then.start() if then else clause_end
    recipients = _recipients(text, masked, start, first, main_end, ctx, agents)
    if first["send"] and not DEADLINE.search(masked, clause_start, clause_end):
        return []  # "gửi Sở Tư pháp thẩm định": sending a draft is no report without a deadline
    if not recipients and previous and DEADLINE.search(masked, first.end(), clause_end):
        recipients = previous  # "báo cáo A trước ngày 5/12; báo cáo sơ kết trước ngày 30/10/2025": same A
    if not recipients:
        return []
    names = {x.name for x in recipients} | {x.name.removeprefix("Chủ tịch ") for x in recipients}
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
    what = masked[clause_start:clause_end]
    return [replace(d, kind=duty_kind(what, d.recurrence)) for d in duties]


_PERIODIC = re.compile(r"dinh\s*ky|hang\s*nam|hang\s*quy")
_CHAIN_END = re.compile(r"\s(?:theo|xem\s*xet|de)\s|[;.(]")


_RESULTS = re.compile(r"ket\s*qua\s+(?:thuc\s*hien\s+)?")
_VERB_THEN_SPACE = re.compile(REPORT_VERB + r"\s+")
_MARKER = re.compile(r"\s" + joined("ve", "len", "gui", "cho") + r"\s+")  # "về", "lên", "gửi", "cho" <agency>


def _recipients(
    text: str,
    masked: str,
    base: int,
    first: re.Match[str],
    main_end: int,
    ctx: UnitContext,
    agents: tuple[AgencyRef, ...] = (),
) -> list[AgencyRef]:
    """Agencies after "về/lên" following the report verb, else right after "báo cáo"."""
    marker = _MARKER.search(masked, first.end(), main_end)
    if first.group(0).rstrip().endswith(("ve", "v€")) or first["send"]:  # "gửi (về) <agency>"
        marker = first
    elif marker:  # "báo cáo Tỉnh ủy, UBND tỉnh về tình hình …": the agencies right after the verb
        direct = _after_verb(text, masked, base, main_end, ctx, first.start())
        if direct:
            return direct
    if not marker:
        return _after_verb(text, masked, base, main_end, ctx)
    s = marker.end()
    e = s + _stop(masked, s, main_end)
    refs = _agents(text, base + s, base + e, masked, base, ctx)
    if not refs:  # "báo cáo … cho cơ quan quản lý cấp trên": an agent of the plan by its words
        named = _words(masked[s:e])
        refs = [a for a in agents if named and _words(loose(a.name)) == named][:1]
    return refs


def _stop(masked: str, s: int, end: int) -> int:
    """Length of the recipients' phrase at ``masked[s:end]``."""
    stop = re.search(
        r"\s(?:de|theo|truoc|ket\s*qua|dinh\s*ky|xem\s*xet|tinh\s*hinh)\s|[;(]|\.\s|\*|$", masked[s:end]
    )
    return stop.start() if stop else end - s


def _after_verb(
    text: str, masked: str, base: int, main_end: int, ctx: UnitContext, at: int | None = None
) -> list[AgencyRef]:
    """The agencies named right after the report verb at ``at`` (default: the last one): "báo cáo (kết
    quả) Ủy ban nhân dân tỉnh"."""
    verbs = (
        list(_VERB_THEN_SPACE.finditer(masked[:main_end]))
        if at is None
        else [m for m in [_VERB_THEN_SPACE.match(masked, at, main_end)] if m]
    )
    if not verbs:
        return []
    s = verbs[-1].end()
    what = _RESULTS.match(masked, s, main_end)  # "báo cáo kết quả (thực hiện) Ủy ban nhân dân tỉnh"
    s = what.end() if what else s
    refs = _agents(text, base + s, base + s + _stop(masked, s, main_end), masked, base, ctx)
    if refs and refs[0].span[0] - (base + s) > 2:
        return []
    return refs


_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(folded: str) -> str:
    """A name's words without a leading "các" and punctuation (folded text)."""
    words = _NON_WORD.sub(" ", folded).split()
    return " ".join(words[1:] if words[:1] == ["cac"] else words)


def masked_text(text: str, masked: str, base: int, end: int) -> str:
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


_CHAIR = re.compile(r"(?:^|(?<=\s))" + joined("chủ tịch") + r"\s+$")


def _agents(text: str, s: int, e: int, masked: str, base: int, ctx: UnitContext) -> list[AgencyRef]:
    chunk = masked_text(text, masked, base, e - base)[s - base :]
    refs = resolve_agencies(chunk, s, ctx, explicit=False)
    out = []
    for r in refs:
        if r.is_group and r.orgtype != "peoples-committee":
            continue
        chair = _CHAIR.search(loose(text[max(s, r.span[0] - 12) : r.span[0]]))
        if chair and r.orgtype == "peoples-committee" and not r.is_group:
            # "báo cáo Chủ tịch UBND tỉnh": the chair's office is the recipient
            at = r.span[0] - (len(text[max(s, r.span[0] - 12) : r.span[0]]) - chair.start())
            r = replace(r, name=f"Chủ tịch {r.name}", source_text=text[at : r.span[1]], span=(at, r.span[1]))
        out.append(r)
    return out
