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
    assert len(EVERYONE) == 3
    for read in EVERYONE:
        assert read(f"Thực hiện {text}.") == notation, read.__name__


@pytest.mark.parametrize(
    "text",
    [
        "năm 2025", "tháng 5", "quý IV", "thường xuyên", "các năm", "ngày 10/12", "cá nhân",
        # "quy" + "định" is no "theo quý"; "16 tháng 12" holds "6 tháng" but is a date (once misread)
        "theo quy định", "mỗi quy trình", "theo quy hoạch", "trước ngày 16 tháng 12", "ngày 06 tháng 12",
    ],
)
def test_words_nobody_reads_as_a_recurrence(text: str) -> None:
    assert target_recurrence(text) is None and reporting_recurrence(text) is None
    assert task_recurrence(text) in (None, "once")


@pytest.mark.parametrize(
    ("text", "target", "task", "reporting"),
    [  # today's differences between the extractors (kg/extract/recurrence.py), pinned until aligned
        ("trong năm", "annual", None, None),
        ("02 cuộc/năm", "annual", None, None),
        ("theo quý", "quarterly", None, None),
        ("02 tin/quý", "quarterly", None, None),
        ("mỗi tháng", "monthly", None, None),
        ("02 tin, bài/tháng", "monthly", None, None),
        ("cả năm", None, None, "annual"),
        ("nửa năm", None, None, "semiannual"),
        ("6 tháng", None, "semiannual", "semiannual"),
        ("sáu tháng đầu năm", None, "semiannual", "semiannual"),
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
    assert len(CUES) > 5
    for c in CUES:
        assert c.notation in {"annual", "semiannual", "quarterly", "monthly"}
        assert c.phrases and c.scope <= {TARGETS, TASKS, REPORTING, "deadline"}


# --- targets: units, words that make a number no value, comparators, years -----------------------

from kg.extract.funding import _CUES as FUNDING_CUES  # noqa: E402
from kg.extract.indicators import T1, T2, T3, T4, T5, match_indicator  # noqa: E402
from kg.extract.targets.comparators import read_comparator  # noqa: E402
from kg.extract.targets.values import find_values, unit_at  # noqa: E402
from kg.extract.targets.years import find_years  # noqa: E402


def unit_of(text: str) -> str | None:
    return unit_at(fold_rules(" " + text), 0)[0]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("%", "percent"), ("phần trăm", "percent"), ("phan tram", "percent"),
        ("cuộc", "event"), ("cu6c", "event"), ("buổi", "event"), ("hội nghị", "event"), ("hdi thao", "event"),
        ("lớp", "event"), ("đợt", "event"), ("Pot", "event"), ("sự kiện", "event"), ("chiến dịch", "event"),
        ("tọa đàm", "event"), ("diễn đàn", "event"), ("phiên", "event"), ("lần", "event"),
        ("tin bài", "news-item"), ("tin, bài", "news-item"), ("tin/bài", "news-item"), ("tin", "news-item"),
        ("bài viết", "news-item"), ("bai bao", "news-item"), ("phóng sự", "news-item"),
        ("mô hình", "model"), ("câu lạc bộ", "model"), ("CLB", "model"),
        ("người", "person"), ("lượt người", "person"), ("nguoi", "person"), ("học viên", "person"),
        ("học sinh", "person"), ("cán bộ", "person"), ("đại biểu", "person"), ("thành viên", "person"),
        ("đơn vị", "unit"), ("cơ quan", "unit"), ("tổ chức", "unit"), ("doanh nghiệp", "unit"),
        ("trường", "unit"), ("trung tâm", "unit"), ("cơ sở", "unit"),
        ("kế hoạch", "document"), ("văn bản", "document"), ("tài liệu", "document"), ("ấn phẩm", "document"),
    ],
)
def test_unit_words(text: str, unit: str) -> None:
    assert unit_of(text) == unit


@pytest.mark.parametrize("text", ["các xã", "cuộcx", "chuyên mục", "sản phẩm", "năm", "lập", "đạt", "Liên", "ngoài", "dân và"])
def test_words_that_are_no_unit(text: str) -> None:
    assert unit_of(text) is None


@pytest.mark.parametrize(
    "text",
    ["ngày 15", "tháng 11", "Số: 12", "so 5", "Điều 6", "khoản 2", "điểm 3", "mục 2", "mục tiêu 1", "giai đoạn 2",
     "khóa 3", "chỉ tiêu 4", "nhiệm vụ 5", "hoạt động 2", "nội dung 3", "biểu mẫu 01", "lần thứ 5", "quý 2",
     "phụ lục 02", "tuổi 15", "chương 3", "giờ 8", "phút 30", "bước 2", "phần 1", "nhóm 3", "tổ 5"],
)
def test_a_number_after_these_words_is_no_value(text: str) -> None:
    assert find_values(fold_rules(f"đạt ít nhất {text} cuộc")) == [] or all(
        v.value != float(text.split()[-1]) for v in find_values(fold_rules(f"đạt ít nhất {text} cuộc"))
    )


@pytest.mark.parametrize("text", ["tham gia 02 lớp", "phát 03 tin", "sau 02 cuộc", "từ 5 cuộc", "nhằm 4 cuộc"])
def test_a_number_after_these_words_is_a_value(text: str) -> None:
    assert find_values(fold_rules(text))


def comparator(text: str) -> str | None:
    low = fold_rules(text + " 50 cuộc")
    start = low.index("50")
    return read_comparator(low, 0, start, start + 8, False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ít nhất", "at-least"), ("it nhat", "at-least"), ("lt nhất", "at-least"), ("tối thiểu", "at-least"),
        ("toi thieu", "at-least"), ("không dưới", "at-least"), ("không ít hơn", "at-least"), ("từ", "at-least"),
        ("tir", "at-least"), ("trên", "at-least"), ("hơn", "at-least"),
        ("không quá", "at-most"), ("không vượt quá", "at-most"), ("tối đa", "at-most"), ("dưới", "at-most"),
        ("tăng", "increase-by"), ("tang", "increase-by"), ("giảm", "decrease-by"), ("giam", "decrease-by"),
        ("đạt", "exactly"), ("dat", "exactly"), ("Pat", "exactly"),
        ("tốt nhất", None), ("tổng", None), ("tăng cường", None), ("giám sát", None), ("giám đốc", None),
        ("thời hạn", None), ("thực hiện", None), ("phát", None), ("tới đây", None),
    ],
)
def test_comparator_words(text: str, expected: str | None) -> None:
    assert comparator(text) == expected


def test_a_level_and_or_more_or_less() -> None:
    # "tăng lên 80%" states a level (exactly); the result of a decrease is an upper bound (tests/real/README.md)
    assert comparator("tăng lên") == "exactly" and comparator("giảm xuống còn") == "at-most"
    assert comparator("tăng tỷ lệ lao động nữ đạt") == "exactly" and comparator("còn") == "at-most"
    low = fold_rules("50 cuộc trở lên")
    assert read_comparator(low, 0, 0, 8, False) == "at-least"
    low = fold_rules("50 cuộc trở xuống")
    assert read_comparator(low, 0, 0, 8, False) == "at-most"


@pytest.mark.parametrize(
    ("text", "year", "deadline"),
    [("đến năm 2025", 2025, True), ("den nam 2025", 2025, True), ("Pén ndam 2025", 2025, True),
     ("trước năm 2030", 2030, True), ("vào năm 2026", 2026, True), ("đến hết năm 2025", 2025, True),
     ("cuối năm 2025", 2025, True), ("năm 2030", 2030, False)],
)
def test_year_words(text: str, year: int, deadline: bool) -> None:
    found, _ = find_years(fold_rules(f"đạt 50% {text}"))
    assert [(y, d) for *_, y, d in found] == [(year, deadline)]


@pytest.mark.parametrize(
    "text",
    ["từ năm 2026", "tháng 3 năm 2026", "năm 2026 - 2030", "Chương trình truyền thông đến năm 2030",
     "Chiến lược quốc gia về bình đẳng giới đến năm 2030"],
)
def test_years_that_are_no_target_year(text: str) -> None:
    assert find_years(fold_rules(text))[0] == []


def test_baseline_words() -> None:
    assert find_years(fold_rules("tăng 10% so với năm 2022"))[1] == 2022
    assert find_years(fold_rules("tăng 10% so voi dau ky (nam 2021)"))[1] == 2021


# --- indicators and funding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "unit", "indicator"),
    [
        ("100% hương ước, quy ước không có nội dung phân biệt đối xử", "percent", T5),
        ("100% huong udc, quy udc", "percent", T5),
        ("100% cơ quan truyền thông áp dụng Bộ chỉ số về giới trong truyền thông", "percent", T4),
        ("B6 chi s6 vé gidi", None, T4),
        ("100% xã tổ chức Tháng hành động vì bình đẳng giới", "percent", T2),
        ("nhận thức về bình đẳng giới tăng 20%", "percent", T3),
        ("nhan thirc nâng cao", None, T3),
        ("02 cuộc truyền thông pháp luật về bình đẳng giới", "event", T1),
        ("tổ chức hội nghị phổ biến chính sách", None, T1),
        ("02 tin bài pháp luật", "news-item", None),
        ("kết quả thực hiện hằng năm", None, None),
    ],
)
def test_indicator_key_words(sentence: str, unit: str | None, indicator: str | None) -> None:
    assert match_indicator(sentence, unit) == indicator


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lồng ghép", "integrated"), ("long ghep", "integrated"),
        ("Chương trình mục tiêu quốc gia", "programme-budget"), ("kinh phí chương trình", "programme-budget"),
        ("các chương trình, đề án", "programme-budget"), ("các chương trình, dự án", "programme-budget"),
        ("xã hội hóa", "socialised"), ("xa hoi hoa", "socialised"), ("vận động", "socialised"),
        ("viện trợ", "socialised"), ("đóng góp", "socialised"), ("huy động", "socialised"),
        ("hwy dong", "socialised"), ("tài trợ", "socialised"),
        ("ngân sách", "state-budget"), ("dự toán", "state-budget"), ("chi thường xuyên", "state-budget"),
        ("kinh phí của địa phương", "state-budget"), ("kinh phí sự nghiệp", "state-budget"),
        ("nguồn", "other"), ("Quỹ hỗ trợ", "other"), ("Quỹ vì sự tiến bộ", "other"),
    ],
)
def test_funding_cue_words(text: str, kind: str) -> None:
    low = fold_rules(text)
    assert [k for k, rx in FUNDING_CUES if rx.search(low)][:1] == [kind]


@pytest.mark.parametrize("text", ["hoạt động", "thị trấn", "quan hệ trên", "xã hội hàng năm", "để triển khai"])
def test_words_that_are_no_funding_source(text: str) -> None:
    low = fold_rules(text)
    assert [k for k, rx in FUNDING_CUES if rx.search(low)] == []
