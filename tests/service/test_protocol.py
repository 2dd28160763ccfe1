"""SPARQL 1.1 Protocol conformance, against a real gunicorn server over HTTP (issue 5, rows 1–2, 4).

Every query form × method (GET, POST form, POST direct) × result format; dataset parameters;
400/403/405/406/413/415 errors with the one JSON error shape; Service Description and VoID.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
import rdflib

from tests.servers import BASE, DECISION_1790, HB_PLAN, METHODS, QN_GRAPH, QN_PLAN, call, sparql

PREFIXES = "PREFIX vnp: <https://w3id.org/vnge/ontology#>\nPREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
SELECT = PREFIXES + f"SELECT ?n ?d WHERE {{ <{HB_PLAN}> eli:number ?n ; eli:date_document ?d }}"
ASK = PREFIXES + f"ASK {{ <{HB_PLAN}> vnp:implements ?x }}"
CONSTRUCT = PREFIXES + f"CONSTRUCT {{ <{HB_PLAN}> eli:number ?n }} WHERE {{ <{HB_PLAN}> eli:number ?n }}"
DESCRIBE = f"DESCRIBE <{HB_PLAN}>"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_select_in_every_format_and_method(live_server, method: str, accept: str) -> None:
    status, headers, body = sparql(live_server, SELECT, method, accept)
    assert status == 200, body
    assert headers["content-type"].split(";")[0] == accept
    if accept.endswith("json"):
        rows = json.loads(body)["results"]["bindings"]
        assert rows == [{"n": {"type": "literal", "value": "258/KH-UBND"},
                         "d": {"type": "literal", "value": "2022-12-16",
                               "datatype": "http://www.w3.org/2001/XMLSchema#date"}}]
    elif accept.endswith("xml"):
        root = ET.fromstring(body)
        assert [v.get("name") for v in root.iter(SRX + "variable")] == ["n", "d"]
        assert [lit.text for lit in root.iter(SRX + "literal")] == ["258/KH-UBND", "2022-12-16"]
    elif accept == "text/csv":
        assert list(csv.reader(io.StringIO(body.decode()))) == [["n", "d"], ["258/KH-UBND", "2022-12-16"]]
    else:
        assert body.decode().splitlines() == [
            "?n\t?d", '"258/KH-UBND"\t"2022-12-16"^^<http://www.w3.org/2001/XMLSchema#date>']


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_ask_in_every_format_and_method(live_server, method: str, accept: str) -> None:
    status, headers, body = sparql(live_server, ASK, method, accept)
    assert status == 200, body
    if accept.endswith("json"):
        assert json.loads(body)["boolean"] is True
    elif accept.endswith("xml"):
        assert ET.fromstring(body).find(SRX + "boolean").text == "true"
    else:
        assert body.decode().split() == ["_askResult", "true"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                  ("application/ld+json", "json-ld"),
                                                  ("application/rdf+xml", "xml")])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graph_results_in_every_format_and_method(live_server, method, accept, rdflib_format, query) -> None:
    status, headers, body = sparql(live_server, query, method, accept)
    assert status == 200, body
    assert headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=body, format=rdflib_format)
    number = rdflib.URIRef("http://data.europa.eu/eli/ontology#number")
    assert (rdflib.URIRef(HB_PLAN), number, rdflib.Literal("258/KH-UBND")) in graph


@pytest.mark.parametrize("fmt,mimetype", [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                                          ("tsv", "text/tab-separated-values"),
                                          ("xml", "application/sparql-results+xml"), ("html", "text/html")])
def test_format_parameter_overrides_accept(live_server, fmt: str, mimetype: str) -> None:
    status, headers, body = sparql(live_server, SELECT, "GET", "application/sparql-results+json", format=fmt)
    assert status == 200 and headers["content-type"].split(";")[0] == mimetype
    assert "258/KH-UBND" in body.decode()


def test_no_accept_header_gives_json_for_select_and_turtle_for_construct(live_server) -> None:
    assert sparql(live_server, SELECT)[1]["content-type"].startswith("application/sparql-results+json")
    assert sparql(live_server, CONSTRUCT)[1]["content-type"].startswith("text/turtle")


def test_quality_values_are_honoured(live_server) -> None:
    _, headers, _ = sparql(live_server, SELECT, accept="application/sparql-results+json;q=0.5, text/csv")
    assert headers["content-type"].startswith("text/csv")


def test_default_graph_is_union_of_named_graphs(live_server) -> None:
    query = PREFIXES + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?p a vnp:Plan } }"
    graphs = int(json.loads(sparql(live_server, query)[2])["results"]["bindings"][0]["n"]["value"])
    plans = PREFIXES + f"ASK {{ <{QN_PLAN}> vnp:implements <{DECISION_1790}> . <{HB_PLAN}> eli:number ?n }}"
    assert graphs >= 3 and json.loads(sparql(live_server, plans)[2])["boolean"] is True


@pytest.mark.parametrize("method", METHODS)
def test_default_graph_uri_restricts_the_dataset(live_server, method: str) -> None:
    query = PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan } ORDER BY ?p"
    status, _, body = sparql(live_server, query, method, default_graph_uri=QN_GRAPH)
    assert status == 200, body
    plans = [b["p"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert plans == [QN_PLAN]


def test_named_graph_uri_restricts_graph_patterns(live_server) -> None:
    query = PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a vnp:Plan } }"
    _, _, body = sparql(live_server, query, named_graph_uri=QN_GRAPH)
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [QN_GRAPH]


def test_from_a_graph_of_this_store_is_allowed(live_server) -> None:
    query = PREFIXES + f"SELECT ?p FROM <{QN_GRAPH}> WHERE {{ ?p a vnp:Plan }}"
    status, _, body = sparql(live_server, query)
    assert status == 200 and [b["p"]["value"] for b in json.loads(body)["results"]["bindings"]] == [QN_PLAN]


@pytest.mark.parametrize("method", METHODS)
def test_syntax_error_is_400_with_the_parser_message(live_server, method: str) -> None:
    status, headers, body = sparql(live_server, "SELECT ?s WHERE { ?s ?p ", method, "application/json")
    error = json.loads(body)
    assert status == 400 and error["ok"] is False and error["status"] == 400
    assert "Syntax error" in error["error"] and "1:" in error["error"]  # line:column from the parser


def test_unsupported_media_type_is_406_naming_the_offered_types(live_server) -> None:
    status, _, body = sparql(live_server, SELECT, accept="image/png")
    error = json.loads(body)
    assert status == 406 and "application/sparql-results+json" in error["error"]
    status, _, body = sparql(live_server, CONSTRUCT, accept="application/sparql-results+json")
    assert status == 406 and "text/turtle" in json.loads(body)["error"]


def test_unknown_format_parameter_is_406(live_server) -> None:
    status, _, body = sparql(live_server, SELECT, format="pdf")
    assert status == 406 and "format='pdf'" in json.loads(body)["error"]


def test_wrong_request_body_type_is_415(live_server) -> None:
    status, _, body = call(live_server.url + "/sparql", "POST", None, SELECT.encode(), "text/plain")
    assert status == 415 and "application/sparql-query" in json.loads(body)["error"]


def test_two_query_parameters_are_rejected(live_server) -> None:
    url = live_server.url + "/sparql?" + urllib.parse.urlencode([("query", SELECT), ("query", ASK)])
    status, _, body = call(url, "GET")
    assert status == 400 and "exactly one" in json.loads(body)["error"]


def test_errors_are_html_for_browsers(live_server) -> None:
    status, headers, body = sparql(live_server, "SELEC nothing", accept="text/html,*/*;q=0.8")
    assert status == 400 and headers["content-type"].startswith("text/html")
    assert "Syntax error" in body.decode() and "Traceback" not in body.decode()


def test_service_description_at_endpoint_without_query(live_server) -> None:
    status, headers, body = call(live_server.url + "/sparql", "GET", "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(g.subjects(rdflib.RDF.type, sd.Service))
    assert (service, sd.endpoint, rdflib.URIRef(live_server.url + "/sparql")) in g
    assert (service, sd.feature, sd.UnionDefaultGraph) in g
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) not in g  # read-only server
    names = {str(o) for o in g.objects(None, sd.name)}
    assert QN_GRAPH in names and BASE + "graph/audit" in names


def test_browser_at_endpoint_gets_the_editor(live_server) -> None:
    status, headers, body = call(live_server.url + "/sparql", "GET", "text/html,*/*;q=0.8")
    assert status == 200 and b'id="yasgui"' in body


def test_void_counts_match_the_store(live_server) -> None:
    status, _, body = call(live_server.url + "/.well-known/void", "GET", "text/turtle")
    assert status == 200
    g = rdflib.Graph().parse(data=body, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = next(s for s in g.subjects(rdflib.RDF.type, void.Dataset) if (s, void.subset, None) in g)
    total = int(g.value(dataset, void.triples))
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    expected = int(json.loads(sparql(live_server, count)[2])["results"]["bindings"][0]["n"]["value"])
    assert total == expected > 0
    assert int(g.value(rdflib.URIRef(QN_GRAPH), void.triples)) > 0


def test_cors_for_browser_clients_on_other_sites(live_server) -> None:
    status, headers, _ = call(live_server.url + "/sparql", "OPTIONS", None, None, None,
                              {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    _, headers, _ = sparql(live_server, SELECT)
    assert headers["access-control-allow-origin"] == "*"


def test_named_graph_uri_alone_leaves_the_default_graph_empty(live_server) -> None:
    query = PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan }"
    status, _, body = sparql(live_server, query, named_graph_uri=QN_GRAPH)
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
