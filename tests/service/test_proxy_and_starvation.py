"""Hardening 2, item 5: slow clients and pool starvation. The shipped nginx configuration
(docs/nginx/vnge.conf, two ports replaced) runs in front of a real gunicorn server: slowloris
connections that hold every gunicorn thread when they reach it directly leave the service answering
through nginx; one client looping slow queries cannot take every query process from the others."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import ROOT, LiveServer, build_fixture_store, call, free_port

CONF = ROOT / "docs" / "nginx" / "vnge.conf"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs until killed


def _nginx() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        message = "nginx is not installed: `apt-get install nginx-light` (make system-deps does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    """(the gunicorn server, the URL of nginx in front of it)."""
    binary = _nginx()
    folder = tmp_path_factory.mktemp("nginx")
    store = build_fixture_store(folder / "store")
    server = LiveServer(store, VNGE_TRUSTED_PROXIES=1, VNGE_QUERY_TIMEOUT=10, VNGE_WARMUP="false")
    port = free_port()
    site = CONF.read_text("utf-8")
    assert "listen 80;" in site and "server 127.0.0.1:8000;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "server 127.0.0.1:8000;", f"server 127.0.0.1:{server.port};")
    (folder / "vnge.conf").write_text(site, "utf-8")
    temp = " ".join(f"{name}_temp_path {folder}/{name};" for name in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; {temp}\ninclude {folder}/vnge.conf; }}\n", "utf-8")
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=5):
                break
        except OSError:
            time.sleep(0.2)
    yield server, url
    process.terminate()
    process.wait(10)
    server.stop()


def _slowloris(port: int, count: int) -> list[socket.socket]:
    """Connections that start a request and never finish it."""
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
        socks.append(s)
    return socks


def _probe(url: str, seconds: float) -> int | None:
    try:
        with urllib.request.urlopen(url + "/health", timeout=seconds) as r:
            return r.status
    except OSError:
        return None


def test_slow_clients_do_not_hold_the_service_behind_nginx(proxied) -> None:
    """(Made to gunicorn itself, the same connections held every thread in the attack this answers:
    probes timed out at 15 s.)"""
    server, url = proxied
    socks = _slowloris(int(url.rsplit(":", 1)[1]), 25)
    try:
        time.sleep(1)
        assert [_probe(url, 5) for _ in range(3)] == [200] * 3
    finally:
        for s in socks:
            s.close()


def test_one_client_looping_slow_queries_leaves_room_for_another(proxied) -> None:
    """12 connections of one client (10.0.0.1, as forwarded by a trusted proxy) loop a query that runs
    until the 10 s limit kills it: the client is capped (429) instead of taking every query process,
    and another client's ASK is answered."""
    server, _ = proxied
    statuses: list[int] = []
    stop = time.monotonic() + 4

    def loop() -> None:
        while time.monotonic() < stop:
            status, _, _ = call(server.url + "/sparql", "POST", "application/sparql-results+json", SLOW.encode(),
                                "application/sparql-query", {"X-Forwarded-For": "10.0.0.1"})
            statuses.append(status)

    threads = [threading.Thread(target=loop) for _ in range(12)]
    for t in threads:
        t.start()
    time.sleep(2)
    status, _, body = call(server.url + "/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", "GET",
                           "application/sparql-results+json", headers={"X-Forwarded-For": "10.0.0.2"})
    for t in threads:
        t.join(60)
    assert status == 200 and json.loads(body)["boolean"] is True, body
    assert 429 in statuses  # the looping client is capped per server process
    assert statuses.count(503) <= 2 * 2  # at most VNGE_CLIENT_QUERIES per worker ran until the limit


@pytest.mark.slow  # several seconds (processes started and killed); runs in make test
def test_time_waiting_for_a_query_process_counts_in_the_limit(monkeypatch) -> None:
    """A call that waited for a free process is given only the rest of its limit to run."""
    from service.pool import worker

    given: list[float] = []
    original = worker._Child.call

    def recording(self, task, timeout):  # noqa: ANN001, ANN202
        given.append(timeout)
        return original(self, task, timeout)

    monkeypatch.setattr(worker._Child, "call", recording)
    pool = worker.QueryPool("memory", timeout=2, size=1)
    values = " ".join(str(i) for i in range(200))
    slow = {"op": "query", "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} "
                                    f"VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"}
    errors: list[str] = []

    def run() -> None:
        try:
            pool.execute(slow)
        except Exception as e:  # noqa: BLE001 - the type is what the test looks at
            errors.append(type(e).__name__ if type(e).__name__ == "QueryTimeout" else repr(e))

    try:
        pool.execute({"op": "query", "query": "ASK {}"})  # a process is ready: the first call holds
        given.clear()                                        # the only slot for its 2 s, no more
        first = threading.Thread(target=run)
        first.start()
        time.sleep(0.8)  # the first call holds the only process
        run()
        first.join(30)
    finally:
        pool.close()
    assert errors == ["QueryTimeout", "QueryTimeout"], errors
    assert len(given) == 2 and given[0] == pytest.approx(2.0, abs=0.2)
    assert given[1] < 1.5, f"the second call waited for the process, then got {given[1]:.2f} s of 2"
