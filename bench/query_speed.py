"""Latency of every canned research query (service/queries) and competency question (queries/):
in-process on the embedded Oxigraph store, through our HTTP endpoint, and on rdflib's engine;
then HTTP requests/s and p99 of a lookup query with 8 and 32 concurrent clients (wrk).

    .venv/bin/python bench/query_speed.py --store var/bench/store-0.01 [--corpus var/bench/corpus-0.01]
        [--runs 20] [--rdflib] [--rdflib-timeout 120] [--no-http] [--wrk-seconds 10]

The store is one built by bench/build_speed.py (or kg build). Canned queries get values from the
data for their plan/doc/agency parameters (lookups) and none for level/indicator (whole-corpus
aggregates), the same in every engine. ``--rdflib`` loads the corpus.nq of ``--corpus`` into an
rdflib Dataset (default graph = union) in a child process and runs each query once with a time
limit (rdflib is too slow for more). Virtuoso is not measured here yet (see BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median, peak_rss_mib, percentile  # noqa: E402

PREFIX = "PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX vnc: <https://w3id.org/vnge/concept/> "
SAMPLES = {  # lookup parameters: a value from the data (the service_latency.py choices)
    "plan": "SELECT ?x WHERE { ?x a vnp:Plan ; vnp:implements ?y ; vnp:hasTask ?t ; vnp:jurisdiction ?u . "
    "?u vnp:level vnc:level-commune } LIMIT 1",
    "doc": "SELECT ?x WHERE { VALUES ?x { <https://w3id.org/vnge/eli/vn/2009/55-2009-nd-cp> } }",
    "agency": "SELECT ?x WHERE { ?t vnp:leadAgency ?x } LIMIT 1",
    "indicator": "SELECT ?x WHERE { VALUES ?x { vnc:indicator-ge-law-communication-sessions } "
    "?t vnp:indicator ?x } LIMIT 1",
}


def load_all() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """name → (kind, SPARQL text, parameter names) of every canned query and competency question."""
    # not at import: the rdflib child (this script) reports its peak memory without the service loaded
    from service.pages.canned import load_queries

    out = {
        f"canned/{q.name}": ("canned", q.text, tuple(p.name for p in q.params))
        for q in load_queries().values()
    }
    for path in sorted((ROOT / "queries").glob("*.rq")):
        out[f"cq/{path.stem[:4]}"] = ("cq", path.read_text("utf-8"), ())
    return out


def samples(store: ox.Store) -> dict[str, str]:
    found = {}
    for name, query in SAMPLES.items():
        rows = list(store.query(PREFIX + query, use_default_graph_as_union=True))
        if rows:
            found[name] = rows[0]["x"].value
    return found


def run_ox(store: ox.Store, text: str, params: dict[str, str]) -> int:
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in params.items()}
    result = store.query(text, use_default_graph_as_union=True, substitutions=subs or None)
    if isinstance(result, bool):
        return int(result)
    return sum(1 for row in result for _ in [tuple(row)])


BUDGET_MS = 15_000  # per query and engine: stop repeating a slow query after this (at least 3 runs)


def in_process(
    store: ox.Store, text: str, params: dict[str, str], runs: int
) -> tuple[int, list[float], list[float]]:
    """(rows, wall ms, CPU ms) per run; CPU time is this process's (the query runs in this thread),
    a steadier measure than wall time when other processes share the cores."""
    rows = run_ox(store, text, params)  # warm-up (and row count)
    times: list[float] = []
    cpu: list[float] = []
    while len(times) < runs and (len(times) < 3 or sum(times) < BUDGET_MS):
        started, cpu_started = time.perf_counter(), time.process_time()
        run_ox(store, text, params)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return rows, times, cpu


def http_times(port: int, path: str, runs: int) -> tuple[float, list[float]]:
    from service_latency import get  # imports the service: kept out of the rdflib child (see load_all)

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    get(port, path, conn)
    cold = (time.perf_counter() - started) * 1000
    times: list[float] = []
    while len(times) < runs and (len(times) < 3 or sum(times) < BUDGET_MS):
        started = time.perf_counter()
        get(port, path, conn)
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return cold, times


def http_path(name: str, text: str, params: dict[str, str]) -> str:
    if name.startswith("canned/"):
        return f"/queries/{name[7:]}?" + urllib.parse.urlencode({**params, "format": "json"})
    return "/sparql?" + urllib.parse.urlencode({"query": text})


def rdflib_child(nquads: str, timeout: float, plan: str) -> None:
    """Child process: load an N-Quads file into rdflib and time each query once; prints JSON lines."""
    from rdflib import Dataset, URIRef

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    print(json.dumps({"load_s": time.perf_counter() - started, "rss": peak_rss_mib()}), flush=True)

    def alarm(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    for name, (_, text, names) in load_all().items():
        params = {k: v for k, v in json.loads(plan).items() if k in names}
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            rows = len(list(ds.query(text, initBindings={k: URIRef(v) for k, v in params.items()})))
            ms = (time.perf_counter() - started) * 1000
        except TimeoutError:
            rows, ms = -1, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        print(json.dumps({"name": name, "rows": rows, "ms": ms}), flush=True)


def rdflib_times(nquads: str, timeout: float, params: dict[str, str]) -> tuple[dict, dict]:
    """({load_s, rss}, {query name: {rows, ms}}) of rdflib on ``nquads``, in a child process."""
    out = subprocess.run(
        [sys.executable, __file__, "--rdflib-child", nquads, str(timeout), json.dumps(params)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return lines[0], {r["name"]: r for r in lines[1:]}


def wrk(port: int, path: str, clients: int, seconds: int) -> str:
    """One Markdown row: wrk's requests/s, p50/p99 latency and errors."""
    url = f"http://127.0.0.1:{port}{path}"
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            "Accept: application/sparql-results+json",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s*50%\s+(\S+)", out, re.M)  # the distribution line, not "…xx.50%" of a stats row
    p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M)
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return (
        f"| {clients} | {seconds} | {float(rps[1]) if rps else 0:,.0f} | {p50[1] if p50 else '?'} | "
        f"{p99[1] if p99 else '?'} | {non2xx[1] if non2xx else 0} | {errors[1] if errors else 'none'} "
        f"| {loadavg()} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="on-disk store (bench/build_speed.py --store)")
    parser.add_argument("--corpus", help="corpus folder, for --rdflib")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query and engine (default 20)")
    parser.add_argument("--rdflib", action="store_true", help="also rdflib's engine (one run per query)")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP endpoint")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="duration of each wrk run (default 10)")
    parser.add_argument("--skip", default="", help="regular expression of query names to leave out")
    parser.add_argument("--rdflib-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rdflib_child:
        rdflib_child(args.rdflib_child[0], float(args.rdflib_child[1]), args.rdflib_child[2])
        return 0
    queries = {k: v for k, v in load_all().items() if not (args.skip and re.search(args.skip, k))}
    store = ox.Store.read_only(args.store)
    quads = len(store)
    params = samples(store)
    print(header(f"Query latency: {quads:,} quads in {args.store}"))
    print(f"lookup parameters: {params}\n", flush=True)
    results: dict[str, dict] = {}
    for name, (_, text, names) in queries.items():
        p = {k: v for k, v in params.items() if k in names}
        rows, times, cpu = in_process(store, text, p, args.runs)
        results[name] = {"rows": rows, "ox": times, "cpu": cpu, "params": p}
        print(
            f"<!-- {name}: {rows} rows, in-process p50 {median(times):.2f} ms (CPU {median(cpu):.2f}) over "
            f"{len(times)} runs, load {loadavg()} -->",
            flush=True,
        )
    del store
    port, proc = None, None
    if not args.no_http:
        from service_latency import start  # imports the service: kept out of the rdflib child (see load_all)

        shutil.rmtree(args.store + ".cache", ignore_errors=True)
        proc, port = start(Path(args.store), 2, 4)
    try:
        if port:
            for name, (_, text, _names) in queries.items():
                try:
                    cold, times = http_times(port, http_path(name, text, results[name]["params"]), args.runs)
                except (OSError, RuntimeError) as e:  # e.g. the service's query time limit
                    print(f"<!-- {name}: HTTP failed: {str(e)[:120]} -->", flush=True)
                    continue
                results[name]["http"] = (cold, times)
                print(f"<!-- {name}: HTTP cold {cold:.1f} ms, p50 {median(times):.2f} ms -->", flush=True)
        rd: dict = {}
        if args.rdflib:
            info, rd = rdflib_times(str(Path(args.corpus) / "corpus.nq"), args.rdflib_timeout, params)
            print(f"rdflib: corpus.nq parsed in {info['load_s']:.0f} s, peak RSS {info['rss']:,.0f} MiB\n")
        print(
            "| query | rows | in-process p50 ms | p95 ms | CPU p50 ms | HTTP cold ms | HTTP p50 ms | p95 ms "
            "| rdflib ms (1 run) | rdflib ÷ in-process p50 |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, r in results.items():
            ox50, ox95 = median(r["ox"]), percentile(r["ox"], 95)
            h = r.get("http")
            hcol = f"{h[0]:.1f} | {median(h[1]):.2f} | {percentile(h[1], 95):.2f}" if h else "— | — | —"
            rr = rd.get(name)
            if rr is None:
                rcol = "— | —"
            elif rr["ms"] is None:
                limit = args.rdflib_timeout * 1000
                rcol = f"> {limit:,.0f} (timeout) | > {limit / ox50:,.0f}×"
            else:
                rcol = f"{rr['ms']:,.1f} | {rr['ms'] / ox50:,.0f}×"
                if rr["rows"] != r["rows"]:
                    rcol += f" (rdflib {rr['rows']} rows)"
            cpu50 = median(r["cpu"])
            print(f"| {name} | {r['rows']} | {ox50:.2f} | {ox95:.2f} | {cpu50:.2f} | {hcol} | {rcol} |")
        print(f"\nload average at end of latency runs: {loadavg()}")
        if port and shutil.which("wrk"):
            plan = params.get("plan", "")
            path = "/queries/implementation-chain?" + urllib.parse.urlencode({"plan": plan, "format": "json"})
            print(
                f"\nHTTP throughput (wrk 2 threads, same 2 cores as the server; gunicorn 2 workers × 4 "
                f"threads): GET {path[:60]}…\n"
            )
            print("| clients | seconds | requests/s | p50 | p99 | non-2xx | socket errors | load avg after |")
            print("|---|---|---|---|---|---|---|---|")
            for clients in (8, 32):
                print(wrk(port, path, clients, args.wrk_seconds))
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
