"""Dereferenceable entities: every IRI under the base resolves here (``/{path}``); any IRI via
``/resource?iri=``. HTML shows labels, facts, incoming links, the quoted source sentence with its
plan, and audit findings; Turtle, N-Triples, JSON-LD and RDF/XML by content negotiation.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from kg.rdf.context import evidence_span
from service.errors import ServiceError
from service.labels import PREFIXES, check_iri, labels_for, select
from service.pages.dossier.dispatch import page_for
from service.pages.network import is_document
from service.pages.present import TYPE, group_facts, group_incoming, term_names, type_tags
from service.pages.validation import stale_notice, staleness
from service.protocol.jsonld import compact
from service.protocol.results import negotiate, serialise
from service.state import state

bp = Blueprint("entity", __name__)
_LIMIT = 2000


def _facts(iri: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    outgoing = select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} "
                      f"ORDER BY ?p ?o LIMIT {_LIMIT}")
    incoming = select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s LIMIT {_LIMIT}")
    return outgoing, incoming


def _sources(iri: str) -> list[dict[str, Any]]:
    """The quoted source sentences of ``iri`` (its ``vnp:evidence`` spans) with the plan they come from.

    Small bound queries joined here: with OPTIONAL, the engine evaluates the optional side over the
    whole graph (seconds on a national store) before joining. A span is ``{source}#char={start},{end}``
    (RFC 5147): its offsets are read from its IRI.
    """
    quotes = select(f"""SELECT DISTINCT ?t ?exact WHERE {{ <{iri}> vnp:evidence ?t . ?t oa:exact ?exact }}
      ORDER BY ?t ?exact""")
    if not quotes:
        return []
    spans = {r["t"][1]: evidence_span(r["t"][1]) for r in quotes if r["t"][0] == "uri"}
    sources = " ".join(sorted({f"<{s[0]}>" for s in spans.values() if s})) or "<urn:vnge:none>"
    extra: dict[str, dict[str, Any]] = {}
    for query in (f"SELECT ?src ?file WHERE {{ VALUES ?src {{ {sources} }} ?src vnp:fileName ?file }}",
                  f"SELECT ?src ?plan WHERE {{ VALUES ?src {{ {sources} }} "
                  "?plan prov:wasDerivedFrom ?src }"):
        for row in select(query):
            extra.setdefault(row["src"][1], {}).update({k: v for k, v in row.items() if k != "src"})
    rows = []
    for r in quotes:
        span = spans.get(r["t"][1])
        row: dict[str, Any] = {"exact": r["exact"]}
        if span:
            row.update(extra.get(span[0], {}))
            row.update(start=("literal", str(span[1])), end=("literal", str(span[2])))
        rows.append(row)
    return sorted(rows, key=lambda r: (r.get("plan", ("", ""))[1], int(r["start"][1]) if "start" in r else 0,
                                       r["exact"][1]))


def _findings(iri: str) -> list[dict[str, Any]]:
    return select(f"""SELECT DISTINCT ?severity ?message ?path ?plan WHERE {{
      ?r sh:focusNode <{iri}> ; sh:resultMessage ?message .
      OPTIONAL {{ ?r sh:resultSeverity ?severity }} OPTIONAL {{ ?r sh:resultPath ?path }}
      OPTIONAL {{ ?r vnp:auditedPlan ?plan }}
    }} ORDER BY ?severity ?message""")


def _rdf(iri: str, fmt: Any) -> Response:
    query = (PREFIXES + f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ "
             f"{{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}")
    cap = current_app.config["VNGE_MAX_ROWS"]
    result = state().pool.execute({"op": "query", "query": query, "max_rows": cap})
    body = compact(result["triples"], iri) if fmt.key == "jsonld" else serialise(result, fmt)
    response = Response(body, mimetype=fmt.mimetype)
    response.headers["Vary"] = "Accept"
    return response


def _is_graph(iri: str) -> bool:
    result = state().pool.execute({"op": "query", "query": f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"})
    return bool(result["boolean"])


def _graph_page(iri: str, fmt: Any) -> Response:
    """A named graph's IRI: its content (capped) as RDF, or a summary page with query links."""
    if fmt.key != "html":
        cap = current_app.config["VNGE_MAX_ROWS"]
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        result = state().pool.execute({"op": "query", "max_rows": cap, "query": query})
        return Response(serialise(result, fmt), mimetype=fmt.mimetype)
    count = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")[0]["n"][1]
    subjects = select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{iri}> {{ ?s a ?t }} }} ORDER BY ?s LIMIT 200")
    labels = labels_for({r["s"][1] for r in subjects if r["s"][0] == "uri"})
    body = render_template("graph.html", iri=iri, title=iri, count=int(count), subjects=subjects,
                           labels=labels)
    return Response(body, mimetype="text/html")


def show(iri: str) -> Response:
    iri = check_iri(iri)
    accept = request.accept_mimetypes if request.headers.get("Accept") else None
    fmt = negotiate("GRAPH", accept, request.args.get("format"))
    readable = page_for(iri) if fmt.key == "html" else None  # a plan, document, agency or unit
    if readable is not None:
        return readable
    outgoing, incoming = _facts(iri)
    if not outgoing and not incoming and _is_graph(iri):
        return _graph_page(iri, fmt)
    if not outgoing and not incoming:
        raise ServiceError(f"Nothing is known about <{iri}> in this graph. Try the search box.", 404)
    if fmt.key != "html":
        return _rdf(iri, fmt)
    mentioned = {iri} | {r["p"][1] for r in outgoing + incoming}
    mentioned |= {r["o"][1] for r in outgoing if r["o"][0] == "uri"} | {r["s"][1] for r in incoming
                                                                        if r["s"][0] == "uri"}
    sources, findings = _sources(iri), _findings(iri)
    mentioned |= {r["plan"][1] for r in sources if "plan" in r}
    labels = labels_for(mentioned)
    types = sorted({r["o"][1] for r in outgoing if r["p"][1] == TYPE})
    names = term_names({r["p"][1] for r in outgoing + incoming} | set(types))
    held = Counter(r["g"][1] for r in outgoing if "g" in r and r["p"][1] != TYPE)
    # the graph of most facts first: values held by another graph get a tag of their own ("inference")
    graphs = sorted({r["g"][1] for r in outgoing if "g" in r}, key=lambda g: (-held[g], g))
    concerned = [iri] + [r["plan"][1] for r in findings if "plan" in r]
    notice = stale_notice(concerned) if findings or iri in staleness()[0] else ""
    body = render_template(
        "entity.html", iri=iri, title=labels.get(iri, iri), labels=labels, names=names,
        groups=group_facts(outgoing, names), incoming=group_incoming(incoming), incoming_count=len(incoming),
        sources=sources, findings=findings, types=type_tags(types, names), graphs=graphs,
        main_graph=graphs[0] if graphs else "", limit=_LIMIT,
        truncated=len(outgoing) >= _LIMIT, notice=notice, network=is_document(types))
    response = Response(body, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/resource")
def resource() -> Response:
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise ServiceError("Give the IRI to look up: /resource?iri=<IRI>.")
    return show(iri)


@bp.route("/<path:path>")
def by_path(path: str) -> Response:
    """Any path not claimed by another page is an entity IRI under the base."""
    try:  # e.g. GET /update: the page exists for another method
        endpoint, _ = current_app.url_map.bind("localhost").match("/" + path, method="POST")
    except HTTPException:
        endpoint = None
    if endpoint is not None and endpoint != "entity.by_path":
        raise ServiceError(f"Method {request.method} is not allowed at /{path}; use POST.", 405)
    return show(current_app.config["VNGE_BASE"] + path)
