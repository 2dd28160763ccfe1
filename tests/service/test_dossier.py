"""The research pages of issue 17 item 1 on the build of data/ (conftest's ``built_store``), in
process: the plan dossier (chain, cited documents with their status, targets beside the parent's
and Decision 1790's, activities, responsibility matrix, evidence anchors), the legal document,
agency and unit pages. Expected content is read from the store where it can be, so that the page is
checked against the graph, not against a copy of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import lxml.html
import pyoxigraph as ox
import pytest

from service.app import create_app
from tests.conftest import select
from tests.service.test_page_speed import counted

BASE = "https://w3id.org/vnge/"
HP = BASE + "eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"
QN = BASE + "eli/vn/quang-ninh/2021/kh-b4506cfc"
BK = BASE + "eli/vn/bac-kan/thanh-pho-bac-kan/2022/kh-59f56af6"
GE_LAW = BASE + "eli/vn/2006/73-2006-qh11"
DV_LAW_2007 = BASE + "eli/vn/2007/luat-phong-chong-bao-luc-gia-dinh"
PREFIXES = """PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""


@pytest.fixture(scope="module")
def client(built_store) -> Iterator[Any]:
    path, _ = built_store
    app = create_app({"VNGE_STORE": str(path), "VNGE_QUERY_TIMEOUT": 20, "VNGE_WARMUP": False})
    yield app.test_client()
    app.extensions["vnge"].pool.close()


def path_of(iri: str) -> str:
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else "/resource?iri=" + quote(iri, safe="")


def page(client, iri: str, query: str = "") -> Any:
    response = client.get(path_of(iri) + query, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.data[:500]
    return lxml.html.fromstring(response.data.decode())


def has(name: str) -> str:
    """XPath test of a class name."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def test_header_and_chain_up_to_1790(client, store: ox.Store) -> None:
    doc = page(client, HP)
    assert "in the corpus" in text(doc.get_element_by_id("corpus-status"))
    assert "258/KH-UBND" in text(doc.get_element_by_id("plan-number"))
    assert re.search(r"Hải Phòng.*quận Hồng Bàng", text(doc.get_element_by_id("plan-unit")))
    parent = select(store, PREFIXES + f"SELECT ?p WHERE {{ <{HP}> vnp:implements ?p }}")[0]["p"]
    national = select(store, PREFIXES + 'SELECT ?d WHERE { ?d eli:number "1790/QĐ-TTg" }')[0]["d"]
    chain = doc.get_element_by_id("chain-up")
    links = [a.get("href") for a in chain.xpath(f".//li//a[{has('iri')}]")]
    assert links[:2] == [path_of(parent), path_of(national)]  # the parent, then Decision 1790 above it
    assert "cited only" in text(chain.xpath(".//li")[1])  # the parent is known only by citation


def test_a_repealed_document_with_its_successor(client, store: ox.Store) -> None:
    doc = page(client, QN)
    successor = select(store, PREFIXES + f"SELECT ?s WHERE {{ <{DV_LAW_2007}> vnp:replacedBy ?s }}")[0]["s"]
    rows = [r for r in doc.xpath(f"//table[@id='legal-table']//tr[{has('cited-doc')}]")
            if r.xpath(f"./td//a[{has('iri')}]")[0].get("href") == path_of(DV_LAW_2007)]
    assert len(rows) == 1
    cells = rows[0].xpath("./td")
    assert cells[2].xpath(f".//*[{has('in-force')}]")  # in force on the plan's date (24/11/2021) ...
    assert cells[3].xpath(f".//*[{has('ended')}]") and "01/07/2023" in text(cells[3])  # ... repealed since
    assert path_of(successor) in [a.get("href") for a in cells[3].xpath(f".//*[{has('successor')}]//a")]
    kinds = [text(th) for th in doc.xpath(f"//table[@id='legal-table']//tr[{has('group')}]/th")]
    assert any(k.startswith("Luật") for k in kinds) and any(k.startswith("Nghị định") for k in kinds)


def test_weaker_targets_are_the_audit_findings(client, store: ox.Store) -> None:
    flagged = {r["f"] for r in select(store, PREFIXES + f"""SELECT ?f WHERE {{ ?r vnp:auditedPlan <{BK}> ;
        sh:focusNode ?f ; sh:sourceShape <https://w3id.org/vnge/shapes#audit-weaker-target> }}""")}
    assert flagged
    doc = page(client, BK)
    marked = {row.get("id") for row in doc.xpath("//table[@id='targets-table']/tbody/tr")
              if row.xpath(".//*[@data-mark='weaker']")}
    assert marked == {"-".join(f.rsplit("/", 2)[-2:]) for f in flagged}
    assert doc.xpath("//table[@id='targets-table']//*[@data-mark='stronger']")  # a range above 1790's (15–20% vs 10–15%)
    qn = page(client, QN)  # "Mỗi thôn, bản, khu phố … 01 cuộc" is per village: not beside 1790's per agency
    assert not qn.xpath("//table[@id='targets-table']//*[@data-mark='weaker']")
    village = [row for row in qn.xpath("//table[@id='targets-table']/tbody/tr")
               if "Mỗi thôn, bản, khu phố" in "".join(row.xpath("./td[1]//text()"))]
    assert len(village) == 1 and not village[0].xpath(".//*[@data-mark]")


def test_every_comparison_mark_says_its_figures(client) -> None:
    """An equal verdict has no vnp:verdictReason in graph/comparison (it would repeat the two targets'
    figures): the dossier shows the figures from the targets, as the stored reasons of the others do."""
    marks = [m for plan in (HP, BK) for m in page(client, plan).xpath("//table[@id='targets-table']//*[@data-mark]")]
    assert {m.get("data-mark") for m in marks} >= {"equal", "stronger", "weaker"}
    for m in marks:
        assert re.fullmatch(r"[\d.–]+ against [\d.–]+", m.get("title") or ""), (m.get("data-mark"), m.get("title"))
        if m.get("data-mark") == "equal":
            mine, theirs = m.get("title").split(" against ")
            assert mine.split("–")[0] == theirs.split("–")[0]


def test_responsibility_matrix_has_every_assignment(client, store: ox.Store) -> None:
    rows = select(store, PREFIXES + f"""SELECT ?task ?agent ?role WHERE {{ <{HP}> vnp:hasTask ?task .
        VALUES (?shortcut ?role) {{ (vnp:leadAgency "lead") (vnp:partnerAgency "partner") }}
        ?task ?shortcut ?agent }}""")
    assert len(rows) > 30
    doc = page(client, HP)
    cells = {(td.get("data-agent"), td.get("data-task")): td.get("class").split()
             for td in doc.xpath(f"//table[@id='matrix-table']//td[{has('cell')}]")}
    for row in rows:
        role = row["role"].rsplit("-", 1)[-1]
        assert role in cells[(row["agent"], row["task"])], row
    lead = next(r for r in rows if r["role"].endswith("lead"))
    cell = doc.xpath(f"//table[@id='matrix-table']//td[@data-agent='{lead['agent']}'][@data-task='{lead['task']}']")[0]
    assert cell.text_content().strip() == "C"


def test_each_fact_links_to_its_highlighted_sentence(client, store: ox.Store) -> None:
    quotes = {"-".join(r["span"].rsplit("#char=", 1)[1].split(",")): " ".join(r["exact"].split())
              for r in select(store, PREFIXES + f"""
        SELECT DISTINCT ?span ?exact WHERE {{ GRAPH ?g {{ <{HP}> prov:wasDerivedFrom ?src . ?x vnp:evidence ?span .
        ?span oa:exact ?exact }} }}""")}
    doc = page(client, HP)
    links = doc.xpath(f"//table[@id='activities-table' or @id='targets-table' or @id='reporting-table']//a[{has('src')}]")
    assert len(links) >= 21 + 7
    for link in links:
        anchor = link.get("href")[1:]
        mark = doc.get_element_by_id(anchor)
        assert mark.tag == "mark" and mark.xpath("ancestor::*[@id='source-text']"), anchor
        assert text(mark) == quotes[anchor[len("ev-"):]], anchor


def test_activities_sort_by_lead(client) -> None:
    by_number = page(client, HP)
    by_lead = page(client, HP, "?sort=lead")
    ids = [tr.get("id") for tr in by_number.xpath("//table[@id='activities-table']/tbody/tr")]
    rows = by_lead.xpath("//table[@id='activities-table']/tbody/tr")
    assert sorted(ids) == sorted(tr.get("id") for tr in rows) and ids != [tr.get("id") for tr in rows]
    firsts = [text(tr.xpath(f"./td[{has('leads')}]//a")[0]).casefold() for tr in rows if tr.xpath(f"./td[{has('leads')}]//a")]
    assert firsts == sorted(firsts)
    assert by_lead.xpath(f"//th[{has('sorted')}]/a[@id='sort-lead']")


def test_document_page_cites_plans_with_articles_and_status(client) -> None:
    doc = page(client, GE_LAW)
    assert doc.xpath(f"//*[@id='doc-status']//*[{has('in-force')}]")
    rows = [r for r in doc.xpath(f"//table[@id='citing-table']//tr[{has('citing-plan')}]")
            if r.xpath(f".//a[{has('citing-link')}]")[0].get("href") == path_of(QN)]
    assert len(rows) == 1
    assert "khoản 4 Điều 11" in text(rows[0])  # the article cited
    assert all(a.get("href").startswith(path_of(QN) + "#ev-") for a in rows[0].xpath(f".//a[{has('src')}]"))
    assert "2021" in text(doc.get_element_by_id("counts-table"))
    repealed = page(client, DV_LAW_2007)
    assert "01/07/2023" in text(repealed.get_element_by_id("doc-status"))
    assert repealed.xpath("//*[@id='doc-successor']//a")


def test_agency_and_unit_pages(client, store: ox.Store) -> None:
    change = select(store, PREFIXES + """PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?a ?b WHERE { ?c org:originalOrganization ?a ; org:resultingOrganization ?b ;
        vnp:effectiveDate "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date> }""")[0]
    agency = page(client, change["a"])
    moves = agency.get_element_by_id("changes-list")
    assert path_of(change["b"]) in [a.get("href") for a in moves.xpath(".//a")] and "01/01/2025" in text(moves)
    lead = select(store, PREFIXES + f"SELECT ?agent ?task WHERE {{ <{HP}> vnp:hasTask ?task . "
                  "?task vnp:leadAgency ?agent FILTER(CONTAINS(STR(?agent), '/id/org/')) } LIMIT 1")[0]
    leads = page(client, lead["agent"])
    assert path_of(HP) + "#task-" + lead["task"].rsplit("/", 1)[-1] in [a.get("href") for a in leads.xpath(
        f"//table[@id='roles-table']//a[{has('part')}]")]
    unit = select(store, PREFIXES + f"SELECT ?u ?up WHERE {{ <{HP}> vnp:jurisdiction ?u . ?u vnp:parentUnit ?up }}")[0]
    unit_page = page(client, unit["u"])
    assert path_of(HP) in [a.get("href") for a in unit_page.xpath("//*[@id='unit-plans']//a")]
    assert path_of(unit["up"]) in [a.get("href") for a in unit_page.xpath("//*[@id='unit-parent']//a")]


def test_all_facts_stay_one_click_away(client) -> None:
    doc = page(client, HP, "?view=facts")
    assert doc.get_element_by_id("facts") is not None


def test_plan_and_document_dossiers_link_their_citation_network(client) -> None:
    """The generic page had a link to /network; the dossiers that replace it keep one."""
    for iri in (HP, GE_LAW):
        links = page(client, iri).xpath("//a[@id='network-link']/@href")
        assert len(links) == 1 and links[0].startswith("/network?iri="), (iri, links)
        assert client.get(links[0]).status_code == 200


def test_a_dossier_takes_few_queries(client) -> None:
    calls, stop = counted(client.application)
    try:
        page(client, QN)
    finally:
        stop()
    assert 0 < len(calls) <= 14, len(calls)


def test_a_date_known_to_the_month_is_shown_to_the_month(client, store: ox.Store) -> None:
    row = select(store, PREFIXES + f"""SELECT ?y ?m WHERE {{ <{BK}> vnp:issuedYear ?y ; vnp:issuedMonth ?m
        FILTER NOT EXISTS {{ <{BK}> eli:date_document ?d }} }}""")[0]
    header = text(page(client, BK).get_element_by_id("header"))
    assert f"{int(row['m']):02d}/{row['y']}" in header and f"01/{int(row['m']):02d}/{row['y']}" not in header


def test_every_finding_link_goes_to_a_row_of_the_page(client) -> None:
    for plan in (HP, QN, BK):
        doc = page(client, plan)
        targets = [a.get("href")[1:] for a in doc.xpath(f"//*[@id='findings']//a[{has('focus-link')}]")]
        assert targets, plan
        for target in targets:
            assert doc.get_element_by_id(target) is not None, (plan, target)


def test_a_lead_stated_once_shows_in_activities_and_matrix() -> None:
    """A task whose lead and partner are only the shortcuts (kg.rdf.facts writes no vnp:Assignment when
    the agency was read from the task's own span) has them in its activity row and the matrix."""
    from service.pages.dossier import parts
    from service.pages.dossier.common import Index

    plan, task = BASE + "eli/vn/x/2026/kh-1", BASE + "eli/vn/x/2026/kh-1/task/1"
    lead, partner = BASE + "id/org/x/phong-a", BASE + "id/org/x/phong-b"
    index = Index()
    for s_, p_, o in ((plan, "hasTask", task), (task, "leadAgency", lead), (task, "partnerAgency", partner)):
        index.facts[s_]["https://w3id.org/vnge/ontology#" + p_].append(("uri", o))
    rows = parts.activities(index, plan)
    assert [(r["leads"], r["partners"]) for r in rows] == [([lead], [partner])]
    assert parts.matrix(index, plan, rows)["cells"] == {(lead, task): ["lead"], (partner, task): ["partner"]}
