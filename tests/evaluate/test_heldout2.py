"""The second held-out set (tests/heldout2/): written independently of the extraction code and of
the first held-out set; its first score (README) is the honest measure of generalisation.

These tests check the set itself, keep extraction from falling below that first score (floors on
the totals per fact type), and state the issue's bars per plan as an expected failure until they
hold (they did not at commit time: 39 of 48; they do since the generalisation work)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.evaluate import BARS, Counts, check_expected, score_plan
from kg.rdf.namespaces import fold

HERE = Path(__file__).parents[1] / "heldout2"
EXPECTED = sorted((HERE / "expected").glob("*.json"))
# totals (all 8 plans) at commit time, 2026-11-23, before anyone tuned on this set
FIRST_SCORE = {"metadata": 1.000, "parent": 0.957, "citations": 0.985, "targets": 0.978,
               "tasks": 1.000, "lead": 0.892, "partners": 0.889, "responsibilities": 0.935,
               "reporting": 0.905, "signatory": 1.000}


def _plan(path: Path) -> Path:
    return HERE / "plans" / (path.stem + ".txt")


def test_every_plan_has_an_expected_file():
    assert len(EXPECTED) == 8
    assert sorted(p.stem for p in (HERE / "plans").glob("*.txt")) == [p.stem for p in EXPECTED]


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_expected_file_is_valid_and_numbers_come_from_the_plan(path: Path):
    data = json.loads(path.read_text("utf-8"))
    assert check_expected(data) == []
    text = _plan(path).read_text("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    flat = re.sub(r"\s+", "", fold(text))
    for c in data["citations"]:
        if c["number"]:
            assert re.sub(r"\s+", "", fold(c["number"])) in flat, c["number"]


def _scores() -> tuple[dict[str, Counts], dict[str, dict[str, Counts]]]:
    from kg.extract import extract_file
    from kg.extract.records import to_json_view

    totals: dict[str, Counts] = {}
    per_plan = {}
    for path in EXPECTED:
        scores = score_plan(json.loads(path.read_text("utf-8")), to_json_view(extract_file(_plan(path))))
        per_plan[path.stem] = scores
        for fact, counts in scores.items():
            totals[fact] = totals.get(fact, Counts()) + counts
    return totals, per_plan


def test_extraction_stays_at_or_above_its_first_heldout_score():
    totals, _ = _scores()
    low = {f: round(totals[f].f1, 3) for f, floor in FIRST_SCORE.items() if totals[f].f1 < floor - 0.005}
    assert not low, f"below the first held-out score: {low} (floors {FIRST_SCORE})"


def test_the_issue_bars_hold_on_every_heldout_plan():
    """39/48 held when the set was written; 48/48 after the generalisation work that read its
    failures (so from then on a regression guard, no longer an unbiased measure)."""
    _, per_plan = _scores()
    failing = [(plan, fact, round(s[fact].f1, 3)) for plan, s in per_plan.items()
               for fact, bar in BARS.items() if s[fact].f1 < bar]
    assert not failing, failing
