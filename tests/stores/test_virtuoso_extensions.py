"""Hardening 2, item 2: the sparql: backend on Virtuoso. Virtuoso runs its SQL built-ins from SPARQL
(bif:http_get fetches a URL and returns the body; bif:sys_stat leaks the version) for the anonymous
SPARQL user, and no grant takes them away (checked below): the service refuses bif:, sql: and
DEFINE for remote stores before anything is sent."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator

import pytest

from tests.servers import Canary, LiveServer, call, sparql


@pytest.fixture(scope="module")
def virtuoso_service(virtuoso_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(virtuoso_server.store_spec, log_dir=tmp_path_factory.mktemp("svc-virtuoso-guard"),
                        VNGE_WARMUP="false")
    yield server
    server.stop()


def _direct(virtuoso_server, query: str) -> tuple[int, bytes]:
    url = virtuoso_server.query_url + "?" + urllib.parse.urlencode(
        {"query": query, "format": "application/sparql-results+json"})
    status, _, body = call(url, "GET")
    return status, body


@pytest.mark.parametrize("query", [
    "SELECT (bif:http_get('{url}/bif') AS ?page) {{}}",
    "SELECT (<bif:http_get>('{url}/iri') AS ?page) {{}}",
    "PREFIX b: <b\\u0069f:> SELECT (b:http_get('{url}/escaped') AS ?page) {{}}",
    "SELECT (bif:sys_stat('st_dbms_ver') AS ?version) {{}}",
    "SELECT (sql:http_get('{url}/sql') AS ?page) {{}}",
    "DEFINE input:same-as \"yes\" SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1",
])
def test_server_extensions_are_refused_for_a_remote_store(virtuoso_service, canary, query: str) -> None:
    status, _, body = sparql(virtuoso_service, query.format(url=canary), "POST-form")
    assert status == 403, body
    assert "refused" in json.loads(body)["error"]
    assert Canary.hits == []


def test_plain_sparql_still_runs_on_the_remote_store(virtuoso_service) -> None:
    status, _, body = sparql(virtuoso_service, "SELECT (STRLEN('bi f') AS ?n) WHERE {}")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"


def test_why_the_guard_is_needed_virtuoso_fetches_for_the_anonymous_user(virtuoso_server, canary) -> None:
    """What the README's security section documents: revoking SPARQL_LOAD_SERVICE_DATA from the
    SPARQL user stops SERVICE at the server, but bif:http_get still fetches — only the guard (and a
    Virtuoso host without outbound network) stops it."""
    virtuoso_server.isql('REVOKE "SPARQL_LOAD_SERVICE_DATA" FROM "SPARQL";')
    status, body = _direct(virtuoso_server, f"SELECT * WHERE {{ SERVICE <{canary}/service> {{ ?s ?p ?o }} }}")
    assert status != 200 and not any(hit.startswith("/service") for hit in Canary.hits)
    status, body = _direct(virtuoso_server, f"SELECT (bif:http_get('{canary}/direct') AS ?page) {{}}")
    assert status == 200 and "/direct" in Canary.hits


def test_remote_errors_do_not_echo_the_backend_address(virtuoso_server, tmp_path_factory) -> None:
    server = LiveServer(virtuoso_server.store_spec, log_dir=tmp_path_factory.mktemp("svc-remote-err"),
                        VNGE_WARMUP="false")
    try:
        status, _, body = sparql(server, "SELECT * WHERE { ?s ?p ?o FILTER(bound()) }", "POST-form")
        error = json.loads(body)["error"]
        assert status in (400, 503)
        assert str(virtuoso_server.http_port) not in error and "127.0.0.1" not in error
    finally:
        server.stop()
