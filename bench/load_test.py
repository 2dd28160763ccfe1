"""Load test (issue 7, item 5): concurrent clients mixing canned queries, entity pages and SPARQL
against a real gunicorn server on loopback; counts errors, latency percentiles, requests/s, and the
RSS of every server process (gunicorn master, workers, query processes) sampled every few seconds.

    .venv/bin/python bench/load_test.py [--store DIR] [--seconds 60] [--clients 32] [--json]

Without ``--store`` it builds data/ with ``kg.pipeline.build.build`` into a temporary folder. An error is
any status other than 200, a connection failure, or a body with "Traceback". Memory is reported
after a warm-up (the first sixth of the run): mean RSS of the first third vs the last third of the
remaining samples. tests/service/test_load.py runs the same for ~10 s with 8 clients.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.pipeline.build import build  # noqa: E402

SPARQL = [
    "SELECT ?s WHERE { ?s a <https://w3id.org/vnge/ontology#Plan> } LIMIT 10",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20",
    "ASK { ?s a <https://w3id.org/vnge/ontology#Plan> }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/vnge/ontology#Plan> ; ?p ?o } LIMIT 50",
    "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'vi') } "
    "LIMIT 25",
]
ACCEPTS = ["application/sparql-results+json", "text/html", "application/sparql-results+xml", "text/csv"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path, workers: int = 2, threads: int = 4,
                 log: Path | None = None) -> tuple[subprocess.Popen, int]:
    """gunicorn (service.app.run_serve) in its own session on a free loopback port; waits for /health."""
    port = free_port()
    env = {**os.environ, "VNGE_STORE": str(store), "VNGE_HOST": "127.0.0.1", "VNGE_PORT": str(port),
           "VNGE_WORKERS": str(workers), "VNGE_THREADS": str(threads), "VNGE_ACCESS_LOG": "off",
           "PYTHONPATH": str(ROOT)}
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-c", "from service.app import run_serve; run_serve()"],
                            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("server did not answer /health within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def session_rss(session: int) -> tuple[int, int]:
    """(total RSS in bytes, number of processes) of every process in ``session`` (Linux /proc)."""
    total = count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getsid(int(entry)) != session:
                continue
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        count += 1
                        break
        except (OSError, ValueError):
            continue
    return total, count


def request_mix(port: int) -> list[tuple[str, str, dict[str, str], bytes | None]]:
    """(method, path, headers, body) of the mix: canned queries with their examples, entity pages
    of real subjects, SPARQL by GET, form POST and direct POST in several formats, search."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/queries", headers={"Accept": "application/json"})
    canned = json.loads(conn.getresponse().read())
    mix: list[tuple[str, str, dict[str, str], bytes | None]] = []
    for q in canned:  # each with its documented example values ({param: value})
        url = f"{q['url']}?{urllib.parse.urlencode(q.get('examples') or {})}"
        mix.append(("GET", url, {"Accept": "application/sparql-results+json"}, None))
        mix.append(("GET", url, {"Accept": "text/html"}, None))
    query = ("SELECT DISTINCT ?s WHERE { ?s a ?t FILTER(STRSTARTS(STR(?s), 'https://w3id.org/vnge/')) } "
             "ORDER BY ?s LIMIT 40")
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(conn.getresponse().read())["results"]["bindings"]
    for row in rows:
        path = "/" + row["s"]["value"][len("https://w3id.org/vnge/"):]
        if "#" not in path and "?" not in path:
            mix.append(("GET", urllib.parse.quote(path, safe="/"), {"Accept": "text/html"}, None))
            mix.append(("GET", urllib.parse.quote(path, safe="/"), {"Accept": "text/turtle"}, None))
    for i, q in enumerate(SPARQL):
        accept = ACCEPTS[i % len(ACCEPTS)] if not q.startswith("CONSTRUCT") else "text/turtle"
        mix.append(("GET", "/sparql?" + urllib.parse.urlencode({"query": q}), {"Accept": accept}, None))
        form = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        mix.append(("POST", "/sparql", form, urllib.parse.urlencode({"query": q}).encode()))
        direct = {"Accept": accept, "Content-Type": "application/sparql-query"}
        mix.append(("POST", "/sparql", direct, q.encode()))
    for text in ("bình đẳng giới", "phu nu", "Sở Lao động"):
        mix.append(("GET", "/search?" + urllib.parse.urlencode({"q": text}), {"Accept": "text/html"}, None))
    return mix


@dataclass
class LoadResult:
    seconds: float
    clients: int
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    rss: list[tuple[float, int, int]] = field(default_factory=list)  # (t, bytes, processes)
    kinds: dict[str, int] = field(default_factory=dict)

    def percentile(self, p: float) -> float:
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(p / 100 * len(data)))] if data else 0.0

    def memory(self, warmup: float) -> tuple[float, float]:
        """Mean RSS (MB) of the first and last third of the samples after ``warmup`` seconds."""
        samples = [b for t, b, _ in self.rss if t >= warmup] or [b for _, b, _ in self.rss]
        third = max(1, len(samples) // 3)
        return statistics.mean(samples[:third]) / 1e6, statistics.mean(samples[-third:]) / 1e6

    def summary(self) -> dict[str, Any]:
        first, last = self.memory(self.seconds / 6)
        return {"seconds": round(self.seconds, 1), "clients": self.clients, "requests": self.requests,
                "errors": len(self.errors), "requests_per_s": round(self.requests / self.seconds, 1),
                "p50_ms": round(self.percentile(50) * 1000, 1),
                "p99_ms": round(self.percentile(99) * 1000, 1),
                "max_ms": round(max(self.latencies, default=0) * 1000, 1),
                "rss_first_third_mb": round(first, 1), "rss_last_third_mb": round(last, 1),
                "rss_max_mb": round(max((b for _, b, _ in self.rss), default=0) / 1e6, 1),
                "server_processes": max((n for _, _, n in self.rss), default=0),
                "mix": dict(sorted(self.kinds.items())), "first_errors": self.errors[:5]}


def run_load(port: int, session: int, seconds: float, clients: int, sample_every: float = 2.0,
             seed: int = 1790) -> LoadResult:
    """``clients`` threads, each with its own keep-alive connection, send random requests from the
    mix for ``seconds``; the server's RSS is sampled every ``sample_every`` seconds meanwhile."""
    mix = request_mix(port)
    result = LoadResult(seconds=seconds, clients=clients)
    lock = threading.Lock()
    started = time.monotonic()
    stop = started + seconds

    def client(n: int) -> None:
        rnd = random.Random(seed + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < stop:
            method, path, headers, body = rnd.choice(mix)
            kind = path.split("?")[0].split("/")[1] or "home"
            kind = kind if kind in ("sparql", "queries", "search") else "entity"
            t0 = time.monotonic()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                ok = response.status == 200 and b"Traceback" not in data
                problem = "" if ok else f"{response.status} {method} {path[:120]}: {data[:200]!r}"
            except (OSError, http.client.HTTPException) as e:
                problem = f"{type(e).__name__} {method} {path[:120]}: {e}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            elapsed = time.monotonic() - t0
            with lock:
                result.requests += 1
                result.latencies.append(elapsed)
                result.kinds[kind] = result.kinds.get(kind, 0) + 1
                if problem:
                    result.errors.append(problem)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    while time.monotonic() < stop:
        rss, count = session_rss(session)
        result.rss.append((time.monotonic() - started, rss, count))
        time.sleep(min(sample_every, max(0.0, stop - time.monotonic())))
    for t in threads:
        t.join(150)
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build data/ into a temp folder)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    tmp = None
    store = args.store
    if store is None:
        tmp = Path(tempfile.mkdtemp(prefix="vnge-load-"))
        store = tmp / "store"
        build(ROOT / "data", str(store))
    proc, port = start_server(store, args.workers, args.threads)
    try:
        result = run_load(port, proc.pid, args.seconds, args.clients)
    finally:
        stop_server(proc)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    summary = result.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for key, value in summary.items():
            print(f"{key:>20}: {value}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
