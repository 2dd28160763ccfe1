"""Sections of a plan whose appendices follow its last part without a closing block (a plan attached to a
decision, issue 13): "PHỤ LỤC" ends the part before it, and table rows with thousands separators
("14.000 | …") are no numbered items."""

from kg.extract.sections import split_sections

PLAN = (
    "KẾ HOẠCH\n\nPhát triển vùng nguyên liệu\n\nI. MỤC TIÊU\n\n1. Mở rộng diện tích cây ăn quả.\n\n"
    "II. CHẾ ĐỘ BÁO CÁO\n\n1. Sở Nông nghiệp và Môi trường báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12.\n\n"
    "PHỤ LỤC 01\n\nDIỆN TÍCH VÙNG NGUYÊN LIỆU\n\nTT | Cây trồng | Năm 2026 | Năm 2030\n"
    "1 | Xoài | 19.600 | 20.000\n14.000 | 15.000 | 16.000 | 17.000\n"
)


def test_appendix_ends_the_last_part_and_its_rows_are_no_items():
    sections = split_sections(PLAN)
    report = next(s for s in sections if s.kind == "reporting" and s.level == 1)
    assert "PHỤ LỤC" not in PLAN[report.start : report.end]
    appendix = [s for s in sections if s.heading.startswith("PHỤ LỤC")]
    assert [(s.level, s.kind) for s in appendix] == [(1, "other")]
    assert not any(s.number == "14" for s in sections)
