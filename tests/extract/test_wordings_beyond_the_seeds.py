"""Regressions for wordings beyond the five seeds (sentences written for these tests)."""

from kg.extract import extract_plan
from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.citations import extract_citations
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks

DISTRICT = UnitContext(
    "thanh-hoa/ha-trung", "huyện Hà Trung", "huyện", "district", "thanh-hoa", "tỉnh Thanh Hóa"
)
COMMUNE = UnitContext("son-la/muong-bu", "xã Mường Bú", "xã", "commune", "son-la", "tỉnh Sơn La")


def _tasks(body: str, ctx: UnitContext):
    text = "II. NHIỆM VỤ VÀ GIẢI PHÁP\n" + body
    return extract_tasks(text, split_sections(text), ctx, [])


def _roles(task):
    return [r.name for r in task.lead], [r.name for r in task.partners]


def test_prose_assignments_giao_do_de_nghi():
    body = (
        "1. Phổ biến pháp luật về bình đẳng giới\nGiao Phòng Tư pháp chủ trì, phối hợp với\nHội Liên hiệp Phụ nữ "
        "huyện tổ chức hội nghị. Thời gian thực hiện: Quý II/2023.\n"
        "2. Giáo dục giới tính trong trường học\nNhiệm vụ này do Phòng Giáo dục và Đào tạo chủ trì, phối hợp với "
        "Huyện đoàn thực hiện.\n"
        "3. Câu lạc bộ gia đình hạnh phúc\nĐề nghị Hội Nông dân huyện chủ trì, phối hợp với Ủy ban nhân dân các xã "
        "duy trì câu lạc bộ.\n"
    )
    t1, t2, t3 = _tasks(body, DISTRICT)
    assert t1.title == "Phổ biến pháp luật về bình đẳng giới"
    assert _roles(t1) == (["Phòng Tư pháp"], ["Hội Liên hiệp Phụ nữ"])
    assert t1.timeframe == "Quý II/2023"
    assert _roles(t2) == (["Phòng Giáo dục và Đào tạo"], ["Đoàn Thanh niên Cộng sản Hồ Chí Minh"])
    assert _roles(t3) == (["Hội Nông dân"], ["Ủy ban nhân dân các xã"])


def test_role_labels_on_one_line():
    body = (
        "1. Tuyên truyền phòng, chống mua bán người\n\nChủ trì: Công an huyện; phối hợp: BCH Quân sự huyện, "
        "Đoàn TN huyện; thời gian: tháng 7/2024.\n"
    )
    (t,) = _tasks(body, DISTRICT)
    assert _roles(t) == (["Công an"], ["Ban Chỉ huy Quân sự", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"])
    assert t.timeframe == "Tháng 7/2024"


def test_commune_officials_village_heads_and_partners_named_after_the_verb():
    body = (
        "1. Sinh hoạt chuyên đề tại các bản\n\nGiao Trưởng các bản chủ trì tổ chức sinh hoạt; Công chức Tư pháp - "
        "Hộ tịch, Hội Cựu chiến binh xã phối hợp thực hiện.\n"
    )
    (t,) = _tasks(body, COMMUNE)
    assert _roles(t) == (["Trưởng các bản"], ["Công chức Tư pháp - Hộ tịch", "Hội Cựu chiến binh"])


def test_board_of_a_party_committee_is_one_agency():
    names = [r.name for r in resolve_agencies("Ban Tuyên giáo Huyện ủy, Phòng Nội vụ", 0, DISTRICT)]
    assert names == ["Ban Tuyên giáo Huyện ủy", "Phòng Nội vụ"]


def test_colon_style_organisation_paragraphs_and_parent_district_from_letterhead():
    text = (
        "UBND HUYỆN MƯỜNG LA\nỦY BAN NHÂN DÂN XÃ MƯỜNG BÚ\nSố: 12/KH-UBND\nMường Bú, ngày 02 tháng 3 năm 2023\n\n"
        "KẾ HOẠCH\nTruyền thông về bình đẳng giới năm 2023\n\nI. MỤC ĐÍCH\nabc\n\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Công chức Văn hóa - Xã hội: Tham mưu triển khai; tổng hợp báo cáo.\n"
        "2. Trạm Y tế xã: Tư vấn sức khỏe sinh sản.\n\nIII. CHẾ ĐỘ BÁO CÁO\n"
        "- Ủy ban nhân dân xã báo cáo kết quả về Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và "
        "Xã hội) trước ngày 25/11 hằng năm.\n"
    )
    x = extract_plan(text)
    assert [r.agency.name for r in x.responsibilities] == ["Công chức Văn hóa - Xã hội", "Trạm Y tế"]
    (duty,) = x.reporting
    assert [r.name for r in duty.reporter] == ["Ủy ban nhân dân xã Mường Bú"]
    assert [r.name for r in duty.recipient] == ["Ủy ban nhân dân huyện Mường La"]
    assert (duty.deadline, duty.recurrence) == ("--11-25", "annual")


def test_opening_sentence_lists_documents_after_semicolons():
    text = (
        "Thực hiện Kế hoạch số 77/KH-UBND ngày 02/3/2023 của UBND tỉnh Sơn La; Công văn số 310/SLĐTBXH-BĐG ngày "
        "10/3/2023 của Sở Lao động - Thương binh và Xã hội về việc triển khai công tác bình đẳng giới;\n"
    )
    refs = extract_citations(text, split_sections(text), COMMUNE, len(text), [])
    assert [(r.number, r.relation) for r in refs] == [
        ("77/KH-UBND", "implements"),
        ("310/SLĐTBXH-BĐG", "implements"),
    ]


def test_law_names_end_at_their_year_number_or_a_function_word():
    text = (
        "- Đưa Hiến pháp năm 2013 về quyền bình đẳng giữa nam và nữ, Luật Phòng, chống bạo lực gia đình năm\n"
        "2022 đến với Nhân dân; khoản 2 Điều 5 Luật Hôn nhân và gia đình vào đời sống; Luật Phòng, chống mua bán "
        "người số 53/2024/QH15.\n"
    )
    refs = extract_citations(text, split_sections(text), COMMUNE, 0, [])
    got = {(r.title, r.number, r.date, r.articles) for r in refs}
    assert got == {
        ("Hiến pháp năm 2013", None, "2013", ()),
        ("Luật Phòng, chống bạo lực gia đình", None, "2022", ()),
        ("Luật Hôn nhân và gia đình", None, None, ("khoản 2 Điều 5",)),
        ("Luật Phòng, chống mua bán người", "53/2024/QH15", None, ()),
    }


def test_an_amending_law_is_one_document_and_one_title_never_gets_two_citations():
    # two records with the same title would give one document two dates in the graph
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
        "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
    )
    refs = extract_citations(text, split_sections(text), COMMUNE, len(text), [])
    assert [(r.title, r.date) for r in refs] == [
        ("Luật Tổ chức chính quyền địa phương", "2015-06-19"),
        (
            "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
            "2019-11-22",
        ),
    ]


def test_deadline_after_a_chained_report_belongs_to_the_chain():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Công chức Văn hóa - Xã hội: theo dõi; tổng hợp báo cáo Ủy ban nhân dân xã để "
        "báo cáo Ủy ban nhân dân huyện (qua Phòng Lao động - Thương binh và Xã hội) trước ngày 10/12 hằng năm.\n"
    )
    ctx = UnitContext(
        "son-la/muong-bu",
        "xã Mường Bú",
        "xã",
        "commune",
        "son-la",
        "tỉnh Sơn La",
        parent_path="son-la/muong-la",
        parent_name="huyện Mường La",
        parent_type_word="huyện",
    )
    from kg.extract.reporting import extract_reporting
    from kg.extract.responsibilities import extract_responsibilities

    secs = split_sections(text)
    resp = extract_responsibilities(text, secs, ctx, [], [])
    (duty,) = extract_reporting(text, secs, ctx, resp, [])
    assert [r.name for r in duty.reporter] == ["Công chức Văn hóa - Xã hội", "Ủy ban nhân dân xã Mường Bú"]
    assert [r.name for r in duty.recipient] == ["Ủy ban nhân dân huyện Mường La"]
    assert (duty.deadline, duty.recurrence) == ("--12-10", "annual")
