"""The same corpus and queries on Virtuoso 7 (tests/support/virtuoso.py), for side-by-side ratios.

    .venv/bin/python bench/virtuoso_speed.py --corpus var/bench/corpus-0.01 [--runs 5]

Starts a throw-away Virtuoso with its database in a temporary folder, bulk-loads corpus.nq
(``ld_dir`` + ``rdf_loader_run`` + ``checkpoint``: one named graph per plan, as in the file) and
times every canned query and competency question over Virtuoso's own HTTP endpoint, with the
lookup parameters of bench/query_speed.py bound by a ``VALUES`` clause. Besides wall time it
reports the server's CPU time per query (utime + stime of virtuoso-t from /proc), which is
steadier than wall time when other processes share the cores. The corpus has no inference or
audit graph (kg build adds them): queries that read those see less on Virtuoso.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median, percentile  # noqa: E402
from query_speed import BUDGET_MS, load_all  # noqa: E402

from tests.support.virtuoso import VirtuosoServer  # noqa: E402

PARAMS_QUERY = {
    "plan": "SELECT ?x WHERE { ?x a vnp:Plan ; vnp:implements ?y ; vnp:hasTask ?t ; vnp:jurisdiction ?u . "
    "?u vnp:level vnc:level-commune } LIMIT 1",
    "doc": "SELECT ?x WHERE { VALUES ?x { <https://w3id.org/vnge/eli/vn/2009/55-2009-nd-cp> } }",
    "agency": "SELECT ?x WHERE { ?t vnp:leadAgency ?x } LIMIT 1",
}
PREFIX = "PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX vnc: <https://w3id.org/vnge/concept/> "


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ask(url: str, query: str) -> dict:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=300) as r:
        return json.loads(r.read())


def timed(url: str, query: str, runs: int, pid: int) -> tuple[int, float, list[float], list[float]]:
    """(rows, cold ms, wall ms per run, server CPU ms per run) of ``query`` on Virtuoso at ``url``;
    at least 3 runs, fewer than ``runs`` once they add up to BUDGET_MS."""
    t0 = time.perf_counter()
    rows = len(ask(url, query)["results"]["bindings"])
    cold = (time.perf_counter() - t0) * 1000
    times: list[float] = []
    cpu: list[float] = []
    while len(times) < runs and (len(times) < 3 or sum(times) < BUDGET_MS):
        c0, t0 = cpu_seconds(pid), time.perf_counter()
        ask(url, query)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((cpu_seconds(pid) - c0) * 1000)
    return rows, cold, times, cpu


def bind(text: str, params: dict[str, str]) -> str:
    """Bind parameters with a VALUES clause at the start of the outermost WHERE block."""
    values = " ".join(f"VALUES ?{k} {{ <{v}> }}" for k, v in params.items())
    return re.sub(r"WHERE\s*\{", lambda m: m.group(0) + " " + values + " ", text, count=1) if values else text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="folder written by bench/generate.py")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (default 5)")
    parser.add_argument("--buffers", type=int, default=170_000, help="NumberOfBuffers (8 KiB each)")
    args = parser.parse_args()
    print(header("Virtuoso 7 over its own HTTP endpoint"))
    with tempfile.TemporaryDirectory(prefix="vnge-virtuoso-") as tmp:
        folder = Path(tmp)
        data = folder / "data"
        data.mkdir()
        os.link(Path(args.corpus).resolve() / "corpus.nq", data / "corpus.nq")
        server = VirtuosoServer(folder / "db", buffers=args.buffers, timeout_s=300, max_rows=1_000_000)
        server.start()
        try:
            pid = server.process.pid if server.process else 0
            started = time.perf_counter()
            server.isql(
                f"ld_dir('{data}', '*.nq', 'urn:default'); rdf_loader_run(); checkpoint;", timeout=3600
            )
            load_s = time.perf_counter() - started
            n = int(
                ask(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["results"][
                    "bindings"
                ][0]["n"]["value"]
            )
            print(
                f"start {server.start_seconds:.1f} s; bulk load {n:,} quads in {load_s:.1f} s "
                f"({n / load_s:,.0f} quads/s); load avg {loadavg()}\n",
                flush=True,
            )
            params = {}
            for k, q in PARAMS_QUERY.items():
                rows = ask(server.query_url, PREFIX + q)["results"]["bindings"]
                if rows:
                    params[k] = rows[0]["x"]["value"]
            print(f"lookup parameters: {params}\n")
            print("| query | rows | HTTP cold ms | HTTP p50 ms | p95 ms | server CPU p50 ms | error |")
            print("|---|---|---|---|---|---|---|")
            for name, (_, text, names) in load_all().items():
                query = bind(text, {k: v for k, v in params.items() if k in names})
                try:
                    rows, cold, times, cpu = timed(server.query_url, query, args.runs, pid)
                    print(
                        f"| {name} | {rows} | {cold:.1f} | {median(times):.2f} | {percentile(times, 95):.2f} "
                        f"| {median(cpu):.0f} | |",
                        flush=True,
                    )
                except Exception as e:  # report and go on: one refused query must not hide the others
                    print(f"| {name} | — | — | — | — | — | {str(e)[:80]} |", flush=True)
            print(
                f"\nload average at end: {loadavg()}; server CPU resolution: 1/{os.sysconf('SC_CLK_TCK')} s"
            )
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
