"""Taking the data away (issue 16, item 3): /dump (gzipped N-Quads, cached per data version, named
by void:dataDump) and the read-only Graph Store Protocol GET restore to the same graphs; and the
protocol's update parameters (item 5) are refused, never silently dropped."""

from __future__ import annotations

import gzip
import json
import shutil
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.pipeline.archive import restore
from tests.conftest import ROOT
from tests.servers import LiveServer, call

VOID = "http://rdfs.org/ns/void#"
QN_GRAPH = "https://w3id.org/vnge/graph/plan/eli/vn/quang-ninh/2021/kh-b4506cfc"  # in the build of data/


@pytest.fixture(scope="module")
def served(built_store, tmp_path_factory) -> Iterator[tuple[LiveServer, Path]]:
    """A server (token 's3cret', room for every graph in one response) over a copy of the build of data/."""
    path, _ = built_store
    copy = tmp_path_factory.mktemp("take-away") / "store"
    shutil.copytree(path, copy)
    server = LiveServer(copy, VNGE_UPDATE_TOKEN="s3cret", VNGE_MAX_ROWS=200000, VNGE_WARMUP="false")
    yield server, copy
    server.stop()


def fetch_dump(url: str) -> tuple[bytes, dict[str, str]]:
    deadline = time.monotonic() + 120
    while True:
        status, headers, body = call(url + "/dump", "GET")
        if status == 200:
            return body, headers
        assert status == 503 and headers.get("retry-after"), body
        assert time.monotonic() < deadline, "the dump was never written"
        time.sleep(1)


def store_quads(path: Path) -> list[str]:
    store = ox.Store.read_only(str(path))
    try:
        return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())
    finally:
        del store


def graph_of(path: Path, name: str) -> Graph:
    store = ox.Store.read_only(str(path))
    try:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    finally:
        del store
    return Graph().parse(data=data.decode(), format="nt")


def graph_names(url: str) -> list[str]:
    status, _, body = call(url + "/void", "GET", "text/turtle")
    assert status == 200
    void = Graph().parse(data=body.decode(), format="turtle")
    return sorted(str(o) for o in void.objects(None, URIRef(VOID + "subset")))


@pytest.mark.slow
def test_the_dump_restores_to_the_same_graphs(served, tmp_path):
    server, store = served
    body, headers = fetch_dump(server.url)
    assert headers["content-type"] == "application/gzip" and "vnge.nq.gz" in headers["content-disposition"]
    archive = tmp_path / "vnge.nq.gz"
    archive.write_bytes(body)
    assert gzip.decompress(body).count(b"\n") == len(store_quads(store))
    restore(archive, str(tmp_path / "restored"), ROOT / "data")
    assert store_quads(tmp_path / "restored") == store_quads(store)
    status, _, void = call(server.url + "/void", "GET", "text/turtle")
    dumps = list(Graph().parse(data=void.decode(), format="turtle").objects(None, URIRef(VOID + "dataDump")))
    assert [str(d) for d in dumps] == [server.url + "/dump"]


@pytest.mark.slow
def test_the_graph_store_gives_back_every_graph(served):
    server, store = served
    names = graph_names(server.url)
    assert len(names) >= 8 and any("/graph/plan/" in n for n in names)
    for name in names:
        status, headers, body = call(server.url + "/graph-store?" + urllib.parse.urlencode({"graph": name}),
                                     "GET", "application/n-triples")
        assert status == 200 and headers["content-type"].startswith("application/n-triples"), (name, body[:300])
        assert isomorphic(Graph().parse(data=body.decode(), format="nt"), graph_of(store, name)), name


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                             ("application/rdf+xml", "xml")])
def test_the_graph_store_negotiates_the_format(served, accept, fmt):
    server, store = served
    status, headers, body = call(server.url + "/graph-store?" + urllib.parse.urlencode({"graph": QN_GRAPH}),
                                 "GET", accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    assert isomorphic(Graph().parse(data=body.decode(), format=fmt), graph_of(store, QN_GRAPH))


def test_the_default_graph_is_the_union_of_the_graphs(served):
    server, store = served
    status, _, body = call(server.url + "/graph-store?default", "GET", "application/n-triples")
    assert status == 200
    union = Graph().parse(data=body.decode(), format="nt")
    assert len(union) >= len(graph_of(store, QN_GRAPH)) > 100
    assert set(graph_of(store, QN_GRAPH)) <= set(union)


@pytest.mark.parametrize(("query", "method", "status", "says"), [
    ("", "GET", 400, b"Name one graph"),
    ("graph=https://w3id.org/vnge/graph/reference&default", "GET", 400, b"Name one graph"),
    ("graph=https://w3id.org/vnge/graph/reference%3E%20%7D%20%7D", "GET", 400, b"Not a valid absolute IRI"),
    ("graph=https://w3id.org/vnge/graph/no-such-graph", "GET", 404, b"/void lists the graphs"),
    ("graph=https://w3id.org/vnge/graph/reference", "PUT", 405, b"read-only"),
    ("graph=https://w3id.org/vnge/graph/reference", "DELETE", 405, b"read-only"),
])
def test_the_graph_store_refuses_what_it_does_not_offer(served, query, method, status, says):
    server, _ = served
    got, _, body = call(f"{server.url}/graph-store?{query}", method, "application/json",
                        b"<a> <b> <c> ." if method == "PUT" else None, "application/n-triples")
    assert got == status and says in body, body


def test_a_graph_larger_than_one_response_is_refused_with_a_pointer_to_the_dump(limited_server):
    status, _, body = call(limited_server.url + "/graph-store?graph=https://w3id.org/vnge/graph/reference",
                           "GET", "text/turtle")
    assert status == 403 and b"/dump" in body and b"VNGE_MAX_ROWS" in body


@pytest.mark.slow
def test_the_dump_is_cached_per_data_version_and_older_ones_are_deleted(served):
    server, store = served
    first, headers = fetch_dump(server.url)
    again, same = fetch_dump(server.url)
    assert again == first and same["etag"] == headers["etag"]
    status, _, _ = call(server.url + "/dump", "GET", headers={"If-None-Match": headers["etag"]})
    assert status == 304
    update = "INSERT DATA { GRAPH <https://w3id.org/vnge/graph/extra> { <https://w3id.org/vnge/x> <https://w3id.org/vnge/y> 1 } }"
    status, _, body = call(server.url + "/update", "POST", "application/json", update.encode(),
                           "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 200, body
    newer, fresh = fetch_dump(server.url)
    assert fresh["etag"] != headers["etag"] and b"graph/extra" in gzip.decompress(newer)
    cache = Path(str(store) + ".cache")
    assert len(list(cache.glob("*/dump.nq.gz"))) == 1  # the older version's dump is gone


@pytest.mark.parametrize("parameter", ["using-graph-uri", "using-named-graph-uri"])
def test_update_dataset_parameters_are_refused_not_dropped(update_server, parameter):
    graph = "https://w3id.org/vnge/graph/reference"
    update = ("DELETE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } "
              "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }")
    body = urllib.parse.urlencode({"update": update, parameter: graph}).encode()
    status, _, answer = call(update_server.url + "/update", "POST", "application/json", body,
                             "application/x-www-form-urlencoded", {"Authorization": "Bearer s3cret"})
    assert status == 400 and parameter.encode() in answer and b"USING" in answer
    status, _, rows = call(update_server.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"}), "GET",
        "application/sparql-results+json")
    assert json.loads(rows)["boolean"] is True  # nothing was deleted


@pytest.mark.slow
def test_a_sparql_update_makes_the_validation_report_say_it_is_older_than_the_data(served):
    server, _ = served
    update = "INSERT DATA { GRAPH <https://w3id.org/vnge/graph/note> { <https://w3id.org/vnge/n> <https://w3id.org/vnge/m> 2 } }"
    status, _, _ = call(server.url + "/update", "POST", "application/json", update.encode(),
                        "application/sparql-update", {"Authorization": "Bearer s3cret"})
    assert status == 200
    status, _, body = call(server.url + "/validate?format=json", "GET")
    report = json.loads(body)
    assert report["data_changed"] is True and report["current"] is False and "kg validate" in report["notice"]
    status, _, page = call(server.url + "/validate", "GET", "text/html")
    assert b'id="stale"' in page
    # the summary counts were not recounted either: the canned queries reading them say so
    status, headers, page = call(server.url + "/queries/indicator-summary", "GET", "text/html")
    assert status == 200 and b'id="stale"' in page and "graph/summary" in headers["warning"]
    status, headers, _ = call(server.url + "/queries/plans-citing-repealed", "GET", "text/html")
    assert status == 200 and "warning" not in headers  # not a query of the summary
