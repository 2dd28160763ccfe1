"""A targets table ("STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030", one line per row as the readers
render tables): one target per (row, year column); the row is the quoted evidence."""

from __future__ import annotations

import re

from kg.extract.indicators import indicator_of
from kg.extract.records import Target
from kg.extract.tables import Span, cells
from kg.extract.targets.comparators import AT_LEAST, AT_MOST
from kg.extract.targets.qualify import find_scope
from kg.extract.targets.values import NUM, number, unit_at
from kg.extract.targets.years import find_recurrence
from kg.text.cues import fold_rules

_YEAR_CELL = re.compile(r"^\W*(?:(?:[dp][a-z0-9]{1,2}n\s+)?n[a-z0-9]{1,2}m\s+)?((?:19|20)\d\d)\W*$")
_UNIT_CELL = re.compile(r"^\W*(?:[dp][o0]n\s+v[i1](?:\s+t[i1]nh)?|[dp]vt)\W*$")
_CELL_NUMBER = re.compile(r"(?P<cmp>[≥>≤<]=?)?\s*" + NUM + r"\s*(?P<pct>%)?")


def table_targets(text: str, rows: list[Span]) -> list[Target]:
    """One target per (row, year column) of a targets table; the row is the quoted evidence."""
    table = [[c.strip() for _, c in cells(text, row)] for row in rows]
    head = next((i for i, r in enumerate(table) if any(_YEAR_CELL.match(fold_rules(c)) for c in r)), None)
    if head is None:
        return []
    years = {j: int(m.group(1)) for j, c in enumerate(table[head]) if (m := _YEAR_CELL.match(fold_rules(c)))}
    unit_col = next((j for j, c in enumerate(table[head]) if _UNIT_CELL.match(fold_rules(c))), None)
    out = []
    for (a, b), row in zip(rows[head + 1:], table[head + 1:], strict=True):
        label = max((c for j, c in enumerate(row) if j not in years and j != unit_col), key=len, default="")
        if len(label) < 10:
            continue
        unit_text = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
        unit = "percent" if "%" in unit_text else unit_at(" " + fold_rules(unit_text), 0)[0]
        for j, year in sorted(years.items()):
            m = _CELL_NUMBER.search(fold_rules(row[j])) if j < len(row) else None
            value = number(m.group(2)) if m else None
            if value is None:
                continue
            u = "percent" if m["pct"] else (unit or "other")
            low = fold_rules(row[j])
            comparator = "at-least" if m["cmp"] in ("≥", ">", ">=") or AT_LEAST.search(low) else (
                "at-most" if m["cmp"] in ("≤", "<", "<=") or AT_MOST.search(low) else "exactly")
            indicator = indicator_of(label, label, u, year)
            recurrence = find_recurrence(fold_rules(label), 0, 0)
            # a table row is one figure for the plan's unit, unless its label says for each ("mỗi xã")
            scope = find_scope(fold_rules(label) + " 0", 0, len(label) + 1, u)
            out.append(Target(text[a:b], indicator, value, None, u, comparator, year, None, recurrence, None,
                              (a, b), scope=scope))
    return out
