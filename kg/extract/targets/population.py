"""Who a target applies to, as written (a heuristic; the quoted text is the evidence)."""

from __future__ import annotations

import re

from kg.extract.targets.values import Value

_VERB = re.compile(
    r"\s(?:x[a-z0-9]y\s+d[u][a-z0-9]{0,2}ng|tri[e3]n\s+kh[a-z0-9]{1,2}i|[a-z0-9]p\s+d[u][a-z0-9]{0,2}ng|[dp]u[a-z0-9]c|[dp][a-z0-9]\s+[dp]u[a-z0-9]c"
    r"|c[o0](?!\s+(?:qu[a-z0-9]{1,2}n|s[o0])\b)"
    r"|(?<!c[a-z0-9]c\s)(?<!,\s)(?<!v[a-z0-9]\s)t[o0]\s+ch[u][a-z0-9]{0,2}c|th[u][a-z0-9]{0,2}c\s+hi[e3]n|ph[o0]\s+bi[e3]n"
    r"|tham\s+gia|n[a-z0-9]{1,2}m\s+(?:d[u][o0a-z0-9]{0,2}c|v[u][a-z0-9]{0,2}ng)|hi[e3]u|bi[e3]t|s[u]\s+d[u]ng|th[o0]ng\s+qua"
    r"|ti[e3]p\s+c[a-z0-9]n|ban\s+h[a-z0-9]nh|ch[i1]nh\s+th[u][a-z0-9]{0,2}c|[dp][a-z0-9]t|t[a-z0-9]ng|gi[a-z0-9]m"
    r"|nh[a-z0-9]{1,2}n\s+th[u][a-z0-9]{0,2}c|kh[o0]ng|l[o0]ng\s+gh[e3]p)\b|[;.(:]"
    r"|\s+(?:v[a-z0-9]\s+)?(?:[dp][a-z0-9]{1,2}n\s+|v[a-z0-9]{1,2}o\s+|tr[u][o0a-z0-9]{0,2}c\s+)?n[a-z0-9]{1,2}m\s+\d{4}"
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
