"""Dereferenceable entities (issue 5, row 7): every IRI under the base resolves; HTML shows labels,
facts, incoming links, the quoted source sentence with its plan and audit findings; RDF by Accept."""

from __future__ import annotations

import json
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib

from tests.servers import BASE, HB_PLAN, HB_TARGET, QN_PLAN, QN_TARGET, call

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def path_of(iri: str) -> str:
    return "/" + iri[len(BASE):] if iri.startswith(BASE) and "#" not in iri else "/resource?iri=" + quote(iri, safe="")


def test_target_page_shows_label_source_sentence_plan_and_facts(client) -> None:
    page = client.get(path_of(QN_TARGET), headers=HTML).data.decode()
    assert "Ít nhất 02 cuộc truyền thông mỗi năm" in page  # its label, as title
    assert "tổ chức ít nhất 02 cuộc truyền thông cho cán bộ CCVC-LĐ" in page  # the quoted sentence
    assert f'href="{path_of(QN_PLAN)}"' in page  # ... with a link to its plan
    assert "quang-ninh_2021-11-24_unnumbered.txt" in page
    assert 'id="facts"' in page and "Số cuộc truyền thông pháp luật về bình đẳng giới" in page  # indicator label


def test_incoming_links_and_audit_findings(client) -> None:
    page = client.get(path_of(HB_TARGET), headers=HTML).data.decode()
    assert 'id="incoming"' in page and f'href="{path_of(HB_PLAN)}"' in page
    assert 'id="findings"' in page and "Chỉ tiêu thấp hơn chỉ tiêu cùng chỉ số" in page
    plan_page = client.get(path_of(HB_PLAN), headers=HTML).data.decode()
    assert "no longer in force: 55/2009/NĐ-CP" in plan_page


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_content_negotiation_gives_rdf(client, accept: str, fmt: str) -> None:
    response = client.get(path_of(HB_TARGET), headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    data = response.data
    if fmt == "json-ld":  # compacted, naming the published context: put it in, as a processor fetches it
        document = json.loads(data)
        assert document["@context"] == "http://localhost/context.jsonld"
        document["@context"] = client.get("/context.jsonld").get_json()["@context"]
        data = json.dumps(document).encode()
    g = rdflib.Graph().parse(data=data, format=fmt)
    target = rdflib.URIRef(HB_TARGET)
    assert (target, rdflib.URIRef("https://w3id.org/vnge/ontology#value"), None) in g  # outgoing
    assert (rdflib.URIRef(HB_PLAN), rdflib.URIRef("https://w3id.org/vnge/ontology#hasTarget"), target) in g


def test_format_parameter_on_entity_pages(client) -> None:
    response = client.get(path_of(HB_PLAN) + "?format=turtle", headers=HTML)
    assert response.mimetype == "text/turtle" and b"258/KH-UBND" in response.data


def test_every_iri_under_the_base_resolves(client, fixture_store) -> None:
    store = ox.Store.read_only(str(fixture_store))
    iris = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(BASE):
                iris.add(term.value)
    assert len(iris) > 50
    failures = [iri for iri in sorted(iris)
                if client.get(path_of(iri), headers={"Accept": "application/n-triples"}).status_code != 200]
    assert failures == []


def test_named_graph_iris_resolve(client) -> None:
    graph = BASE + "graph/plan/eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"
    page = client.get(path_of(graph), headers=HTML).data.decode()
    assert "Named graph" in page and f'href="{path_of(HB_PLAN)}"' in page
    turtle = client.get(path_of(graph), headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=turtle.data, format="turtle")
    assert (rdflib.URIRef(HB_PLAN), rdflib.URIRef("http://data.europa.eu/eli/ontology#number"), None) in g


def test_iris_with_fragments_resolve_through_resource(client) -> None:
    iri = BASE + "source/4f0c1d2e#char=1200,1340"  # an evidence span (RFC 5147) of a source file
    response = client.get(path_of(iri), headers=HTML)
    assert response.status_code == 200 and "CCVC-LĐ" in response.data.decode()


def test_unknown_entity_is_404_in_the_error_shape(client) -> None:
    response = client.get("/eli/vn/nowhere/1999/0-kh", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json == {"ok": False, "status": 404, "error": response.json["error"]}
    assert "Nothing is known" in response.json["error"]


def test_invalid_iri_is_400(client) -> None:
    response = client.get("/resource", query_string={"iri": "not an iri"}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "valid absolute IRI" in response.json["error"]


def test_entity_page_over_http(live_server) -> None:
    status, headers, body = call(live_server.url + path_of(HB_PLAN), "GET", "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle") and b"258/KH-UBND" in body
    status, headers, body = call(live_server.url + path_of(HB_PLAN), "GET", HTML["Accept"])
    assert status == 200 and headers["content-type"].startswith("text/html")
