"""Canned research queries (service/queries/*.rq): headers, parameters, results on the fixture (issue 5, row 5)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from service.pages.canned import QUERY_DIR, load_queries, parse_rq
from tests.conftest import ROOT
from tests.servers import BASE, DECISION_1790, HB_PLAN, HB_TARGET, QN_PLAN, SO_LDTBXH, call

QUERIES = load_queries()
EXPECTED_NAMES = {"plans-citing-document", "implementation-chain", "targets-by-indicator",
                  "lead-agencies-by-activities", "plans-citing-repealed", "audit-findings-by-plan",
                  "agency-responsibilities", "indicator-summary", "coverage-of-units", "in-force-on-date"}


def rows(client, name: str, **params: str) -> list[dict[str, str]]:
    response = client.get(f"/queries/{name}", query_string={**params, "format": "json"})
    assert response.status_code == 200, response.data
    data = json.loads(response.data)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_every_research_question_of_the_issue_has_a_query() -> None:
    assert set(QUERIES) == EXPECTED_NAMES
    for q in QUERIES.values():
        assert q.title and q.description, q.name


@pytest.mark.parametrize("name", sorted(EXPECTED_NAMES))
def test_each_query_runs_with_its_example_and_returns_rows(client, name: str) -> None:
    query = QUERIES[name]
    required = {p.name for p in query.params if p.required}
    assert required <= set(query.examples), f"{name}: a required parameter needs an example"
    assert rows(client, name, **query.examples), f"{name} returned no rows on the fixture"


def test_plans_citing_document(client) -> None:
    found = rows(client, "plans-citing-document", doc="eli/vn/2009/55-2009-nd-cp")
    assert {r["plan"] for r in found} == {HB_PLAN}
    assert found[0]["kinds"] == "legal-basis" and found[0]["doc"] == BASE + "eli/vn/2009/55-2009-nd-cp"
    assert QN_PLAN in {r["plan"] for r in rows(client, "plans-citing-document", doc=DECISION_1790)}


def test_implementation_chain_reaches_the_national_decision(client) -> None:
    chain = rows(client, "implementation-chain", plan=HB_PLAN)
    by_doc = {r["doc"]: int(r["distance"]) for r in chain}
    assert by_doc[HB_PLAN] == 0 and by_doc[BASE + "eli/vn/hai-phong/2022/kh-a1b2c3d4"] == 1
    assert by_doc[DECISION_1790] == 2
    assert [int(r["distance"]) for r in chain] == sorted(by_doc.values())


def test_targets_by_indicator_are_ordered_from_province_to_district(client) -> None:
    found = rows(client, "targets-by-indicator",
                 indicator="https://w3id.org/vnge/concept/indicator-ge-law-communication-sessions")
    fixture = [r for r in found if r["plan"] in (QN_PLAN, HB_PLAN)]
    assert [(r["plan"], r["level"], float(r["value"])) for r in fixture] == [
        (QN_PLAN, "province", 2.0), (HB_PLAN, "district", 1.0)]


def test_targets_by_indicator_needs_the_indicator(client) -> None:
    response = client.get("/queries/targets-by-indicator", query_string={"format": "json"})
    assert response.status_code == 400
    assert b"indicator" in response.data


def test_indicator_summary_counts_plans_and_targets_per_level(client) -> None:
    found = rows(client, "indicator-summary")
    sessions = [r for r in found
                if r["indicator"] == "https://w3id.org/vnge/concept/indicator-ge-law-communication-sessions"]
    order = ["national", "province", "district", "commune"]
    levels = [r["level"].rsplit("-", 1)[-1] for r in sessions]
    assert levels == sorted(levels, key=order.index) and levels[:3] == order[:3]
    province = next(r for r in sessions if r["level"].endswith("level-province"))
    assert int(province["plans"]) >= 1 and int(province["targets"]) >= int(province["plans"])
    assert float(province["min"]) <= float(province["max"])
    assert province["label"]
    provinces = rows(client, "indicator-summary", level="https://w3id.org/vnge/concept/level-province")
    assert provinces and {r["level"] for r in provinces} == {"https://w3id.org/vnge/concept/level-province"}
    assert len(provinces) < len(found)


def test_lead_agencies_are_counted(client) -> None:
    found = rows(client, "lead-agencies-by-activities", level="https://w3id.org/vnge/concept/level-province")
    mine = next(r for r in found if r["agency"] == SO_LDTBXH)
    assert int(mine["tasks"]) == 1 and int(mine["plans"]) == 1
    district = rows(client, "lead-agencies-by-activities", level="https://w3id.org/vnge/concept/level-district")
    assert SO_LDTBXH not in {r["agency"] for r in district}


def test_plans_citing_repealed_documents(client) -> None:
    found = [r for r in rows(client, "plans-citing-repealed") if r["plan"] == HB_PLAN]
    assert found and found[0]["doc"] == BASE + "eli/vn/2009/55-2009-nd-cp"
    assert found[0]["replacement"] == BASE + "eli/vn/2021/125-2021-nd-cp"
    assert found[0]["issuedAfter"] == "true"  # plan of 2022-12-16, decree replaced from 2022-01-01
    assert QN_PLAN not in {r["plan"] for r in rows(client, "plans-citing-repealed")}


def test_documents_in_force_on_a_date(client) -> None:
    """Issue 18, item 4: the day before and the day Nghị định 125/2021 replaced 55/2009 (a date parameter)."""
    def status(day: str) -> dict[str, str]:
        found = rows(client, "in-force-on-date", day=day)
        assert {r["date"] for r in found} == {day}
        return {r["doc"].rsplit("/eli/", 1)[1]: r["status"] for r in found}
    before, after = status("2021-12-31"), status("2022-01-01")
    assert before["vn/2009/55-2009-nd-cp"] != "no-longer-in-force" and before["vn/2021/125-2021-nd-cp"] == "not-yet-in-force"
    assert after["vn/2009/55-2009-nd-cp"] == "no-longer-in-force" and after["vn/2021/125-2021-nd-cp"] == "in-force"
    assert after["vn/2006/73-2006-qh11"] == "in-force"


@pytest.mark.parametrize("day", ["2023-02-30", "1/7/2023", "2023-07-01T00:00", "today"])
def test_a_bad_date_is_400(client, day: str) -> None:
    response = client.get("/queries/in-force-on-date", query_string={"day": day},
                          headers={"Accept": "application/json"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.json["error"]


def test_in_force_on_date_is_competency_question_22() -> None:
    (cq,) = (ROOT / "queries").glob("cq22-*.rq")
    ours, service = cq.read_text("utf-8"), (QUERY_DIR / "in-force-on-date.rq").read_text("utf-8")
    assert ours[ours.index("PREFIX"):] == service[service.index("PREFIX"):]


def test_audit_findings_by_plan(client) -> None:
    found = rows(client, "audit-findings-by-plan", plan=HB_PLAN)
    assert {(r["severity"], r["focus"]) for r in found} == {("Violation", HB_PLAN), ("Warning", HB_TARGET)}
    assert rows(client, "audit-findings-by-plan", plan=QN_PLAN) == []


def test_agency_responsibilities(client) -> None:
    found = rows(client, "agency-responsibilities", agency=SO_LDTBXH)
    assert {r["role"] for r in found} == {"lead", "responsibility"}
    assert all(r["plan"] == QN_PLAN for r in found)


@pytest.mark.parametrize("fmt,mimetype", [("json", "application/sparql-results+json"), ("xml",
                         "application/sparql-results+xml"), ("csv", "text/csv"),
                         ("tsv", "text/tab-separated-values"), ("html", "text/html")])
def test_canned_query_in_every_format(client, fmt: str, mimetype: str) -> None:
    response = client.get("/queries/plans-citing-repealed", query_string={"format": fmt})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "55-2009-nd-cp" in response.data.decode()
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(response.data.decode())))
        assert header[:3] == ["plan", "planDate", "doc"]


def test_canned_query_over_http(live_server) -> None:
    status, headers, body = call(live_server.url + "/queries/implementation-chain?plan=" + HB_PLAN, "GET",
                                 "text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert DECISION_1790 in body.decode()


def test_html_page_has_parameter_form_and_download_links(client) -> None:
    page = client.get("/queries/audit-findings-by-plan", query_string={"plan": HB_PLAN},
                      headers={"Accept": "text/html"}).data.decode()
    assert 'name="plan"' in page and 'id="results"' in page
    assert "format=csv" in page and "format=tsv" in page and "format=json" in page


def test_listing_in_json_and_html(client) -> None:
    listing = json.loads(client.get("/queries", headers={"Accept": "application/json"}).data)
    assert {q["name"] for q in listing} == EXPECTED_NAMES
    page = client.get("/queries", headers={"Accept": "text/html"}).data.decode()
    assert all(f"/queries/{name}" in page for name in EXPECTED_NAMES)


def test_source_of_a_canned_query(client) -> None:
    response = client.get("/queries/plans-citing-repealed.rq")
    assert response.mimetype == "application/sparql-query"
    assert response.data.decode() == (QUERY_DIR / "plans-citing-repealed.rq").read_text(encoding="utf-8")


@pytest.mark.parametrize("args,message", [
    ({}, "needs the parameter 'plan'"),
    ({"plan": "x> } ; DROP ALL ; <y"}, "not a valid IRI"),
    ({"plan": HB_PLAN, "colour": "red"}, "Unknown parameter"),
])
def test_bad_parameters_are_400(client, args: dict[str, str], message: str) -> None:
    response = client.get("/queries/implementation-chain", query_string=args,
                          headers={"Accept": "application/json"})
    assert response.status_code == 400 and message in response.json["error"]


def test_unknown_query_is_404(client) -> None:
    response = client.get("/queries/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404 and "/queries" in response.json["error"]


def test_header_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: x\n# param: p colour\nSELECT * WHERE {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.rq:2"):
        parse_rq(bad)


def test_warm_up_caches_parameterless_queries(fixture_store, monkeypatch) -> None:
    import threading

    from service.app import create_app

    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": True})
    try:
        for thread in threading.enumerate():
            if thread.name == "vnge-warmup":
                thread.join(60)
        pool = app.extensions["vnge"].pool

        def no_query(*args, **kwargs):
            raise AssertionError("not answered from the warm-up cache")

        monkeypatch.setattr(pool, "execute", no_query)
        response = app.test_client().get("/queries/plans-citing-repealed", query_string={"format": "json"})
        assert response.status_code == 200 and "55-2009-nd-cp" in response.data.decode()
    finally:
        app.extensions["vnge"].pool.close()
