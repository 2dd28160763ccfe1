"""Tasks in the shapes of real published plans (issue 13), on short sentences written for the tests:
where a plan holds its tasks, "Hoạt động N" with a "Nội dung:" line, role blocks, container items,
lead lines that say "X chủ trì, phối hợp với …", task tables with group rows, a plan attached to a
decision. Each rule has the wording it reads and one it must not take."""

from kg.extract.agencies import UnitContext
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks

PROVINCE = UnitContext(
    "ninh-binh-2025", "tỉnh Ninh Bình", "tỉnh", "province", "ninh-binh-2025", "tỉnh Ninh Bình", "2025-11-20"
)


def _tasks(text: str):
    return extract_tasks(text, split_sections(text), PROVINCE, [])


def _names(refs) -> list[str]:
    return [r.name for r in refs]


def test_activity_without_colon_titled_by_its_content_line_and_a_sentence_lead_line():
    text = (
        "III. NỘI DUNG HOẠT ĐỘNG\n\n1. Nâng cao nhận thức về an toàn giao thông\n\n"
        "a) Hoạt động 1\n\n- Nội dung: Tổ chức tuần lễ an toàn giao thông tại trường học.\n\n"
        "- Cơ quan thực hiện: Sở Xây dựng chủ trì, phối hợp với các sở, ban, ngành, đoàn thể tỉnh, "
        "Ủy ban nhân dân phường, xã, đặc khu, báo, đài và các đơn vị có liên quan.\n\n"
        "b) Hoạt động 2\n\n- Nội dung: Phát tờ rơi tại bến xe.\n\n- Cơ quan thực hiện:\n\n"
        "+ Công an tỉnh chủ trì, phối hợp với các đơn vị có liên quan.\n\n"
        "+ Sở Y tế đăng tải thông điệp trên trang thông tin của ngành.\n\n"
        "IV. GIẢI PHÁP THỰC HIỆN\n\n1. Bố trí ngân sách cho các hoạt động.\n"
    )
    tasks = _tasks(text)
    # the group heading "1. Nâng cao …" and the "Giải pháp" part are not tasks when activities exist
    assert [t.title for t in tasks] == [
        "Tổ chức tuần lễ an toàn giao thông tại trường học.",
        "Phát tờ rơi tại bến xe.",
    ]
    assert _names(tasks[0].lead) == ["Sở Xây dựng"]
    assert _names(tasks[0].partners) == [
        "Các sở, ban, ngành, đoàn thể tỉnh",
        "Ủy ban nhân dân các phường, xã, đặc khu",
        "Báo, đài",
        "Các đơn vị có liên quan",
    ]
    # a lead label alone on its line: each bullet's subject leads
    assert _names(tasks[1].lead) == ["Công an", "Sở Y tế"]
    assert _names(tasks[1].partners) == ["Các đơn vị có liên quan"]


def test_press_collective_only_in_role_lines():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Tuyên truyền trên báo, đài về phòng cháy\n\n"
        "- Sở Văn hóa, Thể thao và Du lịch hướng dẫn báo, đài đưa tin thường xuyên.\n"
    )
    (task,) = _tasks(text)
    assert "Báo, đài" not in _names(task.lead) + _names(task.partners)


def test_solutions_part_before_other_operative_parts_and_container_items():
    text = (
        "II. NỘI DUNG TRỌNG TÂM\n\n1. Quán triệt kế hoạch đến cán bộ, công chức.\n\n"
        "III. NHIỆM VỤ, GIẢI PHÁP, PHÂN CÔNG TRÁCH NHIỆM\n\n1. Nhiệm vụ, giải pháp tổng thể\n\n"
        "1.1. Tăng cường quản lý nhà nước về du lịch. Rà soát các cơ sở lưu trú.\n\n"
        "1.2. Đẩy mạnh quảng bá điểm đến.\n\n2. Phân công trách nhiệm\n\n2.1. Sở Tài chính\n\n"
        "Bố trí kinh phí thực hiện.\n\n2.2. Sở Nội vụ\n\nKhen thưởng tập thể có thành tích.\n"
    )
    assert [t.title for t in _tasks(text)] == [
        "Tăng cường quản lý nhà nước về du lịch. Rà soát các cơ sở lưu trú.",
        "Đẩy mạnh quảng bá điểm đến.",
    ]


def test_generic_sub_headings_give_their_bullets():
    text = (
        "III. NỘI DUNG, HÌNH THỨC\n\n1. Nội dung\n\n- Tuyên truyền chính sách hỗ trợ nông dân.\n\n"
        "- Phổ biến mô hình sản xuất hiệu quả.\n\n2. Hình thức\n\n- Tổ chức hội nghị chuyên đề.\n\n"
        "3. Tổ chức đoàn tham quan học tập\n\n- Mỗi năm một đoàn.\n"
    )
    assert [t.title for t in _tasks(text)] == [
        "Tuyên truyền chính sách hỗ trợ nông dân.",
        "Phổ biến mô hình sản xuất hiệu quả.",
        "Tổ chức hội nghị chuyên đề.",
        "Tổ chức đoàn tham quan học tập",  # a specific heading is one task, its bullets are not
    ]


def test_very_long_bullet_titled_by_its_leading_clause():
    clause = "Tuyên truyền, vận động hội viên tham gia bảo hiểm xã hội tự nguyện và bảo hiểm y tế hộ gia đình"
    text = (
        "III. NỘI DUNG, HÌNH THỨC\n\n1. Nội dung\n\n"
        f"- {clause}; hướng dẫn thủ tục tham gia, quyền lợi của người tham gia (như: khám chữa bệnh, "
        "hưu trí, tử tuất); kết nối với các tổ chức dịch vụ thu, đại lý thu tại thôn, tổ dân phố, điểm giao "
        "dịch bưu điện văn hóa xã và cán bộ phụ trách lao động - xã hội để hỗ trợ người dân hoàn thành hồ sơ.\n"
    )
    assert [t.title for t in _tasks(text)] == [clause]


def test_one_task_per_role_block():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Nâng cao chất lượng đội ngũ\n\n"
        "- Rà soát đội ngũ công chức.\n\n- Bổ sung biên chế còn thiếu.\n\n"
        "Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.\n\nĐơn vị phối hợp: Sở Nội vụ.\n\n"
        "Thời gian thực hiện: Thường xuyên.\n\n- Tổ chức lớp bồi dưỡng nghiệp vụ.\n\n"
        "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\n\n"
        "Đơn vị phối hợp thực hiện: Văn phòng UBND tỉnh; các cơ quan, đơn vị, địa phương\n\nliên quan.\n\n"
        "Thời gian thực hiện: Hằng năm.\n\n2. Tổ chức hội thảo\n\n- Hội thảo chuyên đề.\n\n"
        "Đơn vị chủ trì: Sở Tư pháp.\n\nĐơn vị phối hợp: Các cơ quan, đơn vị theo quy định.\n"
    )
    tasks = _tasks(text)
    assert [t.title for t in tasks] == [
        "Rà soát đội ngũ công chức.; Bổ sung biên chế còn thiếu.",
        "Tổ chức lớp bồi dưỡng nghiệp vụ.",
        "Tổ chức hội thảo",  # a single block: the item's heading
    ]
    assert _names(tasks[0].lead) == ["Các sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"]
    assert _names(tasks[1].lead) == ["Sở Tư pháp"]
    # a hard wrap over a blank line ("… địa phương\n\nliên quan.") continues the line
    assert _names(tasks[1].partners) == ["Văn phòng Ủy ban nhân dân", "Các cơ quan, đơn vị, địa phương liên quan"]
    assert tasks[1].timeframe == "Hằng năm"
    assert _names(tasks[2].partners) == ["Các cơ quan, đơn vị"]  # "theo quy định" is no part of the name


def test_task_table_alone_its_group_rows_are_not_tasks():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Phát triển hạ tầng số\n\na) Xây dựng trạm phát sóng.\n\n"
        "PHỤ LỤC\n\nSTT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
        "I. PHÁT TRIỂN HẠ TẦNG SỐ\n"
        "1 | Xây dựng trạm phát sóng tại các xã vùng sâu. | Sở KH&CN | Các sở, ban, ngành tỉnh; UBND các xã, "
        "phường | Quý IV-2025\n"
        "2 | Phủ sóng toàn bộ khu công nghiệp. | Sở Công Thương | Các doanh nghiệp viễn thông | Hằng năm\n"
    )
    tasks = _tasks(text)
    assert [t.title for t in tasks] == [
        "Xây dựng trạm phát sóng tại các xã vùng sâu.",
        "Phủ sóng toàn bộ khu công nghiệp.",
    ]
    assert _names(tasks[0].lead) == ["Sở Khoa học và Công nghệ"]
    assert _names(tasks[0].partners) == ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"]


def test_prose_subjects_lead_and_a_force_in_lower_case_is_no_agency():
    text = (
        "IV. NỘI DUNG HOẠT ĐỘNG TRIỂN KHAI\n\n1. Công tác phòng dịch\n\n"
        "- Trung tâm Kiểm soát bệnh tật tỉnh chủ trì cấp hóa chất khử khuẩn.\n\n"
        "- Các Trung tâm y tế giám sát ca bệnh tại cộng đồng.\n\n"
        "- Phối hợp với lực lượng quân đội, công an vận chuyển nước sạch.\n"
    )
    (task,) = _tasks(text)
    assert _names(task.lead) == ["Trung tâm Kiểm soát bệnh tật", "Các Trung tâm Y tế"]
    assert _names(task.partners) == []


def test_plan_attached_to_a_decision_is_read_after_the_decision_closing_block():
    text = (
        "QUYẾT ĐỊNH\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm kê.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n\n"
        "KẾ HOẠCH\n\nKIỂM KÊ TÀI SẢN\n\nI. MỤC ĐÍCH\n\nBảo đảm số liệu đầy đủ.\n\n"
        "II. NỘI DUNG THỰC HIỆN\n\n1. Thành lập tổ kiểm kê.\n\n2. Tổng hợp, báo cáo kết quả kiểm kê.\n\n"
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Nhiệm vụ của các thành viên\n\n1.1. Sở Tài chính\n\n- Hướng dẫn kiểm kê.\n\n"
        "1.2. Ủy ban nhân dân các xã, phường\n\n- Kiểm kê tài sản.\n\n"
        "1.3. Trách nhiệm của đơn vị được kiểm kê\n\n- Chuẩn bị hồ sơ.\n"
    )
    secs = split_sections(text)
    assert [s.kind for s in secs if s.level == 1] == ["purpose", "tasks", "organisation"]
    assert [t.title for t in _tasks(text)] == ["Thành lập tổ kiểm kê.", "Tổng hợp, báo cáo kết quả kiểm kê."]


def test_tasks_part_with_task_items_stays_tasks():
    # items that open with an agency but are sentences are tasks, not an agency-by-agency part
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Sở Y tế chủ trì tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi trên "
        "toàn tỉnh trong quý I.\n\n2. Tổ chức truyền thông về tiêm chủng.\n"
    )
    secs = split_sections(text)
    assert [s.kind for s in secs if s.level == 1] == ["tasks"]
    assert len(_tasks(text)) == 2


def test_task_table_head_over_two_rows_group_rows_with_cells_and_a_doer_column():
    text = (
        "III. NHIỆM VỤ\n\n"
        "TT | Nội dung công việc | Đơn vị thực hiện | | Thời gian\n"
        " | | Chủ trì | Phối hợp | \n"
        "I | CÔNG TÁC TUYÊN TRUYỀN | | | \n"
        "1 | In tờ gấp về phòng chống thiên tai | Sở NN&MT | Báo và Phát thanh, Truyền hình Khánh Hòa | 2026\n"
        "II | KIỂM TRA\n"
        "2 | Kiểm tra công tác phòng chống lụt bão | Công an tỉnh chủ trì, phối hợp với Sở Y tế | | Hằng năm\n"
    )
    tasks = _tasks(text)
    assert [t.title for t in tasks] == ["In tờ gấp về phòng chống thiên tai", "Kiểm tra công tác phòng chống lụt bão"]
    assert _names(tasks[0].lead) == ["Sở Nông nghiệp và Môi trường"]
    assert _names(tasks[0].partners) == ["Báo và Phát thanh, Truyền hình Khánh Hòa"]  # the place name stays
    assert (_names(tasks[1].lead), _names(tasks[1].partners)) == (["Công an"], ["Sở Y tế"])
    doer = "STT | Nhiệm vụ | Cơ quan thực hiện | Kết quả thực hiện\n1 | Rà soát hồ sơ đất đai | Sở Tư pháp | Tốt\n"
    assert [_names(t.lead) for t in _tasks(doer)] == [["Sở Tư pháp"]]
    results = "STT | Nội dung | Kết quả thực hiện | Ghi chú\n1 | Rà soát hồ sơ đất đai | Đạt | Không\n"
    assert _tasks(results) == []  # a results table names no doer


def test_agency_with_a_place_name_before_a_comma_keeps_it():
    from kg.extract.agencies import resolve_agencies

    refs = resolve_agencies("chỉ đạo Báo và Phát thanh, Truyền hình Cần Thơ, các cơ quan thông tấn", 0, PROVINCE, False)
    assert _names(refs) == ["Báo và Phát thanh, Truyền hình Cần Thơ"]
    assert _names(resolve_agencies("UBMTTQ Việt Nam tỉnh", 0, PROVINCE)) == ["Ủy ban Mặt trận Tổ quốc Việt Nam"]


def test_long_bullet_cut_before_its_purpose_but_not_inside_a_quoted_name():
    text = (
        "III. NỘI DUNG, HÌNH THỨC\n\n1. Nội dung\n\n"
        "- Giới thiệu các mô hình sinh kế hiệu quả, cách làm hay của hộ gia đình vùng ven biển nhằm tạo sự lan "
        "tỏa trong cộng đồng, góp phần nâng cao thu nhập cho người dân địa phương.\n\n"
        "- Tổ chức phong trào “Chung tay để không ai bị bỏ lại phía sau” tại các thôn, tổ dân phố; khen thưởng "
        "kịp thời tập thể, cá nhân tiêu biểu trong phong trào ở các cấp.\n\n"
        "- Tham mưu UBND tỉnh trình HĐND tỉnh ban hành chính sách hỗ trợ.\n"
    )
    assert [t.title for t in _tasks(text)] == [
        "Giới thiệu các mô hình sinh kế hiệu quả, cách làm hay của hộ gia đình vùng ven biển",
        "Tổ chức phong trào “Chung tay để không ai bị bỏ lại phía sau” tại các thôn, tổ dân phố; khen thưởng "
        "kịp thời tập thể, cá nhân tiêu biểu trong phong trào ở các cấp.",
        "Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh ban hành chính sách hỗ trợ.",
    ]


def test_items_that_open_with_a_collective_of_activities_stay_tasks():
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Các hoạt động tuyên truyền\n\n- Treo băng rôn.\n\n"
        "2. Các hoạt động hưởng ứng Ngày Dân số\n\n- Mít tinh.\n\n3. Các giải pháp hỗ trợ\n\n- Tư vấn.\n"
    )
    assert [s.kind for s in split_sections(text) if s.level == 1] == ["tasks"]
    assert len(_tasks(text)) == 3
