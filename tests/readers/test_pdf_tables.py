"""PDF tables (issue 13, item 3): a ruled table of tasks in a PDF reads as the DOCX and HTML readers
write one — a line per row, cells joined with " | " — with the text around it in its place."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from kg.readers import read_document_bytes

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ROWS = [("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),
        ("1", "Tổ chức Tháng hành động vì bình đẳng giới", "Sở Nội vụ", "Sở Y tế", "Tháng 11/2026"),
        ("2", "Tập huấn cho cán bộ truyền thông", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Quý II/2026")]


def _pdf() -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(0, 6, "III. NHIỆM VỤ CỤ THỂ")
    pdf.ln(2)
    with pdf.table(col_widths=(10, 60, 45, 40, 35), first_row_as_headings=False) as table:
        for row in ROWS:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "IV. KINH PHÍ")
    return bytes(pdf.output())


def test_a_ruled_table_reads_one_line_per_row_with_the_text_around_it() -> None:
    lines = [line.strip() for line in read_document_bytes(_pdf(), "ke-hoach.pdf").text.split("\n") if line.strip()]
    assert lines[0] == "III. NHIỆM VỤ CỤ THỂ" and lines[-1] == "IV. KINH PHÍ"
    assert "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian" in lines
    assert "1 | Tổ chức Tháng hành động vì bình đẳng giới | Sở Nội vụ | Sở Y tế | Tháng 11/2026" in lines
    assert lines.index("III. NHIỆM VỤ CỤ THỂ") < lines.index("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | "
                                                                "Thời gian") < lines.index("IV. KINH PHÍ")
