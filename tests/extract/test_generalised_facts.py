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
