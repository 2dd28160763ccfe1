"""A web page's Markdown conversion (the form of ../shared/real-plans) read back into paragraphs and
tables, for :mod:`kg.evaluate.forms`.

The conversion writes ``**bold**`` and ``*italic*`` markers, hard-wraps paragraphs and separates
them by blank lines, and writes a table one cell after another between lines holding a lone ``|``
(a row is ``|`` cell ``|`` cell … ``|``; the next row opens with another ``|``, so an empty segment
between two ``|`` lines is a row break or an empty cell). :func:`blocks` rebuilds the rows (see
:func:`_rows`); :func:`cell_lines` joins a cell's hard wraps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PIPE = "|"

@dataclass(frozen=True)
class Block:
    """A paragraph (``rows`` is None; ``lines`` its hard-wrapped lines) or a table (``rows`` of cells,
    each cell a list of lines)."""

    lines: tuple[str, ...] = ()
    rows: tuple[tuple[tuple[str, ...], ...], ...] | None = None


def blocks(markdown: str) -> list[Block]:
    """The paragraphs and tables of a Markdown conversion, in reading order."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    out: list[Block] = []
    i, paragraph = 0, []
    while i < len(lines):
        line = lines[i].rstrip()
        if line.strip() == _PIPE:
            if paragraph:
                out.append(Block(tuple(paragraph)))
                paragraph = []
            i = _table(lines, i, out)
            continue
        if not line.strip():
            if paragraph:
                out.append(Block(tuple(paragraph)))
                paragraph = []
        else:
            paragraph.append(line.strip())
        i += 1
    if paragraph:
        out.append(Block(tuple(paragraph)))
    return out


def _table(lines: list[str], start: int, out: list[Block]) -> int:
    """Read the table starting at ``lines[start]`` (a lone ``|``) into ``out``; the next line's index.
    Blank lines stay inside a cell, or between cells when a ``|`` follows them; otherwise the table
    ends at its last ``|``."""
    segments: list[list[str]] = []
    current: list[str] = []
    i = last_pipe = start
    while i < len(lines):
        text = lines[i].strip()
        if text == _PIPE:
            if i > start:
                segments.append(current)
            current, last_pipe = [], i
        elif text:
            current.append(text)
        else:
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or (lines[j].strip() != _PIPE and not current):
                break
        i += 1
    out.append(Block(rows=_rows(segments)))
    return last_pipe + 1


def _rows(segments: list[list[str]]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Rows from the segments between ``|`` lines. An empty segment is a row break or an empty cell.
    With a body width ``n`` and a start (0, or a segment after an empty one), a row is ``n`` cells
    when the segment after them is empty (the break), else a short row (a group heading spanning the
    columns) up to the next empty segment. The width chosen is the narrowest whose whole rows cover
    at least 85% of what the best width's cover (a multiple of the width also lands on empty cells,
    and covers as much), from its first start that covers the most. The segments before the start
    are header rows, split at their empty segments."""
    parses: list[tuple[int, int, int, list]] = []  # (segments in whole rows, width, start, rows)
    starts = [0] + [k + 1 for k, segment in enumerate(segments[:40]) if not segment]
    for width in range(1, min(16, len(segments)) + 1):
        found: tuple[int, int, int, list] = (-1, width, 0, [])
        for start in starts:
            covered, rows = _body(segments, start, width)
            if covered > found[0]:
                found = (covered, width, start, rows)
        parses.append(found)
    most = max(p[0] for p in parses) if parses else 0
    _, _, start, body = min((p for p in parses if p[0] >= 0.85 * most), key=lambda p: p[1],
                            default=(0, 1, 0, []))
    rows: list[list[list[str]]] = []
    header: list[list[str]] = []
    for segment in segments[:start]:
        if segment:
            header.append(segment)
        elif header:
            rows.append(header)
            header = []
    if header:
        rows.append(header)
    rows += body
    return tuple(tuple(tuple(cell) for cell in row) for row in rows if any(row))


def _body(segments: list[list[str]], start: int, width: int) -> tuple[int, list[list[list[str]]]]:
    """The rows of ``segments[start:]`` read with ``width`` cells a whole row, and how many segments
    the whole rows and the one-cell group rows hold (with their breaks)."""
    rows: list[list[list[str]]] = []
    covered, k = 0, start
    while k < len(segments):
        if k + width == len(segments) or (k + width < len(segments) and not segments[k + width]):
            rows.append(segments[k:k + width])
            covered += min(width + 1, len(segments) - k)  # with its break
            k += width + 1
            continue
        end = next((j for j in range(k, len(segments)) if not segments[j]), len(segments))
        rows.append(segments[k:end])
        if end == k + 1:  # a group heading: one cell spanning the columns, explained as well
            covered += min(2, len(segments) - k)
        k = end + 1
    return covered, rows


_BREAK_AFTER = re.compile(r"(?:\*\*|\*|:|;|-{3,})\s*$")
_BREAK_BEFORE = re.compile(r"^(?:\*|[-+•]\s|-{3,}|\d+[.)]\s|[a-zđ]\)\s)")


def cell_lines(cell: tuple[str, ...]) -> list[str]:
    """The lines of a table cell with the conversion's hard wraps joined: a line break stays where a
    bold/italic run closes or opens, after ":" or ";", around a rule, before a bullet or number, and
    between a line in capitals and one that is not ("PHÓ CHỦ TỊCH" / "Hồ Thị Nguyên Thảo")."""
    out: list[str] = []
    for line in cell:
        if out and not _BREAK_AFTER.search(out[-1]) and not _BREAK_BEFORE.match(line) \
                and _capitals(out[-1]) == _capitals(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
