"""Tasks laid out as a table (one row per task; the readers join cells with " | ")."""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import Task
from kg.extract.tables import cells, table_rows
from kg.extract.tasks.timeframe import read_timeframe
from kg.lexicon import restore
from kg.text.normalize import fold_keep, squash

_COLUMNS = (
    ("lead", re.compile(r"chu\s*tri")),
    ("partner", re.compile(r"phoi\s*hop")),
    ("time", re.compile(r"thoi\s*gian|tien\s*do|thoi\s*han")),
    ("title", re.compile(r"noi\s*dung|nhiem\s*vu|hoat\s*dong|ten\s|cong\s*viec")),
)


def table_tasks(text: str, ctx: UnitContext) -> list[Task]:
    """One task per row of a table whose head names a lead ("chủ trì") and a title column."""
    out: list[Task] = []
    if text.count("|") < 4:
        return out
    rows = table_rows(text)
    i = 0
    while i < len(rows):
        head = rows[i]
        head_cells = [fold_keep(c).strip() for _, c in cells(text, head)]
        cols: dict[str, int] = {}
        for kind, pattern in _COLUMNS:
            for j, c in enumerate(head_cells):
                if j not in cols.values() and pattern.search(c) and kind not in cols:
                    cols[kind] = j
        i += 1
        if "lead" not in cols or "title" not in cols:
            continue
        width = len(head_cells)
        while i < len(rows) and len(cells(text, rows[i])) == width:
            row = rows[i]
            i += 1
            offsets, raw_cells = zip(*cells(text, row), strict=True)
            title = squash(raw_cells[cols["title"]]).strip(" *")
            if len(title) < 8 or not any(raw_cells[cols[k]].strip() for k in ("lead",) if k in cols):
                continue
            if ctx.ocr:
                title = restore(title)

            roles = {
                kind: tuple(resolve_agencies(raw_cells[cols[kind]], offsets[cols[kind]], ctx, explicit=True))
                for kind in ("lead", "partner")
                if kind in cols
            }
            tf = read_timeframe(raw_cells[cols["time"]], ctx.ocr) if "time" in cols else (None,) * 4
            out.append(Task(title, roles.get("lead", ()), roles.get("partner", ()), *tf, row))
    return out
