"""Cue words (issue 12): every cue list is written as readable words (kg.text.cues) and pinned here by
the words it must match, in clean, no-diacritics and OCR-damaged spellings, and a few it must not."""

from __future__ import annotations

import re

import pytest

from kg.extract.recurrence import CUES, REPORTING, TARGETS, TASKS, first_recurrence, nearest_recurrence
from kg.extract.targets.years import find_recurrence
from kg.extract.tasks.timeframe import read_timeframe
from kg.text.cues import SPACE_OR_COMMA, cue, fold_rules, words


def matches(pattern: str, text: str) -> bool:
    return re.search(pattern, fold_rules(text)) is not None


# --- the helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hội nghị", "hoi nghi", "HỘI NGHỊ", "hdi nghi", "h6i nghj", "hội\nnghị"])
def test_a_marked_vowel_may_be_any_one_or_two_characters(text: str) -> None:
    assert matches(words("hội nghị"), text)


@pytest.mark.parametrize("text", ["hoi ngh", "hoinghi", "hội, nghị", "xhội nghị", "hi nghi"])
def test_plain_letters_spaces_and_word_ends_must_be_there(text: str) -> None:
    assert not matches(words("hội nghị"), text)


def test_a_plain_spelling_is_read_as_written() -> None:
    assert matches(words("tir"), "từ tir 5") and not matches(words("tir"), "tu 5")
    assert matches(words("quy"), "quy") and not matches(words("quy"), "qui")


def test_d_stroke_may_be_read_as_p_and_spaces_may_be_commas_or_none_when_asked() -> None:
    assert matches(words("đạt"), "Pat 100%") and matches(words("đạt"), "dat")
    assert matches(words("các chương trình đề án", space=SPACE_OR_COMMA), "các chương trình, đề án")
    assert matches(cue("hằng năm", space=r"\s*"), "hangnam")


def test_a_slash_may_have_spaces_and_a_sign_bounds_its_side_only() -> None:
    assert matches(words("tháng/lần"), "6 tháng / lần") and matches(words("/năm"), "02 cuộc/năm")
    assert matches(words("/năm"), "02 cuộc /năm") and not matches(words("/năm"), "02 cuộc/nămx")


# --- recurrence: one table, read by targets, tasks and reporting ---------------------------------


def target_recurrence(text: str) -> str | None:
    low = fold_rules(text)
    return find_recurrence(low, len(low), len(low))


def task_recurrence(text: str) -> str | None:
    return read_timeframe(text, False)[3]


def reporting_recurrence(text: str) -> str | None:
    return first_recurrence(fold_rules(text), REPORTING)


EVERYONE = (target_recurrence, task_recurrence, reporting_recurrence)


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        ("hằng năm", "annual"), ("Hàng năm", "annual"), ("hang nam", "annual"), ("h4ng n4m", "annual"),
        ("mỗi năm", "annual"), ("moi nam", "annual"),
        ("hằng quý", "quarterly"), ("hang quy", "quarterly"), ("mỗi quý", "quarterly"),
        ("hằng tháng", "monthly"), ("hang thang", "monthly"),
        ("định kỳ 6 tháng", "semiannual"), ("dinh ky 06 thang", "semiannual"), ("mỗi sáu tháng", "semiannual"),
    ],
)
def test_words_every_extractor_reads(text: str, notation: str) -> None:
    for read in EVERYONE:
        assert read(f"Thực hiện {text}.") == notation, read.__name__


@pytest.mark.parametrize("text", ["năm 2025", "tháng 5", "quý IV", "thường xuyên", "các năm", "ngày 10/12", "cá nhân"])
def test_words_nobody_reads_as_a_recurrence(text: str) -> None:
    assert target_recurrence(text) is None and reporting_recurrence(text) is None
    assert task_recurrence(text) in (None, "once")


@pytest.mark.parametrize(
    ("text", "target", "task", "reporting"),
    [  # today's differences between the extractors (kg/extract/recurrence.py), pinned until aligned
        ("trong năm", "annual", None, None),
        ("02 cuộc/năm", "annual", None, None),
        ("theo quý", "quarterly", None, None),
        ("theo quy định", "quarterly", None, None),  # a misreading in targets: "theo quy" + "định"
        ("02 tin/quý", "quarterly", None, None),
        ("mỗi tháng", "monthly", None, None),
        ("02 tin, bài/tháng", "monthly", None, None),
        ("cả năm", None, None, "annual"),
        ("nửa năm", None, None, "semiannual"),
        ("6 tháng", None, "semiannual", "semiannual"),
        ("sáu tháng đầu năm", None, "semiannual", "semiannual"),
        ("trước ngày 16 tháng 12", None, "semiannual", "semiannual"),  # "16 tháng" holds "6 tháng"
        ("6 tháng và hằng năm", "annual", "annual", "semiannual"),  # priority differs
        ("hangnam", None, "annual", "annual"),  # words run together
        ("trong năm học", None, None, None),
        ("hằng năm 2025", None, "annual", "annual"),
    ],
)
def test_words_read_differently_by_each_extractor(text: str, target, task, reporting) -> None:
    assert (target_recurrence(text), task_recurrence(text), reporting_recurrence(text)) == (target, task, reporting)


def test_a_target_takes_the_cue_before_its_value_else_the_first_after_not_the_action_months() -> None:
    low = fold_rules("Hằng năm tổ chức 02 cuộc, mỗi quý 01 tin")
    value = low.index("02")
    assert find_recurrence(low, value, value + 8) == "annual"
    low = fold_rules("02 cuộc hưởng ứng Tháng hành động vì bình đẳng giới hằng năm")
    assert find_recurrence(low, 0, 8) is None


def test_the_cue_nearest_a_reporting_deadline_wins_and_va_nam_is_the_whole_year() -> None:
    assert nearest_recurrence(fold_rules("Định kỳ 6 tháng (trước ngày 10/6) và năm (")) == "annual"
    assert nearest_recurrence(fold_rules("hằng năm, định kỳ 6 tháng (")) == "semiannual"
    assert nearest_recurrence(fold_rules("báo cáo Sở Nội vụ (")) is None


def test_a_task_time_frame_with_one_year_and_no_cue_happens_once() -> None:
    assert read_timeframe("Năm 2025", False)[3] == "once"
    assert read_timeframe("2026 - 2030", False)[3] is None


def test_every_row_has_a_known_notation_and_scope() -> None:
    for c in CUES:
        assert c.notation in {"annual", "semiannual", "quarterly", "monthly"}
        assert c.phrases and c.scope <= {TARGETS, TASKS, REPORTING, "deadline"}
