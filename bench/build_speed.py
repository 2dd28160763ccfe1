"""Build/load speed of a generated corpus (bench/generate.py) into the embedded Oxigraph store.

    .venv/bin/python bench/build_speed.py --corpus var/bench/corpus-0.01 --store var/bench/store-0.01 \
        [--runs 3]

Each load runs in a fresh child process (so its peak resident memory is its own) into a fresh
on-disk store: ``bulk`` is ``Store.bulk_load`` of corpus.nq (no transaction, parallel index
build); ``transactional`` is ``Store.load`` of the same file, the call kg ingest makes for each
document (kg build spools its plans as N-Quads and bulk-loads them; the extraction and mapping
that precede it are timed by bench/extract_speed.py, not here). Medians and p95 over the runs.
Then, once, on a bulk-loaded store kept at ``--store``, the rest of a build: inference
(kg.pipeline.infer.materialise), the summaries (kg.pipeline.build.summarise) and validation + audits
(kg.validation.validate_store as kg build runs it: the shapes compiled to SPARQL over the whole
store, the audits) stored in graph/audit. ``--shapes-sample N`` times the former engine instead
(pySHACL per plan graph in worker processes) on N plans and extrapolates.

``--from-text CORPUS`` times a whole ``kg build`` from the plan texts instead (``bench/generate.py
--texts-only``), by phase with peak memory, beside the bare in-memory bulk load of the quads it
produced (and Virtuoso's, with ``--virtuoso``): bench/text_build.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median, peak_rss_mib, percentile  # noqa: E402


def one_load(mode: str, corpus: Path, store: Path) -> dict:
    """Load corpus.nq into a new store at ``store``; runs in the child process."""
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    s = ox.Store(str(store))
    if mode == "bulk":
        s.bulk_load(path=str(corpus / "corpus.nq"), format=ox.RdfFormat.N_QUADS)
    else:
        s.load(path=str(corpus / "corpus.nq"), format=ox.RdfFormat.N_QUADS)
    s.flush()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "quads": len(s), "rss": peak_rss_mib(), "load": loadavg()}


def rest_of_build(store_path: Path, sample: int = 0) -> dict:
    """Inference and validation + audits on a loaded store, as kg build runs them after loading.

    With ``sample`` > 0 the shapes run on that many plan graphs only (evenly spread over the sorted
    graph names) and their time is extrapolated to every plan; the audits still run on the whole
    store, and graph/audit gets the audit findings plus the sample's shape findings."""
    import os

    # imported in the --child that runs these steps only: the load children report the loader's own RSS
    from kg.pipeline.build import summarise
    from kg.pipeline.infer import materialise
    from kg.validation import ValidationReport, load_audits, run_audit, store_audit_graph, validate_store
    from kg.validation.model import dedupe as _dedupe
    from kg.validation.pyshacl_engine import plan_graphs as _plan_graphs
    from kg.validation.pyshacl_engine import shapes_in_workers as _shapes_in_workers
    from kg.validation.quotes import with_quotes as _with_quotes
    from kg.validation.run import plan_labels as _plan_labels

    store = ox.Store(str(store_path))
    started = time.perf_counter()
    inferred = materialise(store, bulk=True)
    store.flush()
    infer_s = time.perf_counter() - started
    started = time.perf_counter()
    summary = summarise(store)
    store.flush()
    summary_s = time.perf_counter() - started
    del store
    store = ox.Store(str(store_path))
    mid = time.perf_counter()
    if sample:
        graphs = _plan_graphs(store)
        step = max(1, len(graphs) // sample)
        chosen = [g.value for g in graphs[::step]][:sample]
        t0 = time.perf_counter()
        found, errors = _shapes_in_workers(str(store_path), chosen, min(len(os.sched_getaffinity(0)), 8))
        sample_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for audit in load_audits():
            found += run_audit(store, audit)
        audits_s = time.perf_counter() - t0
        report = ValidationReport(plans=_plan_labels(store), errors=errors)
        report.findings = _with_quotes(store, _dedupe(found))
        report.seconds = {"shapes": sample_s / len(chosen) * len(graphs), "audits": audits_s}
        extra = {"sample": len(chosen), "sample_s": sample_s, "plans": len(graphs)}
    else:
        report = validate_store(store, store_path=str(store_path))
        extra = {}
    audit_triples = store_audit_graph(store, report)
    store.flush()
    return {
        "inferred": inferred,
        "infer_s": infer_s,
        "summary": summary,
        "summary_s": summary_s,
        "shapes_s": report.seconds["shapes"],
        "audits_s": report.seconds["audits"],
        "validate_s": time.perf_counter() - mid,
        "findings": len(report.findings),
        "audit_triples": audit_triples,
        "errors": report.errors[:3],
        "rss": peak_rss_mib(),
        "load": loadavg(),
        **extra,
    }


def child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder written by bench/generate.py")
    parser.add_argument("--store", help="where to keep the bulk-loaded, audited store")
    parser.add_argument("--runs", type=int, default=None,
                        help="loads per mode (default 3); --from-text: builds and loads (default 1)")
    parser.add_argument("--modes", default="bulk,transactional", help="load modes (default both)")
    parser.add_argument("--skip-validation", action="store_true", help="load only")
    parser.add_argument(
        "--shapes-sample", type=int, default=0, help="time pySHACL per plan (former engine) on N plans"
    )
    parser.add_argument("--from-text", metavar="CORPUS",
                        help="time `kg build` from the texts of `generate.py --texts-only --out CORPUS`")
    parser.add_argument("--virtuoso", action="store_true", help="--from-text: Virtuoso loads the quads too")
    parser.add_argument("--virtuoso-buffers", type=int, default=170_000, help="NumberOfBuffers (8 KiB each)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.from_text:
        if not args.store:
            parser.error("--store is required")
        from text_build import run

        print("\n".join(run(Path(args.from_text), Path(args.store), args.runs or 1,
                             args.virtuoso, args.virtuoso_buffers)))
        return 0
    if args.child:
        mode, *rest = args.child
        result = (
            rest_of_build(Path(rest[0]), int(rest[1]))
            if mode == "rest"
            else one_load(mode, Path(rest[0]), Path(rest[1]))
        )
        print(json.dumps(result))
        return 0
    if not (args.corpus and args.store):
        parser.error("--corpus and --store are required")
    corpus, store = Path(args.corpus), Path(args.store)
    stats = json.loads((corpus / "stats.json").read_text())
    print(header(f"Load into Oxigraph: {stats['plans']} plans, scale {stats['scale']}"))
    print(
        "| mode | runs | quads | median s | p95 s | median quads/s | peak RSS MiB (max) | load avg per run |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for mode in args.modes.split(","):
        runs = [child(mode, str(corpus), str(store) + f".{mode}") for _ in range(args.runs or 3)]
        secs = [r["seconds"] for r in runs]
        quads = runs[0]["quads"]
        print(
            f"| {mode} | {len(runs)} | {quads:,} | {median(secs):.1f} | {percentile(secs, 95):.1f} | "
            f"{quads / median(secs):,.0f} | {max(r['rss'] for r in runs):,.0f} | "
            f"{'; '.join(r['load'] for r in runs)} |"
        )
        if mode == "transactional":
            shutil.rmtree(str(store) + ".transactional", ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    Path(str(store) + ".bulk").rename(store)
    if args.skip_validation:
        return 0
    r = child("rest", str(store), str(args.shapes_sample))
    print("\n| step (once, on the bulk-loaded store) | seconds | result |\n|---|---|---|")
    print(f"| inference (kg.pipeline.infer.materialise) | {r['infer_s']:.1f} | {r['inferred']:,} triples |")
    print(f"| summaries (kg.pipeline.build.summarise) | {r['summary_s']:.1f} | {r['summary']:,} triples |")
    if r.get("sample"):
        print(
            f"| shapes (pySHACL per plan graph, worker processes, one per core): {r['sample']} plans of "
            f"{r['plans']:,} took {r['sample_s']:.1f} s; extrapolated to all | {r['shapes_s']:.0f} | |"
        )
    else:
        print(f"| shapes (compiled to SPARQL, whole store: kg/validation/compiled.py) "
              f"| {r['shapes_s']:.1f} | |")
    print(f"| audits (SPARQL, whole store) | {r['audits_s']:.1f} | {r['findings']:,} findings |")
    print(
        f"| validation total + writing graph/audit | {r['validate_s']:.1f} | {r['audit_triples']:,} triples |"
    )
    print(
        f"\npeak RSS of the inference+validation process: {r['rss']:,.0f} MiB; load avg at end: {r['load']}"
    )
    if r["errors"]:
        print("validation errors:", *r["errors"], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
