"""kg.readers: file → NFC text with stable offsets, and every bad input as a helpful InputError.

Fixtures in tests/data/docs/ are made from the real plans (see its README.md); tiny bad inputs
are written inline.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.readers import (
    DOCX_TYPE,
    VIETNAMESE_LETTERS,
    looks_like_legacy_font_encoding,
    read_bytes,
    read_document,
    read_document_bytes,
    read_text,
)

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "data" / "plans"
DOCS = ROOT / "tests" / "data" / "docs"
SEED_PLANS = sorted(PLANS.glob("*.txt"))

# "Cộng hòa xã hội chủ nghĩa Việt Nam / Độc lập - Tự do - Hạnh phúc / Kế hoạch" in legacy font
# encodings, as the bytes are stored (shown here through Latin-1, the way they look on screen).
TCVN3 = "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch truyÒn th«ng\n"
VNI = "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc\nKeá hoaïch\n"


def seed(name: str) -> str:
    return (PLANS / name).read_text(encoding="utf-8")


def first_lines(name: str, count: int) -> str:
    return "".join(seed(name).splitlines(keepends=True)[:count])


def flat(text: str) -> str:
    """Whitespace collapsed: PDF layout wraps lines inside sentences."""
    return re.sub(r"\s+", " ", text).strip()


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def input_error(path: Path, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        read_text(path, **kwargs)
    error = caught.value
    assert error.path == str(path) and str(error).startswith(f"{path}: ")
    assert error.hint, "every input error says what to do"
    return error


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", SEED_PLANS, ids=lambda p: p.name)
def test_seed_plans_read_as_their_nfc_text(plan: Path) -> None:
    text = read_text(plan)
    assert text == unicodedata.normalize("NFC", plan.read_text(encoding="utf-8"))
    assert is_nfc(text)


def test_ocr_plan_is_not_mistaken_for_a_legacy_font_encoding() -> None:
    """The Hồng Bàng OCR text has stray "¢", "¥", "€" for lost letters: noise, not TCVN3."""
    text = read_text(PLANS / "hai-phong_hong-bang_2022-12-16_258-kh-ubnd.ocr.txt")
    assert "¢" in text and "Hong Bang, ngay 16 thang 12" in text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + "Kế hoạch số 258/KH-UBND\n".encode())
    assert read_text(path) == "Kế hoạch số 258/KH-UBND\n"


def test_utf16_with_bom_and_crlf() -> None:
    text = read_text(DOCS / "hue_utf16.txt")
    assert text == first_lines("hue_2026_unnumbered.txt", 40)
    assert "\r" not in text
    assert "Thực hiện Kế hoạch số 385/KH-UBND ngày 18/12/2021 của Ủy ban nhân" in text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    sentence = "Ủy ban nhân dân xã Bình Lư ban hành Kế hoạch thực hiện Chương trình\n"
    assert read_text(write(tmp_path, "plan.txt", sentence.encode(codec))) == sentence


def test_windows_1258_is_decoded_and_composed() -> None:
    raw = (DOCS / "quang-ninh_cp1258.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\xec" in raw  # the combining acute of code page 1258: tones are separate bytes
    text = read_text(DOCS / "quang-ninh_cp1258.txt")
    assert text == first_lines("quang-ninh_2021-11-24_unnumbered.txt", 30)
    assert is_nfc(text)
    assert (
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ Phê duyệt "
        "Chương trình Truyền thông về bình đẳng giới đến năm 2030." in text
    )


def test_short_windows_1258_text_is_not_taken_for_damaged_utf8(tmp_path: Path) -> None:
    data = b"Ha\xcc N\xf4\xf2i, ng\xe0y 16/12/2022\n"  # "Hà Nội": grave and dot below as combining bytes
    assert read_text(write(tmp_path, "p.txt", data)) == "Hà Nội, ngày 16/12/2022\n"


def test_nfd_becomes_nfc() -> None:
    raw = (DOCS / "lai-chau_nfd.txt").read_text(encoding="utf-8")
    assert not is_nfc(raw)
    text = read_text(DOCS / "lai-chau_nfd.txt")
    assert is_nfc(text)
    assert text == first_lines("lai-chau_binh-lu_2026-04_unnumbered.txt", 30)
    assert "Thực hiện Kế hoạch số 2560/KH-UBND ngày 09/4/2026 của Ủy ban nhân dân tỉnh Lai Châu" in text


def test_line_breaks_become_lf_without_joining_or_splitting_lines(tmp_path: Path) -> None:
    data = "Số: 12/KH-UBND\r\nKẾ HOẠCH\rI. MỤC TIÊU\x0c1. Mục tiêu chung\u2028- Tăng cường\n".encode()
    assert (
        read_text(write(tmp_path, "p.txt", data))
        == "Số: 12/KH-UBND\nKẾ HOẠCH\nI. MỤC TIÊU\n1. Mục tiêu chung\n- Tăng cường\n"
    )


def test_stray_control_characters_are_removed_but_tabs_kept(tmp_path: Path) -> None:
    data = "Kế hoạch\x07 số\t258\x1b/KH-UBND\ufeff ngày 16/12/2022\n".encode()
    assert read_text(write(tmp_path, "p.txt", data)) == "Kế hoạch số\t258/KH-UBND ngày 16/12/2022\n"


def test_unknown_extension_is_sniffed_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "ke-hoach.md", "# KẾ HOẠCH\nTruyền thông về bình đẳng giới\n".encode())
    assert read_text(path) == "# KẾ HOẠCH\nTruyền thông về bình đẳng giới\n"


@pytest.mark.parametrize("sample", [TCVN3, VNI], ids=["tcvn3", "vni"])
def test_legacy_font_encodings_are_refused_with_a_conversion_hint(tmp_path: Path, sample: str) -> None:
    error = input_error(write(tmp_path, "cu.txt", sample.encode("latin-1")))
    assert "TCVN3" in error.problem and "VNI" in error.problem
    assert "Unicode" in error.hint and "UniKey" in error.hint


def test_legacy_font_text_saved_as_utf8_is_refused(tmp_path: Path) -> None:
    """TCVN3 mojibake that went through a UTF-8 save is still not Vietnamese."""
    error = input_error(write(tmp_path, "cu.txt", TCVN3.encode("utf-8")))
    assert "TCVN3" in error.problem


def test_legacy_detector_keeps_real_vietnamese() -> None:
    assert looks_like_legacy_font_encoding(TCVN3)
    assert looks_like_legacy_font_encoding(VNI)
    for plan in SEED_PLANS:
        assert not looks_like_legacy_font_encoding(plan.read_text(encoding="utf-8")), plan.name


def test_non_vietnamese_8bit_text_is_refused_not_garbled(tmp_path: Path) -> None:
    # Windows-1252 French: not UTF-8, and not Vietnamese once read as Windows-1258
    data = "Façade, garçon, cœur, naïve, Noël, ŒUVRE, ÿ.\n".encode("cp1252") * 3
    error = input_error(write(tmp_path, "fr.txt", data))
    assert "not Unicode" in error.problem or "not recognised" in error.problem
    assert "UTF-8" in error.hint


def test_utf8_with_a_few_damaged_bytes_is_kept_with_replacement_marks(tmp_path: Path) -> None:
    sentence = "Ủy ban nhân dân quận Hồng Bàng ban hành Kế hoạch thực hiện Chương trình\n"
    data = sentence.encode() + b"Tr\xeen \xff\n" + sentence.encode()
    assert read_text(write(tmp_path, "p.txt", data)) == sentence + "Tr\ufffdn \ufffd\n" + sentence


# --- .docx ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_text() -> str:
    return read_text(DOCS / "bac-kan_plan.docx")


def test_docx_has_the_plan_sentences_with_diacritics(docx_text: str) -> None:
    assert is_nfc(docx_text)
    lines = docx_text.split("\n")
    assert "Thực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030" in lines
    assert (
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân tỉnh Bắc Kạn thực hiện "
        "Chương trình Truyền thông về bình đẳng giới trên địa bàn tỉnh đến năm 2030." in docx_text
    )
    # runs in italic are joined into their sentence
    assert "đạt ít nhất 70% cơ quan truyền thông (Đài truyền thanh thành phố, hệ thống loa" in docx_text


def test_docx_letterhead_table_gives_one_line_per_cell(docx_text: str) -> None:
    assert docx_text.split("\n")[:3] == ["Số: /KH-UBND", "TP. Bắc Kạn, ngày tháng 3 năm 2022", "KẾ HOẠCH"]


def test_docx_automatic_numbering_is_rendered(docx_text: str) -> None:
    numbered = [line for line in docx_text.split("\n") if re.match(r"\d\. ", line)]
    assert any(line.startswith("1. Tăng cường cung cấp thông tin, tuyên truyền") for line in numbered)
    assert any(line.startswith("7. Tăng cường kiểm tra, giám sát công tác tuyên truyền") for line in numbered)
    assert "Tăng cường cung cấp thông tin, tuyên truyền" not in [line[:42] for line in docx_text.split("\n")]


def test_docx_task_table_rows_are_lines_with_cells_joined(docx_text: str) -> None:
    lines = docx_text.split("\n")
    assert "TT | Cơ quan, đơn vị | Nhiệm vụ" in lines
    row = next(line for line in lines if line.startswith("5 | "))
    assert row.startswith("5 | Phòng Giáo dục và Đào tạo | Chủ trì, phối hợp tổ chức bồi dưỡng kiến thức")
    # a cell with two paragraphs stays on its row's line
    row8 = next(line for line in lines if line.startswith("8 | "))
    assert "| - Phối hợp với các phòng, ban, ngành và UBND các xã, phường" in row8
    assert row8.endswith("đặc biệt là phòng, chống quấy rối tình dục.")
    assert " - Đề nghị Liên đoàn Lao động thành phố tổ chức truyền thông" in row8
    assert lines.index("TT | Cơ quan, đơn vị | Nhiệm vụ") < lines.index("IV. CHẾ ĐỘ BÁO CÁO")


def test_docx_signature_block_keeps_its_line_breaks(docx_text: str) -> None:
    lines = docx_text.split("\n")
    tail = lines[lines.index("Nơi nhận:") :]
    assert tail[1:3] == ["Gửi bản điện tử:", "- Sở LĐ-TB&XH;"]
    assert tail[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Huế"]


def test_docx_page_header_and_footer_are_skipped(docx_text: str) -> None:
    assert "PAGE HEADER" not in docx_text and "PAGE FOOTER" not in docx_text


def _docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_tracked_deletions_and_text_box_fallbacks_are_not_read() -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Giao Phòng Văn hóa và Thông tin ")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    paragraph._p.append(parse_xml(f"<w:del {w}><w:r><w:delText>chủ trì</w:delText></w:r></w:del>"))
    paragraph._p.append(parse_xml(f"<w:ins {w}><w:r><w:t>phối hợp</w:t></w:r></w:ins>"))
    box = "<w:txbxContent><w:p><w:r><w:t>Hộp văn bản</w:t></w:r></w:p></w:txbxContent>"
    paragraph._p.append(
        parse_xml(
            f'<w:r {w} {mc}><mc:AlternateContent><mc:Choice Requires="wps">{box}</mc:Choice>'
            f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    text = read_bytes(_docx_bytes(document), "upload.docx")
    assert text == "Giao Phòng Văn hóa và Thông tin phối hợp\nHộp văn bản"


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_document(items: list[tuple[str, int, str]]) -> Document:
    """A document whose paragraphs use list (numId, level); numbering definitions written here."""
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="90">{levels}</w:abstractNum>'))
    bullet = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="80">{bullet}</w:abstractNum>'))
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    for num_id, abstract, extra in (
        ("91", "90", ""),
        ("92", "90", restart),
        ("93", "90", ""),
        ("81", "80", ""),
    ):
        numbering.append(
            parse_xml(
                f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{extra}</w:num>'
            )
        )
    for num_id, level, text in items:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    return document


def test_docx_list_numbers_follow_word_counting() -> None:
    items = [
        ("91", 0, "MỤC TIÊU"),
        ("91", 1, "Mục tiêu chung"),
        ("91", 2, "Hằng năm tổ chức ít nhất 01 cuộc truyền thông"),
        ("91", 2, "Đến năm 2025 đạt 100%"),
        ("91", 1, "Mục tiêu cụ thể"),
        ("91", 0, "NHIỆM VỤ"),
        ("91", 1, "Tăng cường truyền thông"),  # a deeper level restarts under a new parent
        ("93", 0, "KINH PHÍ"),  # another list instance of the same list continues it
        ("92", 0, "PHỤ LỤC"),  # a list instance with a start override restarts it
        ("92", 0, "BIỂU MẪU"),
        ("81", 0, "Sở Nội vụ;"),  # a Symbol-font bullet
    ]
    text = read_bytes(_docx_bytes(_numbered_document(items)), "list.docx")
    assert text.split("\n") == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "a) Hằng năm tổ chức ít nhất 01 cuộc truyền thông",
        "b) Đến năm 2025 đạt 100%",
        "2. Mục tiêu cụ thể",
        "II. NHIỆM VỤ",
        "1. Tăng cường truyền thông",
        "III. KINH PHÍ",
        "I. PHỤ LỤC",
        "II. BIỂU MẪU",
        "- Sở Nội vụ;",
    ]


def test_docx_hidden_text_is_not_read() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Kế hoạch số 12/KH-UBND")
    paragraph.add_run(" (bản nháp)").font.hidden = True
    assert read_bytes(_docx_bytes(document), "hidden.docx") == "Kế hoạch số 12/KH-UBND"


def test_docx_in_a_legacy_font_encoding_is_refused() -> None:
    document = docx.Document()
    for line in TCVN3.splitlines():
        document.add_paragraph(line)
    with pytest.raises(InputError, match="TCVN3"):
        read_bytes(_docx_bytes(document), "cu.docx")


def test_docx_without_text_is_empty() -> None:
    with pytest.raises(InputError, match="empty document"):
        read_bytes(_docx_bytes(docx.Document()), "blank.docx")


def test_macro_enabled_word_file_is_named() -> None:
    source = io.BytesIO((DOCS / "bac-kan_plan.docx").read_bytes())
    docm = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(docm, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            dst.writestr(item, data)
    with pytest.raises(InputError, match=r"macro-enabled \.docm") as caught:
        read_bytes(docm.getvalue(), "ke-hoach.docm")
    assert "save it as .docx" in caught.value.hint


def test_renamed_zip_is_not_a_word_document() -> None:
    error = input_error(DOCS / "renamed_zip.docx")
    assert "ZIP archive but not a Word document" in error.problem and "unpack it" in error.hint


def test_opendocument_text_is_named(tmp_path: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    error = input_error(write(tmp_path, "ke-hoach.docx", package.getvalue()))
    assert "OpenDocument" in error.problem and "save it as .docx" in error.hint


def test_truncated_docx_is_damaged() -> None:
    error = input_error(DOCS / "truncated.docx")
    assert "damaged or truncated" in error.problem and "save it again as .docx" in error.hint


def test_text_named_docx_is_not_a_valid_office_file(tmp_path: Path) -> None:
    error = input_error(write(tmp_path, "plan.docx", "KẾ HOẠCH\n".encode()))
    assert "not a valid Word .docx file" in error.problem


# --- .pdf -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text() -> str:
    return read_text(DOCS / "lai-chau_plan.pdf")


def test_pdf_has_every_paragraph_of_the_plan(pdf_text: str) -> None:
    assert is_nfc(pdf_text)
    body = flat(pdf_text)
    paragraphs = [
        flat(line) for line in seed("lai-chau_binh-lu_2026-04_unnumbered.txt").splitlines() if line.strip()
    ]
    assert [p for p in paragraphs if p not in body] == []
    assert "Thực hiện Kế hoạch số 2560/KH-UBND ngày 09/4/2026 của Ủy ban nhân dân tỉnh Lai" in pdf_text


def test_pdf_keeps_layout_lines_and_joins_pages_with_a_blank_line(pdf_text: str) -> None:
    import pdfplumber

    lines = pdf_text.split("\n")
    # the letterhead's two blocks share a printed row, so they share a line (as in the OCR seed)
    assert lines[:2] == ["Số: /KH-UBND Bình Lư, ngày tháng 4 năm 2026", "KẾ HOẠCH"]
    with pdfplumber.open(DOCS / "lai-chau_plan.pdf") as pdf:
        pages = len(pdf.pages)
    # a blank line between pages, but a line break where a sentence runs on over the page break
    assert pages > 1 and 1 < len(pdf_text.split("\n\n")) <= pages
    assert lines[-1] == "Nguyễn Thị Nhàn"


def test_pdf_pages_join_without_a_blank_line_inside_a_sentence() -> None:
    from kg.readers.pdf import _join_pages

    pages = ["Cơ quan thực hiện: Sở Văn hóa, Thể thao", "và Du lịch; các sở, ngành.\n2. Nhiệm vụ", "Tổ chức …"]
    assert _join_pages(pages) == (
        "Cơ quan thực hiện: Sở Văn hóa, Thể thao\nvà Du lịch; các sở, ngành.\n2. Nhiệm vụ\n\nTổ chức …")


def test_scanned_pdf_needs_ocr() -> None:
    error = input_error(DOCS / "quang-ninh_scanned.pdf")
    assert "no text layer" in error.problem
    assert "ocrmypdf -l vie" in error.hint and "OCR" in error.hint


def test_scan_with_only_a_signature_stamp_still_needs_ocr() -> None:
    """Signed scans carry a few words of visible text (the e-signature box) over a page image."""
    error = input_error(DOCS / "quang-ninh_scanned_signed.pdf")
    assert "no text layer" in error.problem


def test_scan_after_ocr_is_read_from_its_invisible_text_layer() -> None:
    text = read_text(DOCS / "quang-ninh_scanned_ocr.pdf")
    assert text.split("\n")[:2] == ["Quảng Ninh, ngày 24 tháng 11 năm 2021", "KẾ HOẠCH"]
    assert "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ Phê duyệt" in text


def test_pdf_whose_fonts_lost_their_unicode_map_is_unreadable(tmp_path: Path) -> None:
    """Without /ToUnicode the text layer reads as glyph numbers ("L2MNP2QS1PT24U16…")."""
    data = (DOCS / "lai-chau_plan.pdf").read_bytes()
    data, count = re.subn(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data)  # offsets kept
    assert count > 0
    error = input_error(write(tmp_path, "no-map.pdf", data))
    assert "no Unicode mapping" in error.problem and "OCR" in error.hint


def test_truncated_pdf_is_refused() -> None:
    error = input_error(DOCS / "truncated.pdf")
    assert "truncated or damaged PDF" in error.problem


def test_encrypted_pdf_is_refused() -> None:
    error = input_error(DOCS / "encrypted.pdf")
    assert "encrypted" in error.problem and "password" in error.hint


def test_pdf_with_junk_after_its_end_marker_is_read(tmp_path: Path, pdf_text: str) -> None:
    data = (DOCS / "lai-chau_plan.pdf").read_bytes() + b"\n<html><body>portal footer</body></html>\n"
    assert read_text(write(tmp_path, "download.pdf", data)) == pdf_text


def test_pdf_with_a_cut_incremental_update_is_truncated(tmp_path: Path) -> None:
    data = (DOCS / "lai-chau_plan.pdf").read_bytes() + b"\n9 0 obj\n<< /Type /Annot /Subtype /Widget"
    assert "truncated" in input_error(write(tmp_path, "signed.pdf", data)).problem


def test_damaged_pdf_body_is_refused(tmp_path: Path) -> None:
    error = input_error(
        write(tmp_path, "bad.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF\n")
    )
    assert "PDF" in error.problem


# --- content sniffing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "new_name"),
    [
        ("lai-chau_plan.pdf", "scan-0001"),
        ("lai-chau_plan.pdf", "plan.txt"),
        ("bac-kan_plan.docx", "plan.bin"),
    ],
)
def test_content_decides_the_format_not_the_extension(
    tmp_path: Path, fixture: str, new_name: str, pdf_text: str, docx_text: str
) -> None:
    copy = tmp_path / new_name
    shutil.copyfile(DOCS / fixture, copy)
    assert read_text(copy) == (pdf_text if fixture.endswith(".pdf") else docx_text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}", "RTF"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n", "MHTML"),
    ],
    ids=["doc", "png", "rtf", "mhtml"],
)
def test_other_formats_are_named(tmp_path: Path, data: bytes, expected: str) -> None:
    error = input_error(write(tmp_path, "ke-hoach.doc", data))
    assert expected in error.problem


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf", b"\xff\xfe"], ids=["empty", "blank", "bom8", "bom16"]
)
def test_empty_document(tmp_path: Path, data: bytes) -> None:
    error = input_error(write(tmp_path, "empty.txt", data))
    assert "empty document" in error.problem


@pytest.mark.parametrize(
    "data",
    [random.Random(1790).randbytes(4096), bytes(range(1, 32)) * 50],
    ids=["random", "controls"],
)
def test_binary_garbage(tmp_path: Path, data: bytes) -> None:
    error = input_error(write(tmp_path, "garbage.txt", data))
    assert error.problem == "binary file, not a text document"


def test_too_large_names_size_limit_and_how_to_change_it(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Kế hoạch ".encode() * 20)  # 13 bytes × 20
    error = input_error(path, max_bytes=100)
    assert "260 bytes" in error.problem and "100 bytes" in error.problem
    assert "max_bytes" in error.hint
    with pytest.raises(InputError, match="too large"):
        read_bytes(b"x" * 101, "upload.txt", max_bytes=100)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "not found" in input_error(tmp_path / "missing.docx").problem
    assert "directory" in input_error(tmp_path).problem


# --- determinism ------------------------------------------------------------------------------

ALL_READABLE = [
    *SEED_PLANS,
    *(DOCS / name for name in ("bac-kan_plan.docx", "lai-chau_plan.pdf", "quang-ninh_cp1258.txt")),
    *(DOCS / name for name in ("hue_utf16.txt", "lai-chau_nfd.txt")),
]


@pytest.mark.parametrize("path", ALL_READABLE, ids=lambda p: p.name)
def test_reading_is_deterministic_and_bytes_equal_path(path: Path) -> None:
    """Read twice: once from the path, once from the bytes (the upload path)."""
    first = read_text(path)
    assert read_bytes(path.read_bytes(), path.name) == first
    assert "\r" not in first and is_nfc(first)


# --- HTML (Word "web page", often served by portals as .doc) ----------------------------------

WORD_HTML = """<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">
<title>Kế hoạch</title><style>p.MsoNormal {margin:0cm}</style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=VI><div class=WordSection1>
<p class=MsoNormal align=center><b>KẾ
HOẠCH</b></p>
<p class=MsoNormal>Thực hiện Kế hoạch số&nbsp;112/KH-UBND ngày 23/02/2022<br>của Ủy ban nhân dân tỉnh Bắc Kạn</p>
<table class=MsoTableGrid><tr><td><p>TT</p></td><td><p>Cơ quan</p><p>chủ trì</p></td></tr>
<tr><td><p>1</p></td><td><p>Phòng Văn hóa &amp; Thông tin</p></td></tr></table>
<script>document.title = "x";</script><p>Nơi nhận:</p></div></body></html>
"""


def test_word_html_served_as_doc_gives_its_visible_text(tmp_path: Path) -> None:
    text = read_text(write(tmp_path, "ke-hoach.doc", WORD_HTML.encode("utf-8")))
    assert text.split("\n") == [
        "KẾ HOẠCH",
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 23/02/2022",
        "của Ủy ban nhân dân tỉnh Bắc Kạn",
        "TT | Cơ quan chủ trì",
        "1 | Phòng Văn hóa & Thông tin",
        "Nơi nhận:",
    ]


def test_word_html_in_windows_1258_is_decoded(tmp_path: Path) -> None:
    page = "<html><body><p>Ha\u0300 N\u00f4\u0323i, nga\u0300y 16/12/2022</p></body></html>"
    text = read_text(write(tmp_path, "ke-hoach.htm", page.encode("cp1258")))
    assert text == "Hà Nội, ngày 16/12/2022"


# --- properties: every encoding of the same text reads the same ---------------------------------

VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS) + list("bcdghklmnpqrstvx0123456789 .,;:-/()%\n\r\t")),
    max_size=300,
)
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """As Windows writes code page 1258: a base letter (precomposed if it exists) + a combining tone."""
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in TONE_MARKS)
        out += (
            unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS)) + tone
        ).encode("cp1258")
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VIETNAMESE_TEXT)
def test_any_vietnamese_text_reads_the_same_in_every_encoding(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    encodings = {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-8-nfd": unicodedata.normalize("NFD", text).encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "windows-1258": windows_1258(text),
    }
    for label, data in encodings.items():
        if not expected.strip():
            with pytest.raises(InputError, match="empty document"):
                read_bytes(data, "plan.txt")
        else:
            assert read_bytes(data, "plan.txt") == expected, label


# --- read_document: media type and warnings -----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "media_type", "warning"),
    [
        (PLANS / "lai-chau_binh-lu_2026-04_unnumbered.txt", "text/plain", None),
        (DOCS / "bac-kan_plan.docx", DOCX_TYPE, None),
        (DOCS / "lai-chau_plan.pdf", "application/pdf", None),
        (DOCS / "quang-ninh_cp1258.txt", "text/plain", "decoded as Windows-1258"),
        (DOCS / "mixed_text_and_scan.pdf", "application/pdf", "PDF page(s) 2 of 2 are scanned images"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_read_document_reports_type_and_warnings(path: Path, media_type: str, warning: str | None) -> None:
    result = read_document(path)
    assert result.text == read_text(path)
    assert result.media_type == media_type
    if warning is None:
        assert result.warnings == ()
    else:
        assert len(result.warnings) == 1 and result.warnings[0].startswith(warning)


def test_mixed_pdf_keeps_the_text_pages() -> None:
    text = read_document(DOCS / "mixed_text_and_scan.pdf").text
    assert "Thực hiện Kế hoạch số 2560/KH-UBND ngày 09/4/2026 của Ủy ban nhân dân tỉnh Lai" in text


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        ("Kế hoạch\n".encode("utf-16-le"), "decoded as UTF-16-LE (no byte-order mark)"),
        ("Kế hoạch ".encode() + b"\xff\n", "1 damaged UTF-8 sequence(s) replaced with U+FFFD"),
        ("Kế\x07 hoạch\x1b\n".encode(), "2 stray control character(s) removed"),
    ],
    ids=["utf16-no-bom", "damaged-utf8", "controls"],
)
def test_conversions_are_reported(data: bytes, warning: str) -> None:
    assert read_document_bytes(data, "plan.txt").warnings == (warning,)
