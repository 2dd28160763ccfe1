"""What a web page's properties table adds to a plan whose body lacks it.

Legal-documents sites print a properties table beside the document (Số hiệu, Ngày ban hành, Người
ký, …; :mod:`kg.layout.furniture` reads it). The table is the site's, not the plan's: it never
overrides what the document says. Where the document's own number, date or signer could not be
read (a letterhead lost in the conversion), the page's value is used and flagged as coming from
the page (``number-from-page``, ``date-from-page``, ``signatory-from-page``), so a researcher can
tell the two apart.
"""

from __future__ import annotations

import dataclasses
import re

from kg.extract.records import PlanExtraction, Signatory

_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_NUMBER = re.compile(r"^\s*\d+[\w.-]*/[\w/&.-]+\s*$")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


def with_page_properties(x: PlanExtraction, page: dict[str, str]) -> PlanExtraction:
    """``x`` with the gaps the page's properties can fill, each flagged (never an override)."""
    meta, flags, signatory = x.document, list(x.document.flags), x.signatory
    changes: dict[str, object] = {}
    number = page.get("number", "")
    if meta.number is None and _NUMBER.match(number):
        changes["number"] = number.strip()
        flags = [f for f in flags if f != "number-missing"] + ["number-from-page"]
    date = _DATE.match(page.get("date", ""))
    if meta.date is None and date:
        day, month, year = (int(g) for g in date.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            changes.update(date=f"{year:04d}-{month:02d}-{day:02d}", date_precision="day")
            flags = [f for f in flags if f != "date-missing"] + ["date-from-page"]
    signer = page.get("signer", "").strip()
    if signatory is None and _NAME.match(signer):
        signatory = Signatory(name=signer, title=None)
        flags.append("signatory-from-page")
    if not changes and signatory is x.signatory:
        return x
    document = dataclasses.replace(meta, **changes, flags=tuple(flags))
    return dataclasses.replace(x, document=document, signatory=signatory)
