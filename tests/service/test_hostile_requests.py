"""Hostile HTTP requests (issue 7, item 1 and 4): malformed IRIs, deep nesting, invalid UTF-8,
odd Accept values, path escapes, script labels, and hypothesis-generated requests → 4xx, never 500.

In process (Flask test client; queries still run in the isolated query processes) over a copy of
the service fixture store with one extra entity whose labels contain markup.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.servers import BASE, QN_PLAN, build_fixture_store

EVIL = BASE + "id/org/test/evil"
SCRIPT = "<script>alert('x')</script>"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SIMPLE = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from service.app import create_app

    path = build_fixture_store(tmp_path_factory.mktemp("hardening-http") / "store")
    store = ox.Store(str(path))
    g = ox.NamedNode(BASE + "graph/reference")
    evil = ox.NamedNode(EVIL)
    store.extend([
        ox.Quad(evil, ox.NamedNode(RDFS_LABEL), ox.Literal(f"Sở {SCRIPT} xấu", language="vi"), g),
        ox.Quad(evil, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode("http://www.w3.org/ns/org#Organization"), g),
        ox.Quad(evil, ox.NamedNode(BASE + "ontology#note"), ox.Literal('"><img src=x onerror=alert(1)>'), g),
    ])
    store.flush()
    del store
    application = create_app({"VNGE_STORE": str(path), "VNGE_QUERY_TIMEOUT": 10, "VNGE_WARMUP": False})
    yield application
    application.extensions["vnge"].pool.close()


@pytest.fixture()
def hc(hostile_app: Any) -> Any:
    return hostile_app.test_client()


def assert_clean_client_error(response: Any, *allowed: int) -> None:
    body = response.get_data()
    assert 400 <= response.status_code < 500, (response.status_code, body[:300])
    if allowed:
        assert response.status_code in allowed, (response.status_code, body[:300])
    assert b"Traceback" not in body and b'File "' not in body


# --- dataset parameters that are not IRIs --------------------------------------------------------

@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", [BASE + "graph/> x", BASE + "graph/a b", BASE + 'graph/"q"', BASE + "graph/{x}"])
def test_graph_parameter_that_is_not_an_iri_is_400(hc, param: str, value: str) -> None:
    qs = urllib.parse.urlencode({"query": SIMPLE, param: value})
    assert_clean_client_error(hc.get("/sparql?" + qs), 400)


# --- deep nesting: the engine's recursive parser must never see it ---------------------------------

@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?q " * 3000 + "?o" + " ]" * 3000 + " }",
], ids=["braces", "parentheses", "blank-node-brackets"])
def test_deeply_nested_query_is_400_and_the_server_still_answers(hc, query: str) -> None:
    response = hc.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert_clean_client_error(response, 400)
    assert "nest" in response.get_json()["error"]
    assert hc.get("/sparql?" + urllib.parse.urlencode({"query": SIMPLE})).status_code == 200


def test_ordinary_nesting_still_runs(hc) -> None:
    query = "SELECT * WHERE " + "{" * 30 + " ?s ?p ?o " + "}" * 30 + " LIMIT 1"
    assert hc.post("/sparql", data=query.encode(), content_type="application/sparql-query").status_code == 200


# --- invalid UTF-8 --------------------------------------------------------------------------------

def test_invalid_utf8_in_a_direct_body_is_400(hc) -> None:
    body = b'SELECT * WHERE { ?s ?p "\xff\xfe" }'
    response = hc.post("/sparql", data=body, content_type="application/sparql-query")
    assert_clean_client_error(response, 400)
    assert "UTF-8" in response.get_json()["error"]


def test_invalid_utf8_in_a_direct_update_body_is_4xx(hc) -> None:
    response = hc.post("/update", data=b"INSERT DATA { <urn:a> <urn:b> \"\xc3\x28\" }",
                       content_type="application/sparql-update")
    assert_clean_client_error(response, 400, 403)


@pytest.mark.parametrize("encoded", ["%FF%FE", "%C3%28", "%ED%A0%80"])
def test_invalid_utf8_in_percent_encoding_is_400(hc, encoded: str) -> None:
    query = urllib.parse.quote('SELECT * WHERE { ?s ?p "') + encoded + urllib.parse.quote('" }')
    response = hc.get("/sparql?query=" + query)
    assert_clean_client_error(response, 400)
    assert "UTF-8" in response.get_json()["error"]
    form = hc.post("/sparql", data=("query=" + query).encode(), content_type="application/x-www-form-urlencoded")
    assert_clean_client_error(form, 400)


def test_valid_utf8_still_runs(hc) -> None:
    query = 'SELECT * WHERE { ?s ?p "bình đẳng giới" }'
    assert hc.get("/sparql?" + urllib.parse.urlencode({"query": query})).status_code == 200
    assert hc.post("/sparql", data=query.encode(), content_type="application/sparql-query").status_code == 200


# --- Accept values --------------------------------------------------------------------------------

@pytest.mark.parametrize("accept", ["foo/bar", "application/x-nonsense;q=1", ";;;,,=q", "*/x", "\x7f"])
def test_unknown_accept_is_406(hc, accept: str) -> None:
    response = hc.get("/sparql?" + urllib.parse.urlencode({"query": SIMPLE}), headers={"Accept": accept})
    assert_clean_client_error(response, 406)


# --- HTML escaping --------------------------------------------------------------------------------

def _assert_escaped(body: str) -> None:
    assert SCRIPT not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body or "&lt;img" in body


def test_entity_page_renders_script_labels_as_text(hc) -> None:
    response = hc.get("/" + EVIL[len(BASE):], headers={"Accept": "text/html"})
    assert response.status_code == 200
    _assert_escaped(response.get_data(as_text=True))


def test_search_page_renders_script_labels_as_text(hc) -> None:
    response = hc.get("/search?q=script", headers={"Accept": "text/html"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert EVIL[len(BASE):] in body  # the entity was found, so its label was rendered
    _assert_escaped(body)


def test_results_page_renders_script_labels_and_values_as_text(hc) -> None:
    query = f"SELECT ?l ?n WHERE {{ <{EVIL}> ?p ?l . OPTIONAL {{ <{EVIL}> <{BASE}ontology#note> ?n }} }}"
    response = hc.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/html"})
    assert response.status_code == 200
    _assert_escaped(response.get_data(as_text=True))


def test_reflected_search_text_is_escaped(hc) -> None:
    response = hc.get("/search?" + urllib.parse.urlencode({"q": SCRIPT}), headers={"Accept": "text/html"})
    assert response.status_code < 500
    assert SCRIPT not in response.get_data(as_text=True)


# --- static files cannot escape their folder -------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py",
    "/static/..%5capp.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/vendor/../../app.py", "/static/../../pyproject.toml", "/static/%252e%252e/app.py",
])
def test_static_paths_cannot_escape(hc, path: str) -> None:
    response = hc.get(path)
    body = response.get_data()
    assert response.status_code in (400, 404), (path, response.status_code)
    assert b"create_app" not in body and b"root:" not in body and b"[project]" not in body


def test_static_files_are_still_served(hc) -> None:
    assert hc.get("/static/site.css").status_code == 200


# --- hypothesis: generated requests against the routes ------------------------------------------

ROUTES = ["/", "/sparql", "/update", "/search", "/resource", "/queries", "/queries/agency-responsibilities",
          "/void", "/validate", "/hierarchy", "/editor", "/health", "/static/site.css", "/" + QN_PLAN[len(BASE):]]
PARAMS = ["query", "update", "q", "iri", "format", "default-graph-uri", "named-graph-uri", "plan", "root",
          "limit", "agency", "indicator", "document"]
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from([SIMPLE, "ASK {}", "SELECT * {", BASE + "graph/x", "<x>", "json", "html", "\x00", "%", "ÿ"]),
)
ACCEPT = st.one_of(st.sampled_from(["text/html", "application/json", "*/*", "text/turtle", "image/png",
                                    "application/sparql-results+xml;q=0.1, text/csv", ""]),
                   st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS"]),
       params=st.dictionaries(st.sampled_from(PARAMS), TEXT, max_size=3), accept=ACCEPT,
       suffix=st.one_of(st.just(""), st.text(max_size=12).map(lambda s: urllib.parse.quote(s, safe="/%"))),
       body=st.one_of(st.none(), st.binary(max_size=200)),
       content_type=st.sampled_from([None, "application/x-www-form-urlencoded", "application/sparql-query",
                                     "application/sparql-update", "multipart/form-data", "text/plain"]),
       auth=st.sampled_from([None, "Bearer ", "Bearer x", "Basic Zm9vOmJhcg==", "Bearer \u00e9"]))
def test_generated_requests_never_get_a_500(hc, route, method, params, accept, suffix, body, content_type,
                                            auth) -> None:
    headers = {"Accept": accept} if accept else {}
    if auth:
        headers["Authorization"] = auth
    url = route + suffix + ("?" + urllib.parse.urlencode(params) if params else "")
    response = hc.open(url, method=method, headers=headers, data=body, content_type=content_type)
    data = response.get_data()
    assert response.status_code < 500 or response.status_code == 503 and b"too long" in data, (
        url, method, response.status_code, data[:300])
    assert b"Traceback" not in data



# --- FROM NAMED of this store's own graphs is allowed; of others refused -------------------------

def test_from_named_own_graph_runs_and_remote_graph_is_refused(hc) -> None:
    from tests.servers import QN_GRAPH

    own = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
    response = hc.get("/sparql?" + urllib.parse.urlencode({"query": own.replace("WHERE", f"FROM NAMED <{QN_GRAPH}> WHERE")}))
    assert response.status_code == 200, response.get_data()[:300]
    assert response.get_json()["results"]["bindings"][0]["g"]["value"] == QN_GRAPH
    remote = own.replace("WHERE", "FROM NAMED <http://127.0.0.1:9/g> WHERE")
    response = hc.get("/sparql?" + urllib.parse.urlencode({"query": remote}))
    assert response.status_code == 403 and "127.0.0.1:9" in response.get_json()["error"]


# --- the same attacks over a real gunicorn server (raw bytes on a socket) -------------------------

def _raw(server: Any, request: bytes) -> tuple[int, bytes]:
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def _post(body: bytes) -> bytes:
    return (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)) + body


@pytest.mark.parametrize("request_bytes", [
    b"GET /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%22%FF%22%7D HTTP/1.1\r\nHost: x\r\n"
    b"Connection: close\r\n\r\n",
    b"GET /sparql?query=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /\xc3\x28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /sparql?query=" + b"%7B" * 3000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /sparql?query=" + b"x" * 20000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /sparql HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\nConnection: close\r\n\r\n",
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: \xff\xfe/\xc3\r\nConnection: close\r\n\r\n",
    _post(b"SELECT * WHERE " + b"{" * 4000 + b"?s ?p ?o" + b"}" * 4000),
    _post(b"ASK { \xff\xfe\xfd }"),
    b"GET /static/%2e%2e/app.py HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /static/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET //etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
], ids=["utf8-percent", "utf8-raw", "utf8-path", "nesting-get", "long-url", "long-header", "accept-bytes",
        "nesting-post", "utf8-body", "static-dotdot", "static-raw-dotdot", "double-slash"])
def test_hostile_raw_requests_to_the_real_server_are_4xx(live_server, request_bytes: bytes) -> None:
    status, data = _raw(live_server, request_bytes)
    assert 400 <= status < 500, data[:400]
    assert b"Traceback" not in data and b"root:" not in data and b"create_app" not in data
    assert _raw(live_server, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0] == 200
