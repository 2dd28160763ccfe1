"""One plan in and out of a built store, summary and findings included (issue 16: ≤ 2 s nationally).

    .venv/bin/python bench/ingest_speed.py --store var/bench/s100 --texts var/bench/c100/texts [--runs 3]

Two measurements, each leaving the store as it found it:

1. **The store's part**, on plans of the generated corpus with their real hierarchy: a plan of each
   level (commune, district, province) is taken out (``kg.pipeline.remove.remove``, as ``kg remove``)
   and put back (``kg.pipeline.ingest.put_graph``, what ``kg ingest`` does once the file is
   extracted), each step timed and split into its phases: finding the plans it touches, the update
   (graph, inference), the summary, the scratch store and validation of the touched plans.
2. **End to end**, as a user types it: ``kg ingest TEXT --store …`` in a fresh process (Python
   start, reading and extraction included), then ``kg remove``. The text is a generated plan's text
   under a new file name (its plan IRI comes from the extraction, so it is a new plan).

The corpus folder is a temporary one (``VNGE_CORPUS``). Prints Markdown tables (bench/machine.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median  # noqa: E402

from kg.pipeline import ingest as ingest_module  # noqa: E402
from kg.pipeline import remove as remove_module  # noqa: E402
from kg.pipeline import scope as scope_module  # noqa: E402
from kg.validation import scoped as scoped_module  # noqa: E402

PHASES: dict[str, float] = defaultdict(float)
_TIMED = [(ingest_module, "touched"), (remove_module, "touched"), (scope_module, "contribution"),
          (scope_module, "summary_update"), (scoped_module, "scratch_store"),
          (scoped_module, "validate_store"), (scope_module, "audit_update")]


def _timed(module: object, name: str) -> None:
    inner = getattr(module, name)

    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            PHASES[name] += time.perf_counter() - started
    setattr(module, name, wrapper)


for _module, _name in _TIMED:
    _timed(_module, _name)
_timed(ingest_module.OxigraphBackend, "update")


def sample_plans(store_path: str) -> dict[str, str]:
    """One plan of each level (the middle one of the sorted IRIs): level → plan IRI."""
    store = ox.Store.read_only(store_path)
    try:
        out = {}
        for level in ("commune", "district", "province"):
            rows = store.query(
                "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p <https://w3id.org/vnge/ontology#jurisdiction> ?u ; "
                "<http://www.w3.org/ns/prov#wasDerivedFrom> ?f } ?u <https://w3id.org/vnge/ontology#level> "
                f"<https://w3id.org/vnge/concept/level-{level}> }}", use_default_graph_as_union=True)
            plans = sorted(r["p"].value for r in rows)
            if plans:
                out[level] = plans[len(plans) // 2]
        return out
    finally:
        del store


def graph_of(store_path: str, plan: str):  # noqa: ANN201 - an rdflib Graph
    from rdflib import Graph

    from kg.rdf.mapping import plan_graph_iri
    from kg.rdf.terms import ox_to_rdflib

    store = ox.Store.read_only(store_path)
    try:
        graph = Graph()
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(plan_graph_iri(plan)))):
            graph.add((ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object)))
        return graph
    finally:
        del store


def store_part(store_path: str, runs: int) -> list[str]:
    from kg.pipeline.ingest import open_store, put_graph
    from kg.pipeline.remove import remove

    lines = ["| level | step | runs | median s | max s | plans re-validated | touched | updates | summary | "
             "scratch | validation | load avg |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for level, plan in sample_plans(store_path).items():
        graph = graph_of(store_path, plan)
        times: dict[str, list[float]] = {"remove": [], "put back": []}
        phases: dict[str, list[dict[str, float]]] = {"remove": [], "put back": []}
        scopes: list[int] = []
        for _ in range(runs):
            for step in ("remove", "put back"):
                PHASES.clear()
                started = time.perf_counter()
                if step == "remove":
                    remove(plan, store_path)
                else:
                    store = open_store(store_path)
                    try:
                        scope = ingest_module.touched(store, {plan}, set(), ingest_module.iris_of(graph))
                        PHASES.clear()
                        started = time.perf_counter()
                        put_graph(store, plan, graph, set())
                        scopes.append(len(scope.plans))
                    finally:
                        store.close()
                times[step].append(time.perf_counter() - started)
                phases[step].append(dict(PHASES))
        for step in ("remove", "put back"):
            cols = [median([p.get(k, 0.0) for p in phases[step]]) for k in (
                "touched", "update", "summary_update", "scratch_store", "validate_store")]
            lines.append(f"| {level} | {step} | {runs} | {median(times[step]):.2f} | "
                         f"{max(times[step]):.2f} | {max(scopes) if scopes else '-'} | "
                         + " | ".join(f"{c:.2f}" for c in cols) + f" | {loadavg()} |")
    return lines


def end_to_end(store_path: str, texts: Path, runs: int) -> list[str]:
    kg = str(Path(sys.executable).with_name("kg"))
    lines = ["| text | `kg ingest` s (fresh process) | status | `kg remove` s | load avg |",
             "|---|---|---|---|---|"]
    samples = sorted(p for p in texts.iterdir() if p.suffix == ".txt")
    for path in samples[:: max(1, len(samples) // runs)][:runs]:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / f"bench-new-{path.name}"
            shutil.copy(path, copy)
            started = time.perf_counter()
            out = subprocess.run([kg, "ingest", str(copy), "--store", store_path], capture_output=True,
                                 text=True)
            ingest_s = time.perf_counter() - started
            status = out.stdout.split()[0] if out.stdout else f"error {out.stderr[-200:]}"
            started = time.perf_counter()
            subprocess.run([kg, "remove", copy.name, "--store", store_path], capture_output=True, text=True)
            remove_s = time.perf_counter() - started
        lines.append(f"| {path.name} | {ingest_s:.2f} | {status} | {remove_s:.2f} | {loadavg()} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a store built by kg build or bench/build_speed.py")
    parser.add_argument("--texts", help="plan texts for the end-to-end runs (bench/generate.py texts/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per level and texts (default 3)")
    args = parser.parse_args()
    os.environ["VNGE_CORPUS"] = tempfile.mkdtemp(prefix="vnge-bench-corpus-")
    print(header("One plan out and back in: the store's part (remove, put back)"))
    print("\n".join(store_part(args.store, args.runs)))
    if args.texts:
        print("\nEnd to end, as typed (a fresh `kg` process per command):\n")
        print("\n".join(end_to_end(args.store, Path(args.texts), args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
