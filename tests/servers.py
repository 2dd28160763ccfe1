"""Helpers of the service tests: the small fixture store (tests/data/service_fixture.trig plus
ontology/*.ttl, data/reference/*.ttl and the summary graph a build computes), real gunicorn servers
on loopback ports, Virtuoso, an SSRF canary, and the constants the tests name.

The pytest fixtures built on these live in tests/conftest.py, so each is built once per session.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_TRIG = ROOT / "tests" / "data" / "service_fixture.trig"
BASE = "https://w3id.org/vnge/"
HB_PLAN = BASE + "eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"
QN_PLAN = BASE + "eli/vn/quang-ninh/2021/kh-3f2a9c1d"
QN_GRAPH = BASE + "graph/plan/eli/vn/quang-ninh/2021/kh-3f2a9c1d"
HB_TARGET = HB_PLAN + "/target/1"
QN_TARGET = QN_PLAN + "/target/1"
DECISION_1790 = BASE + "eli/vn/2021/1790-qd-ttg"
SO_LDTBXH = BASE + "id/org/quang-ninh/so-lao-dong-thuong-binh-va-xa-hoi"


METHODS = ("GET", "POST-form", "POST-direct")


def call(url: str, method: str, accept: str | None = None, data: bytes | None = None,
         content_type: str | None = None, headers: dict[str, str] | None = None
         ) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def sparql(server, query: str, method: str = "GET", accept: str | None = None, **params: str | list[str]):
    """Send ``query`` the way ``method`` says; extra params (graph IRIs, format) go along."""
    pairs = [(k.replace("_", "-"), v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]
    if method == "GET":
        return call(f"{server.url}/sparql?" + urllib.parse.urlencode([("query", query), *pairs]), "GET", accept)
    if method == "POST-form":
        body = urllib.parse.urlencode([("query", query), *pairs]).encode()
        return call(f"{server.url}/sparql", "POST", accept, body, "application/x-www-form-urlencoded")
    suffix = ("?" + urllib.parse.urlencode(pairs)) if pairs else ""
    return call(f"{server.url}/sparql{suffix}", "POST", accept, query.encode(), "application/sparql-query")


# -- runaway queries against a server with a 3 s limit (conftest's limited_server) ---------------
SIMPLE = "SELECT ?s WHERE { ?s a <https://w3id.org/vnge/ontology#Plan> } LIMIT 1"
# how long a test waits for the answer to a runaway query: the 3 s limit, plus a wide margin for a
# loaded machine (a query never stopped would otherwise hang the test until pytest-timeout's ceiling)
RUNAWAY_JOIN = 20


def run_in_thread(server, query: str, outcome: dict[str, object], method: str = "POST-form") -> threading.Thread:
    """Send ``query`` from a thread that puts the response in ``outcome["response"]``."""

    def send() -> None:
        outcome["response"] = sparql(server, query, method, accept="application/sparql-results+json")

    thread = threading.Thread(target=send)
    thread.start()
    return thread


def answer_while_running(server, runaway: list[threading.Thread], times: int = 5) -> int:
    """Send SIMPLE ``times`` times; how many answers came while a runaway query was still unanswered."""
    during = 0
    for _ in range(times):
        status, _, body = sparql(server, SIMPLE)
        assert status == 200 and json.loads(body)["results"]["bindings"]
        during += any(t.is_alive() for t in runaway)
    return during


def stopped_queries(server) -> int:
    """How many query processes the server killed at the time limit (its log says so each time)."""
    server.log.flush()
    return Path(server.log.name).read_text(encoding="utf-8").count("query stopped at the 3.0 s limit")


def build_fixture_store(path: Path) -> Path:
    """Write an on-disk pyoxigraph store at ``path``: the TriG fixture, plus the project's ontology
    and reference Turtle (each in its named graph) when those files exist and parse."""
    store = ox.Store(str(path))
    store.load(path=str(FIXTURE_TRIG), format=ox.RdfFormat.TRIG)
    extra = [(p, BASE + "graph/ontology") for p in sorted((ROOT / "ontology").glob("*.ttl"))]
    extra += [(p, BASE + "graph/reference") for p in sorted((ROOT / "data" / "reference").glob("*.ttl"))]
    for ttl, graph in extra:
        try:
            store.load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
        except SyntaxError as e:  # another engineer's file in progress: the fixture still works
            warnings.warn(f"service fixture: skipped {ttl.name}: {e}", stacklevel=1)
    from kg.pipeline.build import summarise
    from kg.pipeline.infer import materialise

    materialise(store)  # graph/inference (the declared rules), then graph/summary, as every build writes them
    summarise(store)
    store.flush()
    del store
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A gunicorn server (``service.app.run_serve``) in a subprocess, on a free loopback port."""

    def __init__(self, store: Path | str, log_dir: Path | None = None, **settings: Any) -> None:
        """``store`` is a store folder or any ``VNGE_STORE`` specification (then give ``log_dir``)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_dir = log_dir or Path(store).parent
        env = {**os.environ, "VNGE_STORE": str(store), "VNGE_HOST": "127.0.0.1", "VNGE_PORT": str(self.port),
               "VNGE_WORKERS": "2", "VNGE_THREADS": "4", "VNGE_ACCESS_LOG": "off"}
        env.update({k: str(v) for k, v in settings.items()})
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        self.log = open(log_dir / f"server-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from service.app import run_serve; run_serve()"],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait()

    def _wait(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not answer /health within {seconds} s; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn and its workers: our own group
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()


def start_virtuoso(folder: Path, **options: Any) -> Any:
    """A started, empty Virtuoso 7 on free loopback ports with its database in ``folder``.

    Without Virtuoso installed, the calling test is skipped, which fails the run under CI=true
    (conftest.py: CI must test every backend); install it with ``apt-get install virtuoso-opensource``."""
    from tests.support.virtuoso import VirtuosoServer, available

    if available() is None:
        message = ("Virtuoso 7 is not installed (virtuoso-t not on PATH): `apt-get install "
                   "virtuoso-opensource` (make system-deps does it) to test the sparql: backend")
        pytest.skip(message)
    server = VirtuosoServer(folder, **options)
    server.start()
    print(f"\nVirtuoso started in {server.start_seconds:.1f} s on port {server.http_port}")  # noqa: T201
    return server


BACKENDS = ("oxigraph", "memory", "virtuoso")


class Canary(BaseHTTPRequestHandler):
    """A loopback HTTP server that records every request reaching it (the SSRF canary)."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        Canary.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<urn:a> <urn:b> <urn:c> .")

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass
