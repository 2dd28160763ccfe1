"""graph/summary is a well-formed W3C Data Cube: the integrity constraints of the Recommendation
(https://www.w3.org/TR/vocab-data-cube/#wf-rules, section 11.1), as ASK queries that are true when
the constraint is violated, run over the build of data/ (ontology, reference data and summary)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

PREFIXES = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# The normalized form (section 10) adds qb:componentProperty and the observation's structure; the
# checks below read them through property paths instead of materialising them.
_PROPERTY = "(qb:dimension|qb:measure|qb:attribute)"

CONSTRAINTS = {
    "IC-1 unique data set": """ASK { ?obs a/rdfs:subClassOf* qb:Observation .
        FILTER NOT EXISTS { ?obs qb:dataSet ?d } }""",
    "IC-1 (no two data sets)": """ASK { ?obs a qb:Observation ; qb:dataSet ?d1 , ?d2 . FILTER(?d1 != ?d2) }""",
    "IC-2 unique DSD": """ASK { ?ds a qb:DataSet .
        FILTER NOT EXISTS { ?ds qb:structure ?dsd . ?dsd a qb:DataStructureDefinition } }""",
    "IC-2 (no two DSDs)": """ASK { ?ds a qb:DataSet ; qb:structure ?a , ?b . FILTER(?a != ?b) }""",
    "IC-3 DSD includes a measure": """ASK { ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component/qb:measure [ a qb:MeasureProperty ] } }""",
    "IC-4 dimensions have a range": """ASK { ?dim a qb:DimensionProperty .
        FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5 concept dimensions have code lists": """ASK { ?dim a qb:DimensionProperty ;
        rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 only attributes may be optional": """ASK { ?dsd qb:component ?spec .
        ?spec qb:componentRequired false ; """ + _PROPERTY + """ ?p .
        FILTER NOT EXISTS { ?p a qb:AttributeProperty } }""",
    "IC-11 all dimensions required": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
        FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 no duplicate observations": """ASK {
        ?o1 qb:dataSet ?ds . ?o2 qb:dataSet ?ds . FILTER(?o1 != ?o2)
        FILTER NOT EXISTS { ?ds qb:structure/qb:component/qb:dimension ?dim .
                            FILTER NOT EXISTS { ?o1 ?dim ?v . ?o2 ?dim ?v } } }""",
    "IC-14 all measures present": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:measure ?m .
        FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-19 codes from the code list": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
        ?dim qb:codeList ?list . ?list a skos:ConceptScheme . ?obs ?dim ?v .
        FILTER NOT EXISTS { ?v skos:inScheme ?list } }""",
}


def violated(store: ox.Store, query: str) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


@pytest.mark.parametrize("name", sorted(CONSTRAINTS))
def test_the_summary_meets_the_data_cube_integrity_constraint(store, name):
    # the checks must have something to check: observations of both data sets, each with a structure
    counts = store.query(PREFIXES + """SELECT (COUNT(DISTINCT ?obs) AS ?n) (COUNT(DISTINCT ?dsd) AS ?s)
        WHERE { ?obs qb:dataSet/qb:structure ?dsd }""", use_default_graph_as_union=True)
    row = next(iter(counts))
    assert int(row["n"].value) > 10 and int(row["s"].value) == 2
    assert not violated(store, CONSTRAINTS[name]), name


def test_the_checks_catch_an_observation_without_a_dimension(store, tmp_path):
    """The IC queries can fail: an observation missing its level (IC-11) and one copied under a new
    IRI (IC-12) are caught on a copy of the summary."""
    copy = ox.Store()
    for graph in ("ontology", "reference", "summary"):
        name = ox.NamedNode(f"https://w3id.org/vnge/graph/{graph}")
        copy.extend(ox.Quad(q.subject, q.predicate, q.object, name)
                    for q in store.quads_for_pattern(None, None, None, name))
    assert not violated(copy, CONSTRAINTS["IC-11 all dimensions required"])
    level = ox.NamedNode("https://w3id.org/vnge/ontology#planLevel")
    one = next(iter(copy.quads_for_pattern(None, level, None, None)))
    copy.remove(one)
    assert violated(copy, CONSTRAINTS["IC-11 all dimensions required"])
    copy.add(one)
    twin = ox.NamedNode(one.subject.value + "-twin")
    copy.extend(ox.Quad(twin, q.predicate, q.object, q.graph_name)
                for q in list(copy.quads_for_pattern(one.subject, None, None, None)))
    assert violated(copy, CONSTRAINTS["IC-12 no duplicate observations"])
