"""Tables as the readers render them: one line per row, cells joined with " | " (kg.readers); or as a
copy from a browser or a word processor gives them: cells joined with tabs."""

from __future__ import annotations

import re

Span = tuple[int, int]

# a line with at least three cells, cut at "|" or at tabs
_ROW = re.compile(r"^[^\n|]*(?:\|[^\n|]*){2,}$|^[^\n\t]*(?:\t[^\n\t]*){2,}$", re.M)


def table_rows(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """(start, end) of every table row (a line with at least three cells, cut at "|" or at tabs) in
    ``text[start:end]``."""
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
    """(offset in ``text``, cell as written) of each cell of a row, cut at "|" (at tabs in a row with
    fewer than two "|")."""
    out = []
    pos = row[0]
    line = text[row[0] : row[1]]
    for cell in line.split("|" if line.count("|") >= 2 else "\t"):
        out.append((pos, cell))
        pos += len(cell) + 1
    return out
