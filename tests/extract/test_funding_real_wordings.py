"""Funding sources as real published plans name them (issue 13): each wording with one it must not take.

Constructed sentences in the shape of real plans' "Kinh phí" parts (tests/real/README.md, funding).
"""

from __future__ import annotations

from kg.extract.funding import extract_funding


def kinds(funding: str | None, elsewhere: str = "- Tuyên truyền.\n") -> list[str]:
    text = "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n- Nâng cao chất lượng.\n\nII. NHIỆM VỤ\n" + elsewhere + "\n"
    if funding is not None:
        text += "III. KINH PHÍ THỰC HIỆN\n\n" + funding + "\n\n"
    text += "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Chủ trì.\n"
    found = extract_funding(text)
    for f in found:
        assert f.text in text[f.span[0]:f.span[1]] or text[f.span[0]:f.span[1]] in f.text
    return [f.kind for f in found]


def test_the_budget_reserve_and_central_support_are_state_budget_international_organisations_socialised() -> None:
    assert kinds(
        "- Từ ngân sách tỉnh theo phân cấp.\n\n- Nguồn dự phòng ứng phó thiên tai.\n\n"
        "- Hỗ trợ từ trung ương, tổ chức quốc tế và các nguồn hợp pháp khác.\n"
    ) == ["state-budget", "socialised"]
    assert kinds("- Hỗ trợ từ trung ương.\n") == ["state-budget"]


def test_a_label_naming_no_source_is_not_a_source() -> None:
    assert kinds("1. Nguồn kinh phí\n\na) Ngân sách địa phương bảo đảm.\n") == ["state-budget"]
    assert kinds("- Nguồn Quỹ hỗ trợ nông dân tỉnh.\n") == ["other"]


def test_the_budget_assigned_to_the_agencies_is_state_budget() -> None:
    assert kinds("Các sở, ngành chủ động bố trí từ nguồn kinh phí được giao năm 2025.\n") == ["state-budget"]


def test_a_catch_all_alone_is_other_listed_with_sponsors_it_is_socialised() -> None:
    assert kinds("Ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.\n") == [
        "state-budget", "other"
    ]
    assert kinds("Ngân sách nhà nước; nguồn tài trợ, viện trợ và các nguồn hợp pháp khác.\n") == [
        "state-budget", "socialised"
    ]


def test_counselling_and_volunteers_are_no_sources_in_a_plan_without_a_funding_part() -> None:
    duty = (
        "- Phát huy vai trò của các tình nguyện viên, các đoàn thể trong quản lý, tư vấn, động viên, giúp đỡ "
        "người bệnh.\n- Sở Tài chính bố trí kinh phí từ ngân sách nhà nước.\n"
    )
    assert kinds(None, elsewhere=duty) == ["state-budget"]
