"""Score extraction against the hand-checked facts in ``tests/expected/`` (precision, recall, F1).

The matching rules are documented in ``tests/expected/README.md``; this module implements them.
``score_plan`` compares two JSON views (``kg.extract.records.to_json_view``); ``main`` runs the extractor
on every plan that has an expected file and prints one table (``kg eval``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.rdf.namespaces import fold

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


# --- normalisation -------------------------------------------------------------------------


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


def _title_tokens(title: Any) -> set[str]:
    words = " ".join(_TITLE_ABBREVIATIONS.get(t, t) for t in tokens(title)).split()
    return {t for t in words if t not in _TITLE_STOPWORDS and not _DIGITS.match(t)}


def _task_tokens(title: Any) -> set[str]:
    return set(_ENUMERATOR.sub("", norm(title)).split())


def _same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return norm(a) == norm(b)


# --- one-to-one matching -------------------------------------------------------------------


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


def _names_overlap(expected: Sequence[str], actual: Sequence[str]) -> int:
    """Size of the multiset intersection of two name lists, names compared normalised."""
    return sum((Counter(norm(n) for n in expected) & Counter(norm(n) for n in actual)).values())


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
    if not all(_same_value(e.get(k), a.get(k)) for k in ("value", "value_max", "year")):
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
    return _names_overlap(e, a) > 0


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
        return _same_value(e, a)
    return a is not None and norm(e) == norm(a)


def _pair_names(expected: list[dict], actual: list[dict], pairs: list, key: str) -> Counts:
    return Counts(
        sum(len(e.get(key) or []) for e in expected),
        sum(len(a.get(key) or []) for a in actual),
        sum(_names_overlap(expected[i].get(key) or [], actual[j].get(key) or []) for i, j in pairs),
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
        sum(_names_overlap(ec[i].get("articles") or [], ac[j].get("articles") or []) for i, j in pairs),
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


# --- expected files --------------------------------------------------------------------------

_LIST_KEYS = ("implements", "citations", "targets", "tasks", "responsibilities", "reporting", "funding")
_REQUIRED: dict[str, list[str]] = {
    "implements": "number date issuer".split(),
    "citations": "number title kind articles".split(),
    "targets": ["text", *TARGET_FIELDS, "value", "value_max", "unit", "year", "population"],
    "tasks": "title lead partners timeframe".split(),
    "responsibilities": "agency duties".split(),
    "reporting": "from to deadline recurrence".split(),
    "funding": "text kind".split(),
}


def check_expected(data: dict) -> list[str]:
    """Problems of one expected file (missing keys, wrong types, strings not in NFC); [] if valid."""
    problems = [f"missing key {k!r}" for k in ("document", "signatory", *_LIST_KEYS) if k not in data]
    doc = data.get("document")
    if not isinstance(doc, dict):
        problems.append("document is not an object")
    else:
        problems += [f"document lacks {f!r}" for f in METADATA_FIELDS if f not in doc]
        if doc.get("level") not in (None, "national", "province", "district", "commune"):
            problems.append(f"document.level {doc.get('level')!r} is not a level notation")
        period = doc.get("period")
        if period is not None and not (
            isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period)
        ):
            problems.append(f"document.period {period!r} is not [start, end]")
    for key, fields in _REQUIRED.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            problems.append(f"{key} is not a list")
            continue
        for n, item in enumerate(items):
            missing = [f for f in fields if not isinstance(item, dict) or f not in item]
            if missing:
                problems.append(f"{key}[{n}] lacks {', '.join(missing)}")
            for f in ("lead", "partners", "articles", "duties", "from", "to"):
                if isinstance(item, dict) and f in item and not isinstance(item[f], list):
                    problems.append(f"{key}[{n}].{f} is not a list")
    problems += [
        f"string not in NFC: {s[:60]!r}" for s in _strings(data) if unicodedata.normalize("NFC", s) != s
    ]
    return problems


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --- command line ----------------------------------------------------------------------------

EMPTY_VIEW: dict[str, Any] = {"document": {}, "signatory": None, **{k: [] for k in _LIST_KEYS}}


def _plan_file(plans_dir: Path, stem: str) -> Path | None:
    found = sorted(p for p in plans_dir.glob(f"{stem}.*") if p.suffix.lower() in (".txt", ".docx", ".pdf"))
    return found[0] if found else None


def format_table(results: dict[str, dict[str, Counts]]) -> str:
    """Rows plan × fact type, then a total per fact type, then the bars per plan."""
    width = max([len("TOTAL"), *(len(p) for p in results)])
    cols = f"{'exp':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"
    head = f"{'plan':<{width}}  {'fact type':<17} {cols}"
    lines = [head, "-" * len(head)]

    def row(plan: str, fact: str, c: Counts) -> str:
        return (
            f"{plan:<{width}}  {fact:<17} {c.expected:>5} {c.found:>5} {c.matched:>5} "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        )

    for plan in sorted(results):
        lines += [row(plan, f, results[plan][f]) for f in FACT_TYPES]
    for f in FACT_TYPES:
        total = sum((results[p][f] for p in results), Counts())
        lines.append(row("TOTAL", f, total))
    lines.append("")
    held = 0
    for plan in sorted(results):
        for f, bar in BARS.items():
            f1 = results[plan][f].f1
            ok = f1 >= bar
            held += ok
            lines.append(f"bar {f} F1 >= {bar:.2f} on {plan}: {'holds' if ok else 'FAILS'} ({f1:.3f})")
    lines.append(f"bars: {held}/{len(results) * len(BARS)} hold")
    return "\n".join(lines)


def main(plans_dir: Path, expected_dir: Path) -> int:
    """Extract every plan that has an expected file, score it and print the table (exit code)."""
    try:
        from kg.extract import extract_file
        from kg.extract.records import to_json_view
    except ImportError as e:
        print(f"kg eval: the extractor is not importable yet (kg.extract.extract_file): {e}")
        return 2
    expected_files = sorted(expected_dir.glob("*.json"))
    if not expected_files:
        print(f"kg eval: no expected files (*.json) in {expected_dir}; see tests/expected/README.md")
        return 2
    results: dict[str, dict[str, Counts]] = {}
    for path in expected_files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        problems = check_expected(expected)
        if problems:
            print(f"kg eval: {path} is not a valid expected file: {'; '.join(problems[:5])}")
            return 2
        plan = _plan_file(plans_dir, path.stem)
        if plan is None:
            print(f"kg eval: no plan file {path.stem}.txt/.docx/.pdf in {plans_dir} for {path.name}")
            return 2
        try:
            actual = to_json_view(extract_file(plan))
        except Exception as e:  # noqa: BLE001 - a crash on one plan scores as "nothing found"
            print(f"kg eval: extraction of {plan.name} failed ({type(e).__name__}: {e}); scored as empty")
            actual = EMPTY_VIEW
        results[path.stem] = score_plan(expected, actual)
    print(format_table(results))
    return 0
