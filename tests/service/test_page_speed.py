"""What makes the readable pages fast on a large store (issue 17: dossier and network pages < 300 ms on
the 1% corpus, BENCHMARKS.md "Page latency"), checked for what it must keep: rows sorted here as the
engine would sort them, a unit's agencies found without joining their type, and the networks of the
documents cited most memoised by the start-up warm-up, and the page data of documents, agencies and
units kept per data version."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import lxml.html
import pyoxigraph as ox
import pytest

from service import app as service_app
from service.app import create_app
from service.labels import select as service_select
from service.pages import network as network_page
from service.pages.dossier import common
from tests.conftest import select

BASE = "https://w3id.org/vnge/"
VNP = "PREFIX vnp: <https://w3id.org/vnge/ontology#> "


@pytest.fixture(scope="module")
def app(built_store) -> Iterator[Any]:
    path, _ = built_store
    application = create_app({"VNGE_STORE": str(path), "VNGE_QUERY_TIMEOUT": 20, "VNGE_WARMUP": False})
    yield application
    application.extensions["vnge"].pool.close()


def counted(app: Any) -> tuple[list[str], Any]:
    """The queries the pool runs from now on (the list) and a function that stops counting."""
    pool = app.extensions["vnge"].pool
    calls: list[str] = []
    original = pool.execute

    def execute(job: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        calls.append(job.get("query", ""))
        return original(job, *args, **kwargs)

    pool.execute = execute
    return calls, lambda: setattr(pool, "execute", original)


def test_ordered_sorts_here_when_every_row_fits(monkeypatch) -> None:
    asked: list[str] = []
    rows = [{"x": ("uri", "urn:b"), "y": ("uri", "urn:2")}, {"x": ("uri", "urn:a"), "y": ("uri", "urn:9")},
            {"x": ("uri", "urn:b"), "y": ("uri", "urn:1")}]
    monkeypatch.setattr(common, "select", lambda q: asked.append(q) or rows)
    got = common.ordered("SELECT ?x ?y WHERE { ?x ?p ?y }", ("x", "y"), 3)
    assert [(r["x"][1], r["y"][1]) for r in got] == [("urn:a", "urn:9"), ("urn:b", "urn:1"), ("urn:b", "urn:2")]
    assert asked == ["SELECT ?x ?y WHERE { ?x ?p ?y } LIMIT 4"]  # no ORDER BY for the engine


def test_ordered_lets_the_engine_sort_past_the_limit(monkeypatch) -> None:
    """More rows than the limit: which ones are the first is the engine's ORDER BY's answer."""
    asked: list[str] = []
    many = [{"x": ("uri", f"urn:{i}")} for i in (5, 3, 4)]
    first = [{"x": ("uri", "urn:1")}, {"x": ("uri", "urn:2")}]
    monkeypatch.setattr(common, "select", lambda q: asked.append(q) or (first if "ORDER BY" in q else many))
    assert common.ordered("SELECT ?x WHERE { ?x ?p ?o }", ("x",), 2) == first
    assert asked == ["SELECT ?x WHERE { ?x ?p ?o } LIMIT 3", "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x LIMIT 2"]


def test_ordered_matches_the_engines_order_on_the_graph(app) -> None:
    query = "SELECT DISTINCT ?s ?o WHERE { ?s vnp:hasCitation ?o }"
    with app.app_context():
        engine = service_select(query + " ORDER BY ?s ?o LIMIT 5000")
        assert len(engine) > 20
        assert common.ordered(query, ("s", "o"), 5000) == engine
        assert common.ordered(query, ("s", "o"), 7) == engine[:7]


def test_a_unit_page_lists_the_agencies_of_the_unit(app, store: ox.Store) -> None:
    """Found by vnp:scopeUnit with their type as a test (not a join): the same agencies, in IRI order."""
    rows = select(store, VNP + "SELECT ?u ?a WHERE { ?a vnp:scopeUnit ?u ; a vnp:Agency }")
    scoped = Counter(r["u"] for r in rows)
    unit = min(scoped, key=lambda u: (-scoped[u], u))
    expected = sorted({r["a"] for r in rows if r["u"] == unit})
    assert len(expected) >= 2
    response = app.test_client().get("/" + unit[len(BASE):], headers={"Accept": "text/html"})
    assert response.status_code == 200
    listed = lxml.html.fromstring(response.data.decode()).xpath("//ul[@id='unit-agencies']//a/@href")
    assert listed == ["/" + a[len(BASE):] for a in expected]


def test_the_warm_up_memoises_the_networks_of_the_documents_cited_most(app, store: ox.Store, monkeypatch,
                                                                         caplog) -> None:
    rows = select(store, VNP + "SELECT DISTINCT ?c ?d WHERE { ?c vnp:citedDocument ?d }")
    cited = Counter(r["d"] for r in rows)
    top = min(cited, key=lambda d: (-cited[d], d))
    app.extensions["vnge"].invalidate()
    with caplog.at_level(logging.INFO, logger="vnge.service"):
        service_app._warm_up(app)
    assert any("warm-up done" in r.getMessage() for r in caplog.records)

    def not_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the network was computed again")

    monkeypatch.setattr(network_page, "citation_network", not_again)
    calls, stop = counted(app)
    try:
        response = app.test_client().get("/network?iri=" + quote(top, safe=""), headers={"Accept": "text/html"})
    finally:
        stop()
    assert response.status_code == 200 and f'data-iri="{top}"' in response.data.decode()
    assert len(calls) <= 2, calls  # the check that it is a document, and labels at most
    calls, stop = counted(app)
    try:
        response = app.test_client().get("/" + top[len(BASE):], headers={"Accept": "text/html"})
    finally:
        stop()
    assert response.status_code == 200 and len(calls) == 1, calls  # its page data too: the facts only


def test_a_documents_page_data_is_read_once_per_data_version(app, store: ox.Store) -> None:
    """The second request renders the same page from the kept data: one query (the entity's facts)."""
    rows = select(store, VNP + "SELECT DISTINCT ?c ?d WHERE { ?c vnp:citedDocument ?d }")
    cited = Counter(r["d"] for r in rows)
    top = min(cited, key=lambda d: (-cited[d], d))
    app.extensions["vnge"].invalidate()
    client = app.test_client()
    path = "/" + top[len(BASE):]
    first = client.get(path, headers={"Accept": "text/html"})
    calls, stop = counted(app)
    try:
        again = client.get(path, headers={"Accept": "text/html"})
    finally:
        stop()
    assert first.status_code == again.status_code == 200 and first.data == again.data
    assert len(calls) == 1, calls
    app.extensions["vnge"].invalidate()  # a data change (here: the caches dropped) reads it again
    calls, stop = counted(app)
    try:
        assert client.get(path, headers={"Accept": "text/html"}).data == first.data
    finally:
        stop()
    assert len(calls) > 3


def test_plan_pages_are_computed_each_time(app, store: ox.Store) -> None:
    plan = select(store, VNP + "SELECT ?p WHERE { ?p a vnp:Plan ; vnp:hasTask ?t } ORDER BY ?p LIMIT 1")[0]["p"]
    client = app.test_client()
    client.get("/" + plan[len(BASE):], headers={"Accept": "text/html"})
    calls, stop = counted(app)
    try:
        assert client.get("/" + plan[len(BASE):], headers={"Accept": "text/html"}).status_code == 200
    finally:
        stop()
    assert len(calls) > 3
