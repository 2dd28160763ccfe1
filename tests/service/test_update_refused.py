"""Updates against the real server (issue 7, item 1): without or with a wrong token nothing changes;
with the token, LOAD of local files or remote URLs and SERVICE inside an update are refused and
nothing reaches the network (a loopback canary server records every request)."""

from __future__ import annotations

import json

import pytest

from tests.servers import BASE, Canary, call, sparql

MARK = BASE + "id/test/hardening-update-mark"
INSERT = f'INSERT DATA {{ GRAPH <{BASE}graph/reference> {{ <{MARK}> <{MARK}> "x" }} }}'
ASK = f"ASK {{ <{MARK}> ?p ?o }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(server) -> int:  # type: ignore[no-untyped-def]
    return int(json.loads(sparql(server, COUNT)[2])["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Bearer s3cre", "Bearer s3cret2", "s3cret",
                                  "Bearer", "Basic czNjcmV0", "Bearer \u00e9\u00e9"])
@pytest.mark.parametrize("shape", ["direct", "form"])
def test_update_without_the_right_token_is_403_and_changes_nothing(update_server, auth, shape) -> None:
    before = _count(update_server)
    headers = {"Authorization": auth} if auth else {}
    if shape == "direct":
        status, _, out = call(update_server.url + "/update", "POST", None, INSERT.encode(),
                              "application/sparql-update", headers)
    else:
        import urllib.parse

        status, _, out = call(update_server.url + "/sparql", "POST", None,
                              urllib.parse.urlencode({"update": INSERT}).encode(),
                              "application/x-www-form-urlencoded", headers)
    assert status == 403, out
    assert json.loads(sparql(update_server, ASK)[2])["boolean"] is False
    assert _count(update_server) == before


@pytest.mark.parametrize("update", [
    "LOAD <file:///etc/passwd>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <{base}graph/x>",
    "load <{url}/data.ttl>",
    "LOAD <{url}/data.ttl> INTO GRAPH <{base}graph/reference>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; LOAD <{url}/x.ttl>",
    "# comment\nLOAD <{url}/c.ttl>",
    "INSERT {{ ?s ?p ?o }} USING <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
], ids=["file", "file-silent-into", "lowercase", "into-own-graph", "service-in-update", "after-insert",
        "after-comment", "using-remote"])
def test_remote_or_local_loading_in_updates_is_refused_even_with_the_token(update_server, canary, update) -> None:
    before = _count(update_server)
    text = update.format(url=canary, base=BASE)
    status, _, out = call(update_server.url + "/update", "POST", None, text.encode(),
                          "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 403, out
    assert Canary.hits == []
    assert _count(update_server) == before
    body = sparql(update_server, "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'root:')) }")[2]
    assert json.loads(body)["boolean"] is False
