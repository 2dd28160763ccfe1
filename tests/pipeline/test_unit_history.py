"""Issue 18, item 4: the official lists give each unit its states over time (name, type, parent with
their interval), type the 2025 change events from the data (not from names), and qualify succession
by function: an abolished district passes the administration of its area to the new communes that
took its communes, and the functions moved up to the province, with the legal basis."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import PROV, XSD

from kg.pipeline.units import read_units
from kg.rdf.namespaces import VNP, concept, mint_iri
from kg.rdf.unit_model import same_name
from tests.pipeline.test_unit_lists import FILES, unit, write

ROOT = Path(__file__).resolve().parents[2]
# two communes the new list carries on: Bản Bo becomes phường Tân Phong (renamed and retyped),
# Hòa Bình keeps its name (written "Hoà" in the new list: tone placement only)
HISTORY = dict(FILES)
HISTORY["pre-2025/wards.csv"] = FILES["pre-2025/wards.csv"] + (
    "03395,Bản Bo,Ban Bo,Xã Bản Bo,Ban Bo Commune,ban_bo,106,12,10,Xã,Commune\n"
    "03396,Hòa Bình,Hoa Binh,Xã Hòa Bình,Hoa Binh Commune,hoa_binh,106,12,10,Xã,Commune\n")
HISTORY["post-2025/wards.csv"] = FILES["post-2025/wards.csv"] + (
    "03395,Tân Phong,Tan Phong,Phường Tân Phong,Tan Phong Ward,tan_phong,12,3,Phường,Ward\n"
    "03396,Hoà Bình,Hoa Binh,Xã Hoà Bình,Hoa Binh Commune,hoa_binh,12,4,Xã,Commune\n")
HISTORY["mapping-2025/commune_old_to_new.csv"] = FILES["mapping-2025/commune_old_to_new.csv"] + (
    "12,03395,Phường Tân Phong,12,106,Huyện Tam Đường,03395,Xã Bản Bo,renamed_or_retyped,Đổi tên,,,4\n"
    "12,03396,Xã Hoà Bình,12,106,Huyện Tam Đường,03396,Xã Hòa Bình,unchanged,Giữ nguyên,,,5\n")


def graph(folder: Path) -> Graph:
    return Graph().parse(data=read_units([folder]).ntriples, format="nt")


def kinds(g: Graph, slug: str) -> set[str]:
    return {str(k).rsplit("unitchange-", 1)[1] for k in g.objects(mint_iri("change", slug), VNP.changeKind)}


def on(store: ox.Store, entry: str, day: str) -> list[tuple[str, str, str]]:
    """cq23 for ``entry`` on ``day``: (name, type notation, parent IRI)."""
    (path,) = (ROOT / "queries").glob("cq23-*.rq")
    date = ox.Literal(day, datatype=ox.NamedNode(str(XSD.date)))
    rows = store.query(path.read_text("utf-8"), substitutions={
        ox.Variable("unit"): ox.NamedNode(entry), ox.Variable("day"): date})
    return sorted((r["name"].value, r["type"].value.rsplit("-", 1)[1], r["parent"].value) for r in rows)


def store_of(folder: Path) -> ox.Store:
    store = ox.Store()
    store.load(read_units([folder]).ntriples, format=ox.RdfFormat.N_TRIPLES)
    return store


def test_a_carried_unit_has_each_name_type_and_parent_with_its_interval(tmp_path: Path) -> None:
    store = store_of(write(tmp_path, HISTORY))
    old, new = str(unit("2025-03", "03395")), str(unit("2025-07", "03395"))
    before = [("Xã Bản Bo", "commune", str(unit("2025-03", "106")))]
    after = [("Phường Tân Phong", "ward", str(unit("2025-07", "12")))]
    for entry in (old, new):  # either entry answers for the whole unit
        assert on(store, entry, "2024-05-01") == before
        assert on(store, entry, "2025-06-30") == before
        assert on(store, entry, "2025-07-01") == after
    # a unit merged into another is not carried on: its entry has its own state only
    assert on(store, str(unit("2025-03", "03412")), "2025-08-01") == []
    assert on(store, str(unit("2025-03", "03412")), "2025-01-01") == [
        ("Xã Bình Lư", "commune", str(unit("2025-03", "106")))]


def test_change_kinds_come_from_the_lists_not_from_names(tmp_path: Path) -> None:
    g = graph(write(tmp_path, HISTORY))
    # Bình Lư: three old communes, one of them only in part (the rest went elsewhere)
    assert {"merged-partly", "merger", "split"} <= kinds(g, "2025-07-01-commune-03390")
    assert not kinds(g, "2025-07-01-commune-03390") & {"name-change", "type-change"}
    assert kinds(g, "2025-07-01-commune-03395") == {"renamed", "name-change", "type-change", "parent-change"}
    # "Hòa" and "Hoà" are one name: only the parent changed (the district level ended)
    assert kinds(g, "2025-07-01-commune-03396") == {"unchanged", "parent-change"}
    assert kinds(g, "2025-07-01-province-12") == {"unchanged"}
    assert same_name("Hòa Bình", "Hoà Bình") and not same_name("Hòa Bình", "Hồ Bình")


def test_an_abolished_district_passes_its_functions_to_communes_and_province(tmp_path: Path) -> None:
    g = graph(write(tmp_path, HISTORY))
    event = mint_iri("change", "2025-07-01-district-106")
    assert kinds(g, "2025-07-01-district-106") == {"abolition"}
    assert (event, VNP.originalUnit, unit("2025-03", "106")) in g
    assert (event, VNP.resultingUnit, None) not in g
    assert (unit("2025-03", "106"), VNP.succeededBy, None) not in g
    assert (event, PROV.used, mint_iri("doc", "vn", "2025", "72/2025/QH15")) in g
    assert (event, PROV.used, mint_iri("doc", "vn", "2025", "203/2025/QH15")) in g
    took = {(g.value(s, VNP.successor), str(g.value(s, VNP.successionFunction)).rsplit("function-", 1)[1])
            for s in g.objects(event, VNP.hasSuccession)}
    assert took == {(unit("2025-07", "03390"), "area-administration"),
                    (unit("2025-07", "03395"), "area-administration"),
                    (unit("2025-07", "03396"), "area-administration"),
                    (unit("2025-07", "12"), "provincial-authority")}
    assert all(g.value(s, VNP.predecessor) == unit("2025-03", "106") for s in g.objects(event, VNP.hasSuccession))


def test_a_merged_part_passes_area_administration_and_a_whole_unit_everything(tmp_path: Path) -> None:
    g = graph(write(tmp_path, HISTORY))
    event = mint_iri("change", "2025-07-01-commune-03390")
    by = {g.value(s, VNP.predecessor): g.value(s, VNP.successionFunction) for s in g.objects(event, VNP.hasSuccession)}
    assert by[unit("2025-03", "03413")] == concept("function", "area-administration")
    assert by[unit("2025-03", "03412")] == concept("function", "whole-unit")
    assert (mint_iri("unit", "gso/2025-03/03412/state"), VNP.stateUntil, Literal("2025-06-30", datatype=XSD.date)) in g
