"""The coverage page /coverage (issue 14, item 6) over a build of data/ (curated units) and, in a slow
test, over a build with the official unit lists of ../shared/reference-data/admin-units."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.pipeline.build import build
from service.app import create_app
from tests.conftest import ROOT

LISTS = ROOT.parent / "shared" / "reference-data" / "admin-units"


@pytest.fixture(scope="module")
def client(built_store) -> Iterator[Any]:
    path, _ = built_store
    app = create_app({"VNGE_STORE": str(path), "VNGE_QUERY_TIMEOUT": 20})
    yield app.test_client()
    app.extensions["vnge"].pool.close()


def test_units_with_and_without_a_plan_and_plans_known_by_citation(client) -> None:
    page = client.get("/coverage").get_data(as_text=True)
    covered = page[page.index('<ul class="covered">'):]
    assert "quận Hồng Bàng</a> (303)" in covered and "xã Bình Lư</a> (03390)" in covered
    assert re.search(r"<li><a [^>]+>tỉnh Hải Dương</a> \(30\)</li>", page)  # no plan in the corpus
    cited = page[page.index('id="cited-only"'):]
    cited = cited[:cited.index("</ul>")]
    assert cited.count("<li>") == 4 and 'href="/eli/vn/hai-phong/2022/59-kh-ubnd"' in cited
    assert '<ul id="unresolved"><li>none</li>' in page.replace("\n", "")


def test_a_unit_whose_plan_is_known_only_by_citation_is_not_listed_as_without_a_plan(client) -> None:
    """Bắc Kạn's provincial plan 112/KH-UBND is not in the corpus, but TP Bắc Kạn's plan cites it
    (its issuer, UBND tỉnh Bắc Kạn, gives its unit): the province is under "known only by citation",
    not under "without a plan"."""
    page = client.get("/coverage").get_data(as_text=True)
    known = re.findall(r'<ul class="cited">(.*?)</ul>', page, re.S)
    none = " ".join(re.findall(r'<ul class="none">(.*?)</ul>', page, re.S))
    assert any(">tỉnh Bắc Kạn</a> (06)" in k and "/eli/vn/bac-kan/2022/112-kh-ubnd" in k for k in known)
    assert ">tỉnh Bắc Kạn</a>" not in none and ">tỉnh Hải Dương</a>" in none


def test_the_period_narrows_the_plans(client) -> None:
    page = client.get("/coverage", query_string={"fromYear": "2026", "toYear": "2030"}).get_data(as_text=True)
    covered = {m for m in re.findall(r'<ul class="covered">(.*?)</ul>', page, re.S)}
    text = " ".join(covered)
    assert "xã Bình Lư" in text and "thành phố Huế" in text and "Hồng Bàng" not in text


def test_a_bad_year_is_a_400_saying_what_is_expected(client) -> None:
    response = client.get("/coverage", query_string={"fromYear": "hai nghìn"})
    assert response.status_code == 400
    assert "must be an integer" in response.get_data(as_text=True)


@pytest.mark.slow
def test_coverage_with_the_official_lists(tmp_path: Path, monkeypatch) -> None:
    if not LISTS.is_dir():
        message = f"the official unit lists are not at {LISTS}"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(message)
        pytest.skip(message)
    monkeypatch.setenv("VNGE_UNITS", str(LISTS))
    build(ROOT / "data", str(tmp_path / "store"))
    app = create_app({"VNGE_STORE": str(tmp_path / "store"), "VNGE_QUERY_TIMEOUT": 60})
    try:
        page = app.test_client().get("/coverage").get_data(as_text=True)
    finally:
        app.extensions["vnge"].pool.close()
    rows = re.findall(r'<tr class="level-(\w+)"><td>\w+</td><td>([\d-]+)</td>\s*<td class="covered">(\d+)</td>'
                      r'<td class="cited">(\d+)</td><td class="none">(\d+)</td>', page)
    # the parents known only by citation are placed on the curated units (their issuers'), not on
    # the coded units of the lists: none of the lists' units counts as "known only by citation"
    assert set(rows) == {("province", "2025-03", "1", "0", "62"), ("province", "2025-07", "1", "0", "33"),
                         ("district", "2025-03", "2", "0", "694"), ("commune", "2025-03", "0", "0", "10035"),
                         ("commune", "2025-07", "1", "0", "3320")}
    assert "Xã Bình Lư</a> (03390)" in page
