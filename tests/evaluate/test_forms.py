"""The forms `kg eval --forms` writes a plan's Markdown conversion in (kg/evaluate/forms.py): tables
rebuilt from their cells, hard wraps joined, markers dropped or kept as markup, and each form read
back by the readers a build uses. Inputs written for these tests in the conversions' shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import main
from kg.evaluate.conversion import blocks, cell_lines
from kg.evaluate.forms import plain, render, unaccented
from kg.readers import read_bytes

LETTERHEAD = "|\n**ỦY BAN NHÂN DÂN**\n**TỈNH ĐẮK LẮK**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n" \
             "---------------\n|\n|\nSố: 12/KH-UBND\n|\n*Đắk Lắk, ngày 21\ntháng 11 năm 2025*\n|\n"
TASKS = ("|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n|\n**I. NÂNG CAO\nNHẬN THỨC**\n|\n|\n"
         "1\n|\nTổ chức hội nghị phổ biến\nchính sách mới.\n|\nSở Tư pháp\n|\n|\n"
         "2\n|\nXây dựng chuyên mục\nhỏi đáp.\n|\nSở Nội vụ\n|\n")
SPARSE = ("|\nTT\n|\nĐịa điểm\n|\nMẫu\n|\nGhi chú\n|\n"
          + "".join(f"|\n{i}\n|\nCửa sông số {i}\n|\n|\n|\n" for i in range(1, 7)))
PAGE = ("**KẾ HOẠCH**\n\nTRIỂN KHAI CÔNG TÁC\nBÌNH ĐẲNG GIỚI NĂM 2026\n\n- Tổ chức tập huấn\ncho cán bộ.\n\n"
        + TASKS + "\n**KT. CHỦ TỊCH**\n")


def _rows(markdown: str) -> list[list[str]]:
    table = next(b for b in blocks(markdown) if b.rows is not None)
    return [[" / ".join(cell_lines(cell)) for cell in row] for row in table.rows]


def test_a_letterhead_table_is_two_rows_of_two_cells() -> None:
    assert _rows(LETTERHEAD) == [
        ["**ỦY BAN NHÂN DÂN** / **TỈNH ĐẮK LẮK** / -------", "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** / ---------------"],
        ["Số: 12/KH-UBND", "*Đắk Lắk, ngày 21 tháng 11 năm 2025*"],
    ]


def test_a_group_row_spanning_the_columns_is_a_short_row() -> None:
    assert _rows(TASKS) == [
        ["**STT**", "**Tên nhiệm vụ**", "**Cơ quan chủ trì**"],
        ["**I. NÂNG CAO NHẬN THỨC**"],
        ["1", "Tổ chức hội nghị phổ biến chính sách mới.", "Sở Tư pháp"],
        ["2", "Xây dựng chuyên mục hỏi đáp.", "Sở Nội vụ"],
    ]


def test_empty_cells_do_not_make_the_rows_wider() -> None:
    # "… | | |" then the row break: a row of 4 with two empty cells, not 9 cells spanning two rows
    rows = _rows(SPARSE)
    assert [len(row) for row in rows] == [4] * 7 and rows[1] == ["1", "Cửa sông số 1", "", ""]


def test_cell_lines_keep_a_name_below_a_title_in_capitals() -> None:
    assert cell_lines(("**KT. CHỦ TỊCH**", "PHÓ CHỦ TỊCH", "Hồ Thị Thu Hà")) == [
        "**KT. CHỦ TỊCH**", "PHÓ CHỦ TỊCH", "Hồ Thị Thu Hà"]


def test_plain_text_joins_wraps_drops_markers_and_tabs_the_cells() -> None:
    text = plain(PAGE)
    assert "**" not in text and "*" not in text
    assert "TRIỂN KHAI CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026\n" in text
    assert "- Tổ chức tập huấn cho cán bộ.\n" in text
    assert "1\tTổ chức hội nghị phổ biến chính sách mới.\tSở Tư pháp\n" in text


def test_unaccented_text_has_no_diacritics() -> None:
    assert unaccented("Đắk Lắk, Ủy ban nhân dân, đội ngũ") == "Dak Lak, Uy ban nhan dan, doi ngu"


@pytest.mark.parametrize("form", ["md", "plain", "unaccented", "html", "docx"])
def test_each_form_reads_back_with_the_document_in_it(form: str) -> None:
    name = {"md": "p.md", "plain": "p.txt", "unaccented": "p.txt", "html": "p.html", "docx": "p.docx"}[form]
    text = read_bytes(render(form, PAGE, "Kế hoạch 12/KH-UBND"), name)
    expected = "Xay dung chuyen muc hoi dap" if form == "unaccented" else "Xây dựng chuyên mục"
    assert expected in text


def test_the_saved_page_keeps_the_document_and_the_site_furniture_apart() -> None:
    page = render("html", PAGE, "Kế hoạch 12/KH-UBND").decode("utf-8")
    assert "<b>KẾ HOẠCH</b>" in page and "<table>" in page and "<td><p>Sở Tư pháp</p></td>" in page
    assert "Văn bản liên quan" in page  # documents the plan does not cite, outside the document


EXPECTED = Path(__file__).resolve().parents[1] / "expected"
SEEDS = Path(__file__).resolve().parents[2] / "data" / "plans"  # plain texts


def _one_plan(tmp_path: Path, suffix: str, data: bytes) -> tuple[Path, Path]:
    """A plans folder holding one file (``data``) named after the first seed's expected facts, and an
    expected folder holding those facts."""
    stem = sorted(EXPECTED.glob("*.json"))[0].stem
    plans, expected = tmp_path / "plans", tmp_path / "expected"
    plans.mkdir()
    expected.mkdir()
    (expected / f"{stem}.json").write_bytes((EXPECTED / f"{stem}.json").read_bytes())
    (plans / f"{stem}{suffix}").write_bytes(data)
    return plans, expected


def test_kg_eval_forms_refuses_an_unknown_form_and_a_plan_that_is_not_markdown(tmp_path: Path, capsys) -> None:
    assert main(SEEDS, EXPECTED, ["md", "odt"]) == 2
    assert "unknown form(s) odt" in capsys.readouterr().out
    assert main(*_one_plan(tmp_path, ".docx", render("docx", PAGE)), ["plain"]) == 2
    assert "is not one" in capsys.readouterr().out


def test_kg_eval_finds_a_plan_saved_as_a_web_page(tmp_path: Path, capsys) -> None:
    # before: "no plan file …" for a .html (or .md) plan
    assert main(*_one_plan(tmp_path, ".html", render("html", PAGE))) == 0
    assert "bars:" in capsys.readouterr().out


def test_kg_eval_says_what_to_install_when_the_pdf_form_cannot_be_written(
        tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.evaluate.forms as forms

    monkeypatch.setattr(forms, "FONTS", tmp_path / "no-fonts")
    assert main(*_one_plan(tmp_path, ".md", PAGE.encode("utf-8")), ["md", "pdf"]) == 2
    assert "apt-get install fonts-dejavu-core" in capsys.readouterr().out


def test_kg_eval_forms_refuses_a_plain_text_plan(capsys) -> None:
    assert main(SEEDS, EXPECTED, ["md", "plain"]) == 2
    assert "Markdown conversion" in capsys.readouterr().out


def test_kg_eval_names_a_folder_that_does_not_exist(tmp_path: Path, capsys) -> None:
    assert main(tmp_path / "no-such-folder", EXPECTED) == 2
    assert f"the plans folder {tmp_path / 'no-such-folder'} does not exist" in capsys.readouterr().out
