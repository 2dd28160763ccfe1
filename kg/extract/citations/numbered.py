"""Numbered citations: "Kế hoạch số 59/KH-UBND ngày 14/3/2022 của …", "Nghị định 55/2009/NĐ-CP"."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.citations.articles import (
    ARTICLE_PAREN,
    DATE_AFTER,
    article_before,
    clause_end,
    date_of,
    read_articles,
)
from kg.extract.citations.relation import citation_relation
from kg.extract.records import AgencyRef, DocRef
from kg.extract.sections import Section
from kg.text.normalize import squash

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
    (r"thong\s*bao(?:\s*ket\s*luan)?", "other"),  # a Party "Thông báo kết luận" (tests/real/README.md)
    (r"thong\s*tri", "other"),
    (r"ket\s*luan", "other"),
    (r"quy\s*dinh", "other"),  # a Party "Quy định số 178-QĐ/TW"
    (r"cong\s*dien", "official-letter"),
    (r"chuong\s*trinh", "programme"),
    (r"to\s*trinh", "other"),
    (r"de\s*an", "programme"),
    (r"chien\s*luoc", "strategy"),
)
_QUALIFIER = r"(?:\s+(?!(?:cua|va|ngay|tai|theo|ve|so|nay|cac|nhung)(?![a-z]))[a-zđ]+){1,6}?"
_KIND_RE = "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KINDS))
_NUMBERED = re.compile(
    r"(?:" + _KIND_RE + r")(?P<qual>" + _QUALIFIER + r"(?=\s+s[o0]\s*[:.]?\s*\d))?\s*(?:s[o0]\s*)?[:.]?\s*"
    r"(?P<num>\d{1,5}(?:\s*[/-]\s*[a-z0-9&đ]+)*\s*/\s*[a-z0-9&đ]+(?:\s*-\s*[a-z0-9&đ]+)*)"
)
# "khoản 1, 2 và khoản 3 Điều 6", "Điều 11 và Điều 12", "điểm a khoản 2 Điều 5": coordinated subdivisions
_OF = re.compile(r"[\s,]*cua\s+")
_LINK_BEFORE = re.compile(  # "… và (khoản 2 Điều 3) <next document>": the link ends the title before it
    r"[\s,;]*(?:\s(?:va|cung\s*nhu)\s*)?(?:(?:khoan|diem)\s+[\d,\s]+)?(?:dieu\s+\d+\s*)?$"
)
_SUFFIX_ISSUER = (
    (r"/QĐ-TTg$|/CT-TTg$|-TTg$", "Thủ tướng Chính phủ"),
    (r"/NĐ-CP$|/NQ-CP$|-CP$", "Chính phủ"),
    (r"/QH\d*$", "Quốc hội"),
)


# a document number has letters ("\d\d{0,4}" is "\d{1,5}": a search skips ahead to a digit)
_NUMBER_START = re.compile(r"\d\d{0,4}(?:\s*[/-]\s*\d+)*\s*[/-]\s*[a-zđ]")
_KIND_BEFORE = re.compile(r"(?:" + _KIND_RE + r")\s*(?:s[o0]\s*)?[:.]?\s*$")
# a kind word, a few qualifying words, then "số": "Chương trình hành động số 10-CTr/TU", "Kết luận liên
# ngành Tư pháp Trung ương số 23/KL-LNTPTW", "Thông tư liên tịch số …" (not laws: their names are read
# by named.py; not "quy định", a common noun before its "số" as often as a document)
_QUALIFIED_KINDS = "|".join(p for p, k in _KINDS if k not in ("law", "code") and not p.startswith("quy"))
_KIND_QUALIFIED_BEFORE = re.compile(
    r"(?<![a-z])(?P<kind>" + _QUALIFIED_KINDS + r")(?P<qual>" + _QUALIFIER + r")\s+s[o0]\s*[:.]?\s*$"
)

_ISSUING_CLAUSE = re.compile(
    r"[,;]\s*(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+[^,;.]{0,30}?(?:ban\s*hanh|xay\s*dung)\s+(?:ke\s*hoach|quyet\s*dinh)"
)


def numbered_matches(low: str) -> list[re.Match[str]]:
    """Numbered citations: find the numbers first (rare, fast), then the kind word before each."""
    out = []
    last_end = 0
    for n in _NUMBER_START.finditer(low):
        s = n.start()
        if s < last_end or (s and low[s - 1].isalnum()):
            continue
        k = _KIND_BEFORE.search(low, max(0, s - 30), s)
        if not k or (k.start() and low[k.start() - 1].isalpha()):
            q = _KIND_QUALIFIED_BEFORE.search(low, max(0, s - 90), s)
            m = _NUMBERED.match(low, q.start()) if q else None
            if m and m["qual"]:
                out.append(m)
                last_end = m.end()
            continue
        m = _NUMBERED.match(low, k.start())
        if m:
            out.append(m)
            last_end = m.end()
    return out


def _kind_of(m: re.Match[str]) -> str:
    group = next(g for g, v in m.groupdict().items() if v is not None and g.startswith("k"))
    return _KINDS[int(group[1:])][1]


def numbered(
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
    pre = article_before(low, start)
    if pre and not low[pre.end() : start].strip():
        articles = read_articles(text[pre.start(1) : pre.end(1)])
        start = pre.start(1)
    pos = m.end()
    date = None
    dm = DATE_AFTER.match(low, pos)
    if dm:
        date = date_of(text[dm.start("date") : dm.end("date")])
        pos = dm.end()
    issuer: AgencyRef | None = None
    end = clause_end(low, pos)
    if next_start is not None and pos <= next_start < end:
        link = _LINK_BEFORE.search(low, pos, next_start)
        end = link.start() if link else next_start
    issuing = _ISSUING_CLAUSE.search(low, pos, end)
    if issuing:  # "…, UBND tỉnh ban hành Kế hoạch như sau:": the plan's own issuing clause ends the title
        end = issuing.start()
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
    kind_word = squash(text[m.start() : m.end("qual") if m["qual"] else m.end(group)])
    rest = squash(text[rest_from:end]).strip(" ,.;") if rest_from < end else ""
    title = squash(f"{kind_word[:1].upper()}{kind_word[1:]} {rest}")[:300]
    paren = ARTICLE_PAREN.match(low, end) if not articles else None
    if paren:
        articles = read_articles(text[paren.start(1) : paren.end(1)])
    relation = citation_relation(low, start, sections, plan_head_end, text)
    span_end = max(end, pos)
    ref = DocRef(number, kind, title, date, issuer, articles, relation, (start, span_end))
    return ref, span_end


def _issuer_end(low: str, pos: int) -> int:
    m = re.search(r"\s(?:ve|phe\s*duyet|quy\s*dinh|thuc\s*hien|ban\s*hanh|tai)\s|[,;(]|\.(?:\s|$)", low[pos:])
    return pos + m.start() if m else len(low)
