"""What a target's value means (kg/extract/targets/qualify.py): the relation to the value apart from
the change it measures, the baseline value, and the scope it is counted over. Sentences in the shape
of the plans' objectives (the first four as the seeds write them)."""

from __future__ import annotations

import pytest

from kg.extract.sections import split_sections
from kg.extract.targets import extract_targets
from tests.extract.test_targets_real_wordings import plan

FIELDS = ("value", "value_max", "relation", "change", "baseline_value", "baseline_year", "scope")


def qualified(objective: str) -> list[tuple]:
    text = plan(f"- {objective}\n")
    return [tuple(getattr(t, f) for f in FIELDS) for t in extract_targets(text, split_sections(text))]


@pytest.mark.parametrize(("sentence", "scope"), [
    ("Mỗi thôn, bản, khu phố tổ chức ít nhất 01 cuộc truyền thông trong năm về bình đẳng giới.", "per-sub-unit"),
    ("Hằng năm, các cơ quan, tổ chức, doanh nghiệp và người dân được truyền thông về pháp luật ít nhất 02 cuộc.",
     "per-agency"),
    ("Hằng năm, mỗi cơ sở giáo dục tổ chức ít nhất 02 cuộc truyền thông cho giáo viên và học sinh.", "per-agency"),
    ("Đài Truyền thanh các xã, thị trấn phát ít nhất 04 tin, bài mỗi quý.", "per-sub-unit"),
    ("Phấn đấu đến năm 2025 đạt ít nhất 70% cơ quan truyền thông áp dụng thí điểm Bộ chỉ số.", "whole-unit"),
    ("Hằng năm, tổ chức ít nhất 02 hội nghị tập huấn cho cán bộ làm công tác bình đẳng giới.", "whole-unit"),
    ("Mỗi bản tổ chức ít nhất 01 cuộc/năm truyền thông pháp luật về bình đẳng giới.", "per-sub-unit"),
    ("Hằng năm, các ban, ngành, đoàn thể huyện tổ chức ít nhất 02 cuộc truyền thông về bình đẳng giới.", "per-agency"),
    # "tổng" is no "từng", "sản phẩm" no "sở"
    ("Tổng sản phẩm chè xuất khẩu đến năm 2030 phấn đấu đạt trên 12.000 tấn.", "whole-unit"),
])
def test_scope(sentence: str, scope: str) -> None:
    assert [row[-1] for row in qualified(sentence)] == [scope]


def test_a_change_keeps_its_relation_and_a_level_its_range() -> None:
    assert qualified("Đến năm 2030, nhận thức về bình đẳng giới của người dân tăng ít nhất 10% so với năm 2025.") == [
        (10, None, "at-least", "increase", None, 2025, "whole-unit")]
    assert qualified("Đến năm 2030, nhận thức của các nhóm đối tượng tăng từ 10 - 15% so với năm 2025.") == [
        (10, 15, "range", "increase", None, 2025, "whole-unit")]
    assert qualified("Đến năm 2025, giảm ít nhất 50% số cặp tảo hôn so với năm 2022.") == [
        (50, None, "at-least", "decrease", None, 2022, "whole-unit")]
    assert qualified("Đến năm 2025 tỷ lệ hộ nghèo đạt 15-20%.") == [(15, 20, "range", None, None, None, "whole-unit")]


def test_where_a_change_starts_is_the_baseline_value_of_the_level_it_reaches() -> None:
    got = qualified("Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 "
                    "phụ nữ vào năm 2030.")
    assert [row[:5] for row in got] == [(18, None, "at-most", None, 23)]
