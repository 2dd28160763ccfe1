"""rdflib in memory: for tests and small graphs (rdflib's SPARQL engine is 40–8,000× slower than
Oxigraph; see /work/shared/notes/performance-anchors.md).

``memory`` is an empty dataset; ``memory:FILE`` loads FILE (TriG, N-Quads, or a triples format into
the default graph) and writes updates back to it (atomically, by renaming a new file into place),
so every process that opens it sees the same data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result as RdflibResult

from kg.rdf.terms import Term, rdflib_to_tuple, tuple_to_rdflib
from kg.stores.base import Backend, Result, rdf_format


class MemoryBackend(Backend):
    kind = "memory"
    atomic_replace = True  # one Python call under the GIL; no other process reads this memory

    def __init__(self, path: str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path else None
        self.read_only = read_only
        self.dataset = Dataset(default_union=True)
        if self.path is not None and self.path.exists():
            self.dataset.parse(str(self.path), format=rdf_format(self.path))

    def _view(self, default_graph: list[str] | None, named_graphs: list[str] | None) -> Dataset:
        """A dataset made of the requested graphs (SPARQL Protocol default-graph-uri / named-graph-uri)."""
        view = Dataset(default_union=False)
        for name in default_graph or []:
            for triple in self.dataset.graph(URIRef(name)):
                view.default_graph.add(triple)
        for name in named_graphs or []:
            target = view.graph(URIRef(name))
            for triple in self.dataset.graph(URIRef(name)):
                target.add(triple)
        return view

    def query(self, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0,
              timeout: float | None = None) -> Result:
        target = self.dataset if default_graph is None and named_graphs is None else \
            self._view(default_graph, named_graphs)
        bindings = {k: tuple_to_rdflib(v) for k, v in (substitutions or {}).items()}
        try:
            result = target.query(query, initBindings=bindings or None)
        except Exception as e:
            if type(e).__name__ == "ParseException":
                raise SyntaxError(str(e)) from None
            raise
        return encode_result(result, int(max_rows or 0))

    def update(self, update: str, timeout: float | None = None) -> None:
        try:
            self.dataset.update(update)
        except Exception as e:
            if type(e).__name__ == "ParseException":
                raise SyntaxError(str(e)) from None
            raise
        self._save()

    def load_graph(self, graph: str, data: Graph) -> int:
        target = self.dataset.graph(URIRef(graph))
        for triple in data:
            target.add(triple)
        self._save()
        return len(data)

    def replace_graph(self, graph: str, data: Graph) -> int:
        self.dataset.remove_graph(URIRef(graph))
        return self.load_graph(graph, data)

    def drop_graph(self, graph: str) -> None:
        self.dataset.remove_graph(URIRef(graph))
        self._save()

    def graphs(self) -> list[str]:
        default = self.dataset.default_graph.identifier
        return sorted(str(g.identifier) for g in self.dataset.graphs()
                      if isinstance(g.identifier, URIRef) and g.identifier != default and len(g))

    def graph(self, graph: str) -> Graph:
        out = Graph()
        for triple in self.dataset.graph(URIRef(graph)):
            out.add(triple)
        return out

    def _save(self) -> None:
        if self.path is None:
            return
        if self.read_only:
            raise PermissionError(f"{self.path} was opened read-only")
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fmt = "trig" if rdf_format(self.path) == "trig" else "nquads"
        tmp.write_bytes(self.dataset.serialize(format=fmt, encoding="utf-8"))
        os.replace(tmp, self.path)

    def version(self) -> tuple[Any, ...]:
        if self.path is None:
            return ()
        try:
            stat = self.path.stat()
        except OSError:
            return (0, 0)
        return (stat.st_ino, stat.st_mtime_ns)


def encode_result(result: RdflibResult, cap: int) -> Result:
    if result.type == "ASK":
        return {"form": "ASK", "boolean": bool(result.askAnswer)}
    rows: list[Any] = []
    truncated = False
    if result.type == "SELECT":
        names = [str(v) for v in result.vars or []]
        for row in result:
            if cap and len(rows) >= cap:
                truncated = True
                break
            rows.append([rdflib_to_tuple(row[i]) for i in range(len(names))])
        return {"form": "SELECT", "vars": names, "rows": rows, "truncated": truncated}
    for s, p, o in result.graph or Graph():
        if cap and len(rows) >= cap:
            truncated = True
            break
        rows.append((rdflib_to_tuple(s), rdflib_to_tuple(p), rdflib_to_tuple(o)))
    return {"form": "GRAPH", "triples": rows, "truncated": truncated}
