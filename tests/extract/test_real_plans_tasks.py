"""Tasks, leads, partners, responsibilities and reporting duties on the real plans in view (issue 13),
micro-averaged: the issue's target (F1 ≥ 0.90 for every fact type) holds.

Reads only the plans that have an expected file in tests/real/expected (the held-out files and their
plans are never opened). The texts are third-party files outside the repository: the test skips when
they are absent and fails under CI=true (see tests/layout/test_layout.py)."""

from __future__ import annotations

from tests.extract.real_scores import below_targets

TARGETS = {"tasks": 0.90, "lead": 0.90, "partners": 0.90, "responsibilities": 0.90, "reporting": 0.90}


def test_task_and_duty_targets_of_issue_13_hold_on_the_real_plans_in_view() -> None:
    low = below_targets(TARGETS)
    assert not low, f"below the issue's targets: {low}"
