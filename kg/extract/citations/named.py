"""Named citations without a number: "Luật Bình đẳng giới", "Công ước CEDAW năm 1979", "Hiến pháp … năm
2013 (Điều 26)", "Chương trình truyền thông về dân số đến năm 2030"."""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext
from kg.extract.citations.articles import DATE_AFTER, article_before, clause_end, date_of, read_articles
from kg.extract.citations.named_forms import expand_abbreviations, has_scope, quoted_name_end, special_form
from kg.extract.citations.relation import citation_relation
from kg.extract.metadata.title import readable_title
from kg.extract.records import DocRef
from kg.extract.sections import Section
from kg.lexicon import restore
from kg.text.normalize import fold_keep, loose, squash

# named documents without number: (folded start, doctype, how the name ends)
NAMED = re.compile(
    r"(?P<kw>bo\s+luat|luat|hien\s+phap|cong\s+uoc|tuyen\s+bo|cuong\s+linh|"
    r"chuong\s+trinh|chien\s+luoc|ke\s+hoach\s+hanh\s+dong|quy\s+hoach|"
    r"ke\s+hoach(?=\s+(?:trien\s+khai\s+)?(?:thuc\s+hien|thi\s+hanh|trien\s+khai)\s))(?![a-z])"
)
# … and the rarer forms, tried only where their first words stand (found by plain search: words starting
# with "d", "n" are everywhere, and one pattern for all would try each of them): an agreement, "Đề án
# 06", a decree or circular named by its title ("Nghị định quy định chi tiết …")
_RARE_WORDS = (("hiep", "dinh"), ("nghi", "dinh"), ("thong", "tu"), ("de", "an"))
_RARE_STARTS = tuple(f"{a}{sep}{b}" for a, b in _RARE_WORDS for sep in (" ", "\n"))
_TITLE_VERB = r"(?=\s+(?:quy\s+dinh|huong\s+dan|sua\s+doi)\s)"
NAMED_RARE = re.compile(
    r"(?P<kw>hiep\s+dinh|de\s+an(?=\s+\d)|nghi\s+dinh" + _TITLE_VERB + r"|thong\s+tu" + _TITLE_VERB
    + r")(?![a-z])"
)


def rare_matches(low: str) -> list[re.Match[str]]:
    """The matches of :data:`NAMED_RARE` in ``low`` (each at a word start)."""
    out = []
    for start in _RARE_STARTS:
        pos = low.find(start)
        while pos >= 0:
            if not (pos and low[pos - 1].isalpha()):
                m = NAMED_RARE.match(low, pos)
                if m:
                    out.append(m)
            pos = low.find(start, pos + 1)
    return out
LAW_KW = re.compile(r"(?:bo\s+luat|luat|hien\s+phap)$")  # laws: documents even inside another's title
_NAMED_KIND = {
    "bo luat": "code",
    "luat": "law",
    "hien phap": "constitution",
    "cong uoc": "convention",
    "tuyen bo": "other",
    "cuong linh": "other",
    "chuong trinh": "programme",
    "chien luoc": "strategy",
    "hiep dinh": "other",
    "de an": "programme",
    "nghi dinh": "decree",
    "thong tu": "circular",
    "ke hoach hanh dong": "plan",
    "quy hoach": "other",
    "ke hoach": "plan",
}
_PROGRAMME_WORD = re.compile(
    r"(?:truyen|muc\s+tieu|phong|hanh\s+dong|nghi\s+su|quoc\s+gia|ho\s+tro|giao\s+duc|"
    r"phat\s+trien|bao\s+ve|cham\s+soc|dan\s+so)"
)
# "pháp luật", "luật sư", "luật gia"; "Luật hoặc chuyên ngành luật" (a discipline)
_NOT_LAW = re.compile(r"\s*(?:phap|su|gia|hoac|hay|va|la|cua|duoc|nay|chuyen\s+nganh)(?![a-z])")
# … and "Luật" standing for a law named before ("thi hành Luật, bảo đảm …", "đến Luật thuộc thẩm quyền",
# "hỗ trợ thi hành Luật bao gồm"): no law's name starts with a function word as written ("trong", not
# "Trồng trọt"; "tại", not "Tài nguyên nước"; "đã", "do", not "Đa dạng sinh học", "Đo lường"), nor with
# a punctuation mark, nor at the end of a line above a numbered or bulleted one ("… thi hành Luật" /
# "3.1. Tham gia …" in a text with no blank line between paragraphs)
_LAW_ANAPHOR = re.compile(
    r"[ \t]*(?:[,.;:)]|$|\n(?=[ \t]*(?:\d+(?:\.\d+)*\.|[-+•]|[a-zđ]\))[ \t]))"
    r"|\s+(?:thuộc|bao gồm|vào|trong|theo|trên|khi|như|với|cho|tại|đến|để|hiện hành|"
    r"đã|da|đó|do)(?!\w)"
)
# … the same words without diacritics (a copy without them), those no law's name starts with when
# folded ("trong" may be "Trồng trọt", "do" "Đo lường", "de" "Đê điều", "tai" "Tài nguyên nước",
# "khi" "Khí tượng thủy văn")
_LAW_ANAPHOR_FOLDED = re.compile(r"\s+(?:thuoc|bao\s+gom|vao|theo|tren|nhu|voi|cho|hien\s+hanh)(?![a-z])")
_LAW_AND_LAWS = re.compile(r"\s*(?:,|va)\s*(?:phap\s+luat|luat\s+phap)(?![a-z])")
_LAW_NAME_END = re.compile(r"\s(?:(?:sat|phu\s+hop|thong\s+nhat)\s+)?voi(?![a-z])")
_AMENDED = re.compile(r"sua\s+doi(?:\s*,\s*bo\s+sung)?")
_NEW_ITEM = re.compile(
    r"(?:cac|nhung|phap\s+luat|bo\s+luat|luat|hiep\s+dinh|nghi\s+dinh|quyet\s+dinh|chi\s+thi|hien\s+phap|thong\s+tu|"
    r"nghi\s+quyet|cong\s+uoc|ke\s+hoach|chuong\s+trinh)(?![a-z])"
)
_NGHI_SU = re.compile(r"\s*nghi su")  # "Chương trình nghị sự": after the keyword and any whitespace
_PERIOD_END = re.compile(r"(?:den\s+nam\s+\d{4}|giai\s+doan\s+\d{4}\s*[-–—]\s*\d{4})")
_YEAR = re.compile(r"(?:\(\s*|\bnam\s+)((?:19|20)\d\d)\s*\)?")


def named(
    text: str, low: str, m: re.Match[str], sections: list[Section], plan_head_end: int, ctx: UnitContext
) -> DocRef | None:
    kw = " ".join(m.group("kw").split())  # whitespace runs as one space
    kind = _NAMED_KIND[kw]
    first = text[m.start()]
    if not first.isupper() and not (kind == "programme" and _PROGRAMME_WORD.match(low, m.end() + 1)):
        return None
    if kw == "luat" and (_NOT_LAW.match(low, m.end()) or _LAW_ANAPHOR.match(text, m.end())
                         or _LAW_ANAPHOR_FOLDED.match(low, m.end())):
        return None
    if kw in ("quy hoach", "ke hoach", "de an"):  # only in the forms of named_forms.py
        relation = citation_relation(low, m.start(), sections, plan_head_end, text)
        return special_form(text, low, m, kw, relation)
    if kw in ("nghi dinh", "thong tu", "chien luoc", "hiep dinh") and _PLURAL_BEFORE.search(
        low, max(0, m.start() - 8), m.start()
    ):
        return None  # "các Nghị định quy định chi tiết …", "các Chiến lược triển khai": kinds, not documents
    if kw == "hien phap" and _LAW_AND_LAWS.match(low, m.end()):
        return None  # "phù hợp với Hiến pháp, pháp luật": the legal order, not a document
    stop = clause_end(low, m.end(), 300)
    while _AND_NEXT.match(low, stop) and _AMENDS.search(low, m.end(), stop):
        stop = clause_end(low, _AND_NEXT.match(low, stop).end(), 300)  # "sửa đổi … của Luật A và Luật B"
    end = stop
    quoted = quoted_name_end(text, m.end()) if kind == "programme" else None
    if quoted:  # "Chương trình “Nâng cao …”": a proper name in quotes, wherever it is
        end = quoted
    elif kind == "programme":
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
        if _NGHI_SU.match(low, m.end()):
            kind = "other"
        own = fold_keep(ctx.type_word or "").split()
        own_re = r"tren\s+dia\s+ban\s+" + r"\s+".join(own) + r"(?![a-z])"
        if own and not quoted and re.search(own_re, low[m.start() : end]):
            return None  # "… trên địa bàn xã Phú Thiện giai đoạn …": the plan itself
    else:
        end = _name_end(text, low, m.end(), stop)
        if kind in ("law", "code"):
            lm = _LAW_NAME_END.search(low, m.end(), end)
            end = lm.start() if lm else end  # "… Luật X sát với thực tiễn": the name ends before
    raw = text[m.start() : end]
    name = squash(raw).strip(' ,.:“”"')
    name = _QUOTES.sub("", name)
    if len(name.split()) < 2 or _VAGUE_NAME.match(name):
        return None
    date = None
    number = None
    nm = _NUMBER_AFTER.match(low, end)
    if nm and kind in ("law", "code", "constitution"):
        number = _SPACES.sub("", text[nm.start("num") : nm.end("num")])
        end = nm.end()
    ym = _YEAR.search(loose(name)) if _NAMED_KIND[kw] != "programme" else None
    tail = low[end : end + 12]
    ty = _YEAR_IN_BRACKETS.match(tail)
    dm = DATE_AFTER.match(low, end)
    ya = _YEAR_AFTER.match(low, end) if not dm else None
    if ya and kind != "programme":
        date = ya.group(1)
        end = ya.end()
        if kind == "constitution":
            name = squash(text[m.start() : end])
        ty = None
    if dm:
        date = date_of(text[dm.start("date") : dm.end("date")])
        end = dm.end()
    elif ty:
        date = ty.group(1)
        end += ty.end()
    elif ym:
        date = ym.group(1)
        if kind not in ("constitution",):
            name = squash(name[: ym.start()] + name[ym.end() :]).strip(" ,(")
    paren = _BRACKETS_AFTER.match(text[end : end + 90])
    amended = False
    articles: tuple[str, ...] = ()
    start = m.start()
    pre = article_before(low, start)
    if pre and not low[pre.end() : start].strip():
        articles = read_articles(text[pre.start(1) : pre.end(1)])
        start = pre.start(1)
    if paren:
        inner = paren.group(1)
        if _ARTICLE.search(fold_keep(inner)):
            articles = read_articles(inner)
        elif _AMENDED.fullmatch(fold_keep(inner).strip()) and kind in ("law", "code"):
            amended = True  # "Luật X (sửa đổi)": the amending law, another document
        elif fold_keep(inner).startswith(kw):
            name = squash(inner)
            iy = _YEAR.search(loose(name))
            if iy:
                date = date or iy.group(1)
                name = squash(name[: iy.start()] + name[iy.end() :])
        end += paren.end()
    if date is None and kind in ("other", "plan", "convention"):
        yr = _YEAR_WORD.search(low[end:stop])
        date = yr.group(1) if yr else None
    if kind in ("law", "code"):
        name = expand_abbreviations(_AMENDED_TAIL.sub("", name))
        parts = name.split(" ", 2 if kind == "code" else 1)
        if len(parts) > (2 if kind == "code" else 1):
            head = " ".join(parts[:-1])
            name = f"{head[:1].upper()}{head[1:].lower()} {parts[-1][:1].upper()}{parts[-1][1:]}"
    if amended:
        name = f"{name} (sửa đổi)"
    if kind == "plan" and not _SCOPE_OF_PLAN.search(name):
        return None
    if kind == "strategy" and not has_scope(name, low, end):
        return None  # "các chỉ tiêu Chiến lược truyền thông": a strategy without a scope is no document
    if ctx.ocr:
        name = restore(name)
    name = readable_title(name)  # a name in a title printed in capitals
    relation = citation_relation(low, m.start(), sections, plan_head_end, text)
    return DocRef(number, kind, name, date, None, articles, relation, (start, end))


# compiled once (a named document is read dozens of times per plan)
_QUOTES = re.compile(r"[“”\"]")
_VAGUE_NAME = re.compile(r"^\w+(?:\s+\w+)?\s+(?:có|co|liên|lien|khác|khac|này|nay)\b")
_SPACES = re.compile(r"\s+")
_YEAR_IN_BRACKETS = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*\)")
_BRACKETS_AFTER = re.compile(r"\s*\(([^()]{3,80})\)")
_ARTICLE = re.compile(r"(?<![a-z])dieu\s+\d")
_YEAR_WORD = re.compile(r"nam\s+((?:19|20)\d\d)")
_AMENDED_TAIL = re.compile(r"\s+sửa đổi\s*$")
_SCOPE_OF_PLAN = re.compile(r"[A-Z]{3,}|quốc gia|khu vực")
_NAME_STOP = re.compile(  # \s: a name wrapped over lines (PDF text) stops as on one line
    r"[(;:,]|\sva\s|\s(?:duoc|thong\s+qua|phe\s+chuan|tren\s+dia\s+ban|so\s+\d|nam\s+(?:19|20)\d\d"
    r"|vao|den|toi|cho|trong(?!\s+khu\s+vuc)|de|nham|tai|theo|gan\s+voi)(?![a-z])"
    r"|[\s,](?=ng[a-z]{1,3}\s*\d)"
)
_PLURAL_BEFORE = re.compile(r"(?:cac|nhung)\s+$")
_AGENDA = re.compile(r"\s+nghi\s+su\s+(?:19|20)\d\d(?!\d)")
_NATIONAL_TARGET = re.compile(r"\s+muc\s+tieu\s+quoc\s+gia\s+\S")
_YEAR_AFTER = re.compile(r"\s*n[a-z]m\s+((?:19|20)\d\d)(?!\d)")
_NUMBER_AFTER = re.compile(r"\s*(?:s[o0])\s*[:.]?\s*(?P<num>\d{1,5}(?:\s*/\s*[a-z0-9đ\-]+)+)")
_FIXED_COMMA = re.compile(r"(?:phong|sua\s+doi|an\s+toan|kham\s+benh),\s*$")


_BREAK_BEFORE_CAPITAL = re.compile(r"[ \t]*\n[ \t]*(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])")  # a capital, then lower case
_CONNECTORS = frozenset({"va", "cua", "ve", "cac", "voi", "tu", "den", "nam", "so", "ngay", "thang", "luat"})


def _name_end(text: str, low: str, pos: int, stop: int) -> int:
    """End of a document name: at a comma or "và" that starts a new item, "(", a line break before a
    new sentence, or the clause end."""
    for br in _BREAK_BEFORE_CAPITAL.finditer(text, pos, stop):
        words = low[pos : br.start()].split()
        if len(words) >= 2 and words[-1] not in _CONNECTORS and not low[br.start() - 1] == ",":
            stop = br.start()  # "… Chiến lược tiêu chuẩn quốc gia" / "Thời gian thực hiện …"
            break
    for m in _NAME_STOP.finditer(low, pos, stop):
        i = m.start()
        ch = low[i]
        if ch in "(;:":
            return i
        if ch == ",":
            if DATE_AFTER.match(low, i):
                return i
            nxt = text[i + 1 : stop].lstrip()
            seg = _SEGMENT.split(nxt, maxsplit=1)[0].split("\n", 1)[0]  # on this line: a title in capitals
            seg = _SEG_TAIL.sub("", seg)  # may have the body right below it
            lowerish = nxt[:1].islower() or seg.isupper()  # a title in capitals: no case to go by
            if _FIXED_COMMA.search(low, max(pos, i - 12), i + 1) and lowerish:
                continue  # "phòng, chống", "sửa đổi, bổ sung": the comma is part of the name
            if lowerish and len(seg.split()) <= 6 and not _LIST_WORD.match(nxt):
                continue
            return i
        if m.group(0)[1:3] == "va" and m.group(0)[3:].isspace():  # "và" between spaces, not "vào"
            if _NEW_ITEM.match(low, i + 4) and not _AMENDS.search(low, pos, i):
                return i  # "…, Luật A và Luật B": two items (but "sửa đổi … của Luật A và Luật B" is one)
            continue
        if (ch == "," or ch.isspace()) and DATE_AFTER.match(low, i):
            return i
        if ch.isspace() and not m.group(0).isspace() and _is_stop_word(text, i + 1, m.end()):
            return i
    return stop


# the stop words as written: "tài sản" is not "tại", "đề án" not "để", "đèn" not "đến"
_WRITTEN_STOPS = {"được", "vào", "đến", "tới", "cho", "trong", "để", "nhằm", "tại", "theo"}


# … and without diacritics, the nouns that fold to a stop word and the word after it: "tai san" is
# "tài sản", not "tại sản"; "de an" is "đề án"
_FOLDED_NOUNS = frozenset({
    "tai san", "tai chinh", "tai nguyen", "tai lieu", "tai tro", "tai nang", "tai che", "tai dinh",
    "de an", "de tai", "de xuat", "de nghi", "de cuong", "trong trot", "theo doi", "cho vay",
    "den bu", "den tho",
})


def _is_stop_word(text: str, start: int, end: int) -> bool:
    word = text[start:end].lower()
    if word.isascii() and word.isalpha():  # a copy without diacritics (OCR): the folded form decides,
        nxt = re.match(r"[ \t]+([a-z]+)", text[end : end + 20].lower())  # unless a noun starts there
        return not (nxt and f"{word} {nxt.group(1)}" in _FOLDED_NOUNS)
    if " " in word or not word.isalpha():
        return True  # a phrase or a number
    return word in _WRITTEN_STOPS


_AND_NEXT = re.compile(r"\s+va\s+")
_AMENDS = re.compile(r"sua\s+doi.*\bcua\s+(?:luat|bo\s+luat)")
_SEGMENT = re.compile(r"[,;(:]|\svà\s|\sva\s")
_SEG_TAIL = re.compile(r"\s+(?:năm|nam|số|so|ngày|ngay)\s+\d.*$")
_LIST_WORD = re.compile(r"(?:các|cac|và|va)\b")
