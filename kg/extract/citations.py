"""Cited documents: numbered ("Kế hoạch số 59/KH-UBND ngày 14/3/2022 của …") and named
("Luật Bình đẳng giới", "Công ước CEDAW năm 1979", "Hiến pháp … năm 2013 (Điều 26)",
"Chương trình truyền thông về dân số đến năm 2030"), with article/clause references
("Điều 6 Nghị định 55/2009/NĐ-CP", "Luật Bình đẳng giới (khoản 1,2,3,4 Điều 11)").

Relation of each citation (vnc:scheme-citation): ``implements`` when the document follows
"Thực hiện" in the opening of the plan, ``legal-basis`` after "Căn cứ", ``content`` when it is
named as something to communicate (a "nội dung truyền thông" section, or after "tuyên
truyền"/"phổ biến"), else ``mention``. Each document is returned once (merged across mentions:
strongest relation, union of articles).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef, DocRef
from kg.extract.sections import Section
from kg.lexicon import restore
from kg.text.normalize import DATE_NUMERIC, fold_keep, iso_date, loose, squash, to_int

_KINDS = (  # folded kind word → doctype
    (r"ke\s*ho[a-z]{0,2}ch", "plan"),
    (r"quyet\s*dinh", "decision"),
    (r"nghi\s*quyet", "resolution"),
    (r"nghi\s*dinh", "decree"),
    (r"chi\s*thi", "directive"),
    (r"thong\s*tu", "circular"),
    (r"cong\s*van", "official-letter"),
    (r"van\s*ban", "official-letter"),
    (r"huong\s*dan", "instruction"),
    (r"bo\s*luat", "code"),
    (r"luat", "law"),
    (r"thong\s*bao", "official-letter"),
    (r"ket\s*luan", "other"),
    (r"chuong\s*trinh", "programme"),
    (r"to\s*trinh", "other"),
    (r"de\s*an", "programme"),
    (r"chien\s*luoc", "strategy"),
)
_KIND_RE = "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KINDS))
_NUMBERED = re.compile(
    r"(?:" + _KIND_RE + r")\s*(?:s[o0]\s*)?[:.]?\s*"
    r"(?P<num>\d{1,5}(?:\s*[/-]\s*[a-z0-9&đ]+)*\s*/\s*[a-z0-9&đ]+(?:\s*-\s*[a-z0-9&đ]+)*)"
)
# "khoản 1, 2 và khoản 3 Điều 6", "Điều 11 và Điều 12", "điểm a khoản 2 Điều 5": coordinated subdivisions
_CLAUSES = r"(?:khoan|diem)\s+\d+(?:\s*(?:,|va)\s*(?:(?:khoan|diem)\s+)?\d+)*"
_ART = r"(?:" + _CLAUSES + r"\s*,?\s*)?dieu\s+\d+"
_ARTS = _ART + r"(?:\s*(?:,|va)\s*" + _ART + r")*"
_ARTICLE_BEFORE = re.compile(r"(" + _ARTS + r")\s*$")
_ARTICLE_PAREN = re.compile(r"\s*\(\s*(" + _ARTS + r")\s*\)")
_ARTICLE_TOKEN = re.compile(r"(?P<word>khoan|diem)\s+|dieu\s+(?P<art>\d+)|(?P<num>\d+)")
_DATE_AFTER = re.compile(
    r"[\s,]*(?:ng[a-z]{1,3}\s*)(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
    r"\d{1,2}\s*th[a-z]{1,3}\s*\d{1,2}\s*n[a-z]{1,3}\s*\d{4})"
)
_OF = re.compile(r"[\s,]*cua\s+")
_CLAUSE_END = re.compile(
    r";|\.(?:\s|$)|\n\s*\n|\n\s*[-+•]\s|\n\s*[a-zđ]\)\s|\n\s*\d+\.\s|\s+va\s+(?=(?:luat|bo\s*luat)\s)"
)
_LINK_BEFORE = re.compile(  # "… và (khoản 2 Điều 3) <next document>": the link ends the title before it
    r"[\s,;]*(?:\s(?:va|cung\s*nhu)\s*)?(?:(?:khoan|diem)\s+[\d,\s]+)?(?:dieu\s+\d+\s*)?$"
)
_OPENER = re.compile(r"(thuc\s*hien|trien\s*khai|can\s*cu|theo)\W*$")
_SENTENCE_OPENER = re.compile(r"\W*(thuc\s*hien|trien\s*khai|can\s*cu)\s")
_AND_BEFORE = re.compile(r"(?:\s(?:va|cung\s*nhu)|[,;])\s*$")
_CONTENT_CUE = re.compile(r"tuyen\s*truyen|pho\s*bien|truyen\s*thong\s+ve|cac\s+quy\s+dinh")

# named documents without number: (folded start, doctype, how the name ends)
_NAMED = re.compile(
    r"(?P<kw>bo\s+luat|luat|hien\s+phap|cong\s+uoc|tuyen\s+bo|cuong\s+linh|"
    r"chuong\s+trinh|chien\s+luoc\s+quoc\s+gia|ke\s+hoach\s+hanh\s+dong)(?![a-z])"
)
_NAMED_KIND = {
    "bo luat": "code",
    "luat": "law",
    "hien phap": "constitution",
    "cong uoc": "convention",
    "tuyen bo": "other",
    "cuong linh": "other",
    "chuong trinh": "programme",
    "chien luoc quoc gia": "strategy",
    "ke hoach hanh dong": "plan",
}
_PROGRAMME_WORD = re.compile(
    r"(?:truyen|muc\s+tieu|phong|hanh\s+dong|nghi\s+su|quoc\s+gia|ho\s+tro|giao\s+duc|"
    r"phat\s+trien|bao\s+ve|cham\s+soc|dan\s+so)"
)
_NOT_LAW = re.compile(r"\s*(?:phap|su|gia)(?![a-z])")
_NEW_ITEM = re.compile(
    r"(?:cac|nhung|bo\s+luat|luat|nghi\s+dinh|quyet\s+dinh|chi\s+thi|hien\s+phap|thong\s+tu|"
    r"nghi\s+quyet|cong\s+uoc|ke\s+hoach|chuong\s+trinh)(?![a-z])"
)
_PERIOD_END = re.compile(r"(?:den\s+nam\s+\d{4}|giai\s+doan\s+\d{4}\s*[-–—]\s*\d{4})")
_YEAR = re.compile(r"(?:\(\s*|\bnam\s+)((?:19|20)\d\d)\s*\)?")
_RANK = {"implements": 3, "legal-basis": 2, "content": 1, "mention": 0}
_STOP = {"ve", "cua", "va", "nam", "giai", "doan", "den", "tren", "dia", "ban", "the", "cac"}
_SUFFIX_ISSUER = (
    (r"/QĐ-TTg$|/CT-TTg$|-TTg$", "Thủ tướng Chính phủ"),
    (r"/NĐ-CP$|/NQ-CP$|-CP$", "Chính phủ"),
    (r"/QH\d*$", "Quốc hội"),
)


_NUMBER_START = re.compile(r"\d{1,5}(?:\s*[/-]\s*\d+)*\s*[/-]\s*[a-zđ]")  # a document number has letters
_KIND_BEFORE = re.compile(r"(?:" + _KIND_RE + r")\s*(?:s[o0]\s*)?[:.]?\s*$")


def _numbered_matches(low: str) -> list[re.Match[str]]:
    """Numbered citations: find the numbers first (rare, fast), then the kind word before each."""
    out = []
    last_end = 0
    for n in _NUMBER_START.finditer(low):
        s = n.start()
        if s < last_end or (s and low[s - 1].isalnum()):
            continue
        k = _KIND_BEFORE.search(low, max(0, s - 30), s)
        if not k or (k.start() and low[k.start() - 1].isalpha()):
            continue
        m = _NUMBERED.match(low, k.start())
        if m:
            out.append(m)
            last_end = m.end()
    return out


def _kind_of(m: re.Match[str]) -> str:
    group = next(g for g, v in m.groupdict().items() if v is not None and g.startswith("k"))
    return _KINDS[int(group[1:])][1]


def _articles(raw: str) -> tuple[str, ...]:
    """ "khoản 1,2,3,4 Điều 11" → ("khoản 1 Điều 11", …); "Điều 11 và Điều 12" → ("Điều 11", "Điều 12");
    "khoản 1 và khoản 2 Điều 6" → ("khoản 1 Điều 6", "khoản 2 Điều 6")."""
    out: list[str] = []
    word = None
    pending: list[str] = []
    for t in _ARTICLE_TOKEN.finditer(fold_keep(raw)):
        if t["word"]:
            word = "khoản" if t["word"] == "khoan" else "điểm"
        elif t["num"] and word:
            pending.append(f"{word} {t['num']}")
        elif t["art"]:
            article = f"Điều {t['art']}"
            out += [f"{p} {article}" for p in pending] or [article]
            pending, word = [], None
    return tuple(dict.fromkeys(out))


def _article_before(low: str, start: int) -> re.Match[str] | None:
    """The subdivisions written right before a document ("khoản 1 và khoản 2 Điều 6 <Luật …>")."""
    lo = max(0, start - 100)
    return _ARTICLE_BEFORE.search(low, lo, start) if "dieu" in low[lo:start] else None


def _date(raw: str) -> str | None:
    low = loose(raw)
    m = DATE_NUMERIC.search(low)
    if m:
        return iso_date(int(m["y"]), int(m["m"]), int(m["d"]))[0]
    m = re.search(r"(\d{1,2})\s*th[a-z]{1,3}\s*(\d{1,2})\s*n[a-z]{1,3}\s*(\d{4})", low)
    if m:
        return iso_date(int(m.group(3)), to_int(m.group(2)), to_int(m.group(1)))[0]
    return None


def _clause_end(low: str, pos: int, limit: int = 400) -> int:
    m = _CLAUSE_END.search(low, pos, min(len(low), pos + limit))
    return m.start() if m else min(len(low), pos + limit)


def _relation(low: str, start: int, sections: list[Section], plan_head_end: int) -> str:
    before = low[max(0, start - 40) : start]
    opener = _OPENER.search(before)
    if start < plan_head_end:
        if opener is None and _AND_BEFORE.search(before):
            # "Thực hiện Quyết định số …; Công văn số … và Kế hoạch số …": the opener applies to all
            opener = _sentence_opener(low, start)
        if opener:
            word = opener.group(1)
            if word.startswith(("thuc", "trien")):
                return "implements"
            if word.startswith("can"):
                return "legal-basis"
    if any(s.kind == "content" and s.start <= start < s.end for s in sections):
        return "content"
    line_start = max(low.rfind("\n", 0, start), low.rfind(";", 0, start), low.rfind(". ", 0, start)) + 1
    if _CONTENT_CUE.search(low, line_start, start):
        return "content"
    return "mention"


def _sentence_opener(low: str, start: int, max_lines: int = 8) -> re.Match[str] | None:
    """The opener ("Thực hiện", "Căn cứ") of the sentence around ``start``; a sentence may be
    wrapped over several lines (PDF text), so a line that does not follow a full stop continues it."""
    pos = start
    for _ in range(max_lines):
        line = low.rfind("\n", 0, pos) + 1
        dot = low.rfind(". ", line, start)
        if dot >= 0:
            return _SENTENCE_OPENER.match(low, dot + 1)
        m = _SENTENCE_OPENER.match(low, line)
        if m or line == 0:
            return m
        before = low[: line - 1].rstrip(" \t")  # the text above, without this line's break
        if before.endswith(("\n", ".", ";", ":")) or not before:
            return None  # a blank line or a finished sentence above: no opener for this one
        pos = line - 1
    return None


def extract_citations(
    text: str, sections: list[Section], ctx: UnitContext, plan_head_end: int, warnings: list[str]
) -> list[DocRef]:
    """Every document cited in the plan, once each, in order of first mention."""
    low = loose(text)
    found: list[DocRef] = []
    taken: list[tuple[int, int]] = []  # spans of numbered citations (their titles included)
    matches = _numbered_matches(low)
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(low)
        try:
            ref, title_end = _numbered(text, low, m, sections, ctx, plan_head_end, nxt)
        except (ValueError, IndexError) as e:  # defensive: never fail the whole plan on one citation
            warnings.append(f"citations: could not read {text[m.start() : m.end()]!r} ({e})")
            continue
        found.append(ref)
        taken.append((ref.span[0], title_end))
    merged: list[list[int]] = []  # numbered citations' spans (titles included), merged
    for s0, e0 in sorted(taken):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    starts = [iv[0] for iv in merged]
    named_end = 0
    for m in _NAMED.finditer(low):
        pos = m.start()
        if pos and low[pos - 1].isalpha() or pos < named_end:
            continue
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < merged[i][1]:
            continue
        ref = _named(text, low, m, sections, plan_head_end, ctx)
        if ref:
            found.append(ref)
            named_end = ref.span[1]
    found.sort(key=lambda r: r.span)
    return _merge(found)


def _numbered(
    text: str,
    low: str,
    m: re.Match[str],
    sections: list[Section],
    ctx: UnitContext,
    plan_head_end: int,
    next_start: int | None = None,
) -> tuple[DocRef, int]:
    """One numbered citation; its title ends at its clause's end or where the next numbered
    document of the same sentence begins ("Quyết định số … về … và Kế hoạch số …")."""
    kind = _kind_of(m)
    number = re.sub(r"\s+", "", text[m.start("num") : m.end("num")])
    start = m.start()
    articles: tuple[str, ...] = ()
    pre = _article_before(low, start)
    if pre and not low[pre.end() : start].strip():
        articles = _articles(text[pre.start(1) : pre.end(1)])
        start = pre.start(1)
    pos = m.end()
    date = None
    dm = _DATE_AFTER.match(low, pos)
    if dm:
        date = _date(text[dm.start("date") : dm.end("date")])
        pos = dm.end()
    issuer: AgencyRef | None = None
    end = _clause_end(low, pos)
    if next_start is not None and pos <= next_start < end:
        link = _LINK_BEFORE.search(low, pos, next_start)
        end = link.start() if link else next_start
    rest_from = pos
    of = _OF.match(low, pos)
    if of:
        phrase_end = min(end, _issuer_end(low, of.end()))
        rest_from = phrase_end
        refs = resolve_agencies(
            text[of.end() : phrase_end], of.end(), replace(ctx, date=date or ctx.date), explicit=False
        )
        issuer = next((r for r in refs if not r.is_group), None)
    if issuer is None:
        back = re.search(r"cua\s+(.{3,80}?)\s+tai\s*$", low[max(0, start - 100) : start])
        if back:
            s0 = max(0, start - 100) + back.start(1)
            refs = resolve_agencies(text[s0 : s0 + len(back.group(1))], s0, ctx, explicit=False)
            issuer = next((r for r in refs if not r.is_group), None)
    if issuer is None:
        for pattern, name in _SUFFIX_ISSUER:
            if re.search(pattern, number):
                issuer = AgencyRef(
                    name, number, "vn", "government", False, None, (m.start("num"), m.end("num"))
                )
                break
    group = next(g for g, v in m.groupdict().items() if v is not None and g.startswith("k"))
    kind_word = squash(text[m.start() : m.end(group)])
    rest = squash(text[rest_from:end]).strip(" ,.;") if rest_from < end else ""
    title = squash(f"{kind_word[:1].upper()}{kind_word[1:]} {rest}")[:300]
    paren = _ARTICLE_PAREN.match(low, end) if not articles else None
    if paren:
        articles = _articles(text[paren.start(1) : paren.end(1)])
    relation = _relation(low, start, sections, plan_head_end)
    span_end = max(end, pos)
    ref = DocRef(number, kind, title, date, issuer, articles, relation, (start, span_end))
    return ref, span_end


def _issuer_end(low: str, pos: int) -> int:
    m = re.search(r"\s(?:ve|phe\s*duyet|quy\s*dinh|thuc\s*hien|ban\s*hanh|tai)\s|[,;(]|\.(?:\s|$)", low[pos:])
    return pos + m.start() if m else len(low)


def _named(
    text: str, low: str, m: re.Match[str], sections: list[Section], plan_head_end: int, ctx: UnitContext
) -> DocRef | None:
    kw = re.sub(r"\s+", " ", m.group("kw"))
    kind = _NAMED_KIND[kw]
    first = text[m.start()]
    if not first.isupper() and not (kind == "programme" and _PROGRAMME_WORD.match(low, m.end() + 1)):
        return None
    if kw == "luat" and _NOT_LAW.match(low, m.end()):
        return None
    stop = _clause_end(low, m.end(), 300)
    while _AND_NEXT.match(low, stop) and _AMENDS.search(low, m.end(), stop):
        stop = _clause_end(low, _AND_NEXT.match(low, stop).end(), 300)  # "sửa đổi … của Luật A và Luật B"
    end = stop
    if kind == "programme":
        nxt = text[m.end() : m.end() + 20].lstrip(' “"')
        if not (nxt[:1].isupper() or _PROGRAMME_WORD.match(loose(nxt))):
            return None
        pe = _PERIOD_END.search(low, m.end(), stop)
        if pe and len(low[m.end() : pe.start()].split()) <= 25:
            end = pe.end()
        elif _AGENDA.match(low, m.end()):  # "Chương trình nghị sự 2030 vì sự phát triển bền vững"
            end = _name_end(text, low, m.end(), stop)
        elif _NATIONAL_TARGET.match(low, m.end()) and not _PLURAL_BEFORE.search(
            low, max(0, m.start() - 8), m.start()
        ):
            # "Chương trình mục tiêu quốc gia …" has a proper name (not "các chương trình mục tiêu quốc gia")
            end = _name_end(text, low, m.end(), stop)
        else:
            return None
        if low[m.end() :].lstrip().startswith(("nghi su",)):
            kind = "other"
        own = fold_keep(ctx.type_word or "").split()
        own_re = r"tren\s+dia\s+ban\s+" + r"\s+".join(own) + r"(?![a-z])"
        if own and re.search(own_re, low[m.start() : end]):
            return None  # "… trên địa bàn xã Phú Thiện giai đoạn …": the plan itself
    else:
        end = _name_end(text, low, m.end(), stop)
    raw = text[m.start() : end]
    name = squash(raw).strip(' ,.:“”"')
    name = re.sub(r"[“”\"]", "", name)
    if len(name.split()) < 2 or re.match(r"^\w+(?:\s+\w+)?\s+(?:có|co|liên|lien|khác|khac|này|nay)\b", name):
        return None
    date = None
    number = None
    nm = _NUMBER_AFTER.match(low, end)
    if nm and kind in ("law", "code", "constitution"):
        number = re.sub(r"\s+", "", text[nm.start("num") : nm.end("num")])
        end = nm.end()
    ym = _YEAR.search(loose(name)) if _NAMED_KIND[kw] != "programme" else None
    tail = low[end : end + 12]
    ty = re.match(r"\s*\(\s*((?:19|20)\d\d)\s*\)", tail)
    dm = _DATE_AFTER.match(low, end)
    ya = _YEAR_AFTER.match(low, end) if not dm else None
    if ya and kind != "programme":
        date = ya.group(1)
        end = ya.end()
        if kind == "constitution":
            name = squash(text[m.start() : end])
        ty = None
    if dm:
        date = _date(text[dm.start("date") : dm.end("date")])
        end = dm.end()
    elif ty:
        date = ty.group(1)
        end += ty.end()
    elif ym:
        date = ym.group(1)
        if kind not in ("constitution",):
            name = squash(name[: ym.start()] + name[ym.end() :]).strip(" ,(")
    paren = re.match(r"\s*\(([^()]{3,80})\)", text[end : end + 90])
    articles: tuple[str, ...] = ()
    start = m.start()
    pre = _article_before(low, start)
    if pre and not low[pre.end() : start].strip():
        articles = _articles(text[pre.start(1) : pre.end(1)])
        start = pre.start(1)
    if paren:
        inner = paren.group(1)
        if re.search(r"(?<![a-z])dieu\s+\d", fold_keep(inner)):
            articles = _articles(inner)
        elif fold_keep(inner).startswith(kw):
            name = squash(inner)
            iy = _YEAR.search(loose(name))
            if iy:
                date = date or iy.group(1)
                name = squash(name[: iy.start()] + name[iy.end() :])
        end += paren.end()
    if date is None and kind in ("other", "plan", "convention"):
        yr = re.search(r"nam\s+((?:19|20)\d\d)", low[end:stop])
        date = yr.group(1) if yr else None
    if kind in ("law", "code"):
        name = re.sub(r"\s+sửa đổi\s*$", "", name)
        parts = name.split(" ", 2 if kind == "code" else 1)
        if len(parts) > (2 if kind == "code" else 1):
            head = " ".join(parts[:-1])
            name = f"{head[:1].upper()}{head[1:].lower()} {parts[-1][:1].upper()}{parts[-1][1:]}"
    if kind == "plan" and not re.search(r"[A-Z]{3,}|quốc gia|khu vực", name):
        return None
    if ctx.ocr:
        name = restore(name)
    relation = _relation(low, m.start(), sections, plan_head_end)
    return DocRef(number, kind, name, date, None, articles, relation, (start, end))


_NAME_STOP = re.compile(
    r"[(;:,]| va | (?:duoc|thong qua|phe chuan|tren dia ban|so \d|nam\s+(?:19|20)\d\d"
    r"|vao|den|toi|cho|trong(?!\s+khu\s+vuc)|de|nham|tai|theo|gan voi)(?![a-z])"
    r"|[ ,](?=ng[a-z]{1,3}\s*\d)"
)
_PLURAL_BEFORE = re.compile(r"(?:cac|nhung)\s+$")
_AGENDA = re.compile(r"\s+nghi\s+su\s+(?:19|20)\d\d(?!\d)")
_NATIONAL_TARGET = re.compile(r"\s+muc\s+tieu\s+quoc\s+gia\s+\S")
_YEAR_AFTER = re.compile(r"\s*n[a-z]m\s+((?:19|20)\d\d)(?!\d)")
_NUMBER_AFTER = re.compile(r"\s*(?:s[o0])\s*[:.]?\s*(?P<num>\d{1,5}(?:\s*/\s*[a-z0-9đ\-]+)+)")
_FIXED_COMMA = re.compile(r"(?:phong|sua\s+doi|an\s+toan|kham\s+benh),\s*$")


def _name_end(text: str, low: str, pos: int, stop: int) -> int:
    """End of a document name: at a comma or "và" that starts a new item, "(", or the clause end."""
    for m in _NAME_STOP.finditer(low, pos, stop):
        i = m.start()
        ch = low[i]
        if ch in "(;:":
            return i
        if ch == ",":
            if _DATE_AFTER.match(low, i):
                return i
            nxt = text[i + 1 : stop].lstrip()
            seg = _SEGMENT.split(nxt, maxsplit=1)[0]
            seg = _SEG_TAIL.sub("", seg)
            if _FIXED_COMMA.search(low, max(pos, i - 12), i + 1) and nxt[:1].islower():
                continue  # "phòng, chống", "sửa đổi, bổ sung": the comma is part of the name
            if nxt[:1].islower() and len(seg.split()) <= 6 and not _LIST_WORD.match(nxt):
                continue
            return i
        if m.group(0) == " va ":
            if _NEW_ITEM.match(low, i + 4) and not _AMENDS.search(low, pos, i):
                return i  # "…, Luật A và Luật B": two items (but "sửa đổi … của Luật A và Luật B" is one)
            continue
        if ch in " ," and _DATE_AFTER.match(low, i):
            return i
        if ch == " " and m.group(0) != " ":
            return i
    return stop


_AND_NEXT = re.compile(r"\s+va\s+")
_AMENDS = re.compile(r"sua\s+doi.*\bcua\s+(?:luat|bo\s+luat)")
_SEGMENT = re.compile(r"[,;(]|\svà\s|\sva\s")
_SEG_TAIL = re.compile(r"\s+(?:năm|nam|số|so|ngày|ngay)\s+\d.*$")
_LIST_WORD = re.compile(r"(?:các|cac|và|va)\b")


@lru_cache(maxsize=2048)
def _title_key(title: str | None) -> tuple[str, ...]:
    return tuple(fold_keep(title or "").split())


@lru_cache(maxsize=2048)
def _tokens(title: str | None) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", fold_keep(title or "")) if t not in _STOP)


def _same(a: DocRef, b: DocRef) -> bool:
    if a.number and b.number:
        return fold_keep(a.number).replace(" ", "") == fold_keep(b.number).replace(" ", "")
    if a.number or b.number:
        return False
    if _title_key(a.title) == _title_key(b.title):
        return True  # one document, however many dates the text gives near its name
    if a.date and b.date and a.date[:4] != b.date[:4]:
        return False
    if a.kind == b.kind == "constitution" and a.date and b.date:
        return True  # one constitution a year, whether named in full or as "Hiến pháp năm 2013"
    ta, tb = _tokens(a.title), _tokens(b.title)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


def _merge(refs: list[DocRef]) -> list[DocRef]:
    out: list[DocRef] = []
    for r in refs:
        for i, o in enumerate(out):
            if (o.number is None) != (r.number is None) or (o.number is None and o.kind != r.kind):
                continue
            if _same(o, r):
                rel = o.relation if _RANK[o.relation] >= _RANK[r.relation] else r.relation
                arts = tuple(dict.fromkeys(o.articles + r.articles))
                out[i] = replace(
                    o,
                    relation=rel,
                    articles=arts,
                    date=o.date or r.date,
                    issuer=o.issuer or r.issuer,
                    title=o.title or r.title,
                )
                break
        else:
            out.append(r)
    return out
