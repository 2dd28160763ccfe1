"""Recompute graph/summary on an existing built store, as ``kg build`` does after inference.

    .venv/bin/python bench/summarise_store.py --store /tmp/bgen/r100/store

For stores built before the summary graph existed (or to time the step alone): drops the graph,
runs kg.pipeline.build.summarise, prints the seconds, the triples and the peak resident memory.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, peak_rss_mib  # noqa: E402

from kg.pipeline.build import summarise  # noqa: E402
from kg.rdf.namespaces import graph_iri  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="an on-disk store built by kg build")
    args = parser.parse_args()
    print(header("Summary graph (kg.pipeline.build.summarise)"))
    store = ox.Store(args.store)
    store.remove_graph(ox.NamedNode(str(graph_iri("summary"))))
    started = time.perf_counter()
    triples = summarise(store)
    store.flush()
    seconds = time.perf_counter() - started
    print(f"{triples:,} summary triples in {seconds:.1f} s; peak RSS {peak_rss_mib():,.0f} MiB; "
          f"load avg {loadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
