"""A readable label for a title printed in capitals.

Real plans print the line(s) under "KẾ HOẠCH" in capitals ("TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỤC
TIÊU QUỐC GIA PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI"). The graph's label is
written in sentence case with proper names restored: the administrative units (by the province and
district lexicon, or the words after a unit type word), the agencies of the lexicon, a few fixed names
of the state ("Việt Nam", "Nhà nước", "Chính phủ", …), a named document ("Chương trình mục tiêu quốc
gia …", "Luật …") and the first word of a quotation. Only the case of letters changes, never a letter,
so the title compares as before (the scorer ignores case).
"""

from __future__ import annotations

import re

from kg.extract.metadata.unit import caps_name_span
from kg.lexicon import find_agencies, find_provinces
from kg.text.normalize import fold_keep

__all__ = ["in_capitals", "readable_title"]

# fixed names of the state, as officially written (the case of each letter is copied)
_FIXED = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Việt Nam",
    "Hồ Chí Minh",
    "Nhà nước",
    "Đảng",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Quốc hội",
    "Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
)
def _new_style(text: str) -> str:
    """Lower-case ``text`` with the tone mark on the main vowel ("uỷ" → "ủy", "hoà" → "hòa"): the
    spelling the fixed names are written in. Same length as ``text``."""
    low = text.lower()
    return re.sub(r"([ou])([àáảãạ]|[ỳýỷỹỵ])", _move_tone, low)


_TONE_OF = {c: i for i, row in enumerate(("àèìòùỳ", "áéíóúý", "ảẻỉỏủỷ", "ãẽĩõũỹ", "ạẹịọụỵ")) for c in row}
_TONED = {"o": "òóỏõọ", "u": "ùúủũụ"}
_PLAIN = {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "ỳ": "y", "ý": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y"}


def _move_tone(m: re.Match[str]) -> str:
    v, t = m.group(1), m.group(2)
    return _TONED[v][_TONE_OF[t]] + _PLAIN[t]


_FIXED_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(n.lower()) for n in sorted(_FIXED, key=len, reverse=True)) + r")(?!\w)"
)
_FIXED_BY_KEY = {n.lower(): n for n in _FIXED}
_UNIT_TYPE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+(?=\S)")
# a document named in the title: "thực hiện Chương trình …", "thuộc Chương trình …", "thi hành Luật …"
_DOC_KIND = re.compile(
    r"(?:(?<=thuc hien )|(?<=trien khai )|(?<=thi hanh )|(?<=thuoc )|(?<=cua )|(?<=theo )|(?<=ve ))"
    r"(?:chuong trinh|chien luoc|de an|(?P<law>bo luat|luat)|nghi quyet|nghi dinh|quyet dinh|chi thi|"
    r"ket luan|thong tu|ke hoach|quy hoach)(?= (?!nay|do\b|cua\b))"
)
_DOC_NUMBER = re.compile(r"(?<!\w)\d{1,5}(?:/\d{4})?[/-]\w+(?:[/-]\w+)*")
_OPEN_QUOTE = re.compile(r"[“\"']\s*(?=\w)")


def in_capitals(text: str) -> bool:
    """Whether ``text`` is printed in capitals (at least 8 letters, 90% of them capitals)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and len([c for c in letters if c.isupper()]) >= 0.8 * len(letters)


def _copy_case(chars: list[str], start: int, model: str) -> None:
    """Give ``chars[start:start+len(model)]`` the case of ``model`` (same letters, folded)."""
    for i, m in enumerate(model):
        j = start + i
        if j < len(chars):
            chars[j] = chars[j].upper() if m.isupper() else chars[j].lower()


def _title_case(chars: list[str], start: int, end: int) -> None:
    word_start = True
    for j in range(start, min(end, len(chars))):
        if chars[j].isalpha():
            if word_start:
                chars[j] = chars[j].upper()
            word_start = False
        else:
            word_start = chars[j] in " -\t"


def readable_title(title: str) -> str:
    """``title`` in sentence case with proper names restored when it is printed in capitals; a title
    in ordinary case is returned unchanged."""
    if not _mostly_capitals(title):
        return title
    folded = fold_keep(title)
    lower = _new_style(title)  # diacritics kept: "bình đẳng" is not "Đảng", "quản lý" not "quận"
    chars = list(title.lower())
    for m in _UNIT_TYPE.finditer(lower):
        span = caps_name_span(title, m.end())
        if span:
            _title_case(chars, m.end(), span[0])
    for start, end, _ in find_provinces(title):
        _title_case(chars, start, end)
    for start, end, entry in find_agencies(title):
        if _new_style(entry.name) == lower[start:end]:
            _copy_case(chars, start, entry.name)
    for m in _FIXED_RE.finditer(lower):
        _copy_case(chars, m.start(), _FIXED_BY_KEY[m.group(0)])
    for m in _DOC_KIND.finditer(folded):
        chars[m.start()] = chars[m.start()].upper()
        if m["law"]:  # "Luật Tiêu chuẩn và quy chuẩn kỹ thuật": the law's name starts with a capital
            nxt = m.end() + 1
            if nxt < len(chars):
                chars[nxt] = chars[nxt].upper()
    for m in _OPEN_QUOTE.finditer(title):
        chars[m.end()] = chars[m.end()].upper()
    for m in _DOC_NUMBER.finditer(title):  # "SỐ 149-KL/TW": a number's symbol keeps its capitals
        chars[m.start() : m.end()] = list(m.group(0))
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = chars[first].upper()
    return "".join(chars)
