"""`kg units import` on small lists written here in the official layouts (issue 14, item 1): units keyed
by code and edition, codes typed, validity, parents, the 2025 change events with their legal basis,
deterministic output, and bad files refused with a message that says what to do (nothing written)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS, XSD

from kg.cli import main
from kg.errors import UnitListError
from kg.pipeline.units import read_units
from kg.rdf.namespaces import ELI, VNP, concept, mint_iri

UNIT = "code,name,name_en,full_name,full_name_en,code_name"
FILES = {
    "pre-2025/provinces.csv": f"""{UNIT},administrative_unit_id,unit_type,unit_type_en,administrative_region_id,region_name
12,Lai Châu,Lai Chau,Tỉnh Lai Châu,Lai Chau Province,lai_chau,2,Tỉnh,Province,2,Tây Bắc Bộ
""",
    "pre-2025/districts.csv": f"""{UNIT},province_code,administrative_unit_id,unit_type,unit_type_en
106,Tam Đường,Tam Duong,Huyện Tam Đường,Tam Duong District,tam_duong,12,7,Huyện,District
""",
    "pre-2025/wards.csv": f"""{UNIT},district_code,province_code,administrative_unit_id,unit_type,unit_type_en
03390,Tam Đường,Tam Duong,Thị trấn Tam Đường,Tam Duong Township,tam_duong,106,12,9,Thị trấn,Township
03412,Bình Lư,Binh Lu,Xã Bình Lư,Binh Lu Commune,binh_lu,106,12,10,Xã,Commune
03413,Sơn Bình,Son Binh,Xã Sơn Bình,Son Binh Commune,son_binh,106,12,10,Xã,Commune
""",
    "post-2025/provinces.csv": f"""{UNIT},administrative_unit_id,unit_type,unit_type_en
12,Lai Châu,Lai Chau,Tỉnh Lai Châu,Lai Chau Province,lai_chau,2,Tỉnh,Province
""",
    "post-2025/wards.csv": f"""{UNIT},province_code,administrative_unit_id,unit_type,unit_type_en
03390,Bình Lư,Binh Lu,Xã Bình Lư,Binh Lu Commune,binh_lu,12,4,Xã,Commune
""",
    "mapping-2025/commune_old_to_new.csv": """new_province_code,new_commune_code,new_commune_name,old_province_code,old_district_code,old_district_name,old_commune_code,old_commune_name,change_kind,note_nso,old_commune_code_suggested,issues,nso_record_no
12,03390,Xã Bình Lư,12,106,Huyện Tam Đường,03390,Thị trấn Tam Đường,full,Nhập toàn bộ,,,1
12,03390,Xã Bình Lư,12,106,Huyện Tam Đường,03412,Xã Bình Lư,full,Nhập toàn bộ,,,2
12,03390,Xã Bình Lư,12,106,Huyện Tam Đường,03413,Xã Sơn Bình,partial,Nhập một phần,,,3
""",
    "mapping-2025/province_old_to_new.csv": """old_province_code,old_province_name,old_unit_type,new_province_code,new_province_name,new_unit_type,change,new_province_formed_from,old_communes_in_nso_table,new_communes_in_new_province,province_resolution,province_resolution_adopted,commune_resolution,commune_resolution_adopted,new_units_operate_from
12,Tỉnh Lai Châu,Tỉnh,12,Tỉnh Lai Châu,Tỉnh,unchanged,12 Tỉnh Lai Châu,3,1,202/2025/QH15,2025-06-12,1670/NQ-UBTVQH15,2025-06-16,2025-07-01
""",
}


def write(folder: Path, files: dict[str, str] = FILES) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def graph(folder: Path) -> Graph:
    return Graph().parse(data=read_units([folder]).ntriples, format="nt")


def unit(era: str, code: str) -> URIRef:
    return mint_iri("unit", f"gso/{era}/{code}")


def test_units_are_keyed_by_code_and_edition_with_type_parent_and_validity(tmp_path: Path) -> None:
    g = graph(write(tmp_path))
    old, new = unit("2025-03", "03390"), unit("2025-07", "03390")  # one code, two units
    assert (old, SKOS.notation, Literal("03390", datatype=VNP.GSOCode)) in g
    assert (new, SKOS.notation, Literal("03390", datatype=VNP.GSOCode)) in g
    assert (old, VNP.unitType, concept("unittype", "township")) in g
    assert (new, VNP.unitType, concept("unittype", "commune")) in g
    assert (old, VNP.parentUnit, unit("2025-03", "106")) in g
    assert (unit("2025-03", "106"), VNP.parentUnit, unit("2025-03", "12")) in g
    assert (new, VNP.parentUnit, unit("2025-07", "12")) in g
    assert (unit("2025-07", "12"), VNP.parentUnit, mint_iri("unit", "vn")) in g
    assert (old, VNP.validUntil, Literal("2025-06-30", datatype=XSD.date)) in g
    assert (new, VNP.validFrom, Literal("2025-07-01", datatype=XSD.date)) in g
    assert (new, SKOS.prefLabel, Literal("Xã Bình Lư", lang="vi")) in g
    assert (new, SKOS.prefLabel, Literal("Binh Lu Commune", lang="en")) in g
    assert (new, SKOS.inScheme, mint_iri("unit", "gso/2025-07")) in g


def test_the_2025_changes_are_events_with_kind_date_and_legal_basis(tmp_path: Path) -> None:
    g = graph(write(tmp_path))
    commune = mint_iri("change", "2025-07-01-commune-03390")
    assert (commune, VNP.changeKind, concept("unitchange", "merged-partly")) in g
    assert (commune, VNP.effectiveDate, Literal("2025-07-01", datatype=XSD.date)) in g
    assert set(g.objects(commune, VNP.wholeOriginalUnit)) == {unit("2025-03", "03390"), unit("2025-03", "03412")}
    assert set(g.objects(commune, VNP.partialOriginalUnit)) == {unit("2025-03", "03413")}
    assert (commune, VNP.resultingUnit, unit("2025-07", "03390")) in g
    assert (unit("2025-03", "03413"), VNP.succeededBy, unit("2025-07", "03390")) in g
    resolution = mint_iri("doc", "vn", "2025", "1670/NQ-UBTVQH15")
    assert (commune, PROV.used, resolution) in g
    assert (resolution, ELI.number, Literal("1670/NQ-UBTVQH15")) in g
    province = mint_iri("change", "2025-07-01-province-12")
    assert (province, VNP.changeKind, concept("unitchange", "unchanged")) in g
    assert (province, PROV.used, mint_iri("doc", "vn", "2025", "202/2025/QH15")) in g


def test_without_the_province_table_the_missing_resolution_is_said(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if "province_old_to_new" not in k}
    g = graph(write(tmp_path, files))
    commune = mint_iri("change", "2025-07-01-commune-03390")
    assert not list(g.objects(commune, PROV.used))
    assert "not in the imported data" in str(g.value(commune, VNP.verificationNote))


def test_the_same_files_give_the_same_bytes_in_any_order(tmp_path: Path) -> None:
    folder = write(tmp_path)
    files = sorted(folder.rglob("*.csv"))
    assert read_units(files).ntriples == read_units(files[::-1]).ntriples == read_units([folder]).ntriples
    lines = read_units([folder]).ntriples.decode().splitlines()
    assert lines == sorted(lines)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("pre-2025/wards.csv", FILES["pre-2025/wards.csv"].replace("03412,", "3412,"),
     "wards.csv:3: column code should be a commune code of 5 digits"),
    ("pre-2025/wards.csv", FILES["pre-2025/wards.csv"].replace(",106,12,10", ",107,12,10"),
     "belongs to district 107, which is not in the files given"),
    ("pre-2025/districts.csv", "a,b,c\n1,2,3\n", "not a unit list layout kg knows"),
    ("post-2025/wards.csv", FILES["post-2025/wards.csv"].replace(",Xã,", ",Quận,"),
     "unit type 'Quận' is not a commune type"),
])
def test_a_bad_file_is_refused_with_its_line_and_what_to_do(tmp_path: Path, name: str, text: str,
                                                            expected: str) -> None:
    folder = write(tmp_path, {**FILES, name: text})
    with pytest.raises(UnitListError, match=expected):
        read_units([folder])


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = write(tmp_path)
    (folder / "post-2025/wards.csv").write_bytes(FILES["post-2025/wards.csv"].encode("cp1258", "replace"))
    with pytest.raises(UnitListError, match="not UTF-8 text.*save the list as UTF-8"):
        read_units([folder])


def test_the_conversion_table_needs_both_lists(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if not k.startswith("pre-2025")}
    with pytest.raises(UnitListError, match="import both lists with it"):
        read_units([write(tmp_path, files)])


def test_cli_import_of_a_bad_file_exits_2_and_keeps_the_store(tmp_path: Path, capsys) -> None:
    """No traceback, exit 2, and the store (with the units it had) untouched."""
    folder = write(tmp_path / "lists")
    store = tmp_path / "store"
    data = Path(__file__).resolve().parents[2] / "data"
    assert main(["units", "import", str(folder), "--store", str(store), "--data", str(data)]) == 0
    before = sorted(p.name for p in store.iterdir())
    capsys.readouterr()
    (folder / "pre-2025/wards.csv").write_text("code,name\n1,x\n", "utf-8")
    assert main(["units", "import", str(folder), "--store", str(store), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "kg units: error:" in err and "wards.csv" in err and "Traceback" not in err
    assert sorted(p.name for p in store.iterdir()) == before
    kept = ox.Store.read_only(str(store))
    units = ox.NamedNode(str(mint_iri("graph", "units")))
    assert len(list(kept.quads_for_pattern(None, None, None, units))) > 0


def test_check_reads_the_lists_and_writes_nothing(tmp_path: Path, capsys) -> None:
    folder = write(tmp_path / "lists")
    store = tmp_path / "store"
    assert main(["units", "import", str(folder), "--store", str(store), "--check"]) == 0
    out = capsys.readouterr().out
    assert "1 provinces, 1 districts, 3 communes" in out and "nothing written" in out
    assert not store.exists()


def test_a_build_with_a_bad_unit_list_stops_before_the_store_is_touched(tmp_path: Path, monkeypatch,
                                                                      capsys) -> None:
    folder = write(tmp_path / "lists", {**FILES, "post-2025/wards.csv": "code,name\n1,x\n"})
    monkeypatch.setenv("VNGE_UNITS", str(folder))
    store = tmp_path / "store"
    data = Path(__file__).resolve().parents[2] / "data"
    assert main(["build", "--data", str(data), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "VNGE_UNITS:" in err and "wards.csv" in err and "Traceback" not in err
    assert not store.exists()
