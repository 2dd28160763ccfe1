"""One validation finding, and the one order in which every report lists findings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One validation result: what is wrong, where, how bad, and the plan text that shows it."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str  # IRI of the focus node
    shape: str  # IRI of the source shape or audit
    component: str  # IRI of the SHACL constraint component
    message_vi: str
    message_en: str
    plan: str | None = None  # IRI of the plan the finding is about
    path: str | None = None  # IRI of the result path when it is a single property
    value: str | None = None  # IRI or lexical form of the offending value
    annotation: str | None = None  # IRI of the oa:Annotation quoting the source text
    quote: str | None = None  # the quoted source text

    def sort_key(self) -> tuple[str | int, ...]:
        return finding_order(self.__dict__)


# The order of findings in every report (text, JSON, Turtle, graph/audit, /validate): worst first
# within a plan, then by every field, so that no two different findings tie and the order depends
# neither on the engine that found them nor on the hash seed (sets and blank nodes do).
ORDER_FIELDS = ("plan", "severity", "shape", "focus", "path", "value", "component", "message_en",
                "message_vi", "annotation", "quote")


def finding_order(fields: Mapping[str, Any]) -> tuple[str | int, ...]:
    """The sort key of a finding given as a mapping of its fields (a :class:`Finding`'s ``__dict__``,
    or a row read back from graph/audit); missing fields sort as empty."""
    return tuple(
        SEVERITIES.index(fields["severity"]) if name == "severity" and fields.get("severity") in SEVERITIES
        else 9 if name == "severity"
        else str(fields.get(name) or "")
        for name in ORDER_FIELDS
    )


_LIST = re.compile(r"\[([^\[\]]*)\]")


def with_detail(message: str, detail: str | None) -> str:
    """``message`` followed by pySHACL's generic detail in parentheses (when it adds something).

    pySHACL prints some constraint parameters from Python sets
    (``not in list ['vnc:funding-other', 'vnc:funding-integrated']``), in an order that changes with
    the hash seed: the items of such lists are sorted, so that the
    same finding always reads the same."""
    if not detail:
        return message
    detail = _LIST.sub(lambda m: "[" + ", ".join(sorted(i.strip() for i in m[1].split(","))) + "]", detail)
    if detail in message:
        return message
    return f"{message} ({detail})" if message else detail
