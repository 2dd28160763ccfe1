"""/validate: the stored validation report over HTTP, on the real build of data/ (issue 4, item 3)."""

from __future__ import annotations

import json
import urllib.parse

import pytest
import rdflib

from tests.servers import call

pytestmark = pytest.mark.slow


def test_json_report_counts_and_quotes(real_server):
    status, headers, body = call(real_server.url + "/validate?format=json", "GET")
    assert status == 200 and headers["content-type"].startswith("application/json")
    report = json.loads(body)
    assert report["conforms"] is False and report["counts"]["Violation"] >= 2
    weaker = [f for f in report["findings"] if f["shape"] and f["shape"].endswith("audit-weaker-target")]
    assert any("01 cuộc" in (f["quote"] or "") for f in weaker), weaker  # TP Bắc Kạn's target, quoted


def test_one_plan_only(real_server):
    status, _, body = call(real_server.url + "/validate?format=json", "GET")
    plans = {f["plan"] for f in json.loads(body)["findings"] if f["plan"]}
    plan = sorted(plans)[0]
    status, _, body = call(real_server.url + "/validate?format=json&plan=" + urllib.parse.quote(plan), "GET")
    assert status == 200 and {f["plan"] for f in json.loads(body)["findings"]} == {plan}


def test_html_text_and_turtle(real_server):
    status, headers, body = call(real_server.url + "/validate", "GET", accept="text/html")
    assert status == 200 and b"Validation report" in body and "Kế hoạch".encode() in body
    status, headers, body = call(real_server.url + "/validate?format=text", "GET")
    assert status == 200 and b"[Violation]" in body and "«".encode() in body
    status, headers, body = call(real_server.url + "/validate", "GET", accept="text/turtle")
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(set(g.subjects(rdflib.RDF.type, sh.ValidationResult))) >= 10


def test_bad_format_and_bad_plan_are_4xx(real_server):
    assert call(real_server.url + "/validate?format=pdf", "GET")[0] == 406
    assert call(real_server.url + "/validate?format=json&plan=not%20an%20iri", "GET")[0] == 400


def test_a_finding_without_evidence_or_plan_gets_no_quote_or_label(built_store, tmp_path) -> None:
    """The quote and the plan label are looked up from the finding itself: a finding with neither
    evidence nor plan (a shape about reference data) was shown with an unrelated plan's quote."""
    import shutil

    from service.app import create_app

    store = tmp_path / "store"
    shutil.copytree(built_store[0], store)
    app = create_app({"VNGE_STORE": str(store), "VNGE_WARMUP": False, "VNGE_UPDATE_TOKEN": "t"})
    try:
        client = app.test_client()
        audit = "https://w3id.org/vnge/graph/audit"
        update = (f"PREFIX sh: <http://www.w3.org/ns/shacl#> INSERT DATA {{ GRAPH <{audit}> {{ "
                  f"<urn:x:result> a sh:ValidationResult ; sh:resultSeverity sh:Info ; sh:focusNode <urn:x:focus> ; "
                  f'sh:resultMessage "lone finding"@en, "phát hiện"@vi }} }}')
        assert client.post("/update", data=update, content_type="application/sparql-update",
                           headers={"Authorization": "Bearer t"}).status_code == 200
        report = client.get("/validate?format=json").get_json()
        lone = [f for f in report["findings"] if f["focus"] == "urn:x:focus"]
        assert len(lone) == 1
        assert lone[0]["quote"] is None and lone[0]["plan_label"] is None
        assert any(f["quote"] for f in report["findings"])  # the others keep theirs
    finally:
        app.extensions["vnge"].pool.close()
