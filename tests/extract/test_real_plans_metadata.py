"""Metadata, parent, citations and signatory on the real plans in view (issue 13), micro-averaged:
the issue's targets hold (metadata, parent, citations ≥ 0.95; signatory ≥ 0.90).

Reads only the plans that have an expected file in tests/real/expected (the held-out files and
their plans are never opened). The texts are third-party files outside the repository: the test
skips when they are absent and fails under CI=true (see tests/layout/test_layout.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.evaluate.scoring import Counts, score_plan
from kg.extract import extract_file
from kg.extract.records import to_json_view

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real-plans"
EXPECTED = ROOT / "tests" / "real" / "expected"
TARGETS = {"metadata": 0.95, "parent": 0.95, "citations": 0.95, "signatory": 0.90}


def test_targets_of_issue_13_hold_on_the_real_plans_in_view() -> None:
    if not REAL.is_dir():
        message = f"the real plans are not at {REAL} (../shared/real-plans beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    totals = {fact: Counts() for fact in TARGETS}
    for path in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(path.read_text("utf-8"))
        actual = to_json_view(extract_file(REAL / f"{path.stem}.txt"))
        scores = score_plan(expected, actual)
        for fact in TARGETS:
            totals[fact] = totals[fact] + scores[fact]
    low = {fact: round(c.f1, 3) for fact, c in totals.items() if c.f1 < TARGETS[fact]}
    assert not low, f"below the issue's targets: {low}"
