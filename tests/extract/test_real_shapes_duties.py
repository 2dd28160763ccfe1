"""Responsibilities, reporting duties and agency names in the shapes of real published plans (issue 13),
on short sentences written for the tests. Each rule has the wording it reads and one it must not take."""

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.reporting import extract_reporting
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections

PROVINCE = UnitContext(
    "ninh-binh-2025", "tỉnh Ninh Bình", "tỉnh", "province", "ninh-binh-2025", "tỉnh Ninh Bình", "2025-11-20"
)


def _run(text: str):
    secs = split_sections(text)
    resp = extract_responsibilities(text, secs, PROVINCE, [], [])
    return resp, extract_reporting(text, secs, PROVINCE, resp, [])


def _names(refs) -> list[str]:
    return [r.name for r in refs]


def _agencies(phrase: str, explicit: bool = True) -> list[str]:
    return _names(resolve_agencies(phrase, 0, PROVINCE, explicit=explicit))


# --- agency names ---------------------------------------------------------------------------------


def test_committees_of_a_level_kept_as_written():
    assert _agencies("Các Sở, ngành, đơn vị, UBND cấp xã") == ["Các sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"]
    assert _agencies("trình Hội đồng nhân dân cấp tỉnh") == ["Hội đồng nhân dân tỉnh Ninh Bình"]  # its own level
    assert _agencies("Công an cấp xã") == ["Công an"]


def test_named_bodies_outside_the_gazetteer():
    assert _agencies("báo cáo Cục Thống kê và Điều tra kết quả", explicit=False) == ["Cục Thống kê và Điều tra"]
    assert _agencies("Chi cục Kiểm lâm tỉnh thực hiện", explicit=False) == ["Chi cục Kiểm lâm"]
    assert _agencies("tại trung tâm xã", explicit=False) == []  # no capitalised name


def test_statutory_bodies_and_their_abbreviations():
    assert _agencies("Sở KH&CN, Sở NN&MT") == ["Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường"]
    assert _agencies("Trung tâm Kiểm soát bệnh tật tỉnh, Liên minh Hợp tác xã tỉnh") == [
        "Trung tâm Kiểm soát bệnh tật",
        "Liên minh Hợp tác xã",
    ]
    assert _agencies("Ban Chỉ huy PCTT và TKCN tỉnh") == ["Ban Chỉ huy Phòng chống thiên tai và tìm kiếm cứu nạn"]


def test_collectives_split_at_a_unit_word_and_of_a_known_agency():
    assert _agencies("các sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc trên địa bàn") == [
        "Các sở, ban, ngành, đoàn thể cấp tỉnh",
        "Các cơ quan ngành dọc trên địa bàn",
    ]
    assert _agencies("các cơ quan, đơn vị, địa phương") == ["Các cơ quan, đơn vị, địa phương"]  # no unit word
    assert _agencies("các Trung tâm Y tế giám sát", explicit=False) == ["Các Trung tâm Y tế"]
    assert _agencies("Trung tâm Y tế giám sát", explicit=False) == ["Trung tâm Y tế"]


def test_head_of_a_board_is_no_village_head():
    assert _agencies("Trưởng Ban Chỉ đạo") == ["Trưởng Ban Chỉ đạo"]
    assert _agencies("Trưởng các bản") == ["Trưởng các bản"]


# --- responsibilities -----------------------------------------------------------------------------


def test_heading_with_note_apposition_and_request_with_colon():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ (Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh):\n\n"
        "- Theo dõi, tổng hợp kết quả.\n\n2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n\n- Bố trí kinh phí.\n\n"
        "3. Sở Xây dựng\n\n- Hướng dẫn quy hoạch trường học.\n\n"
        "4. Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh\n\n- Vận động hội viên tham gia.\n"
    )
    resp, _ = _run(text)
    assert _names(r.agency for r in resp) == [
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Xây dựng",  # "xây dựng" in a name is no verb
        "Hội Nông dân",
        "Liên minh Hợp tác xã",
    ]


def test_heading_broken_over_a_blank_line():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp\n\n"
        "Phụ nữ tỉnh và các tổ chức thành viên của Mặt trận\n\n- Tham gia giám sát.\n\n"
        "2. Ủy ban nhân dân các xã, phường, đặc khu\n\nCăn cứ tình hình thực tế, xây dựng kế hoạch.\n"
    )
    resp, _ = _run(text)
    assert _names(r.agency for r in resp) == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Hội Liên hiệp Phụ nữ",
        "Các tổ chức thành viên của Mặt trận",
        "Ủy ban nhân dân các xã, phường, đặc khu",  # its sentence is no part of the heading
    ]


def test_agency_by_agency_part_members_enumerated_and_whose_duty():
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Nhiệm vụ của các thành viên\n\n1.1. Trưởng Ban Chỉ đạo\n\n- Điều hành chung.\n\n"
        "1.2. Các cơ quan quản lý ngành (gồm các Sở: Xây dựng, Văn hóa, Thể thao và Du lịch, Y tế)\n\n"
        "- Hướng dẫn kiểm kê.\n\n1.3. Trách nhiệm của đơn vị được kiểm kê (kể cả doanh nghiệp):\n\n"
        "- Chuẩn bị hồ sơ.\n"
    )
    resp, _ = _run(text)
    assert _names(r.agency for r in resp) == [
        "Trưởng Ban Chỉ đạo",
        "Sở Xây dựng",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Y tế",
        "Đơn vị được kiểm kê",
    ]


def test_vague_collectives_count_when_they_open_the_subject():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Các cơ quan, đơn vị, địa phương xây dựng kế hoạch triển khai.\n\n"
        "2. Sở Y tế, Sở Nội vụ, các tổ chức liên quan khác, trong phạm vi chức năng, phối hợp thực hiện.\n"
    )
    resp, _ = _run(text)
    assert _names(r.agency for r in resp) == ["Các cơ quan, đơn vị, địa phương", "Sở Y tế", "Sở Nội vụ"]


# --- reporting ------------------------------------------------------------------------------------


def test_deadlines_monthly_month_and_two_dates():
    text = (
        "VI. CHẾ ĐỘ BÁO CÁO\n\nCác sở, ban, ngành tỉnh gửi báo cáo về Sở Nội vụ trước ngày 15 hằng tháng.\n\n"
        "Ủy ban nhân dân các xã, phường báo cáo Ủy ban nhân dân tỉnh (qua Sở Y tế) trong tháng 11/2025.\n\n"
        "Sở Tư pháp báo cáo Ủy ban nhân dân tỉnh trước ngày 01/6 và 15/11 hằng năm.\n"
    )
    _, rep = _run(text)
    got = [(_names(d.reporter), _names(d.recipient), d.deadline, d.recurrence) for d in rep]
    assert got == [
        (["Các sở, ban, ngành tỉnh"], ["Sở Nội vụ"], "---15", "monthly"),
        (["Ủy ban nhân dân các xã, phường"], ["Ủy ban nhân dân tỉnh Ninh Bình"], "2025-11", "once"),
        (["Sở Tư pháp"], ["Ủy ban nhân dân tỉnh Ninh Bình"], "--06-01", "semiannual"),
        (["Sở Tư pháp"], ["Ủy ban nhân dân tỉnh Ninh Bình"], "--11-15", "annual"),
    ]


def test_paragraph_subject_objects_and_budget():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Thủy lợi thực hiện các nội "
        "dung sau:\n\n- Lập dự toán kinh phí báo cáo Sở Tài chính thẩm định.\n\n"
        "- Thông báo kết quả cho các địa phương, các hợp tác xã; báo cáo Cục Biển và Hải đảo.\n\n"
        "- Đánh giá kết quả; báo cáo UBND tỉnh trước ngày 15/12/2026.\n\n"
        "2. Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan, đơn vị triển khai; định kỳ báo cáo UBND tỉnh.\n"
    )
    _, rep = _run(text)
    got = [(_names(d.reporter), _names(d.recipient), d.deadline) for d in rep]
    both = ["Sở Nông nghiệp và Môi trường", "Chi cục Thủy lợi"]
    assert got == [  # the budget estimate sent to Sở Tài chính is no report
        (both, ["Cục Biển và Hải đảo"], None),
        (both, ["Ủy ban nhân dân tỉnh Ninh Bình"], "2026-12-15"),
        (["Sở Tư pháp"], ["Ủy ban nhân dân tỉnh Ninh Bình"], None),  # "đôn đốc các cơ quan": objects
    ]


def test_lettered_items_adviser_and_time_line():
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Công an tỉnh\n\na) Hướng dẫn các địa phương xây dựng kế hoạch.\n\n"
        "b) Tham mưu Ủy ban nhân dân tỉnh tổ chức sơ kết, báo cáo Chính phủ theo quy định.\n\n"
        "2. Sở Tài chính\n\n- Tổng hợp kết quả kiểm kê, báo cáo kết quả gửi Bộ Tài chính.\n\n"
        "Thời gian hoàn thành: Trước ngày 31/5/2026.\n\n"
        "- Tổng hợp báo cáo gửi về Sở Nội vụ (đồng gửi Sở Y tế).\n"
    )
    _, rep = _run(text)
    got = [(_names(d.reporter), _names(d.recipient), d.deadline) for d in rep]
    assert got == [
        (["Công an", "Ủy ban nhân dân tỉnh Ninh Bình"], ["Chính phủ"], None),
        (["Sở Tài chính"], ["Bộ Tài chính"], "2026-05-31"),
        (["Sở Tài chính"], ["Sở Nội vụ"], None),  # a copy ("đồng gửi") is no recipient
    ]


def test_duty_restated_without_reporter_joins_the_stated_one():
    text = (
        "IV. NỘI DUNG HOẠT ĐỘNG\n\n1. Giám sát, báo cáo\n\n- Khi có ca bệnh, báo cáo ngay về Sở Y tế.\n\n"
        "- Báo cáo tổng hợp hằng ngày gửi UBND tỉnh, Ban Chỉ huy Phòng thủ dân sự tỉnh.\n\n"
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Chủ trì triển khai; tổng hợp báo cáo UBND tỉnh.\n"
    )
    secs = split_sections(text)
    # the reporting sub-item of the tasks part is read; its unattributed daily report is Sở Y tế's
    resp = extract_responsibilities(text, secs, PROVINCE, [], [])
    rep = extract_reporting(text, secs, PROVINCE, resp, [])
    got = [(_names(d.reporter), _names(d.recipient)) for d in rep]
    assert got == [
        ([], ["Sở Y tế"]),
        (["Sở Y tế"], ["Ủy ban nhân dân tỉnh Ninh Bình", "Ban Chỉ huy Phòng thủ dân sự"]),
    ]


def test_bold_heading_split_over_two_lines_and_bold_agency_headings():
    from kg.extract import extract_plan

    text = (
        "**KẾ HOẠCH**\n\n**Phòng chống thiên tai năm 2026**\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\nNâng cao nhận thức.\n\n"
        "**V. TỔ CHỨC**\n**THỰC HIỆN**\n\n**1. Sở Nội vụ**\n\n- Chủ trì theo dõi việc thực hiện.\n\n"
        "**2. Đề nghị Ủy ban MTTQ Việt Nam tỉnh, Hội LHPN tỉnh**\n\n- Phối hợp tuyên truyền.\n\n"
        "3. UBND các xã, phường, đặc khu: Triển khai; gửi báo cáo về Sở Nội vụ trước ngày 10/12/2026.\n\n"
        "Nơi nhận:\n- Như trên;\n"
    )
    x = extract_plan(text)
    assert _names(r.agency for r in x.responsibilities) == [
        "Sở Nội vụ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Hội Liên hiệp Phụ nữ",
        "Ủy ban nhân dân các xã, phường, đặc khu",
    ]
    assert [(d.deadline, _names(d.recipient)) for d in x.reporting] == [("2026-12-10", ["Sở Nội vụ"])]


def test_unclassified_part_with_agency_items_is_organisation():
    text = "IV. CÁC CƠ QUAN THAM GIA\n\n1. Sở Y tế\n\n- Khám sàng lọc.\n\n2. Sở Tài chính\n\n- Bố trí kinh phí.\n"
    assert [s.kind for s in split_sections(text)] == ["organisation"] * 3
    text = "IV. ĐÁNH GIÁ NGUY CƠ\n\n1. Nguy cơ ngập úng\n\n- Mưa lớn.\n\n2. Nguy cơ dịch bệnh\n\n- Sốt xuất huyết.\n"
    assert [s.kind for s in split_sections(text)] == ["other"] * 3


def test_duty_to_report_inside_a_task_and_a_speaker_is_no_report():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Bồi dưỡng đội ngũ báo cáo viên của Sở Tư pháp\n\n"
        "- Sở Tư pháp tổ chức lớp bồi dưỡng; báo cáo kết quả về Sở Nội vụ trước ngày 30/11/2026.\n"
    )
    _, rep = _run(text)
    got = [(_names(d.reporter), _names(d.recipient), d.deadline) for d in rep]
    assert got == [(["Sở Tư pháp"], ["Sở Nội vụ"], "2026-11-30")]


def test_recipient_named_as_an_agent_of_the_plan_without_cac():
    text = (
        "IV. NHIỆM VỤ CỤ THỂ\n\n1. Trách nhiệm của đơn vị được kiểm kê:\n\n"
        "- Báo cáo kết quả cho cơ quan quản lý cấp trên (nếu có).\n\nThời hạn hoàn thành: Trước ngày 31/3/2026.\n\n"
        "2. Trách nhiệm của các cơ quan quản lý cấp trên:\n\n- Đôn đốc đơn vị cấp dưới.\n\n"
        "- Báo cáo kết quả cho cơ quan chủ quản khác.\n"
    )
    _, rep = _run(text)
    got = [(_names(d.reporter), _names(d.recipient), d.deadline) for d in rep]
    # the recipient is the agent of item 2; a body that is no agent of the plan is no recipient
    assert got == [(["Đơn vị được kiểm kê"], ["Các cơ quan quản lý cấp trên"], "2026-03-31")]
