"""Named documents of particular shapes: a name in quotes ("Chương trình “Nâng cao …”"), a Quy hoạch
("Quy hoạch hạ tầng thông tin và truyền thông thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"), a plan
named by the numbered document it carries out ("…; Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW
…" in a list of documents), and the abbreviations written inside document names ("Luật Ban hành văn
bản QPPL")."""

from __future__ import annotations

import re

from kg.extract.records import DocRef
from kg.text.normalize import loose, squash

__all__ = ["agreement_partners", "expand_abbreviations", "has_scope", "quoted_name_end", "special_form"]

_ABBREVIATIONS = {  # written inside document names; expanded so that one document has one name
    "VBQPPL": "văn bản quy phạm pháp luật",
    "QPPL": "quy phạm pháp luật",
    "MTQG": "mục tiêu quốc gia",
    "BĐG": "bình đẳng giới",
    "BLGĐ": "bạo lực gia đình",
    "NSNN": "ngân sách nhà nước",
    "TTHC": "thủ tục hành chính",
}
_ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(_ABBREVIATIONS) + r")(?!\w)")


def expand_abbreviations(name: str) -> str:
    """ "Luật Ban hành văn bản QPPL" → "Luật Ban hành văn bản quy phạm pháp luật"."""
    return _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], name)


_OPEN = re.compile(r"[ \t]*[“\"]")


def quoted_name_end(text: str, pos: int) -> int | None:
    """End of a name in quotes right after a document word ("Chương trình “Nâng cao …”"), after its
    closing quote; None when no quoted name follows (or it does not close in its paragraph: a name
    wrapped over lines, as a PDF's text has it, closes within three line breaks)."""
    m = _OPEN.match(text, pos)
    if not m:
        return None
    close = _CLOSE.search(text, m.end(), m.end() + 300)
    if not close or close.group(0) not in ('”', '"') or close.start() - m.end() < 6:
        return None
    inside = text[m.end() : close.start()]
    if inside.count("\n") > 3 or "“" in inside:
        return None
    return close.end()


_CLOSE = re.compile(r"[”\"]|\n[ \t]*\n")


# "Quy hoạch <name> thời kỳ 2021 - 2030(, tầm nhìn đến năm 2050)": the Law on Planning names every
# plan by its period ("thời kỳ")
_PLANNING = re.compile(
    r"\s+[^;.\n]{3,200}?\s*thoi\s+ky\s+\d{4}\s*[-–]\s*\d{4}(?:\s*,?\s*tam\s+nhin\s+den\s+nam\s+\d{4})?"
)
# "Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW": a plan named by the document it carries out
_PLAN_OF = re.compile(
    r"\s+(?:trien\s+khai\s+)?(?:thuc\s+hien|thi\s+hanh|trien\s+khai)\s+"
    r"(?:chi\s+thi|nghi\s+quyet|quyet\s+dinh|ket\s+luan|thong\s+bao\s+ket\s+luan|luat|chuong\s+trinh)\s+"
    r"(?:so\s*)?\d{1,5}(?:\s*[/-]\s*[a-z0-9đ&]+)+"
)
_KIND_LINE = re.compile(r"[ \t*_#]*\n")
_LIST_BEFORE = re.compile(r"(?:[;:,\n]|(?<![a-z])va)\s*$")


# a scope that makes a strategy a document: national ("quốc gia", "Việt Nam"), a unit's ("… thành phố
# Hà Nội"), or a period ("… đến năm 2030", "giai đoạn 2021 - 2030")
_SCOPE_IN_NAME = re.compile(
    r"quốc gia|Quốc gia|Việt Nam|(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+[A-ZĐ]"
)
_NATIONAL = re.compile(r"(?<![a-z])(?:quoc\s+gia|viet\s+nam)(?![a-z])")  # … written without diacritics
_PERIOD_AFTER = re.compile(r"[\s,]*(?:den\s+nam|giai\s+doan|thoi\s+ky)\s+(?:19|20)\d\d")
# "Đề án 06": a project known by its number (no symbol: "Đề án 06/ĐA-UBND" is a numbered document)
_NICKNAME_NUMBER = re.compile(r"\s+(\d{1,4})(?![\d/.,\w-])")


def has_scope(name: str, low: str, end: int) -> bool:
    """Whether a strategy's ``name`` (ending at ``end`` of ``low``) says whose or until when it is."""
    return bool(_SCOPE_IN_NAME.search(name) or _NATIONAL.search(loose(name)) or _PERIOD_AFTER.match(low, end))


def special_form(text: str, low: str, m: re.Match[str], kw: str, relation: str) -> DocRef | None:
    """A Quy hoạch, a project known by its number ("Đề án 06"), or a plan named by what it carries out
    and listed among other documents."""
    if not text[m.start()].isupper():
        return None  # "quy hoạch", "kế hoạch", "đề án" in running text are common nouns
    if kw == "de an":
        num = _NICKNAME_NUMBER.match(low, m.end())
        if not num:
            return None
        name = f"{squash(text[m.start() : m.end()])} {num[1]}"
        return DocRef(None, "programme", name, None, None, (), relation, (m.start(), num.end()))
    if kw == "quy hoach":
        body = _PLANNING.match(low, m.end())
        if not body:
            return None
        end = body.end()
        name = squash(text[m.start() : end])
        return DocRef(None, "other", name, None, None, (), relation, (m.start(), end))
    body = _PLAN_OF.match(low, m.end())
    if not body or not _LIST_BEFORE.search(low, max(0, m.start() - 8), m.start()):
        return None  # "xây dựng Kế hoạch triển khai …": a plan still to be made, not a document
    line_start = low.rfind("\n", 0, m.start()) + 1
    if _KIND_LINE.match(low, m.end()) and not low[line_start : m.start()].strip(" \t*_#"):
        return None  # "KẾ HOẠCH" on a line of its own: the plan's own kind line, above its title
    end = body.end()
    return DocRef(None, "plan", squash(text[m.start() : end]), None, None, (), relation, (m.start(), end))


# "Hiệp định Thương mại tự do Việt Nam - EU, Việt Nam với Anh": agreements named by their parties, the
# later ones written without the head ("…, Việt Nam - Hàn Quốc và Việt Nam - Nhật Bản")
_BILATERAL = re.compile(r"^(?P<head>hiep\s+dinh\b.*?\bviet\s+nam)\s*[-–]\s*\S")  # on folded text
_CAP = "[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]"
_NEXT_PARTNER = re.compile(r"\s*(?:,|;|\sva)\s*(?:va\s+)?viet\s+nam\s*(?:[-–]|voi)\s*")  # on folded text
_PARTNER = re.compile(rf"{_CAP}\w*(?:[ \t]+{_CAP}\w*){{0,3}}")  # as written: the party's name in capitals


def agreement_partners(text: str, low: str, ref: DocRef) -> list[DocRef]:
    """The agreements listed after a bilateral one by their parties alone, each with the same head
    (read on ``low``, the folded text: a copy without diacritics writes "Viet Nam voi Anh")."""
    title = ref.title or ""
    head = _BILATERAL.match(loose(title))
    if not head:
        return []
    out, pos = [], ref.span[1]
    while (m := _NEXT_PARTNER.match(low, pos)) is not None and (p := _PARTNER.match(text, m.end())):
        name = f"{title[: head.end('head')]} - {p.group(0)}"
        out.append(DocRef(None, ref.kind, name, None, None, (), ref.relation, (p.start(), p.end())))
        pos = p.end()
    return out
