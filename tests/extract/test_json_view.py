"""The JSON view of `kg extract FILE --json` is a contract (README, "JSON view"): keys and types pinned."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

ITEM_KEYS = {
    "implements": {"number", "date", "issuer", "title", "span"},
    "citations": {"number", "title", "kind", "relation", "date", "issuer", "articles", "span"},
    "objectives": {"text", "general", "span"},
    "targets": {"text", "indicator", "value", "value_max", "unit", "comparator", "year", "baseline_year",
                "recurrence", "population", "relation", "change", "baseline_value", "scope", "span"},
    "tasks": {"title", "lead", "partners", "timeframe", "span"},
    "responsibilities": {"agency", "duties", "span"},
    "reporting": {"from", "to", "deadline", "recurrence", "span"},
    "funding": {"text", "kind", "span"},
    "recipients": {"text", "agency", "span"},
}
DOCUMENT_KEYS = {"number", "date", "date_precision", "place", "issuer", "unit", "level", "title", "period",
                 "flags", "span"}


def extract_json(path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(path), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("plan", sorted((ROOT / "data" / "plans").glob("*.txt")), ids=lambda p: p.stem)
def test_json_view_shape(plan):
    view = extract_json(plan)
    text_len = len(plan.read_text("utf-8"))
    assert set(view) == {"document", *ITEM_KEYS, "signatory"}
    assert set(view["document"]) == DOCUMENT_KEYS
    for key, keys in ITEM_KEYS.items():
        assert isinstance(view[key], list)
        for item in view[key]:
            assert set(item) == keys, key
            start, end = item["span"]
            assert 0 <= start < end <= text_len + 1000  # offsets into the reader's text
    for task in view["tasks"]:
        assert all(isinstance(n, str) and n for n in task["lead"] + task["partners"])
    for t in view["targets"]:
        assert t["value"] is None or isinstance(t["value"], int | float)
        assert t["year"] is None or isinstance(t["year"], int)
    sig = view["signatory"]
    assert sig is None or set(sig) == {"name", "title", "span"}


def test_json_view_of_the_unsigned_bac_kan_copy():
    view = extract_json(ROOT / "data" / "plans" / "bac-kan_tp-bac-kan_2022-03_unnumbered.txt")
    d = view["document"]
    assert (d["number"], d["date"], d["date_precision"], d["level"]) == (None, "2022-03", "month", "district")
    assert {"number-missing", "day-missing"} <= set(d["flags"])
    assert [(p["number"], p["date"], p["issuer"]) for p in view["implements"]] == [
        ("112/KH-UBND", "2022-02-23", "Ủy ban nhân dân tỉnh Bắc Kạn")
    ]
    assert view["signatory"]["name"] == "Nguyễn Thị Huế"
