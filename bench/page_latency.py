"""Latency of the readable pages (issue 17 item 1: plan dossiers and legal-document pages) over HTTP
against a real gunicorn server on a built store. A measurement script, not a test.

    .venv/bin/python bench/page_latency.py --store var/bench/store-0.01 [--plans 20] [--runs 10]

Times an even sample of the store's plans (every n-th in IRI order), the plan with the most
activities, and the documents cited most; each page once untimed (the server's first request to it),
then ``--runs`` times. Prints a Markdown table (median, p95, max in ms) and the load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from service_latency import get, start  # noqa: E402

BASE = "https://w3id.org/vnge/"
VNP = "PREFIX vnp: <https://w3id.org/vnge/ontology#> "
PLANS = VNP + "SELECT DISTINCT ?p WHERE { ?p a vnp:Plan ; vnp:hasTask ?t } ORDER BY ?p"
BIGGEST = VNP + ("SELECT ?p (COUNT(DISTINCT ?t) AS ?n) WHERE { ?p vnp:hasTask ?t } "
                 "GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1")
CITED = VNP + ("SELECT ?d (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c vnp:citedDocument ?d } "
               "GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 4")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="store built by kg build or bench/build_speed.py")
    parser.add_argument("--plans", type=int, default=20, help="plans in the even sample (default 20)")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    args = parser.parse_args()
    proc, port = start(Path(args.store), args.workers, args.threads)
    try:
        plans = column(port, PLANS)
        step = max(1, len(plans) // args.plans)
        pages = [("plan", p) for p in plans[::step][:args.plans]]
        pages += [("plan (most activities)", p) for p in column(port, BIGGEST)]
        pages += [("document (most cited)", d) for d in column(port, CITED)]
        print(f"{len(plans)} plans in the store; load average before: {os.getloadavg()[0]:.2f}\n")
        print("| page | kind | median ms | p95 ms | max ms |\n|---|---|---:|---:|---:|")
        medians: dict[str, list[float]] = {}
        for kind, iri in pages:
            path = "/" + iri[len(BASE):]
            page_ms(port, path)
            times = sorted(page_ms(port, path) for _ in range(args.runs))
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            medians.setdefault(kind.split(" ")[0], []).append(statistics.median(times))
            print(f"| `{path}` | {kind} | {statistics.median(times):.0f} | {p95:.0f} | {times[-1]:.0f} |")
        for kind, values in medians.items():
            print(f"\n{kind}: median of the medians {statistics.median(values):.0f} ms, "
                  f"worst median {max(values):.0f} ms over {len(values)} pages")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
