"""The time frame of a task ("Thời gian thực hiện: Hằng năm", "Năm 2025", "2026 - 2030")."""

from __future__ import annotations

import re

from kg.extract.recurrence import TASKS, first_recurrence
from kg.lexicon import restore
from kg.text.normalize import loose, squash


def read_timeframe(raw: str, ocr: bool) -> tuple[str | None, int | None, int | None, str | None]:
    tf = squash(raw).strip(" .;*_()")
    if not tf:
        return None, None, None, None
    if ocr:
        tf = restore(tf)
    tf = tf[:1].upper() + tf[1:]
    low = loose(tf)
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", low)]
    recurrence = first_recurrence(low, TASKS)
    if recurrence is None and len(years) == 1 and "-" not in tf:
        recurrence = "once"
    return tf, (min(years) if years else None), (max(years) if years else None), recurrence
