"""Web UI (issue 5, row 6): editor with vendored YASGUI and canned examples, accent-insensitive
search, the plan hierarchy; /health; no external CDN."""

from __future__ import annotations

import re

import pytest

from service.pages.canned import load_queries
from tests.servers import BASE, DECISION_1790, HB_PLAN, QN_PLAN

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
LAI_CHAU_PLAN = BASE + "eli/vn/lai-chau/2022/kh-0c0d0e0f"
BINH_LU_PLAN = BASE + "eli/vn/lai-chau/binh-lu/2026/kh-5e6f7a8b"


def search(client, text: str) -> list[str]:
    response = client.get("/search", query_string={"q": text}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    return [hit["iri"] for hit in response.json["results"]]


@pytest.mark.parametrize("text", ["binh dang gioi", "BÌNH ĐẲNG GIỚI", "Bình đẳng giới", "bInH dAnG"])
def test_search_ignores_case_and_diacritics(client, text: str) -> None:
    hits = search(client, text)
    assert QN_PLAN in hits and HB_PLAN in hits


def test_search_finds_d_with_stroke_and_ranks_short_labels_first(client) -> None:
    assert BASE + "id/dvhc/hai-phong/hong-bang" in search(client, "quan hong bang")
    assert DECISION_1790 in search(client, "quyet dinh 1790")
    assert search(client, "zzzz-no-such-label") == []


def test_search_is_safe_with_quotes(client) -> None:
    assert client.get("/search", query_string={"q": 'a" } DROP ALL {'},
                      headers={"Accept": "application/json"}).status_code == 200


def test_search_page_html(client) -> None:
    page = client.get("/search", query_string={"q": "binh dang gioi"}, headers=HTML).data.decode()
    assert 'id="hits"' in page and "bình đẳng giới" in page


def test_hierarchy_nests_plans_under_what_they_implement(client) -> None:
    page = client.get("/hierarchy", headers=HTML).data.decode()
    page = page[page.index("<h2>List</h2>"):]  # the nested list (the SVG above has the same links)
    links = [m.group(1) for m in re.finditer(r'class="plan-link">([^<]*)<', page)]
    assert links, page
    # Nesting: the <ul> of 1790 contains the Hải Phòng plan, whose <ul> contains Hồng Bàng's plan
    start = page.index('href="/eli/vn/2021/1790-qd-ttg"')
    hai_phong = page.index('href="/eli/vn/hai-phong/2022/kh-a1b2c3d4"')
    hong_bang = page.index('href="/eli/vn/hai-phong/hong-bang/2022/258-kh-ubnd"')
    assert start < hai_phong < hong_bang
    between = page[hai_phong:hong_bang]
    assert between.count("<ul") == 1 and "</ul>" not in between  # one level deeper, not a sibling
    assert 'class="level-commune' in page and 'class="level-district' in page


def test_hierarchy_tree_structure(app) -> None:
    from service.pages.views import hierarchy_tree

    with app.app_context():
        roots = hierarchy_tree()
    by_iri = {}

    def walk(nodes, parent=None):
        for n in nodes:
            by_iri[n.iri] = (n, parent)
            walk(n.children, n.iri)

    walk(roots)
    assert by_iri[HB_PLAN][1] == BASE + "eli/vn/hai-phong/2022/kh-a1b2c3d4"
    assert by_iri[BINH_LU_PLAN][1] == LAI_CHAU_PLAN and by_iri[BINH_LU_PLAN][0].level == "commune"
    assert by_iri[LAI_CHAU_PLAN][1] == DECISION_1790
    assert by_iri[DECISION_1790][0].level == "national"


def test_editor_has_vendored_yasgui_and_canned_examples(client) -> None:
    page = client.get("/editor", headers=HTML).data.decode()
    assert "/static/vendor/yasgui/yasgui.min.js" in page and 'id="yasgui"' in page
    assert page.count('class="example"') == len(load_queries())
    assert client.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200


@pytest.mark.parametrize("path", ["/", "/editor", "/queries", "/hierarchy", "/search?q=x",
                                  "/queries/plans-citing-repealed"])
def test_pages_load_nothing_from_other_hosts(client, path: str) -> None:
    page = client.get(path, headers=HTML).data.decode()
    assert client.get(path, headers=HTML).status_code == 200
    external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', page)
    assert external == []


def test_home_lists_queries_and_hierarchy(client) -> None:
    page = client.get("/", headers=HTML).data.decode()
    assert "/queries/implementation-chain?plan=" in page and 'class="tree root"' in page


def test_health(client) -> None:
    data = client.get("/health").json
    assert data["ok"] is True and data["has_data"] is True and data["query_ms"] < 5000
