"""Deadlines of reporting duties, read on folded text (:func:`kg.text.normalize.loose`).

- "trước ngày 10 tháng 12" / "trước ngày 10/12" → "--12-10" (a recurring day of the year);
- "trước ngày 15/12/2026" → "2026-12-15" (once);
- "trước ngày 15 hằng tháng" → "---15" (XSD gDay: a day of every month, monthly);
- "trong tháng 11/2025", "hoàn thành trong tháng 11 năm 2025" → "2025-11" (once);
- "trước ngày 01/6 và 15/11 hằng năm" → two deadlines (:data:`MORE`).
"""

from __future__ import annotations

import re

from kg.text.normalize import iso_date, to_int

_BEFORE = r"tr[a-z0-9]{1,4}\s+ng[a-z]{1,3}\s*"  # "trước ngày", OCR "truéc ngay"
_DAY_MONTH = (
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*|th[a-z]{1,3}\s*)(?P<m>\d{1,2})"
    r"(?:\s*(?:[/.-]\s*|n[a-z]{1,3}\s*)(?P<y>(?:19|20)\d\d))?"
)
DEADLINE = re.compile(
    _BEFORE + r"(?:(?P<md>\d{1,2})\s+(?:hang|moi)\s*thang(?![a-z])|" + _DAY_MONTH + ")"
    # "trong tháng 11/2025", "(hoàn thành) trong tháng 11 năm 2025", "trước tháng 11/2025"
    r"|(?<![a-z])(?:trong|truoc|den\s*het)\s+th[a-z]{1,3}\s*(?P<mm>\d{1,2})\s*(?:[/.-]\s*|n[a-z]{1,3}\s*)"
    r"(?P<my>(?:19|20)\d\d)"
)
# a second date after a first: "… và ngày 10/12", "… và 15/11"
MORE = re.compile(
    r"\s*(?:va|,)\s*(?:tr[a-z0-9]{1,4}\s+)?(?:ng[a-z]{1,3}\s*)?(?P<d>\d{1,2})\s*(?:[/.-]\s*|th[a-z]{1,3}\s*)"
    r"(?P<m>\d{1,2})(?:\s*(?:[/.-]\s*|n[a-z]{1,3}\s*)(?P<y>(?:19|20)\d\d))?"
)


def read(m: re.Match[str]) -> tuple[str | None, str | None]:
    """(deadline, recurrence implied by its form) of a :data:`DEADLINE` or :data:`MORE` match;
    recurrence None for a day of the year (the text around it says how often)."""
    groups = m.groupdict()
    if groups.get("md"):
        day = to_int(groups["md"])
        return (f"---{day:02d}" if day and 1 <= day <= 31 else None), "monthly"
    if groups.get("mm"):
        return iso_date(to_int(groups["my"]), to_int(groups["mm"]), None)[0], "once"
    day, month = to_int(groups["d"]), to_int(groups["m"])
    if groups.get("y"):
        return iso_date(int(groups["y"]), month, day)[0], "once"
    if day and month and 1 <= month <= 12 and 1 <= day <= 31:
        return f"--{month:02d}-{day:02d}", None
    return None, None


def month_of(m: re.Match[str]) -> int:
    """The month of a day-of-the-year deadline (0 for the other forms)."""
    return (to_int(m.groupdict().get("m")) or 0) if m.groupdict().get("d") else 0


def has_year(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y") or m.groupdict().get("my") or m.groupdict().get("md"))
