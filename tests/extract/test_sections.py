"""Sections: roman parts, arabic sub-sections, markdown and OCR headings."""

from kg.extract.sections import find_section, split_sections, subsections


def test_roman_parts_classified_by_heading_words():
    text = (
        "KẾ HOẠCH\nThực hiện Chương trình\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nabc\n"
        "II. MỤC TIÊU\n1. Mục tiêu chung\n- x\n2. Mục tiêu cụ thể\n- y\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường truyền thông\n"
        "IV. KINH PHÍ THỰC HIỆN\nNgân sách\nV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\nChủ trì\n"
        "VI. CHẾ ĐỘ BÁO CÁO\nTrước ngày 10/12.\nNơi nhận:\n- Sở Nội vụ;\n"
    )
    secs = split_sections(text)
    kinds = [s.kind for s in secs if s.level <= 1]
    assert kinds == [
        "preamble",
        "purpose",
        "objectives",
        "tasks",
        "funding",
        "organisation",
        "reporting",
        "recipients",
    ]
    obj = find_section(secs, "objectives")
    assert obj is not None and text[obj.start : obj.end].startswith("II. MỤC TIÊU")
    subs = subsections(secs, obj)
    assert [s.heading for s in subs] == ["Mục tiêu chung", "Mục tiêu cụ thể"]
    assert all(s.kind == "objectives" for s in subs)
    assert secs[-1].kind == "recipients" and text[secs[-1].start :].startswith("Nơi nhận")
    org = find_section(secs, "organisation")
    assert [s.heading for s in subsections(secs, org)] == ["Sở Y tế"]


def test_ocr_roman_numerals_and_headings_without_diacritics():
    text = "KE HOACH\n|. MUC PiCH, YEU CAU\nabc\nII. MUC TIEU\nx\nI11. NHIEM VU VA GIAI PHAP\ny\n"
    secs = split_sections(text)
    assert [(s.kind, s.number) for s in secs if s.level == 1] == [
        ("purpose", "|"),
        ("objectives", "II"),
        ("tasks", "I11"),
    ]


def test_markdown_bold_headers():
    text = (
        "**KẾ HOẠCH**\n\n**I. MỤC TIÊU**\n\n**1. Mục tiêu chung**\n\n- a\n\n"
        "## **II. NHIỆM VỤ VÀ GIẢI PHÁP**\n\n1. x\n"
    )
    secs = split_sections(text)
    top = [s for s in secs if s.level == 1]
    assert [s.heading for s in top] == ["MỤC TIÊU", "NHIỆM VỤ VÀ GIẢI PHÁP"]
    assert top[0].end == top[1].start


def test_long_numbered_sentence_inherits_parent_kind():
    # "báo cáo viên" inside a long task heading must not make it a reporting section
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "4. Xây dựng và nâng cao năng lực cho đội ngũ báo cáo viên, tuyên truyền viên\n"
    )
    secs = split_sections(text)
    assert secs[-1].kind == "tasks"


def test_no_heading_gives_one_preamble_section():
    assert [s.kind for s in split_sections("")] == []
    secs = split_sections("chỉ một đoạn văn")
    assert len(secs) == 1 and secs[0].kind == "preamble" and secs[0].end == len("chỉ một đoạn văn")


def test_letter_headings_as_top_level_parts():
    text = "KẾ HOẠCH\nA. MỤC ĐÍCH, YÊU CẦU\nabc\nB. NỘI DUNG VÀ GIẢI PHÁP\n1. Tuyên truyền\nC. TỔ CHỨC THỰC HIỆN\n"
    secs = split_sections(text)
    assert [(s.kind, s.number) for s in secs if s.level == 1] == [
        ("purpose", "A"),
        ("tasks", "B"),
        ("organisation", "C"),
    ]
