"""Hardening 2, item 1: SERVICE/LOAD behind a comment ended by a CR (the guard read it as comment, the
engine ran it), and the second line behind the guard: query processes have no network.

The guard is fuzzed against the engine itself: whatever line break ends a comment, either the guard
finds the SERVICE (or LOAD), or the engine, given the exact text the service would send it, does not
try to reach the network. A SERVICE to port 9 is refused by pyoxigraph before any connection with
"The port 9 is not allowed", which tells that the engine tried, without any traffic.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.protocol.guard import analyse
from tests.servers import ROOT, Canary, call, sparql

# Every character that is, somewhere, a line break or whitespace
BREAKS = ["\n", "\r", "\r\n", "\n\r", "\r\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", " ", ""]
PORT9 = "<http://127.0.0.1:9/sparql>"


def _engine_tries_the_network(text: str, update: bool = False) -> bool:
    """Does pyoxigraph (no sandbox here: port 9 is refused before any connection) try to fetch?"""
    store = ox.Store()
    try:
        if update:
            store.update(text)
        else:
            result = store.query(text)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except OSError as e:
        return "port 9" in str(e)
    except (SyntaxError, ValueError):
        return False
    return False


def test_a_cr_ended_comment_does_not_hide_service_or_load() -> None:
    query = "SELECT * WHERE { # x\rSERVICE " + PORT9 + " { ?x ?p ?o } }"
    assert _engine_tries_the_network(query)  # the engine reads SERVICE after the CR
    analysis = analyse(query)
    assert analysis.service and "\r" not in analysis.text
    update = "# x\rLOAD <http://127.0.0.1:9/data.ttl>"
    assert _engine_tries_the_network(update, update=True)
    assert analyse(update, update=True).load


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(["# c", "#", " # SERVICE {", "", "?s ?p ?o .", '"x"']),
                                 st.sampled_from(BREAKS)), max_size=4),
       after=st.sampled_from(BREAKS), form=st.sampled_from(["SELECT *", "ASK", "CONSTRUCT { ?s ?p ?o }"]),
       lowered=st.booleans())
def test_guard_and_engine_agree_on_service_after_any_line_break(pieces, after, form, lowered) -> None:
    keyword = "service" if lowered else "SERVICE"
    noise = "".join(p + b for p, b in pieces)
    query = f"{form} WHERE {{ {noise}{keyword} {PORT9} {{ ?s ?p ?o }}{after}}}"
    analysis = analyse(query)
    assert analysis.service or not _engine_tries_the_network(analysis.text), repr(query)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(["# c", "#", "# LOAD", ""]), st.sampled_from(BREAKS)),
                       max_size=3),
       prefix=st.sampled_from(["", "CLEAR SILENT GRAPH <urn:g> ;"]))
def test_guard_and_engine_agree_on_load_after_any_line_break(pieces, prefix) -> None:
    update = prefix + "".join(p + b for p, b in pieces) + "LOAD <http://127.0.0.1:9/x.ttl>"
    analysis = analyse(update, update=True)
    assert analysis.load or not _engine_tries_the_network(analysis.text, update=True), repr(update)


@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
@pytest.mark.parametrize("brk", ["\r", "\r\n"])
def test_cr_comment_service_is_refused_by_the_real_server(live_server, canary, method: str, brk: str) -> None:
    query = f"SELECT * WHERE {{ # x{brk}SERVICE <{canary}/> {{ ?x ?p ?o }} }}"
    status, _, body = sparql(live_server, query, method)
    assert status == 403 and "SERVICE" in json.loads(body)["error"]
    assert Canary.hits == []


def test_cr_comment_load_is_refused_by_the_real_server(update_server, canary) -> None:
    text = f"# x\rLOAD <{canary}/data.ttl>".encode()
    status, _, out = call(update_server.url + "/update", "POST", None, text, "application/sparql-update",
                          {"Authorization": "Bearer s3cret"})
    assert status == 403 and "LOAD" in json.loads(out)["error"]
    assert Canary.hits == []


def test_the_percent_encoded_cr_in_a_get_is_refused(live_server, canary) -> None:
    url = (live_server.url + "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { # x")
           + "%0D" + urllib.parse.quote(f"SERVICE <{canary}/> {{ ?x ?p ?o }} }}"))
    status, _, _ = call(url, "GET")
    assert status == 403 and Canary.hits == []


# -- the second line: no network in query processes ------------------------------------------------

def _unguarded_app(fixture_store, monkeypatch, **config):
    """The real app and query pool with the guard switched off: only the sandbox stands."""
    import service.protocol.sparql
    from service.app import create_app

    monkeypatch.setattr(service.protocol.sparql, "guard_task", lambda *args, **kwargs: None)
    return create_app({"VNGE_STORE": str(fixture_store), "VNGE_QUERY_TIMEOUT": 10, "VNGE_WARMUP": False,
                       **config})


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # x\rSERVICE <{url}/cr> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}/silent> {{ ?s ?p ?o }} }} }}",
])
def test_a_service_past_the_guard_reaches_nothing(fixture_store, monkeypatch, canary, query: str) -> None:
    app = _unguarded_app(fixture_store, monkeypatch)
    try:
        response = app.test_client().post("/sparql", data={"query": query.format(url=canary)},
                                          headers={"Accept": "application/sparql-results+json"})
        assert Canary.hits == []
        if "SILENT" not in query:  # a failed SERVICE SILENT is an empty result, not an error
            assert response.status_code != 200
        assert app.test_client().get("/health").get_json()["query_network"] in ("seccomp", "namespace+seccomp")
    finally:
        app.extensions["vnge"].pool.close()


def test_the_canary_does_see_a_service_when_the_network_is_allowed(fixture_store, monkeypatch, canary) -> None:
    """The test above has teeth: without the sandbox, the same unguarded SERVICE reaches the canary."""
    app = _unguarded_app(fixture_store, monkeypatch, VNGE_ALLOW_SERVICE=True)
    try:
        app.test_client().post("/sparql", data={"query": f"SELECT * WHERE {{ SERVICE <{canary}/s> {{ ?s ?p ?o }} }}"})
        assert Canary.hits, "SERVICE did not reach the canary even with the network allowed"
    finally:
        app.extensions["vnge"].pool.close()


def test_load_past_the_guard_reaches_nothing(fixture_store, tmp_path, monkeypatch, canary) -> None:
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(fixture_store, copy)
    app = _unguarded_app(copy, monkeypatch, VNGE_UPDATE_TOKEN="t")
    try:
        response = app.test_client().post("/update", data=f"LOAD <{canary}/d.ttl>",
                                          content_type="application/sparql-update",
                                          headers={"Authorization": "Bearer t"})
        assert response.status_code != 200 and Canary.hits == []
    finally:
        app.extensions["vnge"].pool.close()


def test_isolate_network_blocks_every_socket_but_keeps_files(tmp_path, canary) -> None:
    script = f"""
import socket, sys
from service.pool.sandbox import isolate_network
print(isolate_network())
for family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
    try:
        socket.socket(family, socket.SOCK_STREAM)
        print("opened", family)
    except OSError as e:
        print("refused", e.errno)
print(open({str(ROOT / 'README.md')!r}).read(10))
open({str(tmp_path / 'w.txt')!r}, 'w').write('written')
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] in ("seccomp", "namespace+seccomp")
    assert lines[1:4] == ["refused 13"] * 3
    assert (tmp_path / "w.txt").read_text() == "written"
    assert Canary.hits == []
