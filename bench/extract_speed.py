"""Measure extraction speed: plans per second on one core over data/plans/*.txt.

Usage: python bench/extract_speed.py [--repeat N] [--plans DIR]

Texts are read once (reading is not timed); ``extract_plan`` runs N times over every plan
after one warm-up pass (compiling the gazetteer's regular expressions is not timed either).
Memoised agency phrases stay cached across passes, as they would across a corpus of plans; so do the
memoised foldings of whole texts, which a corpus of distinct plans would not reuse: ``--distinct``
forgets them before each extraction (the figure for a corpus).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import extract_plan  # noqa: E402
from kg.text.normalize import forget_whole_texts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over all plans (default: 20)")
    parser.add_argument("--plans", default="data/plans", help="folder of .txt plans (default: data/plans)")
    parser.add_argument(
        "--distinct", action="store_true",
        help="forget the memoised foldings of whole texts before each extraction (as on distinct plans)",
    )
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
