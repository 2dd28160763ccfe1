"""Scores of one plan: expected facts (a hand-checked JSON view) against extracted facts, counted per
fact type (:data:`FACT_TYPES`); precision, recall and F1 follow from the counts (:class:`Counts`).
The rules: tests/expected/README.md "Matching and scoring rules"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.evaluate.matching import (
    greedy_match,
    jaccard,
    names_overlap,
    norm,
    norm_number,
    same_value,
    title_overlap,
    tokens,
)

FACT_TYPES: tuple[str, ...] = (
    "metadata",
    "parent",
    "citations",
    "citation_kind",
    "citation_articles",
    "targets",
    "target_fields",
    "tasks",
    "lead",
    "partners",
    "responsibilities",
    "reporting",
    "funding",
    "signatory",
)
# Minimum F1 the team must reach on every plan.
BARS: dict[str, float] = {
    "metadata": 0.95,
    "parent": 0.95,
    "citations": 0.95,
    "lead": 0.95,
    "targets": 0.90,
    "partners": 0.90,
}
METADATA_FIELDS = ("number", "date", "issuer", "unit", "level", "title", "period")
TARGET_FIELDS = ("indicator", "comparator", "baseline_year", "recurrence")
TITLE_OVERLAP = 0.8
CITATION_JACCARD = 0.7
TASK_JACCARD = 0.5
# Words that carry no identity in a cited document's short title (dates, years are separate fields).
_TITLE_STOPWORDS = frozenset({"ve", "cua", "va", "nam", "giai", "doan", "den", "so", "ngay", "thang"})
_DIGITS = re.compile(r"^\d+$")
# Abbreviations cited documents' names often use ("Luật bầu cử đại biểu Quốc hội, đại biểu HĐND").
_TITLE_ABBREVIATIONS = {"hdnd": "hoi dong nhan dan", "ubnd": "uy ban nhan dan", "bdg": "binh dang gioi"}
_ENUMERATOR = re.compile(r"^(hoat dong \d+|[a-z]|\d+)\s+")


@dataclass
class Counts:
    """Counts of one fact type; scores follow from them."""

    expected: int = 0
    found: int = 0
    matched: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.expected + other.expected, self.found + other.found, self.matched + other.matched)

    @property
    def precision(self) -> float:
        if self.found == 0:
            return 1.0 if self.expected == 0 else 0.0
        return self.matched / self.found

    @property
    def recall(self) -> float:
        if self.expected == 0:
            return 1.0 if self.found == 0 else 0.0
        return self.matched / self.expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)



def _title_tokens(title: Any) -> set[str]:
    words = " ".join(_TITLE_ABBREVIATIONS.get(t, t) for t in tokens(title)).split()
    return {t for t in words if t not in _TITLE_STOPWORDS and not _DIGITS.match(t)}


def _task_tokens(title: Any) -> set[str]:
    return set(_ENUMERATOR.sub("", norm(title)).split())


# --- similarity of items ---------------------------------------------------------------------


def _parent_sim(e: dict, a: dict) -> float | None:
    if e.get("number") and a.get("number"):
        return 1.0 if norm_number(e["number"]) == norm_number(a["number"]) else None
    same = norm(e.get("issuer")) == norm(a.get("issuer")) and norm(e.get("date")) == norm(a.get("date"))
    return 1.0 if same and e.get("issuer") and e.get("date") else None


def _citation_sim(e: dict, a: dict) -> float | None:
    if e.get("number") and a.get("number"):
        return 1.0 if norm_number(e["number"]) == norm_number(a["number"]) else None
    if not e.get("title") or not a.get("title"):
        return None
    s = jaccard(_title_tokens(e["title"]), _title_tokens(a["title"]))
    return s if s >= CITATION_JACCARD else None


def _target_sim(e: dict, a: dict) -> float | None:
    if not all(same_value(e.get(k), a.get(k)) for k in ("value", "value_max", "year")):
        return None
    if norm(e.get("unit")) != norm(a.get("unit")):
        return None
    return 1.0 + jaccard(tokens(e.get("text")), tokens(a.get("text")))


def _task_sim(e: dict, a: dict) -> float | None:
    s = jaccard(_task_tokens(e.get("title")), _task_tokens(a.get("title")))
    return s if s >= TASK_JACCARD else None


def _name_sim(key: str) -> Callable[[dict, dict], float | None]:
    return lambda e, a: 1.0 if norm(e.get(key)) and norm(e.get(key)) == norm(a.get(key)) else None


def _sets_compatible(e: Sequence[str], a: Sequence[str]) -> bool:
    if not e:
        return not a
    return names_overlap(e, a) > 0


def _reporting_sim(e: dict, a: dict) -> float | None:
    if norm(e.get("deadline")) != norm(a.get("deadline")):
        return None
    if not (
        _sets_compatible(e.get("from", []), a.get("from", []))
        and _sets_compatible(e.get("to", []), a.get("to", []))
    ):
        return None
    return jaccard(
        (norm(n) for n in e.get("from", []) + e.get("to", [])),
        (norm(n) for n in a.get("from", []) + a.get("to", [])),
    )


# --- scoring ---------------------------------------------------------------------------------


def _items(view: dict, key: str) -> list[dict]:
    return [x for x in (view.get(key) or []) if isinstance(x, dict)]


def _matched_counts(
    expected: list, actual: list, sim: Callable[[Any, Any], float | None]
) -> tuple[Counts, list]:
    pairs = greedy_match(expected, actual, sim)
    return Counts(len(expected), len(actual), len(pairs)), pairs


def _field_counts(expected: list[dict], actual: list[dict], pairs: list, fields: Sequence[str]) -> Counts:
    """Each non-null field of an item is one fact; it is matched when its item is and the values agree."""
    c = Counts()
    for f in fields:
        c.expected += sum(1 for e in expected if e.get(f) is not None)
        c.found += sum(1 for a in actual if a.get(f) is not None)
        c.matched += sum(
            1
            for i, j in pairs
            if expected[i].get(f) is not None and _field_eq(expected[i].get(f), actual[j].get(f))
        )
    return c


def _field_eq(e: Any, a: Any) -> bool:
    """Equality of two field values: numbers numerically, strings normalised."""
    if isinstance(e, int | float) and not isinstance(e, bool):
        return same_value(e, a)
    return a is not None and norm(e) == norm(a)


def _pair_names(expected: list[dict], actual: list[dict], pairs: list, key: str) -> Counts:
    return Counts(
        sum(len(e.get(key) or []) for e in expected),
        sum(len(a.get(key) or []) for a in actual),
        sum(names_overlap(expected[i].get(key) or [], actual[j].get(key) or []) for i, j in pairs),
    )


def _metadata_counts(expected: dict, actual: dict) -> Counts:
    c = Counts()
    for f in METADATA_FIELDS:
        e, a = expected.get(f), actual.get(f)
        c.expected += e is not None
        c.found += a is not None
        if e is None or a is None:
            continue
        if f == "number":
            ok = norm_number(e) == norm_number(a)
        elif f == "title":
            ok = title_overlap(e, a) >= TITLE_OVERLAP
        elif f == "period":
            ok = list(e) == list(a)
        else:
            ok = norm(e) == norm(a)
        c.matched += ok
    return c


def score_plan(expected: dict, actual: dict) -> dict[str, Counts]:
    """Counts per fact type (see FACT_TYPES) of one plan: expected facts vs extracted facts."""
    out: dict[str, Counts] = {}
    out["metadata"] = _metadata_counts(expected.get("document") or {}, actual.get("document") or {})
    out["parent"], _ = _matched_counts(
        _items(expected, "implements"), _items(actual, "implements"), _parent_sim
    )

    ec, ac = _items(expected, "citations"), _items(actual, "citations")
    out["citations"], pairs = _matched_counts(ec, ac, _citation_sim)
    out["citation_kind"] = _field_counts(ec, ac, pairs, ("kind",))
    out["citation_articles"] = Counts(
        sum(len(e.get("articles") or []) for e in ec),
        sum(len(a.get("articles") or []) for a in ac),
        sum(names_overlap(ec[i].get("articles") or [], ac[j].get("articles") or []) for i, j in pairs),
    )

    et, at = _items(expected, "targets"), _items(actual, "targets")
    out["targets"], pairs = _matched_counts(et, at, _target_sim)
    out["target_fields"] = _field_counts(et, at, pairs, TARGET_FIELDS)

    ek, ak = _items(expected, "tasks"), _items(actual, "tasks")
    out["tasks"], pairs = _matched_counts(ek, ak, _task_sim)
    out["lead"] = _pair_names(ek, ak, pairs, "lead")
    out["partners"] = _pair_names(ek, ak, pairs, "partners")

    out["responsibilities"], _ = _matched_counts(
        _items(expected, "responsibilities"), _items(actual, "responsibilities"), _name_sim("agency")
    )
    out["reporting"], _ = _matched_counts(
        _items(expected, "reporting"), _items(actual, "reporting"), _reporting_sim
    )

    ef = {norm(f.get("kind")) for f in _items(expected, "funding") if f.get("kind")}
    af = {norm(f.get("kind")) for f in _items(actual, "funding") if f.get("kind")}
    out["funding"] = Counts(len(ef), len(af), len(ef & af))

    es, as_ = expected.get("signatory") or {}, actual.get("signatory") or {}
    out["signatory"] = Counts(
        int(bool(es.get("name"))),
        int(bool(as_.get("name"))),
        int(bool(es.get("name")) and norm(es.get("name")) == norm(as_.get("name"))),
    )
    return out

