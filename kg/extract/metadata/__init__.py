"""Document metadata of a plan: number, date, place, issuing UBND, unit and level, title, period.

The header of a Vietnamese administrative plan reads::

    Số: 258/KH-UBND                 Hồng Bàng, ngày 16 tháng 12 năm 2022
    KẾ HOẠCH
    Thực hiện Chương trình truyền thông về bình đẳng giới trên địa bàn quận Hồng Bàng đến năm 2030

A blank number ("Số: /KH-UBND") or a missing "Số" line gives ``number=None`` and the flag
"number-missing" (never guessed); a blank day ("ngày tháng 3 năm 2022") gives month precision
("2022-03") and the flag "day-missing". The plan's unit comes from the issuing sentence
("Ủy ban nhân dân quận Hồng Bàng ban hành …"), the title ("trên địa bàn xã Bình Lư") and the
place of the date line, in that order.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext
from kg.extract.metadata.decision import (
    DECISION_WORD,
    attached_plan_heading,
    promulgated_title,
    summary_title,
)
from kg.extract.metadata.title import in_capitals, readable_title
from kg.extract.metadata.unit import TITLE_WORD, TYPE_MAP, find_unit, issuing_match
from kg.extract.records import AgencyRef, DocumentMeta
from kg.extract.sections import Section
from kg.lexicon import find_district, name_pattern, restore
from kg.text.normalize import DATE_WORDS, fold_keep, iso_date, looks_ocr, loose, squash, to_int

__all__ = ["extract_metadata"]

_NUMBER = re.compile(
    r"(?<![a-z])s[o0]\s*[:.]?\s*(?P<num>[0-9Ool]{0,5})\s*/\s*"
    r"(?P<suffix>[a-z0-9&]+(?:[ \t]*-[ \t]*[a-z0-9&]+)*)"
)
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1"})
# the opening sentence ("Thực hiện Chỉ thị số 27/CT-TTg …;"), unless printed in capitals: a title
# line ("THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG …") is, a body sentence never is
_OPENING_SENTENCE = re.compile(r"^\W*(?:thuc\s*hien|can\s*cu|theo)\s+(?:[a-z]+\s+){0,3}(?:so|s[o0])\s*\d")
_TITLE_STOP = re.compile(
    r"^\W*(?:\(?\s*(?:ban\s*hanh\s*)?kem\s*theo\b|can\s*cu\b|"
    r"(?:uy\s*ban\s*nhan\s*dan|ubnd)\b.*\bban\s*hanh|"
    # the authority of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "ỦY BAN NHÂN DÂN TỈNH X")
    r"(?:ch[uw]\s*t[i1]ch\s+)?(?:uy\s*ban\s*nhan\s*dan|ubnd)(?:\s+\S+){1,5}\s*$|[ivx|l1]{1,4}\s*[.)]\s+\w)"
)
_DOC_CITE = re.compile(
    r"(?:ke\s*hoach|quyet\s*dinh|chi\s*thi|nghi\s*quyet|van\s*ban|cong\s*van)\s+(?:so\s*)?\d"
)
_PERIOD_RANGE = re.compile(r"(?:giai\s*do[a-z]n|t[uw]\s*nam)\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")
_PERIOD_UNTIL = re.compile(r"d[a-z]n\s+n[a-z]{1,2}m\s+((?:19|20)\d\d)")
_PERIOD_YEAR = re.compile(r"n[a-z]{1,2}m\s+((?:19|20)\d\d)")


def _header_end(text: str, sections: list[Section]) -> int:
    first = next((s.start for s in sections if s.level >= 1), None)
    return min(first if first is not None else len(text), 4000, len(text))


def extract_metadata(
    text: str, sections: list[Section], warnings: list[str]
) -> tuple[DocumentMeta, UnitContext]:
    """The plan's metadata, and the unit context used to scope its agencies."""
    head_end = _header_end(text, sections)
    head = text[:head_end]
    low = loose(head)
    ocr = looks_ocr(text)
    flags: list[str] = ["ocr-text"] if ocr else []

    title_m = TITLE_WORD.search(low)
    decision = DECISION_WORD.search(low, 0, title_m.start() if title_m else len(low))
    kind_line = decision or title_m
    title_line_start = kind_line.start() if kind_line else None
    date_zone = low[:title_line_start] if title_line_start is not None else low[:400]

    # number
    number = None
    nm = _NUMBER.search(date_zone)
    if nm and nm["num"] and to_int(nm["num"]):
        suffix = re.sub(r"\s+", "", head[nm.start("suffix") : nm.end("suffix")]).upper()
        # as printed: "Số: 0130/KH-UBND" keeps its leading zero (the scorer and a researcher compare
        # the printed number); only OCR letters in the digits are read as digits ("l5" → "15")
        digits = nm["num"].translate(_OCR_DIGITS)
        number = f"{digits}/{suffix}"
    else:
        flags.append("number-missing")

    # date and place
    date = precision = place = None
    dm = DATE_WORDS.search(date_zone)
    span_start = nm.start() if nm else (dm.start() if dm else (title_line_start or 0))
    if dm:
        day = to_int(dm["d"]) if dm["d"] else None
        date, precision = iso_date(int(dm["y"]), to_int(dm["m"]), day)
        if precision == "month":
            flags.append("day-missing")
        line_start = head.rfind("\n", 0, dm.start()) + 1
        raw_place = head[
            max(line_start, nm.end() if nm and nm.end() <= dm.start() else line_start) : dm.start()
        ]
        place = raw_place.strip(" \t,*_#") or None
        if place:
            # "TP. Bắc Kạn" → "Bắc Kạn"; a name written in full stays ("Thành phố Hồ Chí Minh")
            place = re.sub(r"^(?:TP\.?|Tp\.?|TX\.?)\s*", "", place).strip() or place
    else:
        flags.append("date-missing")

    # title
    title, title_end = None, (kind_line.end() if kind_line else 0)
    if decision:  # a decision promulgating the plan: the attached plan's title
        flags.append("attached-to-decision")
        title, title_end = _decision_title(text, decision.end(), title_end)
    elif title_m:
        title, title_end = _read_title(text, loose(text), title_m.end(), title_end)
    if title and ocr:
        title = restore(title)
    # unit
    unit = find_unit(text, head, low, title, place, date, ocr)
    if title and ocr and unit.name:
        title = _replace_folded(title, unit.name[len(unit.type_word or "") :].strip())
    if title:
        title = readable_title(title)  # a title printed in capitals gets a readable label
    doc_year = int(date[:4]) if date else None
    period = _period(title or "", doc_year)
    if period is None and title:
        warnings.append(f"metadata: no period (giai đoạn / đến năm / năm) in the title {title[:80]!r}")

    issuer = None
    if unit.name:
        im = issuing_match(low)
        if im:  # quote the issuing sentence's subject ("Ủy ban nhân dân quận Hồng Bàng ban hành …")
            i_span = (im.start(), im.end("type") + len(im["rest"]))
        else:  # known from the title or the place only: quote the header block
            i_span = (span_start, max(title_end, span_start))
        issuer = AgencyRef(
            f"Ủy ban nhân dân {unit.name}",
            head[i_span[0] : i_span[1]].strip(),
            unit.path,
            "peoples-committee",
            False,
            None,
            i_span,
        )
    if place and ocr:
        d = find_district(place, unit.province)
        place = d[2] if d else restore(place)
    unit_type = TYPE_MAP.get(unit.type_word or "", (None, None))[0]
    if unit.type_word == "thành phố":
        unit_type = "municipality" if unit.level == "province" else "provincial-city"
    meta = DocumentMeta(
        number=number,
        date=date,
        date_precision=precision,
        place=place,
        issuer=issuer,
        unit_name=unit.name,
        unit_path=unit.path,
        level=unit.level,
        unit_type=unit_type,
        title=title,
        period=period,
        doctype="plan",
        flags=tuple(flags),
        span=(span_start, max(title_end, span_start)),
    )
    return meta, unit


def _read_title(text: str, low: str, pos: int, title_end: int) -> tuple[str | None, int]:
    """The line(s) under "KẾ HOẠCH" at ``pos``, and where they end."""
    lines: list[str] = []
    for lm in re.finditer(r"[^\n]*\n?", text[pos : pos + 1500]):
        line = lm.group(0)
        if not line:
            break
        folded = low[pos + lm.start() : pos + lm.start() + len(line)].strip()
        if not folded:
            if lines and sum(len(x) for x in lines) > 60:
                nxt = text[pos + lm.end() : pos + lm.end() + 200].lstrip()
                if not nxt[:1].islower():
                    break
            continue
        if _TITLE_STOP.match(folded) or _DOC_CITE.match(folded) and lines:
            break
        if _OPENING_SENTENCE.match(folded) and not in_capitals(line):
            break
        if lines and all(in_capitals(x) for x in lines) and not in_capitals(line) and len(folded) > 60:
            break  # a title printed in capitals, then the body's first paragraph (no blank line between)
        lines.append(line.strip().strip("*_#").strip())
        title_end = pos + lm.start() + len(line.rstrip())
        if len(lines) >= 4:
            break
    return squash(" ".join(lines)).strip("*_ ") or None, title_end


def _decision_title(text: str, decision_end: int, title_end: int) -> tuple[str | None, int]:
    """The title of the plan a decision promulgates (see :mod:`kg.extract.metadata.decision`)."""
    full = loose(text)
    heading = attached_plan_heading(full, decision_end)
    if heading:
        return _read_title(text, full, heading.end(), heading.end())
    named = promulgated_title(text, full, decision_end)
    if named:
        title = squash(named[0])
        return title[:1].upper() + title[1:], named[2]
    summary, end = _read_title(text, full, decision_end, title_end)
    if summary:
        summary = summary_title(summary, loose(summary))
    return summary, end


def _replace_folded(text: str, name: str) -> str:
    """Replace OCR spellings of ``name`` in ``text`` by ``name`` (same words, diacritics restored)."""
    folded = fold_keep(text)
    m = re.search(r"(?<![a-z])" + name_pattern(name) + r"(?![a-z])", folded)
    return text[: m.start()] + name + text[m.end() :] if m else text


def _period(title: str, doc_year: int | None) -> tuple[int, int] | None:
    low = loose(title)
    m = _PERIOD_RANGE.search(low)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _PERIOD_UNTIL.search(low)
    if m:
        end = int(m.group(1))
        return (doc_year, end) if doc_year and doc_year <= end else None
    # "năm 2026" inside a full date ("thời điểm 0h00 ngày 01 tháng 01 năm 2026") is a moment, not a period
    years = _PERIOD_YEAR.findall(DATE_WORDS.sub(" ", low))
    if years:
        return int(years[-1]), int(years[-1])
    return None
