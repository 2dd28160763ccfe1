"""Latency of the citation network page (``/network?iri=``) over HTTP against a running server, and of
``citation_network`` in process. A measurement script, not a test.

    .venv/bin/python bench/network_latency.py --url http://127.0.0.1:8742 IRI... [--runs 10]
    .venv/bin/python bench/network_latency.py --store /tmp/bgen/s001 IRI... [--runs 5]

Over HTTP: four /health requests first (query processes up), then per IRI the first two requests
(cold in each of two gunicorn workers: nothing memoised) and ``--runs`` more (memoised per data
version). In process (``--store``): ``citation_network`` without the memo, one warm-up then
``--runs`` timed. Prints one line per IRI with the machine's load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fetch_ms(url: str) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=60) as r:
        r.read()
        assert r.status == 200, url
    return (time.perf_counter() - started) * 1000


def over_http(base: str, iris: list[str], runs: int) -> None:
    for _ in range(4):
        fetch_ms(base + "/health")
    for iri in iris:
        url = base + "/network?" + urllib.parse.urlencode({"iri": iri})
        cold = [fetch_ms(url) for _ in range(2)]
        warm = [fetch_ms(url) for _ in range(runs)]
        print(f"{iri}: cold {cold[0]:.0f} / {cold[1]:.0f} ms, memoised p50 {statistics.median(warm):.0f} ms "
              f"(load {os.getloadavg()[0]:.1f})")


def in_process(store: str, iris: list[str], runs: int) -> None:
    from service.app import create_app
    from service.pages.network import citation_network

    app = create_app({"VNGE_STORE": store, "VNGE_WARMUP": False})
    try:
        with app.app_context():
            for iri in iris:
                citation_network(iri)
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    net = citation_network(iri)
                    times.append((time.perf_counter() - started) * 1000)
                print(f"{iri}: {len(net.nodes)} documents, {len(net.edges)} citations, median "
                      f"{statistics.median(times):.0f} ms, min {min(times):.0f} ms "
                      f"(load {os.getloadavg()[0]:.1f})")
    finally:
        app.extensions["vnge"].pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a running server (kg serve)")
    where.add_argument("--store", help="store to open in process")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per IRI after the cold ones")
    parser.add_argument("iris", nargs="+", help="plans or documents whose network to draw")
    args = parser.parse_args()
    if args.url:
        over_http(args.url.rstrip("/"), args.iris, args.runs)
    else:
        in_process(args.store, args.iris, args.runs)


if __name__ == "__main__":
    main()
