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


# What graph/inference types the data of data/ with (kg/pipeline/materialised.py): the super-classes
# researchers query (ELI, ORG, PROV, P-Plan, SKOS) and our own kinds that queries select by class; not
# the ontology's named domains and ranges, which hold at query time through rdfs:subClassOf*.
# the release record the graph carries about itself (kg/rdf/release.py) is no inference
_RECORD = (f"FILTER(?x != <{INF}>) FILTER NOT EXISTS {{ GRAPH <{INF}> {{ <{INF}> "
           "<http://www.w3.org/ns/prov#wasGeneratedBy> ?x } }")
_V = "https://w3id.org/vnge/ontology#"
_INF_TYPES = f"SELECT DISTINCT ?c WHERE {{ GRAPH <{INF}> {{ ?x a ?c }} {_RECORD} }}"
MATERIALISED = {
    "http://data.europa.eu/eli/ontology#LegalResource", "http://www.w3.org/ns/prov#Agent",
    "http://www.w3.org/ns/org#Organization", "http://www.w3.org/ns/org#FormalOrganization",
    "http://purl.org/net/p-plan#Plan", "http://www.w3.org/ns/prov#Plan",
    _V + "LegalDocument", _V + "AdministrativeUnit",
}
QUERY_TIME = {_V + c for c in ("Commitment", "DatedObligation", "AgencyInvolvement", "PlanReference",
                               "StateEntity", "ActingBody", "LegalText", "ImplementableDocument")} | {
    "http://purl.org/net/p-plan#Step"}  # every task's: one quad per task, read by no query (issue 15)


def test_only_the_super_classes_researchers_query_are_materialised(store):
    inferred = {r["c"] for r in select(store, _INF_TYPES)}
    assert MATERIALISED <= inferred
    assert inferred & QUERY_TIME == set()
    assert {c for c in inferred if c.startswith(_V)} <= {_V + c for c in ("LegalDocument", "AdministrativeUnit",
                                                                            "Subdivision", "AgencyChange")}


def test_every_task_is_a_p_plan_step_at_query_time(store):
    """p-plan:Step is not stored (docs/DESIGN.md, "Graph shape"): every task is one through the ontology."""
    rows = select(store, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* <http://purl.org/net/p-plan#Step> ;
          <http://purl.org/net/p-plan#isStepOfPlan> ?plan }""")
    tasks = select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{_V}Task> }}")
    assert int(rows[0]["n"]) == int(tasks[0]["n"]) > 0


def test_a_query_time_super_class_still_answers_through_the_ontology(store):
    """A task is a vnp:DatedObligation and a vnp:Commitment, read with rdfs:subClassOf* (not stored)."""
    rows = select(store, f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT (COUNT(DISTINCT ?x) AS ?n) (SUM(IF(EXISTS {{ ?x a <{_V}DatedObligation> }}, 1, 0)) AS ?stored)
        WHERE {{ ?x a/rdfs:subClassOf* <{_V}Commitment> ; a <{_V}Task> }}""")
    tasks = select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{_V}Task> }}")
    assert int(rows[0]["n"]) == int(tasks[0]["n"]) > 0
    assert rows[0]["stored"] == "0"


def test_every_inferred_triple_comes_from_a_declared_rule_and_no_selector_is_typed(store):
    """Issue 18 item 6: graph/inference holds what shapes/rules/inference.ttl derives — the domain
    rules' properties and the closures' super-terms — and no oa:Selector (or other Web Annotation) type."""
    from kg.pipeline.rules import load

    heads = set(load().heads)
    rows = select(store, f"SELECT DISTINCT ?p WHERE {{ GRAPH <{INF}> {{ ?x ?p ?o }} {_RECORD} }}")
    supers = {r["s"] for r in select(store, """SELECT DISTINCT ?s WHERE { GRAPH <https://w3id.org/vnge/graph/ontology> {
        { ?x <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> ?s } UNION { ?x <http://www.w3.org/2002/07/owl#inverseOf> ?s }
        UNION { ?s <http://www.w3.org/2002/07/owl#inverseOf> ?x } } }""")}
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert {r["p"] for r in rows} - heads - supers - {rdf_type} == set()
    assert heads <= {r["p"] for r in rows}  # every domain rule derives something on data/
    oa = select(store, f"""SELECT ?c WHERE {{ GRAPH <{INF}> {{ ?s a ?c }}
        FILTER(STRSTARTS(STR(?c), "http://www.w3.org/ns/oa#")) }} LIMIT 1""")
    assert not oa
