"""How often: recurrence cue words → ``vnc:recurrence-*`` notations, one table for every extractor.

Targets ("… hằng năm"), tasks ("Thời gian thực hiện: Hằng năm") and reporting duties ("Định kỳ 6
tháng …") say how often with the same words, but each extractor used to read them with its own
table. They are now rows of :data:`CUES`; each row names the extractors that read its words
(``scope``), so that the move changed no output, and the differences are in plain sight (to be
aligned by the team, issue 12):

- "trong năm", "/năm", "theo quý", "/quý", "mỗi tháng", "/tháng" are read by targets only; "cả năm"
  and "nửa năm" by reporting only; "và năm" ("và cả năm") only right before a reporting deadline;
- a bare "6 tháng" is semiannual for tasks and reporting; targets need "định kỳ 6 tháng", "mỗi 6
  tháng", "hằng 6 tháng" or "6 tháng/lần", "6 tháng một lần";
- when two cues meet, reporting reads "6 tháng" first and tasks after "hằng năm" and "hằng quý"
  (:func:`first_recurrence` follows the table order; targets take the cue nearest their value);
- matching: targets need whole words and the words spaced; tasks and reporting accept words run
  together ("hangnam"), and tasks read cues inside words; targets do not read "năm" before a year or
  "học", nor "/năm", "/tháng" before a number; reporting does not read "hằng tháng" before a number;
- nobody reads "quý" as a quarter when it is the first syllable of another word ("theo quy định",
  "mỗi quy trình": "quý" is written plain, so "quy" + "định" once read as "theo quý"), nor a number
  of months inside a date or a longer number ("16 tháng 12" holds "6 tháng", "06 tháng 12" is a
  date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.text.cues import ANY_SPACE, after_non_letter, cue, word_start, words

TARGETS, TASKS, REPORTING, DEADLINE = "targets", "tasks", "reporting", "deadline"
ALL = frozenset({TARGETS, TASKS, REPORTING})
SCOPES = (TARGETS, TASKS, REPORTING, DEADLINE)  # every scope a cue may be read in


@dataclass(frozen=True)
class Cue:
    """Words that say how often (readable, see :mod:`kg.text.cues`), and who reads them."""

    notation: str  # vnc:recurrence-<notation>
    phrases: tuple[str, ...]
    scope: frozenset[str]  # targets, tasks, reporting; deadline: right before a reporting deadline
    unless: str = ""  # regex: not when followed by this ("năm 2025" is a year, not "every year")


def _cue(notation: str, phrases: tuple[str, ...], *scope: str, unless: str = "") -> Cue:
    return Cue(notation, phrases, frozenset(scope), unless)


_YEARLY = ("hằng năm", "hàng năm", "mỗi năm")
_SIX = ("6", "06", "sáu")
_EVERY_HALF_YEAR = (
    *(f"{every} {six} tháng" for every in ("mỗi", "định kỳ", "hằng") for six in _SIX),
    *(f"{six} tháng{per}lần" for six in _SIX for per in ("/", " một ")),
)
_NOT_A_YEAR_OR_SCHOOL_YEAR = r"\s+(?:(?:19|20)\d\d\b|hoc)"  # "năm 2025", "năm học"
# "quy" + the second syllable of a word ("quy định", "quy trình", "quy hoạch" …): no quarter ("quý")
_NOT_A_QUARTER = r"\s+" + words(
    "định", "hoạch", "chế", "trình", "mô", "tắc", "phạm", "chuẩn", "ước", "luật", "cách", "đổi", "tụ",
    "chiếu",
    "nạp", "kết", "hồi",
)

# In priority order: first_recurrence() returns the notation of the first row that matches.
CUES: tuple[Cue, ...] = (
    _cue("semiannual", ("6 tháng", "sáu tháng", "nửa năm"), REPORTING, DEADLINE),
    _cue("annual", _YEARLY, TASKS, REPORTING, DEADLINE),
    _cue("annual", (*_YEARLY, "trong năm"), TARGETS, unless=_NOT_A_YEAR_OR_SCHOOL_YEAR),
    _cue("annual", ("/năm",), TARGETS, unless=r"\s+\d"),
    _cue("annual", ("ca năm",), REPORTING, DEADLINE),  # "cả năm" written plain: "các năm" is no recurrence
    # "quý" written plain: "theo quá trình" is no quarter
    _cue("quarterly", ("hằng quy", "mỗi quy", "theo quy", "/quy"), TARGETS, unless=_NOT_A_QUARTER),
    _cue("quarterly", ("hằng quy", "hằng qui", "mỗi quy"), TASKS, REPORTING, DEADLINE, unless=_NOT_A_QUARTER),
    _cue("semiannual", ("6 tháng", "sáu tháng"), TASKS),
    _cue("semiannual", _EVERY_HALF_YEAR, TARGETS),
    _cue("monthly", ("hằng tháng", "hàng tháng"), TARGETS, TASKS),
    _cue("monthly", ("hằng tháng", "hàng tháng"), REPORTING, DEADLINE, unless=r"\s*\d"),
    _cue("monthly", ("mỗi tháng",), TARGETS),
    _cue("monthly", ("/tháng",), TARGETS, unless=r"\s*\d"),
    _cue("annual", ("và năm", ", năm"), DEADLINE),  # "6 tháng (trước ngày 10/6) và năm (trước ngày 10/12)"
)


def _bounded(phrase: str, scope: str) -> str:
    """The pattern of one phrase as ``scope`` reads it (see the module docstring, "matching")."""
    if phrase[:1].isdigit():  # "6 tháng": not the end of a longer number, not a date's day and month
        # (a word boundary, not a look-behind, before the number: the pattern keeps its fast prefix scan)
        return r"\b0?" + _bounded_words(phrase, scope).removeprefix(r"\b") + r"(?!\s*\d)"
    # the same patterns, with the bound before a phrase checked behind its first letter: a search skips
    # ahead to the first letters instead of checking the bound at every position
    if scope == TARGETS and phrase[:1].isalnum():
        right = r"\b" if phrase[-1:].isalnum() else ""
        return "|".join(word_start(cue(phrase, wide=True) + right))
    if scope not in (TARGETS, TASKS):
        return after_non_letter(cue(phrase, space=ANY_SPACE, wide=True)) + r"(?![a-z])"
    return _bounded_words(phrase, scope)


def _bounded_words(phrase: str, scope: str) -> str:
    if scope == TARGETS:  # whole words, spaced
        left = r"\b" if phrase[:1].isalnum() else ""
        right = r"\b" if phrase[-1:].isalnum() else ""
        return left + cue(phrase, wide=True) + right
    if scope == TASKS:  # anywhere, words may run together
        return cue(phrase, space=ANY_SPACE, wide=True)
    # reporting: not inside a word
    return r"(?<![a-z])" + cue(phrase, space=ANY_SPACE, wide=True) + r"(?![a-z])"


@lru_cache(maxsize=8)
def patterns(scope: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(notation, compiled pattern) of every row read by ``scope``, in table order."""
    out = []
    for c in CUES:
        if scope in c.scope:
            body = "|".join(_bounded(p, scope) for p in c.phrases)
            out.append((c.notation, re.compile(f"(?:{body})" + (f"(?!{c.unless})" if c.unless else ""))))
    return tuple(out)


def cue_hits(low: str, scope: str) -> list[tuple[int, int, str]]:
    """(start, end, notation) of every recurrence cue that ``scope`` reads in folded text ``low``."""
    return [(m.start(), m.end(), notation) for notation, rx in patterns(scope) for m in rx.finditer(low)]


def first_recurrence(low: str, scope: str) -> str | None:
    """The notation of the first row of :data:`CUES` (in ``scope``) whose words ``low`` holds."""
    return next((notation for notation, rx in patterns(scope) if rx.search(low)), None)


def nearest_recurrence(low: str) -> str | None:
    """The notation of the cue that ends last in ``low``, the text right before a reporting deadline
    ("6 tháng (trước ngày 15/6) và năm (" → annual); on a tie, the first row of the table."""
    best: tuple[int, str] | None = None
    for notation, rx in patterns(DEADLINE):
        for m in rx.finditer(low):
            if best is None or m.end() > best[0]:
                best = (m.end(), notation)
    return best[1] if best else None
