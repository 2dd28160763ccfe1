"""What may follow or precede a cited document: its articles ("khoản 1 và khoản 2 Điều 6"), its date
("ngày 14/3/2022"), the end of its clause."""

from __future__ import annotations

import re

from kg.text.normalize import DATE_NUMERIC, fold_keep, iso_date, loose, to_int

# "khoản 1, 2 và khoản 3 Điều 6", "Điều 11 và Điều 12", "điểm a khoản 2 Điều 5", "điểm 1 Mục III",
# "Mục VI", "Phụ lục II": coordinated subdivisions (điểm, khoản) of a division (Điều, Mục, Chương,
# Phần, Phụ lục) of a cited document
_SUB_NO = r"(?:\d+|[a-zđ](?![a-z]))"
_CLAUSES = r"(?:khoan|diem)\s+" + _SUB_NO + r"(?:\s*(?:,|va)\s*(?:(?:khoan|diem)\s+)?" + _SUB_NO + r")*"
_DIVISION = r"(?:dieu\s+\d+|(?:muc|chuong|phan)\s+[ivxl]+(?![a-z])|phu\s*luc\s+(?:[ivxl]+(?![a-z])|\d+))"
_ART = r"(?:" + _CLAUSES + r"\s*,?\s*)?" + _DIVISION
_ARTS = _ART + r"(?:\s*(?:,|va)\s*" + _ART + r")*"
_ARTICLE_BEFORE = re.compile(r"(" + _ARTS + r")\s*(?:cua\s+)?$")
ARTICLE_PAREN = re.compile(r"\s*\(\s*(" + _ARTS + r")\s*\)")
_ARTICLE_TOKEN = re.compile(
    r"(?P<word>khoan|diem)\s+|dieu\s+(?P<art>\d+)|(?P<div>muc|chuong|phan|phu\s*luc)\s+(?P<roman>[ivxl]+(?![a-z])|\d+)"
    r"|(?P<num>\d+|(?<=\s)[a-zđ](?![a-z]))"
)
_DIVISION_WORD = {"muc": "Mục", "chuong": "Chương", "phan": "Phần"}
DATE_AFTER = re.compile(
    r"[\s,]*(?:ng[a-z]{1,3}\s*)(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
    r"\d{1,2}\s*th[a-z]{1,3}\s*\d{1,2}\s*n[a-z]{1,3}\s*\d{4})"
)
# ";", ". ", a blank line, a new item, or "và" before a law
_CLAUSE_END = re.compile(
    r";|\.(?:\s|$)|\n\s*\n|\n\s*[-+•]\s|\n\s*[a-zđ]\)\s|\n\s*\d+\.\s|\s+va\s+(?=(?:luat|bo\s*luat)\s)"
)
# the same in two searches that skip ahead to their first characters: the marks (";", ".", a line break),
# and "và" before a law (after whitespace: the clause ends where that whitespace begins)
_CLAUSE_MARK = re.compile(r";|\.(?:\s|$)|\n(?:\s*\n|\s*[-+•]\s|\s*[a-zđ]\)\s|\s*\d+\.\s)")
_AND_LAW = re.compile(r"v(?<=\sv)a\s+(?=(?:luat|bo\s*luat)\s)")


def read_articles(raw: str) -> tuple[str, ...]:
    """ "khoản 1,2,3,4 Điều 11" → ("khoản 1 Điều 11", …); "Điều 11 và Điều 12" → ("Điều 11", "Điều 12");
    "khoản 1 và khoản 2 Điều 6" → ("khoản 1 Điều 6", "khoản 2 Điều 6"); "điểm 1 Mục III" →
    ("điểm 1 Mục III",); "Phụ lục II" → ("Phụ lục II",)."""
    out: list[str] = []
    word = None
    pending: list[str] = []  # subdivisions waiting for their division
    points: list[str] = []  # "điểm a, b" waiting for their "khoản" (or directly their division)
    for t in _ARTICLE_TOKEN.finditer(fold_keep(raw)):
        if t["word"]:
            word = "khoản" if t["word"] == "khoan" else "điểm"
        elif t["num"] and word == "điểm":
            points.append(f"điểm {t['num']}")
        elif t["num"] and word:
            clause = f"khoản {t['num']}"
            pending += [f"{p} {clause}" for p in points] or [clause]
            points = []
        elif t["art"] or t["div"]:
            if t["art"]:
                division = f"Điều {t['art']}"
            else:
                name = _DIVISION_WORD.get(t["div"], "Phụ lục")
                division = f"{name} {t['roman'].upper()}"
            pending += points
            out += [f"{p} {division}" for p in pending] or [division]
            pending, points, word = [], [], None
    return tuple(dict.fromkeys(out))


def article_before(low: str, start: int) -> re.Match[str] | None:
    """The subdivisions written right before a document ("khoản 1 và khoản 2 Điều 6 <Luật …>")."""
    lo = max(0, start - 100)
    zone = low[lo:start]
    if "dieu" not in zone and "muc" not in zone and "luc" not in zone and "chuong" not in zone:
        return None
    return _ARTICLE_BEFORE.search(low, lo, start)


def date_of(raw: str) -> str | None:
    low = loose(raw)
    m = DATE_NUMERIC.search(low)
    if m:
        return iso_date(int(m["y"]), int(m["m"]), int(m["d"]))[0]
    m = re.search(r"(\d{1,2})\s*th[a-z]{1,3}\s*(\d{1,2})\s*n[a-z]{1,3}\s*(\d{4})", low)
    if m:
        return iso_date(int(m.group(3)), to_int(m.group(2)), to_int(m.group(1)))[0]
    return None


def clause_end(low: str, pos: int, limit: int = 400) -> int:
    """Where the clause at ``pos`` ends: the start of ``_CLAUSE_END.search(low, pos, pos + limit)``, else
    ``pos + limit`` (or the text's end)."""
    end = min(len(low), pos + limit)
    mark = _CLAUSE_MARK.search(low, pos, end)
    end_at = mark.start() if mark else end
    at = pos
    while (law := _AND_LAW.search(low, at, end)) is not None:
        start = law.start()
        while start > pos and low[start - 1].isspace():  # back to where the whitespace before "và" begins
            start -= 1
        if start < law.start():
            return min(start, end_at)
        at = law.start() + 1  # "và" right at ``pos``: no whitespace before it in the clause
    return end_at
