"""Standards cited by their code: "tiêu chuẩn TCVN 14423:2025 về An ninh mạng …", "QCVN 08:2023/BTNMT".

A Vietnamese standard (TCVN) or technical regulation (QCVN) is identified by its code, serial and year
("TCVN 14423:2025"); its number is that code, its kind ``other`` (tests/real/README.md), its title
the subject after "về" when the text gives it ("Tiêu chuẩn quốc gia về …", "Quy chuẩn kỹ thuật quốc
gia về …"), else the kind alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.extract.citations.articles import clause_end
from kg.extract.records import DocRef
from kg.text.normalize import squash

__all__ = ["standards"]

_CODE = re.compile(
    r"(?<![a-z0-9])(?P<sym>tcvn|qcvn)\s*(?P<num>\d{1,5}(?:\s*-\s*\d{1,3})?\s*:\s*(?:19|20)\d\d"
    r"(?:\s*/\s*[a-z0-9đ\-]+)?)(?![\d\w])"
)
_SUBJECT = re.compile(r"\s*(?:\(\s*)?ve\s+")
_TITLE_WORD = {"tcvn": "Tiêu chuẩn quốc gia", "qcvn": "Quy chuẩn kỹ thuật quốc gia"}


def standards(text: str, low: str, relation_of: Callable[[int], str]) -> list[DocRef]:
    """Every standard cited by its code, in text order (``relation_of(start)`` gives each one's relation)."""
    out: list[DocRef] = []
    if "tcvn" not in low and "qcvn" not in low:
        return out
    for m in _CODE.finditer(low):
        number = re.sub(r"\s+", "", text[m.start("num") : m.end("num")])
        number = f"{text[m.start('sym') : m.end('sym')].upper()} {number}"
        title = _TITLE_WORD[m["sym"]]
        end = m.end()
        subject = _SUBJECT.match(low, end)
        if subject:
            end = clause_end(low, subject.end(), 200)
            title = f"{title} về {squash(text[subject.end() : end]).strip(' ,.)')}"
        out.append(DocRef(number, "other", title, None, None, (), relation_of(m.start()), (m.start(), end)))
    return out
