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


def _same(a: DocRef, b: DocRef) -> bool:
    if a.number and b.number:
        na, nb = fold_keep(a.number).replace(" ", ""), fold_keep(b.number).replace(" ", "")
        return na == nb or _variant(na, nb, a, b)
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


def _variant(na: str, nb: str, a: DocRef, b: DocRef) -> bool:
    """One document cited twice under a mistyped number ("27/CT-TTg" and, in a footnote, "27/CTTg"):
    same serial number and kind, a symbol one or two letters apart, and the same title."""
    ma, mb = _SERIAL.match(na), _SERIAL.match(nb)
    if not (ma and mb) or ma[1] != mb[1] or a.kind != b.kind or _digits(ma[2]) != _digits(mb[2]):
        return False  # another serial or year ("55/2009/NĐ-CP", "55/2010/NĐ-CP"): another document
    sa, sb = re.sub(r"[^a-z0-9]", "", ma[2]), re.sub(r"[^a-z0-9]", "", mb[2])
    if sa == sb or _distance(sa, sb) > 2:
        return sa == sb
    ta, tb = _tokens(a.title), _tokens(b.title)
    return len(ta) >= 3 and len(tb) >= 3 and len(ta & tb) / len(ta | tb) >= 0.6


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


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
