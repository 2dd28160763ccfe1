"""Normalisation and one-to-one matching of the scorer: names and titles compared without case,
diacritics or punctuation; expected and extracted items paired greedily, best similarity first.
The rules: tests/expected/README.md "Matching and scoring rules"."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from kg.rdf.namespaces import fold


def norm(text: Any) -> str:
    """NFC, fold (no case, no diacritics), every non-alphanumeric run → one space."""
    if text is None:
        return ""
    folded = fold(unicodedata.normalize("NFC", str(text)))
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def norm_number(number: Any) -> str:
    """A document number without spaces or punctuation: "59 /KH-UBND" == "59/KH-UBND"."""
    return norm(number).replace(" ", "")


def tokens(text: Any) -> list[str]:
    return norm(text).split()


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def title_overlap(expected: Any, actual: Any) -> float:
    """Common tokens / size of the larger token set, without a leading "kế hoạch"."""
    ea, aa = (set(_strip_prefix(norm(t), "ke hoach").split()) for t in (expected, actual))
    if not ea or not aa:
        return 0.0
    return len(ea & aa) / max(len(ea), len(aa))


def _strip_prefix(text: str, prefix: str) -> str:
    return text[len(prefix) :].strip() if text.startswith(prefix + " ") else text




def same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return norm(a) == norm(b)



def greedy_match(
    expected: Sequence[Any], actual: Sequence[Any], similarity: Callable[[Any, Any], float | None]
) -> list[tuple[int, int]]:
    """Pairs (i, j), one-to-one, best similarity first (ties by position); None = cannot match."""
    candidates = []
    for i, e in enumerate(expected):
        for j, a in enumerate(actual):
            s = similarity(e, a)
            if s is not None:
                candidates.append((-s, i, j))
    candidates.sort()
    used_e: set[int] = set()
    used_a: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_e and j not in used_a:
            used_e.add(i)
            used_a.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def names_overlap(expected: Sequence[str], actual: Sequence[str]) -> int:
    """Size of the multiset intersection of two name lists, names compared normalised."""
    return sum((Counter(norm(n) for n in expected) & Counter(norm(n) for n in actual)).values())

