"""``/validate``: the validation report (SHACL shapes + hierarchy audits) over HTTP.

The report is the one stored in the audit named graph (``{BASE}graph/audit``) by the last
``kg build`` or ``kg validate``, kept current by ``kg ingest``, ``kg remove`` and uploads for the
plans they touch. When some findings are older than the data (marks in graph/audit,
kg/validation/scoped.py), the page says so (:func:`stale_notice`). This page reads the report
with SPARQL (cheap at any size) into kg's report model and renders it with kg's report functions
(kg/validation/report.py) as text grouped by plan with the quoted source sentence of each finding,
or as JSON; as HTML with its template; or as the SHACL report graph in Turtle.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from rdflib import Graph, Literal, URIRef

from kg.validation import Finding, ValidationReport, brief_json, brief_text, severity_counts
from kg.validation.scoped import report_iri
from service.errors import ServiceError
from service.labels import check_iri, select
from service.pages.report_csv import csv_response
from service.pages.report_filters import SEVERITY_VI, ReportFilter, by_severity, check_options, plan_summary
from service.state import state

bp = Blueprint("validation", __name__)
HTML_FINDINGS = 500  # findings listed on the page (the CSV and JSON have them all)
HTML_PLANS = 200  # rows of the per-plan summary on the page
FORMATS = {"json": "application/json", "text": "text/plain", "turtle": "text/turtle", "html": "text/html",
           "csv": "text/csv"}


def _audit_graph() -> str:
    return current_app.config["VNGE_BASE"] + "graph/audit"


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return term[1] if term else None


def stored_report(plan: str | None = None) -> ValidationReport:
    """The stored findings (optionally of one plan) as a report, in kg's order, with their quotes.

    Fields the stored graph lacks stay None. The component and the annotation are not read:
    /validate shows neither, and the order of findings that differ only in their component would
    change (kg's reports sort them by component, this page has sorted them by message)."""
    where_plan = f"FILTER(?plan = <{check_iri(plan)}>)" if plan else ""
    rows = select(f"""SELECT ?r ?severity ?focus ?plan ?planLabel ?shape ?path ?value ?vi ?en ?quote WHERE {{
      GRAPH <{_audit_graph()}> {{
        ?r a sh:ValidationResult ; sh:resultSeverity ?severity ; sh:focusNode ?focus .
        OPTIONAL {{ ?r vnp:auditedPlan ?plan }}
        OPTIONAL {{ ?r sh:sourceShape ?shape }}
        OPTIONAL {{ ?r sh:resultPath ?path }}
        OPTIONAL {{ ?r sh:value ?value }}
        OPTIONAL {{ ?r sh:resultMessage ?vi FILTER(lang(?vi) = "vi") }}
        OPTIONAL {{ ?r sh:resultMessage ?en FILTER(lang(?en) = "en") }}
      }}
      {where_plan}
      # each OPTIONAL binds its own start from ?r: a finding without evidence or plan gets no
      # quote or label (an OPTIONAL on an unbound ?annotation or ?plan matched any of them)
      OPTIONAL {{ GRAPH <{_audit_graph()}> {{ ?r vnp:evidence ?annotation }}
                  ?annotation oa:exact ?quote }}
      OPTIONAL {{ GRAPH <{_audit_graph()}> {{ ?r vnp:auditedPlan ?labelled }}
                  ?labelled rdfs:label ?planLabel FILTER(lang(?planLabel) = "vi") }}
    }}""", whole=True)
    found: dict[str, tuple[Finding, str | None]] = {}
    for row in rows:
        key = _value(row, "r") or ""
        if key in found:
            continue
        finding = Finding(
            severity=(_value(row, "severity") or "").rsplit("#", 1)[-1],
            focus=row["focus"][1],
            shape=_value(row, "shape"),  # type: ignore[arg-type]
            component="",
            message_vi=_value(row, "vi"),  # type: ignore[arg-type]
            message_en=_value(row, "en"),  # type: ignore[arg-type]
            plan=_value(row, "plan"),
            path=_value(row, "path"),
            value=_value(row, "value"),
            quote=_value(row, "quote"),
        )
        found[key] = (finding, _value(row, "planLabel"))
    ordered = sorted(found.values(), key=lambda pair: pair[0].sort_key())
    report = ValidationReport(findings=[f for f, _ in ordered])
    for f, label in ordered:
        if f.plan and label:
            report.plans.setdefault(f.plan, label)
    return report


def staleness() -> tuple[list[str], bool]:
    """(plans whose stored findings are older than their data, whether the data was changed by a
    SPARQL update since the report was made), from the marks in graph/audit (kg/validation/scoped.py);
    once per data version."""
    def compute() -> tuple[list[str], bool]:
        report = str(report_iri())
        rows = select(f"SELECT ?p ?changed WHERE {{ GRAPH <{_audit_graph()}> {{ "
                      f"{{ <{report}> vnp:outdatedPlan ?p }} UNION "
                      f"{{ <{report}> vnp:dataChanged ?changed }} }} }}")
        return sorted(r["p"][1] for r in rows if "p" in r), any("changed" in r for r in rows)
    return state().cached("audit-staleness", compute)


def stale_notice(plans: list[str] | None = None) -> str:
    """What a page says when the findings it shows (of ``plans``, or of any plan) are older than the
    data; empty when they are current."""
    outdated, changed = staleness()
    concerned = [p for p in outdated if plans is None or p in plans]
    parts = []
    if concerned:
        plans = f"{len(concerned)} plan{'s' if len(concerned) > 1 else ''}"
        parts.append(f"The findings of {plans} are older than their data (they changed, and their "
                     "findings were not re-run: an interrupted ingest, or a change touching more plans "
                     "than an ingest re-checks).")
    if changed:
        parts.append("The data was changed by a SPARQL update after this report was made.")
    if parts:
        parts.append("Running “kg validate” on the store brings the report up to date.")
    return " ".join(parts)


def finding_counts(plans: list[str]) -> dict[str, dict[str, int]]:
    """{plan: {severity: number of stored findings}} of ``plans``."""
    values = " ".join(f"<{check_iri(p)}>" for p in sorted(set(plans)))
    if not values:
        return {}
    rows = select(f"SELECT ?plan ?severity (COUNT(DISTINCT ?r) AS ?n) WHERE {{ VALUES ?plan {{ {values} }} "
                  f"GRAPH <{_audit_graph()}> {{ ?r vnp:auditedPlan ?plan ; sh:resultSeverity ?severity }} }} "
                  "GROUP BY ?plan ?severity")
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        severity = row["severity"][1].rsplit("#", 1)[-1]
        out.setdefault(row["plan"][1], {})[severity] = int(row["n"][1])
    return out


def _turtle() -> Response:
    """The stored SHACL report graph as it is."""
    g = Graph()
    rows = select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{_audit_graph()}> {{ ?s ?p ?o }} }}", whole=True)
    for row in rows:
        s, p, o = row["s"], row["p"], row["o"]
        obj = URIRef(o[1]) if o[0] == "uri" else Literal(o[1], lang=o[3]) if o[3] else \
            Literal(o[1], datatype=URIRef(o[2]))
        g.add((URIRef(s[1]), URIRef(p[1]), obj))
    g.bind("sh", "http://www.w3.org/ns/shacl#")
    g.bind("vnp", "https://w3id.org/vnge/ontology#")
    return Response(g.serialize(format="turtle"), mimetype=FORMATS["turtle"])


def _format() -> str:
    fmt = request.args.get("format")
    if fmt:
        if fmt not in FORMATS:
            raise ServiceError(f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}.", status=406)
        return fmt
    by_type = {mime: fmt for fmt, mime in FORMATS.items()}
    best = request.accept_mimetypes.best_match(["text/html", *by_type], default="application/json")
    return by_type[best]


@bp.route("/validate")
@bp.route("/validate.csv", endpoint="validate_csv", defaults={"fmt": "csv"})
def validate(fmt: str | None = None) -> Response | str:
    """The report, filtered by ``severity``, ``plan`` and ``audit`` (a shape or audit) in every
    format but Turtle (the stored SHACL graph as it is)."""
    fmt = fmt or _format()
    selection = ReportFilter.from_args(request.args)
    if fmt == "turtle":
        return _turtle()
    whole: ValidationReport = state().cached("stored-report", stored_report)  # once per data version
    report = selection.apply(whole)
    plan = selection.plan or None
    outdated, changed = staleness()
    notice = stale_notice([plan] if plan else None)
    if fmt == "csv":
        return csv_response(report, selection)
    if fmt == "json":
        return jsonify({"ok": True, **brief_json(report), "graph": _audit_graph(), "current": not notice,
                        "outdated_plans": [p for p in outdated if not plan or p == plan],
                        "data_changed": changed, "notice": notice,
                        "filters": selection.params()})
    if fmt == "text":
        text = brief_text(report)
        return Response(f"NOTE: {notice}\n\n{text}" if notice else text, mimetype="text/plain")
    scope = replace(selection, severity="").apply(whole)  # the severity choices keep plan and check
    return render_template("validate.html", title="Kiểm tra · Validation", counts=severity_counts(scope),
                           conforms=whole.conforms,
                           shown=severity_counts(report), groups=by_severity(report.findings[:HTML_FINDINGS]),
                           labels=whole.plans, plan=plan, selection=selection, severity_vi=SEVERITY_VI,
                           summary=plan_summary(whole), checks=check_options(whole),
                           graph=_audit_graph(), notice=notice, outdated=outdated,
                           max_findings=HTML_FINDINGS, max_plans=HTML_PLANS)
