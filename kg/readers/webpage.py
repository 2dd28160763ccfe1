"""Saved web pages (.html, .htm): the visible text of the page, one line per block, tables as the DOCX
reader writes them.

Parsed with lxml's HTML parser (libxml2, forgiving of real-world markup), never with regular
expressions. What a browser does not show (script, style, template, head, hidden elements) and
what is never a document (nav, header, footer, aside, form controls) is left out; the rest of the
page, site furniture included, is kept in reading order: :mod:`kg.layout.furniture` finds the
document inside it.

- block elements (p, div, h1–h6, li, dd, blockquote, section, article, …) and ``<br>`` end lines;
  runs of white space inside a block become one space (HTML's rule);
- a layout table (:func:`kg.readers.tables.is_layout_table`: letterhead, signature, "Nơi nhận")
  gives each cell's lines in turn; any other table gives one line per row, cells joined with
  " | " (:func:`kg.readers.tables.cell_line`), as the DOCX reader does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from kg.readers.tables import cell_line, is_layout_table

_SKIP = {"script", "style", "template", "head", "noscript", "nav", "header", "footer", "aside",
         "form", "button", "select", "option", "input", "textarea", "iframe", "svg", "canvas", "object",
         "embed", "audio", "video", "map"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "dl", "ul", "ol",
          "blockquote", "section", "article", "main", "pre", "address", "figure", "figcaption",
          "center", "hr", "caption", "fieldset", "legend", "details", "summary", "body", "html"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style \
        or element.get("aria-hidden") == "true"


class _Lines:
    """Collects inline text into lines; a block boundary closes the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(value)

    def end_line(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []


def _tag(element: etree._Element) -> str:
    """The element's lower-case local name; "" for comments and processing instructions."""
    return element.tag.lower().rpartition("}")[2] if isinstance(element.tag, str) else ""


def _walk(element: etree._Element, out: _Lines) -> None:
    tag = _tag(element)
    if not tag or tag in _SKIP or _hidden(element):  # comments, processing instructions, hidden
        out.text(None)
        if element.tail:
            out.text(element.tail)
        return
    if tag == "table":
        out.end_line()
        out.lines.extend(_table(element))
    elif tag == "br":
        out.end_line()
    else:
        block = tag in _BLOCK
        if block:
            out.end_line()
        out.text(element.text)
        for child in element:
            _walk(child, out)
        if block:
            out.end_line()
    out.text(element.tail)


def _cell_lines(cell: etree._Element) -> list[str]:
    out = _Lines()
    out.text(cell.text)
    for child in cell:
        _walk(child, out)
    out.end_line()
    return out.lines


def _rows(table: etree._Element) -> Iterator[list[list[str]]]:
    for row in table.iter("tr"):
        if _owner(row) is table:
            yield [_cell_lines(cell) for cell in row if _tag(cell) in ("td", "th")]


def _owner(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _table(table: etree._Element) -> list[str]:
    rows = list(_rows(table))
    filled = [[cell for cell in row if cell] for row in rows]
    if is_layout_table([["\n".join(cell) for cell in row] for row in rows]):
        return [line for row in filled for cell in row for line in cell]
    return [" | ".join(cell_line(cell) for cell in row) for row in rows if any(row)]


def page_text(markup: str | bytes) -> str:
    """The visible text of an HTML page, one line per block, "\\n"-separated."""
    if isinstance(markup, bytes):
        root = lxml_html.document_fromstring(markup)
    else:
        root = lxml_html.document_fromstring(markup.encode("utf-8"), parser=lxml_html.HTMLParser(
            encoding="utf-8"))
    out = _Lines()
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.end_line()
    return "\n".join(out.lines)
