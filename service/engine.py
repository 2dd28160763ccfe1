"""The query process: opens the store and runs one request at a time for its parent.

This module runs inside a child process (see :mod:`service.worker`). It imports nothing but
pyoxigraph, answers plain picklable values (terms as tuples), and never renders anything. The
parent kills the whole process at the deadline, which is the only way to stop a pyoxigraph query.

Term encoding: ``("uri", iri)``, ``("bnode", id)``, ``("literal", lexical, datatype, language)``,
``("triple", s, p, o)`` (RDF-star); ``None`` for an unbound variable.
"""

from __future__ import annotations

import traceback
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Term = tuple[Any, ...]


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


def _graphs(iris: list[str] | None) -> list[ox.NamedNode] | None:
    return None if iris is None else [ox.NamedNode(i) for i in iris]


def run_query(store: ox.Store, task: dict[str, Any]) -> dict[str, Any]:
    default_graph = _graphs(task.get("default_graph"))
    substitutions = {ox.Variable(k): decode(v) for k, v in (task.get("substitutions") or {}).items()}
    result = store.query(
        task["query"],
        # FROM / FROM NAMED in the query define its dataset; otherwise the default graph is the union
        use_default_graph_as_union=default_graph is None and not task.get("query_dataset"),
        default_graph=default_graph,
        named_graphs=_graphs(task.get("named_graphs")),
        substitutions=substitutions or None,
    )
    cap = int(task.get("max_rows") or 0)
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


def run_update(store: ox.Store, task: dict[str, Any]) -> dict[str, Any]:
    store.update(task["update"])
    store.flush()
    return {"form": "UPDATE"}


def child_main(conn: Connection, store_path: str, writable: bool) -> None:
    """Entry point of a query process: open the store, say ready, then serve tasks until EOF."""
    try:
        store = ox.Store(store_path) if writable else ox.Store.read_only(store_path)
    except Exception as e:  # the parent turns this into a 503 naming the store
        conn.send(("error", "store", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        try:
            handler = run_update if task.get("op") == "update" else run_query
            conn.send(("ok", handler(store, task)))
        except SyntaxError as e:
            conn.send(("error", "syntax", str(e)))
        except Exception as e:  # reported to the parent, which logs it and answers 500
            conn.send(("error", "bug", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
