"""The official unit lists of ../shared/reference-data/admin-units imported whole (issue 14, items 1
and 2): counts, spot checks of the 2025 changes, and every plan of data/plans and of
../shared/real-plans resolved to its coded unit. The lists and the real plans are read in place, never
copied into the repository; the tests skip when they are absent and fail under CI=true."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import PROV, SKOS

from kg.extract import extract_file
from kg.pipeline.build import build
from kg.pipeline.units import ImportedUnits, index_from_ntriples, read_units
from kg.rdf.namespaces import VNP, concept, graph_iri, mint_iri
from kg.rdf.unit_index import UnitIndex
from kg.rdf.unit_resolution import resolve_unit
from tests.conftest import ROOT

LISTS = ROOT.parent / "shared" / "reference-data" / "admin-units"
REAL = ROOT.parent / "shared" / "real-plans"
GSO = str(mint_iri("unit", "gso")) + "/"


def _need(path: Path, what: str) -> None:
    if not path.is_dir():
        message = f"{what} are not at {path} (../shared beside the repository)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def imported() -> ImportedUnits:
    _need(LISTS, "the official unit lists")
    started = time.perf_counter()
    result = read_units([LISTS])
    assert time.perf_counter() - started < 30  # about 2 s on 2 shared cores
    return result


@pytest.fixture(scope="module")
def graph(imported: ImportedUnits) -> ox.Store:
    store = ox.Store()  # in memory: an rdflib Graph of 257,000 triples takes 15 s to parse
    store.load(imported.ntriples, format=ox.RdfFormat.N_TRIPLES)
    return store


def objects(store: ox.Store, subject: object, predicate: object) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(str(subject)),
                                                            ox.NamedNode(str(predicate)), None)}


def has(store: ox.Store, s: object, p: object, o: object) -> bool:
    return bool(store.query(f"ASK {{ <{s}> <{p}> <{o}> }}"))


@pytest.fixture(scope="module")
def index(imported: ImportedUnits) -> UnitIndex:
    return index_from_ntriples(imported.ntriples)


def test_the_whole_lists_are_imported(imported: ImportedUnits) -> None:
    n = imported.lists.count
    assert (n("2025-03", "province"), n("2025-03", "district"), n("2025-03", "commune")) == (63, 696, 10035)
    assert (n("2025-07", "province"), n("2025-07", "commune")) == (34, 3321)
    # every new province; every new commune but Ba Chẽ's rows; every old district (abolished)
    assert imported.lists.events() == 34 + 3315 + 696
    assert any("06970" in w for w in imported.lists.warnings)  # the NSO code of Ba Chẽ, not in the list


def test_binh_lu_formed_in_2025_from_three_communes(graph: ox.Store) -> None:
    event = mint_iri("change", "2025-07-01-commune-03390")
    olds = {u[len(GSO):] for u in objects(graph, event, VNP.originalUnit)}
    assert olds == {"2025-03/03390", "2025-03/03412", "2025-03/03413"}
    assert has(graph, event, PROV.used, mint_iri("doc", "vn", "2025", "1670/NQ-UBTVQH15"))


def test_bac_kan_merged_into_thai_nguyen_under_resolution_202(graph: ox.Store) -> None:
    event = mint_iri("change", "2025-07-01-province-19")
    assert has(graph, event, VNP.changeKind, concept("unitchange", "merged-fully"))
    assert {u[len(GSO):] for u in objects(graph, event, VNP.wholeOriginalUnit)} == {"2025-03/06", "2025-03/19"}
    assert has(graph, event, PROV.used, mint_iri("doc", "vn", "2025", "202/2025/QH15"))
    rows = graph.query(f"SELECT ?n WHERE {{ ?c <{VNP.parentUnit}> <{mint_iri('unit', 'gso/2025-03/303')}> ; "
                       f"<{VNP.succeededBy}> ?n }}")
    hong_bang = {r["n"].value[len(GSO):] for r in rows}
    assert {"2025-07/11311", "2025-07/11602", "2025-07/11581", "2025-07/11593"} <= hong_bang


def test_hong_bang_district_passes_its_functions_to_four_wards_and_the_city(graph: ox.Store) -> None:
    """Issue 18, item 4: quận Hồng Bàng's successor is not all of the new Hải Phòng: its area is
    administered by the four wards that took its communes, and the city took what moved up."""
    event = mint_iri("change", "2025-07-01-district-303")
    assert has(graph, event, VNP.changeKind, concept("unitchange", "abolition"))
    rows = graph.query(f"SELECT ?s ?f WHERE {{ <{event}> <{VNP.hasSuccession}> ?n . ?n <{VNP.successor}> ?s ; "
                       f"<{VNP.successionFunction}> ?f ; <{VNP.predecessor}> <{mint_iri('unit', 'gso/2025-03/303')}> }}")
    took = {(r["s"].value[len(GSO):], r["f"].value.rsplit("function-", 1)[1]) for r in rows}
    assert took == {("2025-07/11311", "area-administration"), ("2025-07/11602", "area-administration"),
                    ("2025-07/11581", "area-administration"), ("2025-07/11593", "area-administration"),
                    ("2025-07/31", "provincial-authority")}
    assert has(graph, event, PROV.used, mint_iri("doc", "vn", "2025", "72/2025/QH15"))


def test_every_unit_has_a_state_and_carried_units_have_two(graph: ox.Store) -> None:
    count = f"SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?u <{VNP.hasState}> ?s . {{}} }}"
    assert int(next(iter(graph.query(count)))["n"].value) == 63 + 696 + 10035 + 34 + 3321
    two = (f"SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?u <{VNP.hasState}> ?a, ?b . FILTER(?a != ?b) }}")
    carried = int(next(iter(graph.query(two)))["n"].value)
    assert carried >= 2 * 100  # the unchanged provinces and the communes carried on, both entries each


def test_labels_are_nfc_with_codes_as_typed_text(graph: ox.Store) -> None:
    labels = [q.object.value for q in graph.quads_for_pattern(None, ox.NamedNode(str(SKOS.prefLabel)), None)]
    assert len(labels) > 28000 and all(unicodedata.is_normalized("NFC", label) for label in labels)
    code = graph.query(f"SELECT ?c WHERE {{ <{mint_iri('unit', 'gso/2025-03/06')}> <{SKOS.notation}> ?c }}")
    assert [(r["c"].value, r["c"].datatype.value) for r in code] == [("06", str(VNP.GSOCode))]


SEEDS = {  # data/plans file → (edition, code)
    "bac-kan_tp-bac-kan_2022-03_unnumbered.txt": "2025-03/058",
    "hai-phong_hong-bang_2022-12-16_258-kh-ubnd.ocr.txt": "2025-03/303",
    "hue_2026_unnumbered.txt": "2025-07/46",
    "lai-chau_binh-lu_2026-04_unnumbered.txt": "2025-07/03390",
    "quang-ninh_2021-11-24_unnumbered.txt": "2025-03/22",
}
REAL_PLANS = {  # ../shared/real-plans: all provincial, all after 1 July 2025 → the province's new code
    "01": "79", "02": "92", "03": "92", "04": "75", "05": "42", "06": "24", "07": "14", "08": "38",
    "09": "82", "10": "12", "11": "51", "12": "01", "13": "66",
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_seed_plan_resolves_to_its_coded_unit(index: UnitIndex, name: str) -> None:
    path = ROOT / "data" / "plans" / name
    result = resolve_unit(extract_file(path).document, path.read_text("utf-8"), index)
    assert (result.unit, result.note) == (GSO + SEEDS[name], "")


@pytest.mark.parametrize("number", sorted(REAL_PLANS))
def test_every_real_plan_resolves_to_its_province_after_the_reform(index: UnitIndex, number: str) -> None:
    _need(REAL, "the real plans")
    path = next(REAL.glob(f"{number}-*.txt"))
    result = resolve_unit(extract_file(path).document, path.read_text("utf-8"), index)
    assert (result.unit, result.note) == (GSO + "2025-07/" + REAL_PLANS[number], "")


@pytest.mark.slow
def test_a_build_with_the_lists_resolves_every_plan_and_later_builds_keep_them(tmp_path: Path,
                                                                              monkeypatch) -> None:
    _need(LISTS, "the official unit lists")
    monkeypatch.setenv("VNGE_UNITS", str(LISTS))
    store = tmp_path / "store"
    report = build(ROOT / "data", str(store))
    assert report.unit_triples > 250000 and not report.failed
    monkeypatch.delenv("VNGE_UNITS")
    again = build(ROOT / "data", str(store))
    assert again.unit_triples == report.unit_triples and "imported into" in again.units_from
    s = ox.Store.read_only(str(store))
    rows = s.query("SELECT ?u WHERE { GRAPH ?g { ?p <http://www.w3.org/ns/prov#wasDerivedFrom> ?f ; "
                   f"<{VNP.resolvedUnit}> ?u }} GRAPH <{graph_iri('units')}> {{ ?u ?x ?y }} }}")
    assert sorted({r["u"].value[len(GSO):] for r in rows}) == sorted(SEEDS.values())
