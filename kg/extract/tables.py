"""Tables as the readers render them: one line per row, cells joined with " | " (kg.readers)."""

from __future__ import annotations

import re

Span = tuple[int, int]

_ROW = re.compile(r"^[^\n|]*(?:\|[^\n|]*){2,}$", re.M)  # a line with at least three cells


def table_rows(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """(start, end) of every table row (a line with at least three " | " cells) in ``text[start:end]``."""
    return [m.span() for m in _ROW.finditer(text, start, len(text) if end is None else end)]


def table_runs(text: str, start: int, end: int) -> list[list[Span]]:
    """Runs of consecutive table rows (only blank space between them), of two rows or more."""
    runs: list[list[Span]] = []
    for row in table_rows(text, start, end):
        if runs and text[runs[-1][-1][1] : row[0]].strip() == "":
            runs[-1].append(row)
        else:
            runs.append([row])
    return [run for run in runs if len(run) >= 2]


def cells(text: str, row: Span) -> list[tuple[int, str]]:
    """(offset in ``text``, cell as written) of each cell of a row, cut at "|"."""
    out = []
    pos = row[0]
    for cell in text[row[0] : row[1]].split("|"):
        out.append((pos, cell))
        pos += len(cell) + 1
    return out
