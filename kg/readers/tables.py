"""Is a table laid out for the page, or does it hold data? One rule for every reader.

Official documents put the letterhead, the "Nơi nhận" list and the signature in two-column tables
without borders: their cells are read in turn, each a block of lines. A table of data (tasks with
their lead and partner agencies, targets, an appendix) is read one line per row, cells joined with
" | ". A table is a layout table when no row has more than two filled cells, unless it is headed
like a data table ("STT", "TT", "Số TT": a numbered list of rows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NUMBER_HEADER = re.compile(r"^\s*(?:stt|tt|so tt|số tt|số thứ tự|so thu tu)\.?\s*$", re.IGNORECASE)


def is_layout_table(rows: Sequence[Sequence[str]]) -> bool:
    """``rows``: each row's cells as their text. See the module docstring."""
    filled = [[cell for cell in row if cell.strip()] for row in rows]
    if any(len(row) > 2 for row in filled):
        return False
    first = next((row for row in filled if row), [])
    return not (first and _NUMBER_HEADER.match(first[0]))


def cell_line(lines: Sequence[str]) -> str:
    """A data table's cell on one line: its paragraphs joined by "; " (two agencies, two dates), by
    a space after punctuation or before a lower-case word (a phrase wrapped in the cell:
    "Cơ quan" / "chủ trì")."""
    out = ""
    for piece in (s.strip() for line in lines for s in line.split("\n")):
        if piece:
            glue = "" if not out else " " if out[-1] in ".;:,!?" or piece[0].islower() else "; "
            out += glue + piece
    return out
