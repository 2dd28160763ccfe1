"""rdflib graphs into the build's staging store (pyoxigraph), with the same blank-node labels on
every build: N-Quads of one named graph (written by the extraction workers, bulk-loaded in one
pass) and direct loads (the ontology and the reference data)."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import BNode, Graph

from kg.rdf.sink import Triples
from kg.rdf.terms import rdflib_to_ox


def stable_bnode_labels(graph: Graph) -> dict[BNode, str]:
    """Deterministic labels for the blank nodes of ``graph`` (OWL axioms, RDF lists).

    A blank node's label hashes its own triples (recursively through nested blank nodes) and the
    named nodes that point at it, so the same file always yields the same labels. (Oxigraph
    would otherwise draw fresh random labels on every load, and comparing builds would need
    graph isomorphism, which is exponential on OWL axioms.)
    """
    labels: dict[BNode, str] = {}

    def key(term, seen: frozenset) -> str:
        if not isinstance(term, BNode):
            return term.n3()
        if term in labels:
            return labels[term]
        if term in seen:
            return "_:cycle"
        inner = seen | {term}
        out = sorted(f"{p.n3()} {key(o, inner)}" for p, o in graph.predicate_objects(term))
        inc = sorted(
            f"{s.n3()} {p.n3()}" for s, p in graph.subject_predicates(term) if not isinstance(s, BNode)
        )
        label = "b" + hashlib.sha256("\n".join(out + ["<-"] + inc).encode("utf-8")).hexdigest()[:32]
        if not seen:
            labels[term] = label
        return label

    for term in set(graph.all_nodes()):
        if isinstance(term, BNode):
            key(term, frozenset())
    return labels


def labelled_quads(graph: Graph, name: str) -> list[ox.Quad]:
    """The triples of ``graph`` as quads of the named graph ``name``, blank nodes labelled stably."""
    labels = stable_bnode_labels(graph)
    g = ox.NamedNode(name)
    return [ox.Quad(rdflib_to_ox(s, labels), ox.NamedNode(str(p)), rdflib_to_ox(o, labels), g)
            for s, p, o in graph]


def graph_nquads(graph: Graph | Triples, name: str) -> bytes:
    """N-Quads of ``graph`` in the named graph ``name`` (blank nodes labelled stably); the same lines
    for a mapping's :class:`kg.rdf.sink.Triples` and for an rdflib Graph of the same triples."""
    if isinstance(graph, Triples):
        if graph.plain():  # no blank node: written directly (kg/rdf/sink.py)
            return graph.nquads(name)
        graph = graph.to_graph()
    if any(isinstance(t, BNode) for t, _, _ in graph) or any(isinstance(t, BNode) for _, _, t in graph):
        return ox.serialize(labelled_quads(graph, name), format=ox.RdfFormat.N_QUADS)
    suffix = f" <{name}> .\n".encode()
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    # N-Triples writes one triple per line ("s p o ."): insert the graph name before the dot.
    return b"".join(line[:-2] + suffix for line in lines if line.endswith(b" ."))


def load_graph(store: ox.Store, graph: Graph, name: str) -> int:
    """Add ``graph`` to the named graph ``name`` of ``store``; returns its number of triples."""
    if any(isinstance(t, BNode) for t in graph.all_nodes()):
        store.extend(labelled_quads(graph, name))
    else:
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return len(graph)
