"""What a reporting duty asks for (vnc:scheme-dutykind): a plan to submit, a periodic report, a review
(sơ kết, tổng kết) or a report of results; and the tasks that ask a lower level to draw up its plan.

Read from the folded clause of the duty ("… gửi Kế hoạch về Sở …", "báo cáo sơ kết …") and its
recurrence; a clause that says none of these is a report of results.
"""

from __future__ import annotations

import re

from kg.text.normalize import loose

_PLAN = re.compile(r"(?<![a-z])g[uw]i\s+(?:ban\s+|du\s*thao\s+)?k[e€]\s*ho[a-z]{0,2}ch(?![a-z])")
_REVIEW = re.compile(r"(?<![a-z])(?:so\s*ket|tong\s*ket|danh\s*gia\s+(?:giua|cuoi)\s*k[iy])(?![a-z])")
_PERIODIC_WORDS = re.compile(r"(?<![a-z])(?:dinh\s*ky|hang\s*(?:nam|quy|thang)|6\s*thang)(?![a-z])")
PERIODIC = frozenset({"annual", "semiannual", "quarterly", "monthly"})
# a task that asks for a plan: "(Chủ động) xây dựng(, ban hành) kế hoạch …" at its start
_PLAN_TASK = re.compile(
    r"^\W*(?:chu\s*dong\s+)?xay\s*dung(?:\s*,?\s*ban\s*hanh)?\s+k[e€]\s*ho[a-z]{0,2}ch(?![a-z])"
)


def duty_kind(clause: str, recurrence: str | None) -> str:
    """The vnc:scheme-dutykind notation of a duty read from ``clause`` (folded text) that recurs as
    ``recurrence`` (a vnc:scheme-recurrence notation, or None)."""
    if _PLAN.search(clause):
        return "submit-plan"
    if _REVIEW.search(clause):
        return "review-report"
    if recurrence in PERIODIC or (recurrence is None and _PERIODIC_WORDS.search(clause)):
        return "periodic-report"
    return "result-report"


def with_recurrence(kind: str | None, recurrence: str | None) -> str | None:
    """A duty's kind once a recurrence is known for it: a report of results that recurs is periodic."""
    return "periodic-report" if kind == "result-report" and recurrence in PERIODIC else kind


def task_kind(title: str) -> str | None:
    """``"submit-plan"`` for a task that asks for a plan to be drawn up ("Xây dựng kế hoạch …"), else None."""
    return "submit-plan" if _PLAN_TASK.match(loose(title)) else None
