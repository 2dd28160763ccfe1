"""A plan as a clean text holds it — one paragraph per line, no blank line between paragraphs, a
table's cells joined by tabs (a copy from a browser or a word processor) — reads as its hard-wrapped
conversion does. Each wording below was written for these tests in the shapes `kg eval --forms`
found on the real plans (tests/extract/test_real_plans_forms.py scores the plans themselves)."""

from kg.evaluate.matching import norm
from kg.extract import extract_plan
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks
from kg.extract.tasks.table import table_tasks
from tests.extract.contexts import NINH_BINH_2025 as PROVINCE


def _names(refs) -> list[str]:
    return [r.name for r in refs]


ROLE_BLOCKS = (
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "1. Nâng cao năng lực cho đội ngũ cán bộ làm công tác pháp chế\n"
    "- Tổ chức tập huấn kỹ năng soạn thảo văn bản cho cán bộ, công chức.\n"
    "Đơn vị chủ trì thực hiện: Sở Tư pháp.\n"
    "Đơn vị phối hợp thực hiện: Các cơ quan, đơn vị, địa phương liên quan.\n"
    "Thời gian thực hiện: Theo kế hoạch công tác hằng năm.\n"
    "- Bồi dưỡng kiến thức quản lý nhà nước cho lãnh đạo cấp phòng.\n"
    "Đơn vị chủ trì: Sở Nội vụ.\n"
    "Đơn vị phối hợp: Sở Tư pháp.\n"
    "Thời gian thực hiện: Hằng năm.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Tư pháp theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
)


def test_a_role_line_ends_at_the_next_item_without_a_blank_line() -> None:
    tasks = extract_tasks(ROLE_BLOCKS, split_sections(ROLE_BLOCKS), PROVINCE, [])
    assert [t.title for t in tasks] == [
        "Tổ chức tập huấn kỹ năng soạn thảo văn bản cho cán bộ, công chức.",
        "Bồi dưỡng kiến thức quản lý nhà nước cho lãnh đạo cấp phòng.",
    ]
    assert [t.timeframe for t in tasks] == ["Theo kế hoạch công tác hằng năm", "Hằng năm"]
    assert [_names(t.lead) for t in tasks] == [["Sở Tư pháp"], ["Sở Nội vụ"]]


TAB_TABLE = (
    "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
    "STT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
    "I. NÂNG CAO NHẬN THỨC\n"
    "1\tTổ chức hội nghị phổ biến chính sách hỗ trợ doanh nghiệp.\tSở Công Thương\tSở Tài chính\tQuý I/2026\n"
    "2\tXây dựng chuyên mục hỏi đáp trên cổng thông tin điện tử tỉnh.\tSở Khoa học và Công nghệ\t"
    "Sở Tài chính;\nUBND các xã, phường\tThường xuyên\n"
    "3\tTổng kết, đánh giá kết quả thực hiện kế hoạch.\tSở Nội vụ\tCác sở, ngành\tQuý IV/2026\n"
)


def test_a_tab_separated_task_table_gives_one_task_per_row() -> None:
    tasks = table_tasks(TAB_TABLE, PROVINCE)
    assert [t.title for t in tasks] == [
        "Tổ chức hội nghị phổ biến chính sách hỗ trợ doanh nghiệp.",
        "Xây dựng chuyên mục hỏi đáp trên cổng thông tin điện tử tỉnh.",
        "Tổng kết, đánh giá kết quả thực hiện kế hoạch.",
    ]
    assert [_names(t.lead) for t in tasks] == [["Sở Công Thương"], ["Sở Khoa học và Công nghệ"], ["Sở Nội vụ"]]
    # the second row's partner cell holds a line break (a <br> copied): the row goes on below it
    assert "Sở Tài chính" in _names(tasks[1].partners) and len(tasks[1].partners) == 2
    assert [t.timeframe for t in tasks] == ["Quý I/2026", "Thường xuyên", "Quý IV/2026"]


CAPITALS_TITLE = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 12/KH-UBND\tNinh Bình, ngày 03 tháng 11 năm 2025\n"
    "KẾ HOẠCH\n"
    "KHẮC PHỤC HẬU QUẢ MƯA LŨ TRÊN ĐỊA BÀN TỈNH NINH BÌNH\n"
    "Do ảnh hưởng của đợt mưa lớn kéo dài từ ngày 20 đến ngày 25 tháng 10 năm 2025, nhiều khu vực trên "
    "địa bàn tỉnh bị ngập sâu; để kịp thời khắc phục hậu quả, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n- Khắc phục kịp thời hậu quả mưa lũ.\n"
)


def test_a_title_in_capitals_ends_at_the_first_paragraph_below_it() -> None:
    document = extract_plan(CAPITALS_TITLE).document
    assert document.title == "Khắc phục hậu quả mưa lũ trên địa bàn tỉnh Ninh Bình"
    assert document.issuer is not None and document.issuer.name == "Ủy ban nhân dân tỉnh Ninh Bình"


REPORTING_HEADING = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 12/KH-UBND\nKẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\n"
    "II. NHIỆM VỤ\n"
    "7. Công tác giám sát, kiểm tra, báo cáo\n"
    "- Sở Y tế chủ trì kiểm tra, đôn đốc thực hiện kế hoạch.\n"
    "- Khi phát hiện ca bệnh bất thường, báo cáo ngay về Sở Y tế.\n"
)


def test_a_numbered_heading_is_not_a_sentence_with_the_bullet_below_it() -> None:
    duties = extract_plan(REPORTING_HEADING).reporting
    quotes = [REPORTING_HEADING[d.span[0]:d.span[1]].strip() for d in duties]
    assert quotes == ["- Khi phát hiện ca bệnh bất thường, báo cáo ngay về Sở Y tế."]


def test_a_law_at_the_end_of_a_line_above_a_numbered_item_is_not_a_name() -> None:
    text = ("KẾ HOẠCH\nTriển khai thi hành Luật Đo lường năm 2026\nII. NHIỆM VỤ\n"
            "3. Tham gia góp ý dự thảo văn bản hướng dẫn thi hành Luật\n"
            "3.1. Tham gia góp ý kiến vào dự thảo các văn bản quy định chi tiết\n")
    titles = [c.title for c in extract_plan(text).citations]
    assert not any("3.1" in (t or "") for t in titles), titles


LAW_TITLE = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 20/KH-UBND\nKẾ HOẠCH\n"
    "TRIỂN KHAI THI HÀNH LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐO LƯỜNG TRÊN ĐỊA BÀN TỈNH NINH BÌNH\n"
    "Thực hiện Quyết định số 150/QĐ-TTg ngày 27 tháng 9 năm 2025 của Thủ tướng Chính phủ ban hành Kế hoạch "
    "triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Đo lường, Ủy ban nhân dân tỉnh ban hành "
    "Kế hoạch như sau:\nI. MỤC ĐÍCH\n1. Tổ chức triển khai thực hiện Chiến lược đo lường quốc gia\n"
    "Thời gian thực hiện sau khi Chiến lược đo lường quốc gia được ban hành.\n"
)


def test_a_law_in_a_one_line_title_in_capitals_keeps_its_whole_name_and_relation() -> None:
    laws = [(c.title.casefold(), c.relation) for c in extract_plan(LAW_TITLE).citations if c.kind == "law"]
    assert laws == [("luật sửa đổi, bổ sung một số điều của luật đo lường", "implements")], laws


def test_a_name_ends_at_a_line_break_before_a_new_sentence() -> None:
    strategies = [c.title for c in extract_plan(LAW_TITLE).citations if c.kind == "strategy"]
    assert strategies == ["Chiến lược đo lường quốc gia"], strategies


UNACCENTED = (
    "UY BAN NHAN DAN\nTINH NINH BINH\nSo: 30/KH-UBND\nKE HOACH\nKiem ke tai san cong nam 2026\n"
    "Can cu Luat Quan ly, su dung tai san cong ngay 21 thang 6 nam 2017;\n"
    "I. MUC DICH\n- Thuc hien cam ket ve thue khi Hiep dinh Thuong mai tu do Viet Nam - EU, Viet Nam voi Anh "
    "co hieu luc.\n"
)


def test_a_copy_without_diacritics_reads_nouns_that_fold_to_stop_words() -> None:
    # "tai san" is "tài sản", not "tại" (a stop word ending a document's name)
    laws = [norm(c.title) for c in extract_plan(UNACCENTED).citations if c.kind == "law"]
    assert laws == [norm("Luật Quản lý, sử dụng tài sản công")], laws


def test_a_copy_without_diacritics_lists_each_agreement_by_its_parties() -> None:
    agreements = [c.title for c in extract_plan(UNACCENTED).citations if c.title.lower().startswith("hiep")]
    assert [a.rsplit(" - ", 1)[1] for a in agreements] == ["EU", "Anh"], agreements


def test_a_copy_without_diacritics_reads_a_law_standing_for_one_named_before_and_a_strategy() -> None:
    text = ("KE HOACH\nTrien khai thi hanh Luat Tieu chuan nam 2026\nII. NHIEM VU\n"
            "1. Ra soat van ban co lien quan den Luat thuoc tham quyen quan ly nha nuoc.\n"
            "2. Cac noi dung ho tro thi hanh Luat bao gom: tap huan, boi duong.\n"
            "3. To chuc trien khai thuc hien Chien luoc tieu chuan quoc gia\n"
            "Thoi gian thuc hien sau khi Chien luoc tieu chuan quoc gia duoc ban hanh.\n")
    titles = [norm(c.title) for c in extract_plan(text).citations]
    assert norm("Chiến lược tiêu chuẩn quốc gia") in titles, titles
    assert not any(t.startswith(("luat thuoc", "luat bao gom")) for t in titles), titles
