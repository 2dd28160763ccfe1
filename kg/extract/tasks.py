"""Tasks (activities) of a plan with their lead and partner agencies and timeframe.

Two layouts of the "Nhiệm vụ và giải pháp" part are handled:

* activities: "a) Hoạt động 1: <title>" followed by role lines "- Chủ trì: …" / "- Cơ quan chủ
  trì: …", "- Cơ quan phối hợp: …", "- Thời gian thực hiện: Hằng năm" (the numbered group
  headings above the activities are not tasks);
* numbered items: "1. <title>" with sub-bullets; the lead is an agency that is the subject of
  a clause ("Thanh tra thành phố đưa nội dung …"), partners are named agencies after
  "phối hợp với" ("phối hợp với Sở Lao động - Thương binh và Xã hội tổ chức …").

Roles are never inferred from the "Tổ chức thực hiện" part.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef, Task
from kg.extract.sections import Section, find_sections, subsections
from kg.lexicon import agency_at, restore
from kg.text.normalize import fold_keep, loose, squash

_ACTIVITY = re.compile(
    r"^[ \t*_]*(?:[a-z¢]\)|[-+•]|\d{1,2}(?:\.\d{1,2})*\.)?"  # "a)", "-", "1." before it
    r"[ \t]*ho[a-z]{0,2}t\s*d[o0][a-z]{0,2}ng\s*(?P<n>\d{1,2})\s*[:.]\s*",
    re.M,
)
_ROLE = re.compile(
    r"(?:^|(?<=;))[ \t*_]*(?:[-+•]|[a-z]\))?[ \t]*"  # "-", "b)" before a role label
    r"(?:(?P<lead>(?:c[o0]\s*quan\s*|d[o0]n\s*v[i1]\s*)?ch[a-z]{1,2}\s*tr[i1]"
    r"(?:\s*th[a-z]{1,3}c\s*hi[a-z]{1,2}n)?|(?:d[o0]n\s*v[i1]|c[o0]\s*quan)\s*th[a-z]{1,3}c\s*hi[a-z]{1,2}n)|"
    r"(?P<partner>(?:c[o0]\s*quan\s*|d[o0]n\s*v[i1]\s*)?ph[a-z0-9]{1,3}i\s*h[o0]p(?:\s*th[a-z]{1,3}c\s*hi[a-z]{1,2}n)?)|"
    r"(?P<time>th[o0][a-z]{0,2}i\s*gian(?:\s*th[a-z]{1,3}c?\s*hi[a-z]{1,2}n|\s*ho[a-z]{1,2}n\s*th[a-z]{1,3}nh)?"
    r"|tien\s*do(?:\s*thuc\s*hien)?))"
    r"[ \t*_]*:[ \t*_]*",
    re.M,
)
_SUB_ITEM = re.compile(r"^[ \t]*(?:[-+•]|[a-zđ]\)|\d+\.\d+\.?)\s", re.M)
_BLANK_THEN_ITEM = re.compile(r"\n[ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ¢]\)|\d+\.)\s)")
_CLAUSE_START = re.compile(r"(?:^[ \t]*(?:[-+•]|[a-zđ]\))[ \t]*(?:[^:\n]{0,40}:\s*)?|;\s+|\.\s+)", re.M)
_NEW_SENTENCE_LINE = re.compile(r"\n[ \t]*(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_CHU_TRI = re.compile(r"(?<![a-z])ch[uw]\s*tr[i1](?![a-z])")
_LEAD_OPENER = re.compile(r"(?:^|\s)(?:[Gg]iao|do|[ĐđDd][ềe]\s*ngh[ịi]|[.;:])\s+|\n\s*\n")
_PARTNER_AFTER = re.compile(r"(?<![a-z])ph[o0][a-z]{0,2}i\s*h[o0]p\s+(?:thuc\s*hien|trien\s*khai|to\s*chuc)")
_CLAUSE_OPENER = re.compile(r"[.;:]\s+|\n\s*\n")
_INLINE_TIME = re.compile(r"th[o0][a-z]{0,2}i\s*gian(?:\s*th[a-z]{1,3}c?\s*hi[a-z]{1,2}n)?\s*:\s*")
_GOVERNMENT_GROUPS = {"peoples-committee", "office", "department"}  # named collectives, not "các đoàn thể"
_GIAO = re.compile(r"(?:[Hh][ằà]ng năm,\s*)?[Gg]iao\s+")
_AND_GAP = re.compile(r"\s*(?:,|và|va)\s*")
_COORDINATE = re.compile(r"[\s,]*ph[o0][a-z]{0,2}i\s*h[o0]p")
_NAMED_GROUP = re.compile(r"(?:Các|Trưởng)\s")
_GROUP_AT = re.compile(r"(?:[dpb]e\s*nghi\s+)?c[a-z]{1,2}c\s")
_PARTNER_CUE = re.compile(r"ph[o0][a-z]{0,2}i\s*h[o0]p\s*(?:chat\s*che\s*)?v[o0][a-z]{0,2}i\s+")
_RECURRENCE = (
    (re.compile(r"h[a-z]{1,2}ng\s*n[a-z]{1,2}m|moi\s*nam"), "annual"),
    (re.compile(r"h[a-z]{1,2}ng\s*qu[yi]|moi\s*quy"), "quarterly"),
    (re.compile(r"6\s*thang|sau\s*thang"), "semiannual"),
    (re.compile(r"h[a-z]{1,2}ng\s*th[a-z]{1,2}ng"), "monthly"),
)


def _timeframe(raw: str, ocr: bool) -> tuple[str | None, int | None, int | None, str | None]:
    tf = squash(raw).strip(" .;*_")
    if not tf:
        return None, None, None, None
    if ocr:
        tf = restore(tf)
    tf = tf[:1].upper() + tf[1:]
    low = loose(tf)
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", low)]
    recurrence = next((r for p, r in _RECURRENCE if p.search(low)), None)
    if recurrence is None and len(years) == 1 and "-" not in tf:
        recurrence = "once"
    return tf, (min(years) if years else None), (max(years) if years else None), recurrence


def extract_tasks(text: str, sections: list[Section], ctx: UnitContext, warnings: list[str]) -> list[Task]:
    """Tasks of the plan, in document order."""
    parts = find_sections(sections, "tasks") or find_sections(sections, "content")
    low = loose(text)
    tasks: list[Task] = []
    for part in parts:
        acts = list(_ACTIVITY.finditer(low, part.start, part.end))
        if acts:
            tasks += _activities(text, low, acts, part, sections, ctx)
        else:
            for item in subsections(sections, part):
                if item.level == part.level + 1 or part.level == 0:
                    tasks.append(_numbered_item(text, low, item, ctx))
    tasks += _table_tasks(text, low, ctx)
    if not tasks and parts:
        warnings.append("tasks: a tasks part was found but no numbered item or 'Hoạt động' in it")
    return tasks


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐÂĂÊÔƠƯ])")
_NOTE = re.compile(r"\([^()]*\)")


def _mask_notes(body: str) -> str:
    """Blank out parenthetical notes in a role line ("Phòng X (Tháng hành động …)"), keeping offsets."""
    return _NOTE.sub(lambda m: " " * len(m.group(0)), body)


def _activities(
    text: str, low: str, acts: list[re.Match[str]], part: Section, sections: list[Section], ctx: UnitContext
) -> list[Task]:
    heads = [s.start for s in sections if part.start < s.start < part.end and s.level > part.level]
    out = []
    for i, a in enumerate(acts):
        end = acts[i + 1].start() if i + 1 < len(acts) else part.end
        end = min([end] + [h for h in heads if h > a.start()])
        roles = list(_ROLE.finditer(low, a.end(), end))
        if roles:
            title_end = roles[0].start()
        else:  # roles in prose: the title is the first sentence
            sentence = _SENTENCE_END.search(text, a.end(), end)
            title_end = sentence.start() + 1 if sentence else end
        title = squash(text[a.end() : title_end]).strip(" *_")
        if ctx.ocr:
            title = restore(title)
        lead: list[AgencyRef] = []
        partners: list[AgencyRef] = []
        timeframe = None
        start_year = end_year = recurrence = None
        for j, r in enumerate(roles):
            r_end = roles[j + 1].start() if j + 1 < len(roles) else end
            body = text[r.end() : r_end]
            cut = _BLANK_THEN_ITEM.search(body)
            body = body[: cut.start()] if cut else body
            body = body.rstrip()
            if r["lead"]:
                lead += resolve_agencies(_mask_notes(body), r.end(), ctx, explicit=True)
            elif r["partner"]:
                partners += resolve_agencies(_mask_notes(body), r.end(), ctx, explicit=True)
            else:
                timeframe, start_year, end_year, recurrence = _timeframe(body, ctx.ocr)
        if not roles:
            lead += _chu_tri(text, low, a.end(), end, ctx)
            lead += _done_by(text, low, a.end(), end, ctx)
            lead += _subjects(text, low, a.end(), end, ctx, extra=title_end)
            partners += _partners(text, low, a.end(), end, ctx) + _partners_before(
                text, low, a.end(), end, ctx
            )
            lead_names = {r.name for r in lead}
            lead, partners = _unique(lead), [p for p in _unique(partners) if p.name not in lead_names]
        span_end = len(text[:end].rstrip())
        out.append(
            Task(
                title,
                tuple(lead),
                tuple(partners),
                timeframe,
                start_year,
                end_year,
                recurrence,
                (a.start(), max(span_end, a.end())),
            )
        )
    return out


def _numbered_item(text: str, low: str, item: Section, ctx: UnitContext) -> Task:
    body_start = (
        item.start
        + (re.match(r"[ \t#*_>]*\d+(?:\.\d+)*\s*[.)]\s*", text[item.start :]) or re.match("", "")).end()
    )
    sub = _SUB_ITEM.search(text, item.body_start, item.end)
    title_end = sub.start() if sub else item.end
    # a heading wrapped over lines ends where a new sentence starts on its own line
    new_line = _NEW_SENTENCE_LINE.search(text, item.body_start, title_end)
    if new_line and not text[body_start : new_line.start()].rstrip().endswith((",", "và")):
        title_end = new_line.start()
    title = squash(text[body_start:title_end]).strip(" *_#")
    if ctx.ocr:
        title = restore(title)
    lead: list[AgencyRef] = []
    partners: list[AgencyRef] = []
    timeframe = None
    start_year = end_year = recurrence = None
    roles = list(_ROLE.finditer(low, item.body_start, item.end))
    for j, r in enumerate(roles):
        r_end = roles[j + 1].start() if j + 1 < len(roles) else item.end
        body = text[r.end() : r_end].split("\n\n")[0]
        if r["lead"]:
            lead += resolve_agencies(body, r.end(), ctx, explicit=True)
        elif r["partner"]:
            partners += resolve_agencies(body, r.end(), ctx, explicit=True)
        else:
            timeframe, start_year, end_year, recurrence = _timeframe(body, ctx.ocr)
    if not roles:
        lead += _chu_tri(text, low, body_start, item.end, ctx)
        lead += _done_by(text, low, body_start, item.end, ctx)
        lead += _subjects(text, low, item.body_start, item.end, ctx, item_start=body_start, extra=title_end)
        partners += _partners(text, low, body_start, item.end, ctx)
        partners += _partners_before(text, low, body_start, item.end, ctx)
        inline = _INLINE_TIME.search(low, body_start, item.end)
        if inline:
            end_t = re.search(r"[.;\n]|$", low[inline.end() : item.end])
            raw = text[inline.end() : inline.end() + (end_t.start() if end_t else 0)]
            timeframe, start_year, end_year, recurrence = _timeframe(raw, ctx.ocr)
    lead_names = {r.name for r in lead}
    partners = [p for p in partners if p.name not in lead_names]
    return Task(
        title,
        tuple(_unique(lead)),
        tuple(_unique(partners)),
        timeframe,
        start_year,
        end_year,
        recurrence,
        (body_start, len(text[: item.end].rstrip())),
    )


def _chu_tri(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """Agencies named right before a prose "chủ trì" ("Giao Phòng X chủ trì", "Nhiệm vụ này do X chủ trì")."""
    out: list[AgencyRef] = []
    for m in _CHU_TRI.finditer(low, start, end):
        lo = max(start, m.start() - 160)
        window = text[lo : m.start()]  # original spelling: "giao" (assign) is not "giáo" (giáo dục)
        cut = max((c.end() for c in _LEAD_OPENER.finditer(window)), default=0)
        phrase_start = lo + cut
        out += resolve_agencies(text[phrase_start : m.start()], phrase_start, ctx, explicit=False)
    return out


_DO_VERB = re.compile(r"(?<![a-z])(?:thuc\s*hien|dam\s*nhiem|dam\s*nhan|phu\s*trach)(?![a-z])")
_DO = re.compile(r"(?:^|\s)do\s+")  # original spelling: "do" (by), not "đó"/"đo"
_ROLE_WORD = re.compile(r"ch[uw]\s*tr[i1]|ph[o0][a-z]{0,2}i\s*h[o0]p|[.;:]")


def _done_by(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """The agent of a passive "(Nhiệm vụ này) do X thực hiện / đảm nhiệm / phụ trách"."""
    out: list[AgencyRef] = []
    for m in _DO_VERB.finditer(low, start, end):
        lo = max(start, m.start() - 120)
        do = max(_DO.finditer(text, lo, m.start()), key=lambda d: d.start(), default=None)
        if do is None or _ROLE_WORD.search(low, do.end(), m.start()):
            continue  # "do A chủ trì, B phối hợp thực hiện" is read by the "chủ trì" rule
        refs = resolve_agencies(text[do.end() : m.start()], do.end(), ctx, explicit=False)
        if refs and refs[0].span[0] == do.end():
            out.append(refs[0])
    return out


def _partners_before(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """Agencies of a clause ending in "… phối hợp thực hiện" ("Hội LHPN xã, Đoàn TN xã phối hợp …")."""
    out: list[AgencyRef] = []
    for m in _PARTNER_AFTER.finditer(low, start, end):
        lo = max(start, m.start() - 160)
        cut = max((c.end() for c in _CLAUSE_OPENER.finditer(low, lo, m.start())), default=lo)
        out += resolve_agencies(text[cut : m.start()], cut, ctx, explicit=False)
    return out


def _subjects(
    text: str,
    low: str,
    start: int,
    end: int,
    ctx: UnitContext,
    item_start: int | None = None,
    extra: int | None = None,
) -> list[AgencyRef]:
    """Agencies that open a clause (the grammatical subject of the task sentence)."""
    out = []
    lo = 0
    folded = fold_keep(text)  # the whole plan's folding is memoised; offsets stay the plan's
    starts = [m.end() for m in _CLAUSE_START.finditer(text, start, end)]
    if extra is not None and extra < end:
        starts.insert(0, extra + len(text[extra:end]) - len(text[extra:end].lstrip()))
    if item_start is not None:
        starts.insert(0, item_start)
    for pos in starts:
        giao = _GIAO.match(text, pos)  # "giao các trường học … lồng ghép": the assignee leads
        if giao:
            pos = giao.end()
        if not _GROUP_AT.match(low, pos) and agency_at(folded, pos - lo) is None:
            continue
        chunk = text[pos : min(end, pos + 120)]
        # the subject of a clause: collectives count too ("các cơ quan, đơn vị và Trưởng thôn … tổ chức …")
        refs = resolve_agencies(chunk, pos, ctx, explicit=True, keep_unknown=False)
        if not refs or refs[0].span[0] != pos:
            continue
        subject = [refs[0]]
        for r in refs[1:]:  # "A, B và C <verb>": a subject of several agents
            gap = text[subject[-1].span[1] : r.span[0]]
            if not _AND_GAP.fullmatch(gap):
                break
            subject.append(r)
        after = subject[-1].span[1]
        if not _followed_by_verb(text, after) or _COORDINATE.match(low, after):
            continue  # "… phối hợp với …" makes a partner, not a lead
        out += [
            r for r in subject if not r.is_group or giao or r.orgtype != "other" or _NAMED_GROUP.match(r.name)
        ]
    return out


def _followed_by_verb(text: str, pos: int) -> bool:
    """A verb follows the subject; a comma then a lowercase word is a list of activity nouns
    ("Thanh tra, kiểm tra, sơ kết …"), not "<agency> <verb>"."""
    nxt = text[pos : pos + 30].lstrip(" ")
    return bool(nxt) and nxt[0].islower()


def _partners(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    out = []
    for m in _PARTNER_CUE.finditer(low, start, end):
        chunk_end = min(end, m.end() + 120)
        stop = re.search(
            r"\s(?:trien\s*khai|to\s*chuc|thuc\s*hien|xay\s*dung|de\s|huong\s*dan|treo|chi\s*dao)|[;.(:]|\n\s*\n",
            low[m.end() : chunk_end],
        )
        chunk_end = m.end() + stop.start() if stop else chunk_end
        refs = resolve_agencies(text[m.end() : chunk_end], m.end(), ctx, explicit=False)
        out += [r for r in refs if not r.is_group or r.orgtype in _GOVERNMENT_GROUPS]
    return out


_TABLE_ROW = re.compile(r"^[^\n|]*(?:\|[^\n|]*){2,}$", re.M)
_COLUMNS = (
    ("lead", re.compile(r"chu\s*tri")),
    ("partner", re.compile(r"phoi\s*hop")),
    ("time", re.compile(r"thoi\s*gian|tien\s*do|thoi\s*han")),
    ("title", re.compile(r"noi\s*dung|nhiem\s*vu|hoat\s*dong|ten\s|cong\s*viec")),
)


def _table_tasks(text: str, low: str, ctx: UnitContext) -> list[Task]:
    """Tasks laid out as a table (one row per task; the readers join cells with " | ")."""
    out: list[Task] = []
    if text.count("|") < 4:
        return out
    rows = list(_TABLE_ROW.finditer(text))
    i = 0
    while i < len(rows):
        head = rows[i]
        cells = [fold_keep(c).strip() for c in head.group(0).split("|")]
        cols: dict[str, int] = {}
        for kind, pattern in _COLUMNS:
            for j, c in enumerate(cells):
                if j not in cols.values() and pattern.search(c) and kind not in cols:
                    cols[kind] = j
        i += 1
        if "lead" not in cols or "title" not in cols:
            continue
        while i < len(rows) and rows[i].group(0).count("|") == head.group(0).count("|"):
            row = rows[i]
            i += 1
            raw_cells = row.group(0).split("|")
            offsets = []
            pos = row.start()
            for c in raw_cells:
                offsets.append(pos)
                pos += len(c) + 1
            title = squash(raw_cells[cols["title"]]).strip(" *")
            if len(title) < 8 or not any(raw_cells[cols[k]].strip() for k in ("lead",) if k in cols):
                continue
            if ctx.ocr:
                title = restore(title)

            roles = {
                kind: tuple(resolve_agencies(raw_cells[cols[kind]], offsets[cols[kind]], ctx, explicit=True))
                for kind in ("lead", "partner")
                if kind in cols
            }
            tf = _timeframe(raw_cells[cols["time"]], ctx.ocr) if "time" in cols else (None, None, None, None)
            span = (row.start(), row.end())
            out.append(Task(title, roles.get("lead", ()), roles.get("partner", ()), *tf, span))
    return out


def _unique(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out
