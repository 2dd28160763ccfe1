"""The query pool on its own: results as plain values, deadline kills, recovery, data changes seen."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from service.errors import QuerySyntaxError, QueryTimeout, StoreUnavailable
from service.pool.worker import QueryPool

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    store = ox.Store(str(path))
    for i in range(60):
        store.add(ox.Quad(ox.NamedNode(f"urn:s:{i}"), ox.NamedNode("urn:p"), ox.Literal(f"v{i}", language="vi"),
                          ox.NamedNode("urn:g")))
    store.flush()
    del store
    return path


def count(pool: QueryPool) -> int:
    return int(pool.execute({"op": "query", "query": COUNT})["rows"][0][0][1])


def test_results_are_plain_values_and_capped(small_store: Path) -> None:
    pool = QueryPool(str(small_store), timeout=5, size=2)
    try:
        result = pool.execute({"op": "query", "query": "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", "max_rows": 3})
        assert result["vars"] == ["o"] and result["truncated"] is True
        assert result["rows"] == [[("literal", f"v{i}", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
                                    "vi")] for i in (0, 1, 10)]
        assert count(pool) == 60
    finally:
        pool.close()


@pytest.mark.slow  # several seconds (processes started and killed); runs in make test
@pytest.mark.timeout(30)  # a query never stopped fails here, not at the suite's ceiling
def test_deadline_kills_the_query_process_and_the_pool_recovers(small_store: Path) -> None:
    pool = QueryPool(str(small_store), timeout=1, size=2)
    try:
        with pytest.raises(QueryTimeout, match="stopped after 1 s.*VNGE_QUERY_TIMEOUT"):
            pool.execute({"op": "query", "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                                  "?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"})
        assert pool.kills == 1
        assert count(pool) == 60
    finally:
        pool.close()


def test_syntax_error_keeps_the_process(small_store: Path) -> None:
    pool = QueryPool(str(small_store), timeout=5, size=1)
    try:
        with pytest.raises(QuerySyntaxError, match="Syntax error"):
            pool.execute({"op": "query", "query": "SELECT WHERE"})
        assert count(pool) == 60 and pool.kills == 0
    finally:
        pool.close()


def test_changes_by_another_writer_are_seen(small_store: Path) -> None:
    pool = QueryPool(str(small_store), timeout=5, size=1)
    try:
        assert count(pool) == 60  # a read-only process now holds the store
        time.sleep(0.01)
        writer = ox.Store(str(small_store))  # e.g. `kg ingest` while the server runs
        writer.add(ox.Quad(ox.NamedNode("urn:new"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g")))
        writer.flush()
        del writer
        assert count(pool) == 61
    finally:
        pool.close()


def test_update_then_read(small_store: Path) -> None:
    pool = QueryPool(str(small_store), timeout=5, size=1)
    try:
        assert count(pool) == 60
        pool.update('INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> "added" } }')
        assert count(pool) == 61
    finally:
        pool.close()


def test_missing_store_is_503_naming_the_setting(tmp_path: Path) -> None:
    pool = QueryPool(str(tmp_path / "nothing"), timeout=5, size=1)
    with pytest.raises(StoreUnavailable, match="VNGE_STORE") as error:
        pool.execute({"op": "query", "query": COUNT})
    assert error.value.status == 503


def test_slow_results_are_shared_through_the_disk_cache(small_store: Path, monkeypatch) -> None:
    import service.state
    from service.state import ServiceState

    monkeypatch.setattr(service.state, "PERSIST_AFTER", 0.0)
    pool = QueryPool(str(small_store), timeout=5, size=1)
    try:
        first = ServiceState(config={}, pool=pool)
        assert first.memo("k", lambda: count(pool)) == 60
        other = ServiceState(config={}, pool=pool)  # another server process: reads the file

        def must_not_run() -> int:
            raise AssertionError("recomputed although cached on disk")

        assert other.memo("k", must_not_run) == 60
        writer = ox.Store(str(small_store))
        writer.add(ox.Quad(ox.NamedNode("urn:new"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g")))
        writer.flush()
        del writer
        assert other.memo("k", lambda: count(pool)) == 61  # new data version: recomputed
    finally:
        pool.close()
