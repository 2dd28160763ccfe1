"""/validate for researchers (issue 17, item 7), on the real build of data/: counts by severity, filters
by severity, plan and check, Violations listed first, the per-plan summary, the CSV export (same
filters, formula-safe cells) and clear 400s for bad parameters."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import urllib.parse

import pytest

from service.pages.report_csv import safe_cell
from tests.servers import call

pytestmark = pytest.mark.slow
HTML = "text/html,application/xhtml+xml,*/*;q=0.8"


def _json(server, query: str = "") -> dict:
    status, _, body = call(server.url + "/validate?format=json" + query, "GET")
    assert status == 200, body
    return json.loads(body)


def _csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_counts_at_the_top_and_violations_listed_first(real_server) -> None:
    counts = _json(real_server)["counts"]
    status, _, body = call(real_server.url + "/validate", "GET", HTML)
    page = body.decode()
    assert status == 200
    top = page[page.index('id="counts"'):page.index('id="filters"')]
    for severity, n in counts.items():
        assert re.search(rf'data-severity="{severity}"[^>]*>\s*<span class="n">{n}</span>', top), severity
    findings = re.findall(r'<li class="finding (\w+)"', page)
    assert findings[0] == "violation" and "info" in findings
    assert max(i for i, s in enumerate(findings) if s == "violation") < findings.index("warning") \
        < findings.index("info")


def test_filter_by_severity_plan_and_check(real_server) -> None:
    whole = _json(real_server)
    violations = _json(real_server, "&severity=Violation")
    assert violations["filters"] == {"severity": "Violation"}
    assert {f["severity"] for f in violations["findings"]} == {"Violation"}
    assert len(violations["findings"]) == whole["counts"]["Violation"]
    plan = sorted({f["plan"] for f in whole["findings"] if f["plan"]})[0]
    both = _json(real_server, "&severity=warning&plan=" + urllib.parse.quote(plan))
    assert both["findings"] and {(f["severity"], f["plan"]) for f in both["findings"]} == {("Warning", plan)}
    weaker = _json(real_server, "&audit=audit-weaker-target")["findings"]
    assert weaker and {f["shape"] for f in weaker} == {"https://w3id.org/vnge/shapes#audit-weaker-target"}


def test_the_html_filters_are_form_controls_and_the_page_shows_only_what_was_picked(real_server) -> None:
    status, _, body = call(real_server.url + "/validate?severity=Violation", "GET", HTML)
    page = body.decode()
    assert status == 200
    for name in ("severity", "plan", "audit"):
        assert f'<select name="{name}"' in page
    assert '<option value="Violation" selected>' in page
    assert set(re.findall(r'<li class="finding (\w+)"', page)) == {"violation"}
    assert 'href="/validate.csv?severity=Violation"' in page


def test_the_per_plan_summary_links_to_each_plans_filtered_view(real_server) -> None:
    whole = _json(real_server)
    status, _, body = call(real_server.url + "/validate", "GET", HTML)
    table = body.decode().split('id="plan-summary"', 1)[1].split("</table>", 1)[0]
    by_plan: dict[str, int] = {}
    for f in whole["findings"]:
        if f["severity"] == "Violation":
            by_plan[f["plan"]] = by_plan.get(f["plan"], 0) + 1
    plan, n = max(by_plan.items(), key=lambda item: item[1])
    link = f'/validate?severity=Violation&amp;plan={urllib.parse.quote(plan, safe="")}'
    assert f'href="{link}">{n}</a>' in table
    rows = re.findall(r'class="plan-filter" href="([^"]+)"', table)
    assert len(rows) == len({f["plan"] for f in whole["findings"] if f["plan"]})
    followed = call(real_server.url + rows[0].replace("&amp;", "&") + "&format=json", "GET")
    assert followed[0] == 200 and len({f["plan"] for f in json.loads(followed[2])["findings"]}) == 1


def test_csv_export_with_the_same_filters(real_server) -> None:
    status, headers, body = call(real_server.url + "/validate.csv?severity=Violation", "GET")
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="vnge-validation-violation.csv"'
    rows = _csv_rows(body)
    expected = _json(real_server, "&severity=Violation")["findings"]
    assert len(rows) == len(expected) and {r["severity"] for r in rows} == {"Violation"}
    assert {r["focus"] for r in rows} == {f["focus"] for f in expected}
    assert rows[0]["plan_label"] and rows[0]["check"] and rows[0]["message_vi"]
    same = call(real_server.url + "/validate?format=csv&severity=Violation", "GET")
    assert same[0] == 200 and same[2] == body
    everything = _csv_rows(call(real_server.url + "/validate.csv", "GET")[2])
    assert len(everything) == sum(_json(real_server)["counts"].values())


@pytest.mark.parametrize("query, what", [
    ("severity=fatal", "severity"), ("plan=not%20an%20iri", "plan"), ("audit=%3Cscript%3E", "audit")])
def test_bad_filters_are_a_clear_400(real_server, query: str, what: str) -> None:
    status, _, body = call(real_server.url + "/validate?" + query, "GET")
    assert status == 400 and json.loads(body)["error"].startswith(what)
    status, headers, body = call(real_server.url + "/validate.csv?" + query, "GET", HTML)
    assert status == 400 and headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in body.decode() and "Traceback" not in body.decode()


def test_the_text_report_says_its_charset_once(real_server) -> None:
    _, headers, _ = call(real_server.url + "/validate?format=text", "GET")
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_safe_cell() -> None:
    for cell in ("=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(cell) == "'" + cell
    assert safe_cell("Kế hoạch") == "Kế hoạch" and safe_cell(None) == ""


def test_a_finding_that_looks_like_a_formula_stays_text_in_the_csv(built_store, tmp_path) -> None:
    """A message or quote starting with "=" (a plan's text can hold anything) is exported with a
    leading apostrophe: a spreadsheet shows it, never runs it."""
    from service.app import create_app

    store = tmp_path / "store"
    shutil.copytree(built_store[0], store)
    app = create_app({"VNGE_STORE": str(store), "VNGE_WARMUP": False, "VNGE_UPDATE_TOKEN": "t"})
    try:
        client = app.test_client()
        audit = "https://w3id.org/vnge/graph/audit"
        update = (f"PREFIX sh: <http://www.w3.org/ns/shacl#> INSERT DATA {{ GRAPH <{audit}> {{ "
                  f"<urn:x:result> a sh:ValidationResult ; sh:resultSeverity sh:Violation ; "
                  f"sh:focusNode <urn:x:focus> ; sh:sourceShape <urn:x:shape> ; "
                  f'sh:resultMessage """=HYPERLINK("http://evil.example","x")"""@en, "-1+2"@vi }} }}')
        assert client.post("/update", data=update, content_type="application/sparql-update",
                           headers={"Authorization": "Bearer t"}).status_code == 200
        rows = _csv_rows(client.get("/validate.csv?severity=Violation").data)
        lone = [r for r in rows if r["focus"] == "urn:x:focus"]
        assert lone and lone[0]["message_en"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
        assert lone[0]["message_vi"] == "'-1+2"
        assert not [c for r in rows for c in r.values() if c and c[0] in "=+-@"]
    finally:
        app.extensions["vnge"].pool.close()
