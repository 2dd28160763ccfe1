"""graph/inference: what the ontology's subclass, subproperty and inverse axioms entail, written once."""

from __future__ import annotations

from kg.rdf.namespaces import mint_iri
from tests.conftest import select

INF = "https://w3id.org/vnge/graph/inference"


def test_standard_vocabularies_answer_without_a_reasoner(store):
    hong_bang = str(mint_iri("doc", "vn/hai-phong/hong-bang", "2022", "258/KH-UBND"))
    parents = select(store, f"""SELECT ?parent WHERE {{
        <{hong_bang}> <http://data.europa.eu/eli/ontology#ensures_implementation_of> ?parent }}""")
    assert str(mint_iri("doc", "vn/hai-phong", "2022", "59/KH-UBND")) in {r["parent"] for r in parents}
    assert store.query(f"ASK {{ <{hong_bang}> a <http://data.europa.eu/eli/ontology#LegalResource> }}",
                       use_default_graph_as_union=True)


def test_inverse_of_replaced_by_is_materialised(store):
    old = str(mint_iri("doc", "vn", "2009", "55/2009/NĐ-CP"))
    new = str(mint_iri("doc", "vn", "2021", "125/2021/NĐ-CP"))
    assert store.query(f"ASK {{ <{new}> <https://w3id.org/vnge/ontology#replaces> <{old}> }}",
                       use_default_graph_as_union=True)


def test_nothing_inferred_is_already_stated(store):
    rows = select(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{
        GRAPH <{INF}> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INF}>) }}""")
    assert rows[0]["n"] == "0"
    total = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INF}> {{ ?s ?p ?o }} }}")
    assert int(total[0]["n"]) > 100
