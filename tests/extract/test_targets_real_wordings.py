"""Targets as real published plans state them (issue 13): each wording with one it must not take.

The sentences are constructed in the shape of real provincial plans (tests/real/README.md says what
counts as a target there); none is copied from a plan.
"""

from __future__ import annotations

from kg.extract.sections import split_sections
from kg.extract.targets import extract_targets

FIELDS = ("value", "value_max", "unit", "comparator", "year", "baseline_year", "recurrence", "indicator")


def plan(objectives: str, tasks: str = "1. Tuyên truyền\n- Tổ chức tuyên truyền.\n", head: str = "II. MỤC TIÊU") -> str:
    return (
        "KẾ HOẠCH\nTriển khai công tác y tế năm 2025\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chất lượng.\n\n"
        f"{head}\n\n{objectives}\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n\n{tasks}\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Y tế\n\n- Chủ trì, theo dõi.\n"
    )


def targets_of(objectives: str, **kw: str) -> list[tuple]:
    text = plan(objectives, **kw)
    found = extract_targets(text, split_sections(text))
    for t in found:
        assert text[t.span[0]:t.span[1]] == t.text
    return [tuple(getattr(t, f) for f in FIELDS) for t in found]


def test_the_year_of_a_list_heading_applies_to_its_items() -> None:
    assert targets_of("1. Chỉ tiêu chủ yếu đến năm 2030\n\n1.1. Trên 85% trạm y tế xã có bác sĩ.\n") == [
        (85, None, "percent", "at-least", 2030, None, None, None)
    ]
    assert targets_of("1. Chỉ tiêu chủ yếu\n\n1.1. Trên 85% trạm y tế xã có bác sĩ.\n") == [
        (85, None, "percent", "at-least", None, None, None, None)
    ]


def test_a_nested_lead_in_without_a_year_keeps_the_outer_year_until_the_next_item_of_its_kind() -> None:
    got = targets_of(
        "1. Phấn đấu đến cuối năm 2025 đạt các chỉ tiêu sau:\n\n1.1. Lĩnh vực y tế\n\na) Khám chữa bệnh:\n\n"
        "- Chỉ tiêu 1: Tỷ lệ người dân có thẻ bảo hiểm y tế đạt 95%.\n\nb) Dự phòng:\n\n"
        "- Chỉ tiêu 2: Đạt 90% trẻ em được tiêm chủng đầy đủ; 80% phụ nữ mang thai được khám thai.\n\n"
        "2. Chỉ tiêu khác\n\n- Tỷ lệ xã có trạm y tế đạt 100%.\n"
    )
    assert got == [
        (95, None, "percent", "exactly", 2025, None, None, None),
        (90, None, "percent", "exactly", 2025, None, None, None),
        (80, None, "percent", "exactly", 2025, None, None, None),
        (100, None, "percent", "exactly", None, None, None, None),
    ]


def test_from_a_year_onwards_and_within_a_period_give_the_target_year() -> None:
    got = targets_of(
        "- Từ năm 2026 trở đi, 100% bệnh viện công lập có hồ sơ bệnh án điện tử.\n"
        "- Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 15% bác sĩ được đào tạo chuyên sâu.\n"
        "- Từ năm 2026, hằng năm tổ chức ít nhất 02 lớp tập huấn cho nhân viên y tế.\n"
    )
    assert got == [
        (100, None, "percent", "exactly", 2026, None, None, None),
        (15, None, "percent", "at-least", 2030, None, None, None),
        (2, None, "event", "at-least", None, None, "annual", None),  # "từ năm 2026" alone is a start
    ]


def test_a_plans_or_programmes_period_is_not_the_target_year() -> None:
    got = targets_of("- Thực hiện Chương trình y tế cơ sở trong giai đoạn 2021 - 2025, đạt 90% xã có bác sĩ.\n")
    assert got == [(90, None, "percent", "exactly", None, None, None, None)]


def test_signs_before_a_value_are_comparators() -> None:
    got = targets_of("a) Đến hết năm 2025: Có ≥ 40% hộ gia đình dùng nước sạch.\nb) Đến hết năm 2030: ≤ 5% trẻ suy dinh dưỡng.\n")
    assert got == [
        (40, None, "percent", "at-least", 2025, None, None, None),
        (5, None, "percent", "at-most", 2030, None, None, None),
    ]


def test_the_result_of_a_change_is_a_level_or_an_upper_bound() -> None:
    got = targets_of(
        "- Giảm tỷ lệ hộ nghèo trong tổng số hộ dân cư xuống dưới 2% vào năm 2025.\n"
        "- Giảm thời gian chờ khám bệnh trung bình của người bệnh còn 1,5 lần vào năm 2025.\n"
        "- Tỷ suất chết trẻ em giảm từ 14 ca/1.000 trẻ đẻ sống xuống 12 ca/1.000 trẻ đẻ sống vào năm 2025.\n"
        "- Tăng tỷ lệ người dân được quản lý sức khỏe đạt 90% vào năm 2025.\n"
        "- Nâng tuổi thọ trung bình lên 75 tuổi vào năm 2030.\n"
        "- Hằng năm, số ca phát hiện sớm tăng trên 05%.\n"
    )
    assert got == [
        (2, None, "percent", "at-most", 2025, None, None, None),
        (1.5, None, "other", "at-most", 2025, None, None, None),
        (12, None, "other", "at-most", 2025, None, None, None),  # 14 is where the change starts
        (90, None, "percent", "exactly", 2025, None, None, None),
        (75, None, "other", "exactly", 2030, None, None, None),
        (5, None, "percent", "increase-by", None, None, "annual", None),
    ]


def test_rates_per_hundred_or_thousand_are_values_of_measure_other_dates_are_not() -> None:
    got = targets_of(
        "- Tỷ lệ tử vong sơ sinh dưới 8/1.000 trẻ đẻ sống vào năm 2025.\n"
        "- Tỷ số giới tính khi sinh ở mức 108 bé trai/100 bé gái vào năm 2030.\n"
        "- Tổ chức chiến dịch từ ngày 15/11 đến ngày 15/12 theo mục 3 của Kế hoạch.\n"
    )
    assert got == [
        (8, None, "other", "at-most", 2025, None, None, None),
        (108, None, "other", "exactly", 2030, None, None, None),
    ]


def test_ages_and_durations_are_values_only_after_a_commitment() -> None:
    got = targets_of(
        "- Tuổi thọ trung bình của người dân đạt 74,5 tuổi vào năm 2030.\n"
        "- Phấn đấu 100% trẻ em từ 06 tháng đến 36 tháng tuổi được tiêm vắc xin; trẻ dưới 24 tháng tuổi được "
        "theo dõi tăng trưởng; ổ dịch được xử lý trong 24-48 giờ.\n"
    )
    assert got == [
        (74.5, None, "other", "exactly", 2030, None, None, None),
        (100, None, "percent", "exactly", None, None, None, None),
    ]


def test_one_organisation_in_words_is_a_count_one_person_or_one_of_the_services_is_not() -> None:
    got = targets_of(
        "- Có ít nhất một cơ sở y tế cung cấp dịch vụ thân thiện với người cao tuổi vào năm 2025.\n"
        "- Đến năm 2025, 70% trở lên hộ gia đình có ít nhất một thành viên được tập huấn sơ cứu; người bệnh "
        "được tiếp cận ít nhất một trong các dịch vụ.\n"
    )
    assert got == [
        (1, None, "unit", "at-least", 2025, None, None, None),
        (70, None, "percent", "at-least", 2025, None, None, None),
    ]


def test_every_unit_having_at_least_n_items_is_a_count_not_a_coverage_rate() -> None:
    got = targets_of(
        "- Từ năm 2025 trở đi 100% trạm y tế mỗi quý có ít nhất 02 buổi truyền thông về dinh dưỡng.\n"
        "- Từ năm 2025 trở đi 100% trạm y tế có bác sĩ.\n"
    )
    assert got == [
        (2, None, "event", "at-least", 2025, None, "quarterly", None),
        (100, None, "percent", "exactly", 2025, None, None, None),
    ]


def test_a_clause_that_allows_adjusting_the_target_is_no_target() -> None:
    got = targets_of(
        "- Chỉ tiêu 1: Năm 2025 đạt 70% xã có trạm y tế đạt chuẩn. Đối với các xã có tỷ lệ dân di cư cao trên "
        "40% có thể điều chỉnh chỉ tiêu cho phù hợp.\n"
    )
    assert got == [(70, None, "percent", "exactly", 2025, None, None, None)]


def test_an_opening_recurrence_holds_for_every_clause_but_one_with_its_own_deadline() -> None:
    got = targets_of(
        "- Hàng năm, số ca bệnh lao được phát hiện tăng trên 03%; số ca được điều trị khỏi tăng trên 05%.\n"
        "- Hàng năm, giảm số ca mắc sốt xuất huyết; phấn đấu đến năm 2030 đạt ít nhất 60% xã không có ổ dịch.\n"
    )
    assert got == [
        (3, None, "percent", "increase-by", None, None, "annual", None),
        (5, None, "percent", "increase-by", None, None, "annual", None),
        (None, None, None, "decrease-by", None, None, "annual", None),  # a direction, without a value
        (60, None, "percent", "at-least", 2030, None, None, None),
    ]


def test_an_item_labelled_chi_tieu_is_a_target_without_a_value_an_aim_is_not() -> None:
    got = targets_of(
        "- Chỉ tiêu 1: Kiến thức sơ cấp cứu được đưa vào chương trình giảng dạy của các trường phổ thông "
        "từ năm 2026 trở đi.\n"
        "- Nâng cao chất lượng chương trình giảng dạy đến năm 2030.\n"
    )
    assert got == [(None, None, None, None, 2026, None, None, None)]


def test_the_year_of_an_events_name_is_no_target_year() -> None:
    got = targets_of(
        "- Phấn đấu đến năm 2025 đạt 60% dân số được tiếp cận kiến thức về bình đẳng giới.\n\n"
        "2. Tháng hành động\n\na) Chủ đề Tháng hành động năm 2025\n\n“An toàn cho phụ nữ và trẻ em gái”.\n"
    )
    assert got == [(60, None, "percent", "exactly", 2025, None, None, None)]


def test_being_granted_services_is_no_community_convention() -> None:
    got = targets_of("- Đến năm 2025, 100% nạn nhân được hưởng các dịch vụ hỗ trợ và tái hòa nhập cộng đồng.\n")
    assert got == [(100, None, "percent", "exactly", 2025, None, None, None)]
    got = targets_of("- Đến năm 2030 đạt 100% hương ước, quy ước của thôn không có phân biệt đối xử về giới.\n")
    assert got[0][-1] == "community-conventions-nondiscriminatory"


TASKS_WITH_TARGETS = (
    "1. Phòng chống dịch\n\n"
    "- Phấn đấu đạt 30% xã “không có ổ dịch” năm 2025, bảo đảm đến hết năm 2030 đạt 60% địa bàn xã "
    "“không có ổ dịch”.\n\n"
    "- Hằng năm tổ chức ít nhất 02 lớp tập huấn cho nhân viên y tế thôn.\n\n"
    "2. Giám sát\n\n- Xây dựng lộ trình, đảm bảo ít nhất 60% xã, phường không có ổ dịch vào năm 2030.\n\n"
    "- Theo lộ trình thực hiện hằng năm, phấn đấu đạt 30% xã, phường “không có ổ dịch” ngay trong năm 2025; "
    "đến năm 2030 đạt 100% “trạm y tế có bác sĩ”.\n"
)


def test_with_a_targets_part_a_dated_commitment_elsewhere_is_a_target_a_restatement_or_an_activity_is_not() -> None:
    got = targets_of("- Phấn đấu đến năm 2030 đạt ít nhất 60% số xã, phường trên toàn tỉnh không có ổ dịch.\n",
                     tasks=TASKS_WITH_TARGETS)
    assert got == [
        (60, None, "percent", "at-least", 2030, None, None, None),
        (30, None, "percent", "exactly", 2025, None, None, None),
        (100, None, "percent", "exactly", 2030, None, None, None),
    ]


def test_a_deadline_date_gives_the_target_year_a_cited_documents_date_does_not() -> None:
    got = targets_of(
        "- 100% bệnh viện hoàn thành kết nối dữ liệu trước ngày 31/12/2025.\n"
        "- Theo Kế hoạch số 59/KH-UBND ngày 14/3/2024, đạt 90% trạm y tế có phần mềm quản lý.\n"
    )
    assert got == [
        (100, None, "percent", "exactly", 2025, None, None, None),
        (90, None, "percent", "exactly", None, None, None, None),
    ]


def test_about_n_participants_alone_is_no_target() -> None:
    assert targets_of("- Hằng năm tổ chức ít nhất 02 hội nghị; mỗi hội nghị khoảng 100 đại biểu.\n") == [
        (2, None, "event", "at-least", None, None, "annual", None)
    ]


def test_a_baseline_belongs_to_the_change_it_follows_and_growth_reaching_n_is_an_increase() -> None:
    got = targets_of(
        "- Kim ngạch xuất khẩu năm 2025 đạt 1,5 tỷ USD, tăng 10% so với năm 2024.\n"
        "- Tốc độ tăng trưởng xuất khẩu bình quân đạt 8%/năm trong giai đoạn 2026 - 2030.\n"
    )
    assert got == [
        (1.5, None, "other", "exactly", 2025, None, None, None),
        (10, None, "percent", "increase-by", 2025, 2024, None, None),
        (8, None, "percent", "increase-by", 2030, None, "annual", None),
    ]


def test_an_ordinal_is_no_value() -> None:
    assert targets_of("- Tỷ lệ sinh con thứ 3 trở lên giảm 0,2% mỗi năm.\n") == [
        (0.2, None, "percent", "decrease-by", None, None, "annual", None)
    ]
