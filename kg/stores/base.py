"""The backend interface and the picklable result encoding shared by every backend.

Results are plain values so that they cross process boundaries: a SELECT is
``{"form": "SELECT", "vars": [...], "rows": [[term | None, ...]], "truncated": bool}``, an ASK
``{"form": "ASK", "boolean": bool}``, a CONSTRUCT/DESCRIBE ``{"form": "GRAPH", "triples": [(s, p, o)],
"truncated": bool}``. Terms are ``("uri", iri)``, ``("bnode", id)``,
``("literal", lexical, datatype, language)`` or ``("triple", s, p, o)`` (converted to and from
pyoxigraph and rdflib terms by :mod:`kg.rdf.terms`).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.rdf.terms import Term, tuple_to_ox, tuple_to_rdflib

Result = dict[str, Any]


class Backend(ABC):
    """One RDF dataset of named graphs. The default graph of a query is the union of all graphs
    unless ``default_graph`` / ``named_graphs`` (SPARQL Protocol) or FROM in the query say otherwise."""

    kind: str = ""
    #: True when :meth:`replace_graph` is seen by readers as one step (old or new, never a mix)
    atomic_replace: bool = False

    @abstractmethod
    def query(self, query: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None, query_dataset: bool = False,
              substitutions: dict[str, Term] | None = None, max_rows: int = 0,
              timeout: float | None = None) -> Result:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE; raise SyntaxError on a bad query, TimeoutError past
        ``timeout`` (remote backends only: embedded ones are stopped by killing their process)."""

    @abstractmethod
    def update(self, update: str, timeout: float | None = None) -> None:
        """Run a SPARQL 1.1 Update request."""

    @abstractmethod
    def load_graph(self, graph: str, data: Graph) -> int:
        """Add the triples of ``data`` to the named graph ``graph``; return how many were sent."""

    @abstractmethod
    def replace_graph(self, graph: str, data: Graph) -> int:
        """Make ``graph`` hold exactly ``data`` (atomically when :attr:`atomic_replace`)."""

    @abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove the named graph (no error when it does not exist)."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """IRIs of the non-empty named graphs holding data, sorted."""

    @abstractmethod
    def graph(self, graph: str) -> Graph:
        """The triples of one named graph as an rdflib Graph."""

    def quads(self, subject: str | None = None, graph: str | None = None, limit: int = 0) -> list[ox.Quad]:
        """The quads with this subject and/or in this named graph (any when None), at most ``limit``
        (0: all), as pyoxigraph quads (for copying part of the dataset into a scratch store)."""
        bound = (("s", subject), ("g", graph))
        values = " ".join(f"VALUES ?{name} {{ <{iri}> }}" for name, iri in bound if iri)
        query = f"SELECT ?s ?p ?o ?g WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}"
        rows = self.query(query + (f" LIMIT {limit}" if limit else ""))["rows"]
        return [ox.Quad(*(tuple_to_ox(t) for t in row)) for row in rows]

    def export_graph(self, graph: str) -> bytes:
        """One named graph as N-Triples (for copying it into a scratch store)."""
        return self.graph(graph).serialize(format="nt", encoding="utf-8")

    def write_nquads(self, out: BinaryIO) -> None:
        """Every named graph as N-Quads into the binary stream ``out`` (``kg dump``, ``/dump``)."""
        for name in self.graphs():
            for quad in self.quads(graph=name):
                out.write(f"{quad} .\n".encode())

    def dump(self, path: Path | None = None) -> Dataset:
        """Every named graph as an rdflib Dataset, also written to ``path`` as N-Quads when given."""
        dataset = Dataset()
        for name in self.graphs():
            target = dataset.graph(URIRef(name))
            for triple in self.graph(name):
                target.add(triple)
        if path is not None:
            Path(path).write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
        return dataset

    def load_file(self, path: Path, graph: str | None = None, format: str | None = None) -> int:
        """Load an RDF file: quads formats (TriG, N-Quads) into their graphs, triples into ``graph``."""
        fmt = format or rdf_format(Path(path))
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(str(path), format=fmt)
            total = 0
            for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
                if len(context) and isinstance(context.identifier, URIRef):
                    total += self.load_graph(str(context.identifier), context)
            return total
        if graph is None:
            raise ValueError(f"{path}: a triples file needs a target graph")
        data = Graph()
        data.parse(str(path), format=fmt)
        return self.load_graph(graph, data)

    def version(self) -> tuple[Any, ...]:
        """Changes when the data may have changed (caches of results are keyed by it)."""
        return ()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files and connections."""


def rdf_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".ttl": "turtle", ".rdf": "xml",
            ".owl": "xml", ".jsonld": "json-ld"}.get(suffix, "turtle")


def sparql_term(term: Term) -> str:
    """A term in SPARQL/N-Triples syntax (for VALUES clauses)."""
    return tuple_to_rdflib(term).n3()


_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inline_values(query: str, substitutions: dict[str, Term]) -> str:
    """Bind variables by a ``VALUES`` block at the top of the outer WHERE group (the portable form of
    pyoxigraph's substitutions, for servers that lack them)."""
    if not substitutions:
        return query
    names = sorted(substitutions)
    block = (" VALUES (" + " ".join("?" + n for n in names) + ") { ("
             + " ".join(sparql_term(substitutions[n]) for n in names) + ") } ")
    match = _WHERE_OPEN.search(query)
    at = match.end() if match else query.index("{") + 1
    return query[:at] + block + query[at:]
