"""Quantified targets of a plan: value or range, unit, comparator, year, baseline, recurrence.

Where targets are: the specific objectives ("II. MỤC TIÊU", "Mục tiêu cụ thể", "Chỉ tiêu").
Some plans also state targets elsewhere (under tasks: "tổ chức ít nhất 01 lớp tập huấn");
those are taken only with an explicit cue ("ít nhất", "tối thiểu", "phấn đấu", "tăng … so
với") and never twice.

How a statement is read (on folded, OCR-tolerant text, :func:`kg.text.normalize.loose`):

- it is cut into clauses at ";" and sentence ends; one target per (value, year) pair:
  "đến năm 2025 đạt ít nhất 70% … và đến năm 2030 đạt 90% …" gives two;
- a value is a number followed by a unit ("02 cuộc", "15-20%", "2,5%") or preceded by a
  comparator; dates ("15/11"), document numbers, article numbers and years are not values;
- comparator: "ít nhất", "tối thiểu", "trở lên", "không dưới", "từ N" (lower bound), "trên N"
  → at-least; "không quá", "tối đa", "dưới N" → at-most; "tăng" → increase-by; "giảm" →
  decrease-by; "đạt N" or a bare "N%" → exactly;
- year: "đến năm 2025", "trước năm 2030", "năm 2030" (not a date, not a programme title's
  year, not the baseline); baseline: "so với năm 2025";
- recurrence: "hằng năm", "hàng năm", "mỗi năm", "trong năm" → annual, "mỗi quý" →
  quarterly, "định kỳ 6 tháng" → semiannual, "hằng tháng" → monthly; a recurrence written
  after the value that qualifies the Action Month ("… Tháng hành động … hằng năm") is the
  event's, not the target's;
- a statement in the objectives with a year but no value ("Phấn đấu đến năm 2030 đạt truyền
  thông áp dụng Bộ chỉ số …") is a target with value None, when it says "phấn đấu"/"đạt" or
  sits in an item with numbers; an aim with a deadline ("Tăng cường … đến năm 2030") is not;
- "tăng lên 80%", "giảm xuống còn 5%" state a level (exactly); "từ năm 2026" is a start and
  "năm 2026 - 2030" a period, not target years; a lead-in ("Phấn đấu đến năm 2025:") or a
  sub-heading ("Mục tiêu cụ thể đến năm 2025") gives its year to the items under it;
- OCR: letters read for digits ("O2", "l5%", "1OO%", "2O25") are repaired before matching.

A targets table ("STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030", one line per row as the
readers render tables) gives one target per (row, year column).

Every target quotes its whole bullet (or table row): ``text == source[span[0]:span[1]]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.agencies import UnitContext
from kg.extract.indicators import T1, T2, T4, T5, fold_rules, key, match_indicator
from kg.extract.objectives import Item, objective_blocks, objective_items, split_items
from kg.extract.records import Target
from kg.extract.sections import Section, split_sections
from kg.text.normalize import loose

# --- values --------------------------------------------------------------------------------
# "1.000" (thousands), "2,5" (decimal comma), "2.5" (decimal point, as some copies write it)
_NUM = r"(\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d{1,2})?)"
_VALUE = re.compile(
    r"(?<![\w/.,%-])" + _NUM + r"(?![\w/]|[.,]\d)(?P<pct1>\s*%)?"
    r"(?:\s*(?:-|–|—|\bden\b|\btoi\b)\s*" + _NUM.replace("(", "(?P<max>", 1) + r"(?![\w/]|[.,]\d))?"
)
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "percent": (r"%", r"ph[a-z0-9]{1,2}n\s+tr[a-z0-9]{1,2}m"),
    "event": (
        r"cu[a-z0-9]c", r"bu[o0][a-z0-9]?i", r"h[o0][a-z0-9]?i\s+(?:ngh[a-z0-9]|th[a-z0-9]{1,2}o|th[a-z0-9])",
        r"l[o0][a-z0-9]?p", r"d[o0][a-z0-9]?t", r"s[u][a-z0-9]?\s+ki[a-z0-9]{1,2}n",
        r"chi[a-z0-9]{1,2}n\s+d[a-z0-9]{1,2}ch", r"t[o0][a-z0-9]{1,2}\s+d[a-z0-9]{1,2}m",
        r"di[a-z0-9]{1,2}n\s+d[a-z0-9]n", r"phi[a-z0-9]{1,2}n", r"l[a-z0-9]n",
    ),
    "news-item": (
        r"tin(?:\s*[,/]?\s*b[a-z0-9]i)?", r"b[a-z0-9]i(?:\s+vi[a-z0-9]{1,2}t|\s+b[a-z0-9]{1,2}o)?",
        r"ph[o0]ng\s+s[u]",
    ),  # a "chuyên mục" (programme segment) or a "sản phẩm truyền thông" is measure "other"
    "model": (r"m[o0]\s+h[i1]nh", r"c[a-z0-9]{1,2}u\s+l[a-z0-9]{1,2}c\s+b[o0]", r"clb"),
    "person": (
        r"(?:l[u][a-z0-9]{0,2}t\s+)?ngu[a-z0-9]{1,2}i", r"h[o0]c\s+(?:vi[a-z0-9]{1,2}n|sinh)",
        r"c[a-z0-9]n\s+b[o0]",
        r"d[a-z0-9]i\s+bi[a-z0-9]{1,2}u", r"th[a-z0-9]nh\s+vi[a-z0-9]{1,2}n", r"l[u][a-z0-9]{0,2}t",
    ),
    "unit": (
        r"d[o0]n\s+v[i1]", r"c[o0]\s+qu[a-z0-9]{1,2}n", r"t[o0]\s+ch[u][a-z0-9]{0,2}c",
        r"d[o0][a-z0-9]{1,2}nh\s+ngh[a-z0-9]{1,3}p", r"tr[u][o0a-z0-9]{0,2}ng", r"c[o0]\s+s[o0]",
    ),
    "document": (
        r"k[e3]\s+h[o0][a-z0-9]{1,2}ch", r"v[a-z0-9]n\s+b[a-z0-9]n", r"t[a-z0-9]i\s+li[a-z0-9]{1,2}u",
        r"[a-z0-9]n\s+ph[a-z0-9]{1,2}m",
    ),
}
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\s*(?:" + "|".join(words) + r")(?![a-z0-9])")) for name, words in _UNIT_WORDS.items()
)
_STRONG_UNITS = {"percent", "event", "news-item", "model"}
# words right before a number that make it a date, an article, a document number, an age ...
_NOT_VALUE_BEFORE = re.compile(
    r"(?:\bng[a-z0-9]{1,2}y|\bth[a-z0-9]{1,3}ng|\bs[o0]|\bd[i1][e3]u|\bkh[o0][a-z0-9]{1,2}n"
    r"|\bd[i1][e3]m|\bm[u][a-z0-9]c(?:\s+ti[a-z0-9]{1,2}u)?|\bgiai\s+do[a-z0-9]{1,2}n|\bkh[o0][a-z0-9]?a"
    r"|\bch[i1]\s+ti[e3]u|\bnhi[e3]m\s+v[u]|\bho[a-z0-9]t\s+[dp][o0]ng|\bn[o0]i\s+dung|\bb[a-z0-9]{1,2}u\s+m[a-z0-9]u"
    r"|\bl[a-z0-9]n\s+th[u][a-z0-9]?|\bquy|\bph[u]\s+l[u]c|\btu[o0]i|\bch[u][o0a-z0-9]{0,2}ng|\bgi[o0]|\bph[u]t"
    r"|\bb[u][o0a-z0-9]{0,2}c|\bph[a-z0-9]{1,2}n|\bnh[o0]m|\bt[o0])\s*[:.]?\s*$"
)

# --- comparators, years, recurrence --------------------------------------------------------
_AT_LEAST = re.compile(
    r"\b[il1f|][a-z0-9]?t\s+nh[a-z0-9]{1,2}t\b|\bt[a-z0-9]{1,2}i\s+th[a-z0-9]{1,3}u\b"
    r"|\bkh[o0]ng\s+(?:du[o0][a-z0-9]?i|[il1]t\s+h[o0a-z0-9]{1,2}n)\b"
)
_AT_MOST = re.compile(
    r"\bkh[o0]ng\s+(?:v[a-z0-9]{1,3}t\s+)?qu[a-z0-9]{1,2}\b|\bt[a-z0-9]{1,2}i\s+d[a-z0-9]\b"
)
# "tăng cường" (strengthen) is no increase; "tăng lên 80%", "giảm xuống còn 5%" state a level (exactly)
_INCREASE = re.compile(r"\bt[aie]ng\b(?!\s+(?:c[a-z0-9]{1,3}ng|l[e3]n)\b)")  # not "tổng", "tăng cường"
_DECREASE = re.compile(
    r"\bgi[a-z0-9]m\b(?!\s+(?:s[a-z0-9]t|d[o0]c|d[i1]nh|kh[a-z0-9]o|xu[o0a-z0-9]{1,2}ng|c[o0]n)\b)"
)
_RAISED = re.compile(r"\bn[a-z0-9]ng\s+(?:l[e3]n|cao)\b")  # "nâng lên", "nâng cao"
_FROM = re.compile(r"\bt(?:u|ir|lr|ur|u')\s*$")
_ABOVE = re.compile(r"\b(?:tr[e3][a-z0-9]?n|h[o0][a-z0-9]?n)\s*$")
_BELOW = re.compile(r"\bdu[o0][a-z0-9]?i\s*$")
_REACH = re.compile(r"\b[dp][a-z0-9]t\b")
_BASELINE_NEAR = re.compile(r"[^;.]{0,80}?\bso\s+v[a-z0-9]{1,2}i\b")
_OR_MORE = re.compile(r"^[^;.\d]{0,40}?\btr[o0][a-z0-9]?\s+l[e3]n\b")
_OR_LESS = re.compile(r"^[^;.\d]{0,40}?\btr[o0][a-z0-9]?\s+xu[o0a-z0-9]{1,2}ng\b")

_YEAR = re.compile(
    r"(?P<pre>\b(?:[dp][a-z0-9]{1,2}n(?:\s+h[e3]t)?|tr[u][o0a-z0-9]{0,2}c|v[a-z0-9]{1,2}o|h[e3]t|cu[o0a-z0-9]{1,2}i)\s+)?"
    r"\bn[a-z0-9]{1,2}m\s+((?:19|20)\d\d)\b"
)
# "so với năm 2025", "so với đầu kỳ (năm 2021)"
_BASELINE = re.compile(r"\bso\s+v[a-z0-9]{1,2}i\s+[^.;\d]{0,25}?((?:19|20)\d\d)\b")
_START_BEFORE = re.compile(r"\bt(?:u|ir|lr|ur)\s+$")  # "từ năm 2026 (trở đi)": a start, not a target year
_PERIOD_AFTER = re.compile(r"\s*[-–—]\s*(?:19|20)\d\d\b")  # "năm 2026 - 2030": a period
_DATE_BEFORE = re.compile(r"\bth[a-z0-9]{1,3}ng\s+\d{1,2}\s*$")
_TITLE_BEFORE = re.compile(
    r"\b(?:chu[o0a-z0-9]{1,2}ng\s+tr[i1]nh|chi[e3a-z0-9]{1,2}n\s+l[u][o0a-z0-9]{0,2}c|[dp][e3]\s+[a-z0-9]n"
    r"|ngh[i1]\s+quy[e3]t|quy[e3]t\s+[dp][i1]nh)\b[^;:.%\d]{0,100}$"
)
_TARGET_VERB = re.compile(r"\b[dp][a-z0-9]t\b|" + key("phan dau"))

_RECURRENCE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("annual", re.compile(
        r"\b(?:h[a-z0-9]{1,2}ng|m[o0][a-z0-9]?i|trong)\s+n[a-z0-9]{1,2}m\b(?!\s+(?:(?:19|20)\d\d\b|h[o0]c))"
    )),
    ("annual", re.compile(r"/\s*n[a-z0-9]{1,2}m\b(?!\s+\d)")),
    ("quarterly", re.compile(r"\b(?:h[a-z0-9]{1,2}ng|m[o0][a-z0-9]?i|theo)\s+quy\b|/\s*quy\b")),
    ("semiannual", re.compile(
        r"\b(?:m[o0][a-z0-9]?i|[dp][i1]nh\s+k[yi]|h[a-z0-9]{1,2}ng)\s+(?:0?6|s[a-z0-9]u)\s+th[a-z0-9]{1,3}ng\b"
        r"|\b(?:0?6|s[a-z0-9]u)\s+th[a-z0-9]{1,3}ng\s*(?:/|m[o0]t)\s*l[a-z0-9]n\b"
    )),
    ("monthly", re.compile(  # "hằng tháng", "mỗi tháng", "02 tin, bài/tháng" (not a date "/tháng 5")
        r"\b(?:h[a-z0-9]{1,2}ng|m[o0][a-z0-9]?i)\s+th[a-z0-9]{1,3}ng\b|/\s*th[a-z0-9]{1,3}ng\b(?!\s*\d)"
    )),
)
_ACTION_MONTH = re.compile(key("thang hanh dong"))

# --- population ----------------------------------------------------------------------------
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


@dataclass(frozen=True)
class _Value:
    start: int  # offsets into the clause
    end: int  # end of the unit (or of the number)
    value: float
    value_max: float | None
    unit: str | None
    comparator: str | None


def _number(token: str) -> float | None:
    t = token.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token) else token.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


_CLOSE = re.compile(r"\s*\)")  # "hai (02) lớp"


def _unit_at(low: str, pos: int) -> tuple[str | None, int]:
    close = _CLOSE.match(low, pos)
    if close and "(" in low[max(0, pos - 6):pos]:
        pos = close.end()
    for name, rx in _UNITS:
        m = rx.match(low, pos)
        if m:
            return name, m.end()
    return None, pos


def _comparator(low: str, window_start: int, start: int, unit_end: int, has_range: bool) -> str | None:
    window = low[window_start:start]
    after = low[unit_end:unit_end + 60]
    # a change stated next to its value, or against a baseline, is the comparator even with
    # "ít nhất": "giảm ít nhất 50% … so với năm 2022" is decrease-by
    change = _BASELINE_NEAR.match(after) is not None
    near = low[max(window_start, start - 20):start]
    if (change or _INCREASE.search(near)) and _INCREASE.search(window):
        return "increase-by"
    if (change or _DECREASE.search(near)) and _DECREASE.search(window):
        return "decrease-by"
    if _AT_LEAST.search(window) or _OR_MORE.search(after):
        return "at-least"
    if _AT_MOST.search(window) or _OR_LESS.search(after):
        return "at-most"
    if _INCREASE.search(window):
        return "increase-by"
    if _DECREASE.search(window):
        return "decrease-by"
    if (_FROM.search(window) and not has_range) or _ABOVE.search(window):
        return "at-least"
    if _BELOW.search(window):
        return "at-most"
    if _REACH.search(window):
        return "exactly"
    return None


_WORD_NUMBERS = {
    "mot": 1.0, "hai": 2.0, "ba": 3.0, "bon": 4.0, "sau": 6.0, "bay": 7.0, "tam": 8.0, "chin": 9.0,
    "muoi": 10.0,
}
_WORD_VALUE = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b")
_OCR_PERCENT = re.compile(r"(?<![^\W\d_])(?=[0-9oOlI|]*\d)[0-9oOlI|]{2,3}(?=\s?%)")  # "1OO%"
_OCR_DIGIT_MAP = str.maketrans("oOlI|", "00111")
_OCR_YEAR = re.compile(  # "2O25"
    r"(?<![^\W\d_])(?=[0-9oOlI]*\d[0-9oOlI]*\d)(?:19|2[0oO])[0-9oOlI]{2}(?![^\W_])"
)
_OCR_NUMBER = re.compile(r"(?<![^\W\d_])(?<!\d)[oOlI|](?=\d{1,2}(?:\s|%|$))")


def _values(low: str) -> list[_Value]:
    found: list[_Value] = []
    prev_end = 0
    for m in _VALUE.finditer(low):
        value = _number(m.group(1))
        vmax = _number(m["max"]) if m["max"] else None
        if value is None:
            continue
        if _NOT_VALUE_BEFORE.search(low[max(0, m.start() - 25):m.start()]):
            continue
        unit, unit_end = ("percent", m.end()) if m["pct1"] and not m["max"] else _unit_at(low, m.end())
        if m["pct1"] and m["max"]:
            unit, unit_end = "percent", max(unit_end, m.end())
        if vmax is not None and (vmax <= value or unit is None):
            # "8-3" (a day-month), "2021-2025" (a period): not a range of values
            if unit is None:
                continue
            vmax = None
        if value.is_integer() and 1900 <= value <= 2100 and unit not in ("percent",):
            continue  # a year
        window_start = max(prev_end, m.start() - 80)
        comparator = _comparator(low, window_start, m.start(), unit_end, vmax is not None)
        if unit not in _STRONG_UNITS and comparator is None:
            continue
        found.append(_Value(m.start(), unit_end, value, vmax, unit or "other", comparator or "exactly"))
        prev_end = unit_end
    for m in _WORD_VALUE.finditer(low):  # "ít nhất một lần", "tối thiểu hai cuộc"
        unit, unit_end = _unit_at(low, m.end())
        if unit not in ("event", "news-item", "model") or any(v.start <= m.start() < v.end for v in found):
            continue
        comparator = _comparator(low, max(0, m.start() - 30), m.start(), unit_end, False)
        if comparator in ("at-least", "at-most"):
            found.append(_Value(m.start(), unit_end, _WORD_NUMBERS[m.group(1)], None, unit, comparator))
    return sorted(found, key=lambda v: v.start)


def _ocr_digits(src: str) -> str:
    """"O2 cuộc" → "02 cuộc", "l5%" → "15%": OCR letters read for digits at the start of a number."""
    src = _OCR_NUMBER.sub(lambda m: "0" if m.group(0) in "oO" else "1", src)
    src = _OCR_YEAR.sub(lambda m: m.group(0).translate(_OCR_DIGIT_MAP), src)
    return _OCR_PERCENT.sub(lambda m: m.group(0).translate(_OCR_DIGIT_MAP), src)


def _years(low: str) -> tuple[list[tuple[int, int, int, bool]], int | None]:
    """Target-year mentions (start, end, year, is a deadline "đến/trước năm") and the baseline year."""
    baselines = [(m.start(), m.end(), int(m.group(1))) for m in _BASELINE.finditer(low)]
    years = []
    for m in _YEAR.finditer(low):
        if any(b0 <= m.start(2) < b1 for b0, b1, _ in baselines):
            continue
        before = low[max(0, m.start() - 140):m.start()]
        if _DATE_BEFORE.search(before) or _PERIOD_AFTER.match(low, m.end()):
            continue
        if m["pre"] is None and _START_BEFORE.search(before):
            continue
        title = _TITLE_BEFORE.search(before)
        if title and not _TARGET_VERB.search(title.group(0)):
            continue
        years.append((m.start(), m.end(), int(m.group(2)), m["pre"] is not None))
    return years, (baselines[0][2] if baselines else None)


def _recurrence(low: str, value_start: int, value_end: int) -> str | None:
    hits = sorted((m.start(), name) for name, rx in _RECURRENCE for m in rx.finditer(low))
    for pos, name in hits:
        if pos < value_start:
            return name
    for pos, name in hits:
        if pos >= value_end and not _ACTION_MONTH.search(low, value_end, pos):
            return name
    return None


def _population(src: str, low: str, seg_start: int, seg_end: int, v: _Value | None) -> str | None:
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


def _indicator(segment: str, clause: str, unit: str | None, year: int | None) -> str | None:
    found = match_indicator(segment, unit) or match_indicator(clause, unit)
    if found != T4:
        return found
    phase = _phase(fold_rules(segment))
    if phase is None and year is not None:
        # the programme's phases: pilot application to 2025, official application to 2030
        phase = "pilot" if year <= 2025 else "official"
    phase = phase or _phase(fold_rules(clause))
    return f"{T4}-{phase}" if phase else T4


# only a time frame and a comparator before the value: "đến năm 2030 đạt", "và năm 2030 là"
_ELLIPTIC = re.compile(
    r"\s*(?:v[a-z0-9]\s+)?(?:(?:[dp][e3]n|tr[u][o0a-z0-9]{1,2}c|v[a-z0-9]o)\s+)?(?:n[a-z0-9]{1,2}m\s+(?:19|20)\d\d\s*,?\s*)?"
    r"(?:(?:[dp][a-z0-9]t|l[a-z0-9]|ph[a-z0-9]{1,2}n\s+[dp][a-z0-9]{1,2}u(?:\s+[dp][a-z0-9]t)?)\s*)?"
)
_PILOT = re.compile(key("thi diem"))
_OFFICIAL = re.compile(r"\bch[a-z0-9]{1,2}nh\s+th[a-z0-9]{1,3}\b")


def _phase(low: str) -> str | None:
    pilot, official = _PILOT.search(low), _OFFICIAL.search(low)
    if pilot and not official:
        return "pilot"
    if official and not pilot:
        return "official"
    return None
# a clause ends at ";" or at a sentence end: "." before a capital, not after an abbreviation ("TP.")
_CLAUSE_END = re.compile(r";|(?<!\b[A-ZĐ])(?<!\b[A-ZĐ]{2})(?<!\b[A-ZĐ]{3})\.(?=\s+[^\W\d_])|\.$")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.group(0) == "." and m.end() < end:
            nxt = text[m.end():end].lstrip()[:1]
            if not nxt.isupper():
                continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


_Context = tuple[int | None, str | None]  # (year, recurrence) inherited from a lead-in item


_MAX_CLAUSE = 1500  # characters
_MAX_VALUES = 12  # per clause
_STRICT_ITEM = re.compile(key("phan dau") + "|" + key("chi tieu"))
_DIGIT = re.compile(r"\d")


def _item_targets(text: str, item: Item, *, strict: bool, context: _Context) -> list[Target]:
    """Targets of one item (a bullet, a numbered item or a paragraph)."""
    if strict and not _DIGIT.search(text, item.start, item.end):
        return []
    quote = text[item.start:item.end]
    folded = fold_rules(_ocr_digits(quote))
    targets: list[Target] = []
    strict_item = _STRICT_ITEM.search(folded) is not None
    clauses = []
    for c0, c1 in _clauses(text, item.start, item.end):
        low = folded[c0 - item.start:c1 - item.start]
        if (strict and not _DIGIT.search(low)) or len(low) > _MAX_CLAUSE:
            continue  # a target is one sentence; a longer run is a table dump or noise
        values = _values(low)[:_MAX_VALUES]
        if strict:
            values = [v for v in values if strict_item or v.comparator not in ("exactly", None)]
        clauses.append((c0, c1, low, values))
    has_values = any(values for *_, values in clauses)
    prev_src = ""  # the clause before: "… hưởng ứng Tháng hành động … vào năm 2025; đến năm 2030 đạt 100%"
    for c0, c1, low, values in clauses:
        src = text[c0:c1]
        before, prev_src = prev_src, src
        if strict and not values:
            continue
        years, baseline = _years(low)
        if not values:
            targets.extend(_statements(quote, src, low, years, baseline, has_values, context, item))
            continue
        anchors = []
        for i, v in enumerate(values):
            if not years:
                year = context[0]
                anchor = v.start
            elif len(years) == 1:
                year, anchor = years[0][2], v.start
            elif len(years) == len(values):
                year, anchor = years[i][2], min(v.start, years[i][0])
            else:
                before = [y for y in years if y[0] < v.start]
                pick = before[-1] if before else years[0]
                year, anchor = pick[2], min(v.start, pick[0])
            anchors.append((anchor, year))
        for i, v in enumerate(values):
            seg_start = 0 if i == 0 else anchors[i][0]
            seg_end = anchors[i + 1][0] if i + 1 < len(values) else len(low)
            year = anchors[i][1]
            recurrence = _recurrence(low, v.start, v.end) or context[1]
            population = _population(src, low, seg_start, seg_end, v) or next(
                (p for p in (_population(src, low, 0, len(low), w) for w in values if w is not v) if p), None
            )
            indicator = _indicator(src[seg_start:seg_end], src, v.unit, year)
            if indicator is None and before and _ELLIPTIC.fullmatch(low[:v.start]):
                # an elliptic clause ("đến năm 2030 đạt 100%") measures what the clause before measured
                indicator = _indicator(src[seg_start:seg_end], before + " " + src, v.unit, year)
            targets.append(Target(
                quote, indicator, v.value, v.value_max, v.unit,
                v.comparator, year, baseline,
                recurrence, population, (item.start, item.end),
            ))
    return targets


_CONCRETE = {T1, T2, T4, T5}
_RESULT = re.compile(key("bao dam") + "|" + key("dam bao") + "|" + key("khong con"))  # a stated result


def _statements(
    quote: str, src: str, low: str, years: list, baseline: int | None, has_values: bool, context: _Context,
    item: Item,
) -> list[Target]:
    """Targets without a value: a statement with a time frame (a year or "hằng năm") that is
    a target ("phấn đấu", "đạt", numbers in the same item, or a national indicator's terms).
    An aim with a deadline ("Tăng cường nguồn lực … đến năm 2030") is an objective, not a target.
    """
    recurrence = _recurrence(low, len(low), len(low))
    if not years and not recurrence and baseline is None and not _RESULT.search(low):
        return []
    verb = _TARGET_VERB.search(low) is not None
    indicator = match_indicator(src)
    # "Nâng cao chất lượng hương ước, quy ước …, bảo đảm không còn nội dung phân biệt đối xử": a national
    # indicator's result stated without a time frame is still a target of the list it stands in
    if not years and not recurrence and baseline is None and indicator not in _CONCRETE:
        return []
    concrete = indicator in _CONCRETE or (indicator is not None and baseline is not None)
    if not (verb or has_values or concrete):
        return []
    if years and not (verb or concrete or any(y[3] for y in years)):
        return []
    span = (item.start, item.end)
    if not years:
        year = context[0]
        comparator = None
        if baseline is not None:  # "… được nâng lên rõ rệt so với năm 2022": a change against a baseline
            if _DECREASE.search(low):
                comparator = "decrease-by"
            elif _INCREASE.search(low) or _RAISED.search(low):
                comparator = "increase-by"
        return [Target(quote, _indicator(src, src, None, year), None, None, None, comparator, year, baseline,
                       recurrence, None, span)]
    out, prev = [], 0
    for _y0, y1, year, _ in years:
        indicator = _indicator(src[prev:y1], src, None, year)
        out.append(Target(quote, indicator, None, None, None, None, year, baseline, None, None, span))
        prev = y1
    return out


def _key(t: Target) -> tuple:
    return (t.value, t.value_max, t.unit, t.year)


_WORD = re.compile(r"[a-z0-9]+")


def _restates(t: Target, known: list[Target]) -> bool:
    """True when ``t`` (found outside the objectives) repeats a target already found.

    Same numbers, and the same indicator or mostly the same words: a restatement under tasks
    may lose the words that identify the indicator, but a different statement with the same
    numbers ("100% các trường học …" vs "100% các xã …") is another target.
    """
    same = [k for k in known if _key(k) == _key(t)]
    if any(t.indicator is not None and t.indicator == k.indicator for k in same):
        return True
    if not same:
        return False
    words = _words(t.text)
    return any(words and len(words & _words(k.text)) / len(words | _words(k.text)) >= 0.5 for k in same)


@lru_cache(maxsize=256)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(loose(text)))




def _lead_in(text: str, item: Item) -> _Context | None:
    """(year, recurrence) of an item that introduces sub-items ("Phấn đấu đến năm 2025:")."""
    low = fold_rules(text[item.start:item.end])
    if not low.rstrip().endswith(":") or _values(low):
        return None
    years, _ = _years(low)
    return (years[0][2] if years else None, _recurrence(low, len(low), len(low)))


def _marker_kind(marker: str) -> str:
    """"2.1." and "2.2." are markers of one kind; "a)" and "b)" too."""
    return re.sub(r"[a-zđ]", "a", re.sub(r"\d+", "1", marker))


# --- tables ("STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030", one line per row) -------------
_ROW = re.compile(r"^[^\n|]*\|[^\n]*\|[^\n]*$", re.M)
_YEAR_CELL = re.compile(r"^\W*(?:(?:[dp][a-z0-9]{1,2}n\s+)?n[a-z0-9]{1,2}m\s+)?((?:19|20)\d\d)\W*$")
_UNIT_CELL = re.compile(r"^\W*(?:[dp][o0]n\s+v[i1](?:\s+t[i1]nh)?|[dp]vt)\W*$")
_CELL_NUMBER = re.compile(r"(?P<cmp>[≥>≤<]=?)?\s*" + _NUM + r"\s*(?P<pct>%)?")


def _tables(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Runs of consecutive table rows (lines with at least three " | " cells) in ``text[start:end]``."""
    tables: list[list[tuple[int, int]]] = []
    for m in _ROW.finditer(text, start, end):
        if tables and text[tables[-1][-1][1]:m.start()].strip() == "":
            tables[-1].append(m.span())
        else:
            tables.append([m.span()])
    return [t for t in tables if len(t) >= 2]


def _table_targets(text: str, rows: list[tuple[int, int]]) -> list[Target]:
    """One target per (row, year column) of a targets table; the row is the quoted evidence."""
    cells = [[c.strip() for c in text[a:b].split("|")] for a, b in rows]
    head = next((i for i, r in enumerate(cells) if any(_YEAR_CELL.match(fold_rules(c)) for c in r)), None)
    if head is None:
        return []
    years = {j: int(m.group(1)) for j, c in enumerate(cells[head]) if (m := _YEAR_CELL.match(fold_rules(c)))}
    unit_col = next((j for j, c in enumerate(cells[head]) if _UNIT_CELL.match(fold_rules(c))), None)
    out = []
    for (a, b), row in zip(rows[head + 1:], cells[head + 1:], strict=True):
        label = max((c for j, c in enumerate(row) if j not in years and j != unit_col), key=len, default="")
        if len(label) < 10:
            continue
        unit_text = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
        unit = "percent" if "%" in unit_text else _unit_at(" " + fold_rules(unit_text), 0)[0]
        for j, year in sorted(years.items()):
            m = _CELL_NUMBER.search(fold_rules(row[j])) if j < len(row) else None
            value = _number(m.group(2)) if m else None
            if value is None:
                continue
            u = "percent" if m["pct"] else (unit or "other")
            low = fold_rules(row[j])
            comparator = "at-least" if m["cmp"] in ("≥", ">", ">=") or _AT_LEAST.search(low) else (
                "at-most" if m["cmp"] in ("≤", "<", "<=") or _AT_MOST.search(low) else "exactly")
            indicator = _indicator(label, label, u, year)
            recurrence = _recurrence(fold_rules(label), 0, 0)
            out.append(Target(text[a:b], indicator, value, None, u, comparator, year, None, recurrence, None,
                              (a, b)))
    return out


def extract_targets(
    text: str,
    sections: Sequence[Section] | None = None,
    ctx: UnitContext | None = None,
    warnings: list[str] | None = None,
) -> list[Target]:
    """Targets stated in the objectives (and, with an explicit cue, elsewhere), in document order.

    ``sections`` default to :func:`split_sections` of ``text``; ``ctx`` and ``warnings`` are not
    used (the extractors' common shape).
    """
    secs = list(sections) if sections else split_sections(text)
    targets: list[Target] = []
    context: tuple[int | None, str | None] = (None, None)
    context_marker: str | None = None
    table_rows: list[tuple[int, int]] = []
    for b0, b1 in objective_blocks(text, secs):
        for rows in _tables(text, b0, b1):
            found = _table_targets(text, rows)
            targets.extend(found)
            table_rows.extend(rows if found else [])
    for item in objective_items(text, secs):
        if item.general or any(a < item.end and item.start < b for a, b in table_rows):
            continue
        lead = _lead_in(text, item)
        if lead is None and item.heading != (0, 0) and context_marker is None:
            # "Mục tiêu cụ thể đến năm 2025": the heading's year is the default of its items
            years, _ = _years(fold_rules(text[item.heading[0]:item.heading[1]]))
            context = (years[0][2] if years else None, None)
        if lead is not None:
            context, context_marker = lead, _marker_kind(item.marker)
            continue
        if context_marker is not None and _marker_kind(item.marker) == context_marker:
            context, context_marker = (None, None), None
        targets.extend(_item_targets(text, item, strict=False, context=context))
    if targets:
        return targets  # the plan has its targets part: numbers elsewhere are restatements or activities
    blocks = objective_blocks(text, secs)
    skip = ("recipients", "objectives") + (("preamble",) if len(secs) > 1 else ())
    for s in secs:
        if s.kind in skip or any(b0 <= s.start < b1 for b0, b1 in blocks):
            continue
        if any(o is not s and o.start <= s.start and s.end <= o.end and o.level > 0 for o in secs):
            continue  # handled with its top-level part
        for item in split_items(text, s.body_start, s.end):
            for t in _item_targets(text, item, strict=True, context=(None, None)):
                if not _restates(t, targets):
                    targets.append(t)
    return targets
