"""What ``/validate`` shows of the stored report: the filters a researcher picks (severity, plan,
check), the checks' readable names, and the per-plan summary table.

Filters come from query parameters; a value that cannot be one raises a 400 that says what to send.
Findings are listed worst first (Violations before Warnings before Infos), then in the report's order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlencode

from rdflib import RDFS, Literal

from kg.validation import Finding, ValidationReport, by_plan
from kg.validation.load import load_audits, load_shapes
from kg.validation.model import SEVERITIES, VNSH
from service.errors import ServiceError
from service.labels import check_iri

_CHECK_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,100}$")
SEVERITY_VI = {"Violation": "Vi phạm", "Warning": "Cảnh báo", "Info": "Thông tin"}


@dataclass(frozen=True)
class ReportFilter:
    """The findings a page or an export shows: all of them when every field is empty."""

    severity: str = ""
    plan: str = ""
    audit: str = ""  # a shape or audit IRI

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ReportFilter:
        severity = (args.get("severity") or "").strip()
        if severity and severity.capitalize() not in SEVERITIES:
            raise ServiceError(f"severity={severity!r} is not a severity: use one of {', '.join(SEVERITIES)} "
                               "(or leave it out for all findings).")
        plan = (args.get("plan") or "").strip()
        if plan and not _is_iri(plan):
            raise ServiceError(f"plan={plan!r} is not a plan IRI: give the plan's full IRI "
                               "(https://w3id.org/vnge/eli/…), or pick the plan in the form on /validate.")
        audit = (args.get("audit") or "").strip()
        if audit and not _CHECK_NAME.match(audit) and not _is_iri(audit):
            raise ServiceError(f"audit={audit!r} is not a check: give a check's name (such as "
                               "audit-weaker-target or PlanNumberShape) or its IRI, or pick it in the form "
                               "on /validate.")
        if audit and _CHECK_NAME.match(audit):
            audit = str(VNSH[audit])
        return cls(severity.capitalize() if severity else "", plan, audit)

    @property
    def active(self) -> bool:
        return bool(self.severity or self.plan or self.audit)

    def keeps(self, f: Finding) -> bool:
        return ((not self.severity or f.severity == self.severity) and (not self.plan or f.plan == self.plan)
                and (not self.audit or f.shape == self.audit))

    def apply(self, report: ValidationReport) -> ValidationReport:
        """The findings this filter keeps, Violations first (then in the report's order)."""
        kept = [f for f in report.findings if self.keeps(f)]
        kept.sort(key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES))
        return replace(report, findings=kept)

    def params(self, **changes: str) -> dict[str, str]:
        """The query parameters of this filter with ``changes`` (an empty value drops a parameter)."""
        values = {"severity": self.severity, "plan": self.plan, "audit": check_key(self.audit)}
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    def query(self, **changes: str) -> str:
        """``?…`` of :meth:`params` (empty when nothing is filtered)."""
        params = self.params(**changes)
        return "?" + urlencode(params) if params else "?"

    def file_name(self) -> str:
        """The CSV file name: says what was filtered (plan by its last path segment)."""
        parts = ["vnge-validation"]
        if self.severity:
            parts.append(self.severity.lower())
        if self.audit:
            parts.append(check_key(self.audit))
        if self.plan:
            parts.append(self.plan.rstrip("/").rsplit("/", 1)[-1])
        name = "-".join(parts)
        return re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120] + ".csv"


def _is_iri(text: str) -> bool:
    try:
        check_iri(text)
    except ServiceError:
        return False
    return True


def check_key(iri: str) -> str:
    """The short name of a shape or audit IRI (``audit-weaker-target``); other IRIs unchanged."""
    return iri.removeprefix(str(VNSH)) if iri else ""


@lru_cache(maxsize=1)
def check_titles() -> dict[str, str]:
    """{shape or audit IRI: its title, "Vietnamese · English"}, from the rdfs:labels of shapes/*.ttl
    and shapes/audits/*.ttl."""
    titles = {str(a.iri): " · ".join(t for t in (a.title_vi, a.title) if t) for a in load_audits()}
    shapes = load_shapes()
    labels: dict[str, dict[str | None, str]] = {}
    for shape, label in shapes.subject_objects(RDFS.label):
        if isinstance(label, Literal):
            labels.setdefault(str(shape), {})[label.language] = str(label)
    for shape, by_lang in labels.items():
        parts = [by_lang.get("vi"), by_lang.get("en") or by_lang.get(None)]
        titles.setdefault(shape, " · ".join(p for p in parts if p))
    return titles


def by_severity(findings: list[Finding]) -> list[tuple[str, dict[str | None, list[Finding]]]]:
    """The findings by severity (worst first), each severity's by plan (kg's grouping)."""
    return [(s, by_plan(group)) for s in SEVERITIES if (group := [f for f in findings if f.severity == s])]


@dataclass
class PlanRow:
    """One row of the per-plan summary: the plan and its number of findings of each severity."""

    plan: str | None
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def plan_summary(report: ValidationReport) -> list[PlanRow]:
    """Every plan with findings, most Violations first (then Warnings, Infos, label)."""
    rows: dict[str | None, PlanRow] = {}
    for f in report.findings:
        row = rows.setdefault(f.plan, PlanRow(f.plan, report.plans.get(f.plan or "") or f.plan or ""))
        if f.severity in row.counts:
            row.counts[f.severity] += 1
    return sorted(rows.values(), key=lambda r: (r.plan is None, *(-r.counts[s] for s in SEVERITIES),
                                                r.label))


def check_options(report: ValidationReport) -> list[tuple[str, str, int]]:
    """(short name, title, number of findings) of each check that found something, by title."""
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.shape or ""] = counts.get(f.shape or "", 0) + 1
    titles = check_titles()
    return sorted(((check_key(iri), titles.get(iri, check_key(iri)), n) for iri, n in counts.items() if iri),
                  key=lambda option: option[1].lower())
