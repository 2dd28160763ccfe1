"""``/validate``: the validation report (SHACL shapes + hierarchy audits) over HTTP.

The report is the one stored in the audit named graph (``{BASE}graph/audit``) by the last
``kg build`` or ``kg validate``; this page reads it with SPARQL (cheap at any size) and renders
it as HTML or text grouped by plan with the quoted source sentence of each finding, as JSON, or
as the SHACL report graph in Turtle.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from kg.validation.model import finding_order
from service.errors import ServiceError
from service.labels import check_iri, select

bp = Blueprint("validation", __name__)
SEVERITIES = ("Violation", "Warning", "Info")
FORMATS = {"json": "application/json", "text": "text/plain", "turtle": "text/turtle", "html": "text/html"}


def _audit_graph() -> str:
    return current_app.config["VNGE_BASE"] + "graph/audit"


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return term[1] if term else None


def findings(plan: str | None = None) -> list[dict[str, Any]]:
    """Every stored finding (optionally of one plan), worst first, with its quote."""
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
        OPTIONAL {{ ?r vnp:evidence ?annotation }}
      }}
      {where_plan}
      OPTIONAL {{ ?annotation oa:hasTarget/oa:hasSelector/oa:exact ?quote }}
      OPTIONAL {{ ?plan rdfs:label ?planLabel FILTER(lang(?planLabel) = "vi") }}
    }}""", whole=True)
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = _value(row, "r") or ""
        if key in out:
            continue
        out[key] = {
            "severity": (_value(row, "severity") or "").rsplit("#", 1)[-1],
            "focus": _value(row, "focus"),
            "plan": _value(row, "plan"),
            "plan_label": _value(row, "planLabel"),
            "shape": _value(row, "shape"),
            "path": _value(row, "path"),
            "value": _value(row, "value"),
            "message_vi": _value(row, "vi"),
            "message_en": _value(row, "en"),
            "quote": _value(row, "quote"),
        }
    return sorted(out.values(), key=finding_order)


def _counts(items: list[dict[str, Any]]) -> dict[str, int]:
    return {s: sum(f["severity"] == s for f in items) for s in SEVERITIES}


def _by_plan(items: list[dict[str, Any]]) -> OrderedDict[str, list[dict[str, Any]]]:
    groups: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for f in items:
        groups.setdefault(f["plan"] or "", []).append(f)
    return groups


def _text(items: list[dict[str, Any]]) -> str:
    counts = _counts(items)
    lines = [f"{'conforms' if not counts['Violation'] else 'does NOT conform'}: "
             + ", ".join(f"{n} {s.lower()}s" for s, n in counts.items()), ""]
    for plan, group in _by_plan(items).items():
        lines.append(f"== {group[0]['plan_label'] or plan or '(not tied to a plan)'}")
        if plan:
            lines.append(f"   {plan}")
        for f in group:
            lines.append(f"[{f['severity']}] {f['message_en'] or ''}")
            if f["message_vi"]:
                lines.append(f"    vi: {f['message_vi']}")
            lines.append(f"    at: {f['focus']}" + (f" ({f['path']})" if f["path"] else ""))
            if f["quote"]:
                lines.append(f"    « {' '.join(f['quote'].split())} »")
        lines.append("")
    return "\n".join(lines)


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
        from rdflib import Graph, Literal, URIRef

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
    items = findings(plan)
    counts = _counts(items)
    if fmt == "json":
        from flask import jsonify

        return jsonify({"ok": True, "conforms": counts["Violation"] == 0, "counts": counts,
                        "graph": _audit_graph(), "findings": items})
    if fmt == "text":
        return Response(_text(items), mimetype="text/plain; charset=utf-8")
    return render_template("validate.html", title="Kiểm tra · Validation", counts=counts,
                           groups=_by_plan(items), plan=plan, graph=_audit_graph())
