"""The format of an expected file (tests/expected/*.json, a hand-checked JSON view of one plan):
:func:`check_expected` lists what is wrong with one."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from kg.evaluate.scoring import METADATA_FIELDS, TARGET_FIELDS

LIST_KEYS = ("implements", "citations", "targets", "tasks", "responsibilities", "reporting", "funding")
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
    problems = [f"missing key {k!r}" for k in ("document", "signatory", *LIST_KEYS) if k not in data]
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

