"""Parts organised by agency in the shapes of real published plans (issue 13), on sentences written for
the tests: an operative part ("II. NỘI DUNG THỰC HIỆN") whose items are headed by agencies — some written
as a request ("Đề nghị Ủy ban Mặt trận …"), as a collective without "các" ("Sở, ban, ngành liên quan") or
as two agencies separated by ";" — holds responsibilities, not tasks."""

from kg.extract.agencies import resolve_agencies
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks
from tests.extract.contexts import NINH_BINH_2025 as PROVINCE

BY_AGENCY = (
    "II. NỘI DUNG THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì tổ chức chiến dịch tiêm chủng mở rộng.\n\n"
    "2. Sở Giáo dục và Đào tạo; Đài Phát thanh và Truyền hình tỉnh\n\nLồng ghép giáo dục sức khỏe "
    "vào hoạt động ngoại khóa.\n\n3. Sở, ban, ngành liên quan\n\nPhối hợp với Sở Y tế triển khai kế hoạch.\n\n"
    "4. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n\nVận động Nhân dân tham gia tiêm chủng.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nTheo dõi, đôn đốc thực hiện Kế hoạch.\n"
)


def test_items_headed_by_agencies_are_responsibilities_not_tasks():
    sections = split_sections(BY_AGENCY)
    assert extract_tasks(BY_AGENCY, sections, PROVINCE, []) == []
    found = extract_responsibilities(BY_AGENCY, sections, PROVINCE, [], [])
    assert [r.agency.name for r in found] == [
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Đài Phát thanh và Truyền hình",
        "Sở, ban, ngành liên quan",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
    ]


def test_collective_written_without_cac():
    refs = resolve_agencies("Sở, ban, ngành thành phố và Ủy ban nhân dân xã, phường", 0, PROVINCE, explicit=True)
    assert [(r.name, r.is_group) for r in refs] == [
        ("Sở, ban, ngành thành phố", True),
        ("Ủy ban nhân dân các xã, phường", True),
    ]
    # a single type word is no collective
    assert resolve_agencies("Sở, nơi cấp phép", 0, PROVINCE, explicit=False) == []


def test_heading_name_runs_on_over_a_list_of_attributes():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Trung tâm Khuyến công và tư vấn, phát triển công nghiệp\n\n"
        "Hỗ trợ cơ sở công nghiệp nông thôn.\n\n2. Đề nghị các doanh nghiệp chế biến, đóng gói và phân phối thực phẩm\n\n"
        "Tham gia chuỗi liên kết.\n\n3. Công an tỉnh\n\nBảo đảm an ninh trật tự.\n"
    )
    found = extract_responsibilities(text, split_sections(text), PROVINCE, [], [])
    assert [r.agency.name for r in found] == [
        "Trung tâm Khuyến công và tư vấn, phát triển công nghiệp",
        "Các doanh nghiệp chế biến, đóng gói và phân phối thực phẩm",
        "Công an",
    ]


def test_agencies_as_bullets_or_lettered_items_of_the_organisation_part():
    bullets = (
        "V. TỔ CHỨC THỰC HIỆN\n\n- Sở Nội vụ: Chủ trì, hướng dẫn, theo dõi việc thực hiện Kế hoạch.\n\n"
        "- Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.\n\n"
        "- Ủy ban nhân dân các xã, phường: Xây dựng kế hoạch thực hiện tại địa phương.\n"
    )
    lettered = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của các cơ quan, đơn vị\n\n"
        "a) Sở Nội vụ: Chủ trì, hướng dẫn, theo dõi việc thực hiện Kế hoạch.\n\n"
        "b) Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.\n\n2. Ủy ban nhân dân các xã, phường\n\n"
        "Xây dựng kế hoạch thực hiện tại địa phương.\n"
    )
    for text in (bullets, lettered):
        found = extract_responsibilities(text, split_sections(text), PROVINCE, [], [])
        assert [r.agency.name for r in found] == ["Sở Nội vụ", "Sở Tài chính", "Ủy ban nhân dân các xã, phường"]
        assert found[1].duties == ("Bố trí kinh phí thực hiện Kế hoạch",)


def test_sub_units_listed_in_an_agency_paragraph_stay_with_it():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Trung tâm Kiểm soát bệnh tật: Giám sát dịch bệnh.\n\n"
        "- Các Trung tâm Y tế: Sẵn sàng tiếp nhận người bệnh.\n\n2. Sở Tài chính\n\nBố trí kinh phí.\n"
    )
    found = extract_responsibilities(text, split_sections(text), PROVINCE, [], [])
    assert [r.agency.name for r in found] == ["Sở Y tế", "Sở Tài chính"]
