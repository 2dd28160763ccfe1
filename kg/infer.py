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

import pyoxigraph as ox

from kg.namespaces import graph_iri

_SUPER_CLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?super WHERE {
  GRAPH ?g { ?x a ?cls } FILTER(?g != <ONTOLOGY>)
  GRAPH <ONTOLOGY> { ?cls rdfs:subClassOf+ ?super FILTER(isIRI(?super)) }
  FILTER NOT EXISTS { GRAPH ?h { ?x a ?super } }
}"""

_SUPER_PROPERTIES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?s ?super ?o WHERE {
  GRAPH <ONTOLOGY> { ?p rdfs:subPropertyOf+ ?super FILTER(isIRI(?super)) }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <ONTOLOGY>)
  FILTER NOT EXISTS { GRAPH ?h { ?s ?super ?o } }
}"""

_INVERSES = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?o ?inverse ?s WHERE {
  GRAPH <ONTOLOGY> { { ?p owl:inverseOf ?inverse } UNION { ?inverse owl:inverseOf ?p } }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <ONTOLOGY> && !isLiteral(?o))
  FILTER NOT EXISTS { GRAPH ?h { ?o ?inverse ?s } }
}"""


def materialise(store: ox.Store) -> int:
    """Replace ``graph/inference`` with the entailed triples; returns how many were written.

    Run after every plan and the reference data are loaded. One pass of each rule: subclass and
    subproperty closures are transitive in the queries themselves (``+``); inverses of inferred
    superproperties are not chained further (the ontology declares inverses on the stated terms).
    """
    target = ox.NamedNode(str(graph_iri("inference")))
    ontology = str(graph_iri("ontology"))
    store.remove_graph(target) if store.contains_named_graph(target) else None
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads: set[ox.Quad] = set()
    for row in store.query(_SUPER_CLASSES.replace("ONTOLOGY", ontology)):
        quads.add(ox.Quad(row["x"], rdf_type, row["super"], target))
    for row in store.query(_SUPER_PROPERTIES.replace("ONTOLOGY", ontology)):
        quads.add(ox.Quad(row["s"], row["super"], row["o"], target))
    for row in store.query(_INVERSES.replace("ONTOLOGY", ontology)):
        if isinstance(row["o"], ox.NamedNode | ox.BlankNode):
            quads.add(ox.Quad(row["o"], row["inverse"], row["s"], target))
    store.extend(sorted(quads, key=str))
    return len(quads)
