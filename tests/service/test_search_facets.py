"""Search for researchers (issue 17, item 5): document numbers in any spelling, facets by kind, level
and province counted over every match, the owning plan of tasks and targets, the unit and province
of agencies; bad facet values are a clear 400. On the service fixture (with the real reference data)."""

from __future__ import annotations

import pytest

from kg.rdf.namespaces import fold
from service.pages.docnumbers import matches, number_key, parse_query
from tests.servers import BASE, HB_PLAN, HB_TARGET

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
DECREE_55 = BASE + "eli/vn/2009/55-2009-nd-cp"
QUANG_NINH = BASE + "id/dvhc/quang-ninh"


def search(client, **params: str) -> dict:
    response = client.get("/search", query_string=params, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.data
    return response.get_json()


@pytest.mark.parametrize("text", ["nghi dinh 55", "55/2009", "NĐ 55", "55/2009/NĐ-CP", "Nghị định số 55/2009/NĐ-CP",
                                  "nd 55/2009"])
def test_a_document_number_in_any_spelling(client, text: str) -> None:
    assert search(client, q=text)["results"][0]["iri"] == DECREE_55


@pytest.mark.parametrize("text", ["quyet dinh 55", "55/2010", "56/2009"])
def test_a_number_of_another_type_or_year_is_not_that_document(client, text: str) -> None:
    assert DECREE_55 not in [h["iri"] for h in search(client, q=text)["results"]]


def test_number_parts() -> None:
    key = number_key(fold("55/2009/NĐ-CP"))
    assert key is not None and (key.number, key.year, key.kind) == ("55", "2009", "nd")
    assert number_key(fold("1790/QĐ-TTg"), "2021").year == "2021"
    assert parse_query(fold("binh dang gioi")) is None and parse_query(fold("ke hoach 2022 binh")) is None
    assert matches(parse_query(fold("luat 73/2006")), number_key(fold("73/2006/QH11")))


def test_agencies_of_the_same_name_are_told_apart_by_their_unit(client) -> None:
    hits = [h for h in search(client, q="so lao dong", kind="agency")["results"]
            if h["label"] == "Sở Lao động - Thương binh và Xã hội"]
    assert len(hits) >= 5
    assert len({h["unit_label"] for h in hits}) == len(hits) and all(h["unit_label"] for h in hits)
    quang_ninh = [h for h in hits if h["province"] == QUANG_NINH]
    assert quang_ninh and quang_ninh[0]["unit_label"].casefold() == "tỉnh quảng ninh"
    page = client.get("/search", query_string={"q": "so lao dong"}, headers=HTML).data.decode()
    assert "Quảng Ninh" in page and "Bắc Kạn" in page


def test_tasks_and_targets_show_their_plan(client) -> None:
    found = search(client, q="truyen thong", kind="target")
    assert found["results"] and {h["kind"] for h in found["results"]} == {"target"}
    assert all(h["plan"] and h["plan_label"] for h in found["results"])
    target = next(h for h in found["results"] if h["iri"] == HB_TARGET)
    assert target["plan"] == HB_PLAN and "258/KH-UBND" in target["plan_label"]
    page = client.get("/search", query_string={"q": "truyen thong", "kind": "target"}, headers=HTML).data.decode()
    assert 'class="owner"' in page and "258/KH-UBND" in page


def test_facets_count_every_match_and_filter(client) -> None:
    everything = search(client, q="truyen thong")
    kinds = {f["value"]: f["count"] for f in everything["facets"]["kind"]}
    assert sum(kinds.values()) == everything["total"] and kinds["task"] and kinds["target"]
    assert {f["value"] for f in everything["facets"]["level"]} <= {"national", "province", "district", "commune"}
    provinces = {f["value"]: f for f in everything["facets"]["province"]}
    assert provinces["quang-ninh"]["label"].casefold() == "tỉnh quảng ninh"
    one = search(client, q="truyen thong", province="quang-ninh")
    assert one["total"] == provinces["quang-ninh"]["count"] and one["filters"] == {"province": "quang-ninh"}
    assert {h["province"] for h in one["results"]} == {QUANG_NINH}
    level = search(client, q="truyen thong", level="national", kind="target")
    assert level["results"] and {(h["level"], h["kind"]) for h in level["results"]} == {("national", "target")}


@pytest.mark.parametrize("param, value", [("kind", "zzz"), ("level", "planet"), ("province", "atlantis")])
def test_a_bad_facet_is_a_clear_400(client, param: str, value: str) -> None:
    response = client.get("/search", query_string={"q": "x", param: value}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"].startswith(f"{param}={value!r}")
    page = client.get("/search", query_string={"q": "x", param: value}, headers=HTML)
    assert page.status_code == 400 and 'id="error-message"' in page.data.decode()
