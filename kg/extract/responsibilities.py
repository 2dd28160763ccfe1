"""Per-agency responsibilities from the "Tổ chức thực hiện" part.

Each numbered paragraph of that part names one or more agencies (its heading, or the subject of
its first sentence: "1. Phòng Lao động - Thương binh và Xã hội quận chủ trì, phối hợp …") and
lists their duties. A paragraph addressed to several agencies gives one responsibility per
agency with the same duties; a bullet or paragraph "Đề nghị <agency> …" inside another
agency's paragraph gives that agency its own entry.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.agencies.headings import enumerated_members
from kg.extract.records import AgencyRef, Responsibility, Task
from kg.extract.sections import Section, find_sections, subsections
from kg.text.normalize import loose, rstrip_end, squash
from kg.text.scan import line_start_matches

_PREFIX = re.compile(
    r"^[\s*_#]*(?:\d+(?:\.\d+)*\s*[.)]\s*|[-+•]\s*|[a-zđ]\)\s*)?(?:[dpb]e\s*ngh[i1]\s*:?\s+|(?:trach\s*nhiem|nhiem\s*vu)\s+cua\s+)?"
)
_WHOSE = re.compile(r"(?:trach\s*nhiem|nhiem\s*vu)\s+cua")
_SUBJECT_END = re.compile(
    r"\s(?:ch[a-z]{1,2}\s*tr[i1]|ph[a-z0-9]{1,3}i\s*h[o0]p|c[o0]\s*trach|chiu\s*trach|c[a4]n\s*c(?:u|tr|ir|w)|"
    r"trong\s*ph[a4]m\s*vi|l[a4]\s*c[o0]\s*quan|tham\s*m[u]u|xay\s*dung|to\s*chuc\s+(?:thuc|trien|cac)|"
    r"trien\s*khai|thuc\s*hien|"
    r"huong\s*dan|chi\s*dao|tang\s*cuong|tich\s*cuc|day\s*manh|hang\s*nam|bo\s*tri)(?![a-z])"
)
_COLON = re.compile(r":")
_UNIT_LINE = re.compile(r"[ \t]*\n[ \t]*(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)[ \t]*\n")
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_SHORT_TAIL = re.compile(rf"[ \t]*\n[ \t]*[a-zđ][^\n.;:]{{0,38}}\n(?=[ \t]*[{_UPPER}])")
_ABBREVIATION = re.compile(r"[ \t]*[A-ZĐ]{2,}\b")
_CONTINUES = re.compile(r"(?:,|\s-|\s(?:va|cac|cua))\s*$")  # a heading line that goes on to the next line
_AGENCY_WORD = re.compile(
    r"\s*(?:Đề nghị\s+|De nghi\s+|Bé nghi\s+)?"
    r"(?:Phòng|Sở|Ban|Bộ|Trung tâm|Hội|Hiệp hội|Đoàn|Ủy ban|Uỷ ban|UBND|HĐND|"
    r"Các|Trường|Báo|Đài|Công an|Văn phòng|Liên đoàn|Trạm|Chi cục|Cục|Công chức|Trưởng|Cổng|Thanh tra|"
    r"Tòa án|Viện|Thành đoàn|Tỉnh đoàn|Huyện đoàn|Quận đoàn|Đảng ủy|Tỉnh ủy|Huyện ủy|Thành ủy|Quận ủy|"
    r"Bảo hiểm|Phong|So |Hoi|Poan|Doan|Uy ban|Cac|Truong|Cong|Tram|Lien|Van phong|Trung tam|Dai|Bao)",
    re.IGNORECASE,
)
_NAME_GOES_ON = re.compile(rf"[{_UPPER}]\w*((?:[ \t]+[{_UPPER}]\w*)+)")  # a run of capitalised words
_OPENS_GROUP = re.compile(r"[ \t*_]*c[a-z]{1,2}c\s")
# "Sở Nội vụ (Cơ quan thường trực …)", "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": a note
_NOTE = re.compile(r"\([^()]*\)|\s[-–]\s*(?:là\s+)?(?:[Cc]ơ quan|[Đđ]ơn vị|[Tt]hường trực)[^\n:]*")
# a short line after a blank line, then an item: the rest of a heading ("Phụ nữ Thành phố và …")
_HEADING_TAIL = re.compile(
    r"[ \t]*\n[ \t]*\n[ \t]*([A-ZĐ][^\n.;:!?]{0,80}?)[ \t]*\n[ \t]*\n(?=[ \t]*(?:[-+•]|[a-zđ]\)))"
)
_INNER_REQUEST = re.compile(r"(?:^|\n)[ \t]*(?:[-+•][ \t]*)?[dpb]e\s*ngh[i1]\s+", re.M)
_INNER_REQUEST_AFTER_BREAK = re.compile(r"\n[ \t]*(?:[-+•][ \t]*)?[dpb]e\s*ngh[i1]\s+")
# a bullet's line break, or a sentence end and the blanks after it before a capital (the "." or ";" goes
# with the separator: a duty is stripped of it anyway); each alternative starts with a character, so that
# a search skips ahead to line breaks, "." and ";" (not to every blank)
_DUTY_SPLIT = re.compile(
    r"\n[ \t]*(?:[-+•]|[a-zđ]\))[ \t]*|\.\s\s*(?=[A-ZĐÂĂÊÔƠƯ])|;\s\s*(?=[A-ZĐÂĂÊÔƠƯ])"
)


def extract_responsibilities(
    text: str, sections: list[Section], ctx: UnitContext, tasks: list[Task], warnings: list[str]
) -> list[Responsibility]:
    """One responsibility per agency paragraph of "Tổ chức thực hiện", in document order."""
    out: list[Responsibility] = []
    low = loose(text)
    for part in find_sections(sections, "organisation"):
        paras = subsections(sections, part)
        while len(paras) == 1 and subsections(sections, paras[0]):
            paras = subsections(sections, paras[0])  # "1. Nhiệm vụ của thành viên Ban Chỉ đạo" / "1.1 …"
        if not paras:  # "- Sở Nội vụ: Chủ trì …" / "- Sở Tài chính: …": bullets, one per agency
            paras = _agency_items(text, part, ctx)
        for para in paras:
            own = _paragraph(text, low, para, ctx)
            items = [] if subsections(sections, para) else _agency_items(text, para, ctx)
            if items and all(r.agency.is_group for r in own):
                # "1. Trách nhiệm của các cơ quan" / "a) Sở Nội vụ: …" / "b) Sở Tài chính: …": the items
                own = [r for p in items for r in _paragraph(text, low, p, ctx)]
            out += own
    if not out and find_sections(sections, "organisation"):
        warnings.append("responsibilities: no numbered agency paragraph found in 'Tổ chức thực hiện'")
    # link each responsibility to the tasks its agency leads (as stated in the task text)
    linked = []
    for r in out:
        covers = tuple(i for i, t in enumerate(tasks) if any(a.name == r.agency.name for a in t.lead))
        linked.append(Responsibility(r.agency, r.duties, covers, r.span))
    return _unique(linked)


_ITEM_AT = re.compile(r"^[ \t*_]*(?:[-+•]|[a-zđ]\))[ \t]+", re.M)


def _agency_items(text: str, para: Section, ctx: UnitContext) -> list[Section]:
    """The bullets or lettered items of ``para`` that each name an agency before a colon ("a) Sở Nội vụ:
    Chủ trì …"), as paragraphs, when there are two or more (else none)."""
    if text.count(":", para.body_start, para.end) < 2:
        return []
    marks = list(_ITEM_AT.finditer(text, para.body_start, para.end))
    out = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=False):
        end = nxt.start() if nxt else para.end
        line_end = text.find("\n", m.end(), end)
        line_end = end if line_end < 0 else line_end
        colon = text.find(":", m.end(), min(line_end, m.end() + 120))
        if colon < 0 or not _AGENCY_WORD.match(text, m.end()):
            continue
        named = resolve_agencies(text[m.end() : colon], m.end(), ctx, explicit=True, keep_unknown=False)
        if named and named[0].span[0] == m.end():
            head = text[m.end() : colon]
            out.append(Section(para.kind, head, m.start(), end, para.level + 1, "", line_end))
    return out if len(out) >= 2 else []


def _masked(low: str, text: str, start: int, end: int) -> str:
    """``low`` with the words of names in ``text[start:end]`` blanked: a capitalised word after a
    capitalised word is part of a name ("Sở Xây dựng" is no verb "xây dựng", "Trưởng Ban Chỉ đạo")."""
    found = [
        (m.start(1), m.end(1))
        for m in _NAME_GOES_ON.finditer(text, start, end)
        if any(v.start() < m.end(1) for v in _SUBJECT_END.finditer(low, m.start(1) - 1, m.end(1) + 12))
    ]
    if not found:
        return low
    region = list(low[start:end])
    for s, e in found:
        region[s - start : e - start] = "x" * (e - s)
    return low[:start] + "".join(region) + low[end:]


_BLANK_NEXT = re.compile(r"\n\s*\n")
_ITEM_NEXT = re.compile(r"\n[ \t]*[-+•]|\n[ \t]*[a-zđ]\)")
_SHORT_LINE_THEN_BLANK = re.compile(r"\s*\n([^\n]{1,40})\n\s*\n")
_NEXT_LINE = re.compile(r"[ \t]*\n([^\n]{1,60})\n")


def _paragraph(text: str, low: str, para: Section, ctx: UnitContext) -> list[Responsibility]:
    head = text[para.start : para.body_start]
    span = (para.start, rstrip_end(text, para.end))
    members = enumerated_members(head, para.start, ctx)
    if members:  # "Các cơ quan … (gồm các Sở: Xây dựng, Công Thương …)": one entry per member
        duties = _duties(text[para.body_start : para.end], ctx.ocr)
        return [Responsibility(a, duties, (), span) for a in members]
    prefix = _PREFIX.match(loose(head))
    sub_start = para.start + (prefix.end() if prefix else 0)
    if prefix and _WHOSE.search(prefix.group(0)):
        # "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:": the rest of the heading names who
        name = _NOTE.sub(" ", text[sub_start : para.body_start]).strip(" \t\n:*_.")
        agents = resolve_agencies(name, sub_start, ctx, explicit=True, keep_unknown=False)
        if not agents and name:
            role = name[:1].upper() + name[1:]
            where = (sub_start, sub_start + len(name))
            agents = [AgencyRef(role, name, ctx.path, "other", False, None, where)]
        duties = _duties(text[para.body_start : para.end], ctx.ocr)
        return [Responsibility(a, duties, (), span) for a in agents]
    low = _masked(low, text, sub_start, min(para.end, max(para.body_start, sub_start) + 160))
    head_low = low[sub_start : para.body_start]
    colon = _COLON.search(head_low)
    cut = _SUBJECT_END.search(head_low)
    if colon is None and cut is None:  # "… và các tổ chức\nchính trị - xã hội thành phố: Phối hợp …"
        nl = low.find("\n", para.body_start + 1, para.end)
        wrapped = _COLON.search(low, para.body_start, nl if nl > 0 else para.end)
        if (
            wrapped
            and wrapped.start() - para.body_start <= 80
            and not _SUBJECT_END.search(low, para.body_start, wrapped.start())
        ):
            colon = wrapped
            head_low = low[sub_start : wrapped.end()]
    if colon and (cut is None or colon.start() < cut.start()):
        # "3. Trung tâm … thành phố: Tăng thời lượng …" (the agency, a colon, its duties);
        # the agency's name may wrap onto the next line before the colon
        whole_heading = True
        subject_end = colon.start() if colon.start() >= para.body_start else sub_start + colon.start()
    else:
        # a sentence that goes on to the next line: its subject may wrap too ("…, Đoàn\nTNCS …")
        nxt_line = text[para.body_start : para.body_start + 5]
        runs_on = (
            cut is None
            and _AGENCY_WORD.match(text, sub_start) is not None  # not after a duty heading
            and nxt_line[:1] == "\n"
            and nxt_line[1:2].strip() != ""
            and not nxt_line[1:2].islower()
            and not _BLANK_NEXT.match(nxt_line)
            and not _ITEM_NEXT.match(nxt_line)
            # a complete heading ("7. Các trường học trên địa bàn xã") followed by a sentence does not run on
            and (
                _CONTINUES.search(head_low) is not None
                or _AGENCY_WORD.match(text, para.body_start + 1) is not None
                or _ABBREVIATION.match(text, para.body_start + 1) is not None  # "…, Đoàn\nTNCS Hồ Chí Minh"
            )
        )
        if runs_on:
            wrapped = _COLON.search(low, para.body_start, min(para.end, para.body_start + 80))
            cut = _SUBJECT_END.search(low, sub_start, min(para.end, sub_start + 400))
            if wrapped and (cut is None or wrapped.start() < cut.start()):
                subject_end, whole_heading = wrapped.start(), True
            elif cut:
                subject_end, whole_heading = cut.start(), False
            else:
                subject_end, whole_heading = sub_start + len(head_low.rstrip()), True
        else:
            whole_heading = cut is None
            subject_end = sub_start + (cut.start() if cut else len(head_low.rstrip()))
        # a heading that wraps onto the next line ("… và các tổ chức\nthành viên")
        if whole_heading:
            nxt = _SHORT_LINE_THEN_BLANK.match(text[para.body_start - 1 : para.end])
            if nxt and nxt.group(1)[:1].islower():
                subject_end = para.body_start - 1 + nxt.end(1)
            elif (
                _CONTINUES.search(head_low)
                or _UNIT_LINE.match(text, para.body_start)
                or _SHORT_TAIL.match(text, para.body_start)  # "…, Huyen\ndoan, LDLD huyen\nPh6i hop …" (OCR)
            ):
                # "… thành phố và các\ntổ chức chính trị - xã hội thành phố", "… xã hội\nhuyện\n"
                nxt = _NEXT_LINE.match(text[para.body_start : para.end])
                if nxt and nxt.group(1)[:1].islower():
                    subject_end = para.body_start + nxt.end(1)
        tail = _HEADING_TAIL.match(text, para.body_start)
        if whole_heading and tail and not _CONTINUES.search(text, sub_start, para.body_start):
            # "3. Đề nghị Ủy ban …, Hội Liên hiệp\n\nPhụ nữ … và các tổ chức thành viên" then bullets:
            # a heading broken over a blank line
            subject_end = tail.end(1)
    if whole_heading and not _AGENCY_WORD.match(text, sub_start):
        whole_heading = False  # "2. Tăng cường …": a duty, not an agency
    subject = _NOTE.sub(lambda m: " " * len(m.group(0)), text[sub_start:subject_end])
    # vague collectives ("các cơ quan, đơn vị, địa phương") count when the subject opens with one
    explicit = whole_heading or bool(_OPENS_GROUP.match(low, sub_start))
    agents = resolve_agencies(subject, sub_start, ctx, explicit=explicit, keep_unknown=whole_heading)
    if whole_heading and len(agents) == 1:
        agents = [_whole_name(agents[0], subject, sub_start)]
    body = text[subject_end : para.end]
    duties = _duties(body, ctx.ocr)
    span = (para.start, rstrip_end(text, para.end))
    out = [Responsibility(a, duties, (), span) for a in agents]
    # "Đề nghị Liên đoàn Lao động …" inside the paragraph: its own entry
    for m in line_start_matches(_INNER_REQUEST, _INNER_REQUEST_AFTER_BREAK, low, para.body_start, para.end):
        line_end = text.find("\n", m.end())
        line_end = para.end if line_end < 0 or line_end > para.end else line_end
        chunk_low = low[m.end() : line_end]
        c = _SUBJECT_END.search(chunk_low)
        chunk_end = m.end() + (c.start() if c else min(len(chunk_low), 120))
        for a in resolve_agencies(text[m.end() : chunk_end], m.end(), ctx, explicit=False):
            out.append(
                Responsibility(a, _duties(text[chunk_end:line_end], ctx.ocr), (), (m.start(), line_end))
            )
    return out


_LOWER_WORDS = r"[a-zđ\u00e0-\u1ef9]+(?:[ \t]+[a-zđ\u00e0-\u1ef9]+)*"
# what a heading goes on with after a name cut at a list separator: "đầu tư, thương mại và du lịch"
_ATTRIBUTE_LIST = re.compile(
    rf"[ \t]*(?:{_LOWER_WORDS})?(?:[ \t]*,[ \t]*{_LOWER_WORDS})*"
    rf"[ \t]*(?:,|[ \t]và)[ \t]+{_LOWER_WORDS}[ \t.:]*"
)


def _whole_name(agent: AgencyRef, subject: str, offset: int) -> AgencyRef:
    """The one agency a heading names, with the attributes it lists: "Trung tâm Xúc tiến đầu tư, thương
    mại và du lịch", "Các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa" (the name runs on in
    lower case over "," and "và", which split a list of agencies elsewhere)."""
    end = agent.span[1] - offset
    if not _ATTRIBUTE_LIST.fullmatch(subject, end):
        return agent
    tail = subject[end:].rstrip(" \t.:")
    return replace(
        agent,
        name=agent.name + tail,
        source_text=agent.source_text + tail,
        span=(agent.span[0], agent.span[1] + len(tail)),
    )


def _duties(body: str, ocr: bool) -> tuple[str, ...]:
    parts = [squash(p).strip(" -+•;.:") for p in _DUTY_SPLIT.split(body)]
    duties = [p for p in parts if len(p) > 15]  # OCR spelling kept: duties are free text
    return tuple(d[:1].upper() + d[1:] for d in duties)


def _unique(items: list[Responsibility]) -> list[Responsibility]:
    seen: set[str] = set()
    out = []
    for r in items:
        if r.agency.name in seen:
            continue
        seen.add(r.agency.name)
        out.append(r)
    return out


def agency_at(responsibilities: list[Responsibility], offset: int) -> AgencyRef | None:
    """The agency whose responsibility paragraph contains ``offset`` (the implicit subject)."""
    for r in responsibilities:
        if r.span[0] <= offset < r.span[1]:
            return r.agency
    return None
