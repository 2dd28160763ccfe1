"""Tasks from the numbered items of a tasks part.

* An item is one task titled by its heading (without its number; a heading that runs on as a
  paragraph is cut after its first sentence).
* An item whose bullets carry their own role blocks ("Đơn vị chủ trì: … / Đơn vị phối hợp: … /
  Thời gian thực hiện: …" after each bullet) gives one task per block, titled by the bullets before
  the block.
* A container item ("1. Nhiệm vụ, giải pháp tổng thể", "1. Nội dung", "2. Hình thức": a heading that
  only names the kind of what follows) gives its own items, or, when it has none, one task per
  bullet (titled by the bullet's first sentence).
* Items organised by agency (kind "organisation": "2. Phân công trách nhiệm") are not tasks.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef, Task
from kg.extract.sections import Section, subsections
from kg.extract.tasks.prose import (
    chu_tri_leads,
    clause_subjects,
    cued_partners,
    partners_before,
    passive_leads,
)
from kg.extract.tasks.roles import ROLE, lead_line, role_body, role_kind, role_lines
from kg.extract.tasks.timeframe import read_timeframe
from kg.lexicon import restore
from kg.text.cues import joined
from kg.text.normalize import loose, rstrip_end, squash

_SUB_ITEM = re.compile(r"^[ \t]*(?:[-+•]|[a-zđ]\)|\d+\.\d+\.?)\s", re.M)
_NEW_SENTENCE_LINE = re.compile(r"\n[ \t]*(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")
_INLINE_TIME = re.compile(joined("thời gian") + r"(?:\s*" + joined("thực hiện", "thự hiện") + r")?\s*:\s*")
_SENTENCE_END = re.compile(r"[.!?…](?=[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])|[.!?;:]?[ \t]*(?=\n)")
_NUMBER = re.compile(r"[ \t#*_>]*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\))\s*")  # "2.1.", "3)", "a)"
_LETTERED = re.compile(r"^[ \t*_]*[a-zđ]\)[ \t]+(?=\S)", re.M)
# a heading that only names what follows: "Nội dung", "Hình thức", "Nhiệm vụ, giải pháp tổng thể"
_KIND_WORD = r"(?:nhiem\s*vu|giai\s*phap|noi\s*dung|hinh\s*thuc|hoat\s*dong|bien\s*phap|phuong\s*thuc)"
_CONTAINER = re.compile(
    r"(?:cac\s+)?" + _KIND_WORD + r"(?:\s*(?:,|va)\s*" + _KIND_WORD + r")*"
    r"(?:\s+(?:chu\s*yeu|trong\s*tam|tong\s*the|cu\s*the|chinh|thuc\s*hien|chung))*[\s.:]*$"
)
_BULLET = re.compile(r"^[ \t]*[-+•][ \t]+", re.M)
_BRACKETS = re.compile(r"\([^()]*\)")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_PURPOSE = re.compile(r",?\s(?:nhằm|để|góp phần)\s")
_ABBREVIATIONS = re.compile(r"(?:U(?<!\wU)BND|H(?<!\wH)ĐND)\b")  # \b behind the first letter: a fast search
_WRITTEN_OUT = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
_LONG_TITLE = 25  # words: a bullet longer than this is titled by its leading clause
_PARAGRAPH = 160  # words: a heading longer than this is a paragraph, titled by its first sentence


def part_tasks(text: str, low: str, part: Section, sections: list[Section], ctx: UnitContext) -> list[Task]:
    """Tasks of a tasks part (or of a container item), in document order."""
    out: list[Task] = []
    items = subsections(sections, part)
    if not items and part.level == 1:
        return _unnumbered_tasks(text, low, part, ctx)
    for item in items:
        if item.kind == "organisation":
            continue
        if _CONTAINER.match(loose(item.heading)):
            kids = [k for k in subsections(sections, item) if k.kind != "organisation"]
            out += part_tasks(text, low, item, sections, ctx) if kids else _bullet_tasks(text, low, item, ctx)
            continue
        kids = [k for k in subsections(sections, item) if k.kind != "organisation"]
        if len(kids) >= 2 and sum(ROLE.search(low, k.body_start, k.end) is not None for k in kids) >= 2:
            # "1. Về dữ liệu" / "1.1. …" and "1.2. …", each with its own role lines: a group heading
            out += part_tasks(text, low, item, sections, ctx)
            continue
        out += _item_tasks(text, low, item, ctx)
    return out


def _unnumbered_tasks(text: str, low: str, part: Section, ctx: UnitContext) -> list[Task]:
    """A tasks part without numbered items: its lettered items ("a) Tổ chức …" with their role lines) are
    the tasks, else its top-level bullets."""
    starts = [m.start() for m in _LETTERED.finditer(text, part.body_start, part.end)]
    if not starts:
        return _bullet_tasks(text, low, part, ctx)
    out = []
    for start, end in zip(starts, [*starts[1:], part.end], strict=True):
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        item = Section(part.kind, text[start:line_end].strip(), start, end, part.level + 1, "", line_end)
        out += _item_tasks(text, low, item, ctx)
    return out


def title_of(raw: str, ocr: bool, cut: bool = True) -> str:
    """A title from the text of a heading or bullet: its first sentence when it runs on (``cut``)."""
    title = squash(raw).strip(" *_#-+•(")  # "… pháp chế (Cơ quan chủ trì: …)": the bracket opens the roles
    # "tham mưu UBND tỉnh": written out, as a reader writes it
    title = _ABBREVIATIONS.sub(lambda m: _WRITTEN_OUT[m.group(0)], title)
    if cut and len(title.split()) > _PARAGRAPH:
        end = _SENTENCE_END.search(title)
        if end and end.start() > 0:
            title = title[: end.start()].rstrip()
    return restore(title) if ocr else title


def _clause(title: str) -> str:
    """A long bullet's leading clause (a bullet has no heading; its first clause names the action): notes
    in brackets dropped, cut before its purpose ("nhằm …", "để …", ", góp phần …"), and a very long one
    at its first ";"."""
    if len(title.split()) <= _LONG_TITLE:
        return title
    title = squash(_BRACKETS.sub(" ", title)).replace(" ,", ",").replace(" ;", ";")
    unquoted = _QUOTED.sub(lambda m: "x" * len(m.group(0)), title)  # "… “Không để ai …”": a name
    purpose = _PURPOSE.search(unquoted)
    if purpose and len(title[: purpose.start()].split()) >= 8:
        title = title[: purpose.start()].rstrip(" ,;")
    if len(title.split()) > 2 * _LONG_TITLE:
        head = title.split(";")[0].rstrip(" ,")
        title = head if len(head.split()) >= 8 else title
    return title


# a sentence end after a lower-case word ("… đại chúng. Sở A …"; not "TP. Hồ Chí Minh")
_NEXT_SENTENCE = re.compile(r"(?<=[a-zđ\u00e0-\u1ef9\d)”\"][.!?])[ \t]+(?=[A-ZĐ])")


def _first_sentence(title: str) -> str:
    """A bullet's first sentence ("Tổ chức … đại chúng. Sở A chủ trì thực hiện." → the action)."""
    m = _NEXT_SENTENCE.search(title)
    return title[: m.start()] if m and len(title[: m.start()].split()) >= 5 else title


def _body_start(text: str, item: Section) -> int:
    m = _NUMBER.match(text, item.start)
    return m.end() if m else item.start


def _item_tasks(text: str, low: str, item: Section, ctx: UnitContext) -> list[Task]:
    body_start = _body_start(text, item)
    roles = role_lines(text, low, body_start, item.end)  # also "… (Cơ quan chủ trì: …)" on the heading line
    blocks = _blocks(roles)
    if len(blocks) < 2:
        return [_one_task(text, low, item, body_start, roles, ctx)]
    out = []
    prev_end = item.body_start
    for block in blocks:
        raw = text[prev_end : block[0].start()]
        bullets = [b for b in (p.strip() for p in _BULLET.split(raw)) if b]
        title = "; ".join(title_of(b, ctx.ocr) for b in bullets)
        title = title or title_of(text[body_start : item.body_start], ctx.ocr)
        end = _block_end(text, block, item.end)
        lead, partners, tf = _read_roles(text, block, end, ctx)
        out.append(_task(title, lead, partners, tf, (block[0].start() if bullets else body_start, end), text))
        prev_end = end
    return out


def _blocks(roles: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Role lines grouped into blocks: a block ends before a role kind it already has."""
    blocks: list[list[re.Match[str]]] = []
    for r in roles:
        if not blocks or role_kind(r) in {role_kind(x) for x in blocks[-1]}:
            blocks.append([r])
        else:
            blocks[-1].append(r)
    return blocks


def _block_end(text: str, block: list[re.Match[str]], limit: int) -> int:
    last = block[-1]
    body = role_body(text, last.end(), limit)
    return last.end() + len(body)


def _read_roles(
    text: str, roles: list[re.Match[str]], end: int, ctx: UnitContext
) -> tuple[list[AgencyRef], list[AgencyRef], tuple[str | None, int | None, int | None, str | None]]:
    lead: list[AgencyRef] = []
    partners: list[AgencyRef] = []
    tf: tuple[str | None, int | None, int | None, str | None] = (None, None, None, None)
    for j, r in enumerate(roles):
        r_end = roles[j + 1].start() if j + 1 < len(roles) else end
        body = role_body(text, r.end(), r_end)
        kind = role_kind(r)
        if kind == "lead":
            lo, pa = lead_line(body, r.end(), ctx)
            lead += lo
            partners += pa
        elif kind == "partner":
            partners += resolve_agencies(body, r.end(), ctx, explicit=True)
        else:
            tf = read_timeframe(body, ctx.ocr)
    return lead, partners, tf


def _one_task(
    text: str, low: str, item: Section, body_start: int, roles: list[re.Match[str]], ctx: UnitContext
) -> Task:
    sub = _SUB_ITEM.search(text, item.body_start, item.end)
    title_end = sub.start() if sub else item.end
    if roles:
        title_end = min(title_end, roles[0].start())
    # a heading wrapped over lines ends where a new sentence starts on its own line
    new_line = _NEW_SENTENCE_LINE.search(text, item.body_start, title_end)
    if new_line and not text[body_start : new_line.start()].rstrip().endswith((",", "và")):
        title_end = new_line.start()
    title = title_of(text[body_start:title_end], ctx.ocr)
    if roles:
        lead, partners, tf = _read_roles(text, roles, item.end, ctx)
    else:
        lead, partners, tf = _prose_roles(text, low, body_start, item.body_start, item.end, title_end, ctx)
    return _task(title, lead, partners, tf, (body_start, rstrip_end(text, item.end)), text)


def _prose_roles(
    text: str, low: str, body_start: int, head_end: int, end: int, title_end: int, ctx: UnitContext
) -> tuple[list[AgencyRef], list[AgencyRef], tuple[str | None, int | None, int | None, str | None]]:
    lead = chu_tri_leads(text, low, body_start, end, ctx)
    lead += passive_leads(text, low, body_start, end, ctx)
    lead += clause_subjects(text, low, head_end, end, ctx, item_start=body_start, extra=title_end)
    partners = cued_partners(text, low, body_start, end, ctx)
    partners += partners_before(text, low, body_start, end, ctx)
    tf: tuple[str | None, int | None, int | None, str | None] = (None, None, None, None)
    inline = _INLINE_TIME.search(low, body_start, end)
    if inline:
        end_t = re.search(r"[.;\n]|$", low[inline.end() : end])
        tf = read_timeframe(text[inline.end() : inline.end() + (end_t.start() if end_t else 0)], ctx.ocr)
    return lead, partners, tf


def _bullet_tasks(text: str, low: str, item: Section, ctx: UnitContext) -> list[Task]:
    """One task per top-level bullet of a container item ("1. Nội dung" / "- Tuyên truyền …")."""
    starts = [m for m in _BULLET.finditer(text, item.body_start, item.end)]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else item.end
        end = rstrip_end(text, end)
        line_end = text.find("\n", m.end(), end)
        line_end = end if line_end < 0 else line_end
        title = _clause(_first_sentence(title_of(text[m.end() : line_end], ctx.ocr)))
        lead, partners, tf = _prose_roles(text, low, m.end(), m.end(), end, line_end, ctx)
        out.append(_task(title, lead, partners, tf, (m.start(), end), text))
    return out


def _task(
    title: str,
    lead: list[AgencyRef],
    partners: list[AgencyRef],
    tf: tuple[str | None, int | None, int | None, str | None],
    span: tuple[int, int],
    text: str,
) -> Task:
    lead = unique(lead)
    names = {r.name for r in lead}
    partners = [p for p in unique(partners) if p.name not in names]
    return Task(title, tuple(lead), tuple(partners), *tf, span)


def unique(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.name not in seen:
            seen.add(r.name)
            out.append(r)
    return out
