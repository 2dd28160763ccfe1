"""SPARQL Service Description (https://www.w3.org/TR/sparql11-service-description/) and VoID.

The service description is returned at the endpoint URL when no query is given; the VoID
description (https://www.w3.org/TR/void/) at ``/void`` and ``/.well-known/void``, with triple
counts per named graph computed once per data version.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.rdf.namespaces import SD, VNC, VNP, VOID, short_hash
from kg.rdf.terms import rdflib_to_tuple
from service.protocol.results import GRAPH_FORMATS, RESULT_FORMATS, negotiate, serialise
from service.state import state

bp = Blueprint("describe", __name__)

_FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
}


def graph_counts() -> list[tuple[str, int]]:
    """(named graph IRI, triple count), sorted by IRI; computed once per data version (~8 s on
    2.9M triples, hence the canned-query time limit and the shared cache)."""
    def compute() -> list[tuple[str, int]]:
        result = state().pool.execute({"op": "query", "max_rows": 0, "query": (
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")},
            timeout=float(current_app.config["VNGE_CANNED_TIMEOUT"]), setting="VNGE_CANNED_TIMEOUT")
        return [(row[0][1], int(row[1][1])) for row in result["rows"]]
    return state().memo("graph-counts", compute)


def _endpoint_iri() -> URIRef:
    return URIRef(_root().rstrip("/") + url_for("sparql.endpoint"))


def service_description() -> Graph:
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = URIRef(_endpoint_iri() + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, _endpoint_iri()))
    for lang in ("SPARQL11Query", "SPARQL11Update") if current_app.config["VNGE_UPDATE_TOKEN"] else (
            "SPARQL11Query",):
        g.add((service, SD.supportedLanguage, SD[lang]))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    if current_app.config["VNGE_ALLOW_SERVICE"]:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    for f in RESULT_FORMATS + GRAPH_FORMATS:
        if f.key in _FORMAT_IRIS:
            g.add((service, SD.resultFormat, URIRef(_FORMAT_IRIS[f.key])))
    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.description, Literal(
        "Vietnam's gender-equality communication plans; the default graph is the union of the named "
        "graphs", lang="en")))
    default = BNode("default")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    total = 0
    for iri, count in graph_counts():
        named = BNode("g" + short_hash(iri, 12))
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
        inner = BNode(str(named) + "g")
        g.add((named, SD.graph, inner))
        g.add((inner, RDF.type, SD.Graph))
        g.add((inner, VOID.triples, Literal(count, datatype=XSD.integer)))
        total += count
    g.add((default, VOID.triples, Literal(total, datatype=XSD.integer)))
    return g


PLACEHOLDER_ROOT = "http://placeholder.vnge.invalid/"
_ROOT = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?/$|^https?://\[[0-9A-Fa-f:.]+\](?::\d{1,5})?/$")


def _root() -> str:
    """The root of the service's own URLs in a description (replaced per request, see below)."""
    return PLACEHOLDER_ROOT


def void_description() -> Graph:
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    dataset = URIRef(_root().rstrip("/") + url_for("describe.void") + "#dataset")
    base = current_app.config["VNGE_BASE"]
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("Kế hoạch truyền thông bình đẳng giới", lang="vi")))
    g.add((dataset, DCTERMS.title, Literal("Vietnam gender-equality communication plans", lang="en")))
    g.add((dataset, VOID.sparqlEndpoint, _endpoint_iri()))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    g.add((dataset, VOID.uriLookupEndpoint, Literal(_root().rstrip("/") + "/resource?iri=")))
    if state().pool.spec.embedded:  # /dump: every graph as gzipped N-Quads (service/protocol/dump.py)
        g.add((dataset, VOID.dataDump, URIRef(_root().rstrip("/") + url_for("dump.dump"))))
    for vocab in (str(VNP), str(VNC), "http://data.europa.eu/eli/ontology#", "http://www.w3.org/ns/org#",
                  "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
                  "http://www.w3.org/2004/02/skos/core#"):
        g.add((dataset, VOID.vocabulary, URIRef(vocab)))
    total = 0
    for iri, count in graph_counts():
        subset = URIRef(iri)
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, Literal(count, datatype=XSD.integer)))
        g.add((subset, VOID.sparqlEndpoint, _endpoint_iri()))
        total += count
    g.add((dataset, VOID.triples, Literal(total, datatype=XSD.integer)))
    return g


def graph_response(build: Callable[[], Graph], cache_key: str, fmt_param: str | None = None) -> Response:
    """The description built by ``build``, serialised by pyoxigraph (rdflib's Turtle writer took 24 s
    for the VoID of 11k graphs) and cached per data version, format and host."""
    accept = request.accept_mimetypes if request.headers.get("Accept") else None
    fmt = negotiate("GRAPH", accept, fmt_param)
    if fmt.key == "html":
        fmt = GRAPH_FORMATS[0]

    def body() -> bytes:
        g = build()
        triples = [(rdflib_to_tuple(s), rdflib_to_tuple(p), rdflib_to_tuple(o)) for s, p, o in sorted(g)]
        return serialise({"form": "GRAPH", "triples": triples}, fmt)

    # cached once per data version and format, whatever the Host header: the description is made
    # for a placeholder root and the request's root put in at the end (only a well-formed one)
    key = f"{cache_key} {fmt.key} {current_app.config['VNGE_UPDATE_TOKEN'] != ''}"
    cached = state().cached(key, body)
    root = request.url_root if _ROOT.match(request.url_root) else "http://localhost/"
    response = Response(cached.replace(PLACEHOLDER_ROOT.encode(), root.encode()), mimetype=fmt.mimetype)
    response.headers["Vary"] = "Accept"
    return response


def service_description_response() -> Response:
    accept = request.accept_mimetypes
    if request.headers.get("Accept") and accept["text/html"] > accept["text/turtle"] and not request.args.get(
            "format"):
        return redirect(url_for("views.editor"))  # a browser opening the endpoint URL gets the editor
    return graph_response(service_description, "sd", request.args.get("format"))


@bp.route("/void")
@bp.route("/.well-known/void", endpoint="well_known_void")
def void() -> Response:
    """VoID in RDF (Turtle by default) for RDF clients; a page for browsers (``Accept`` preferring
    HTML, or ``format=html``)."""
    accept = request.accept_mimetypes if request.headers.get("Accept") else None
    if negotiate("GRAPH", accept, request.args.get("format")).key == "html":
        response = Response(void_page(), mimetype="text/html")
        response.headers["Vary"] = "Accept"
        return response
    return graph_response(void_description, "void", request.args.get("format"))


PLAN_GRAPHS_LISTED = 100  # plan graphs named on the HTML page (the RDF lists them all)


def void_page() -> str:
    """The VoID description as a page: the dataset, its access points, vocabularies and graphs."""
    base = current_app.config["VNGE_BASE"]
    counts = graph_counts()
    plan_prefix = base + "graph/plan/"
    plans = [(iri, n) for iri, n in counts if iri.startswith(plan_prefix)]
    others = [(iri, n) for iri, n in counts if not iri.startswith(plan_prefix)]
    vocabularies = sorted(str(v) for v in void_description().objects(None, VOID.vocabulary))
    return render_template("void.html", title="VoID · Mô tả bộ dữ liệu", base=base, others=others,
                           plans=plans[:PLAN_GRAPHS_LISTED], plan_count=len(plans),
                           plan_triples=sum(n for _, n in plans), total=sum(n for _, n in counts),
                           vocabularies=vocabularies, dump=state().pool.spec.embedded,
                           formats=[f for f in GRAPH_FORMATS if f.key != "html"])
