"""Document numbers as researchers type them: "nghi dinh 55", "55/2009", "NĐ 55", "55/2009/NĐ-CP",
"Quyết định số 1790", "ke hoach 258".

A Vietnamese document number is ``{number}/{year}/{type}-{issuer}`` (``55/2009/NĐ-CP``) or, for
plans and older documents, ``{number}/{type}-{issuer}`` (``258/KH-UBND``, ``1790/QĐ-TTg``; the year
then comes from the date); laws end in the legislature (``73/2006/QH11``). A query matches a
document when its number is the same, and its year and type, when given, agree. Pure functions,
on text folded by :func:`kg.rdf.namespaces.fold` (lower case, no diacritics, đ → d).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the type words of a query and the letters they stand for in a number's type part
TYPE_WORDS = {
    "nghi dinh": "nd", "nd": "nd", "quyet dinh": "qd", "qd": "qd", "thong tu": "tt", "tt": "tt",
    "nghi quyet": "nq", "nq": "nq", "chi thi": "ct", "ct": "ct", "ke hoach": "kh", "kh": "kh",
    "luat": "qh", "cong van": "cv", "cv": "cv", "huong dan": "hd", "hd": "hd", "bo luat": "qh",
}
_FILLER = {"so", "van ban", "ban hanh", "ngay", "nam"}
_NUMBER = re.compile(r"(?<![\w/])(\d{1,6})(?:\s*/\s*(\d{4}))?"
                     r"(?:\s*/\s*([a-z]+\d*(?:\s*-\s*[a-z0-9]+)*))?(?![\w/])")
_WORDS = sorted(set(TYPE_WORDS) | _FILLER, key=len, reverse=True)


@dataclass(frozen=True)
class NumberQuery:
    number: str
    year: str = ""
    kind: str = ""  # letters of the type ("nd"), from a word or the number's type part
    suffix: str = ""  # the whole type part when typed ("nd-cp")


@dataclass(frozen=True)
class NumberKey:
    number: str
    year: str
    kind: str
    suffix: str


def parse_query(folded: str) -> NumberQuery | None:
    """The document number a folded query asks for, or None when it is not only a number (with
    type words, "số", a year)."""
    found = list(_NUMBER.finditer(folded))
    if len(found) != 1:
        return None
    match = found[0]
    rest = (folded[:match.start()] + " " + folded[match.end():]).replace(".", " ").replace(",", " ")
    rest = " ".join(rest.split())
    kinds = set()
    for word in _WORDS:  # longest first: "nghi dinh" before "nd"
        pattern = rf"(?<![a-z]){re.escape(word)}(?![a-z])"
        if re.search(pattern, rest):
            if word in TYPE_WORDS:
                kinds.add(TYPE_WORDS[word])
            rest = re.sub(pattern, " ", rest)
    if rest.strip() or len(kinds) > 1:
        return None
    suffix = re.sub(r"\s+", "", match.group(3) or "")
    kind = _kind_of(suffix) if suffix else ""
    if kinds and kind and kinds != {kind}:
        return None
    return NumberQuery(match.group(1).lstrip("0") or "0", match.group(2) or "", kind or next(iter(kinds), ""),
                       suffix)


def number_key(folded_number: str, issued_year: str = "") -> NumberKey | None:
    """The parts of a document's folded ``eli:number`` (None when it does not start with digits)."""
    parts = [p.strip() for p in folded_number.split("/")]
    if not parts or not parts[0].isdigit():
        return None
    year = next((p for p in parts[1:] if re.fullmatch(r"\d{4}", p)), issued_year)
    suffix = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else ""
    return NumberKey(parts[0].lstrip("0") or "0", year, _kind_of(suffix), suffix)


def matches(query: NumberQuery, key: NumberKey) -> bool:
    if query.number != key.number or (query.year and query.year != key.year):
        return False
    if query.suffix:
        return key.suffix.startswith(query.suffix)
    return not query.kind or query.kind == key.kind


def _kind_of(suffix: str) -> str:
    """"nd-cp" → "nd", "qd-ttg" → "qd", "qh11" → "qh"."""
    return re.sub(r"\d+", "", suffix.split("-", 1)[0])
