"""Shared fixtures, each built once per session: the graph built from data/ (five plans + reference
data), the small service fixture store, and the servers over them (gunicorn, Virtuoso).

Also the suite's policy (tests/README.md): tests that use a server fixture get the ``server``
marker; ``perf`` tests run only when asked for (``-m perf``); under CI=true a skipped test fails.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from http.server import HTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.pipeline.build import build
from kg.stores import open_backend
from service.app import create_app
from tests.servers import BACKENDS, Canary, LiveServer, build_fixture_store, start_virtuoso

ROOT = Path(__file__).resolve().parents[1]

#: fixtures that start a gunicorn server or Virtuoso: their tests get the ``server`` marker
SERVER_FIXTURES = frozenset({"live_server", "limited_server", "update_server", "real_server", "backend_server",
                             "virtuoso_server", "virtuoso_unit"})


def _ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


# --------------------------------------------------------------------------- policy


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.server)
    if "perf" not in (config.option.markexpr or ""):  # wall-clock measurements: only on request
        perf = [item for item in items if item.get_closest_marker("perf")]
        if perf:
            config.hook.pytest_deselected(items=perf)
            items[:] = [item for item in items if not item.get_closest_marker("perf")]


def _fail_skip_under_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI every test must run: a skip (missing Virtuoso, Java, an import error…) is a failure."""
    if _ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"{reason}\nCI=true: a skipped test fails the run (tests/README.md, 'Skips')."


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


# --------------------------------------------------------------------------- the build of data/


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory):
    """(store path, BuildReport) of a fresh build of data/ with the default IRI base."""
    path = tmp_path_factory.mktemp("store") / "store"
    report = build(ROOT / "data", str(path))
    return path, report


@pytest.fixture(scope="session")
def store(built_store) -> ox.Store:
    path, _ = built_store
    return ox.Store.read_only(str(path))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Run a SELECT over the union of named graphs; rows as {variable: lexical value}."""
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


@pytest.fixture(scope="session")
def real_server(built_store) -> Iterator[LiveServer]:
    """Read-only server with default limits over the build of data/."""
    path, _ = built_store
    server = LiveServer(path)
    yield server
    server.stop()


# --------------------------------------------------------------------------- the service fixture store


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("svc") / "store")


@pytest.fixture(scope="session")
def live_server(fixture_store: Path) -> Iterator[LiveServer]:
    """Read-only server with default limits over the fixture store."""
    server = LiveServer(fixture_store)
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


@pytest.fixture()
def canary() -> Iterator[str]:
    """The URL of a fresh :class:`Canary` on a free loopback port; ``Canary.hits`` starts empty."""
    Canary.hits = []
    server = HTTPServer(("127.0.0.1", 0), Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
