"""/validate: the stored validation report over HTTP, on the real build of data/ (issue 4, item 3)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator

import pytest
import rdflib
from service_fixtures import LiveServer, call

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(built_store) -> Iterator[LiveServer]:
    path, _ = built_store
    live = LiveServer(path)
    yield live
    live.stop()


def test_json_report_counts_and_quotes(server):
    status, headers, body = call(server.url + "/validate?format=json", "GET")
    assert status == 200 and headers["content-type"].startswith("application/json")
    report = json.loads(body)
    assert report["conforms"] is False and report["counts"]["Violation"] >= 2
    weaker = [f for f in report["findings"] if f["shape"] and f["shape"].endswith("audit-weaker-target")]
    assert any("01 cuộc" in (f["quote"] or "") for f in weaker), weaker  # TP Bắc Kạn's target, quoted


def test_one_plan_only(server):
    status, _, body = call(server.url + "/validate?format=json", "GET")
    plans = {f["plan"] for f in json.loads(body)["findings"] if f["plan"]}
    plan = sorted(plans)[0]
    status, _, body = call(server.url + "/validate?format=json&plan=" + urllib.parse.quote(plan), "GET")
    assert status == 200 and {f["plan"] for f in json.loads(body)["findings"]} == {plan}


def test_html_text_and_turtle(server):
    status, headers, body = call(server.url + "/validate", "GET", accept="text/html")
    assert status == 200 and b"Validation report" in body and "Kế hoạch".encode() in body
    status, headers, body = call(server.url + "/validate?format=text", "GET")
    assert status == 200 and b"[Violation]" in body and "«".encode() in body
    status, headers, body = call(server.url + "/validate", "GET", accept="text/turtle")
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(set(g.subjects(rdflib.RDF.type, sh.ValidationResult))) >= 10


def test_bad_format_and_bad_plan_are_4xx(server):
    assert call(server.url + "/validate?format=pdf", "GET")[0] == 406
    assert call(server.url + "/validate?format=json&plan=not%20an%20iri", "GET")[0] == 400
