"""Read-only by default, token-protected update, no outbound requests (SERVICE/LOAD/FROM refused
before execution), and SPARQLWrapper as a client — against real gunicorn servers (issue 5, row 2)."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, SPARQLWrapper

from service.protocol.guard import analyse
from tests.servers import HB_PLAN, QN_GRAPH, Canary, call, sparql

INSERT = 'INSERT DATA { GRAPH <https://w3id.org/vnge/graph/audit> { <urn:x:a> <urn:x:p> "added" } }'
ASK_ADDED = 'ASK { <urn:x:a> <urn:x:p> "added" }'


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <{url}/x> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}/y> { ?s ?p ?o } } } }",
    "ASK { FILTER EXISTS { SERVICE <{url}/z> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { SERVICE <{url}/u> { ?s ?p ?o } } }",
    "SELECT * FROM <{url}/graph.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <{url}/graph.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
], ids=["service", "optional-silent", "subquery", "filter-exists", "construct-union", "from", "from-named"])
def test_remote_access_in_queries_is_refused_before_execution(live_server, canary, query: str) -> None:
    status, _, body = sparql(live_server, query.replace("{url}", canary), "POST-form")
    error = json.loads(body)
    assert status == 403 and error["ok"] is False
    assert Canary.hits == []  # nothing reached the network


def test_remote_dataset_parameters_are_refused(live_server, canary) -> None:
    status, _, body = sparql(live_server, "ASK { ?s ?p ?o }", default_graph_uri=canary + "/g")
    assert status == 403 and "default-graph-uri" in json.loads(body)["error"]
    assert Canary.hits == []


def test_keywords_inside_strings_and_comments_are_not_operations(live_server) -> None:
    query = '# SERVICE <http://example.org/> and LOAD\nSELECT ("SERVICE <http://x/> LOAD" AS ?t) WHERE {}'
    status, _, body = sparql(live_server, query)
    assert status == 200 and "SERVICE" in json.loads(body)["results"]["bindings"][0]["t"]["value"]


def test_guard_falls_back_to_a_lexical_scan_when_rdflib_cannot_parse() -> None:
    # RDF-star syntax is outside rdflib's SPARQL grammar; SERVICE must still be seen
    analysis = analyse("SELECT * WHERE { << ?s ?p ?o >> ?q ?z . SERVICE <http://e/> { ?a ?b ?c } }")
    assert analysis.parsed is False and analysis.service is True
    assert analyse("SELECT * WHERE { << ?s ?p ?o >> ?q ?z }").service is False


def test_update_is_refused_on_a_read_only_server(live_server) -> None:
    body = urllib.parse.urlencode({"update": INSERT}).encode()
    status, _, out = call(live_server.url + "/sparql", "POST", None, body, "application/x-www-form-urlencoded",
                          {"Authorization": "Bearer anything"})
    assert status == 403 and "read-only" in json.loads(out)["error"]
    assert json.loads(sparql(live_server, ASK_ADDED)[2])["boolean"] is False


def test_update_by_get_is_405(live_server) -> None:
    status, _, out = call(live_server.url + "/sparql?" + urllib.parse.urlencode({"update": INSERT}), "GET")
    assert status == 405 and "POST" in json.loads(out)["error"]


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic czNjcmV0"])
def test_update_needs_the_right_token(update_server, auth: str | None) -> None:
    headers = {"Authorization": auth} if auth else {}
    status, _, out = call(update_server.url + "/update", "POST", None, INSERT.encode(),
                          "application/sparql-update", headers)
    assert status == 403 and "token" in json.loads(out)["error"]


def test_update_with_token_changes_the_data_for_every_worker(update_server) -> None:
    status, _, out = call(update_server.url + "/sparql", "POST", None, INSERT.encode(),
                          "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 200, out
    # several requests, so both gunicorn workers (and their query processes) answer at least once
    answers = {json.loads(sparql(update_server, ASK_ADDED)[2])["boolean"] for _ in range(12)}
    assert answers == {True}
    status, headers, body = call(update_server.url + "/sparql", "GET", "text/turtle")
    assert b"SPARQL11Update" in body  # the service description says updates are possible


def test_load_is_refused_even_with_the_token(update_server, canary) -> None:
    status, _, out = call(update_server.url + "/update", "POST", None, f"LOAD <{canary}/data.ttl>".encode(),
                          "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 403 and "LOAD" in json.loads(out)["error"]
    assert Canary.hits == []


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(live_server, fmt: str) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(f"SELECT ?n WHERE {{ <{HB_PLAN}> <http://data.europa.eu/eli/ontology#number> ?n }}")
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        assert result["results"]["bindings"][0]["n"]["value"] == "258/KH-UBND"
    elif fmt == XML:
        assert [lit.firstChild.data for lit in result.getElementsByTagName("literal")] == ["258/KH-UBND"]
    else:
        assert "258/KH-UBND" in result.decode()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_ask_and_construct(live_server, method: str) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setMethod(method)
    client.setQuery(f"ASK {{ GRAPH <{QN_GRAPH}> {{ ?s ?p ?o }} }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    for fmt in (TURTLE, N3):
        client.setQuery(f"CONSTRUCT WHERE {{ <{HB_PLAN}> <http://data.europa.eu/eli/ontology#number> ?n }}")
        client.setReturnFormat(fmt)
        data = client.query().convert()
        assert b"258/KH-UBND" in data


def test_sparqlwrapper_sees_http_errors(live_server) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery("SELECT WHERE {")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_canned_results_are_recomputed_after_an_update(update_server) -> None:
    url = update_server.url + "/queries/audit-findings-by-plan?format=json&plan=" + HB_PLAN

    def findings() -> int:
        return len(json.loads(call(url, "GET")[2])["results"]["bindings"])

    before = [findings() for _ in range(4)]  # memoised per data version, in each worker
    finding = (f'INSERT DATA {{ GRAPH <https://w3id.org/vnge/graph/audit> {{ <urn:x:f> '
               f'<http://www.w3.org/ns/shacl#focusNode> <{HB_PLAN}> ; '
               f'<http://www.w3.org/ns/shacl#resultMessage> "new finding" }} }}')
    status, _, out = call(update_server.url + "/update", "POST", None, finding.encode(),
                          "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 200, out
    after = {findings() for _ in range(6)}
    assert set(before) == {before[0]} and after == {before[0] + 1}
