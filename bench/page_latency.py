"""Latency of the readable pages (issue 17: plan dossiers, legal-document, agency and unit pages, and
citation networks) over HTTP against a real gunicorn server on a built store. A measurement script,
not a test.

    .venv/bin/python bench/page_latency.py --store var/bench/store-0.01 [--plans 20] [--runs 10] [--warm-up]

Times an even sample of the store's plans (every n-th in IRI order), the plan with the most
activities, the documents cited most, the agencies that issue and lead the most, the unit with the
most children and plans and per level the one with the most agencies, and the networks of the
documents cited most and of three sampled plans; each page once (the server's first request to it:
"first"), then ``--runs`` times. Without ``--warm-up`` the server starts with VNGE_WARMUP off (cold
costs); with it, the timing starts once every worker logged the end of its warm-up. Prints a Markdown
table (first, median, p95, max in ms) and the load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from service_latency import free_port, get  # noqa: E402

BASE = "https://w3id.org/vnge/"
VNP = "PREFIX vnp: <https://w3id.org/vnge/ontology#> "
PLANS = VNP + "SELECT DISTINCT ?p WHERE { ?p a vnp:Plan ; vnp:hasTask ?t } ORDER BY ?p"
BIGGEST = VNP + ("SELECT ?p (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p vnp:hasTask ?t } "
                 "GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")
CITED = VNP + ("SELECT ?d (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c vnp:citedDocument ?d } "
               "GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 4")
AGENCIES = VNP + ("SELECT ?a (COUNT(?x) AS ?n) WHERE { { ?x vnp:issuedBy ?a } "
                  "UNION { ?x vnp:leadAgency ?a } } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 2")
UNITS = VNP + ("SELECT ?u (COUNT(?x) AS ?n) WHERE { { ?x vnp:parentUnit ?u } "
               "UNION { ?x vnp:jurisdiction ?u } } GROUP BY ?u ORDER BY DESC(?n) ?u LIMIT 1")
#: per level, the unit with the most agencies (the units above a commune are not all plans' units)
LEVEL_UNIT = VNP + ("SELECT ?u (COUNT(?a) AS ?n) WHERE { "
                    "?u vnp:level <https://w3id.org/vnge/concept/level-%s> . ?a vnp:scopeUnit ?u } "
                    "GROUP BY ?u ORDER BY DESC(?n) ?u LIMIT 1")


def column(port: int, query: str) -> list[str]:
    body = get(port, "/sparql?" + urllib.parse.urlencode({"query": query}))
    rows = json.loads(body)["results"]["bindings"]
    return [next(iter(r.values()))["value"] for r in rows]


def page_ms(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html"})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return elapsed


def start(store: Path, workers: int, threads: int, warm_up: bool) -> tuple[subprocess.Popen, int]:
    """A gunicorn server on ``store``; with ``warm_up``, returned once every worker's warm-up ended."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    env = {**os.environ, "VNGE_STORE": str(store), "VNGE_PORT": str(port), "VNGE_WORKERS": str(workers),
           "VNGE_THREADS": str(threads), "VNGE_ACCESS_LOG": "off", "PYTHONPATH": str(ROOT),
           "VNGE_WARMUP": "true" if warm_up else "false"}
    proc = subprocess.Popen([sys.executable, "-c", "from service.app import run_serve; run_serve()"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            get(port, "/health") if not warm_up else None
        except OSError:
            continue
        if not warm_up or Path(log.name).read_text().count("warm-up done") >= workers:
            print(f"server log: {log.name}")
            return proc, port
    os.killpg(proc.pid, signal.SIGTERM)
    raise RuntimeError(f"server did not start (or warm up); see {log.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="store built by kg build or bench/build_speed.py")
    parser.add_argument("--plans", type=int, default=20, help="plans in the even sample (default 20)")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--warm-up", action="store_true", help="start with VNGE_WARMUP and wait for it")
    args = parser.parse_args()
    started = time.monotonic()
    proc, port = start(Path(args.store), args.workers, args.threads, args.warm_up)
    print(f"server up{' and warmed' if args.warm_up else ''} in {time.monotonic() - started:.1f} s")
    try:
        plans = column(port, PLANS)
        step = max(1, len(plans) // args.plans)
        sample = plans[::step][:args.plans]
        cited = column(port, CITED)
        pages = [("plan", p) for p in sample]
        pages += [("plan (most activities)", p) for p in column(port, BIGGEST)]
        pages += [("document (most cited)", d) for d in cited]
        pages += [("agency (most documents and tasks)", a) for a in column(port, AGENCIES)]
        pages += [("unit (most children and plans)", u) for u in column(port, UNITS)]
        for level in ("province", "district", "commune"):
            pages += [(f"unit ({level}, most agencies)", u) for u in column(port, LEVEL_UNIT % level)]
        net = "/network?iri="
        pages += [("network (most cited)", net + urllib.parse.quote(d, safe="")) for d in cited[:2]]
        pages += [("network (a plan)", net + urllib.parse.quote(p, safe="")) for p in sample[:3]]
        print(f"{len(plans)} plans in the store; load average before: {os.getloadavg()[0]:.2f}\n")
        print("| page | kind | first ms | median ms | p95 ms | max ms |\n|---|---|---:|---:|---:|---:|")
        summary: dict[str, list[tuple[float, float, float]]] = {}
        for kind, iri in pages:
            path = iri if iri.startswith("/") else "/" + iri[len(BASE):]
            first = page_ms(port, path)
            times = sorted(page_ms(port, path) for _ in range(args.runs))
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            summary.setdefault(kind.split(" ")[0], []).append((first, statistics.median(times), p95))
            print(f"| `{path[:90]}` | {kind} | {first:.0f} | {statistics.median(times):.0f} | {p95:.0f} "
                  f"| {times[-1]:.0f} |")
        print()
        for kind, values in summary.items():
            firsts, medians, p95s = zip(*values, strict=True)
            print(f"{kind}: median of the medians {statistics.median(medians):.0f} ms, worst median "
                  f"{max(medians):.0f} ms, worst p95 {max(p95s):.0f} ms, worst first {max(firsts):.0f} ms "
                  f"over {len(values)} pages")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
