"""The embedded default: a pyoxigraph on-disk store (RocksDB), queried in-process.

pyoxigraph cannot cancel a running query, so the service opens this backend inside killable
child processes (read-only: several may read at once while one writer works).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.stores.base import XSD_STRING, Backend, Result, Term


def encode(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    if isinstance(term, ox.Triple):
        return ("triple", encode(term.subject), encode(term.predicate), encode(term.object))
    raise TypeError(f"unexpected term {term!r}")


def decode(term: Term) -> Any:
    kind = term[0]
    if kind == "uri":
        return ox.NamedNode(term[1])
    if kind == "bnode":
        return ox.BlankNode(term[1])
    if kind == "literal":
        if term[3]:
            return ox.Literal(term[1], language=term[3])
        return ox.Literal(term[1], datatype=ox.NamedNode(term[2]))
    return ox.Triple(decode(term[1]), decode(term[2]), decode(term[3]))


def to_rdflib(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # rdflib keeps "x" and "x"^^xsd:string apart
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_ox(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _graphs(iris: list[str] | None) -> list[ox.NamedNode] | None:
    return None if iris is None else [ox.NamedNode(i) for i in iris]


def run_query(store: ox.Store, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0) -> Result:
    bindings = {ox.Variable(k): decode(v) for k, v in (substitutions or {}).items()}
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
            rows.append([encode(solution[name]) for name in names])
        return {"form": "SELECT", "vars": names, "rows": rows, "truncated": truncated}
    for triple in result:
        if cap and len(rows) >= cap:
            truncated = True
            break
        rows.append((encode(triple.subject), encode(triple.predicate), encode(triple.object)))
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
        return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in data]

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
            out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return out

    def version(self) -> tuple[Any, ...]:
        stat = Path(self.path).stat()
        return (stat.st_ino, stat.st_mtime_ns)

    def close(self) -> None:
        if not self.read_only:
            self.store.flush()
        del self.store
