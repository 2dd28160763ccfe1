"""The logical document behind a converted text: emphasis, table cells and hard wraps undone.

What a web page's conversion to Markdown or text does to a plan (see
/work/shared/notes/real-documents.md): ``**bold**`` and ``*italic*`` markers, sometimes empty
(``** **``); paragraphs hard-wrapped mid-phrase (headings too: ``**V. TỔ CHỨC`` / ``THỰC HIỆN**``);
the letterhead and signature, laid out as a two-column table on the page, rendered one cell per
line between lines holding a single ``|``; appendix tables the same way; Markdown pipe tables;
``#`` headings; links. This module rebuilds the document as a plain text reader would write it:

- a paragraph (lines between blank lines) becomes one line; a line that starts a list item
  ("- ", "+ ", "• ", "1.", "a)", "I.") stays its own line;
- a layout table (no row with more than two filled cells: letterhead, "Nơi nhận", signature)
  gives each cell's units on their own lines — inside a cell, lines are joined only where an
  emphasis span or a lowercase continuation runs over the break ("**ỦY BAN NHÂN" / "DÂN**");
- any other table gives one line per row, cells joined with " | " (as the DOCX reader does);
- markers, ``|`` lines and rules (``-----``) are left out.

Every kept character is copied from the source through :class:`MapBuilder`, so spans found in the
logical text map back to the text as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.layout.offsets import MapBuilder
from kg.readers.tables import is_layout_table

_PIPE = re.compile(r"^[ \t]*\|[ \t]*$")
_RULE = re.compile(r"^[ \t]*(?:[-_=~*][ \t]*){3,}$")
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_MD_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_ITEM = re.compile(
    r"^[ \t]*(?:[-+•▪●◦–][ \t]|\d{1,2}(?:\.\d{1,2})*[.)][ \t]|[a-zđ][).][ \t]|[IVXLC]{1,6}[.)][ \t]"
    r"|Điều[ \t]+\d|PHỤ[ \t]+LỤC|Phụ[ \t]+lục|Nơi[ \t]+nhận)"
)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKER = "*"
# blank runs that become one space: two or more blanks, or a tab ("[ \t]{2,}|\t", written to start
# with one blank: a search skips ahead to it)
_BAD_BLANKS = re.compile(r"[ \t](?:[ \t]+|(?<=\t))")


@dataclass
class Line:
    start: int  # source offsets of the line, without its line break
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@dataclass
class Cell:
    lines: list[Line] = field(default_factory=list)

    def filled(self, source: str) -> bool:
        return any(_visible(line.text(source)) for line in self.lines)


def _visible(text: str) -> str:
    if "](" in text:  # a link ("[text](target)") has one
        text = _LINK.sub(r"\1", text)
    return text.replace(_MARKER, "").strip(" \t")


def looks_converted(text: str) -> bool:
    """Does ``text`` carry a Markdown/web conversion's artefacts (pipe cells, emphasis, pipe tables)?"""
    if "|" not in text and text.count("**") < 3:  # no cell, and fewer than 3 lines with "**"
        return False
    pipes = emphasis = rows = 0
    for raw in text.split("\n"):
        if "|" not in raw:  # both patterns need one
            pass
        elif _PIPE.match(raw):
            pipes += 1
        elif _MD_TABLE_ROW.match(raw) and raw.count("|") >= 3:
            rows += 1
        if "**" in raw:
            emphasis += 1
    return pipes >= 4 or emphasis >= 3 or rows >= 2


def _lines(source: str) -> list[Line]:
    out, pos = [], 0
    for raw in source.split("\n"):
        out.append(Line(pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


class _Writer:
    """Writes logical lines into a :class:`MapBuilder`: markers and links undone, spaces tidied."""

    def __init__(self, builder: MapBuilder) -> None:
        self.b = builder
        self.line_open = False  # something written on the current logical line

    def _copy_visible(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` without emphasis markers; links keep their text."""
        src = self.b.source
        pos = start
        if src.find("](", start, end) < 0:  # no link (a quick test before the pattern)
            self._copy_plain(start, end)
            return
        for m in _LINK.finditer(src, start, end):
            self._copy_plain(pos, m.start(1))  # "[" or "![" dropped below
            self._copy_plain(m.start(1), m.end(1))
            pos = m.end()
        self._copy_plain(pos, end)

    def _copy_plain(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` without its emphasis markers (links were taken out above)."""
        src = self.b.source
        run = start
        while True:
            star = src.find(_MARKER, run, end)
            if star < 0:
                self._emit(run, end)
                return
            self._emit(run, star)
            run = star + 1

    def _emit(self, start: int, end: int) -> None:
        """Copy a run, never two spaces in a row and no space at a line's start. Words and single
        spaces are copied in one piece; only longer blank runs and tabs are rewritten."""
        src = self.b.source
        pos = start
        for m in _BAD_BLANKS.finditer(src, start, end):
            self._copy_words(pos, m.start())
            if self.line_open and self.b.last_char() not in " \n":  # blanks: one space, between words
                if src[m.start()] == " ":
                    self.b.copy(m.start(), m.start() + 1)
                else:
                    self.b.write(" ", m.start())
            pos = m.end()
        self._copy_words(pos, end)

    def _copy_words(self, start: int, end: int) -> None:
        """Copy words separated by single spaces; a space where a line starts or after a space is
        left out."""
        src = self.b.source
        if start < end and src[start] == " " and (not self.line_open or self.b.last_char() in " \n"):
            start += 1
        if start < end:
            self.b.copy(start, end)
            if src[start:end].strip(" "):
                self.line_open = True

    def text(self, line: Line, joined: bool) -> None:
        """Write a source line's visible text, after a space when it continues the logical line."""
        src = self.b.source
        start, end = line.start, line.end
        m = _HEADING.match(src, start, end)
        if m:
            start = m.end()
        if not _visible(src[start:end]):
            return
        if joined and self.line_open and self.b.last_char() not in " \n":
            self.b.write(" ", line.start - 1 if line.start else 0)
        self._copy_visible(start, end)

    def trim(self) -> None:
        """Drop a trailing space of the current logical line."""
        if self.b.parts and self.b.parts[-1].endswith(" "):
            self.b.drop_last_char()

    def newline(self, at: int) -> None:
        if self.line_open:
            self.trim()
            self.b.write("\n", at)
        self.line_open = False

    def separator(self, text: str, at: int) -> None:
        self.trim()
        self.b.write(text, at)
        self.line_open = True


_STARS = re.compile(r"\*\**")  # not \*+: a search skips ahead to a star


def _open_emphasis(text: str, open_: bool) -> bool:
    """Whether an emphasis span is still open after ``text`` (``**`` toggles; lone ``*`` too): every run of
    stars toggles it."""
    return open_ != (len(_STARS.findall(text)) % 2 == 1)


_NUMBER_ONLY = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,5}\.)$")  # an item number alone on its line
_RANGE_END = re.compile(r"^[ \t]*[-–][ \t]*\d")


def starts_item(prev: str, nxt: str) -> bool:
    """Does line ``nxt`` start a new list item after ``prev``? ("giai đoạn 2021" / "- 2025" is a
    wrapped year range, not an item.)"""
    if not _ITEM.match(nxt):
        return False
    return not (_RANGE_END.match(nxt) and _visible(prev)[-1:].isdigit())


def _continues(prev: str, nxt: str, emphasis_open: bool) -> bool:
    """Inside a layout-table cell: does ``nxt`` continue the unit that ``prev`` started?"""
    if starts_item(prev, nxt):
        return False
    if emphasis_open:
        return True
    first = _visible(nxt)[:1]
    return bool(first) and (first.islower() or first.isdigit()) and not _visible(prev).endswith((":", "."))


def _write_paragraph(w: _Writer, source: str, lines: list[Line], wrapped: bool = True) -> None:
    """Lines of one paragraph block: joined where the text is hard-wrapped (:func:`hard_wrapped`),
    except where a line starts a list item; one logical line each otherwise."""
    prev = ""
    open_ = False
    for line in lines:
        text = line.text(source)
        if _RULE.match(text) or not _visible(text):
            open_ = _open_emphasis(text, open_)
            continue
        if prev and (not wrapped or _breaks(prev, text, open_)):
            w.newline(line.start - 1)
        w.text(line, joined=bool(prev))
        open_ = _open_emphasis(text, open_)
        prev = text
    w.newline(lines[-1].end)


def _breaks(prev: str, nxt: str, emphasis_open: bool) -> bool:
    """Inside a paragraph block: does ``nxt`` start a new line of the logical document? It does
    after a Markdown hard break ("  " or "\\" at the end), when it starts a list item, and when
    ``prev`` ends an emphasis span and ``nxt`` opens another ("**ỦY BAN NHÂN DÂN**" /
    "**PHƯỜNG NINH KIỀU**": two lines of a letterhead), and when ``prev`` ends a sentence or a
    clause (".", ";", ":", "!", "?"): a hard wrap falls mid-phrase, a text written one paragraph per
    line does not (its lines are kept)."""
    if prev.endswith(("  ", "\\")) or starts_item(prev, _visible(nxt)):
        return True
    if _NUMBER_ONLY.match(_visible(prev)):
        return False  # "**1.****" / "**Rà soát …": a number set apart from its heading
    if not emphasis_open and _visible(prev).endswith((".", ";", ":", "!", "?")):
        return True
    return not emphasis_open and prev.rstrip().endswith(_MARKER) and nxt.lstrip().startswith(_MARKER)


def _write_cell_units(w: _Writer, source: str, cell: Cell) -> None:
    """A layout cell: one logical line per unit (emphasis span or wrapped phrase)."""
    open_ = False
    prev = ""
    for line in cell.lines:
        text = line.text(source)
        if _RULE.match(text) or not _visible(text):
            open_ = _open_emphasis(text, open_)
            continue
        if prev and not _continues(prev, text, open_):
            w.newline(line.start - 1)
        w.text(line, joined=bool(prev) and w.line_open)
        open_ = _open_emphasis(text, open_)
        prev = text
    w.newline(cell.lines[-1].end if cell.lines else 0)


def _write_row(w: _Writer, source: str, cells: list[Cell], at: int) -> None:
    first = True
    for cell in cells:
        if not first:
            w.separator(" | ", cell.lines[0].start if cell.lines else at)
        w.line_open = w.line_open or not first
        for i, line in enumerate(cell.lines):
            if _RULE.match(line.text(source)):
                continue
            w.text(line, joined=i > 0 or not first)
        first = False
    w.newline(at)


def _cell_table(lines: list[Line], source: str) -> list[list[Cell]]:
    """Rows of cells from a run of lines where lone ``|`` lines separate cells and two in a row
    end a row."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    cell: Cell | None = None
    previous_pipe = False
    for line in lines:
        if _PIPE.match(line.text(source)):
            if previous_pipe and row:  # "|" "|": the row ends, the next begins
                rows.append(row)
                row = []
                cell = None
            elif cell is not None:
                row.append(cell)
                cell = None
            previous_pipe = True
            continue
        previous_pipe = False
        if cell is None:
            cell = Cell()
        cell.lines.append(line)
    if cell is not None:
        row.append(cell)
    if row:
        rows.append(row)
    return rows


_BR = re.compile(r"<br\s*/?>", re.I)


def _cell_lines(source: str, start: int, end: int) -> list[Line]:
    """A pipe-table cell's lines: converters write a line break inside a cell as ``<br>``."""
    out, pos = [], start
    for m in _BR.finditer(source, start, end):
        out.append(Line(pos, m.start()))
        pos = m.end()
    return [*out, Line(pos, end)]


def _md_table(lines: list[Line], source: str) -> list[list[Cell]]:
    """Rows of a Markdown pipe table (``| a | b |``), separator rows left out; ``<br>`` breaks a cell's
    lines."""
    rows = []
    for line in lines:
        text = line.text(source)
        if _MD_TABLE_SEP.match(text):
            continue
        inner_start = line.start + text.index("|") + 1
        inner_end = line.start + text.rindex("|")
        cells, pos = [], inner_start
        for i in range(inner_start, inner_end + 1):
            if i == inner_end or source[i] == "|":
                cells.append(Cell(_cell_lines(source, pos, i)))
                pos = i + 1
        rows.append(cells)
    return rows


def write_table(w: _Writer, source: str, rows: list[list[Cell]], end: int) -> None:
    """A layout table cell by cell, any other table row by row."""
    filled = [[c for c in row if c.filled(source)] for row in rows]
    texts = [[" ".join(_visible(line.text(source)) for line in c.lines) for c in row] for row in rows]
    if is_layout_table(texts):
        for row in filled:
            for cell in row:
                _write_cell_units(w, source, cell)
        return
    for row, cells in zip(rows, filled, strict=True):
        if not cells:
            continue
        at = row[-1].lines[-1].end if row[-1].lines else end
        _write_row(w, source, row if len(cells) > 1 else cells, at)


def hard_wrapped(lines: list[str]) -> bool:
    """Is the text hard-wrapped (a conversion broke its paragraphs into lines) rather than written
    one paragraph per line? Wrapped lines often go on with a lower-case word (10–70% of the lines of
    the published plans' conversions; none of a text written one paragraph per line)."""
    visible = [_visible(line) for line in lines]
    filled = [v for v in visible if v]
    going_on = sum(1 for a, b in zip(visible, visible[1:], strict=False)
                   if a and b and b[0].islower() and not a.endswith((".", ";", ":")))
    return len(filled) > 0 and going_on / len(filled) >= 0.05


def lay_out_blocks(source: str, builder: MapBuilder, first: int = 0, last: int | None = None) -> None:
    """Write the logical document of source lines ``first``..``last`` (line indices) into ``builder``."""
    lines = _lines(source)[first:last]
    wrapped = hard_wrapped([line.text(source) for line in lines])
    w = _Writer(builder)
    i = 0
    while i < len(lines):
        text = lines[i].text(source)
        if not text.strip():
            i += 1
            continue
        j = i
        if _PIPE.match(text):  # a table of pipe-separated cells: up to the last "|" of the run
            while j < len(lines) and lines[j].text(source).strip():
                j += 1
            while j > i + 1 and not _PIPE.match(lines[j - 1].text(source)):
                j -= 1
            write_table(w, source, _cell_table(lines[i:j], source), lines[j - 1].end)
        elif _MD_TABLE_ROW.match(text) and text.count("|") >= 2:
            while j < len(lines) and _MD_TABLE_ROW.match(lines[j].text(source)):
                j += 1
            write_table(w, source, _md_table(lines[i:j], source), lines[j - 1].end)
        else:
            while j < len(lines) and lines[j].text(source).strip() and not _PIPE.match(lines[j].text(source)):
                j += 1
            _write_paragraph(w, source, lines[i:j], wrapped)
        if w.b.length and w.b.last_char() == "\n":
            w.b.write("\n", lines[j - 1].end)  # a blank line between blocks, as in a plain text
        i = j
