"""Measure extraction speed: plans per second on one core over data/plans/*.txt.

Usage: python bench/extract_speed.py [--repeat N] [--plans DIR] [--distinct]
       python bench/extract_speed.py --worker DATA [--repeat N] [--digest]

Texts are read once (reading is not timed); ``extract_plan`` runs N times over every plan
after one warm-up pass (compiling the gazetteer's regular expressions is not timed either).
Memoised agency phrases stay cached across passes, as they would across a corpus of plans; so do the
memoised foldings of whole texts, which a corpus of distinct plans would not reuse: ``--distinct``
forgets them before each extraction (the figure for a corpus).

``--worker DATA`` times what a build's extraction worker does per plan instead (read the file,
extract, map, serialise N-Quads: ``kg.pipeline.workers._extract_one``) over DATA/plans, with the
reference data of DATA/reference (a build's data folder, e.g. the one bench/build_speed.py makes):
ms per plan after one warm-up plan (the best of N passes, default 3), and a fresh process's first
plan (regular expressions compiled, caches empty; imports not counted), as is and after
``kg.extract.prepare()`` (what a forked worker inherits from the build's process). ``--digest`` prints the
SHA-256 of all the plans' N-Quads, to check that a change leaves the output byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import extract_plan, prepare  # noqa: E402
from kg.text.normalize import forget_whole_texts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, help="passes over all plans (default: 20, --worker: 3)")
    parser.add_argument("--plans", default="data/plans", help="folder of .txt plans (default: data/plans)")
    parser.add_argument(
        "--distinct", action="store_true",
        help="forget the memoised foldings of whole texts before each extraction (as on distinct plans)",
    )
    parser.add_argument("--worker", metavar="DATA", help="time a build worker's whole plan over DATA/plans")
    parser.add_argument("--digest", action="store_true", help="with --worker: SHA-256 of the N-Quads")
    parser.add_argument("--first", choices=("fresh", "prepared"), help=argparse.SUPPRESS)  # the fresh process
    args = parser.parse_args(argv)
    if args.worker:
        return worker_speed(Path(args.worker), args.repeat or 3, args.digest, args.first)
    args.repeat = args.repeat or 20
    texts = [p.read_text("utf-8") for p in sorted(Path(args.plans).glob("*.txt"))]
    if not texts:
        print(f"no .txt plans in {args.plans}", file=sys.stderr)
        return 2
    for t in texts:  # warm-up: gazetteer regexes compiled, caches filled
        extract_plan(t)
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for t in texts:
            if args.distinct:
                forget_whole_texts()
            extract_plan(t)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    n = args.repeat * len(texts)
    chars = args.repeat * sum(len(t) for t in texts)
    print(
        f"{n} extractions of {len(texts)} plans in {elapsed:.2f} s wall: {n / elapsed:.1f} plans/s, "
        f"{chars / elapsed / 1e6:.2f} M chars/s, {1000 * elapsed / n:.1f} ms/plan"
    )
    print(
        f"CPU time of this process {cpu:.2f} s: {n / cpu:.1f} plans/s on one core "
        f"(wall time is higher when other processes share the cores)"
        + (", whole-text foldings forgotten before each plan" if args.distinct else "")
    )
    return 0


def worker_speed(data: Path, repeat: int, digest: bool, first_only: str | None = None) -> int:
    """ms per plan of ``_extract_one`` over ``data/plans`` (best of ``repeat``), and the first plan."""
    from kg.pipeline import workers
    from kg.pipeline.sources import parse_turtle_files, rebase
    from kg.rdf.references import ReferenceIndex
    from kg.resources import ONTOLOGY_DIR

    paths = sorted((data / "plans").glob("*.txt"))
    if not paths:
        print(f"no .txt plans in {data / 'plans'}", file=sys.stderr)
        return 2
    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    reference = rebase(parse_turtle_files(sorted((data / "reference").glob("*.ttl"))))
    workers._WORKER_REF = ReferenceIndex.from_graph(reference + ontology)
    start = time.process_time()
    if first_only == "prepared":
        prepare()  # as the parent of forked workers does
    prepared = time.process_time()
    workers._extract_one(paths[0])
    if first_only:
        print(f"{prepared - start:.4f} {time.process_time() - prepared:.4f}")
        return 0
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        out = [workers._extract_one(p) for p in paths]
        best = min(best, time.process_time() - start)
    errors = [m.file for m in out if m.error]
    first = {}
    for how in ("fresh", "prepared"):
        command = [sys.executable, __file__, "--worker", str(data), "--first", how]
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        first[how] = [1000 * float(v) for v in run.stdout.split()]
    print(
        f"{len(paths)} plans: {1000 * best / len(paths):.1f} ms/plan CPU (best of {repeat} passes after a "
        f"warm-up plan); first plan of a fresh process {first['fresh'][1]:.0f} ms CPU, "
        f"{first['prepared'][1]:.0f} ms after kg.extract.prepare() ({first['prepared'][0]:.0f} ms: "
        "what a forked worker inherits)" + (f"; failed: {', '.join(errors)}" if errors else "")
    )
    if digest:
        sha = hashlib.sha256(b"".join(m.nquads for m in out)).hexdigest()
        print(f"N-Quads: {sum(m.triples for m in out)} triples, sha256 {sha}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
