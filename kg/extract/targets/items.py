"""Targets of one item (a bullet, a numbered item or a paragraph) of a plan's objectives or tasks.

An item is cut into clauses at ";" and sentence ends; one target per (value, year) pair; a
statement with a time frame but no value may still be a target (:func:`_statements`).
"""

from __future__ import annotations

import re

from kg.extract.indicators import T1, T2, T4, T5, indicator_of, match_indicator
from kg.extract.objectives import Item
from kg.extract.records import Target
from kg.extract.targets.comparators import DECREASE, INCREASE, RAISED
from kg.extract.targets.population import find_population
from kg.extract.targets.qualify import CHANGES, find_scope, relation_and_change
from kg.extract.targets.values import Value, find_values, ocr_digits
from kg.extract.targets.years import TARGET_VERB, find_recurrence, find_years
from kg.text.cues import SPACE_OR_COMMA, fold_rules, words

# only a time frame and a comparator before the value: "đến năm 2030 đạt", "và năm 2030 là"
_ELLIPTIC = re.compile(
    r"\s*(?:v[a-z0-9]\s+)?(?:(?:[dp][e3]n|tr[u][o0a-z0-9]{1,2}c|v[a-z0-9]o)\s+)?(?:n[a-z0-9]{1,2}m\s+(?:19|20)\d\d\s*,?\s*)?"
    r"(?:(?:[dp][a-z0-9]t|l[a-z0-9]|ph[a-z0-9]{1,2}n\s+[dp][a-z0-9]{1,2}u(?:\s+[dp][a-z0-9]t)?)\s*)?"
)
# a clause ends at ";" or at a sentence end: "." before a capital, not after an abbreviation ("TP.")
# (the look-behinds come after the "." so that every branch starts with ";" or ".": a fast scan)
_CLAUSE_END = re.compile(r";|\.(?<!\b[A-ZĐ]\.)(?<!\b[A-ZĐ]{2}\.)(?<!\b[A-ZĐ]{3}\.)(?=\s+[^\W\d_])|\.$")


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


Context = tuple[int | None, str | None]  # (year, recurrence) inherited from a lead-in item


_MAX_CLAUSE = 1500  # characters
_MAX_VALUES = 12  # per clause
_STRICT_ITEM = re.compile(words("phấn đấu", "chỉ tiêu", space=SPACE_OR_COMMA, wide=True))
_DIGIT = re.compile(r"\d")
# a clause that allows the target to be adjusted ("Đối với … thấp dưới 30% có thể điều chỉnh mục tiêu …")
# states an exemption, not a target
_ADJUSTABLE = re.compile(
    words("điều chỉnh", wide=True) + r"\s+(?:(?:các|lại)\s+)?" + words("mục tiêu", "chỉ tiêu", wide=True)
)


def _each(values: list[Value], low: str = "") -> list[Value]:
    """"100% xã … mỗi quý có ít nhất 04 tin, bài": 100% is "every" and the count is the target.
    "70% phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh": below 100%, the count says what is
    counted in the share (it qualifies the population), and the share is the target."""
    out = []
    for i, v in enumerate(values):
        nxt = values[i + 1] if i + 1 < len(values) else None
        count_after = nxt is not None and nxt.unit != "percent" and nxt.comparator in ("at-least", "at-most")
        if count_after and v.unit == "percent" and v.value == 100:
            continue
        prev = values[i - 1] if i else None
        if (
            prev is not None and prev.unit == "percent" and prev.value != 100 and v.unit != "percent"
            and v.comparator == "at-least" and not _STATED_BETWEEN.search(low, prev.end, v.start)
        ):
            continue
        out.append(v)
    return out


# a verb or a break between a share and a count after it: the count is stated for itself
_STATED_BETWEEN = re.compile(r"[,:]|" + words("đạt", "tăng", "giảm", "phấn đấu", "và", wide=True))


def item_targets(
    text: str, item: Item, *, strict: bool, context: Context, dated: bool = False,
    segments: list[str] | None = None,
) -> list[Target]:
    """Targets of one item (a bullet, a numbered item or a paragraph).

    ``strict``: outside the objectives, values need a cue (a comparator, or "phấn đấu", "chỉ tiêu" in
    the item); ``dated``: only clauses with a target verb and their own target year count;
    ``segments``: receives, for each target, the words that state it (from its value to the next one)."""
    if strict and not _DIGIT.search(text, item.start, item.end):
        return []
    quote = text[item.start:item.end]
    folded = fold_rules(ocr_digits(quote))
    targets: list[Target] = []
    strict_item = _STRICT_ITEM.search(folded) is not None
    opening = _OPENING.match(folded)
    # "Hàng năm, A tăng trên 3%; B tăng trên 5%": the opening cue is every clause's, but for one with its
    # own deadline ("…; phấn đấu đến năm 2030 đạt 50%")
    opening_cue = find_recurrence(folded[:opening.end()], opening.end(), opening.end()) if opening else None
    clauses = []
    for c0, c1 in _clauses(text, item.start, item.end):
        low = folded[c0 - item.start:c1 - item.start]
        if (strict and not _DIGIT.search(low)) or len(low) > _MAX_CLAUSE or _ADJUSTABLE.search(low):
            continue  # a target is one sentence; a longer run is a table dump or noise
        if dated and not TARGET_VERB.search(low):
            continue
        values = _each(find_values(low)[:_MAX_VALUES], low)
        if strict:
            values = [v for v in values if strict_item or v.comparator not in ("exactly", None)]
        clauses.append((c0, c1, low, values))
    has_values = any(values for *_, values in clauses)
    prev_src = ""  # the clause before: "… hưởng ứng Tháng hành động … vào năm 2025; đến năm 2030 đạt 100%"
    carried: int | None = None  # the target year of the clause before, for the next ones of its sentence
    prev_end = item.start
    for c0, c1, low, values in clauses:
        src = text[c0:c1]
        before, prev_src = prev_src, src
        # "… đến năm 2030 đạt 2.000 tấn; tổng giá trị … đạt 2,5 triệu USD": a clause after ";" shares the
        # year of the one before, and so does the breakdown after a full stop ("… Trong đó: …")
        if "." in text[prev_end:c0] and not _BREAKDOWN.match(low):
            carried = None
        prev_end = c1
        if strict and not values:
            continue
        years, baseline = find_years(low)
        if years:
            carried = years[-1][2]
        if dated and not (years and TARGET_VERB.search(low)):
            continue
        if not values:
            # "Chỉ tiêu 1: Nội dung về giới … được đưa vào chương trình giảng dạy … từ năm 2025 trở đi": a
            # target by its label
            labelled = _LABELLED.match(folded) is not None
            found = _statements(quote, src, low, years, baseline, has_values, context, item, labelled)
            targets.extend(found)
            if segments is not None:
                segments.extend(src for _ in found)
            continue
        anchors = []
        for i, v in enumerate(values):
            if not years:
                year = carried if carried is not None else context[0]
                anchor = v.start
            elif len(years) == 1:
                year, anchor = years[0][2], v.start
            elif len(years) == len(values):
                year, anchor = years[i][2], min(v.start, years[i][0])
            else:
                earlier = [y for y in years if y[0] < v.start]
                pick = earlier[-1] if earlier else years[0]
                year, anchor = pick[2], min(v.start, pick[0])
            anchors.append((anchor, year))
        for i, v in enumerate(values):
            seg_start = 0 if i == 0 else anchors[i][0]
            seg_end = anchors[i + 1][0] if i + 1 < len(values) else len(low)
            year = anchors[i][1]
            next_value = values[i + 1].start if i + 1 < len(values) else None
            own_cue = find_recurrence(low, v.start, v.end, next_value)
            recurrence = own_cue or (None if years else opening_cue) or context[1]
            others = (find_population(src, low, 0, len(low), w) for w in values if w is not v)
            own = find_population(src, low, seg_start, seg_end, v)
            population = own or next((p for p in others if p), None)
            indicator = indicator_of(src[seg_start:seg_end], src, v.unit, year)
            if indicator is None and before and _ELLIPTIC.fullmatch(low[:v.start]):
                # an elliptic clause ("đến năm 2030 đạt 100%") measures what the clause before measured
                indicator = indicator_of(src[seg_start:seg_end], before + " " + src, v.unit, year)
            if segments is not None:
                segments.append(src[v.start:seg_end])
            # "… đạt 1,5 tỷ USD, tăng 10% so với năm 2024": the baseline is the change's, the value after
            # which it is stated
            next_start = values[i + 1].start if i + 1 < len(values) else len(low)
            own_baseline = baseline if len(values) == 1 or _AGAINST.search(low, v.end, next_start) else None
            relation, change = relation_and_change(v.comparator, v.value_max, v.bound)
            targets.append(Target(
                quote, indicator, v.value, v.value_max, v.unit,
                v.comparator, year, own_baseline,
                recurrence, population, (item.start, item.end),
                relation, change, v.base, find_scope(low, seg_start, v.start, v.unit),
            ))
    return targets


# words that open an item: a label ("Chỉ tiêu 2:"), "phấn đấu", then a recurrence cue and a comma
_OPENING = re.compile(
    r"\W*(?:" + words("chỉ tiêu", "mục tiêu", wide=True) + r"\s*\d{0,2}\s*[:.]\s*)?(?:"
    + words("phấn đấu", wide=True) + r"\s+)?(?:"
    + words("hằng năm", "hàng năm", "mỗi năm", "hằng quý", "mỗi quý",
    "hằng tháng", "hàng tháng", "mỗi tháng", wide=True) + r")\s*,"
)
_CONCRETE = {T1, T2, T4, T5}
_BREAKDOWN = re.compile(r"\W*" + words("trong đó", wide=True))
_AGAINST = re.compile(words("so với"))
_LABELLED = re.compile(r"\W*" + words("chỉ tiêu", wide=True) + r"\s*\d{0,2}\s*[:.]")
# a stated result
_RESULT = re.compile(words("bảo đảm", "đảm bảo", "không còn", space=SPACE_OR_COMMA, wide=True))


def _statements(
    quote: str, src: str, low: str, years: list, baseline: int | None, has_values: bool, context: Context,
    item: Item, labelled: bool,
) -> list[Target]:
    """Targets without a value: a statement with a time frame (a year or "hằng năm") that is
    a target ("phấn đấu", "đạt", numbers in the same item, or a national indicator's terms).
    An aim with a deadline ("Tăng cường nguồn lực … đến năm 2030") is an objective, not a target.
    """
    recurrence = find_recurrence(low, len(low), len(low))
    if not years and not recurrence and baseline is None and not _RESULT.search(low):
        return []
    verb = labelled or TARGET_VERB.search(low) is not None
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
        # "… được nâng lên rõ rệt so với năm 2022": a change against a baseline; "Hàng năm, giảm số người
        # nghiện": a direction (not "nâng cao", an aim)
        if DECREASE.search(low):
            comparator = "decrease-by"
        elif INCREASE.search(low) or (baseline is not None and RAISED.search(low)):
            comparator = "increase-by"
        indicator = indicator_of(src, src, None, year)
        return [Target(quote, indicator, None, None, None, comparator, year, baseline, recurrence, None, span,
                       change=CHANGES.get(comparator or ""))]
    out, prev = [], 0
    for _y0, y1, year, _ in years:
        indicator = indicator_of(src[prev:y1], src, None, year)
        out.append(Target(quote, indicator, None, None, None, None, year, baseline, None, None, span))
        prev = y1
    return out


def lead_in(text: str, item: Item) -> Context | None:
    """(year, recurrence) of an item that introduces sub-items ("Phấn đấu đến năm 2025:")."""
    low = fold_rules(text[item.start:item.end])
    if not low.rstrip().endswith(":") or find_values(low):
        return None
    years, _ = find_years(low)
    return (years[0][2] if years else None, find_recurrence(low, len(low), len(low)))


_LETTER = re.compile(r"[a-zđ]")
_DIGITS = re.compile(r"\d+")


def marker_kind(marker: str) -> str:
    """"2.1." and "2.2." are markers of one kind; "a)" and "b)" too."""
    return _LETTER.sub("a", _DIGITS.sub("1", marker))
