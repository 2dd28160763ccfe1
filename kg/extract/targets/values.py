"""Values of a target: a number (or range) with its unit of measure and its comparator.

A value is a number followed by a unit ("02 cuộc", "15-20%", "2,5%"), a rate ("4/100.000 trẻ sinh ra
sống", measure other) or preceded by a comparator; dates ("15/11"), document numbers, article numbers,
ordinals ("con thứ 3") and years are not values, nor ages and durations unless committed to ("đạt 75
tuổi", "tối thiểu 68 năm"; not "trẻ dưới 24 tháng tuổi", "trong 24-48 giờ"), nor where a stated change
starts ("giảm từ 23 … xuống 18"). A count that is not whole ("còn 1,7 lần") is a ratio: measure other.
OCR letters read for digits ("O2", "l5%", "1OO%", "2O25") are repaired first (:func:`ocr_digits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.targets.comparators import read_bound, read_comparator
from kg.text.cues import SPACE_OR_COMMA, cue, words

# "1.000" (thousands), "2,5" (decimal comma), "2.5" (decimal point, as some copies write it)
NUM = r"(\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d{1,2})?)"
# NUM with "no word character, '/', '.', ',', '%' or '-' before it", checked behind its first digit (a
# search skips ahead to digits instead of trying the look-behind at every position)
_NUM_STARTING = (
    r"(\d(?<![\w/.,%-]\d)(?:\d{0,2}(?:\.\d{3})+(?!\d)|\d*(?:[.,]\d{1,2})?))"
)
# a rate per 100, 1.000 … ("dưới 4/100.000 trẻ sinh ra sống"): the value is the numerator, measure "other"
_RATE = r"(?P<rate>\s*/\s*(?:100|1\.?000|10\.?000|100\.?000)(?![\d.,/]))"
_VALUE = re.compile(
    _NUM_STARTING + r"(?:" + _RATE + r"|(?![\w/]|[.,]\d)(?P<pct1>\s*%)?"
    r"(?:\s*(?:-|–|—|\bden\b|\btoi\b)\s*" + NUM.replace("(", "(?P<max>", 1) + r"(?![\w/]|[.,]\d))?)"
)
# measure (vnc:scheme-measure) → the words after a number; a vowel is written plain (read as written)
# where a wildcard would take other words: "lop" not "lập", "đot" not "đạt", "lan" not "Liên", "nguời"
# not "ngoài", "đon vi" not "dân và", "co so" not "có sự", "an phẩm" not "sản phẩm"
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "phần trăm"),
    "event": (
        "cuộc", "buổi", "hội nghị", "hội thảo", "hội thi", "lop", "đot", "sự kiện", "chiến dịch", "tọa đàm",
        "diễn đàn", "phiên", "lan",
    ),
    "news-item": ("tin bài", "tin/bài", "tin", "bài viết", "bài báo", "bài", "phóng sự"),
    # a "chuyên mục" (programme segment) or a "sản phẩm truyền thông" is measure "other"
    "model": ("mô hình", "câu lạc bộ", "clb"),
    "person": ("lượt nguời", "nguời", "học viên", "học sinh", "cán bộ", "đại biểu", "thành viên", "lượt"),
    "unit": ("đon vi", "co quan", "tổ chức", "doanh nghiệp", "trường", "trung tâm", "co so"),
    "document": ("kế hoạch", "văn bản", "tài liệu", "an phẩm"),
}
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\s*(?:" + "|".join(cue(w, space=SPACE_OR_COMMA) for w in words) + r")(?![a-z0-9])"))
    for name, words in UNIT_WORDS.items()
)
_STRONG_UNITS = {"percent", "event", "news-item", "model"}
# words right before a number that make it a date, an article, a document number, an age, a part ...;
# written plain (read as is): so, quy, gio, phut, nhom, to: "sau", "qua", "gia", "phát", "nhằm", "từ"
# before a number are no "số", "quý", "giờ", "phút", "nhóm", "tổ"
NOT_VALUE_WORDS = (
    "ngày", "so", "điều", "khoản", "điểm", "mục tiêu", "mục", "giai đoạn", "khóa", "chỉ tiêu",
    "nhiệm vụ", "hoạt động", "nội dung", "biểu mẫu", "lần thứ", "quy", "phụ lục", "tuổi", "chương", "gio",
    "phut", "bước", "phần", "nhom", "to", "thu",  # "thu": "con thứ 3" is an ordinal
)
_NOT_VALUE_BEFORE = re.compile(
    r"(?:" + words("tháng", wide=True) + "|" + words(*NOT_VALUE_WORDS) + r")\s*[:.]?\s*$"
)
# a duration or an age after a number ("từ 06 tháng đến 36 tháng tuổi", "trong 24-48 giờ"): no value
_NOT_VALUE_AFTER = re.compile(
    r"\s*" + words("tháng", "tuổi", "ngày", "giờ", "gio", "phút", "tuần", "năm", wide=True)
)
# … unless a commitment is stated right before it: "tuổi thọ trung bình đạt 75,5 tuổi", "tối thiểu 68 năm"
_COMMITTED = re.compile(
    words("đạt", "ở mức", "lên", "it nhất", "tối thiểu", "không dưới", "không quá", "tối đa") + r"\s*$"
)
# "giảm từ 23 … xuống 18", "tăng từ 40% lên 50%": the first number is where the change starts
_FROM_BEFORE = re.compile(words("từ", "tu") + r"\s*$")
_TO_BEFORE = re.compile(words("xuống", "lên") + r"(?:\s+" + words("dưới", "mức", "còn", "trên") + r")?\s*$")
_AT_LEVEL = re.compile(words("ở mức") + r"\s*$")  # "ở mức 107": not a "mục" (section)
_COUNTS = {"event", "news-item", "model", "person", "unit", "document"}


@dataclass(frozen=True)
class Value:
    start: int  # offsets into the clause
    end: int  # end of the unit (or of the number)
    value: float
    value_max: float | None
    unit: str | None
    comparator: str | None
    bound: str | None = None  # with a change: "tăng ít nhất 10%" → at-least (:func:`read_bound`)
    base: float | None = None  # where a stated change starts: "giảm từ 23 … xuống 18" → 23


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def number(token: str) -> float | None:
    t = token.replace(".", "") if _THOUSANDS.fullmatch(token) else token.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


_CLOSE = re.compile(r"\s*\)")  # "hai (02) lớp"


def unit_at(low: str, pos: int) -> tuple[str | None, int]:
    close = _CLOSE.match(low, pos)
    if close and "(" in low[max(0, pos - 6):pos]:
        pos = close.end()
    for name, rx in _UNITS:
        m = rx.match(low, pos)
        if m:
            return name, m.end()
    return None, pos


_WORD_NUMBERS = {
    "mot": 1.0, "hai": 2.0, "ba": 3.0, "bon": 4.0, "sau": 6.0, "bay": 7.0, "tam": 8.0, "chin": 9.0,
    "muoi": 10.0,
}
# (each number word bounded behind its first letter: a search skips ahead to those letters)
_WORD_VALUE = re.compile(r"(" + "|".join(f"{w[0]}(?<!\\w{w[0]}){w[1:]}" for w in _WORD_NUMBERS) + r")\b")
# (the look-behinds of these patterns follow their first character: a search skips ahead to those characters)
_OCR_PERCENT = re.compile(  # "1OO%"
    r"[0-9oOlI|](?<![^\W\d_][0-9oOlI|])(?=[0-9oOlI|]*\d|(?<=\d))[0-9oOlI|]{1,2}(?=\s?%)"
)
_OCR_DIGIT_MAP = str.maketrans("oOlI|", "00111")
_OCR_YEAR = re.compile(  # "2O25"
    r"[12](?<![^\W\d_][12])(?=[0-9oOlI]*\d)(?:(?<=1)9|(?<=2)[0oO])[0-9oOlI]{2}(?![^\W_])"
)
_ANY_DIGIT = re.compile(r"\d")
_OCR_NUMBER = re.compile(r"[oOlI|](?<![^\W\d_][oOlI|])(?<!\d[oOlI|])(?=\d{1,2}(?:\s|%|$))")


def find_values(low: str) -> list[Value]:
    found: list[Value] = []
    prev_end = 0
    for m in _VALUE.finditer(low):
        value = number(m.group(1))
        vmax = number(m["max"]) if m["max"] else None
        if value is None:
            continue
        before = low[max(0, m.start() - 25):m.start()]
        if _NOT_VALUE_BEFORE.search(before) and not _AT_LEVEL.search(before):
            continue
        if (not m["pct1"] and not m["rate"] and _NOT_VALUE_AFTER.match(low, m.end())
                and not _COMMITTED.search(low, max(0, m.start() - 20), m.start())):
            continue
        if m["rate"]:
            unit, unit_end = "other", m.end()
        elif m["pct1"] and not m["max"]:
            unit, unit_end = "percent", m.end()
        else:
            unit, unit_end = unit_at(low, m.end())
        if m["pct1"] and m["max"]:
            unit, unit_end = "percent", max(unit_end, m.end())
        if vmax is not None and (vmax <= value or unit is None):
            # "8-3" (a day-month), "2021-2025" (a period): not a range of values
            if unit is None:
                continue
            vmax = None
        if value.is_integer() and 1900 <= value <= 2100 and unit not in ("percent",) and m.group(1).isdigit():
            continue  # a year ("2.000 tấn", written with a separator, is a quantity)
        window_start = max(prev_end, m.start() - 80)
        comparator = read_comparator(low, window_start, m.start(), unit_end, vmax is not None)
        if unit not in _STRONG_UNITS and comparator is None:
            continue
        if unit in _COUNTS and not value.is_integer():
            unit = "other"  # "còn 1,7 lần": a ratio, not a count
        bound = read_bound(low, window_start, m.start(), unit_end) if comparator in _CHANGE else None
        found.append(Value(m.start(), unit_end, value, vmax, unit or "other", comparator or "exactly", bound))
        prev_end = unit_end
    for m in _WORD_VALUE.finditer(low):  # "ít nhất một lần", "tối thiểu hai cuộc", "ít nhất một cơ sở"
        unit, unit_end = unit_at(low, m.end())
        # a person in words is a condition ("hộ gia đình có ít nhất một thành viên …"), not a count to reach
        if unit in (None, "percent", "person") or any(v.start <= m.start() < v.end for v in found):
            continue
        comparator = read_comparator(low, max(0, m.start() - 30), m.start(), unit_end, False)
        if comparator in ("at-least", "at-most"):
            found.append(Value(m.start(), unit_end, _WORD_NUMBERS[m.group(1)], None, unit, comparator))
    found.sort(key=lambda v: v.start)
    out: list[Value] = []
    base: float | None = None
    for i, v in enumerate(found):
        if _changes_from(low, v, found[i + 1:i + 2]):
            base = v.value  # the next value's baseline
            continue
        out.append(replace(v, base=base) if base is not None else v)
        base = None
    return out


_CHANGE = ("increase-by", "decrease-by")


def _changes_from(low: str, v: Value, following: list[Value]) -> bool:
    """True when ``v`` is where a stated change starts: "giảm từ 23 … xuống 18"."""
    return bool(following) and _FROM_BEFORE.search(low[max(0, v.start - 8):v.start]) is not None and (
        _TO_BEFORE.search(low[v.end:following[0].start]) is not None
    )


def ocr_digits(src: str) -> str:
    """"O2 cuộc" → "02 cuộc", "l5%" → "15%": OCR letters read for digits at the start of a number."""
    # each pattern needs a digit, a year a "19" or "2", a share a "%": a text without them is kept
    # without running the patterns (they are tried at every position)
    if _ANY_DIGIT.search(src) is None:
        return src
    src = _OCR_NUMBER.sub(lambda m: "0" if m.group(0) in "oO" else "1", src)
    if "2" in src or "19" in src:
        src = _OCR_YEAR.sub(lambda m: m.group(0).translate(_OCR_DIGIT_MAP), src)
    if "%" not in src:
        return src
    return _OCR_PERCENT.sub(lambda m: m.group(0).translate(_OCR_DIGIT_MAP), src)
