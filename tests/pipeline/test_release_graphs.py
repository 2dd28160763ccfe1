"""The build of data/: every plan has its ELI chain, every graph says what made it (issue 18, items 1
and 8), the status of documents is eli:in_force, and the clock stays out of the store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from kg.pipeline.build import build
from kg.pipeline.ingest import ingest
from kg.pipeline.state import state_file
from kg.rdf.release import DERIVED_GRAPHS
from kg.resources import ONTOLOGY_DIR, versioned_shapes_files
from kg.validation import validate_store, write_audit_graph
from tests.conftest import ROOT, select
from tests.pipeline.test_build import small_data

PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
BASE = "https://w3id.org/vnge/"


def _versions(folder: Path | list[Path]) -> set[str]:
    out = set()
    for path in sorted(folder.glob("*.ttl")) if isinstance(folder, Path) else folder:
        out |= {str(v) for v in Graph().parse(path, format="turtle").objects(None, OWL.versionIRI)}
    return out


def test_every_plan_of_the_build_has_its_eli_chain(store: ox.Store) -> None:
    plans = select(store, PREFIXES + "SELECT DISTINCT ?plan ?source WHERE { GRAPH ?g { ?plan prov:wasDerivedFrom ?source } }")
    chained = select(store, PREFIXES + """SELECT DISTINCT ?plan ?source WHERE { GRAPH ?g {
        ?plan prov:wasDerivedFrom ?source ; eli:is_realized_by ?e .
        ?e a eli:LegalExpression ; eli:language ?language ; eli:is_embodied_by ?source .
        ?source a vnp:SourceFile } }""")
    assert len(plans) >= len(list((ROOT / "data" / "plans").glob("*.txt")))
    assert sorted(map(str, chained)) == sorted(map(str, plans))


def test_no_plan_is_generated_by_the_extractor_each_plan_graph_is(store: ox.Store) -> None:
    assert select(store, PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan ; prov:wasGeneratedBy ?a }") == []
    ontology = _versions(ONTOLOGY_DIR)
    rows = select(store, PREFIXES + """SELECT ?g ?source (GROUP_CONCAT(STR(?used); separator=" ") AS ?uses) WHERE {
        GRAPH ?g { ?plan prov:wasDerivedFrom ?source . ?g prov:wasGeneratedBy ?a .
                   ?a a vnp:ExtractionActivity ; prov:used ?used } } GROUP BY ?g ?source""")
    plans = select(store, PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?plan prov:wasDerivedFrom ?source } }")
    assert len(rows) == len(plans) >= len(list((ROOT / "data" / "plans").glob("*.txt")))
    for row in rows:
        assert row["g"].startswith(BASE + "graph/plan/")
        assert {row["source"], *ontology} <= set(row["uses"].split()), row["g"]


def test_eli_title_is_only_on_expressions(store: ox.Store) -> None:
    """eli:title's domain is eli:LegalExpression: no document of any graph carries it; their title is
    dcterms:title (reference data, shared entities and plans alike)."""
    wrong = select(store, PREFIXES + "SELECT ?s WHERE { ?s eli:title ?t FILTER NOT EXISTS { ?s a eli:LegalExpression } }")
    assert wrong == []
    titled = select(store, PREFIXES + """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?s <http://purl.org/dc/terms/title> ?t ; vnp:documentType ?kind }""")
    assert int(titled[0]["n"]) > 20


def test_every_derived_graph_names_the_versions_that_made_it(store: ox.Store) -> None:
    release = _versions(ONTOLOGY_DIR) | _versions(versioned_shapes_files())
    recorded = {}
    for name in DERIVED_GRAPHS:
        graph = f"{BASE}graph/{name}"
        rows = select(store, PREFIXES + f"""SELECT ?used WHERE {{ GRAPH <{graph}> {{
            <{graph}> prov:wasGeneratedBy ?a . ?a a vnp:DerivationActivity ; prov:used ?used }} }}""")
        recorded[name] = {r["used"] for r in rows}
    assert len(release) == 6 and recorded == {name: release for name in DERIVED_GRAPHS}
    assert set(DERIVED_GRAPHS) == {"entities", "inference", "summary", "audit", "comparison"}


def test_documents_have_a_dated_eli_in_force_status_and_no_boolean(store: ox.Store) -> None:
    assert select(store, PREFIXES + "SELECT ?d WHERE { ?d vnp:inForce ?x }") == []
    undated = select(store, PREFIXES + "SELECT ?d WHERE { ?d eli:in_force ?s FILTER NOT EXISTS { ?d vnp:inForceAsOf ?day } }")
    assert undated == []
    ended = select(store, PREFIXES + """SELECT ?d WHERE { ?d eli:in_force eli:InForce-notInForce ;
        vnp:inForceAsOf ?day ; eli:date_no_longer_in_force ?day }""")
    assert len(ended) >= 4


def test_the_clock_stays_out_of_the_store_and_in_the_build_record(built_store) -> None:
    path, _ = built_store
    store = ox.Store.read_only(str(path))
    clock = " ".join(f"<http://www.w3.org/ns/prov#{p}>" for p in ("startedAtTime", "endedAtTime", "generatedAtTime"))
    assert select(store, f"SELECT ?s WHERE {{ VALUES ?p {{ {clock} }} ?s ?p ?o }}") == []
    record = json.loads(state_file(str(path)).read_text("utf-8"))  # type: ignore[union-attr]
    assert record["started"] and record["ended"] and record["started"] <= record["ended"]


def test_ingest_and_validate_keep_the_versions_in_the_derived_graphs(tmp_path: Path) -> None:
    data = small_data(tmp_path, 1)
    store_path = tmp_path / "store"
    build(data, str(store_path))
    (added,) = ingest([next((ROOT / "data" / "plans").glob("lai-chau_*.txt"))], str(store_path))
    assert added.status == "added"
    store = ox.Store(str(store_path))
    report = validate_store(store)
    del store
    write_audit_graph(str(store_path), report)  # `kg validate` rewrites graph/audit
    store = ox.Store.read_only(str(store_path))
    counts = {}
    for name in DERIVED_GRAPHS:
        graph = URIRef(f"{BASE}graph/{name}")
        counts[name] = len(select(store, PREFIXES + f"""SELECT ?a WHERE {{ GRAPH <{graph}> {{
            <{graph}> prov:wasGeneratedBy ?a . ?a a vnp:DerivationActivity }} }}"""))
    assert counts == {"entities": 1, "inference": 1, "summary": 1, "audit": 1, "comparison": 1}
