"""Comparators of a target value: at-least, at-most, increase-by, decrease-by, exactly.

"ít nhất", "tối thiểu", "trở lên", "không dưới", "từ N" (lower bound), "trên N" → at-least;
"không quá", "tối đa", "dưới N" → at-most; "tăng" → increase-by; "giảm" → decrease-by; "đạt N"
→ exactly. A change stated next to its value, or against a baseline ("so với"), wins over "ít nhất".
"""

from __future__ import annotations

import re

AT_LEAST = re.compile(
    r"\b[il1f|][a-z0-9]?t\s+nh[a-z0-9]{1,2}t\b|\bt[a-z0-9]{1,2}i\s+th[a-z0-9]{1,3}u\b"
    r"|\bkh[o0]ng\s+(?:du[o0][a-z0-9]?i|[il1]t\s+h[o0a-z0-9]{1,2}n)\b"
)
AT_MOST = re.compile(
    r"\bkh[o0]ng\s+(?:v[a-z0-9]{1,3}t\s+)?qu[a-z0-9]{1,2}\b|\bt[a-z0-9]{1,2}i\s+d[a-z0-9]\b"
)
# "tăng cường" (strengthen) is no increase; "tăng lên 80%", "giảm xuống còn 5%" state a level (exactly)
INCREASE = re.compile(r"\bt[aie]ng\b(?!\s+(?:c[a-z0-9]{1,3}ng|l[e3]n)\b)")  # not "tổng", "tăng cường"
DECREASE = re.compile(
    r"\bgi[a-z0-9]m\b(?!\s+(?:s[a-z0-9]t|d[o0]c|d[i1]nh|kh[a-z0-9]o|xu[o0a-z0-9]{1,2}ng|c[o0]n)\b)"
)
RAISED = re.compile(r"\bn[a-z0-9]ng\s+(?:l[e3]n|cao)\b")  # "nâng lên", "nâng cao"
_FROM = re.compile(r"\bt(?:u|ir|lr|ur|u')\s*$")
_ABOVE = re.compile(r"\b(?:tr[e3][a-z0-9]?n|h[o0][a-z0-9]?n)\s*$")
_BELOW = re.compile(r"\bdu[o0][a-z0-9]?i\s*$")
_REACH = re.compile(r"\b[dp][a-z0-9]t\b")
_BASELINE_NEAR = re.compile(r"[^;.]{0,80}?\bso\s+v[a-z0-9]{1,2}i\b")
_OR_MORE = re.compile(r"^[^;.\d]{0,40}?\btr[o0][a-z0-9]?\s+l[e3]n\b")
_OR_LESS = re.compile(r"^[^;.\d]{0,40}?\btr[o0][a-z0-9]?\s+xu[o0a-z0-9]{1,2}ng\b")


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
