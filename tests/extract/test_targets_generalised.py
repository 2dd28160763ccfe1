"""Targets in shapes of the genre the first rules for real plans missed: several shares in one item,
counts that qualify a share, breakdowns ("Trong đó:"), quantities in tonnes, average growth rates.
The sentences are written here in the shape of provincial plans; none is copied from a plan."""

from __future__ import annotations

from kg.extract.sections import split_sections
from kg.extract.targets import extract_targets

FIELDS = ("value", "value_max", "unit", "comparator", "year", "recurrence")


def _plan(objectives: str, tasks: str = "1. Tuyên truyền\n- Tổ chức tuyên truyền.\n") -> str:
    return (
        "KẾ HOẠCH\nPhát triển nông nghiệp năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chất lượng.\n\n"
        f"II. MỤC TIÊU\n\n{objectives}\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n\n{tasks}\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Nông nghiệp và Môi trường\n\n- Chủ trì, theo dõi.\n"
    )


def _targets(objectives: str, **kw: str) -> list[tuple]:
    text = _plan(objectives, **kw)
    return [tuple(getattr(t, f) for f in FIELDS) for t in extract_targets(text, split_sections(text))]


def test_the_same_share_twice_in_one_item_is_two_targets_and_a_count_in_a_share_qualifies_it() -> None:
    tasks = (
        "1. Sở Y tế\n- Chủ trì triển khai, phấn đấu: tỷ lệ trẻ được tiêm chủng đầy đủ đạt 90%; 60% người "
        "cao tuổi được khám ít nhất 2 lần; 90% học sinh được kiểm tra ít nhất 3 chỉ số sức khỏe.\n"
    )
    text = (
        "KẾ HOẠCH\nChăm sóc sức khỏe năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chất lượng.\n\n"
        f"II. NHIỆM VỤ, GIẢI PHÁP\n\n{tasks}\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Chủ trì.\n"
    )
    found = [(t.value, t.unit) for t in extract_targets(text, split_sections(text))]
    assert found == [(90, "percent"), (60, "percent"), (90, "percent")]


def test_a_breakdown_and_the_clauses_after_a_semicolon_share_the_year() -> None:
    found = _targets(
        "1. Phấn đấu giá trị xuất khẩu đến năm 2030 đạt 120 triệu USD. Trong đó: nông sản đạt 100 triệu USD; "
        "hàng công nghiệp đạt 20 triệu USD.\n\n"
        "2. Sản lượng cà phê đến năm 2030 phấn đấu đạt 5.000 tấn; giá trị cà phê dự kiến đạt 9,5 triệu USD.\n"
    )
    assert [(v, y) for v, _, _, _, y, _ in found] == [(120, 2030), (100, 2030), (20, 2030), (5000, 2030), (9.5, 2030)]


def test_a_new_sentence_does_not_carry_the_year() -> None:
    found = _targets("1. Đến năm 2030 đạt 80% hộ dùng nước sạch. Hằng năm có ít nhất 02 hội nghị tập huấn.\n")
    assert [(v, y) for v, _, _, _, y, _ in found] == [(80, 2030), (2, None)]


def test_an_average_growth_rate_is_an_increase_and_keeps_its_own_recurrence() -> None:
    found = _targets(
        "1. Phấn đấu giá trị xuất khẩu đến năm 2030 đạt 50 triệu USD, tăng bình quân hằng năm đạt 8 - 9%/năm.\n"
    )
    assert found == [
        (50, None, "other", "exactly", 2030, None),
        (8, 9, "percent", "increase-by", 2030, "annual"),
    ]


# --- funding (in the same shapes) ------------------------------------------------------------------


def _kinds(funding: str | None, elsewhere: str = "- Tuyên truyền.\n") -> list[str]:
    from kg.extract.funding import extract_funding

    text = "KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n" + elsewhere + "\nII. NHIỆM VỤ\n- Tuyên truyền.\n\n"
    if funding is not None:
        text += "III. NGUỒN LỰC\n\n" + funding + "\n\n"
    text += "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Chủ trì.\n"
    return [f.kind for f in extract_funding(text)]


def test_human_resources_are_no_funding_source() -> None:
    assert _kinds("1. Kinh phí: từ ngân sách nhà nước được giao.\n\n2. Nguồn nhân lực: bố trí cán bộ chuyên trách.\n") == [
        "state-budget"
    ]


def test_outside_a_funding_part_mobilising_resources_without_a_sponsor_is_not_socialised() -> None:
    assert _kinds(None, "- Các đơn vị đề xuất bố trí ngân sách và huy động các nguồn lực cần thiết để thực hiện.\n") == [
        "state-budget"
    ]
    assert _kinds(None, "- Kinh phí từ ngân sách và huy động các nguồn lực xã hội để thực hiện.\n") == [
        "state-budget", "socialised"
    ]
