"""Who a target applies to, as written (a heuristic; the quoted text is the evidence)."""

from __future__ import annotations

import re

from kg.extract.targets.values import Value
from kg.text.cues import words

# where the population ends: a verb or a clause mark, or a time frame ("… đến năm 2030");
# written plain where a wildcard would take other words: "đuợc" not "phục", "su dung" not "sự đồng",
# "khong" not "khung", "to chức" not "tín chức", "pho biến" not "phản biện"
_STOP_VERBS = (
    "xây dựng", "triển khai", "áp dụng", "đuợc", "đã đuợc", "thực hiện", "pho biến", "tham gia", "nắm được",
    "nắm vững", "hiểu", "biết", "su dung", "thông qua", "tiếp cận", "ban hành", "chính thức", "đạt", "tăng",
    "giảm", "nhận thức", "khong", "lồng ghép",
)
_VERB = re.compile(
    r"\s(?:" + words(*_STOP_VERBS)
    + r"|\bco\b(?!\s+" + words("quan", "so") + ")"  # "có" (plain: "cả" is no verb), not "cơ quan", "cơ sở"
    + r"|(?<!c[a-z0-9]c\s)(?<!,\s)(?<!v[a-z0-9]\s)" + words("to chức")  # not "các tổ chức", ", tổ chức"
    + r")|[;.(:]"
    + r"|\s+(?:" + words("và") + r"\s+)?(?:" + words("đến", "vào", "trước", wide=True) + r"\s+)?"
    + words("năm", wide=True) + r"\s+\d{4}"
)
_OF = re.compile(r"\bc[u][a-z0-9]{1,2}\s+(?P<p>[^;.]{3,120}?)\s+(?:t[a-z0-9]ng|gi[a-z0-9]m)\b")
_FOR = re.compile(r"\bcho\s+(?P<p>[^;.]{3,120}?)(?:\s+v[e3]\b|[;.]|$)")
_LEAD = re.compile(
    r"^[\s,]*(?:ph[a-z0-9]{1,2}n\s+[dp][a-z0-9]{1,2}u\s+)?(?:(?:[dp][a-z0-9]{1,2}n\s+)?n[a-z0-9]{1,2}m\s+\d{4}\s*,?\s*)?"
    r"(?:(?:h[a-z0-9]{1,2}ng|m[o0][a-z0-9]?i)\s+(?:n[a-z0-9]{1,2}m|quy|th[a-z0-9]{1,3}ng)\s*,?\s*)?"
)


def find_population(src: str, low: str, seg_start: int, seg_end: int, v: Value | None) -> str | None:
    """Who the target applies to, as written (a heuristic; the quoted text is the evidence)."""
    candidates: list[tuple[int, int]] = []
    m = _OF.search(low, seg_start, seg_end)
    if m and v is not None and v.start >= m.end("p"):
        candidates.append(m.span("p"))
    if v is not None and v.unit == "percent":
        stop = _VERB.search(low, v.end, seg_end)
        candidates.append((v.end, stop.start() if stop else seg_end))
    m = _FOR.search(low, seg_start, seg_end)
    if m:
        candidates.append(m.span("p"))
    lead = _LEAD.match(low, seg_start)
    start = lead.end() if lead else seg_start
    stop = _VERB.search(low, start, v.start if v is not None else seg_end)
    if stop:
        candidates.append((start, stop.start()))
    for a, b in candidates:
        text = re.sub(r"\s+", " ", src[a:b]).strip(" ,;:-–")
        if len(text) >= 3 and "%" not in text and re.search(r"[^\W\d_]{2}", text):
            return text
    return None
