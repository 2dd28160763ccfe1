"""Time limit by process isolation, result-row cap, request-size limit (issue 5, row 3)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from service_fixtures import call, sparql

# 4-way cartesian product of every triple: far beyond 3 s on any machine, and nothing to stream
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "SELECT ?s WHERE { ?s a <https://w3id.org/vnge/ontology#Plan> } LIMIT 1"


@pytest.mark.slow
def test_runaway_query_is_stopped_while_simple_queries_still_answer(limited_server) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["response"] = sparql(limited_server, CARTESIAN, accept="application/sparql-results+json")
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)  # the runaway query is now running in a query process
    simple_times = []
    for _ in range(5):
        started = time.monotonic()
        status, _, body = sparql(limited_server, SIMPLE)
        simple_times.append(time.monotonic() - started)
        assert status == 200 and json.loads(body)["results"]["bindings"]
    thread.join(30)
    status, headers, body = outcome["response"]  # type: ignore[misc]
    error = json.loads(body)
    assert status == 503 and error["ok"] is False
    assert "3 s" in error["error"] and "VNGE_QUERY_TIMEOUT" in error["error"]
    assert 3.0 <= float(outcome["seconds"]) < 8.0  # type: ignore[arg-type]
    # answered while the runaway ran: waiting for it would have taken ≥ 2.5 s (it started 0.5 s earlier)
    assert max(simple_times) < 1.5, simple_times
    # the server is free again: the same worker pool answers right after
    assert sparql(limited_server, SIMPLE)[0] == 200


@pytest.mark.slow
def test_two_runaway_queries_do_not_block_the_server(limited_server) -> None:
    threads = [threading.Thread(target=sparql, args=(limited_server, CARTESIAN)) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    started = time.monotonic()
    assert sparql(limited_server, SIMPLE)[0] == 200
    assert time.monotonic() - started < 1.0
    for t in threads:
        t.join(30)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "html"])
def test_row_cap_cuts_select_results_and_says_so(limited_server, fmt: str) -> None:
    status, headers, body = sparql(limited_server, "SELECT * WHERE { ?s ?p ?o }", format=fmt)
    assert status == 200
    assert headers["x-result-truncated"] == "50" and "VNGE_MAX_ROWS" in headers["warning"]
    text = body.decode()
    if fmt == "json":
        data = json.loads(text)
        assert len(data["results"]["bindings"]) == 50 and data["truncated"] is True
    elif fmt in ("csv", "tsv"):
        assert len(text.strip().splitlines()) == 51  # header + 50 rows
    elif fmt == "xml":
        assert text.count("<result>") == 50
    else:
        assert text.count("<tr>") == 51 and 'id="truncated"' in text


def test_row_cap_cuts_construct_results(limited_server) -> None:
    status, headers, body = sparql(limited_server, "CONSTRUCT WHERE { ?s ?p ?o }",
                                   accept="application/n-triples")
    assert status == 200 and headers["x-result-truncated"] == "50"
    assert len(body.decode().strip().splitlines()) == 50


def test_results_under_the_cap_are_not_marked(limited_server) -> None:
    status, headers, body = sparql(limited_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert status == 200 and "x-result-truncated" not in headers
    assert "truncated" not in json.loads(body)


@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_too_large_query_is_413(limited_server, method: str) -> None:
    query = "# " + "x" * 5000 + "\nASK { ?s ?p ?o }"
    status, _, body = sparql(limited_server, query, method)
    assert status == 413 and "VNGE_MAX_QUERY_BYTES" in json.loads(body)["error"]


def test_huge_body_is_413_before_parsing(limited_server) -> None:
    status, _, body = call(limited_server.url + "/sparql", "POST", None, b"q" * 200_000,
                           "application/sparql-query")
    assert status == 413 and json.loads(body)["status"] == 413


def test_query_at_the_size_limit_still_runs(limited_server) -> None:
    query = "ASK { ?s ?p ?o }\n# " + "y" * (4096 - 22)
    assert len(query.encode()) <= 4096
    assert sparql(limited_server, query, "POST-direct")[0] == 200


def test_health_reports_ok(limited_server) -> None:
    status, _, body = call(limited_server.url + "/health", "GET")
    data = json.loads(body)
    assert status == 200 and data["ok"] is True and data["has_data"] is True
