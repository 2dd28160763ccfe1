"""Rendering a :class:`kg.validation.model.ValidationReport`: text (grouped by plan, with the quoted
source sentence of each finding), Turtle (a SHACL ``sh:ValidationReport``) and JSON, as ``kg
validate`` prints it; and the shorter text and JSON that ``/validate`` serves from the report read
back from graph/audit (:func:`brief_text`, :func:`brief_json`). Both group findings with
:func:`by_plan` and count them with :func:`severity_counts`.

``report_graph`` builds the SHACL report graph that :func:`kg.validation.store.store_audit_graph`
stores in ``{BASE}graph/audit``. Each ``sh:ValidationResult`` also links the plan it is about
(``vnp:auditedPlan``) and the span of the plan text it rests on (``vnp:evidence``, quoted by its
``oa:exact``).
"""

from __future__ import annotations

import json
import textwrap
from typing import Any, Protocol, TypeVar

from rdflib import RDF, XSD, Graph, Literal, URIRef

from kg.rdf.namespaces import PREFIXES, SH, VNP, graph_iri, mint_iri, short_hash
from kg.rdf.release import derivation
from kg.validation.model import SEVERITIES, VNSH, Finding, ValidationReport

FORMATS = ("text", "turtle", "json")
# Terms the audit graph uses beyond SHACL (to be declared in ontology/vnge.ttl).
EVIDENCE = VNP.evidence  # sh:ValidationResult → the span of the plan text ({source}#char=s,e)
AUDITED_PLAN = VNP.auditedPlan  # sh:ValidationResult → vnp:Plan the finding is about


class _Adds(Protocol):
    def add(self, triple: tuple[Any, Any, Any], /) -> object: ...


TripleSink = TypeVar("TripleSink", bound=_Adds)


def render(report: ValidationReport, fmt: str = "text") -> str:
    """The report as ``text``, ``turtle`` or ``json``; an unknown format raises ValueError."""
    if fmt == "text":
        return render_text(report)
    if fmt == "turtle":
        return report_graph(report).serialize(format="turtle")
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")


def by_plan(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """The findings grouped by plan (None: not tied to one), in the order of each group's first finding."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.plan, []).append(f)
    return groups


def _by_plan(report: ValidationReport) -> list[tuple[str | None, list[Finding]]]:
    """Groups sorted by plan IRI, the findings not tied to a plan last."""
    return sorted(by_plan(report.findings).items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


def severity_counts(report: ValidationReport) -> dict[str, int]:
    """{severity: number of findings}, for every severity, worst first."""
    return {s: report.count(s) for s in SEVERITIES}


def _summary(report: ValidationReport) -> str:
    counts = ", ".join(
        f"{report.count(s)} {s.lower()}{'' if report.count(s) == 1 else 's'}" for s in SEVERITIES
    )
    verdict = "conforms" if report.conforms else "does NOT conform"
    return f"{verdict}: {len(report.plans)} plans, {counts}"


def render_text(report: ValidationReport) -> str:
    """Human-readable: a summary line, then one block per plan, Violations first."""
    lines = [_summary(report)]
    if report.seconds:
        lines.append("time: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(report.seconds.items())))
    for error in report.errors:
        lines.append(f"ERROR {error}")
    seen = set()
    for plan, findings in _by_plan(report):
        seen.add(plan)
        title = report.plans.get(plan or "", plan or "(not tied to one plan)")
        lines += ["", f"== {title}", f"   {plan}" if plan else ""]
        for f in findings:
            lines.append(f"[{f.severity}] {f.message_en}")
            lines.append(f"    vi: {f.message_vi}")
            lines.append(f"    at: {f.focus}" + (f" ({_local(f.path)})" if f.path else ""))
            if f.value:
                lines.append(f"    value: {f.value}")
            lines.append(f"    shape: {_local(f.shape)}")
            if f.quote:
                quote = " ".join(f.quote.split())
                wrapped = textwrap.shorten(quote, width=400, placeholder=" …")
                lines.append(f"    « {wrapped} »")
            else:
                lines.append("    (no source sentence recorded for this node)")
    clean = sorted(p for p in report.plans if p not in seen)
    if clean:
        lines += ["", "== plans without findings"] + [f"   {report.plans[p]} <{p}>" for p in clean]
    return "\n".join(line for line in lines) + "\n"


def _local(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    if iri.startswith(str(VNSH)):
        return "vnsh:" + iri[len(str(VNSH)) :]
    return iri


def to_json(report: ValidationReport) -> dict[str, Any]:
    """JSON view: ``conforms``, ``counts``, ``errors``, ``seconds``, and ``plans`` with findings."""
    plans = []
    for plan, findings in _by_plan(report):
        plans.append(
            {
                "plan": plan,
                "label": report.plans.get(plan or "") if plan else None,
                "findings": [
                    {
                        "severity": f.severity,
                        "message": {"vi": f.message_vi, "en": f.message_en},
                        "focus": f.focus,
                        "path": f.path,
                        "value": f.value,
                        "shape": f.shape,
                        "component": f.component,
                        "annotation": f.annotation,
                        "quote": f.quote,
                    }
                    for f in findings
                ],
            }
        )
    return {
        "conforms": report.conforms,
        "counts": severity_counts(report),
        "plans_checked": len(report.plans),
        "errors": list(report.errors),
        "seconds": {k: round(v, 3) for k, v in sorted(report.seconds.items())},
        "plans": plans,
    }


# ---------------------------------------------------------------- /validate


def brief_text(report: ValidationReport) -> str:
    """The text ``/validate`` serves: the counts, then the plans in the order of their findings, each
    finding with its messages, focus, path and whole quote. Unlike :func:`render_text`, it shows
    neither values, shapes nor plans without findings (and a report read back from graph/audit has
    no times or errors)."""
    counts = severity_counts(report)
    lines = [f"{'conforms' if report.conforms else 'does NOT conform'}: "
             + ", ".join(f"{n} {s.lower()}s" for s, n in counts.items()), ""]
    for plan, group in by_plan(report.findings).items():
        lines.append(f"== {(report.plans.get(plan) if plan else None) or plan or '(not tied to a plan)'}")
        if plan:
            lines.append(f"   {plan}")
        for f in group:
            lines.append(f"[{f.severity}] {f.message_en or ''}")
            if f.message_vi:
                lines.append(f"    vi: {f.message_vi}")
            lines.append(f"    at: {f.focus}" + (f" ({f.path})" if f.path else ""))
            if f.quote:
                lines.append(f"    « {' '.join(f.quote.split())} »")
        lines.append("")
    return "\n".join(lines)


def brief_json(report: ValidationReport) -> dict[str, Any]:
    """The JSON ``/validate`` serves: ``conforms``, ``counts`` and ``findings``, a flat list in report
    order, each with its plan's label (``plan_label``) and without component or annotation."""
    return {
        "conforms": report.conforms,
        "counts": severity_counts(report),
        "findings": [
            {
                "severity": f.severity,
                "focus": f.focus,
                "plan": f.plan,
                "plan_label": report.plans.get(f.plan) if f.plan else None,
                "shape": f.shape,
                "path": f.path,
                "value": f.value,
                "message_vi": f.message_vi,
                "message_en": f.message_en,
                "quote": f.quote,
            }
            for f in report.findings
        ],
    }


# ---------------------------------------------------------------- the SHACL report graph


def _term(value: str) -> URIRef | Literal:
    return URIRef(value) if value.startswith(("http://", "https://", "urn:")) else Literal(value)


def report_graph(report: ValidationReport) -> Graph:
    """The SHACL validation report as RDF; result IRIs are stable for the same finding."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("vnsh", VNSH)
    report_triples(report, g)
    return g


def report_triples(report: ValidationReport, g: TripleSink) -> TripleSink:
    """Add the SHACL validation report's triples to ``g`` (an rdflib Graph, or kg/rdf/sink.py's
    ``Triples`` where no Graph is needed: a national build's report has ~10^6 triples) and return it."""
    audit = str(graph_iri("audit"))
    node = mint_iri("part", audit, "report")
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(report.conforms, datatype=XSD.boolean)))
    for triple in derivation(URIRef(audit)):  # the release that made it (kg/rdf/release.py)
        g.add(triple)
    for f in report.findings:
        # one node per finding: findings that differ only in their constraint component or message
        # (two constraints on one path) were merged into one node carrying both messages
        key = "|".join((f.shape, f.focus, f.path or "", f.value or "", f.severity, f.component, f.message_en))
        r = mint_iri("part", audit, f"result/{short_hash(key, 16)}")
        g.add((node, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.focusNode, _term(f.focus)))
        g.add((r, SH.resultSeverity, SH[f.severity]))
        g.add((r, SH.sourceShape, _term(f.shape)))
        g.add((r, SH.sourceConstraintComponent, URIRef(f.component)))
        g.add((r, SH.resultMessage, Literal(f.message_vi, lang="vi")))
        g.add((r, SH.resultMessage, Literal(f.message_en, lang="en")))
        if f.path:
            g.add((r, SH.resultPath, URIRef(f.path)))
        if f.value is not None:
            g.add((r, SH.value, _term(f.value)))
        if f.plan:
            g.add((r, AUDITED_PLAN, URIRef(f.plan)))
        if f.annotation:
            g.add((r, EVIDENCE, URIRef(f.annotation)))
    return g
