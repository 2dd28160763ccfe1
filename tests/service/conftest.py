"""Fixtures of the service tests, each built once per session: servers with limits or updates, the
Flask app in process, a read-only server over the build of data/, and the SSRF canary."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.app import create_app
from tests.servers import LiveServer, build_fixture_store


@pytest.fixture(scope="session")
def real_server(built_store) -> Iterator[LiveServer]:
    """Read-only server with default limits over the build of data/."""
    path, _ = built_store
    server = LiveServer(path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Server with a 3 s time limit, a 50-row cap and a 4 KiB query limit."""
    store = build_fixture_store(tmp_path_factory.mktemp("svc-limited") / "store")
    server = LiveServer(store, VNGE_QUERY_TIMEOUT=3, VNGE_MAX_ROWS=50, VNGE_MAX_QUERY_BYTES=4096)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def update_server(tmp_path_factory: pytest.TempPathFactory, fixture_store: Path) -> Iterator[LiveServer]:
    """Server that accepts SPARQL Update with the token 's3cret', on its own copy of the store."""
    copy = tmp_path_factory.mktemp("svc-update") / "store"
    shutil.copytree(fixture_store, copy)
    server = LiveServer(copy, VNGE_UPDATE_TOKEN="s3cret")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app(fixture_store: Path) -> Iterator[Any]:
    """The Flask app (in process; queries still run in isolated processes) over the fixture store."""
    application = create_app({"VNGE_STORE": str(fixture_store), "VNGE_QUERY_TIMEOUT": 10})
    yield application
    application.extensions["vnge"].pool.close()


@pytest.fixture()
def client(app: Any) -> Any:
    return app.test_client()

