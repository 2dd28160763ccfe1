"""The time frame of a target: its year ("đến năm 2025"), baseline ("so với năm 2022"), recurrence."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.recurrence import TARGETS, cue_hits
from kg.extract.targets.comparators import FROM_WORDS
from kg.text.cues import SPACE_OR_COMMA, words

_YEAR = re.compile(  # "đến năm 2025", "trước năm 2030", "năm 2030"; group 2: the year
    r"(?P<pre>" + words("đến hết", "đến", "trước", "vào", "hết", "cuối", wide=True) + r"\s+)?"
    + words("năm", wide=True) + r"\s+((?:19|20)\d\d)\b"
)
# "so với năm 2025", "so với đầu kỳ (năm 2021)"
_BASELINE = re.compile(words("so với") + r"\s+[^.;\d]{0,25}?((?:19|20)\d\d)\b")
_START_BEFORE = re.compile(words(*FROM_WORDS) + r"\s+$")  # "từ năm 2026": a start, not a target year
# … unless the target holds from then on: "từ năm 2025 trở đi, 100% …" (the year is the target's)
_ONWARDS = re.compile(r"\s*" + words("trở đi", "trở về sau"))
# "trong giai đoạn 2026 - 2030 phấn đấu …": the end of the period is the target year
_PERIOD = re.compile(
    words("trong", wide=True) + r"\s+" + words("giai đoạn", wide=True) + r"\s+(?:" + words("năm", wide=True)
    + r"\s+)?(?:19|20)\d\d\s*[-–—]\s*((?:19|20)\d\d)\b"
)
_PERIOD_AFTER = re.compile(r"\s*[-–—]\s*(?:19|20)\d\d\b")  # "năm 2026 - 2030": a period
_DATE_BEFORE = re.compile(words("tháng", wide=True) + r"\s+\d{1,2}\s*$")
# a deadline date: "trước ngày 31/12/2025", "đến hết ngày 31 tháng 12 năm 2025" → its year is the target's
_BY = words("trước", "đến", "đến hết", "hết", "chậm nhất", wide=True) + r"\s+" + words("ngày", wide=True)
_BY += r"\s+"
_DEADLINE_DATE = re.compile(
    _BY + r"\d{1,2}\s*(?:/\s*\d{1,2}\s*/|-\s*\d{1,2}\s*-|\s+" + words("tháng", wide=True) + r"\s+\d{1,2}\s+"
    + words("năm", wide=True) + r")\s*((?:19|20)\d\d)\b"
)
# a programme's or a decision's title ("Chương trình … đến năm 2030"): its year is not the target's
# ("đe án" with "e" plain: a "dự án" is not meant)
_TITLE_BEFORE = re.compile(
    words("chương trình", "chiến lược", "đe án", "nghị quyết", "quyết định") + r"[^;:.%\d]{0,100}$"
)
TARGET_VERB = re.compile(words("đạt") + "|" + words("phấn đấu", space=SPACE_OR_COMMA, wide=True))

_ACTION_MONTH = re.compile(words("tháng hành động", space=SPACE_OR_COMMA, wide=True))
# "Chủ đề Tháng hành động năm 2025": the year names this year's event, it is no target year
_EVENT_BEFORE = re.compile(_ACTION_MONTH.pattern + r"\s+$")


def find_years(low: str) -> tuple[list[tuple[int, int, int, bool]], int | None]:
    """Target-year mentions (start, end, year, is a deadline "đến/trước năm") and the baseline year."""
    baselines = [(m.start(), m.end(), int(m.group(1))) for m in _BASELINE.finditer(low)]
    years = []
    for m in _YEAR.finditer(low):
        if any(b0 <= m.start(2) < b1 for b0, b1, _ in baselines):
            continue
        before = low[max(0, m.start() - 140):m.start()]
        if _DATE_BEFORE.search(before) or _PERIOD_AFTER.match(low, m.end()) or _EVENT_BEFORE.search(before):
            continue
        onwards = _ONWARDS.match(low, m.end()) is not None  # no title ends "từ năm 2025 trở đi"
        if m["pre"] is None and _START_BEFORE.search(before) and not onwards:
            continue
        title = _TITLE_BEFORE.search(before)
        if title and not TARGET_VERB.search(title.group(0)) and not onwards:
            continue
        years.append((m.start(), m.end(), int(m.group(2)), m["pre"] is not None))
    for m in _DEADLINE_DATE.finditer(low):
        years = [y for y in years if not m.start() <= y[0] < m.end()]
        years.append((m.start(), m.end(), int(m.group(1)), True))
    for m in _PERIOD.finditer(low):
        before = low[max(0, m.start() - 140):m.start()]
        title = _TITLE_BEFORE.search(before)
        if not (title and not TARGET_VERB.search(title.group(0))):
            years = [y for y in years if not m.start() <= y[0] < m.end()]
            years.append((m.start(), m.end(), int(m.group(1)), True))
    return sorted(years), (baselines[0][2] if baselines else None)


# "theo lộ trình thực hiện hàng năm, phấn đấu đạt 20% … năm 2025": the cue qualifies a plan, not the target
_PLAN_NOUN = re.compile(
    words("lộ trình", "kế hoạch", "dự toán", "báo cáo", wide=True) + r"(?:\s+[a-z0-9]+){0,3}\s+$"
)


_NEXT_STATEMENT = re.compile(r",\s*" + words("tang", "giam", "dat", "phan dau"))


@lru_cache(maxsize=8)  # a clause's values are read one after the other: the clause's cues, once
def _sorted_hits(low: str) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((start, notation) for start, _, notation in cue_hits(low, TARGETS)))


def find_recurrence(low: str, value_start: int, value_end: int, limit: int | None = None) -> str | None:
    """The recurrence of the value at ``value_start:value_end``: the cue before it, else the first after
    it, before ``limit`` (the next value: "đạt 2,5 triệu USD, tăng bình quân 10 - 14%/năm", the "/năm"
    is the growth rate's) and before a statement that a comma and a verb begin."""
    hits = _sorted_hits(low)
    for pos, name in hits:
        if pos < value_start and not _PLAN_NOUN.search(low, max(0, pos - 60), pos):
            return name
    comma = low.find(",", value_end)
    if comma >= 0 and (limit is None or comma < limit):
        # "đạt 400 triệu USD, tăng bình quân hằng năm …": after a comma and a verb, the next statement's
        verb = _NEXT_STATEMENT.search(low, comma, limit if limit is not None else len(low))
        limit = verb.start() if verb else limit
    for pos, name in hits:
        if pos < value_end or limit is not None and pos >= limit:
            continue
        if not _ACTION_MONTH.search(low, value_end, pos):
            return name
    return None
