"""Copy every named graph of one backend into another (e.g. a store built by ``kg build`` into a
remote SPARQL server): ``python -m kg.stores.copy SOURCE TARGET``."""

from __future__ import annotations

import sys
import time

from kg.stores import open_backend
from kg.stores.base import Backend


def copy_graphs(source: Backend, target: Backend, graphs: list[str] | None = None) -> tuple[int, int]:
    """Replace each of ``graphs`` (default: all of the source's) in ``target``; (graphs, triples)."""
    names = source.graphs() if graphs is None else sorted(graphs)
    triples = 0
    for name in names:
        triples += target.replace_graph(name, source.graph(name))
    return len(names), triples


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m kg.stores.copy SOURCE_STORE TARGET_STORE", file=sys.stderr)  # noqa: T201
        return 2
    started = time.perf_counter()
    source = open_backend(args[0], read_only=True)
    target = open_backend(args[1], create=True)
    graphs, triples = copy_graphs(source, target)
    target.close()
    source.close()
    seconds = time.perf_counter() - started
    print(f"copied {graphs} graphs, {triples} triples in {seconds:.1f} s "  # noqa: T201
          f"({triples / max(seconds, 1e-9):,.0f} triples/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
