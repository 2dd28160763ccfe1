"""What a plan's data graph sees besides its own statements: the ``rdf:type``s that the shared
entities, reference and ontology graphs give its nodes, and the ontology's subclass axioms (from
those graphs, else from the ontology files the shapes are written against, ``ontology/*.ttl``).

Two forms of the same facts, one per engine: :func:`context_index` (rdflib terms by subject, added
to each data graph given to pySHACL) and :func:`store_context` (the subclass axioms as IRIs, whose
closures the compiled queries inline)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph
from rdflib.term import Node

from kg.rdf.namespaces import graph_iri
from kg.rdf.terms import ox_to_rdflib
from kg.resources import ONTOLOGY_DIR

_CONTEXT_PREDICATES = (RDF.type, RDFS.subClassOf)
#: the graphs whose types a plan's data graph sees: the shared entities it names (graph/entities,
#: kg/pipeline/entities.py), the reference data and the ontology
CONTEXT_GRAPHS = ("entities", "reference", "ontology")


@functools.cache
def ontology_file_axioms() -> tuple[tuple[Node, Node], ...]:
    """The ``rdfs:subClassOf`` axioms of ``ontology/*.ttl`` (for a store without an ontology graph)."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return tuple(sorted(graph.subject_objects(RDFS.subClassOf)))


def context_index(store: ox.Store) -> dict[Node, list[tuple[Node, Node]]]:
    """Types and subclass axioms of the reference and ontology graphs, by subject.

    Without an ontology graph in the store (a hand-made dataset), the subclass axioms come from
    the ontology files the shapes are written against (``ontology/*.ttl``).
    """
    index: dict[Node, list[tuple[Node, Node]]] = {}
    for name in CONTEXT_GRAPHS:
        g = ox.NamedNode(str(graph_iri(name)))
        for pred in _CONTEXT_PREDICATES:
            for q in store.quads_for_pattern(None, ox.NamedNode(str(pred)), None, g):
                index.setdefault(ox_to_rdflib(q.subject), []).append((pred, ox_to_rdflib(q.object)))
    if not any(p == RDFS.subClassOf for pairs in index.values() for p, _ in pairs):
        for s, o in ontology_file_axioms():
            index.setdefault(s, []).append((RDFS.subClassOf, o))
    return index


@dataclass
class Context:
    """Classes as the per-plan data graphs see them: ``rdfs:subClassOf`` axioms of the store's
    reference/ontology graphs (else of ``ontology/*.ttl``)."""

    axioms: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_files(cls) -> Context:
        """The subclass axioms of ``ontology/*.ttl``."""
        return cls(sorted({(str(s), str(o)) for s, o in ontology_file_axioms()}))

    def subclasses(self, cls: str) -> list[str]:
        """``cls`` and every class below it (transitively)."""
        below: dict[str, set[str]] = {}
        for sub, sup in self.axioms:
            below.setdefault(sup, set()).add(sub)
        found, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return sorted(found)


def store_context(store: ox.Store) -> Context:
    """The subclass axioms the per-plan data graphs get (as :func:`context_index` finds them)."""
    rows = store.query(
        f"SELECT ?s ?o WHERE {{ VALUES ?cg {{ {' '.join(f'<{graph_iri(n)}>' for n in CONTEXT_GRAPHS)} }} "
        f"GRAPH ?cg {{ ?s <{RDFS.subClassOf}> ?o }} }}"
    )
    axioms = [(r["s"].value, r["o"].value) for r in rows
              if isinstance(r["s"], ox.NamedNode) and isinstance(r["o"], ox.NamedNode)]
    if not axioms:
        return Context.from_files()
    return Context(sorted(set(axioms)))
