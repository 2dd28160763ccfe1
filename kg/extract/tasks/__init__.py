"""Tasks (activities) of a plan with their lead and partner agencies and timeframe.

Where the tasks are, in this order (tests/real/README.md "tasks"):

1. "Hoạt động N" items ("a) Hoạt động 1: <title>", or "a) Hoạt động 1" with a "- Nội dung: <title>"
   line), each followed by role lines ("- Chủ trì: …", "- Cơ quan thực hiện: X chủ trì, phối hợp với
   …", "- Thời gian thực hiện: Hằng năm") or by prose; the group headings above them are not tasks;
2. else a task table with role columns (STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời
   gian), in the body or an appendix; its group rows ("I. NÂNG CAO NHẬN THỨC …") are not tasks;
3. else the numbered items of the parts headed "Nhiệm vụ (và) giải pháp" / "Giải pháp" (see
   :mod:`~kg.extract.tasks.items`: role blocks, container items, bullets);
4. else the numbered items of the other operative parts ("Nội dung hoạt động", "Nội dung, hình
   thức", "Nội dung thực hiện", …).

Parts organised by agency are responsibilities, not tasks. Roles are never inferred from the
"Tổ chức thực hiện" part.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext
from kg.extract.records import AgencyRef, Task
from kg.extract.sections import Section, find_sections
from kg.extract.tasks.items import _prose_roles, _read_roles, part_tasks, title_of, unique
from kg.extract.tasks.roles import role_lines
from kg.extract.tasks.table import table_tasks
from kg.text.cues import joined
from kg.text.normalize import loose, rstrip_end

_ACTIVITY = re.compile(
    r"^[ \t*_]*(?:[a-z¢]\)|[-+•]|\d{1,2}(?:\.\d{1,2})*\.)?"  # "a)", "-", "1." before it
    r"[ \t]*" + joined("hoạt động") + r"\s*(?P<n>\d{1,2})[ \t*_]*(?:[:.][ \t*_]*|(?=\n|$))",
    re.M,
)
_CONTENT_LABEL = re.compile(r"^[ \t*_]*(?:[-+•][ \t]*)?" + joined("nội dung") + r"[ \t*_]*:[ \t*_]*", re.M)
_SOLUTIONS = re.compile(r"nhiem\s*vu|giai\s*phap")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐÂĂÊÔƠƯ])")
_BULLET = re.compile(r"^[ \t]*[-+•][ \t]+", re.M)


def extract_tasks(text: str, sections: list[Section], ctx: UnitContext, warnings: list[str]) -> list[Task]:
    """Tasks of the plan, in document order."""
    parts = find_sections(sections, "tasks") or find_sections(sections, "content")
    low = loose(text)
    tasks: list[Task] = []
    for part in parts:
        acts = list(_ACTIVITY.finditer(low, part.start, part.end))
        if acts:
            tasks += _activities(text, low, acts, part, sections, ctx)
    if not tasks:
        tasks = table_tasks(text, ctx)
    if not tasks:
        preferred = [p for p in parts if _SOLUTIONS.search(loose(p.heading))] or parts
        for part in preferred:
            tasks += part_tasks(text, low, part, sections, ctx)
    if not tasks and parts:
        warnings.append("tasks: a tasks part was found but no numbered item or 'Hoạt động' in it")
    return tasks


def _activities(
    text: str, low: str, acts: list[re.Match[str]], part: Section, sections: list[Section], ctx: UnitContext
) -> list[Task]:
    heads = [s.start for s in sections if part.start < s.start < part.end and s.level > part.level]
    out = []
    for i, a in enumerate(acts):
        end = acts[i + 1].start() if i + 1 < len(acts) else part.end
        end = min([end] + [h for h in heads if h > a.start()])
        roles = role_lines(text, low, a.end(), end)
        if roles:
            title_end = roles[0].start()
        else:  # roles in prose: the title is the first sentence
            sentence = _SENTENCE_END.search(text, a.end(), end)
            title_end = sentence.start() + 1 if sentence else end
        raw = text[a.end() : title_end]
        label = _CONTENT_LABEL.search(low, a.end(), title_end)
        if label and not text[a.end() : label.start()].strip(" \t\n*_"):
            # "a) Hoạt động 1 / - Nội dung: <title>" (several bullets: one title, joined by ";")
            bullets = [b for b in (p.strip() for p in _BULLET.split(text[label.end() : title_end])) if b]
            raw = "; ".join(title_of(b, False, cut=False) for b in bullets)
        title = title_of(raw, ctx.ocr, cut=False)
        if roles:
            lead, partners, tf = _read_roles(text, roles, end, ctx)
        else:
            lead, partners, tf = _prose_roles(text, low, a.end(), a.end(), end, title_end, ctx)
        lead = unique(lead)
        names = {r.name for r in lead}
        partners = [p for p in unique(partners) if p.name not in names]
        span_end = rstrip_end(text, end)
        out.append(Task(title, tuple(lead), tuple(partners), *tf, (a.start(), max(span_end, a.end()))))
    return out


__all__ = ["AgencyRef", "extract_tasks"]
