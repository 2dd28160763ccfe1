"""The embedded default: a pyoxigraph on-disk store (RocksDB), queried in-process.

pyoxigraph cannot cancel a running query, so the service opens this backend inside killable
child processes (read-only: several may read at once while one writer works).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf.terms import Term, ox_to_rdflib, ox_to_tuple, rdflib_to_ox, tuple_to_ox
from kg.stores.base import Backend, Result


def _graphs(iris: list[str] | None) -> list[ox.NamedNode] | None:
    return None if iris is None else [ox.NamedNode(i) for i in iris]


def run_query(store: ox.Store, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0) -> Result:
    bindings = {ox.Variable(k): tuple_to_ox(v) for k, v in (substitutions or {}).items()}
    result = store.query(
        query,
        # FROM / FROM NAMED in the query define its dataset; otherwise the default graph is the union
        use_default_graph_as_union=default_graph is None and not query_dataset,
        default_graph=_graphs(default_graph),
        named_graphs=_graphs(named_graphs),
        substitutions=bindings or None,
    )
    cap = int(max_rows or 0)
    if isinstance(result, ox.QueryBoolean):
        return {"form": "ASK", "boolean": bool(result)}
    rows: list[Any] = []
    truncated = False
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        for solution in result:
            if cap and len(rows) >= cap:
                truncated = True
                break
            rows.append([ox_to_tuple(solution[name]) for name in names])
        return {"form": "SELECT", "vars": names, "rows": rows, "truncated": truncated}
    for triple in result:
        if cap and len(rows) >= cap:
            truncated = True
            break
        rows.append((ox_to_tuple(triple.subject), ox_to_tuple(triple.predicate), ox_to_tuple(triple.object)))
    return {"form": "GRAPH", "triples": rows, "truncated": truncated}


class OxigraphBackend(Backend):
    kind = "oxigraph"
    atomic_replace = True  # one pyoxigraph update is one RocksDB transaction

    def __init__(self, path: str, *, read_only: bool = False, create: bool = False) -> None:
        self.path = str(path)
        if not create and not Path(self.path).is_dir():
            raise FileNotFoundError(f"no store at {self.path!r}: build one with `kg build --store DIR`")
        self.store = ox.Store.read_only(self.path) if read_only else ox.Store(self.path)
        self.read_only = read_only

    def query(self, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0,
              timeout: float | None = None) -> Result:
        return run_query(self.store, query, default_graph=default_graph, named_graphs=named_graphs,
                         query_dataset=query_dataset, substitutions=substitutions, max_rows=max_rows)

    def update(self, update: str, timeout: float | None = None) -> None:
        self.store.update(update)
        self.store.flush()

    def _quads(self, graph: str, data: Graph) -> list[ox.Quad]:
        g = ox.NamedNode(graph)
        return [ox.Quad(rdflib_to_ox(s), rdflib_to_ox(p), rdflib_to_ox(o), g) for s, p, o in data]

    def load_graph(self, graph: str, data: Graph) -> int:
        quads = self._quads(graph, data)
        self.store.extend(quads)
        self.store.flush()
        return len(quads)

    def replace_graph(self, graph: str, data: Graph) -> int:
        """DROP + INSERT DATA as one SPARQL Update: one transaction, readers see old or new."""
        body = data.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self.store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
        self.store.flush()
        return len(data)

    def drop_graph(self, graph: str) -> None:
        self.store.update(f"DROP SILENT GRAPH <{graph}>")
        self.store.flush()

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)
                      and next(iter(self.store.quads_for_pattern(None, None, None, g)), None) is not None)

    def graph(self, graph: str) -> Graph:
        out = Graph()
        for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            out.add((ox_to_rdflib(quad.subject), ox_to_rdflib(quad.predicate), ox_to_rdflib(quad.object)))
        return out

    def quads(self, subject: str | None = None, graph: str | None = None, limit: int = 0) -> list[ox.Quad]:
        found = self.store.quads_for_pattern(ox.NamedNode(subject) if subject else None, None, None,
                                             ox.NamedNode(graph) if graph else None)
        out = []
        for quad in found:
            if limit and len(out) >= limit:
                break
            if graph or isinstance(quad.graph_name, ox.NamedNode):  # named graphs only, as elsewhere
                out.append(quad)
        return out

    def export_graph(self, graph: str) -> bytes:
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))

    def write_nquads(self, out: BinaryIO) -> None:
        self.store.dump(out, format=ox.RdfFormat.N_QUADS)

    def version(self) -> tuple[Any, ...]:
        stat = Path(self.path).stat()
        return (stat.st_ino, stat.st_mtime_ns)

    def close(self) -> None:
        if not self.read_only:
            self.store.flush()
        del self.store
