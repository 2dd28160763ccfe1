"""Role blocks of tasks in the shapes of real published plans (issue 13), on sentences written for the
tests: a numbered group heading whose sub-items each carry their own role lines, a role label that
only heads the role lines below it, a lead line written as sentences."""

from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks
from tests.extract.contexts import NINH_BINH_2025 as PROVINCE


def _tasks(text: str):
    return extract_tasks(text, split_sections(text), PROVINCE, [])


def _names(refs) -> list[str]:
    return [r.name for r in refs]


GROUPED = (
    "II. NHIỆM VỤ\n\n1. Về hạ tầng số\n\n1.1. Nâng cấp mạng truyền dẫn của tỉnh\n\n"
    "a) Nhiệm vụ: Rà soát, nâng cấp mạng truyền số liệu chuyên dùng.\n\n"
    "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n\n"
    "- Đơn vị phối hợp: Các sở, ban, ngành.\n\nc) Thời gian thực hiện: Hoàn thành trong năm 2026.\n\n"
    "1.2. Phát triển trung tâm dữ liệu\n\na) Nhiệm vụ:\n\n- Xây dựng trung tâm dữ liệu dùng chung.\n\n"
    "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Các sở, ban, ngành.\n\n"
    "- Đơn vị phối hợp: Sở Tài chính, UBND xã, phường.\n\nc) Thời gian thực hiện: Thực hiện thường xuyên.\n\n"
    "2. Về an toàn thông tin\n\na) Nhiệm vụ: Diễn tập ứng cứu sự cố.\n\n"
    "b) Cơ quan thực hiện:\n\n- Đơn vị chủ trì: Công an tỉnh.\n\n- Đơn vị phối hợp: Sở Khoa học và Công nghệ.\n\n"
    "c) Thời gian thực hiện: Hằng năm.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ theo dõi.\n"
)


def test_group_heading_with_sub_items_gives_one_task_per_sub_item():
    tasks = _tasks(GROUPED)
    assert [t.title for t in tasks] == [
        "Nâng cấp mạng truyền dẫn của tỉnh",
        "Phát triển trung tâm dữ liệu",
        "Về an toàn thông tin",
    ]
    assert [t.timeframe for t in tasks] == ["Hoàn thành trong năm 2026", "Thực hiện thường xuyên", "Hằng năm"]


def test_role_label_alone_above_role_lines_names_nobody():
    tasks = _tasks(GROUPED)
    assert [_names(t.lead) for t in tasks] == [["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành"], ["Công an"]]
    assert [_names(t.partners) for t in tasks] == [
        ["Các sở, ban, ngành"],
        ["Sở Tài chính", "Ủy ban nhân dân các xã, phường"],
        ["Sở Khoa học và Công nghệ"],
    ]


def test_single_item_with_its_own_sub_item_keeps_one_task():
    text = (
        "II. NHIỆM VỤ\n\n1. Tuyên truyền pháp luật về thư viện\n\n1.1. Biên soạn tài liệu.\n\n"
        "1.2. Phát hành tài liệu.\n\n- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.\n"
    )
    (task,) = _tasks(text)
    assert task.title == "Tuyên truyền pháp luật về thư viện"


def test_lead_line_written_as_sentences_leads_are_the_subjects():
    text = (
        "II. NỘI DUNG KẾ HOẠCH\n\n1. Rà soát văn bản quy phạm pháp luật\n\n"
        "- Cơ quan thực hiện: Sở Tư pháp tiến hành rà soát các văn bản do Ủy ban nhân dân tỉnh ban hành; "
        "các sở, ngành liên quan và Ủy ban nhân dân các xã, phường rà soát văn bản do cơ quan mình tham mưu, "
        "gửi kết quả về Sở Tư pháp để tổng hợp báo cáo Chủ tịch UBND tỉnh. Đồng thời, các sở, ngành liên "
        "quan tiếp tục cập nhật các văn bản hướng dẫn.\n\n"
        "2. Tập huấn nghiệp vụ\n\n- Cơ quan thực hiện: Sở Tư pháp; Sở Nội vụ và các sở, ngành có liên quan.\n"
    )
    first, second = _tasks(text)
    assert _names(first.lead) == ["Sở Tư pháp", "Các sở, ngành liên quan", "Ủy ban nhân dân các xã, phường"]
    assert _names(second.lead) == ["Sở Tư pháp", "Sở Nội vụ", "Các sở, ngành có liên quan"]


def test_deadline_label_other_fields_and_roles_in_brackets():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Tổ chức hội nghị quán triệt Kế hoạch.\n- Cơ quan chủ trì: Sở Nội vụ.\n"
        "- Cơ quan phối hợp: Sở Tư pháp, Ủy ban nhân dân các xã, phường.\n"
        "- Thời hạn hoàn thành: Quý I năm 2026.\n- Sản phẩm: Hội nghị được tổ chức.\n\n"
        "2. Rà soát đội ngũ làm công tác pháp chế (Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, "
        "ban, ngành; thời gian thực hiện: năm 2026).\n\n3. Kiểm tra việc thực hiện.\n"
        "- Đơn vị chủ trì thực hiện: Thanh tra tỉnh.\n- Thời gian: Hằng năm.\n"
        "- Kết quả đầu ra: Báo cáo Kết quả kiểm tra.\n"
    )
    first, second, third = _tasks(text)
    assert _names(first.partners) == ["Sở Tư pháp", "Ủy ban nhân dân các xã, phường"]  # no "Hội nghị …"
    assert first.timeframe == "Quý I năm 2026"
    assert second.title == "Rà soát đội ngũ làm công tác pháp chế"
    assert (_names(second.lead), _names(second.partners)) == (["Sở Tư pháp"], ["Các sở, ban, ngành"])
    assert second.timeframe == "Năm 2026"
    assert third.timeframe == "Hằng năm"


def test_prose_subject_that_works_with_others_and_after_a_time_phrase_leads():
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Kiểm tra, giám sát\nĐịnh kỳ hằng năm, Sở Văn hóa, Thể thao và Du lịch "
        "phối hợp với Công an tỉnh kiểm tra việc thực hiện tại các địa phương.\n\n2. Tuyên truyền\n"
        "- Các cơ quan, tổ chức phối hợp với các cơ quan báo chí đưa tin.\n\n3. Tổng vệ sinh\n"
        "- Huy động lực lượng xung kích, đoàn thanh niên tham gia tổng vệ sinh.\n"
    )
    first, second, third = _tasks(text)
    assert (_names(first.lead), _names(first.partners)) == (["Sở Văn hóa, Thể thao và Du lịch"], ["Công an"])
    assert _names(second.lead) == []  # a vague collective is no lead
    assert _names(third.lead) == []  # "Huy động …," is no time phrase


def test_lead_line_with_partners_before_phoi_hop_thuc_hien():
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Xây dựng mô hình điểm\n- Thời gian thực hiện: năm 2026.\n"
        "- Cơ quan thực hiện: Ủy ban nhân dân các xã, phường; Hội Liên hiệp Phụ nữ tỉnh phối hợp thực hiện.\n\n"
        "2. Tổ chức hội thi\n- Cơ quan thực hiện: Sở Tư pháp chủ trì, Sở Nội vụ phối hợp thực hiện.\n"
    )
    first, second = _tasks(text)
    assert (_names(first.lead), _names(first.partners)) == (
        ["Ủy ban nhân dân các xã, phường"],
        ["Hội Liên hiệp Phụ nữ"],
    )
    assert (_names(second.lead), _names(second.partners)) == (["Sở Tư pháp"], ["Sở Nội vụ"])


def test_tasks_part_without_numbered_items_lettered_items_or_bullets():
    lettered = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\na) Tuyên truyền Luật Thư viện trên báo chí.\n"
        "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.\n- Thời gian: Năm 2026.\n\n"
        "b) Rà soát hệ thống thư viện cấp xã.\n- Cơ quan chủ trì: Ủy ban nhân dân các xã, phường.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Văn hóa, Thể thao và Du lịch theo dõi.\n"
    )
    assert [(t.title, _names(t.lead)) for t in _tasks(lettered)] == [
        ("Tuyên truyền Luật Thư viện trên báo chí.", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Rà soát hệ thống thư viện cấp xã.", ["Ủy ban nhân dân các xã, phường"]),
    ]
    bullets = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n- Tuyên truyền Luật Thư viện trên báo chí của tỉnh. Sở Văn hóa, Thể thao "
        "và Du lịch chủ trì thực hiện.\n\n- Rà soát hệ thống thư viện cấp xã, phường trong năm 2026. Giao Ủy ban "
        "nhân dân các xã, phường thực hiện.\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi.\n"
    )
    assert [(t.title, _names(t.lead)) for t in _tasks(bullets)] == [
        ("Tuyên truyền Luật Thư viện trên báo chí của tỉnh.", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Rà soát hệ thống thư viện cấp xã, phường trong năm 2026.", ["Ủy ban nhân dân các xã, phường"]),
    ]


def test_role_labels_of_other_plans():
    text = (
        "II. NHIỆM VỤ\n\n1. Xây dựng quy chế phối hợp.\n- Cơ quan, đơn vị chủ trì: Sở Nội vụ.\n"
        "- Cơ quan, đơn vị phối hợp: Sở Tư pháp.\n\n2. Tổng kết thực hiện Kế hoạch.\n"
        "- Cơ quan chịu trách nhiệm: Sở Y tế.\n\n3. Tham mưu ban hành chính sách hỗ trợ.\n"
        "- Cơ quan tham mưu: Sở Tài chính.\n"
    )
    assert [(_names(t.lead), _names(t.partners)) for t in _tasks(text)] == [
        (["Sở Nội vụ"], ["Sở Tư pháp"]),
        (["Sở Y tế"], []),
        (["Sở Tài chính"], []),
    ]
    table = (
        "II. NHIỆM VỤ\n\nSTT | Nội dung | Cơ quan chịu trách nhiệm | Cơ quan phối hợp | Thời hạn\n"
        "1 | Tổng kết thực hiện Kế hoạch | Sở Y tế | Sở Nội vụ | Năm 2026\n"
        "2 | Khen thưởng tập thể | Sở Nội vụ | Sở Y tế | Năm 2027\n"
    )
    assert [(t.title, _names(t.lead)) for t in _tasks(table)] == [
        ("Tổng kết thực hiện Kế hoạch", ["Sở Y tế"]),
        ("Khen thưởng tập thể", ["Sở Nội vụ"]),
    ]


def test_cooperation_as_the_task_names_no_partner():
    text = (
        "III. GIẢI PHÁP\n\n1. Mở rộng thị trường tiêu thụ\n\n- Duy trì phối hợp với các Bộ, ngành Trung ương, "
        "Ủy ban nhân dân các tỉnh cập nhật thông tin thị trường.\n\n2. Điều tra, khảo sát\n\n"
        "- Phương thức thực hiện: Hướng dẫn triển khai, phối hợp với Sở Nội vụ tổ chức khảo sát.\n"
    )
    first, second = _tasks(text)
    assert _names(first.partners) == []
    assert _names(second.partners) == ["Sở Nội vụ"]
