"""Canned lookups in their VALUES-bound form through /sparql (issue 15, item 4): the first call and the
median of the next five, each a new query text (no result cache), in ms.

Usage: .venv/bin/python bench/values_speed.py --repo REPO --store STORE
(REPO: the checkout whose service runs, e.g. an older commit's worktree to compare with.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

LOOKUPS = {  # canned query → its parameter and the value to bind (None: the first plan of the store)
    "audit-findings-by-plan": ("plan", None),
    "plans-citing-document": ("doc", "https://w3id.org/vnge/eli/vn/2021/1790-qd-ttg"),
    "agency-responsibilities": ("agency", "https://w3id.org/vnge/id/org/vn/bo-noi-vu"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="checkout whose service is started")
    parser.add_argument("--store", required=True, help="an on-disk Oxigraph store (bench/build_speed.py)")
    args = parser.parse_args()
    sys.path.insert(0, args.repo)
    from tests.servers import LiveServer  # the checkout given on the command line (not this one)

    store = ox.Store.read_only(args.store)
    first_plan = ("SELECT ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/vnge/ontology#Plan> } } "
                  "ORDER BY ?p LIMIT 1")
    plan = next(iter(store.query(first_plan)))["p"].value
    del store
    server = LiveServer(Path(args.store), log_dir=Path("/tmp"), VNGE_WARMUP="false", VNGE_QUERY_TIMEOUT="60")
    try:
        for name, (var, value) in LOOKUPS.items():
            text = Path(args.repo, "service", "queries", name + ".rq").read_text("utf-8")
            query = text.replace("WHERE {", f"WHERE {{ VALUES ?{var} {{ <{value or plan}> }}", 1)
            times, rows, status = [], 0, 0
            for i in range(6):
                data = urllib.parse.urlencode({"query": f"{query}\n# run {i}"}).encode()
                request = urllib.request.Request(server.url + "/sparql", data=data,
                                                 headers={"Accept": "application/sparql-results+json"})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=120) as r:
                        rows, status = len(json.loads(r.read())["results"]["bindings"]), r.status
                except urllib.error.HTTPError as e:
                    rows, status = -1, e.code
                times.append((time.perf_counter() - started) * 1000)
            print(f"| {name} | {status} | {rows} | {times[0]:.0f} | {statistics.median(times[1:]):.0f} |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
