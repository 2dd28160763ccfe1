"""What a plan's data graph sees besides its own statements: the ``rdf:type``s that the shared
entities, reference and ontology graphs give its nodes, the concept schemes its concepts are in
(``skos:inScheme``, which the shapes check vocabulary values by), and the ontology's subclass
axioms (from those graphs, else from the ontology files the shapes are written against,
``ontology/*.ttl``; the vocabularies' schemes likewise when the store has no ontology graph).

Two forms of the same facts, one per engine: :func:`context_index` (rdflib terms by subject, added
to each data graph given to pySHACL) and :func:`store_context` (the subclass axioms and scheme
memberships as IRIs, which the compiled queries inline)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Graph
from rdflib.term import Node

from kg.rdf.namespaces import graph_iri
from kg.rdf.terms import ox_to_rdflib
from kg.resources import ONTOLOGY_DIR

_CONTEXT_PREDICATES = (RDF.type, RDFS.subClassOf, SKOS.inScheme)
#: the graphs whose types a plan's data graph sees: the shared entities it names (graph/entities,
#: kg/pipeline/entities.py), the reference data and the ontology
CONTEXT_GRAPHS = ("entities", "reference", "ontology")


@functools.cache
def _ontology_files() -> Graph:
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def ontology_file_axioms() -> tuple[tuple[Node, Node], ...]:
    """The ``rdfs:subClassOf`` axioms of ``ontology/*.ttl`` (for a store without an ontology graph)."""
    return tuple(sorted(_ontology_files().subject_objects(RDFS.subClassOf)))


def ontology_file_memberships() -> tuple[tuple[Node, Node], ...]:
    """The (concept, scheme) pairs of ``ontology/*.ttl`` (for a store without an ontology graph)."""
    return tuple(sorted(_ontology_files().subject_objects(SKOS.inScheme)))


def _has_ontology_schemes(store: ox.Store) -> bool:
    return next(store.quads_for_pattern(None, ox.NamedNode(str(SKOS.inScheme)), None,
                                        ox.NamedNode(str(graph_iri("ontology")))), None) is not None


def context_index(store: ox.Store) -> dict[Node, list[tuple[Node, Node]]]:
    """Types, subclass axioms and scheme memberships of the context graphs, by subject.

    Without an ontology graph in the store (a hand-made dataset), the subclass axioms and the
    vocabularies' schemes come from the ontology files the shapes are written against
    (``ontology/*.ttl``).
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
    if not _has_ontology_schemes(store):
        for s, o in ontology_file_memberships():
            index.setdefault(s, []).append((SKOS.inScheme, o))
    return index


@dataclass
class Context:
    """Classes and concept schemes as the per-plan data graphs see them: ``rdfs:subClassOf``
    axioms and ``skos:inScheme`` statements of the store's context graphs (else of ``ontology/*.ttl``)."""

    axioms: list[tuple[str, str]] = field(default_factory=list)
    memberships: list[tuple[str, str]] = field(default_factory=list)  # (concept, scheme)

    @classmethod
    def from_files(cls) -> Context:
        """The subclass axioms and scheme memberships of ``ontology/*.ttl``."""
        return cls(sorted({(str(s), str(o)) for s, o in ontology_file_axioms()}), _file_memberships())

    def members(self, scheme: str) -> list[str]:
        """The concepts ``skos:inScheme`` ``scheme``, sorted."""
        return sorted({c for c, s in self.memberships if s == scheme})

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
    rows = store.query(
        f"SELECT ?s ?o WHERE {{ VALUES ?cg {{ {' '.join(f'<{graph_iri(n)}>' for n in CONTEXT_GRAPHS)} }} "
        f"GRAPH ?cg {{ ?s <{SKOS.inScheme}> ?o }} }}"
    )
    memberships = {(r["s"].value, r["o"].value) for r in rows
                   if isinstance(r["s"], ox.NamedNode) and isinstance(r["o"], ox.NamedNode)}
    if not _has_ontology_schemes(store):
        memberships |= set(_file_memberships())
    if not axioms:
        return Context(Context.from_files().axioms, sorted(memberships))
    return Context(sorted(set(axioms)), sorted(memberships))


def _file_memberships() -> list[tuple[str, str]]:
    return sorted({(str(s), str(o)) for s, o in ontology_file_memberships()})
