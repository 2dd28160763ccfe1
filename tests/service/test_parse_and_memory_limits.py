"""Hardening 2, items 3 and 4, against a real gunicorn server: the guard's slow parse runs inside the
killable query process (under the time limit), and a query's memory is capped."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest

from tests.servers import ROOT, LiveServer, build_fixture_store, sparql


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """3 s per query, 1 GiB per query process, results cut at 1 MB, the default 64 KiB request limit."""
    store = build_fixture_store(tmp_path_factory.mktemp("svc-strict") / "store")
    server = LiveServer(store, VNGE_QUERY_TIMEOUT=3, VNGE_QUERY_MEMORY_MB=1024, VNGE_MAX_RESULT_BYTES=1_000_000,
                        VNGE_WARMUP="false")
    yield server
    server.stop()


def _long_filter(n: int = 6000) -> str:
    """~50 KB: rdflib's grammar needs many seconds for it (pyoxigraph parses it at once)."""
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(f"?o={i}" for i in range(n)) + ") } LIMIT 1"


def test_slow_parses_are_stopped_at_the_time_limit_and_do_not_hold_the_server(strict_server) -> None:
    results: list[tuple[int, dict]] = []

    def heavy() -> None:
        status, _, body = sparql(strict_server, _long_filter(), "POST-direct")
        results.append((status, json.loads(body)))

    threads = [threading.Thread(target=heavy) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the four parses have started
    status, _, body = sparql(strict_server, "ASK { ?s ?p ?o }")
    asked_while_busy = [t.is_alive() for t in threads]
    for t in threads:
        t.join(120)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert any(asked_while_busy), "the trivial query was answered while the slow ones still ran"
    # each slow request was stopped at the limit (the parse counts in it), not answered late
    assert [s for s, _ in results] == [503] * 4
    assert all("VNGE_QUERY_TIMEOUT" in r["error"] for _, r in results)


@pytest.fixture(scope="module")
def memory_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """1 GiB per query process and time enough (60 s) to reach it on a busy machine."""
    store = build_fixture_store(tmp_path_factory.mktemp("svc-memory") / "store")
    server = LiveServer(store, VNGE_QUERY_TIMEOUT=60, VNGE_QUERY_MEMORY_MB=1024, VNGE_WARMUP="false")
    yield server
    server.stop()


@pytest.mark.timeout(180)
def test_a_query_that_grows_without_bound_is_stopped_by_the_memory_limit(memory_server) -> None:
    doubling = ('SELECT (STRLEN(?x24) AS ?n) WHERE { BIND("' + "a" * 1000 + '" AS ?x0) '
                + " ".join(f"BIND(CONCAT(?x{i},?x{i}) AS ?x{i + 1})" for i in range(24)) + " }")
    status, _, body = sparql(memory_server, doubling, "POST-form")
    error = json.loads(body)
    assert status == 503 and "VNGE_QUERY_MEMORY_MB" in error["error"], error
    status, _, body = sparql(memory_server, "ASK { ?s ?p ?o }")  # the pool recovers
    assert status == 200 and json.loads(body)["boolean"] is True


def test_memory_limit_is_a_declared_setting() -> None:
    from service.config import SETTINGS

    readme = (ROOT / "README.md").read_text("utf-8")
    assert "VNGE_QUERY_MEMORY_MB" in {s.name for s in SETTINGS} and "VNGE_QUERY_MEMORY_MB" in readme


def test_a_result_of_huge_values_is_cut_at_the_byte_budget_and_says_so(strict_server) -> None:
    values = " ".join(str(i) for i in range(400))  # 400 rows of 10,000 characters: 4 MB
    query = f'SELECT ?i ?big WHERE {{ VALUES ?i {{ {values} }} BIND("{"x" * 10000}" AS ?big) }}'
    status, headers, body = sparql(strict_server, query, "POST-direct", "application/sparql-results+json")
    result = json.loads(body)
    assert status == 200 and result["truncated"] is True
    assert 0 < len(result["results"]["bindings"]) <= 100 and len(body) < 1_200_000
    assert headers["x-result-truncated"] == "1000000 bytes" and "VNGE_MAX_RESULT_BYTES" in headers["warning"]
