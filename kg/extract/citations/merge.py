"""One record per cited document: mentions merged (strongest relation, union of articles)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.citations.relation import RANK
from kg.extract.records import DocRef
from kg.text.normalize import fold_keep

_STOP = {"ve", "cua", "va", "nam", "giai", "doan", "den", "tren", "dia", "ban", "the", "cac"}


@lru_cache(maxsize=2048)
def _title_key(title: str | None) -> tuple[str, ...]:
    return tuple(fold_keep(title or "").split())


@lru_cache(maxsize=2048)
def _tokens(title: str | None) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z0-9]+", fold_keep(title or "")) if t not in _STOP)


@lru_cache(maxsize=2048)
def _amending(title: str | None) -> bool:
    return fold_keep(title or "").endswith("(sua doi)")


@lru_cache(maxsize=2048)
def _number_parts(number: str) -> tuple[str, str, str, str]:
    """(number as compared, serial, digits of the rest, letters of the rest) of a document number."""
    n = fold_keep(number).replace(" ", "")
    m = _SERIAL.match(n)
    if not m:
        return n, "", "", ""
    return n, m[1], re.sub(r"\D", "", m[2]), re.sub(r"[^a-z]", "", m[2])


def _same(a: DocRef, b: DocRef) -> bool:
    if a.number and b.number:
        pa, pb = _number_parts(a.number), _number_parts(b.number)
        return pa[0] == pb[0] or _variant(pa, pb, a, b)
    if a.number or b.number:
        return False
    if _amending(a.title) != _amending(b.title):
        return False  # "Luật X (sửa đổi)", the amending law still to be passed, is not Luật X
    if _title_key(a.title) == _title_key(b.title):
        return True  # one document, however many dates the text gives near its name
    if _party(a.title) != _party(b.title):
        return False  # "Hiệp định … Việt Nam - EU" and "… Việt Nam - Anh": two agreements
    if a.date and b.date and a.date[:4] != b.date[:4]:
        return False
    if a.kind == b.kind == "constitution" and a.date and b.date:
        return True  # one constitution a year, whether named in full or as "Hiến pháp năm 2013"
    ta, tb = _tokens(a.title), _tokens(b.title)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.6


_SERIAL = re.compile(r"0*(\d+)(.*)")


def _variant(pa: tuple[str, str, str, str], pb: tuple[str, str, str, str], a: DocRef, b: DocRef) -> bool:
    """One document cited twice under a mistyped number ("27/CT-TTg" and, in a footnote, "27/CTTg"):
    same serial number, year and kind, a symbol one or two letters apart, and the same title. Another
    serial or year ("55/2009/NĐ-CP", "55/2010/NĐ-CP") is another document."""
    if not pa[1] or pa[1] != pb[1] or pa[2] != pb[2] or a.kind != b.kind:
        return False
    if pa[3] == pb[3]:
        return True  # "21-NQ/TW" and "21/NQ-TW": punctuation only
    if _distance(pa[3], pb[3]) > 2:
        return False
    ta, tb = _tokens(a.title), _tokens(b.title)
    return len(ta) >= 3 and len(tb) >= 3 and len(ta & tb) / len(ta | tb) >= 0.6


def _distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) of two short strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_PARTY = re.compile(r"viet\s+nam\s*[-–]\s*(.+)$")


@lru_cache(maxsize=2048)
def _party(title: str | None) -> str | None:
    """The other party of a bilateral document ("Hiệp định … Việt Nam - EU" → "eu")."""
    m = _PARTY.search(fold_keep(title or ""))
    return m.group(1).strip() if m else None


def _merged(keep: DocRef, other: DocRef) -> DocRef:
    """``keep`` with what ``other`` adds: the stronger relation, the union of articles, a missing
    date, issuer or title."""
    rel = keep.relation if RANK[keep.relation] >= RANK[other.relation] else other.relation
    return replace(
        keep,
        relation=rel,
        articles=tuple(dict.fromkeys(keep.articles + other.articles)),
        date=keep.date or other.date,
        issuer=keep.issuer or other.issuer,
        title=keep.title or other.title,
    )


def merge(refs: list[DocRef]) -> list[DocRef]:
    out: list[DocRef] = []
    for r in refs:
        for i, o in enumerate(out):
            if (o.number is None) != (r.number is None):
                # one document named once with its number and once without ("Luật … số 70/2025/QH15")
                if o.kind == r.kind and _title_key(o.title) == _title_key(r.title):
                    out[i] = _merged(o if o.number else r, r if o.number else o)
                    break
                continue
            if o.number is None and o.kind != r.kind:
                continue
            if _same(o, r):
                out[i] = _merged(o, r)
                break
        else:
            out.append(r)
    return out
