"""Metadata, parents and citations in shapes of the genre that the first rules for real plans missed.
Each snippet is written here, in the shape of Vietnamese administrative plans; none is copied."""

from kg.extract import extract_plan


def _plan(body: str, title: str = "TRUYỀN THÔNG VỀ AN TOÀN GIAO THÔNG NĂM 2026") -> str:
    return (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 41/KH-UBND\nHải Phòng, ngày 12 tháng 3 năm 2026\n\n"
        f"KẾ HOẠCH\n\n{title}\n\n{body}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nBảo đảm hiệu quả.\n"
    )


def _parents(text: str) -> list[str]:
    return [c.number for c in extract_plan(text).implements]


# --- metadata ------------------------------------------------------------------------------------


def test_a_title_in_capitals_that_names_a_directive_is_the_title():
    # "THỰC HIỆN CHỈ THỊ SỐ …" in capitals under "KẾ HOẠCH" is the title, not the opening sentence
    text = _plan(
        "Thực hiện Chỉ thị số 09/CT-TTg ngày 02 tháng 4 năm 2025 của Thủ tướng Chính phủ.",
        title="THỰC HIỆN CHỈ THỊ SỐ 09/CT-TTG NGÀY 02 THÁNG 4 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ AN TOÀN GIAO THÔNG",
    )
    d = extract_plan(text).document
    assert d.title is not None and d.title.lower().startswith("thực hiện chỉ thị số 09/ct-ttg")


def test_an_opening_sentence_in_sentence_case_is_still_not_the_title():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 7/KH-UBND\nNam Định, ngày 12 tháng 3 năm 2026\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chỉ thị số 09/CT-TTg ngày 02 tháng 4 năm 2025 của Thủ tướng Chính phủ\n\nI. MỤC ĐÍCH\n"
    )
    assert extract_plan(text).document.title is None


def test_a_narrative_of_earlier_issuance_does_not_name_the_unit():
    # "Ủy ban nhân dân tỉnh/thành phố đã ban hành …" tells what was done before: the unit is the
    # letterhead's and the issuing sentence's city
    text = _plan(
        "Qua 5 năm, Thành ủy, Ủy ban nhân dân tỉnh/thành phố đã ban hành nhiều kế hoạch. "
        "Ủy ban nhân dân thành phố Hải Phòng ban hành Kế hoạch như sau:"
    )
    d = extract_plan(text).document
    assert (d.unit_name, d.level) == ("thành phố Hải Phòng", "province")


# --- implements ----------------------------------------------------------------------------------


def test_documents_listed_after_a_semicolon_share_the_opener():
    text = _plan(
        "Thực hiện Chỉ thị số 09/CT-TTg ngày 02/4/2025 của Thủ tướng Chính phủ về an toàn giao thông;\n"
        "Công văn số 1234/BGTVT-ATGT ngày 05/5/2025 của Bộ Giao thông vận tải về việc triển khai Chỉ thị."
    )
    assert _parents(text) == ["09/CT-TTg", "1234/BGTVT-ATGT"]


def test_an_issuing_sentence_after_the_list_is_not_an_item_of_it():
    text = _plan(
        "Thực hiện Quyết định số 88/QĐ-TTg ngày 10/01/2025 của Thủ tướng Chính phủ;\n"
        "Ủy ban nhân dân thành phố ban hành Kế hoạch, thay thế Kế hoạch số 15/KH-UBND ngày 3/2/2022, như sau:"
    )
    assert _parents(text) == ["88/QĐ-TTg"]


def test_a_narrative_of_past_implementation_is_no_parent():
    text = _plan(
        "Thực hiện Chỉ thị số 09/CT-TTg ngày 02/4/2025 của Thủ tướng Chính phủ.\n\n"
        "Sau 5 năm triển khai thực hiện Nghị quyết số 12-NQ/TW ngày 03/6/2019 của Bộ Chính trị, "
        "công tác bảo đảm an toàn giao thông đạt nhiều kết quả."
    )
    x = extract_plan(text)
    assert [c.number for c in x.implements] == ["09/CT-TTg"]
    assert any(c.number == "12-NQ/TW" for c in x.citations)  # still a citation


# --- citations -----------------------------------------------------------------------------------


def _cited(body: str) -> dict[str, tuple]:
    return {(c.number or c.title): (c.kind, c.title) for c in extract_plan(_plan(body)).citations}


def test_a_mistyped_number_in_a_footnote_is_the_same_document():
    cited = _cited(
        "Thực hiện Chỉ thị số 09/CT-TTg ngày 02/4/2025 của Thủ tướng Chính phủ về tăng cường bảo đảm trật "
        "tự an toàn giao thông.\n\n[1] Chỉ thị số 09/CTTg ngày 02/3/2025 của Thủ tướng Chính phủ về tăng "
        "cường bảo đảm trật tự an toàn giao thông."
    )
    assert [n for n in cited if n.startswith("09/")] == ["09/CT-TTg"]


def test_another_year_or_serial_is_another_document():
    cited = _cited(
        "Căn cứ Nghị định số 55/2009/NĐ-CP ngày 10/6/2009 của Chính phủ quy định xử phạt vi phạm hành chính; "
        "Nghị định số 55/2010/NĐ-CP ngày 24/5/2010 của Chính phủ quy định xử phạt vi phạm hành chính."
    )
    assert {"55/2009/NĐ-CP", "55/2010/NĐ-CP"} <= set(cited)


def test_the_plans_own_kind_line_is_not_a_cited_plan():
    text = _plan("Thực hiện Nghị quyết số 30/NQ-CP ngày 05/3/2025 của Chính phủ.",
                 title="TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 30/NQ-CP NGÀY 05/3/2025 CỦA CHÍNH PHỦ")
    assert [c.kind for c in extract_plan(text).citations] == ["resolution"]


def test_strategies_with_a_scope_are_documents_and_vague_ones_are_not():
    cited = _cited(
        "Triển khai Chiến lược chuyển đổi số tỉnh Nam Định đến năm 2030 và Chiến lược năng lượng quốc gia; "
        "đưa các chỉ tiêu Chiến lược truyền thông vào đánh giá; xây dựng các Chiến lược triển khai của tỉnh."
    )
    strategies = sorted(t for k, t in cited.values() if k == "strategy")
    assert strategies == ["Chiến lược chuyển đổi số tỉnh Nam Định", "Chiến lược năng lượng quốc gia"]


def test_draft_decrees_named_by_their_title_are_documents():
    cited = _cited(
        "Góp ý dự thảo Nghị định quy định chi tiết một số điều của Luật Đường bộ; tham gia xây dựng các "
        "Nghị định quy định chi tiết khác."
    )
    decrees = [t for k, t in cited.values() if k == "decree"]
    assert decrees == ["Nghị định quy định chi tiết một số điều của Luật Đường bộ"]


def test_a_project_known_by_its_number_and_a_standard_by_its_code():
    cited = _cited(
        "Kết nối dữ liệu gắn với Đề án 06 của Chính phủ; bảo đảm an toàn theo tiêu chuẩn TCVN 11930:2017 "
        "về Công nghệ thông tin - Các kỹ thuật an toàn."
    )
    assert cited["Đề án 06"] == ("programme", "Đề án 06")
    assert cited["TCVN 11930:2017"][0] == "other"
    assert cited["TCVN 11930:2017"][1].startswith("Tiêu chuẩn quốc gia về Công nghệ thông tin")


def test_the_word_law_standing_for_a_law_named_before_is_no_citation():
    cited = _cited(
        "Triển khai thi hành Luật Đường bộ số 35/2024/QH15. Tổ chức thi hành Luật, bảo đảm thống nhất; rà soát "
        "văn bản có liên quan đến Luật thuộc thẩm quyền; nội dung hỗ trợ thi hành Luật bao gồm: tập huấn; "
        "kinh phí theo Luật Ngân sách nhà nước và pháp luật có liên quan."
    )
    laws = sorted(t for k, t in cited.values() if k == "law")
    assert laws == ["Luật Ngân sách nhà nước", "Luật Đường bộ"]


def test_agreements_listed_by_their_parties_alone_are_each_a_document():
    cited = _cited(
        "Tận dụng ưu đãi khi Hiệp định Đối tác kinh tế Việt Nam - Nhật Bản, Việt Nam với Hàn Quốc có hiệu lực; "
        "mở rộng thị trường sang các hiệp định thương mại tự do khác."
    )
    agreements = sorted(t for k, t in cited.values() if t and t.startswith("Hiệp định"))
    assert agreements == ["Hiệp định Đối tác kinh tế Việt Nam - Hàn Quốc", "Hiệp định Đối tác kinh tế Việt Nam - Nhật Bản"]


def test_the_number_line_above_a_place_in_short_form_is_no_letterhead():
    # "Số: …/KH-UBND" ends in "UBND"; the line below ("TP. Hồ Chí Minh, ngày …") is the place and date
    text = (
        "ỦY BAN NHÂN DÂN\nTP. HỒ CHÍ MINH\nSố: 1234 /KH-UBND\nTP. Hồ Chí Minh, ngày 5 tháng 12 năm 2025\n\n"
        "KẾ HOẠCH\nPhát triển văn hóa đọc trên địa bàn Thành phố năm 2026\n\nI. MỤC ĐÍCH\n- Quán triệt.\n"
    )
    d = extract_plan(text).document
    assert (d.unit_name, d.level) == ("thành phố Hồ Chí Minh", "province")


def test_a_title_in_capitals_keeps_the_symbols_of_the_numbers_it_names():
    text = _plan("Thực hiện Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị.",
                 title="TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 149-KL/TW NGÀY 10/4/2025 CỦA BỘ CHÍNH TRỊ")
    assert extract_plan(text).document.title == (
        "Triển khai thực hiện Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị"
    )


def test_laws_whose_names_start_like_function_words_are_still_laws():
    cited = _cited(
        "Căn cứ Luật Trồng trọt ngày 19/11/2018; Luật Tài nguyên nước ngày 27/11/2023; Luật Khí tượng thủy văn "
        "ngày 23/11/2015; Luật Đê điều ngày 29/11/2006; Luật\nThủy lợi ngày 19/6/2017; Luật Đo lường ngày "
        "11/11/2011; Luật Đa dạng sinh học ngày 13/11/2008. Các quy định của Luật đã được phổ biến."
    )
    laws = sorted(t for k, t in cited.values() if k == "law")
    assert laws == ["Luật Khí tượng thủy văn", "Luật Thủy lợi", "Luật Trồng trọt", "Luật Tài nguyên nước",
                    "Luật Đa dạng sinh học", "Luật Đo lường", "Luật Đê điều"]
