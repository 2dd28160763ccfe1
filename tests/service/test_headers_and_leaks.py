"""Hardening 2, item 8 (low) and the chunked-body limit, against real gunicorn servers: security
headers, no protocol-relative links out of data IRIs, /health without the store's path, a run of
unary operators refused before it can overflow the parser's stack, wrong update tokens throttled,
a remote server's errors without its address, an over-limit chunked body refused."""

from __future__ import annotations

import http.client
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import BASE, LiveServer, build_fixture_store, call, sparql


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Updates enabled (token "t0ken"), a 1000-byte query limit, one worker (one throttle), behind a
    trusted proxy (X-Forwarded-For names the client)."""
    store = build_fixture_store(tmp_path_factory.mktemp("svc-low") / "store")
    server = LiveServer(store, VNGE_UPDATE_TOKEN="t0ken", VNGE_MAX_QUERY_BYTES=1000, VNGE_WORKERS=1,
                        VNGE_TRUSTED_PROXIES=1, VNGE_WARMUP="false")
    yield server
    server.stop()


def test_pages_carry_security_headers(small_server) -> None:
    for path in ("/", "/editor", "/sparql?query=ASK%7B%7D", "/void"):
        _, headers, _ = call(small_server.url + path, "GET", "text/html")
        csp = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
        assert headers.get("x-content-type-options") == "nosniff"


def test_the_editor_has_no_inline_script(small_server) -> None:
    _, _, body = call(small_server.url + "/editor", "GET", "text/html")
    page = body.decode()
    scripts = page.split("<script")[1:]
    assert len(scripts) >= 2  # YASGUI and editor.js at least
    for chunk in scripts:
        head = chunk.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head, head


def test_a_data_iri_never_becomes_a_link_to_another_site(fixture_store: Path, tmp_path: Path) -> None:
    from service.app import create_app

    store = tmp_path / "store"
    shutil.copytree(fixture_store, store)
    app = create_app({"VNGE_STORE": str(store), "VNGE_WARMUP": False, "VNGE_UPDATE_TOKEN": "t"})
    try:
        client = app.test_client()
        evil = BASE + "/evil.example/x"  # {BASE}/evil.example/x: a path starting with "/"
        update = f'INSERT DATA {{ GRAPH <{BASE}graph/audit> {{ <{BASE}id/x> <{BASE}p> <{evil}> }} }}'
        assert client.post("/update", data=update, content_type="application/sparql-update",
                           headers={"Authorization": "Bearer t"}).status_code == 200
        page = client.get("/id/x", headers={"Accept": "text/html"}).data.decode()
        assert "evil.example" in page
        assert 'href="//' not in page and "href='//" not in page
    finally:
        app.extensions["vnge"].pool.close()


def test_health_does_not_show_the_store_path(small_server) -> None:
    _, _, body = call(small_server.url + "/health", "GET")
    health = json.loads(body)
    assert health["ok"] is True and health["store"] == "oxigraph"
    assert "/" not in json.dumps(health["store"])


def test_a_long_run_of_unary_operators_is_a_clear_400(small_server) -> None:
    status, _, body = sparql(small_server, "ASK { FILTER(" + "!" * 900 + "true) }", "POST-direct")
    assert status == 400 and "unary" in json.loads(body)["error"]


def test_wrong_update_tokens_are_throttled(small_server) -> None:
    guesser = {"X-Forwarded-For": "203.0.113.7"}
    statuses = []
    for _ in range(12):
        status, headers, _ = call(small_server.url + "/update", "POST", None, b"CLEAR SILENT GRAPH <urn:x>",
                                  "application/sparql-update", {"Authorization": "Bearer wrong", **guesser})
        statuses.append((status, headers.get("retry-after")))
    assert statuses[:10] == [(403, None)] * 10
    assert statuses[10][0] == 429 and int(statuses[10][1]) > 0
    # the right token is throttled too from that address until the window passes: guessing stops
    status, _, _ = call(small_server.url + "/update", "POST", None, b"CLEAR SILENT GRAPH <urn:x>",
                        "application/sparql-update", {"Authorization": "Bearer t0ken", **guesser})
    assert status == 429
    # another client is not locked out by the guesser
    status, _, _ = call(small_server.url + "/update", "POST", None, b"CLEAR SILENT GRAPH <urn:x>",
                        "application/sparql-update", {"Authorization": "Bearer t0ken",
                                                      "X-Forwarded-For": "198.51.100.2"})
    assert status == 200


def _chunked(server: LiveServer, body: bytes) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.putheader("Accept", "application/sparql-results+json")
    conn.endheaders()
    for i in range(0, len(body), 4000):
        chunk = body[i:i + 4000]
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    conn.send(b"0\r\n\r\n")
    response = conn.getresponse()
    return response.status, response.read()


def test_chunked_bodies_are_read_whole_or_refused(small_server) -> None:
    status, body = _chunked(small_server, b"query=" + urllib.parse.quote("ASK { ?s ?p ?o }").encode())
    assert status == 200 and json.loads(body)["boolean"] is True
    # a form whose query comes after the cut-off point was answered 200 (service description)
    status, body = _chunked(small_server, b"pad=" + b"x" * 20000 + b"&query=ASK%20%7B%7D")
    assert status == 413 and "VNGE_MAX_QUERY_BYTES" in json.loads(body)["error"]


def test_an_unreachable_remote_store_is_not_named_to_clients() -> None:
    from service.app import create_app

    app = create_app({"VNGE_STORE": "sparql:http://127.0.0.1:9/hidden-endpoint", "VNGE_WARMUP": False,
                      "VNGE_QUERY_TIMEOUT": 5})
    try:
        response = app.test_client().get("/sparql?query=ASK%7B%7D", headers={"Accept": "application/json"})
        error = response.get_json()["error"]
        assert response.status_code == 503 and "cannot be reached" in error
        assert "hidden-endpoint" not in error and "127.0.0.1" not in error
    finally:
        app.extensions["vnge"].pool.close()
