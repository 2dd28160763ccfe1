"""A plan as a PDF's text layer holds it: lines wrapped at the page's width with no blank line
between paragraphs, a table's head repeated on each page, a sentence running on over a page break.
Each wording was written for these tests in the shapes `kg eval --forms pdf` found on the real plans
(tests/extract/test_real_plans_forms.py scores the plans themselves)."""

from kg.extract import extract_plan
from kg.extract.sections import split_sections
from kg.extract.tasks.table import table_tasks
from tests.extract.contexts import NINH_BINH_2025 as PROVINCE

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 15/KH-UBND\nKẾ HOẠCH\nChuyển đổi số doanh nghiệp năm 2026\n"


def test_a_line_wrapped_inside_the_opening_sentence_neither_opens_it_nor_breaks_its_list() -> None:
    text = HEAD + (
        "Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Ủy ban nhân dân tỉnh về\n"
        "thực hiện Nghị quyết số 71/NQ-CP ngày 01/5/2025 của Chính phủ và Chương trình\n"
        "hành động số 10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh ủy về thực hiện\n"
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n- Thúc đẩy chuyển đổi số.\n"
    )
    relations = {c.number: c.relation for c in extract_plan(text).citations}
    assert relations["283/KH-UBND"] == "implements"
    assert [n for n, r in relations.items() if r == "implements"] == ["283/KH-UBND"], relations


def test_a_name_wrapped_over_lines_stops_as_on_one_line() -> None:
    text = HEAD + (
        "IV. KINH PHÍ\nViệc lập và thực hiện kế hoạch tài chính theo quy định của Luật Ngân sách nhà nước, Luật\n"
        "Đầu tư công và\ncác quy định hiện hành về kế hoạch đầu tư công trung hạn.\n"
    )
    titles = [c.title for c in extract_plan(text).citations]
    assert "Luật Đầu tư công" in titles, titles


def test_a_quoted_programme_name_in_a_wrapped_title_is_cited() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 15/KH-UBND\nKẾ HOẠCH\n"
            "THỰC HIỆN CHƯƠNG TRÌNH “NÂNG CAO CHẤT LƯỢNG GIÁO DỤC MẦM NON Ở ĐỊA\n"
            "BÀN ĐÔ THỊ, KHU CÔNG NGHIỆP TRÊN ĐỊA BÀN TỈNH NINH BÌNH GIAI ĐOẠN 2025 -\n"
            "2035, ĐỊNH HƯỚNG ĐẾN NĂM 2045”\n"
            "Thực hiện Quyết định số 2270/QĐ-TTg ngày 14/10/2025 của Thủ tướng Chính phủ\n"
            "phê duyệt Chương trình.\n")
    named = [c.title for c in extract_plan(text).citations if c.kind == "programme"]
    assert named and named[0].endswith("giai đoạn 2025 - 2035, định hướng đến năm 2045"), named


def test_a_numbered_heading_keeps_the_lines_it_wrapped_onto() -> None:
    text = (
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã\n"
        "hội trực thuộc\n"
        "- Tổ chức thực hiện có hiệu quả các chương trình phối hợp.\n"
        "2. Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ chức tuyên\n"
        "truyền, phổ biến, giáo dục pháp luật, tập huấn, bồi dưỡng nghiệp vụ về nội dung\n"
        "Luật và các văn bản quy định chi tiết thi hành Luật.\n"
        "- Cơ quan thực hiện: Sở Tư pháp.\n"
        "3. Mục đích\n"
        "Nâng cao nhận thức của cán bộ về chuyển đổi số.\n"
    )
    headings = [s.heading for s in split_sections(text) if s.level == 2]
    assert headings == [
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội trực thuộc",
        "Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ chức tuyên truyền, phổ biến, "
        "giáo dục pháp luật, tập huấn, bồi dưỡng nghiệp vụ về nội dung Luật và các văn bản quy định chi tiết "
        "thi hành Luật",  # (headings are stored without their final stop)
        "Mục đích",  # a short heading: the paragraph below it is not a wrap
    ]


def test_a_task_table_head_repeated_on_the_next_page_is_not_a_task() -> None:
    text = (
        "STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
        "1 | Tổ chức hội nghị phổ biến chính sách mới. | Sở Tư pháp | Sở Nội vụ | Quý I/2026\n\n"
        "STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
        "2 | Xây dựng chuyên mục hỏi đáp pháp luật. | Sở Nội vụ | Sở Tư pháp | Quý II/2026\n"
    )
    assert [t.title for t in table_tasks(text, PROVINCE)] == [
        "Tổ chức hội nghị phổ biến chính sách mới.", "Xây dựng chuyên mục hỏi đáp pháp luật."]


def test_a_cover_decision_names_the_plan_it_issues_over_a_wrapped_line() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 1203/QĐ-UBND\nNinh Bình, ngày 12 tháng 11 năm 2025\n"
        "QUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH NINH BÌNH\n"
        "GIAI ĐOẠN 2026 - 2030\nỦY BAN NHÂN DÂN TỈNH NINH BÌNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng\n"
        "hóa tỉnh Ninh Bình giai đoạn 2026 - 2030.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    document = extract_plan(text).document
    assert document.title == "Xuất khẩu sản phẩm hàng hóa tỉnh Ninh Bình giai đoạn 2026 - 2030"
    assert document.period == (2026, 2030)
