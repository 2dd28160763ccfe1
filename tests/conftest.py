"""Fixtures of more than one layer, each built once per session: the graph built from data/ (five
plans + reference data), the small service fixture store and a read-only server over it. The
fixtures of one layer are in that folder's conftest.py (tests/service, tests/stores).

Also the suite's policy (tests/README.md): tests that use a server fixture get the ``server``
marker; ``perf`` tests run only when asked for (``-m perf``); under CI=true a skipped test fails.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from http.server import HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline.build import build
from tests.servers import Canary, LiveServer, build_fixture_store

ROOT = Path(__file__).resolve().parents[1]

#: fixtures that start a gunicorn server or Virtuoso: their tests get the ``server`` marker
SERVER_FIXTURES = frozenset({"live_server", "limited_server", "update_server", "real_server", "backend_server",
                             "virtuoso_server", "virtuoso_unit",
                             # module fixtures that start their own gunicorn (and nginx) servers
                             "proxied", "strict_server", "memory_server", "small_server", "served",
                             "two_seed_server", "virtuoso_service"})


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


# --------------------------------------------------------------------------- the corpus folder


def pytest_configure(config: pytest.Config) -> None:
    """Builds read, and ingests write, the corpus folder (VNGE_CORPUS, default data/corpus): never
    the repository's own during tests. Session fixtures see this empty folder; each test gets its own
    (:func:`own_corpus`), so that what one test ingests no other test's build reads."""
    os.environ["VNGE_CORPUS"] = tempfile.mkdtemp(prefix="vnge-test-corpus-")
    os.environ.pop("VNGE_UNITS", None)  # builds use the curated units unless a test sets the lists


@pytest.fixture(autouse=True)
def own_corpus(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty corpus folder for each test (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("corpus") / "corpus"
    monkeypatch.setenv("VNGE_CORPUS", str(folder))
    return folder


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


@pytest.fixture()
def canary() -> Iterator[str]:
    """The URL of a fresh :class:`Canary` on a free loopback port; ``Canary.hits`` starts empty."""
    Canary.hits = []
    server = HTTPServer(("127.0.0.1", 0), Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
