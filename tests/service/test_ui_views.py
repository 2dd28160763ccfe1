"""Issue 17, items 2-4: readable generic entity pages, the citation network and bar charts, and the
canned queries' pickers, forms and tables (sorted, paginated, faceted)."""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from urllib.parse import quote

import pytest

from service.pages import network as network_page
from service.pages.charts import MAX_BARS, bar_chart
from service.pages.present import literal_text
from service.pages.table import table_view
from service.pages.vocab import LABELS, PREFIXES, VNP, group_of
from tests.conftest import select
from tests.servers import BASE, DECISION_1790, HB_PLAN, HB_TARGET, QN_PLAN

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def page(client, path: str, status: int = 200, **args: str) -> str:
    response = client.get(path, query_string=args, headers=HTML)
    assert response.status_code == status, response.data[:2000]
    return response.data.decode()


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


# --------------------------------------------------------------------------- item 2: generic pages


def test_plan_page_reads_as_labels_and_values(client) -> None:
    html = page(client, "/" + HB_PLAN[len(BASE):], view="facts")  # the generic page (the dossier is the default)
    shown = text_of(html)
    # ELI properties named in Vietnamese and English (the vocabulary's own label), not as IRIs
    assert "ngày ban hành date of document" in shown and "số hiệu number" in shown
    assert ">http://data.europa.eu/eli/ontology#" not in html
    # values as values: a date as a reader writes it, no datatype IRI anywhere on the page
    assert "16/12/2022" in shown and "2022-12-16" not in shown
    assert XSD not in html and "^^" not in html
    # the language as a small tag, types and the named graph as tags
    assert '<span class="lang">vi</span>' in html
    assert re.search(r'class="tag type-tag"[^>]*>Kế hoạch · Plan<', html)
    assert re.search(r'class="tag graph-tag"[^>]*>plan 258-kh-ubnd<', html)
    assert "rdf-syntax-ns#type" not in text_of(html.split('id="facts"', 1)[1])  # types are tags, not rows


def test_facts_are_grouped(client) -> None:
    html = page(client, "/" + HB_PLAN[len(BASE):], view="facts")
    sections = re.findall(r'<section class="fact-group" id="group-(\w+)">(.*?)</section>', html, re.S)
    groups = {name: text_of(body) for name, body in sections}
    assert list(groups)[:2] == ["identity", "legal"]
    assert "258/KH-UBND" in groups["identity"] and "16/12/2022" in groups["legal"]
    assert "Luật Bình đẳng giới" in groups["legal"]  # what it cites, by label
    assert "Ít nhất 01 cuộc truyền thông mỗi năm" in groups["other"]  # its target


def test_incoming_links_grouped_by_property(client) -> None:
    html = page(client, "/" + HB_PLAN[len(BASE):], view="facts")
    incoming = text_of(html.split('id="incoming"', 1)[1])
    assert "là bước của kế hoạch" in incoming and "Tổ chức truyền thông trong Tháng hành động" in incoming


def test_unlabelled_iris_are_shortened_and_wrap(client) -> None:
    """An IRI without a label shows its path under the base (the full IRI stays in the link's title)."""
    html = page(client, "/" + HB_PLAN[len(BASE):], view="facts")
    citation = HB_PLAN + "/citation/1"
    assert re.search(rf'title="{re.escape(citation)}">{re.escape(citation[len(BASE):])}</a>', html)
    css = client.get("/static/site.css").data.decode()
    assert "overflow-wrap: anywhere" in css


@pytest.mark.parametrize("term,shown", [
    (("literal", "12", XSD + "integer", None), "12"),
    (("literal", "125000", XSD + "integer", None), "125\u202f000"),
    (("literal", "2.50", XSD + "decimal", None), "2.5"),
    (("literal", "2022-12-16", XSD + "date", None), "16/12/2022"),
    (("literal", "true", XSD + "boolean", None), "có · yes"),
    (("literal", "not a date", XSD + "date", None), "not a date"),
    (("literal", "bình đẳng", None, "vi"), "bình đẳng"),
])
def test_literal_values(term, shown) -> None:
    assert literal_text(term) == shown


def test_vocabulary_labels_are_bilingual_and_nfc() -> None:
    for iri, (vi, en) in LABELS.items():
        assert vi and en, iri
        assert unicodedata.is_normalized("NFC", vi), iri
    assert group_of("http://data.europa.eu/eli/ontology#date_document") == "legal"
    assert group_of("http://www.w3.org/ns/prov#wasDerivedFrom") == "provenance"
    assert group_of("http://www.w3.org/2004/02/skos/core#prefLabel") == "identity"


def test_every_standard_property_of_the_graph_has_a_label(store) -> None:
    """Each property of a standard vocabulary that the build of data/ uses has a Vietnamese and an
    English name, in the table or in the graph (the ontology's own terms carry theirs)."""
    used = {r["p"] for r in select(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    labelled = {(r["p"], r["lang"]) for r in select(store, """SELECT DISTINCT ?p (lang(?l) AS ?lang) WHERE {
        ?s ?p ?o . ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l }""")}
    standard = {p for p in used if p.startswith(tuple(PREFIXES))}
    missing = sorted(p for p in standard if p not in LABELS
                     and not ({(p, "vi"), (p, "en")} <= labelled))
    assert not missing, missing
    assert any(p.startswith(VNP) for p in standard)  # the graph's own terms are among them


# --------------------------------------------------------------------------- item 3: network, charts


def test_network_of_a_plan(client) -> None:
    html = page(client, "/network", iri=HB_PLAN)
    svg = html.split('<svg', 1)[1]
    nodes = dict(re.findall(r'<a class="node[^"]*" href="([^"]+)" data-iri="([^"]+)"', svg))
    assert nodes["/" + HB_PLAN[len(BASE):]] == HB_PLAN
    assert "/" + DECISION_1790[len(BASE):] in nodes  # up the implementation chain to 1790
    assert ">Quyết định 1790/QĐ-TTg<" in svg and ">Kế hoạch 258/KH-UBND<" in svg  # labels, not IRIs
    assert len(re.findall(r'<path class="edge edge-[\w-]+"[^>]*marker-end="url\(#arrow-', svg)) >= 3
    assert re.search(r'<text class="column-title"[^>]*>Trung ương · National<', svg)
    assert re.search(r'<text class="column-title"[^>]*>Huyện · District<', svg)
    legend = text_of(html.split('id="network-legend"', 1)[1].split("</ul>", 1)[0])
    assert "Thực hiện · implements" in legend


def test_network_of_a_document_shows_the_plans_citing_it(client) -> None:
    html = page(client, "/network", iri=DECISION_1790)
    assert f'data-iri="{QN_PLAN}"' in html and 'class="node focus"' in html


def test_network_is_capped_with_a_note(client, monkeypatch) -> None:
    monkeypatch.setattr(network_page, "PER_LEVEL", 1)
    html = page(client, "/network", iri=DECISION_1790)
    more = text_of(html.split('id="network-more"', 1)[1].split("</p>", 1)[0])
    assert re.search(r"\d+ more", more)
    svg = html.split("<svg", 1)[1]
    for level in ("national", "province", "district", "commune"):  # the focus and at most one per level
        assert len(re.findall(r'class="node"', svg)) <= 4, level
    assert re.search(r'<text class="more"[^>]*>… \d+ more', svg)


def test_network_link_and_errors(client) -> None:
    assert 'id="network-link"' in page(client, "/" + HB_PLAN[len(BASE):])
    assert 'id="network-link"' not in page(client, "/" + HB_TARGET[len(BASE):])
    response = client.get("/network", query_string={"iri": HB_TARGET}, headers=JSON)
    assert response.status_code == 404 and "not a plan or a legal document" in response.json["error"]
    assert client.get("/network", headers=JSON).status_code == 400


def test_chart_bars_count_the_result(client) -> None:
    """indicator-summary: one bar per indicator, the plans of all levels added up."""
    rows = client.get("/queries/indicator-summary", query_string={"format": "json"}).json["results"]["bindings"]
    expected: dict[str, int] = {}
    for row in rows:
        expected[row["label"]["value"]] = expected.get(row["label"]["value"], 0) + int(row["plans"]["value"])
    html = page(client, "/queries/indicator-summary")
    bars = {unescape(name): int(n) for name, n in re.findall(r'data-name="([^"]+)" data-count="(\d+)"', html)}
    assert bars == expected and max(bars.values()) > 1
    chosen = page(client, "/queries/indicator-summary", chart="targets")
    assert re.search(r'class="chart-choice selected" data-var="targets"', chosen)


def test_chart_is_bounded() -> None:
    result = {"vars": ["label", "n"], "rows": [[("literal", f"name {i:03}", None, None),
                                                ("literal", str(i), XSD + "integer", None)] for i in range(40)]}
    chart = bar_chart(result, {}, lambda iri: iri)
    assert chart is not None and chart.hidden == 40 - MAX_BARS
    assert chart.svg.count('class="bar"') == MAX_BARS and 'data-count="39"' in chart.svg
    assert bar_chart({"vars": ["label"], "rows": [[("literal", "x", None, None)]]}, {}, str) is None


# --------------------------------------------------------------------------- item 4: canned queries


def test_queries_have_vietnamese_and_english_titles(client) -> None:
    listing = client.get("/queries", headers=JSON).json
    assert listing and all(q["title_vi"] and q["description_vi"] and q["title"] for q in listing)
    html = page(client, "/queries")
    assert "Chuỗi thực hiện của một kế hoạch" in html and "Implementation chain of a plan" in html


def test_missing_parameter_gives_the_form(client) -> None:
    html = page(client, "/queries/implementation-chain")
    assert 'id="params"' in html and 'data-pick="plan"' in html and 'id="form-message"' in html
    assert "Error 400" not in html and 'id="results"' not in html


@pytest.mark.parametrize("value", ["level-district", "district", "https://w3id.org/vnge/concept/level-district"])
def test_level_by_key_or_name(client, value: str) -> None:
    rows = client.get("/queries/indicator-summary", query_string={"level": value, "format": "json"}
                      ).json["results"]["bindings"]
    assert rows and {r["level"]["value"] for r in rows} == {BASE + "concept/level-district"}


def test_wrong_level_is_explained(client) -> None:
    response = client.get("/queries/indicator-summary", query_string={"level": "huyen-xyz"}, headers=JSON)
    assert response.status_code == 400 and "is not a level" in response.json["error"]
    html = page(client, "/queries/indicator-summary", status=400, level="huyen-xyz")
    assert "is not a level" in html and '<select name="level"' in html


def test_plan_by_number_and_candidates(client) -> None:
    html = page(client, "/queries/implementation-chain", plan="258/KH-UBND")
    assert "1790/QĐ-TTg" in text_of(html.split('id="results"', 1)[1])
    assert re.search(r'id="picked-plan">= Kế hoạch 258/KH-UBND', html)
    several = page(client, "/queries/implementation-chain", status=400, plan="ke hoach")
    links = re.findall(r'<ul class="candidates" id="candidates">(.*?)</ul>', several, re.S)[0]
    assert 'href="/queries/implementation-chain?plan=' + quote(HB_PLAN, safe="") in unescape(links) \
        or "plan=" in links
    missing = client.get("/queries/implementation-chain", query_string={"plan": "zzzz qqqq"}, headers=JSON)
    assert missing.status_code == 400 and "names no plan" in missing.json["error"]


@pytest.mark.parametrize("kind,text,expected", [
    ("plan", "hong bang", HB_PLAN), ("plan", "258", HB_PLAN), ("document", "1790", DECISION_1790),
    ("indicator", "truyen thong", BASE + "concept/indicator-ge-law-communication-sessions"),
    ("level", "huyen", BASE + "concept/level-district"),
])
def test_suggestions(client, kind: str, text: str, expected: str) -> None:
    found = client.get("/suggest", query_string={"kind": kind, "q": text}).json["suggestions"]
    assert expected in [s.get("iri", s["value"]) for s in found]
    assert all(s["label"] for s in found)


def test_suggestions_of_an_unknown_kind(client) -> None:
    response = client.get("/suggest", query_string={"kind": "colour", "q": "x"}, headers=JSON)
    assert response.status_code == 400 and "suggestions are for one of" in response.json["error"]


def test_results_sorted_and_faceted(client) -> None:
    html = page(client, "/queries/indicator-summary", sort="plans", desc="1")
    table = html.split('id="results"', 1)[1].split("</table>", 1)[0]
    head = re.findall(r'data-var="(\w+)"', table.split("</thead>", 1)[0])
    column = head.index("plans")
    values = [int(text_of(cells[column])) for cells in
              (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S))
              if cells]
    assert values == sorted(values, reverse=True) and len(values) > 2
    faceted = page(client, "/queries/indicator-summary", **{"f.level": BASE + "concept/level-province"})
    facet = faceted.split('id="facet-level"', 1)[1].split("</ul>", 1)[0]
    assert 'class="facet-selected"' in facet and 'class="facet-clear"' in facet
    rows = re.findall(r"<tr>(.*?)</tr>", faceted.split('id="results"', 1)[1].split("</table>", 1)[0], re.S)
    assert rows[1:] and all("Cấp tỉnh" in row for row in rows[1:])
    response = client.get("/queries/indicator-summary", query_string={"sort": "nope"}, headers=HTML)
    assert response.status_code == 400 and "no such column" in response.data.decode()


def test_table_pages() -> None:
    result = {"vars": ["name", "n"], "rows": [[("literal", f"x{i}", None, None),
                                               ("literal", str(i), XSD + "integer", None)] for i in range(7)]}
    view = table_view(result, {"page": "2", "sort": "n", "desc": "1"}, {}, {"q": "v"}, page_size=3)
    assert view.pages == 3 and [r[1][1] for r in view.rows] == ["3", "2", "1"]
    assert view.page_link(3) == "?q=v&sort=n&desc=1&page=3"
    assert view.sort_link("name") == "?q=v&sort=name"


def test_chart_adds_up_rows_of_one_entity_not_of_one_name() -> None:
    """Two agencies called the same stay two bars; one agency's rows per level are added up."""
    a, b, lv1, lv2 = (("uri", BASE + x) for x in ("id/org/p/so-a", "id/org/q/so-a", "concept/l1", "concept/l2"))
    name = ("literal", "Sở A", None, "vi")

    def count(n: int) -> tuple[str, str, str, None]:
        return ("literal", str(n), XSD + "integer", None)

    result = {"vars": ["agency", "level", "label", "tasks"],
              "rows": [[a, lv1, name, count(3)], [a, lv2, name, count(4)], [b, lv1, name, count(5)]]}
    chart = bar_chart(result, {}, lambda iri: "/x?" + iri)
    assert chart is not None and chart.summed
    assert sorted(re.findall(r'data-count="(\d+)"', chart.svg)) == ["5", "7"]
    assert chart.svg.count('data-name="Sở A"') == 2 and f'href="/x?{a[1]}"' in chart.svg


def test_values_of_another_graph_are_tagged(real_server) -> None:
    """On the build of data/, an article's facts come from graph/reference; the ones inferred (in
    graph/inference: eli:is_part_of) carry a small tag, the others none."""
    from tests.servers import call

    status, _, body = call(real_server.url + "/eli/vn/2009/55-2009-nd-cp/dieu-13", "GET", "text/html")
    html = body.decode()
    assert status == 200
    facts = html.split('id="facts"', 1)[1].split('id="incoming"', 1)[0]
    tags = re.findall(r'<span class="tag graph-tag small"[^>]*>([^<]+)</span>', facts)
    assert tags and set(tags) == {"inference"}
    assert re.search(r'class="tag graph-tag other"[^>]*>inference<', html)


def test_only_declared_counts_are_charted_and_the_parameter_column_is_said_once(client) -> None:
    """implementation-chain has an integer column (distance) but declares no chart; its plan column,
    the parameter's value on every row, is said once above the table instead of on each row."""
    html = page(client, "/queries/implementation-chain", plan=HB_PLAN)
    assert 'id="bar-chart"' not in html
    assert re.search(r'<p class="fixed-column" data-var="plan">.*258/KH-UBND', html)
    head = html.split('id="results"', 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'data-var="(\w+)"', head) == ["doc", "label", "level", "distance"]
    assert 'id="bar-chart"' in page(client, "/queries/lead-agencies-by-activities")


def test_network_reads_a_bounded_number_of_citing_documents(client, monkeypatch) -> None:
    """A document cited by very many: only the first READ citing documents are read; the page says
    how many more cite it."""
    monkeypatch.setattr(network_page, "READ", 1)
    html = page(client, "/network", iri=DECISION_1790)
    note = text_of(html.split('id="network-unread"', 1)[1].split("</p>", 1)[0])
    citing = len(re.findall(r'class="node"', html.split("<svg", 1)[1]))
    assert re.search(r"(\d+) more documents cite it", note) and citing <= 1 + 3  # one citing, the rest cited
