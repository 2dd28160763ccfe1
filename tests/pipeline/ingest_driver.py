"""Run kg.pipeline.ingest.ingest (the function behind `kg ingest`) over the given files, printing
``begin <i> <name>`` before each file and ``done <i> <status>`` after, flushed, so that a test
can kill -9 this process in the middle of a batch and know which files were committed.

Usage: python tests/pipeline/ingest_driver.py STORE FILE...
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.pipeline import ingest as ingest_module  # noqa: E402


def main(argv: list[str]) -> int:
    store, files = argv[0], [Path(f) for f in argv[1:]]
    original = ingest_module.ingest_file

    def reporting(store_obj, path, ref, *rest):  # type: ignore[no-untyped-def]
        result = original(store_obj, path, ref, *rest)
        print(f"done {path.name} {result.status}", flush=True)
        return result

    ingest_module.ingest_file = reporting
    results = ingest_module.ingest(files, store, progress=lambda i, n, name: print(
        f"begin {i} {name}", flush=True))
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        print(r.line(), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
