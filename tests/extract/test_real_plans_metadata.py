"""Metadata, parent, citations and signatory on the real plans in view (issue 13), micro-averaged:
the issue's targets hold (metadata, parent, citations ≥ 0.95; signatory ≥ 0.90).

Reads only the plans that have an expected file in tests/real/expected (the held-out files and
their plans are never opened). The texts are third-party files outside the repository: the test
skips when they are absent and fails under CI=true (see tests/layout/test_layout.py)."""

from __future__ import annotations

from tests.extract.real_scores import below_targets

TARGETS = {"metadata": 0.95, "parent": 0.95, "citations": 0.95, "signatory": 0.90}


def test_targets_of_issue_13_hold_on_the_real_plans_in_view() -> None:
    low = below_targets(TARGETS)
    assert not low, f"below the issue's targets: {low}"
