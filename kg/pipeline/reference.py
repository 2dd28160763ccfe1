"""The reference data's index (kg/rdf/references.py) read from a built store for ``kg ingest``,
``kg remove`` and uploads: a few queries instead of an rdflib copy of the reference graph, which
took seconds at national scale (91,000 reference triples)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.pipeline.scope import select_for
from kg.pipeline.units import index_from_ntriples, units_graph
from kg.rdf.namespaces import ELI, VNP, graph_iri
from kg.rdf.references import ReferenceIndex
from kg.rdf.unit_index import GSO_CODE, PROPERTIES, UnitIndex
from kg.stores import Backend

SKOS = "http://www.w3.org/2004/02/skos/core#"

_DOCUMENTS = f"""SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ <GRAPHS> }}
  VALUES ?p {{ <{ELI.number}> <{VNP.issuedYear}> <{ELI.date_document}> <{DCTERMS.title}> }}
  GRAPH ?g {{ ?s ?p ?o }} }}"""


def reference_index(store: Backend) -> ReferenceIndex:
    """The reference data's index (kg/rdf/references.py), read with a few queries: the subjects of
    the reference and ontology graphs, and the statements about documents (an rdflib copy of the
    whole reference graph took seconds at national scale)."""
    names = " ".join(f"<{graph_iri(n)}>" for n in ("reference", "ontology"))
    graph = Graph()
    props = [ELI.number, VNP.issuedYear, ELI.date_document, ELI.date_no_longer_in_force, DCTERMS.title,
             VNP.documentType]
    labels = [URIRef("http://www.w3.org/2004/02/skos/core#" + n) for n in ("altLabel", "prefLabel")]
    labels.append(URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    values = " ".join(f"<{p}>" for p in props)
    select = select_for(store)
    for row in select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {names} }} VALUES ?p {{ {values} }} "
                      "GRAPH ?g { ?s ?p ?o } }"):
        graph.add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
    label_values = " ".join(f"<{p}>" for p in labels)
    documents = _DOCUMENTS.replace("<GRAPHS>", names)
    for row in select(f"SELECT ?s ?p ?o WHERE {{ {{ {documents} }} VALUES ?g {{ {names} }} "
                      f"VALUES ?p {{ {label_values} }} GRAPH ?g {{ ?s ?p ?o }} }}"):
        graph.add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
    # what the programmes and strategies a decision approves are called (a plan "thực hiện Chương
    # trình X" implements the decision approving X: ReferenceIndex.approver_named_in), as in a build
    approved = (f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {names} }} "
                f"GRAPH ?g {{ ?d <{VNP.approves}> ?s }} }}")
    for row in select(f"SELECT ?s ?o WHERE {{ VALUES ?g {{ {names} }} "
                      f"GRAPH ?g {{ ?s <{VNP.approves}> ?o }} }}"):
        graph.add((row["s"], VNP.approves, row["o"]))  # type: ignore[arg-type]
    for row in select(f"SELECT ?s ?p ?o WHERE {{ {{ {approved} }} VALUES ?g {{ {names} }} "
                      f"VALUES ?p {{ {label_values} }} GRAPH ?g {{ ?s ?p ?o }} }}"):
        graph.add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
    index = ReferenceIndex.from_graph(graph)
    known = select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} "
                   "FILTER(isIRI(?s)) }")
    index.known = {row["s"] for row in known}  # type: ignore[misc]
    index.units = _units(store, select)
    return index


def _units(store: Backend, select) -> UnitIndex:  # type: ignore[no-untyped-def]
    """The coded units plans resolve to: graph/units when the store has it, else the curated units
    with a code in the reference graph (as the build does, kg/pipeline/build.py)."""
    if units_graph() in store.graphs():
        return index_from_ntriples(store.export_graph(units_graph()))
    values = " ".join(f"<{p}>" for p in PROPERTIES)
    rows = select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri('reference')}> {{ ?s ?p ?o "
                  f"VALUES ?p {{ {values} }} ?s <{SKOS}notation> ?code "
                  f"FILTER(datatype(?code) = <{GSO_CODE}>) }} }}")
    out = []
    for row in rows:
        o = row["o"]
        tag = (o.language or (str(o.datatype) if o.datatype else None)) if isinstance(o, Literal) else None
        out.append((str(row["s"]), str(row["p"]), str(o), tag))
    return UnitIndex.from_rows(out)
