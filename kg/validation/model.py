"""The validation report model: one finding, the report of a run, and the one order in which every
report lists findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Namespace

SEVERITIES = ("Violation", "Warning", "Info")
# Shapes and audits are named in their own namespace (not data: no mint_iri kind).
VNSH = Namespace("https://w3id.org/vnge/shapes#")


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
    annotation: str | None = None  # the evidence span quoting the source text ({source}#char=s,e)
    quote: str | None = None  # the quoted source text

    def sort_key(self) -> tuple[str | int, ...]:
        return finding_order(self.__dict__)


@dataclass
class ValidationReport:
    """All findings of one validation run, in :func:`finding_order`."""

    findings: list[Finding] = field(default_factory=list)
    plans: dict[str, str] = field(default_factory=dict)  # plan IRI → label
    errors: list[str] = field(default_factory=list)  # parts that could not be checked
    seconds: dict[str, float] = field(default_factory=dict)  # "shapes", "audits", "total"

    @property
    def conforms(self) -> bool:
        """False when there is any Violation (or any part could not be checked)."""
        return not self.errors and not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


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


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """The distinct findings, in :func:`finding_order` (both engines and the audits may find one twice)."""
    return sorted(set(findings), key=Finding.sort_key)
