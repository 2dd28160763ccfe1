"""Compact JSON-LD (https://www.w3.org/TR/json-ld11/#compacted-document-form) with the service's
published context.

``/context.jsonld`` is the context: the project's prefixes (kg.rdf.namespaces.PREFIXES), so
properties and classes read ``rdfs:label``, ``vnp:implements``, ``eli:number``. Entity pages in
JSON-LD are compacted with it by rdflib and name it by its URL instead of repeating it inline; a
JSON-LD processor fetches it from there (it is served with CORS like the other API paths).
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, Response, request, url_for
from rdflib import Graph

from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import tuple_to_rdflib

bp = Blueprint("jsonld", __name__)
MIMETYPE = "application/ld+json"
_ROOT = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?/$|^https?://\[[0-9A-Fa-f:.]+\](?::\d{1,5})?/$")


def context() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}


def context_url() -> str:
    """The context's absolute URL on this server (a malformed Host gets http://localhost/)."""
    root = request.url_root if _ROOT.match(request.url_root) else "http://localhost/"
    return root.rstrip("/") + url_for("jsonld.context_document")


def compact(triples: list[tuple[Any, Any, Any]], first: str = "") -> bytes:
    """``triples`` (term tuples from the query pool) as compacted JSON-LD naming the published
    context; the node ``first`` (the entity a page is about) leads the ``@graph``."""
    graph = Graph()
    for s, p, o in triples:
        graph.add((tuple_to_rdflib(s), tuple_to_rdflib(p), tuple_to_rdflib(o)))
    document = json.loads(graph.serialize(format="json-ld", context=context()))
    if isinstance(document, dict):
        document["@context"] = context_url()
        nodes = document.get("@graph")
        if isinstance(nodes, list):
            nodes.sort(key=lambda node: node.get("@id") != first)
        document = {"@context": document.pop("@context"), **document}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


@bp.route("/context.jsonld")
def context_document() -> Response:
    response = Response(json.dumps({"@context": context()}, indent=1), mimetype=MIMETYPE)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
