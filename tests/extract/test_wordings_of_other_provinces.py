"""Regressions for the failure kinds seen on held-out set 2 (sentences written for these tests,
in the wording of Vietnamese administrative plans; none is copied from tests/heldout2/)."""

from kg.extract import extract_plan
from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks

PROVINCE = UnitContext("thanh-hoa", "tỉnh Thanh Hóa", "tỉnh", "province", "thanh-hoa", "tỉnh Thanh Hóa")
DISTRICT = UnitContext(
    "thanh-hoa/ha-trung", "huyện Hà Trung", "huyện", "district", "thanh-hoa", "tỉnh Thanh Hóa"
)


def _tasks(body: str, ctx: UnitContext):
    text = "II. NHIỆM VỤ VÀ GIẢI PHÁP\n" + body
    return extract_tasks(text, split_sections(text), ctx, [])


def _roles(task):
    return [r.name for r in task.lead], [r.name for r in task.partners]


def test_lettered_role_lines_are_read():
    body = (
        "1. Tập huấn kỹ năng truyền thông về bình đẳng giới\n"
        "a) Nội dung: các quy định của Luật Bình đẳng giới; tổ chức hội nghị tập huấn.\n"
        "b) Cơ quan chủ trì: Sở Tư pháp.\n"
        "c) Cơ quan phối hợp: Sở Y tế; Hội Liên hiệp Phụ nữ tỉnh.\n"
        "d) Thời gian thực hiện: Hằng năm.\n"
        "2. Giáo dục giới tính trong trường học\n"
        "a) Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n"
    )
    t1, t2 = _tasks(body, PROVINCE)
    assert _roles(t1) == (["Sở Tư pháp"], ["Sở Y tế", "Hội Liên hiệp Phụ nữ"])
    assert t1.recurrence == "annual"
    assert _roles(t2) == (["Sở Giáo dục và Đào tạo"], [])


def test_activity_nouns_in_a_heading_are_not_an_agency():
    body = (
        "5. Thanh tra, kiểm tra, đánh giá việc thực hiện\n"
        "Tăng cường thanh tra, kiểm tra việc thực hiện pháp luật về bình đẳng giới tại cơ sở.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert _roles(t) == ([], [])


def test_lead_after_do_in_a_passive_sentence():
    body = (
        "3. Tập huấn cho tuyên truyền viên cơ sở\n"
        "Tổ chức lớp tập huấn kỹ năng truyền thông cho tuyên truyền viên. Nhiệm vụ này do Phòng Tư pháp "
        "thực hiện.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert _roles(t) == (["Phòng Tư pháp"], [])


def test_district_culture_centre_named_by_its_fields_is_one_agency():
    body = (
        "2. Đổi mới hình thức truyền thông\n"
        "Mở chuyên mục về bình đẳng giới trên sóng truyền thanh huyện. Trung tâm Văn hóa, Thể thao và "
        "Truyền thanh huyện thực\nhiện.\n"
        "3. Truyền thông trên nền tảng số\n"
        "Trung tam Van hoa, Thong tin va Truyen thong huyen xay dung chuyen muc tren trang thong tin dien tu.\n"
    )
    t1, t2 = _tasks(body, DISTRICT)
    assert _roles(t1) == (["Trung tâm Văn hóa, Thể thao và Truyền thanh"], [])
    assert _roles(t2) == (["Trung tâm Văn hóa, Thông tin và Truyền thông"], [])


def test_two_implemented_documents_in_one_wrapped_sentence():
    text = (
        "KẾ HOẠCH\nTruyền thông về bình đẳng giới trên địa bàn huyện Hà Trung\n"
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ\ntướng Chính phủ phê duyệt Chương "
        "trình Truyền thông về bình\nđẳng giới đến năm 2030 và Kế hoạch số 45/KH-UBND ngày\n10/3/2022 của Ủy "
        "ban nhân dân tỉnh Thanh Hóa về truyền thông\nbình đẳng giới, Ủy ban nhân dân huyện xây dựng Kế hoạch "
        "như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
    )
    parents = extract_plan(text).implements
    assert [p.number for p in parents] == ["1790/QĐ-TTg", "45/KH-UBND"]
    assert parents[0].title.endswith("đến năm 2030")


def test_collective_keeps_its_units_and_school_levels_are_expanded():
    body = (
        "1. Truyền thông tại cơ sở\n\n- Chủ trì: Phòng Y tế.\n"
        "- Phối hợp: Trạm Y tế các xã, thị trấn; Đài Truyền thanh các xã, thị trấn; Trường THCS Lê Lợi.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert [(r.name, r.is_group) for r in t.partners] == [
        ("Trạm Y tế các xã, thị trấn", True),
        ("Đài Truyền thanh các xã, thị trấn", True),
        ("Trường Trung học cơ sở Lê Lợi", False),
    ]


def test_one_collective_has_one_spelling_whatever_its_case():
    a = resolve_agencies("Các Phòng, ban, ngành, đoàn thể huyện", 0, DISTRICT)
    b = resolve_agencies("các phòng, ban, ngành, đoàn thể huyện", 0, DISTRICT)
    assert [r.name for r in a] == [r.name for r in b] == ["Các phòng, ban, ngành, đoàn thể huyện"]


def test_a_heading_agency_does_not_take_the_next_line_as_its_proper_name():
    refs = resolve_agencies("Trung tâm Y tế\nTăng cường tư vấn", 0, DISTRICT, explicit=False)
    assert [r.name for r in refs] == ["Trung tâm Y tế"]


def _cites(body: str) -> list:
    return extract_plan("KẾ HOẠCH\nTruyền thông về bình đẳng giới\n" + body + "\nI. MỤC ĐÍCH\n").citations


def test_coordinated_articles_are_all_kept():
    (law,) = _cites("Căn cứ Điều 11 và Điều 12 Luật Bình đẳng giới năm 2006;")
    assert law.articles == ("Điều 11", "Điều 12")
    (law,) = _cites("Căn cứ khoản 1 và khoản 2 Điều 6 Luật Bình đẳng giới năm 2006;")
    assert law.articles == ("khoản 1 Điều 6", "khoản 2 Điều 6")


def test_short_and_full_name_of_one_constitution_are_one_citation():
    refs = _cites(
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;\n"
        "Thực hiện quyền bình đẳng nam, nữ theo Điều 26 Hiến pháp năm 2013, Ủy ban nhân dân tỉnh ban hành "
        "Kế hoạch."
    )
    (const,) = [r for r in refs if r.kind == "constitution"]
    assert const.articles == ("Điều 26",)
    assert const.title.startswith("Hiến pháp nước Cộng hòa")


def test_a_global_agenda_named_by_its_year_is_cited():
    refs = _cites(
        "Kế hoạch góp phần thực hiện Chương trình nghị sự 2030 vì sự phát triển bền vững và các cam kết "
        "quốc tế của Việt Nam."
    )
    assert [r.title for r in refs] == ["Chương trình nghị sự 2030 vì sự phát triển bền vững"]


def test_a_change_against_a_baseline_without_a_value_is_a_target():
    from kg.extract.targets import extract_targets

    text = (
        "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
        "a) Hằng năm, mỗi xã tổ chức ít nhất 02 buổi truyền thông về bình đẳng giới.\n"
        "b) Nhận thức về bình đẳng giới của người dân, nhất là phụ nữ dân tộc thiểu số, được nâng lên rõ rệt "
        "so với năm 2023.\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    )
    targets = extract_targets(text)
    assert [(t.value, t.comparator, t.baseline_year) for t in targets] == [
        (2, "at-least", None),
        (None, "increase-by", 2023),
    ]


def _reporting(org_part: str):
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN HÀ TRUNG\nSố: 12/KH-UBND\nHà Trung, ngày 10 tháng 3 năm 2023\nKẾ HOẠCH\n"
        "Truyền thông về bình đẳng giới\nII. NHIỆM VỤ\n1. Tuyên truyền\nIII. TỔ CHỨC THỰC HIỆN\n" + org_part
    )
    return [
        ([r.name for r in d.reporter], [r.name for r in d.recipient], d.deadline) for d in extract_plan(text).reporting
    ]


def test_second_report_in_a_sentence_keeps_the_recipients_and_gets_its_deadline():
    duties = _reporting(
        "1. Phòng Tư pháp\nTổng hợp kết quả, báo cáo Ủy ban nhân dân huyện trước ngày 05 tháng\n12 hằng năm; "
        "báo cáo sơ kết giai đoạn 2023 - 2025 trước ngày\n30/10/2025.\n"
    )
    assert duties == [
        (["Phòng Tư pháp"], ["Ủy ban nhân dân huyện Hà Trung"], "--12-05"),
        (["Phòng Tư pháp"], ["Ủy ban nhân dân huyện Hà Trung"], "2025-10-30"),
    ]


def test_sending_a_plan_to_an_agency_by_a_deadline_is_a_report():
    duties = _reporting(
        "2. Ủy ban nhân dân các xã, thị trấn\na) Xây dựng kế hoạch thực hiện tại địa phương, gửi Phòng Tư pháp "
        "trước ngày 30/5/2023.\nb) Gửi Phòng Tư pháp dự thảo để thẩm định.\n"
    )
    assert duties == [(["Ủy ban nhân dân các xã, thị trấn"], ["Phòng Tư pháp"], "2023-05-30")]


def test_a_reporting_heading_is_not_a_second_duty():
    duties = _reporting(
        "3. Chế độ báo cáo\nCác phòng, ban, ngành, đoàn thể huyện; Ủy ban nhân dân các xã, thị trấn báo cáo kết "
        "quả thực hiện về Phòng Tư pháp trước ngày 15/11 hằng năm.\n"
    )
    assert duties == [
        (["Các phòng, ban, ngành, đoàn thể huyện", "Ủy ban nhân dân các xã, thị trấn"], ["Phòng Tư pháp"], "--11-15")
    ]


def test_objects_before_the_verb_are_not_the_reporters():
    duties = _reporting(
        "1. Phòng Tư pháp\nChủ trì, hướng dẫn các cơ quan, đơn vị, Ủy ban nhân dân các xã triển khai Kế hoạch; "
        "tổng hợp, báo cáo Ủy ban nhân dân huyện trước ngày 30/11/2023.\n"
    )
    assert duties == [(["Phòng Tư pháp"], ["Ủy ban nhân dân huyện Hà Trung"], "2023-11-30")]


def test_commune_plan_finds_its_district_in_the_implemented_plan_issuer():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 9/KH-UBND\nAn Phú, ngày 10 tháng 3 năm 2023\nKẾ HOẠCH\n"
        "Truyền thông về bình đẳng giới\nThực hiện Kế hoạch số 21/KH-UBND ngày 10/02/2023 của Ủy ban nhân dân "
        "huyện Hòa Vang về truyền thông bình đẳng giới;\nI. MỤC ĐÍCH\nIII. TỔ CHỨC THỰC HIỆN\n"
        "1. Công chức Văn hóa - Xã hội\nTổng hợp kết quả, tham mưu UBND xã báo cáo Ủy ban nhân dân huyện (qua "
        "Phòng Tư pháp) trước ngày 20/11 hằng năm.\n"
    )
    (duty,) = extract_plan(text).reporting
    assert [r.name for r in duty.recipient] == ["Ủy ban nhân dân huyện Hòa Vang"]
    assert duty.deadline == "--11-20"


def test_a_standing_office_helping_the_committee_is_the_reporter():
    duties = _reporting(
        "1. Phòng Tư pháp\nLà cơ quan thường trực giúp UBND huyện hướng dẫn, đôn đốc các cơ\nquan, đơn vị, UBND "
        "các xã triển khai Kế hoạch; tổng\nhợp kết quả, báo cáo UBND huyện trước ngày 10 tháng 12 hằng năm.\n"
    )
    assert duties == [(["Phòng Tư pháp"], ["Ủy ban nhân dân huyện Hà Trung"], "--12-10")]


def _responsible(org_part: str) -> list[str]:
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN HÀ TRUNG\nSố: 12/KH-UBND\nHà Trung, ngày 10 tháng 3 năm 2023\nKẾ HOẠCH\n"
        "Truyền thông về bình đẳng giới\nII. NHIỆM VỤ\n1. Tuyên truyền\nIII. TỔ CHỨC THỰC HIỆN\n" + org_part
    )
    return [r.agency.name for r in extract_plan(text).responsibilities]


def test_a_complete_heading_is_not_glued_to_the_next_sentence():
    assert _responsible(
        "1. Các trường học trên địa bàn huyện\nTổ chức giáo dục giới tính, kỹ năng sống cho học sinh.\n"
        "2. Báo Thanh Hóa, Đài Truyền thanh huyện\nDuy trì chuyên mục về bình đẳng giới.\n"
    ) == ["Các trường học trên địa bàn huyện", "Báo Thanh Hóa", "Đài Truyền thanh"]


def test_a_request_heading_wrapped_after_cac_keeps_its_second_group():
    assert _responsible(
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các\ntổ chức chính trị - xã hội huyện\n"
        "Lồng ghép truyền thông về bình đẳng giới vào sinh hoạt của hội viên.\n"
    ) == ["Ủy ban Mặt trận Tổ quốc Việt Nam", "Các tổ chức chính trị - xã hội huyện"]


def test_heading_wrapped_before_its_unit_word_or_an_ocr_tail_keeps_all_agencies():
    assert _responsible(
        "3. Đề nghị Ủy ban MTTQ huyện và các đoàn thể chính trị - xã hội\nhuyện\n"
        "Phối hợp tuyên truyền, vận động hội viên.\n"
        "4. De nghi Hoi LHPN huyen, Huyen\ndoan, LDLD huyen\nPhoi hop tuyen truyen, van dong hoi vien.\n"
    ) == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Các đoàn thể chính trị - xã hội huyện",
        "Hội Liên hiệp Phụ nữ",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Liên đoàn Lao động",
    ]


def test_a_duty_heading_does_not_make_its_first_sentence_subject_responsible():
    assert _responsible(
        "1. Phòng Tư pháp\nTổng hợp kết quả thực hiện.\n"
        "2. Chế độ báo cáo\nCác phòng, ban, ngành huyện báo cáo kết quả về Phòng Tư pháp trước ngày 15/11.\n"
    ) == ["Phòng Tư pháp"]


def test_an_agency_name_and_the_word_hoat_dong_are_no_funding_sources():
    from kg.extract.funding import extract_funding

    text = (
        "IV. KINH PHÍ THỰC HIỆN\n1. Ngân sách huyện cấp cho Phòng Lao động - Thương binh và Xã hội năm 2023 là "
        "30.000.000 đồng để tổ chức các hoạt động tại mục 1 và 2.\n"
        "2. Ủy ban nhân dân các xã, thị trấn lồng ghép với các chương trình, dự án khác.\n"
        "V. TỔ CHỨC THỰC HIỆN\n"
    )
    assert [f.kind for f in extract_funding(text)] == ["state-budget", "integrated"]


def test_an_elliptic_second_clause_keeps_the_indicator_and_a_per_month_rate_recurs():
    from kg.extract.targets import extract_targets

    text = (
        "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
        "- Phấn đấu 70% trở lên các cơ quan, đơn vị xây dựng\nkế hoạch hưởng ứng Tháng hành động vì bình đẳng "
        "giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới vào năm 2025; đến năm 2030 đạt 100%.\n"
        "- Đến năm 2025, ít nhất 50% cơ quan truyền thông áp dụng thí điểm Bộ chỉ số về giới trong truyền "
        "thông; đến năm 2030 đạt 80% áp dụng chính thức.\n"
        "- Đài truyền thanh các xã phát ít nhất 02 tin, bài/tháng về bình đẳng giới.\n"
        "III. NHIỆM VỤ\n"
    )
    got = [(t.indicator, t.value, t.year, t.recurrence) for t in extract_targets(text)]
    assert got == [
        ("action-month-plans", 70, 2025, None),
        ("action-month-plans", 100, 2030, None),
        ("media-gender-indicators-pilot", 50, 2025, None),
        ("media-gender-indicators-official", 80, 2030, None),
        (None, 2, None, "monthly"),
    ]


def test_a_named_newspaper_is_a_partner_in_running_text():
    body = (
        "2. Chuyên mục bình đẳng giới\nNhiệm vụ này do Phòng Văn hóa và Thông tin chủ trì, phối hợp với Báo "
        "Thanh Hóa thực hiện.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert _roles(t) == (["Phòng Văn hóa và Thông tin"], ["Báo Thanh Hóa"])


def test_a_national_indicator_result_without_a_time_frame_is_a_target():
    from kg.extract.targets import extract_targets

    text = (
        "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
        "- Hằng năm, mỗi xã tổ chức ít nhất 01 cuộc truyền thông, phổ biến pháp luật về bình đẳng giới.\n"
        "- Nâng cao chất lượng hương ước, quy ước của các thôn, bản, bảo đảm không còn nội dung phân biệt "
        "đối xử về giới.\n"
        "- Tăng cường sự phối hợp giữa các cơ quan trong công tác truyền thông.\n"
        "III. NHIỆM VỤ\n"
    )
    got = [(t.indicator, t.value, t.year) for t in extract_targets(text)]
    assert got == [
        ("ge-law-communication-sessions", 1, None),
        ("community-conventions-nondiscriminatory", None, None),
    ]


def test_a_regional_declaration_keeps_trong_khu_vuc_in_its_name():
    refs = _cites(
        "Nội dung: Tuyên bố về xóa bỏ bạo lực đối với phụ nữ được Đại hội đồng Liên hợp quốc thông qua năm 1993; "
        "Tuyên bố về xóa bỏ bạo lực đối với phụ nữ trong khu vực ASEAN phê chuẩn năm 2004."
    )
    assert [(r.title, r.date) for r in refs] == [
        ("Tuyên bố về xóa bỏ bạo lực đối với phụ nữ", "1993"),
        ("Tuyên bố về xóa bỏ bạo lực đối với phụ nữ trong khu vực ASEAN", "2004"),
    ]


def test_implementing_agency_and_completion_time_labels():
    body = (
        "1. Tập huấn cho báo cáo viên\n- Cơ quan thực hiện: Phòng Tư pháp.\n- Cơ quan phối hợp: Huyện đoàn.\n"
        "- Thời gian hoàn thành: Quý III/2024.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert _roles(t) == (["Phòng Tư pháp"], ["Đoàn Thanh niên Cộng sản Hồ Chí Minh"])
    assert (t.timeframe, t.start_year, t.recurrence) == ("Quý III/2024", 2024, "once")
