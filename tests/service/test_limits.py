"""Time limit by process isolation, result-row cap, request-size limit (issue 5, row 3)."""

from __future__ import annotations

import json
import time

import pytest

from tests.servers import (
    RUNAWAY_JOIN,
    SIMPLE,
    answer_while_running,
    call,
    run_in_thread,
    sparql,
    stopped_queries,
)

# 4-way cartesian product of every triple: far beyond 3 s on any machine, and nothing to stream
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_runaway_query_is_stopped_while_simple_queries_still_answer(limited_server) -> None:
    killed = stopped_queries(limited_server)
    outcome: dict[str, object] = {}
    thread = run_in_thread(limited_server, CARTESIAN, outcome, "GET")
    time.sleep(0.5)  # the runaway query is now running in a query process
    # answered while the runaway ran, not queued behind it
    assert answer_while_running(limited_server, [thread]) >= 1
    thread.join(RUNAWAY_JOIN)
    assert not thread.is_alive(), f"the runaway query was not stopped at the 3 s limit within {RUNAWAY_JOIN} s"
    status, headers, body = outcome["response"]  # type: ignore[misc]
    error = json.loads(body)
    assert status == 503 and error["ok"] is False
    assert "stopped after 3 s" in error["error"] and "VNGE_QUERY_TIMEOUT" in error["error"]
    assert stopped_queries(limited_server) == killed + 1  # its query process was killed, once
    # the server is free again: the same worker pool answers right after
    assert sparql(limited_server, SIMPLE)[0] == 200


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_two_runaway_queries_do_not_block_the_server(limited_server) -> None:
    killed = stopped_queries(limited_server)
    threads = [run_in_thread(limited_server, CARTESIAN, {}, "GET") for _ in range(2)]
    time.sleep(0.5)
    assert answer_while_running(limited_server, threads, times=1) == 1
    for t in threads:
        t.join(RUNAWAY_JOIN)
    assert not any(t.is_alive() for t in threads), "a runaway query was not stopped at the 3 s limit"
    assert stopped_queries(limited_server) == killed + 2


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
