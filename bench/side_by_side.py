"""Every canned query and competency question on the same data, side by side in one run: Oxigraph
in-process, our HTTP endpoint (uncached and cached), Virtuoso 7's own HTTP endpoint and rdflib.

    .venv/bin/python bench/side_by_side.py --store STORE [--runs 5] [--timeout 60]
        [--virtuoso] [--virtuoso-buffers 170000] [--rdflib] [--wrk-seconds 10] [--skip REGEX] [--only REGEX]

STORE is a built store (kg build, or bench/build_speed.py: corpus + inference + graph/audit). The
lookup parameters (plan, document, agency) are drawn once from it and bound the same way in every
engine (a VALUES clause over HTTP, substitutions in-process). Our endpoint is measured twice:
``/sparql`` with the query text (never cached: the engine's own cost plus HTTP and the service's
query worker) and, for canned queries, ``/queries/NAME`` (answered from the per-data-version
result cache after the cold call). Virtuoso gets a dump of the same store (every named graph,
inference and audit graphs included), so row counts can be compared. rdflib parses the same dump
into a ``Dataset`` (default union) and runs each query once. Every engine stops a query at
``--timeout`` seconds. Then the service's resident memory (the whole process tree) and wrk at 8 and
32 clients on a lookup, uncached (/sparql) and cached (/queries). A measurement script, not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median, percentile  # noqa: E402
from query_speed import BUDGET_MS, http_times, load_all, rdflib_times, run_ox, samples, wrk  # noqa: E402
from service_latency import start  # noqa: E402
from virtuoso_speed import bind, timed  # noqa: E402

from tests.support.virtuoso import VirtuosoServer  # noqa: E402

_STORE: ox.Store | None = None


def _open(path: str) -> None:
    global _STORE
    _STORE = ox.Store.read_only(path)


def _time_ox(text: str, params: dict[str, str], runs: int) -> tuple[int, list[float]]:
    assert _STORE is not None
    rows = run_ox(_STORE, text, params)
    times: list[float] = []
    while len(times) < runs and (len(times) < 3 or sum(times) < BUDGET_MS):
        started = time.perf_counter()
        run_ox(_STORE, text, params)
        times.append((time.perf_counter() - started) * 1000)
    return rows, times


class OxRunner:
    """Oxigraph in-process, in a child process that is killed when a query passes the time limit."""

    def __init__(self, store: str, timeout: float) -> None:
        self.store, self.timeout = store, timeout
        self.pool = self._pool()

    def _pool(self):  # noqa: ANN202
        return multiprocessing.get_context("fork").Pool(1, initializer=_open, initargs=(self.store,))

    def run(self, text: str, params: dict[str, str], runs: int) -> tuple[int, list[float]] | None:
        job = self.pool.apply_async(_time_ox, (text, params, runs))
        try:
            return job.get(self.timeout * (runs + 1))
        except multiprocessing.TimeoutError:
            self.pool.terminate()
            self.pool = self._pool()
            return None

    def close(self) -> None:
        self.pool.terminate()


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (MiB)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return total


def post_times(port: int, query: str, runs: int, timeout: float) -> tuple[int, list[float]]:
    """Rows and wall ms per run of POSTing ``query`` to our /sparql (never cached) on one
    keep-alive connection; the first (cold) call is not counted."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    body = urllib.parse.urlencode({"query": query})
    headers = {
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded",
    }

    def once() -> dict:
        conn.request("POST", "/sparql", body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {data[:80]!r}")
        return json.loads(data)

    try:
        rows = len(once()["results"]["bindings"])
        times: list[float] = []
        while len(times) < runs and (len(times) < 3 or sum(times) < BUDGET_MS):
            started = time.perf_counter()
            once()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return rows, times


def warm_up(port: int, requests: int = 48) -> None:
    """Make every gunicorn worker start its query processes (each spawn takes ~1 s) before timing:
    concurrent trivial queries, so that all workers and all their query slots are used."""
    from concurrent.futures import ThreadPoolExecutor

    def ask_once(_: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        conn.getresponse().read()
        conn.close()

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(ask_once, range(requests)))


def quad_count(server) -> int:  # noqa: ANN001 - a tests.support.virtuoso.VirtuosoServer
    """Quads in the database, counted in SQL (a SPARQL COUNT over ~50 M quads outlasts the server's
    per-query time limit and answers HTTP 500)."""
    out = server.isql("SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;", timeout=3600)
    lines = [line.strip() for line in out.splitlines()]
    rule = next(i for i, line in enumerate(lines) if line.startswith("___"))  # the value follows the rule
    return int(next(line for line in lines[rule + 1 :] if line))


def virtuoso_times(dump: Path, queries: dict, params: dict, args: argparse.Namespace) -> tuple[str, dict]:
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="vnge-virtuoso-", dir=args.tmp) as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        os.link(dump, folder / "data" / "store.nq")
        server = VirtuosoServer(
            folder / "db", buffers=args.virtuoso_buffers, timeout_s=int(args.timeout), max_rows=10_000_000
        )
        server.start()
        try:
            pid = server.process.pid if server.process else 0
            before = quad_count(server)  # Virtuoso's own system graphs, subtracted below
            started = time.perf_counter()
            server.isql(
                f"ld_dir('{folder / 'data'}', '*.nq', 'urn:default'); rdf_loader_run(); checkpoint;",
                timeout=7200,
            )
            load_s = time.perf_counter() - started
            n = quad_count(server) - before
            info = (
                f"Virtuoso: started in {server.start_seconds:.1f} s, bulk-loaded {n:,} quads in "
                f"{load_s:.1f} s ({n / load_s:,.0f} quads/s), load avg {loadavg()}"
            )
            print(f"<!-- {info} -->", flush=True)
            for name, (_, text, names) in queries.items():
                query = bind(text, {k: v for k, v in params.items() if k in names})
                try:
                    rows, _, times, cpu = timed(server.query_url, query, args.runs, pid)
                    out[name] = {"rows": rows, "times": times, "cpu": cpu}
                except Exception as e:  # one refused or timed-out query must not hide the others
                    out[name] = {"error": str(e)[:60]}
                print(
                    f"<!-- virtuoso {name}: {out[name].get('rows', out[name].get('error'))} -->", flush=True
                )
        finally:
            server.stop()
    return info, out


def fmt(values: list[float] | None) -> str:
    return f"{median(values):.2f} / {percentile(values, 95):.2f}" if values else "—"


def ratio(a: list[float] | None, b: list[float] | None) -> str:
    return f"{median(a) / median(b):.2f}" if a and b and median(b) > 0 else "—"


def main() -> int:  # noqa: C901, PLR0912, PLR0915 — one linear measurement script
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="the built store (required)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query and engine")
    parser.add_argument("--virtuoso", action="store_true")
    parser.add_argument("--virtuoso-buffers", type=int, default=170_000, help="NumberOfBuffers (8 KiB each)")
    parser.add_argument("--rdflib", action="store_true")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--skip", default="", help="leave out the queries whose name matches this regex")
    parser.add_argument("--only", default="", help="run only the queries whose name matches this regex")
    parser.add_argument("--tmp", default=None, help="folder for the dump and Virtuoso's database")
    parser.add_argument("--dump", default=None,
                        help="an N-Quads dump of this same store to reuse (kept) instead of dumping it")
    args = parser.parse_args()
    if not args.store:
        parser.error("--store is required")
    queries = {k: v for k, v in load_all().items()
               if not (args.skip and re.search(args.skip, k)) and (not args.only or re.search(args.only, k))}
    store = ox.Store.read_only(args.store)
    quads = len(store)
    params = samples(store)
    print(header(f"Side by side: {quads:,} quads in {args.store}"))
    print(f"lookup parameters: {params}\n", flush=True)

    results: dict[str, dict] = {name: {} for name in queries}
    runner = OxRunner(args.store, args.timeout)
    for name, (_, text, names) in queries.items():
        p = {k: v for k, v in params.items() if k in names}
        got = runner.run(text, p, args.runs)
        results[name]["params"] = p
        if got:
            results[name]["rows"], results[name]["ox"] = got
        print(
            f"<!-- ox {name}: {got[0] if got else 'timeout'} rows, {fmt(got[1] if got else None)} -->",
            flush=True,
        )
    runner.close()

    dump_dir = Path(tempfile.mkdtemp(prefix="vnge-dump-", dir=args.tmp))
    dump = Path(args.dump) if args.dump else dump_dir / "store.nq"
    if (args.virtuoso or args.rdflib) and not args.dump:
        started = time.perf_counter()
        store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        print(f"dumped the store in {time.perf_counter() - started:.1f} s", flush=True)
    del store

    shutil.rmtree(args.store + ".cache", ignore_errors=True)
    proc, port = start(Path(args.store), 2, 4)
    throughput: list[str] = []
    try:
        warm_up(port)
        for name, (_, text, _names) in queries.items():
            r = results[name]
            try:
                _, r["http"] = post_times(port, bind(text, r["params"]), args.runs, args.timeout)
            except Exception as e:  # the service's time limit answers 503
                r["http_error"] = str(e)[:60]
            if name.startswith("canned/"):
                path = f"/queries/{name[7:]}?" + urllib.parse.urlencode({**r["params"], "format": "json"})
                try:
                    r["cold"], r["cached"] = http_times(port, path, args.runs)
                except Exception as e:
                    r["cached_error"] = str(e)[:60]
            print(f"<!-- http {name}: {fmt(r.get('http'))} -->", flush=True)
        rss = tree_rss_mib(proc.pid)
        plan = params.get("plan", "")
        lookups = {
            "uncached GET /sparql (a plan's citations)": "/sparql?"
            + urllib.parse.urlencode(
                {"query": f"SELECT ?doc WHERE {{ <{plan}> <https://w3id.org/vnge/ontology#cites> ?doc }}"}
            ),
            "cached /queries/implementation-chain": "/queries/implementation-chain?"
            + urllib.parse.urlencode({"plan": plan, "format": "json"}),
        }
        if shutil.which("wrk"):
            for label, path in lookups.items():
                for clients in (8, 32):
                    throughput.append(f"| {label} " + wrk(port, path, clients, args.wrk_seconds))
        rss_after = tree_rss_mib(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(15)

    virt_info, virt = ("", {})
    if args.virtuoso:  # a failure here must not lose the measurements above: it is reported instead
        try:
            virt_info, virt = virtuoso_times(dump, queries, params, args)
        except Exception as e:
            virt_info = f"Virtuoso: failed: {type(e).__name__}: {str(e)[:300]}"
    rd: dict = {}
    rd_info = ""
    if args.rdflib:
        try:
            loaded, rd = rdflib_times(str(dump), args.timeout, params)
            rd_info = (
                f"rdflib: the dump parsed in {loaded['load_s']:.0f} s, peak RSS {loaded['rss']:,.0f} MiB"
            )
        except Exception as e:
            rd_info = f"rdflib: failed: {type(e).__name__}: {str(e)[:300]}"
    shutil.rmtree(dump_dir, ignore_errors=True)

    print()
    for info in (virt_info, rd_info):
        if info:
            print(info + "\n")
    print(
        "| query | rows ox / virt / rdflib | Oxigraph in-process p50 / p95 ms "
        "| our /sparql (uncached, VALUES-bound) p50 / p95 "
        "| our /queries: first call (uncached) → cached p50 / p95 "
        "| Virtuoso HTTP p50 / p95 (server CPU p50) | ours uncached ÷ Virtuoso "
        "| rdflib 1 run ms | rdflib ÷ ours uncached |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    limit = args.timeout * 1000
    for name, r in results.items():
        v = virt.get(name, {})
        rr = rd.get(name)
        rows = (
            f"{r.get('rows', '—')} / {v.get('rows', '—')} / {rr['rows'] if rr and rr['rows'] >= 0 else '—'}"
        )
        ox_col = fmt(r.get("ox")) if "ox" in r else f"> {limit:,.0f} (timeout)"
        http = fmt(r.get("http")) if r.get("http") else r.get("http_error", "—")
        cached = r.get("cached_error", "—")
        if r.get("cached"):
            cached = f"{r['cold']:,.1f} → {fmt(r['cached'])}"
        if v.get("times"):
            vcol = f"{fmt(v['times'])} ({median(v['cpu']):.0f})"
        else:
            vcol = v.get("error", "—")
        rcol, rratio = "—", "—"
        if rr is not None:
            rcol = f"> {limit:,.0f} (timeout)" if rr["ms"] is None else f"{rr['ms']:,.1f}"
            if r.get("http"):
                base = median(r["http"])
                rratio = f"> {limit / base:,.0f}×" if rr["ms"] is None else f"{rr['ms'] / base:,.1f}×"
        print(
            f"| {name} | {rows} | {ox_col} | {http} | {cached} | {vcol} "
            f"| {ratio(r.get('http'), v.get('times'))} | {rcol} | {rratio} |"
        )
    print(
        f"\nservice resident memory (gunicorn master + workers + query processes): {rss:,.0f} MiB after the "
        f"latency runs, {rss_after:,.0f} MiB after wrk; load average {loadavg()}"
    )
    if throughput:
        print(
            "\n| lookup | clients | seconds | requests/s | p50 | p99 | non-2xx | socket errors "
            "| load avg after |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        print("\n".join(throughput))
    return 0


if __name__ == "__main__":
    sys.exit(main())
