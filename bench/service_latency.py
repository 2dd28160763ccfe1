"""Latency of each canned query and requests/s of a simple SELECT with concurrent clients, over HTTP
against a real gunicorn server (``service.app.run_serve``). A measurement script, not a test.

    .venv/bin/python bench/service_latency.py --store var/store [--runs 20] [--clients 8] [--seconds 10]

Without ``--store`` it builds data/ with ``kg.pipeline.build.build`` into a temporary folder; with
``--fixture`` it uses tests/data/service_fixture.trig instead. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.pipeline.build import build  # noqa: E402
from service.pages.canned import load_queries  # noqa: E402

SIMPLE = "SELECT ?s WHERE { ?s a <https://w3id.org/vnge/ontology#Plan> } LIMIT 10"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: Path, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "VNGE_STORE": str(store), "VNGE_PORT": str(port), "VNGE_WORKERS": str(workers),
           "VNGE_THREADS": str(threads), "VNGE_ACCESS_LOG": "off", "PYTHONPATH": str(ROOT),
           "VNGE_WARMUP": "false"}  # measure cold costs, not the background warm-up
    proc = subprocess.Popen([sys.executable, "-c", "from service.app import run_serve; run_serve()"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    for _ in range(150):
        try:
            get(port, "/health")
            return proc, port
        except OSError:
            time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGTERM)
    raise RuntimeError("server did not start")


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None) -> bytes:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}: {body[:200]!r}")
    if own:
        conn.close()
    return body


SAMPLES = {  # a value from the data for each canned-query parameter, when the example finds nothing
    "plan": "SELECT ?x WHERE { ?x a vnp:Plan ; vnp:implements ?y ; vnp:hasTask ?t } LIMIT 1",
    "doc": "SELECT ?x WHERE { ?p vnp:cites ?x } LIMIT 1",
    "agency": "SELECT ?x WHERE { ?t vnp:leadAgency ?x } LIMIT 1",
    "indicator": "SELECT ?x WHERE { ?t vnp:indicator ?x } LIMIT 1",
    "level": "SELECT ?x WHERE { VALUES ?x { vnc:level-province } }",
}


def sample(port: int, name: str) -> str | None:
    if name not in SAMPLES:
        return None
    query = ("PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX vnc: <https://w3id.org/vnge/concept/> "
             + SAMPLES[name])
    rows = json.loads(get(port, "/sparql?" + urllib.parse.urlencode({"query": query})))["results"]["bindings"]
    return rows[0]["x"]["value"] if rows else None


def timed(port: int, path: str, conn: http.client.HTTPConnection) -> tuple[float, bytes]:
    started = time.perf_counter()
    body = get(port, path, conn)
    return (time.perf_counter() - started) * 1000, body


def latency(port: int, name: str, query: Any, runs: int) -> tuple[dict[str, str], float, float, float, int]:
    """(parameters, cold ms, median ms, p95 ms, rows) of a canned query; examples first, else samples."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    params = dict(query.examples)
    path = f"/queries/{name}?" + urllib.parse.urlencode({**params, "format": "json"})
    first, body = timed(port, path, conn)  # cold: nothing cached for this data version yet
    rows = len(json.loads(body)["results"]["bindings"])
    if params and not rows:  # the example is not in this store: take values from the data
        params = {p.name: v for p in query.params if (v := sample(port, p.name))}
        path = f"/queries/{name}?" + urllib.parse.urlencode({**params, "format": "json"})
        first, body = timed(port, path, conn)
        rows = len(json.loads(body)["results"]["bindings"])
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        get(port, path, conn)
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    times.sort()
    return params, first, statistics.median(times), times[int(0.95 * (len(times) - 1))], rows


def timed_page(conn: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html"})
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def throughput(port: int, clients: int, seconds: float) -> tuple[float, float]:
    path = "/sparql?" + urllib.parse.urlencode({"query": SIMPLE})
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop:
            get(port, path, conn)
            counts[i] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return sum(counts) / elapsed, elapsed * 1000 * clients / max(1, sum(counts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="Store folder built by `kg build` (default: build data/ now)")
    parser.add_argument("--fixture", action="store_true", help="Use tests/data/service_fixture.trig")
    parser.add_argument("--runs", type=int, default=20, help="Timed runs per canned query (default: 20)")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent clients (default: 8)")
    parser.add_argument("--seconds", type=float, default=10.0, help="Throughput duration (default: 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default: 2)")
    parser.add_argument("--threads", type=int, default=4, help="Threads per worker (default: 4)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="vnge-bench-")
    if args.store:
        store = Path(args.store)
    elif args.fixture:
        sys.path.insert(0, str(ROOT / "tests"))
        from servers import build_fixture_store  # a test helper (imports pytest): --fixture only

        store = build_fixture_store(Path(tmp) / "store")
    else:
        store = Path(tmp) / "store"
        build(ROOT / "data", str(store))

    shutil.rmtree(str(store) + ".cache", ignore_errors=True)  # measure cold canned queries
    proc, port = start(store, args.workers, args.threads)
    try:
        triples = json.loads(get(port, "/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})))
        n = triples["results"]["bindings"][0]["n"]["value"]
        print(f"store: {store} ({n} triples); gunicorn {args.workers} workers × {args.threads} threads\n")
        print("| canned query | parameters | rows | first (cold) ms | median ms | p95 ms |\n"
              "|---|---|---|---|---|---|")
        for name, query in load_queries().items():
            params, first, med, p95, rows = latency(port, name, query, args.runs)
            shown = ", ".join(f"{k}=…{v[-30:]}" for k, v in params.items()) or "—"
            print(f"| {name} | {shown} | {rows} | {first:.1f} | {med:.2f} | {p95:.2f} |")
        plan = sample(port, "plan")
        pages = {"search 'binh dang gioi'": "/search?q=binh+dang+gioi", "hierarchy": "/hierarchy",
                 "entity page of a plan": "/resource?" + urllib.parse.urlencode({"iri": plan or ""}),
                 "VoID": "/void"}
        print("\n| page | first ms | median ms |\n|---|---|---|")
        for label, path in pages.items():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            times = [timed_page(conn, path) for _ in range(max(3, args.runs // 4))]
            print(f"| {label} | {times[0]:.1f} | {statistics.median(times[1:]):.1f} |")
        rps, mean_ms = throughput(port, args.clients, args.seconds)
        print(f"\nsimple SELECT, {args.clients} concurrent clients, {args.seconds:g} s: "
              f"{rps:.0f} requests/s (mean {mean_ms:.1f} ms per request)")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
