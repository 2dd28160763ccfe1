"""Hardening 2, item 6: the result caches are bounded — lock files, results of earlier data versions,
and the descriptions a Host header could multiply."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import service.state


@pytest.fixture()
def own_app(fixture_store: Path, tmp_path: Path):
    """An app over a private copy of the fixture store (its own <store>.cache)."""
    from service.app import create_app

    store = tmp_path / "store"
    shutil.copytree(fixture_store, store)
    app = create_app({"VNGE_STORE": str(store), "VNGE_QUERY_TIMEOUT": 10, "VNGE_WARMUP": False})
    yield app, Path(str(store) + ".cache"), store
    app.extensions["vnge"].pool.close()


def test_unique_canned_parameters_leave_a_bounded_number_of_lock_files(own_app) -> None:
    app, cache, _ = own_app
    client = app.test_client()
    # (an agency parameter naming no agency is refused since the pickers: integers are not checked)
    for i in range(300):
        response = client.get(f"/queries/coverage-of-units?fromYear={1700 + i}&toYear=2030",
                              headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200
    locks = [p for p in cache.iterdir() if "lock" in p.name]
    assert 0 < len(locks) <= service.state.LOCK_STRIPES


def test_results_of_earlier_data_versions_are_purged(own_app, monkeypatch) -> None:
    app, cache, store = own_app
    monkeypatch.setattr(service.state, "PERSIST_AFTER", -1.0)  # every result goes to disk
    client = app.test_client()
    accept = {"Accept": "application/sparql-results+json"}
    assert client.get("/queries/lead-agencies-by-activities", headers=accept).status_code == 200
    versions = [p for p in cache.iterdir() if p.is_dir()]
    assert len(versions) == 1 and list(versions[0].glob("*.pickle"))
    marker = Path(str(store) + ".generation")  # what an update or an ingest touches
    marker.touch()
    os.utime(marker, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert client.get("/queries/lead-agencies-by-activities", headers=accept).status_code == 200
    after = [p for p in cache.iterdir() if p.is_dir()]
    assert len(after) == 1 and after != versions


def test_void_is_cached_once_whatever_the_host_and_names_the_requesting_host(own_app) -> None:
    app, _, _ = own_app
    client = app.test_client()
    for i in range(200):
        response = client.get("/void", headers={"Host": f"h{i}.example.org", "Accept": "text/turtle"})
        assert response.status_code == 200 and f"http://h{i}.example.org/sparql".encode() in response.data
    everything = app.extensions["vnge"].cache
    entries = sum(len(v) if isinstance(v, dict) else 1 for v in everything.values())
    assert entries <= 4  # the graph counts and one description per format asked, not one per host
    evil = client.get("/void", headers={"Host": 'evil.example>"<x', "Accept": "text/turtle"})
    assert evil.status_code in (200, 400) and b"evil.example>" not in evil.data
