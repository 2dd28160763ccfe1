"""Store backends behind one interface (issue 6, item 1): the backend unit contract on pyoxigraph,
rdflib in memory and a real Virtuoso 7, then the same service protocol subset over HTTP on each.

Virtuoso tests start ``virtuoso-t`` (Debian ``virtuoso-opensource``) with its database in a temporary
folder; without it they fail under CI=true and are skipped otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.stores import Backend, StoreSpec, open_backend, parse_store
from kg.stores.base import inline_values
from tests.servers import (
    DECISION_1790,
    FIXTURE_TRIG,
    HB_PLAN,
    METHODS,
    QN_GRAPH,
    QN_PLAN,
    call,
    sparql,
    start_virtuoso,
)

VNP = "https://w3id.org/vnge/ontology#"
PREFIXES = f"PREFIX vnp: <{VNP}>\nPREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
G1 = "urn:vnge-test:graph/1"
G2 = "urn:vnge-test:graph/2"


# -- specifications -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,kind,location", [
    ("var/store", "oxigraph", "var/store"), ("oxigraph:/data/store", "oxigraph", "/data/store"),
    ("memory", "memory", ""), ("memory:tests/x.trig", "memory", "tests/x.trig"),
    ("sparql:http://h:8890/sparql", "sparql", "http://h:8890/sparql")])
def test_store_specifications(text: str, kind: str, location: str) -> None:
    spec = parse_store(text)
    assert (spec.kind, spec.location) == (kind, location)
    assert spec.embedded is (kind != "sparql")


def test_sparql_options_and_password_not_shown() -> None:
    spec = parse_store("sparql:https://h/sparql;update=https://h/sparql-auth;user=dba;password=pw")
    assert spec.options == {"update": "https://h/sparql-auth", "user": "dba", "password": "pw"}
    assert "pw" not in str(spec) and spec.cache_dir is None


@pytest.mark.parametrize("bad", ["sparql:ftp://h/x", "sparql:http://h/s;colour=red", "oxigraph:", ""])
def test_bad_specifications_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_store(bad)


def test_values_block_goes_into_the_where_clause_not_the_construct_template() -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    bound = inline_values(query, {"s": ("uri", "urn:x")})
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<urn:x>) }")
    assert rdflib.Graph().query(bound) is not None  # still parses


# -- the backend contract ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def virtuoso_unit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # the server's own limit (MaxQueryExecutionTime) ends queries the service stopped waiting for
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-unit"), timeout_s=15)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["oxigraph", "memory", pytest.param("virtuoso", marks=pytest.mark.server)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """An empty backend of each kind."""
    if request.param == "oxigraph":
        opened = open_backend(StoreSpec("oxigraph", str(tmp_path / "store")), create=True)
    elif request.param == "memory":
        opened = open_backend(f"memory:{tmp_path / 'data.nq'}")
    else:
        opened = open_backend(request.getfixturevalue("virtuoso_unit").store_spec)
        for graph in opened.graphs():
            opened.drop_graph(graph)
    yield opened
    opened.close()


def fixture_dataset() -> rdflib.Dataset:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(FIXTURE_TRIG), format="trig")
    return dataset


def named_graphs(dataset: rdflib.Dataset) -> list[str]:
    return sorted(str(g.identifier) for g in dataset.graphs()
                  if len(g) and g.identifier != dataset.default_graph.identifier)


def canonical(graph: rdflib.Graph, keep_numeric_type: bool) -> rdflib.Graph:
    """Numeric literals in canonical form: stores keep values, not spellings (pyoxigraph writes
    "1.0"^^xsd:decimal as "1"); Virtuoso 7 even turns xsd:decimal 2.0 into xsd:integer 2."""
    out = rdflib.Graph()
    for s, p, o in graph:
        value = o.toPython() if isinstance(o, rdflib.Literal) else None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            lexical = format(Decimal(value).normalize(), "f")
            o = rdflib.Literal(lexical, datatype=o.datatype if keep_numeric_type else None)
        out.add((s, p, o))
    return out


def test_load_lists_the_named_graphs_and_queries_see_their_union(backend: Backend) -> None:
    expected = fixture_dataset()
    assert backend.load_file(FIXTURE_TRIG) == sum(len(expected.graph(rdflib.URIRef(g)))
                                                  for g in named_graphs(expected))
    assert backend.graphs() == named_graphs(expected)
    plans = backend.query(PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan } ORDER BY ?p")
    truth = sorted(str(p) for p in expected.subjects(rdflib.RDF.type, rdflib.URIRef(VNP + "Plan")))
    assert [row[0][1] for row in plans["rows"]] == truth and plans["vars"] == ["p"]
    assert backend.query(PREFIXES + f"ASK {{ <{QN_PLAN}> vnp:implements <{DECISION_1790}> }}")["boolean"]


def test_dataset_parameters_substitutions_forms_and_errors(backend: Backend) -> None:
    backend.load_file(FIXTURE_TRIG)
    only_qn = backend.query(PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan }", default_graph=[QN_GRAPH])
    assert [row[0][1] for row in only_qn["rows"]] == [QN_PLAN]
    named = backend.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[QN_GRAPH])
    assert [row[0][1] for row in named["rows"]] == [QN_GRAPH]
    bound = backend.query(PREFIXES + "SELECT ?plan ?n WHERE { ?plan eli:number ?n }",
                          substitutions={"plan": ("uri", HB_PLAN)})
    assert bound["rows"] == [[("uri", HB_PLAN), ("literal", "258/KH-UBND", "http://www.w3.org/2001/XMLSchema#string", None)]]
    graph = backend.query(PREFIXES + f"CONSTRUCT {{ <{HB_PLAN}> eli:number ?n }} WHERE {{ <{HB_PLAN}> eli:number ?n }}")
    assert graph["form"] == "GRAPH" and graph["triples"] == [
        (("uri", HB_PLAN), ("uri", "http://data.europa.eu/eli/ontology#number"),
         ("literal", "258/KH-UBND", "http://www.w3.org/2001/XMLSchema#string", None))]
    capped = backend.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    assert len(capped["rows"]) == 3 and capped["truncated"] is True
    with pytest.raises(SyntaxError):
        backend.query("SELECT ?s WHERE { ?s ?p ")


def small_graph(n: int, tag: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for i in range(n):
        subject = rdflib.URIRef(f"urn:vnge-test:s/{i}")
        graph.add((subject, rdflib.URIRef("urn:vnge-test:p"), rdflib.Literal(f"{tag} {i}", lang="vi")))
    graph.add((rdflib.BNode(), rdflib.URIRef("urn:vnge-test:q"), rdflib.Literal("2024-01-31",
                                                                                 datatype=rdflib.XSD.date)))
    return graph


def count(backend: Backend, graph: str) -> int:
    result = backend.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(result["rows"][0][0][1])


def test_replace_and_drop_a_graph(backend: Backend) -> None:
    backend.load_graph(G1, small_graph(5, "cũ"))
    backend.load_graph(G2, small_graph(2, "khác"))
    new = small_graph(3, "mới")
    backend.replace_graph(G1, new)
    assert isomorphic(backend.graph(G1), new) and count(backend, G1) == 4
    assert count(backend, G2) == 3  # the other graph is untouched
    backend.drop_graph(G1)
    assert backend.graphs() == [G2] and count(backend, G1) == 0
    backend.drop_graph(G1)  # dropping a missing graph is not an error


def test_update_through_the_interface(backend: Backend) -> None:
    backend.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <urn:vnge-test:a> <urn:vnge-test:p> "Bình đẳng giới"@vi }} }}')
    result = backend.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert result["rows"] == [[("literal", "Bình đẳng giới", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
                                "vi")]]


def test_dump_round_trip_is_isomorphic(backend: Backend, tmp_path: Path) -> None:
    backend.load_file(FIXTURE_TRIG)
    path = tmp_path / "dump.nq"
    backend.dump(path)
    reloaded = rdflib.Dataset()
    reloaded.parse(str(path), format="nquads")
    expected = fixture_dataset()
    assert named_graphs(reloaded) == named_graphs(expected)
    for name in named_graphs(expected):
        keep = backend.kind != "sparql"
        ours = canonical(reloaded.graph(rdflib.URIRef(name)), keep)
        assert isomorphic(ours, canonical(expected.graph(rdflib.URIRef(name)), keep)), name


@pytest.mark.slow
def test_embedded_replace_is_atomic_for_concurrent_readers(tmp_path: Path) -> None:
    """pyoxigraph: a reader running during many replaces sees the old or the new graph, never a mix."""
    backend = open_backend(StoreSpec("oxigraph", str(tmp_path / "store")), create=True)
    assert backend.atomic_replace
    small, large = small_graph(50, "a"), small_graph(400, "b")
    backend.replace_graph(G1, small)
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(count(backend, G1))

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(30):
        backend.replace_graph(G1, large if i % 2 == 0 else small)
    done.set()
    reader.join()
    assert seen <= {len(small), len(large)} and seen


# -- the same service on every backend -----------------------------------------------------------
SELECT = PREFIXES + f"SELECT ?n ?d WHERE {{ <{HB_PLAN}> eli:number ?n ; eli:date_document ?d }}"


@pytest.mark.parametrize("method", METHODS)
def test_select_json_by_every_method(backend_server, method: str) -> None:
    status, headers, body = sparql(backend_server, SELECT, method, "application/sparql-results+json")
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "258/KH-UBND"},
         "d": {"type": "literal", "value": "2022-12-16", "datatype": "http://www.w3.org/2001/XMLSchema#date"}}]


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_select_and_ask_in_other_formats(backend_server, accept: str) -> None:
    status, headers, body = sparql(backend_server, SELECT, "GET", accept)
    assert status == 200 and headers["content-type"].split(";")[0] == accept
    assert "258/KH-UBND" in body.decode() and "2022-12-16" in body.decode()
    if accept == "text/csv":
        assert list(csv.reader(io.StringIO(body.decode()))) == [["n", "d"], ["258/KH-UBND", "2022-12-16"]]
    status, _, body = sparql(backend_server, PREFIXES + f"ASK {{ <{HB_PLAN}> vnp:implements ?x }}", "POST-form",
                             accept)
    assert status == 200 and "true" in body.decode()


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                  ("application/ld+json", "json-ld"),
                                                  ("application/rdf+xml", "xml")])
@pytest.mark.parametrize("form", ["construct", "describe"])
def test_graph_results_in_every_format(backend_server, accept: str, rdflib_format: str, form: str) -> None:
    query = (PREFIXES + f"CONSTRUCT {{ <{HB_PLAN}> eli:number ?n }} WHERE {{ <{HB_PLAN}> eli:number ?n }}"
             if form == "construct" else f"DESCRIBE <{HB_PLAN}>")
    status, headers, body = sparql(backend_server, query, "POST-direct", accept)
    assert status == 200 and headers["content-type"].split(";")[0] == accept, body
    graph = rdflib.Graph().parse(data=body, format=rdflib_format)
    assert (rdflib.URIRef(HB_PLAN), rdflib.URIRef("http://data.europa.eu/eli/ontology#number"),
            rdflib.Literal("258/KH-UBND")) in graph


def test_union_default_graph_and_dataset_parameters(backend_server) -> None:
    union = PREFIXES + f"ASK {{ <{QN_PLAN}> vnp:implements <{DECISION_1790}> . <{HB_PLAN}> eli:number ?n }}"
    assert json.loads(sparql(backend_server, union)[2])["boolean"] is True
    plans = PREFIXES + "SELECT ?p WHERE { ?p a vnp:Plan } ORDER BY ?p"
    body = sparql(backend_server, plans, "GET", default_graph_uri=QN_GRAPH)[2]
    assert [b["p"]["value"] for b in json.loads(body)["results"]["bindings"]] == [QN_PLAN]
    graphs = PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a vnp:Plan } }"
    body = sparql(backend_server, graphs, "POST-form", named_graph_uri=QN_GRAPH)[2]
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [QN_GRAPH]


def test_canned_queries_with_parameters(backend_server) -> None:
    status, _, body = call(f"{backend_server.url}/queries/plans-citing-document?doc=eli/vn/2009/55-2009-nd-cp"
                           "&format=json", "GET")
    assert status == 200, body
    assert {b["plan"]["value"] for b in json.loads(body)["results"]["bindings"]} == {HB_PLAN}
    status, _, body = call(f"{backend_server.url}/queries/implementation-chain?plan={HB_PLAN}&format=json", "GET")
    by_doc = {b["doc"]["value"]: int(b["distance"]["value"]) for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and by_doc[HB_PLAN] == 0 and by_doc[DECISION_1790] == 2


def test_entity_page(backend_server) -> None:
    status, _, body = call(backend_server.url + "/" + HB_PLAN.split("/vnge/", 1)[1], "GET",
                           "text/html,application/xhtml+xml")
    assert status == 200 and "258/KH-UBND" in body.decode()
    status, _, body = call(backend_server.url + "/" + HB_PLAN.split("/vnge/", 1)[1], "GET", "text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert status == 200 and (rdflib.URIRef(HB_PLAN), rdflib.RDF.type, rdflib.URIRef(VNP + "Plan")) in graph


def test_errors_are_the_same_on_every_backend(backend_server) -> None:
    status, _, body = sparql(backend_server, "SELECT ?s WHERE { ?s ?p ", "GET", "application/json")
    assert status == 400 and json.loads(body)["status"] == 400
    status, _, body = sparql(backend_server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    assert status == 403, body  # refused by the service before anything is sent to the store
    status, _, _ = call(f"{backend_server.url}/update", "POST", data=b"update=DROP+ALL",
                        content_type="application/x-www-form-urlencoded")
    assert status == 403


def test_copy_between_backends(tmp_path: Path, backend: Backend) -> None:
    from kg.stores.copy import copy_graphs

    source = open_backend(f"memory:{tmp_path / 'src.nq'}")
    source.load_file(FIXTURE_TRIG)
    graphs, triples = copy_graphs(source, backend)
    assert graphs == len(source.graphs()) and backend.graphs() == source.graphs()
    assert triples == sum(len(source.graph(g)) for g in source.graphs())


@pytest.mark.slow
def test_build_into_another_backend_gives_the_same_graphs(built_store, virtuoso_unit) -> None:
    """`kg build --store sparql:…`: the graphs of the on-disk build, copied into Virtuoso."""
    from kg.pipeline.build import build

    spec = virtuoso_unit.store_spec
    target = open_backend(spec)
    target.update("INSERT DATA { GRAPH <urn:vnge-test:stale> { <urn:a> <urn:b> <urn:c> } }")
    report = build(Path(__file__).resolve().parents[2] / "data", spec)
    assert report.plans and not report.failed
    reference = open_backend(str(built_store[0]), read_only=True)
    target = open_backend(spec)
    assert target.graphs() == reference.graphs()  # the stale graph is gone
    for name in reference.graphs():
        ours, theirs = canonical(target.graph(name), False), canonical(reference.graph(name), False)
        assert len(ours) == len(theirs) and ground(ours) == ground(theirs), name


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["memory", pytest.param("virtuoso", marks=pytest.mark.server)])
def test_ingest_into_another_backend(kind: str, built_store, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """`kg ingest --store SPEC`: unchanged files change nothing; a changed file replaces its own graph."""
    import shutil

    from kg.pipeline.ingest import ingest
    from kg.stores.copy import copy_graphs

    if kind == "memory":
        spec = f"memory:{tmp_path / 'store.nq'}"
        (tmp_path / "store.nq").write_text("")
    else:
        spec = request.getfixturevalue("virtuoso_unit").store_spec
    target = open_backend(spec)
    for graph in target.graphs():
        target.drop_graph(graph)
    copy_graphs(open_backend(str(built_store[0]), read_only=True), target)
    before = target.graphs()
    plans = Path(__file__).resolve().parents[2] / "data" / "plans"
    original = sorted(p for p in plans.iterdir() if p.suffix == ".txt" and ".ocr." not in p.name)[0]
    assert [r.status for r in ingest([original], spec)] == ["unchanged"]
    changed = tmp_path / original.name
    shutil.copy(original, changed)
    with changed.open("a", encoding="utf-8") as f:
        f.write("\nNơi nhận:\n- Lưu: VT.\n")
    result = ingest([changed], spec)
    assert [r.status for r in result] == ["replaced"], result[0].message
    assert open_backend(spec).graphs() == before


# last in this module: Virtuoso keeps running the abandoned query until its own limit
@pytest.mark.timeout(60)  # a query never stopped fails here, not at the suite's ceiling
def test_remote_queries_stop_at_the_time_limit(virtuoso_unit) -> None:
    """The remote pool gives the service's timeout error (504) when the server does not answer in time."""
    from service.errors import QueryTimeout
    from service.pool.worker import make_pool

    backend = open_backend(virtuoso_unit.store_spec)
    for graph in backend.graphs():
        backend.drop_graph(graph)
    backend.load_file(FIXTURE_TRIG)
    pool = make_pool(virtuoso_unit.store_spec, timeout=1.0)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }"  # ~8M pairs
    with pytest.raises(QueryTimeout, match="stopped after 1 s"):
        pool.execute({"op": "query", "query": slow})
    assert pool.kills == 1
    # a query Virtuoso refuses up front (estimated cost above its limit) is a time-limit error too
    huge = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
            "FILTER(STR(?c) != STR(?l)) }")
    with pytest.raises(QueryTimeout):
        pool.execute({"op": "query", "query": huge})
    assert pool.execute({"op": "query", "query": "ASK { ?s ?p ?o }"})["boolean"] is True  # still serving


def ground(graph: rdflib.Graph) -> set[tuple[Any, ...]]:
    return {t for t in graph if not any(isinstance(x, rdflib.BNode) for x in t)}


def test_validate_reads_oxigraph_specifications_and_names_what_it_cannot(tmp_path: Path) -> None:
    from kg.errors import StoreError
    from kg.validation import oxigraph_path

    assert oxigraph_path(f"oxigraph:{tmp_path}") == str(tmp_path) == oxigraph_path(str(tmp_path))
    with pytest.raises(StoreError, match="kg build --store SPEC"):
        oxigraph_path("sparql:http://127.0.0.1:8890/sparql")
