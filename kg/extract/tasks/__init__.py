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
from kg.extract.tasks.labels import LEAD_LABEL, PARTNER_LABEL, TIME_LABEL
from kg.extract.tasks.prose import (
    chu_tri_leads,
    clause_subjects,
    cued_partners,
    partners_before,
    passive_leads,
)
from kg.extract.tasks.table import table_tasks
from kg.extract.tasks.timeframe import read_timeframe
from kg.lexicon import restore
from kg.text.cues import joined
from kg.text.normalize import loose, squash

_ACTIVITY = re.compile(
    r"^[ \t*_]*(?:[a-z¢]\)|[-+•]|\d{1,2}(?:\.\d{1,2})*\.)?"  # "a)", "-", "1." before it
    r"[ \t]*" + joined("hoạt động") + r"\s*(?P<n>\d{1,2})\s*[:.]\s*",
    re.M,
)
_ROLE = re.compile(
    r"(?:^|(?<=;))[ \t*_]*(?:[-+•]|[a-z]\))?[ \t]*"  # "-", "b)" before a role label
    rf"(?:(?P<lead>{LEAD_LABEL})|(?P<partner>{PARTNER_LABEL})|(?P<time>{TIME_LABEL}))"
    r"[ \t*_]*:[ \t*_]*",
    re.M,
)
_SUB_ITEM = re.compile(r"^[ \t]*(?:[-+•]|[a-zđ]\)|\d+\.\d+\.?)\s", re.M)
_BLANK_THEN_ITEM = re.compile(r"\n[ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ¢]\)|\d+\.)\s)")
_NEW_SENTENCE_LINE = re.compile(r"\n[ \t]*(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_INLINE_TIME = re.compile(joined("thời gian") + r"(?:\s*" + joined("thực hiện", "thự hiện") + r")?\s*:\s*")


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
    tasks += table_tasks(text, ctx)
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
                timeframe, start_year, end_year, recurrence = read_timeframe(body, ctx.ocr)
        if not roles:
            lead += chu_tri_leads(text, low, a.end(), end, ctx)
            lead += passive_leads(text, low, a.end(), end, ctx)
            lead += clause_subjects(text, low, a.end(), end, ctx, extra=title_end)
            partners += cued_partners(text, low, a.end(), end, ctx) + partners_before(
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
            timeframe, start_year, end_year, recurrence = read_timeframe(body, ctx.ocr)
    if not roles:
        lead += chu_tri_leads(text, low, body_start, item.end, ctx)
        lead += passive_leads(text, low, body_start, item.end, ctx)
        lead += clause_subjects(
            text, low, item.body_start, item.end, ctx, item_start=body_start, extra=title_end
        )
        partners += cued_partners(text, low, body_start, item.end, ctx)
        partners += partners_before(text, low, body_start, item.end, ctx)
        inline = _INLINE_TIME.search(low, body_start, item.end)
        if inline:
            end_t = re.search(r"[.;\n]|$", low[inline.end() : item.end])
            raw = text[inline.end() : inline.end() + (end_t.start() if end_t else 0)]
            timeframe, start_year, end_year, recurrence = read_timeframe(raw, ctx.ocr)
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


def _unique(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out
