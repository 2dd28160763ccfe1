"""The small defects of issue 17 (item 8): /ontology served and linked from every page, /void as a
page for browsers and RDF for RDF clients, entity JSON-LD compacted with the published
/context.jsonld, SELECT * columns in query order, README's example returning each plan once."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import rdflib
import rdflib.compare

from tests.conftest import ROOT, select
from tests.servers import HB_PLAN, SO_LDTBXH

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _path(iri: str) -> str:
    return "/" + iri.removeprefix("https://w3id.org/vnge/")


@pytest.mark.parametrize("path", ["/", "/search?q=binh", "/validate", "/queries", "/hierarchy", "/void",
                                  _path(HB_PLAN)])
def test_every_page_links_to_the_ontology(client, path: str) -> None:
    page = client.get(path, headers=BROWSER).data.decode()
    assert 'href="/ontology"' in page, path


def test_void_is_a_page_for_browsers_and_turtle_for_rdf_clients(client) -> None:
    page = client.get("/void", headers=BROWSER)
    assert page.status_code == 200 and page.mimetype == "text/html" and page.headers["Vary"] == "Accept"
    text = page.data.decode()
    assert 'id="void-graphs"' in text and "graph/reference" in text and "<script" not in text
    for headers, query in (({}, ""), ({"Accept": "*/*"}, ""), ({"Accept": "text/turtle"}, ""),
                           (BROWSER, "?format=turtle")):
        response = client.get("/void" + query, headers=headers)
        assert response.mimetype == "text/turtle", (headers, query)
        graph = rdflib.Graph().parse(data=response.data.decode(), format="turtle")
        assert len(graph) > 10
    assert client.get("/void?format=html").mimetype == "text/html"
    assert client.get("/.well-known/void", headers=BROWSER).mimetype == "text/html"


def test_entity_json_ld_is_compact_with_the_published_context(client) -> None:
    context = client.get("/context.jsonld")
    assert context.status_code == 200 and context.mimetype == "application/ld+json"
    prefixes = context.get_json()["@context"]
    assert prefixes["vnp"] == "https://w3id.org/vnge/ontology#" and prefixes["rdfs"].endswith("rdf-schema#")
    response = client.get(_path(SO_LDTBXH), headers={"Accept": "application/ld+json"})
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    document = json.loads(response.data)
    assert document["@context"] == "http://localhost/context.jsonld"
    nodes = document.get("@graph", [document])
    assert nodes[0]["@id"] == SO_LDTBXH
    keys = {k for node in nodes for k in node}
    assert "rdfs:label" in keys and not [k for k in keys if k.startswith("http")]
    document["@context"] = prefixes  # what a JSON-LD processor does after fetching the context
    compacted = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    turtle = client.get(_path(SO_LDTBXH), headers={"Accept": "text/turtle"}).data.decode()
    assert rdflib.compare.isomorphic(compacted, rdflib.Graph().parse(data=turtle, format="turtle"))


def test_select_star_columns_come_in_query_order(client) -> None:
    for query, order in (("SELECT * WHERE { ?s ?p ?o } LIMIT 1", ["s", "p", "o"]),
                         ("# ?zz in a comment\nSELECT DISTINCT * WHERE { ?plan a ?type . "
                          "OPTIONAL { ?plan <urn:x:p> \"?no\" , ?after } } LIMIT 3", ["plan", "type", "after"]),
                         ("SELECT ?o ?s WHERE { ?s ?p ?o } LIMIT 1", ["o", "s"])):
        response = client.get("/sparql", query_string={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
        assert response.get_json()["head"]["vars"] == order, query
    csv_text = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                          headers={"Accept": "text/csv"}).data.decode()
    assert csv_text.startswith("s,p,o\r\n")


def test_readme_second_example_returns_each_plan_once(store) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    examples = re.findall(r"--data-urlencode 'query=\n(.*?)'\n", readme, re.S)
    assert examples, "README's example queries moved"
    rows = select(store, examples[0])
    plans = [r["plan"] for r in rows]
    assert plans and len(plans) == len(set(plans))
    assert all(r["unit"] for r in rows)


@pytest.mark.slow
def test_ontology_documentation_is_written_when_missing_then_served(fixture_store: Path, tmp_path: Path) -> None:
    from service.app import create_app

    folder = tmp_path / "docs"
    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": False, "VNGE_ONTOLOGY_DOCS": str(folder)})
    try:
        client = app.test_client()
        page = client.get("/ontology", headers=BROWSER)
        assert page.status_code == 200 and page.mimetype == "text/html"
        text = page.data.decode()
        assert "Controlled vocabularies" in text and 'id="site-bar"' in text and 'href="/search"' in text
        assert (folder / "index.html").exists() and not list(folder.glob(".writing-*"))
        assert 'href="//' not in text and "<script>" not in text.replace(" ", "")
        rdf = client.get("/ontology", headers={"Accept": "text/turtle"})
        assert rdf.mimetype == "text/turtle" and b"owl:Ontology" in rdf.data
    finally:
        app.extensions["vnge"].pool.close()


@pytest.mark.slow
def test_ontology_documentation_older_than_the_ontology_is_written_again(fixture_store: Path, tmp_path: Path) -> None:
    """An upgrade that changes ontology/*.ttl must not keep serving the previous version's page."""
    from service.app import create_app

    folder = tmp_path / "docs"
    folder.mkdir()
    stale = folder / "index.html"
    stale.write_text("<html><body>STALE-0.0.1</body></html>", encoding="utf-8")
    os.utime(stale, (946684800, 946684800))  # 2000-01-01, before any ontology file
    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": False, "VNGE_ONTOLOGY_DOCS": str(folder)})
    try:
        text = app.test_client().get("/ontology", headers=BROWSER).data.decode()
        assert "STALE-0.0.1" not in text and "Controlled vocabularies" in text
        version = re.search(r'owl:versionInfo "([^"]+)"', (ROOT / "ontology" / "vnge.ttl").read_text("utf-8"))
        assert version and version.group(1) in text
        assert 'margin-right:215px' in text  # the site bar stops short of pyLODE's fixed contents
    finally:
        app.extensions["vnge"].pool.close()


def test_ontology_page_says_how_to_make_the_documentation(fixture_store: Path, tmp_path: Path) -> None:
    from service.app import create_app

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": False,
                      "VNGE_ONTOLOGY_DOCS": str(blocker / "docs")})
    try:
        page = app.test_client().get("/ontology", headers=BROWSER)
        text = page.data.decode()
        assert page.status_code == 503 and 'id="ontology-missing"' in text
        assert "kg docs --out ontology/docs" in text and "make docs" in text
        assert str(tmp_path) not in text and "Traceback" not in text
    finally:
        app.extensions["vnge"].pool.close()
