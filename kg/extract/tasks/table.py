"""Tasks laid out as a table (one row per task; the readers and the layout stage join cells with " | "):
"STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian", in the body or an appendix.

A head row names a title column and a lead column ("chủ trì", or "cơ quan / đơn vị thực hiện" when no
column says "chủ trì"); a head split over two rows ("Đơn vị thực hiện" above "Chủ trì | Phối hợp") is
read as one. Group rows ("I. NÂNG CAO NHẬN THỨC …", with or without cells) are not tasks and do not end
the table; a row without a lead is no task.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import Task
from kg.extract.tables import Span, cells, table_rows
from kg.extract.tasks.roles import lead_line
from kg.extract.tasks.timeframe import read_timeframe
from kg.lexicon import restore
from kg.text.normalize import fold_keep, squash

_COLUMNS = (
    ("lead", re.compile(r"chu\s*tri")),
    ("partner", re.compile(r"phoi\s*hop")),
    ("time", re.compile(r"thoi\s*gian|tien\s*do|thoi\s*han")),
    ("title", re.compile(r"noi\s*dung|nhiem\s*vu|hoat\s*dong|ten\s|cong\s*viec")),
)
_DOER = re.compile(r"(?:co\s*quan|don\s*vi)\s*(?:thuc\s*hien|chiu\s*trach\s*nhiem|tham\s*muu)")


def _columns(head_cells: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for kind, pattern in _COLUMNS:
        for j, c in enumerate(head_cells):
            if j not in cols.values() and pattern.search(c) and kind not in cols:
                cols[kind] = j
    if "lead" not in cols:  # "Cơ quan thực hiện" names the leads
        j = next((j for j, c in enumerate(head_cells) if _DOER.search(c) and j not in cols.values()), None)
        if j is not None:
            cols["lead"] = j
    return cols


def table_tasks(text: str, ctx: UnitContext) -> list[Task]:
    """One task per row of a table whose head names a lead and a title column."""
    out: list[Task] = []
    if text.count("|") < 4 and text.count("\t") < 4:  # no table: cells are cut at "|" or at tabs
        return out
    rows = table_rows(text)
    i = 0
    while i < len(rows):
        head_cells = [fold_keep(c).strip() for _, c in cells(text, rows[i])]
        cols = _columns(head_cells)
        i += 1
        if "title" in cols and ("lead" not in cols or "partner" not in cols) and i < len(rows):
            below = [fold_keep(c).strip() for _, c in cells(text, rows[i])]
            if len(below) == len(head_cells) and _columns(below).get("lead") is not None:
                cols = _columns([f"{a} {b}" for a, b in zip(head_cells, below, strict=True)])
                i += 1  # a head over two rows
        if "lead" not in cols or "title" not in cols:
            continue
        width = len(head_cells)
        while i < len(rows):
            row = rows[i]
            if len(cells(text, row)) < width:
                row = _continued(text, row, width)
                while i + 1 < len(rows) and rows[i + 1][0] < row[1]:
                    i += 1  # a continuation line that looked like a row of its own
            if [fold_keep(c).strip() for _, c in cells(text, row)] == head_cells:
                i += 1  # the head repeated where the table goes on over a page
                continue
            if len(cells(text, row)) != width:
                # a group row with its own cells: skipped when the table goes on after it
                if i + 1 < len(rows) and len(cells(text, rows[i + 1])) == width:
                    i += 1
                    continue
                break
            i += 1
            task = _row_task(text, row, cols, ctx)
            if task:
                out.append(task)
    return out


def _continued(text: str, row: Span, width: int) -> Span:
    """A tab-separated row whose cells hold line breaks (a copy from a browser writes a cell's <br> as
    a new line): the row with the lines that complete its ``width`` cells, else the row as it is."""
    if text.count("|", *row) >= 2:
        return row
    tabs, end = text.count("\t", *row), row[1]
    while tabs < width - 1 and end < len(text):
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if not text[end + 1 : nxt].strip():
            break
        tabs += text.count("\t", end + 1, nxt)
        end = nxt
    return (row[0], end) if tabs == width - 1 else row


def _row_task(text: str, row: Span, cols: dict[str, int], ctx: UnitContext) -> Task | None:
    offsets, raw_cells = zip(*cells(text, row), strict=True)
    title = squash(raw_cells[cols["title"]]).strip(" *")
    if len(title) < 8 or not raw_cells[cols["lead"]].strip():
        return None  # a group row ("I. NÂNG CAO NHẬN THỨC …") or a note
    if ctx.ocr:
        title = restore(title)
    lead, partners = lead_line(raw_cells[cols["lead"]], offsets[cols["lead"]], ctx)
    if "partner" in cols:
        partners += resolve_agencies(raw_cells[cols["partner"]], offsets[cols["partner"]], ctx, explicit=True)
    tf = read_timeframe(raw_cells[cols["time"]], ctx.ocr) if "time" in cols else (None,) * 4
    names = {r.name for r in lead}
    partners = [p for p in partners if p.name not in names]
    return Task(title, tuple(lead), tuple(partners), *tf, row)  # type: ignore[arg-type]
