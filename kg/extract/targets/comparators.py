"""Comparators of a target value: at-least, at-most, increase-by, decrease-by, exactly.

"ít nhất", "tối thiểu", "trở lên", "không dưới", "từ N" (lower bound), "trên N" → at-least;
"không quá", "tối đa", "dưới N" → at-most; "tăng" → increase-by; "giảm" → decrease-by; "đạt N"
→ exactly. A change stated next to its value, or against a baseline ("so với"), wins over "ít nhất".
"""

from __future__ import annotations

import re

from kg.text.cues import words

# "ít nhất" is written out in its OCR spellings: a wildcard "ít" would also take "tốt nhất"
AT_LEAST = re.compile(words("it nhất", "lt nhất", "ft nhất", "tối thiểu", "không dưới", "không ít hơn"))
AT_MOST = re.compile(words("không quá", "không vượt quá", "tối đa"))
# "tăng" is written out ("tổng" is no increase) and is not "tăng cường" (strengthen); "tăng lên 80%",
# "giảm xuống còn 5%" state a level (exactly); "giám sát", "giám đốc" … are no decrease
INCREASE = re.compile(words("tang", "teng", "ting") + r"(?!\s+" + words("cường", "lên") + ")")
DECREASE = re.compile(
    words("giảm") + r"(?!\s+" + words("sát", "đốc", "định", "khảo", "xuống", "còn") + ")"
)
RAISED = re.compile(words("nâng lên", "nâng cao"))
FROM_WORDS = ("tu", "tir", "tlr", "tur", "tu'")  # "từ" as OCR reads it
_FROM = re.compile(words(*FROM_WORDS) + r"\s*$")
_ABOVE = re.compile(words("tren", "hon") + r"\s*$")  # plain: "thời hạn 30 ngày" is no lower bound
_BELOW = re.compile(words("dưới") + r"\s*$")
_REACH = re.compile(words("đạt"))
_BASELINE_NEAR = re.compile(r"[^;.]{0,80}?" + words("so với"))
_OR_MORE = re.compile(r"^[^;.\d]{0,40}?" + words("trở lên"))
_OR_LESS = re.compile(r"^[^;.\d]{0,40}?" + words("trở xuống"))


def read_comparator(low: str, window_start: int, start: int, unit_end: int, has_range: bool) -> str | None:
    window = low[window_start:start]
    after = low[unit_end:unit_end + 60]
    # a change stated next to its value, or against a baseline, is the comparator even with
    # "ít nhất": "giảm ít nhất 50% … so với năm 2022" is decrease-by
    change = _BASELINE_NEAR.match(after) is not None
    near = low[max(window_start, start - 20):start]
    if (change or INCREASE.search(near)) and INCREASE.search(window):
        return "increase-by"
    if (change or DECREASE.search(near)) and DECREASE.search(window):
        return "decrease-by"
    if AT_LEAST.search(window) or _OR_MORE.search(after):
        return "at-least"
    if AT_MOST.search(window) or _OR_LESS.search(after):
        return "at-most"
    if INCREASE.search(window):
        return "increase-by"
    if DECREASE.search(window):
        return "decrease-by"
    if (_FROM.search(window) and not has_range) or _ABOVE.search(window):
        return "at-least"
    if _BELOW.search(window):
        return "at-most"
    if _REACH.search(window):
        return "exactly"
    return None
