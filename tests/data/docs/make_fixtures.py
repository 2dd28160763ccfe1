"""Make the reader fixtures in this folder from the real plan texts in data/plans/.

Run from the repository root: ``.venv/bin/python tests/data/docs/make_fixtures.py``.
Needs python-docx and Pillow (runtime dependencies), fpdf2 (dev dependency) and the DejaVu
fonts (Debian package fonts-dejavu-core). Output is committed; tests never run this script.
README.md in this folder says what each file is.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from docx.text.paragraph import Paragraph
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
PLANS = ROOT / "data" / "plans"
OUT = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")

BAC_KAN = PLANS / "bac-kan_tp-bac-kan_2022-03_unnumbered.txt"
LAI_CHAU = PLANS / "lai-chau_binh-lu_2026-04_unnumbered.txt"
QUANG_NINH = PLANS / "quang-ninh_2021-11-24_unnumbered.txt"
HUE = PLANS / "hue_2026_unnumbered.txt"

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # the five tones Windows-1258 writes as combining marks


def paragraphs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def add_runs(paragraph: Paragraph, text: str) -> None:
    """Markdown-ish *italic* / **bold** in the seed text become italic / bold runs."""
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*") and len(piece) > 1:
            paragraph.add_run(piece[1:-1]).italic = True
        elif piece:
            paragraph.add_run(piece)


def make_docx() -> bytes:
    """UBND thành phố Bắc Kạn plan: letterhead table, numbered list, task table, signature table."""
    import docx

    lines = paragraphs(BAC_KAN)
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "PAGE HEADER: must not be read"
    section.footer.paragraphs[0].text = "PAGE FOOTER: must not be read"

    number_line, date_line = lines[0], lines[1]
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].text = number_line
    table.cell(0, 1).paragraphs[0].text = date_line

    recipients = lines.index("Nơi nhận:")
    tasks_start = lines.index("5. Phòng Giáo dục và Đào tạo")
    tasks_end = lines.index("9. Các phòng, ban, ngành liên quan")
    section_three = lines.index("III. NHIỆM VỤ VÀ GIẢI PHÁP")
    section_four = lines.index("IV. KINH PHÍ THỰC HIỆN")
    i = 2
    while i < recipients:
        line = lines[i]
        if i == tasks_start:
            add_task_table(document, lines[tasks_start:tasks_end])
            i = tasks_end
            continue
        numbered = re.match(r"(\d+)\. (.+)", line)
        if section_three < i < section_four and numbered:  # automatic numbering, "1." rendered by Word
            add_runs(document.add_paragraph(style="List Number"), numbered.group(2))
        else:
            add_runs(document.add_paragraph(), line)
        i += 1

    signature = document.add_table(rows=1, cols=2)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    left.paragraphs[0].text = lines[recipients]
    for line in lines[recipients + 1 : -4]:
        add_runs(left.add_paragraph(), line)
    # "**TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH**": one bold paragraph with line breaks
    title = right.paragraphs[0]
    block = [part.strip("*") for part in lines[-4:-1]]
    for k, part in enumerate(block):
        run = title.add_run(part)
        run.bold = True
        if k < len(block) - 1:
            run.add_break()
    right.add_paragraph(lines[-1])
    fixed = datetime(2026, 4, 1, tzinfo=UTC)
    document.core_properties.created = document.core_properties.modified = fixed
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip_times(buffer.getvalue())


def fixed_zip_times(data: bytes) -> bytes:
    """The same ZIP with a fixed timestamp on every member, so the fixture bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2026, 4, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info))
    return out.getvalue()


def add_task_table(document: Document, lines: list[str]) -> None:
    """Items "N. <agency>" with their paragraphs become rows: TT | Cơ quan, đơn vị | Nhiệm vụ."""
    table = document.add_table(rows=1, cols=3)
    for cell, head in zip(table.rows[0].cells, ("TT", "Cơ quan, đơn vị", "Nhiệm vụ"), strict=True):
        cell.paragraphs[0].add_run(head).bold = True
    row = None
    for line in lines:
        item = re.match(r"(\d+)\. (.+)", line)
        if item:
            row = table.add_row().cells
            row[0].paragraphs[0].text = item.group(1)
            row[1].paragraphs[0].text = item.group(2)
        elif row is not None:
            cell = row[2]
            target = cell.paragraphs[0] if not cell.paragraphs[0].text else cell.add_paragraph()
            add_runs(target, line)


def make_pdf() -> bytes:
    """Xã Bình Lư (Lai Châu) plan, typeset with DejaVu Sans: a real text layer with diacritics."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(datetime(2026, 4, 1, tzinfo=UTC))
    pdf.add_page()
    lines = paragraphs(LAI_CHAU)
    pdf.set_font("DejaVu", "", 11)  # letterhead: number on the left, place and date on the right
    pdf.cell(70, 6, lines[0], align="C")
    pdf.cell(0, 6, lines[1], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in lines[2:]:
        heading = line.isupper() or bool(re.match(r"([IVX]+|\d+)\. \S", line)) and len(line) < 90
        pdf.set_font("DejaVu", "B" if heading else "", 11)
        align = "C" if line in ("KẾ HOẠCH",) or line.startswith("Thực hiện Chương trình") else "J"
        pdf.multi_cell(0, 6, line, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    return bytes(pdf.output())


def make_encrypted_pdf() -> bytes:
    """One paragraph of the Bình Lư plan in a PDF that needs a password to open."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_creation_date(datetime(2026, 4, 1, tzinfo=UTC))
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, paragraphs(LAI_CHAU)[3])
    return bytes(pdf.output())


SCAN_DPI = 100
SCAN_LINES = 12  # first non-blank lines of the Quảng Ninh plan on the "scanned" page


def scan_image() -> tuple[Image.Image, list[tuple[int, int, str]]]:
    """The first lines of the Quảng Ninh plan drawn on a grey A4 page: (image, [(x, y, line)])."""
    from PIL import ImageDraw, ImageFont

    image = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 15)
    placed, y = [], 60
    for line in paragraphs(QUANG_NINH)[:SCAN_LINES]:
        for chunk in wrap(line.replace("**", ""), 88):
            draw.text((70, y), chunk, font=font, fill=0)
            placed.append((70, y, chunk))
            y += 22
        y += 8
    return image, placed


def make_scanned_pdf() -> bytes:
    """The scan alone, saved by Pillow: a PDF with no text layer."""
    image, _ = scan_image()
    buffer = io.BytesIO()
    fixed = time.gmtime(1775001600)  # 2026-04-01, fixed so the bytes are reproducible
    image.save(
        buffer, format="PDF", resolution=float(SCAN_DPI), quality=60, creationDate=fixed, modDate=fixed
    )
    return buffer.getvalue()


def make_mixed_pdf() -> bytes:
    """Page 1: the Bình Lư plan's first lines as text; page 2: the Quảng Ninh scan (no text)."""
    from fpdf import FPDF

    image, _ = scan_image()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 4, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    for line in paragraphs(LAI_CHAU)[:8]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def make_scan_pdf(layer: str) -> bytes:
    """The scan in fpdf2 with either an invisible OCR text layer over the lines (as ocrmypdf
    writes) or only a small visible e-signature stamp (as signed scans from the portals have)."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    image, placed = scan_image()
    mm = 25.4 / SCAN_DPI
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 4, 1, tzinfo=UTC))
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    if layer == "ocr":
        pdf.text_mode = TextMode.INVISIBLE
        pdf.set_font("DejaVu", "", 11)
        for x, y, line in placed:
            pdf.text(x * mm, (y + 15) * mm, line)
    else:
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(130, 270)
        stamp = "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ninh\nThời gian ký: 24.11.2021 16:05:12 +07:00"
        pdf.multi_cell(70, 3.5, stamp, border=1)
    return bytes(pdf.output())


def wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line] if line else out


def cp1258_bytes(text: str) -> bytes:
    """Encode as Windows does in code page 1258: base letter (maybe precomposed) + combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out += (base + tone).encode("cp1258")
    return bytes(out)


def excerpt(path: Path, count: int) -> str:
    """The first ``count`` lines of a plan, as they are in the file."""
    return "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:count])


def main() -> None:
    docx_bytes = make_docx()
    pdf_bytes = make_pdf()
    files = {
        "bac-kan_plan.docx": docx_bytes,
        "lai-chau_plan.pdf": pdf_bytes,
        "quang-ninh_scanned.pdf": make_scanned_pdf(),
        "quang-ninh_scanned_ocr.pdf": make_scan_pdf("ocr"),
        "quang-ninh_scanned_signed.pdf": make_scan_pdf("stamp"),
        "mixed_text_and_scan.pdf": make_mixed_pdf(),
        "encrypted.pdf": make_encrypted_pdf(),
        "truncated.pdf": pdf_bytes[: len(pdf_bytes) // 2],
        "truncated.docx": docx_bytes[: len(docx_bytes) // 2],
        "quang-ninh_cp1258.txt": cp1258_bytes(excerpt(QUANG_NINH, 30).replace("\n", "\r\n")),
        "hue_utf16.txt": excerpt(HUE, 40).replace("\n", "\r\n").encode("utf-16"),
        "lai-chau_nfd.txt": unicodedata.normalize("NFD", excerpt(LAI_CHAU, 30)).encode("utf-8"),
    }
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("ke-hoach.txt", date_time=(2026, 4, 1, 0, 0, 0))
        zf.writestr(info, excerpt(LAI_CHAU, 30).encode("utf-8"))
    files["renamed_zip.docx"] = archive.getvalue()
    for name, data in sorted(files.items()):
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
