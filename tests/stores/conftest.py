"""Fixtures of the store backend tests, each built once per session: the fixture data as N-Quads,
an empty Virtuoso 7, and the same read-only service on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.stores import open_backend
from tests.servers import BACKENDS, LiveServer, start_virtuoso


@pytest.fixture(scope="session")
def fixture_dump(fixture_store: Path) -> Path:
    """The fixture store dumped as N-Quads through the backend interface (to load other backends)."""
    backend = open_backend(f"oxigraph:{fixture_store}", read_only=True)
    path = fixture_store.parent / "fixture.nq"
    backend.dump(path)
    backend.close()
    return path


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An empty Virtuoso 7 for the whole session; stopped at the end, also on failure."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                   fixture_store: Path, fixture_dump: Path) -> Iterator[LiveServer]:
    """The same read-only service over the fixture data on each store backend."""
    logs = tmp_path_factory.mktemp(f"svc-{request.param}")
    if request.param == "oxigraph":
        spec = f"oxigraph:{fixture_store}"
    elif request.param == "memory":
        spec = f"memory:{fixture_dump}"
    else:
        virtuoso = request.getfixturevalue("virtuoso_server")
        spec = virtuoso.store_spec
        backend = open_backend(spec)
        for graph in backend.graphs():
            backend.drop_graph(graph)
        backend.load_file(fixture_dump)
    server = LiveServer(spec, log_dir=logs)
    server.backend = request.param  # type: ignore[attr-defined]
    yield server
    server.stop()
