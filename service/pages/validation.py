"""``/validate``: the validation report (SHACL shapes + hierarchy audits) over HTTP.

The report is the one stored in the audit named graph (``{BASE}graph/audit``) by the last
``kg build`` or ``kg validate``; this page reads it with SPARQL (cheap at any size) into kg's
report model and renders it with kg's report functions (kg/validation/report.py) as text grouped
by plan with the quoted source sentence of each finding, or as JSON; as HTML with its template; or
as the SHACL report graph in Turtle.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from rdflib import Graph, Literal, URIRef

from kg.validation import Finding, ValidationReport, brief_json, brief_text, by_plan, severity_counts
from service.errors import ServiceError
from service.labels import check_iri, select

bp = Blueprint("validation", __name__)
FORMATS = {"json": "application/json", "text": "text/plain", "turtle": "text/turtle", "html": "text/html"}


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
                  ?annotation oa:hasTarget/oa:hasSelector/oa:exact ?quote }}
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
def validate() -> Response | str:
    fmt = _format()
    plan = request.args.get("plan") or None
    if fmt == "turtle":
        return _turtle()
    report = stored_report(plan)
    if fmt == "json":
        return jsonify({"ok": True, **brief_json(report), "graph": _audit_graph()})
    if fmt == "text":
        return Response(brief_text(report), mimetype="text/plain")
    return render_template("validate.html", title="Kiểm tra · Validation", counts=severity_counts(report),
                           groups=by_plan(report.findings), labels=report.plans, plan=plan,
                           graph=_audit_graph())
