"""SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/), read-only:
``GET /graph-store?graph=IRI`` (one named graph) and ``GET /graph-store?default`` (the default graph:
the union of all named graphs), in Turtle, N-Triples, JSON-LD or RDF/XML by ``Accept`` or
``format=`` (HTML for browsers).

The graph is read through the query pool like any CONSTRUCT (the same time limit, memory cap and
per-client limit), with the graph IRI bound as a parameter, never spliced into the query text. A
graph larger than one response may carry (``VNGE_MAX_ROWS`` triples, ``VNGE_MAX_RESULT_BYTES``) is
refused rather than served cut, with a pointer to ``/dump``: a client saving the response must
never mistake part of a graph for the whole. A graph that does not exist is 404. Writing (PUT, POST,
DELETE) is not offered: 405 (updates go through SPARQL Update with the token).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from service.errors import ForbiddenOperation, ServiceError
from service.labels import check_iri
from service.protocol.sparql import result_response, run_query

bp = Blueprint("graphstore", __name__)

_NAMED = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"
_DEFAULT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@bp.route("/graph-store", methods=["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"])
def graph_store() -> Response:
    if request.method not in ("GET", "HEAD"):
        raise ServiceError("The Graph Store here is read-only (GET): change the data with SPARQL Update "
                           "(POST /update with the token) instead.", 405)
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if default == bool(graphs) or len(graphs) > 1:
        raise ServiceError("Name one graph: /graph-store?graph=<graph IRI> (the graphs are listed at /void), "
                           "or /graph-store?default for the default graph (the union of all graphs).")
    fmt_param = request.args.get("format")
    if default:
        fmt, result = run_query(_DEFAULT, fmt_param=fmt_param)
        title = "Default graph (union of all graphs)"
    else:
        iri = check_iri(graphs[0])
        fmt, result = run_query(_NAMED, substitutions={"graph": ("uri", iri)}, fmt_param=fmt_param)
        title = f"Graph <{iri}>"
        if not result.get("triples"):
            raise ServiceError(f"There is no graph <{iri}> in this store; /void lists the graphs.", 404)
    if result.get("truncated"):
        cap = current_app.config["VNGE_MAX_ROWS"]
        raise ForbiddenOperation(
            f"This graph is larger than one response may carry ({cap} triples, VNGE_MAX_ROWS; "
            f"{current_app.config['VNGE_MAX_RESULT_BYTES']} bytes, VNGE_MAX_RESULT_BYTES): download the "
            "whole dataset from /dump (gzipped N-Quads) instead.")
    seen: set[tuple] = set()
    triples = []
    for triple in result["triples"]:  # the union may hold a triple once per graph
        key = tuple(triple)
        if key not in seen:
            seen.add(key)
            triples.append(triple)
    return result_response(fmt, {**result, "triples": triples}, title=title)
