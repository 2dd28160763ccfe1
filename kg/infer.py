"""Materialised inferences: the named graph ``{BASE}graph/inference``.

Researchers query with the vocabularies they know (ELI, ORG, PROV, P-Plan), while the extraction
writes our own subproperties and subclasses. So that ``?plan eli:cites ?law`` or
``?x a eli:LegalResource`` answer without a reasoner, the build adds, from the ontology's own
axioms (``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``owl:inverseOf``), every entailed triple that
is not already stated — an RDFS-style closure over the instance data, computed in SPARQL on the
store (so it stays fast at national scale). Only triples that are not already in some graph are
written, so the union default graph has no duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox

from kg.namespaces import graph_iri

_CLASS_CLOSURE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?sub ?super WHERE {
  GRAPH <ONTOLOGY> { ?sub rdfs:subClassOf+ ?super FILTER(isIRI(?sub) && isIRI(?super)) }
}"""

_PROPERTY_CLOSURE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?sub ?super WHERE {
  GRAPH <ONTOLOGY> { ?sub rdfs:subPropertyOf+ ?super FILTER(isIRI(?sub) && isIRI(?super)) }
}"""

_INVERSE_PAIRS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?sub ?super WHERE {
  GRAPH <ONTOLOGY> { { ?sub owl:inverseOf ?super } UNION { ?super owl:inverseOf ?sub } }
}"""

# The closures above are small (the ontology's own axioms) and go into a VALUES block, so that the
# instance data is read by index once per (term, super-term) pair. The check that an entailed triple
# is not already stated somewhere (FILTER NOT EXISTS, an index lookup per row) is only made for
# super-terms that some graph uses directly; most (eli:LegalResource, prov:Entity, …) are used by
# no graph, so the check could not remove anything. (One query with the closure as a property path
# and the check on every row took 35 s at 1% of the national corpus, this form 10 s.)
_SUPER_CLASSES = """
SELECT DISTINCT ?x ?super WHERE {
  VALUES (?cls ?super) { PAIRS }
  GRAPH ?g { ?x a ?cls } FILTER(?g != <ONTOLOGY>)
  CHECK
}"""
_SUPER_CLASSES_CHECK = "FILTER NOT EXISTS { GRAPH ?h { ?x a ?super } }"

_SUPER_PROPERTIES = """
SELECT DISTINCT ?s ?super ?o WHERE {
  VALUES (?p ?super) { PAIRS }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <ONTOLOGY>)
  CHECK
}"""
_SUPER_PROPERTIES_CHECK = "FILTER NOT EXISTS { GRAPH ?h { ?s ?super ?o } }"

_INVERSES = """
SELECT DISTINCT ?o ?inverse ?s WHERE {
  VALUES (?p ?inverse) { PAIRS }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <ONTOLOGY> && !isLiteral(?o))
  CHECK
}"""
_INVERSES_CHECK = "FILTER NOT EXISTS { GRAPH ?h { ?o ?inverse ?s } }"

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _pairs(store: ox.Store, closure: str, ontology: str) -> list[tuple[ox.NamedNode, ox.NamedNode]]:
    rows = store.query(closure.replace("ONTOLOGY", ontology))
    return sorted(((r["sub"], r["super"]) for r in rows), key=str)


def _rows(
    store: ox.Store, query: str, check: str, pairs: list, used: Callable[[ox.NamedNode], bool], ontology: str
) -> Iterator[ox.QuerySolution]:
    """Run ``query`` twice: with the MINUS check for super-terms some graph states, without it for
    the others."""
    checked = [pair for pair in pairs if used(pair[1])]
    unchecked = [pair for pair in pairs if not used(pair[1])]
    for group, test in ((checked, check), (unchecked, "")):
        if group:
            values = " ".join(f"({a} {b})" for a, b in group)
            text = query.replace("PAIRS", values).replace("CHECK", test).replace("ONTOLOGY", ontology)
            yield from store.query(text)


def materialise(store: ox.Store, bulk: bool = False) -> int:
    """Replace ``graph/inference`` with the entailed triples; returns how many were written.

    Run after every plan and the reference data are loaded. One pass of each rule: subclass and
    subproperty closures are transitive (computed on the ontology graph); inverses of inferred
    superproperties are not chained further (the ontology declares inverses on the stated terms).
    ``bulk`` writes without a transaction (only for a store nobody else reads yet: a fresh build).
    """
    target = ox.NamedNode(str(graph_iri("inference")))
    ontology = str(graph_iri("ontology"))
    store.remove_graph(target) if store.contains_named_graph(target) else None

    def used_as_class(term: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(None, _RDF_TYPE, term, None), None) is not None

    def used_as_property(term: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(None, term, None, None), None) is not None

    def entailed() -> Iterator[ox.Quad]:
        classes = _pairs(store, _CLASS_CLOSURE, ontology)
        for row in _rows(store, _SUPER_CLASSES, _SUPER_CLASSES_CHECK, classes, used_as_class, ontology):
            yield ox.Quad(row["x"], _RDF_TYPE, row["super"], target)
        properties = _pairs(store, _PROPERTY_CLOSURE, ontology)
        for row in _rows(
            store, _SUPER_PROPERTIES, _SUPER_PROPERTIES_CHECK, properties, used_as_property, ontology
        ):
            yield ox.Quad(row["s"], row["super"], row["o"], target)
        inverses = _pairs(store, _INVERSE_PAIRS, ontology)
        for row in _rows(store, _INVERSES, _INVERSES_CHECK, inverses, used_as_property, ontology):
            if isinstance(row["o"], ox.NamedNode | ox.BlankNode):
                yield ox.Quad(row["o"], row["inverse"], row["s"], target)

    if bulk:
        # Streamed: at national scale the entailed quads are ~6 M (7 GiB as a Python set). The
        # queries read a snapshot, and a quad produced twice is stored once.
        store.bulk_extend(entailed())
    else:
        store.extend(set(entailed()))
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(count)))["n"].value)
