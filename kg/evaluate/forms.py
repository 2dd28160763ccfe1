"""One plan in the other forms researchers hold it in, made from its Markdown conversion, so that
``kg eval --forms`` can score the same expected facts on each form (extraction must not depend on
the form a plan arrives in).

The input is a web page's Markdown conversion, as in ``../shared/real-plans``, read into paragraphs
and tables by :mod:`kg.evaluate.conversion`. From it:

- ``gfm``: the page converted by a converter that writes GitHub tables (pandoc, MarkItDown): one line
  per paragraph with its markers, a table as ``| a | b |`` rows under a ``|---|`` line, a cell's
  line breaks as ``<br>``;
- ``plain``: what a copy from the browser gives — one line per paragraph, no markers, a table row
  as its cells joined by tabs (a cell's own line breaks kept);
- ``unaccented``: ``plain`` without diacritics (đ → d), as OCR or old fonts leave Vietnamese;
- ``html``: the page as saved from the site — navigation, a title, a "Văn bản liên quan" list of
  documents the plan does not cite, the document (paragraphs with ``<b>``/``<i>``, tables as
  ``<table>``), then more furniture;
- ``docx``: the document as a Word file (paragraphs with bold/italic runs, tables as tables);
- ``pdf``: the document printed to an A4 PDF with a text layer (fpdf2, DejaVu fonts): paragraphs
  wrapped at the page's width, bold where marked, tables ruled, page breaks where they fall.

These are pure functions of the text (``docx`` and ``pdf`` return the file's bytes). A table whose
rows the conversion does not let one tell apart (rowspans, heads over two rows) keeps its cells in
reading order, which is what every reader linearises them to.
"""

from __future__ import annotations

import html as html_lib
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from kg.evaluate.conversion import blocks, cell_lines

FORMS: tuple[str, ...] = ("md", "gfm", "plain", "unaccented", "html", "docx", "pdf")
SUFFIX: dict[str, str] = {"md": ".md", "gfm": ".md", "plain": ".txt", "unaccented": ".txt", "html": ".html",
                          "docx": ".docx", "pdf": ".pdf"}
FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core (the pdf form)

_MARKER = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
# Related documents on the page that no plan in the genre cites (the reader must not take them).
_RELATED = ("Nghị định 15/2020/NĐ-CP xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông",
            "Thông tư 01/2011/TT-BNV hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính")


class FormUnavailable(Exception):
    """A form this machine cannot write (a missing font or library); the message says what to install."""


def _unmark(text: str) -> str:
    text = _LONE_STARS.sub(" ", _MARKER.sub("", text))  # and "* *", an emphasis around a space
    return re.sub(r"\s{2,}", " ", text).strip()


_LONE_STARS = re.compile(r"(?:^|(?<=\s))\*+(?=\s|$)")


def _join(lines: tuple[str, ...] | list[str]) -> str:
    return " ".join(part for part in (_unmark(line) for line in lines) if part)


def plain(markdown: str) -> str:
    """The text a copy from the browser gives (see the module docstring)."""
    out: list[str] = []
    for block in blocks(markdown):
        if block.rows is None:
            text = _join(block.lines)
            if text:
                out.append(text)
            continue
        for row in block.rows:
            cells = ["\n".join(t for t in (_unmark(line) for line in cell_lines(cell)) if t) for cell in row]
            if any(cells):
                out.append("\t".join(cells))
    return "\n".join(out) + "\n"


def gfm(markdown: str) -> str:
    """The page as a converter writing GitHub tables gives it (see the module docstring)."""
    out: list[str] = []
    for block in blocks(markdown):
        if block.rows is None:
            text = _balanced(block.lines)
            if _unmark(text):
                out += [text, ""]
            continue
        width = max(len(row) for row in block.rows)
        lines = []
        for row in block.rows:
            cells = ["<br>".join(line.replace("|", "\\|") for line in cell_lines(cell)) for cell in row]
            lines.append("| " + " | ".join(cells + [""] * (width - len(cells))) + " |")
        out += [lines[0], "|" + "---|" * width, *lines[1:], ""]
    return "\n".join(out)


def unaccented(text: str) -> str:
    """``text`` without its diacritics (đ → d, Đ → D): what OCR and old fonts leave of Vietnamese."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _inline_html(line: str) -> str:
    """One line with its ``**``/``*`` markers as <b>/<i> (unbalanced markers dropped)."""
    escaped = html_lib.escape(line, quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
    escaped = re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"<i>\1</i>", escaped)
    return escaped.replace("*", "")


def _balanced(lines: tuple[str, ...] | list[str]) -> str:
    """Hard-wrapped lines joined into one, so a marker opened on one line closes on the next."""
    return " ".join(line.strip() for line in lines if line.strip())


def html_page(markdown: str, title: str = "Văn bản") -> str:
    """The page as saved from a legal-documents site (see the module docstring)."""
    e = html_lib.escape
    body: list[str] = []
    for block in blocks(markdown):
        if block.rows is None:
            text = _inline_html(_balanced(block.lines)).strip()
            if text and text not in ("<b> </b>", "<i> </i>"):
                body.append(f"<p>{text}</p>")
            continue
        rows = []
        for row in block.rows:
            cells = "".join(
                "<td><p>" + "<br/>".join(_inline_html(line) for line in cell_lines(cell)) + "</p></td>"
                for cell in row)
            rows.append(f"<tr>{cells}</tr>")
        body.append("<table>" + "".join(rows) + "</table>")
    related = "".join(f"<li><a href='/van-ban/{i}'>{e(name)}</a></li>" for i, name in enumerate(_RELATED, 1))
    document = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/van-ban/">Văn bản pháp luật</a></li>
<li><a href="/login">Đăng nhập</a></li></ul></nav>
<div id="main"><h1>{e(title)}</h1>
<div class="tools"><a href="#">Tải về</a> <a href="#">Bản in</a></div>
<div class="related"><h2>Văn bản liên quan</h2><ul>{related}</ul></div>
<div class="content1"><div>
{document}
</div></div>
<div class="tabs"><h2>Lược đồ</h2></div>
</div>
<footer><p>Bản quyền thuộc về trang. Đăng ký nhận tin.</p></footer>
</body></html>
"""


def _runs(paragraph: object, line: str) -> None:
    """Add ``line`` to a python-docx paragraph as runs, bold/italic where marked."""
    for part in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*\S(?:.*?\S)?\*(?![\w*]))", line):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2].replace("*", "")).bold = True  # type: ignore[attr-defined]
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1].replace("*", "")).italic = True  # type: ignore[attr-defined]
        else:
            paragraph.add_run(part.replace("*", ""))  # type: ignore[attr-defined]


def docx(markdown: str) -> bytes:
    """The document as a Word file's bytes (see the module docstring)."""
    from docx import Document  # python-docx, a runtime dependency (the DOCX reader)

    document = Document()
    for block in blocks(markdown):
        if block.rows is None:
            text = _balanced(block.lines)
            if _unmark(text):
                _runs(document.add_paragraph(), text)
            continue
        width = max(len(row) for row in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                target = table.cell(r, c)
                lines = [line for line in cell_lines(cell) if _unmark(line)]
                for n, line in enumerate(lines):
                    paragraph = target.paragraphs[0] if n == 0 else target.add_paragraph()
                    _runs(paragraph, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(markdown: str) -> bytes:
    """The document as an A4 PDF's bytes (see the module docstring). Needs fpdf2 (a dev dependency)
    and the DejaVu fonts."""
    try:
        from fpdf import FPDF  # dev dependency, needed by this form only
    except ImportError:
        raise FormUnavailable("the pdf form needs fpdf2: `.venv/bin/pip install fpdf2` (make setup "
                              "installs it)") from None
    if not (FONTS / "DejaVuSans-Bold.ttf").is_file():
        raise FormUnavailable(f"the pdf form needs the DejaVu fonts in {FONTS}: "
                              "`apt-get install fonts-dejavu-core`")
    document = FPDF(format="A4")
    document.set_auto_page_break(True, margin=20)
    document.set_margins(25, 20, 20)
    # italics printed upright: fonts-dejavu-core has no oblique faces (and the text layer is the same)
    for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans.ttf"),
                        ("BI", "DejaVuSans-Bold.ttf")):
        document.add_font("DejaVu", style, str(FONTS / file))
    document.set_font("DejaVu", size=11)
    document.add_page()
    for block in blocks(markdown):
        if block.rows is None:
            text = _pdf_markers(_balanced(block.lines))
            if _unmark(text):
                document.multi_cell(0, 6, text, markdown=True, new_x="LMARGIN", new_y="NEXT")
                document.ln(2)
            continue
        width = max(len(row) for row in block.rows)
        with document.table(text_align="LEFT", markdown=True, line_height=5) as table:
            for row in block.rows:
                cells = ["\n".join(_pdf_markers(line) for line in cell_lines(cell)) for cell in row]
                out = table.row()
                for n, cell in enumerate(cells):
                    span = width - len(cells) + 1 if n == len(cells) - 1 else 1
                    out.cell(cell, colspan=span)
        document.ln(2)
    return bytes(document.output())


def _pdf_markers(line: str) -> str:
    """``*italic*`` as fpdf2's ``__italic__`` (``***`` as bold); unbalanced markers dropped."""
    line = line.replace("***", "**")
    line = re.sub(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])", r"__\1__", line)
    return re.sub(r"(?<!\*)\*(?!\*)", "", line) if line.count("**") % 2 == 0 else line.replace("*", "")


def render(form: str, markdown: str, title: str = "Văn bản") -> bytes:
    """The plan in ``form`` (one of :data:`FORMS`) as the bytes of its file."""
    makers: dict[str, Callable[[], str | bytes]] = {
        "md": lambda: markdown,
        "gfm": lambda: gfm(markdown),
        "plain": lambda: plain(markdown),
        "unaccented": lambda: unaccented(plain(markdown)),
        "html": lambda: html_page(markdown, title),
        "docx": lambda: docx(markdown),
        "pdf": lambda: pdf(markdown),
    }
    if form not in makers:
        raise ValueError(f"unknown form {form!r}: one of {', '.join(FORMS)}")
    made = makers[form]()
    return made.encode("utf-8") if isinstance(made, str) else made
