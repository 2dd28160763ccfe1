"""Comparators of a target value: at-least, at-most, increase-by, decrease-by, exactly.

"ít nhất", "tối thiểu", "trở lên", "không dưới", "từ N" (lower bound), "trên N", "≥ N" → at-least;
"không quá", "tối đa", "dưới N", "≤ N" → at-most; "tăng" → increase-by; "giảm" → decrease-by;
"đạt N", "ở mức N" → exactly. A change stated next to its value, or against a baseline
("so với"), wins over "ít nhất". A change whose result is stated is a level, not a change: "giảm …
xuống (dưới) N", "… còn N" → at-most; "tăng … đạt N", "tăng … lên N" → exactly.
"""

from __future__ import annotations

import re

from kg.text.cues import words

# "ít nhất" is written out in its OCR spellings: a wildcard "ít" would also take "tốt nhất"
AT_LEAST = re.compile(words("it nhất", "lt nhất", "ft nhất", "tối thiểu", "không dưới", "không ít hơn"))
AT_MOST = re.compile(words("không quá", "không vượt quá", "tối đa"))
# "tăng" is written out ("tổng" is no increase) and is not "tăng cường" (strengthen); "tăng lên 80%",
# "giảm xuống còn 5%" state a level; "giám sát", "giám đốc" … are no decrease
INCREASE = re.compile(words("tang", "teng", "ting") + r"(?!\s+" + words("cường", "lên") + ")")
DECREASE = re.compile(
    words("giảm") + r"(?!\s+" + words("sát", "đốc", "định", "khảo", "xuống", "còn") + ")"
)
RAISED = re.compile(words("nâng lên", "nâng cao"))
FROM_WORDS = ("tu", "tir", "tlr", "tur", "tu'")  # "từ" as OCR reads it
_FROM = re.compile(words(*FROM_WORDS) + r"\s*$")
_ABOVE = re.compile(words("tren", "hon") + r"\s*$")  # plain: "thời hạn 30 ngày" is no lower bound
_BELOW = re.compile(words("dưới") + r"\s*$")
_SIGN_AT_LEAST = re.compile(r"(?:≥|>=?)\s*$")
_SIGN_AT_MOST = re.compile(r"(?:≤|<=?)\s*$")
# the result of a decrease, right before the value: "xuống 18", "xuống dưới 30%", "còn 1,7 lần"
_DOWN_TO = re.compile(words("xuống", "còn") + r"(?:\s+" + words("dưới", "mức", "còn") + r")?\s*$")
# growth ("tăng trưởng", an average rate "tăng bình quân … đạt 10 - 13%/năm"): an increase by N
_GROWTH = re.compile(words("tăng trưởng", "tăng bình quân", wide=True))
_REACH = re.compile(words("đạt", "ở mức"))  # "khoảng 100 đại biểu" alone makes no target
_UP_TO = re.compile(words("lên") + r"\s*$")  # "tăng tuổi thọ trung bình lên 75 tuổi": the level reached
_BASELINE_NEAR = re.compile(r"[^;.]{0,80}?" + words("so với"))
_OR_MORE = re.compile(r"^[^;.\d]{0,40}?" + words("trở lên"))
_OR_LESS = re.compile(r"^[^;.\d]{0,40}?" + words("trở xuống"))


def _last(rx: re.Pattern[str], text: str) -> int:
    """Start of the last match of ``rx`` in ``text``, -1 when none."""
    pos = -1
    for m in rx.finditer(text):
        pos = m.start()
    return pos


def read_comparator(low: str, window_start: int, start: int, unit_end: int, has_range: bool) -> str | None:
    window = low[window_start:start]
    after = low[unit_end:unit_end + 60]
    if _SIGN_AT_LEAST.search(window):
        return "at-least"
    if _SIGN_AT_MOST.search(window):
        return "at-most"
    near = low[max(window_start, start - 20):start]
    if _DOWN_TO.search(near):
        return "at-most"
    if _UP_TO.search(near):
        return "exactly"
    # a change stated next to its value, or against a baseline, is the comparator even with
    # "ít nhất": "giảm ít nhất 50% … so với năm 2022" is decrease-by
    change = _BASELINE_NEAR.match(after) is not None
    if (change or INCREASE.search(near)) and INCREASE.search(window):
        return "increase-by"
    if (change or DECREASE.search(near)) and DECREASE.search(window):
        return "decrease-by"
    if AT_LEAST.search(window) or _OR_MORE.search(after):
        return "at-least"
    if AT_MOST.search(window) or _OR_LESS.search(after):
        return "at-most"
    if (_FROM.search(window) and not has_range) or _ABOVE.search(window):
        return "at-least"
    if _BELOW.search(window):
        return "at-most"
    verb = max(_last(INCREASE, window), _last(DECREASE, window))
    # "tăng tỷ lệ … đạt 50%": the level reached; but growth that reaches N ("tăng trưởng … đạt 8%/năm") is
    # an increase by N
    if _last(_REACH, window) > verb and not _GROWTH.search(window):
        return "exactly"
    if INCREASE.search(window):
        return "increase-by"
    if DECREASE.search(window):
        return "decrease-by"
    return None


def read_bound(low: str, window_start: int, start: int, unit_end: int) -> str | None:
    """The relation stated with a change ("tăng ít nhất 10%", "giảm không quá 5%", "tăng trên 3%"):
    at-least, at-most or None (the change itself, exactly)."""
    window = low[max(window_start, start - 30):start]
    after = low[unit_end:unit_end + 60]
    if any(rx.search(window) for rx in (_SIGN_AT_LEAST, AT_LEAST, _ABOVE)) or _OR_MORE.search(after):
        return "at-least"
    if any(rx.search(window) for rx in (_SIGN_AT_MOST, AT_MOST, _BELOW)) or _OR_LESS.search(after):
        return "at-most"
    return None
