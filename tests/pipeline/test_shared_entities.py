"""Each triple stated once (issue 15 item 1, issue 14 item 3): shared entities — cited documents,
agencies, units, signatories — are described once, in graph/entities, from what the plans say of them
(kg/rdf/entities.py); the union default graph a researcher queries is a set, on the build of data/,
of the real plans and of a synthetic corpus; ingest then remove of a plan leaves graph/entities as a
fresh build makes it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.pipeline.build import build
from kg.pipeline.entities import ntriples
from kg.pipeline.ingest import ingest
from kg.pipeline.remove import remove
from kg.rdf.entities import clean_name
from kg.rdf.namespaces import graph_iri
from tests.conftest import ROOT, select
from tests.pipeline.test_build import dump

PLANS = ROOT / "data" / "plans"
REAL = ROOT.parent / "shared" / "real-plans"
HUE = next(PLANS.glob("hue_*.txt"))  # shares Luật Ngân sách Nhà nước and a programme with other plans
ENTITIES = str(graph_iri("entities"))
COUNTS = {
    "all triples": "?s ?p ?o",
    "labels": "VALUES ?p { rdfs:label skos:prefLabel } ?s ?p ?o",
    "types": "?s a ?o BIND(rdf:type AS ?p)",
}
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX vnc: <https://w3id.org/vnge/concept/>
"""


def bag_and_set(store: ox.Store) -> dict[str, tuple[int, int]]:
    """{what: (COUNT(*), COUNT(DISTINCT)) over the union default graph}."""
    out = {}
    for name, pattern in COUNTS.items():
        (row,) = select(store, PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        (distinct,) = select(store, PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o "
                                               f"WHERE {{ {pattern} }} }}")
        out[name] = (int(row["n"]), int(distinct["n"]))
    return out


def assert_a_set(store: ox.Store) -> None:
    counts = bag_and_set(store)
    assert all(n > 0 for n, _ in counts.values())
    assert {k: v for k, v in counts.items() if v[0] != v[1]} == {}, counts


def data_with(tmp_path: Path, name: str, plans: list[Path]) -> Path:
    data = tmp_path / name
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    for plan in plans:
        shutil.copy(plan, data / "plans" / plan.name)
    return data


def graph_of(store: Path, name: str) -> list[str]:
    return [q for q in dump(store) if q.endswith(f"<{name}> .")]


def test_the_union_graph_of_the_build_of_data_is_a_set(store):
    assert_a_set(store)


def test_a_list_of_laws_with_their_labels_has_one_row_per_law(store):
    rows = select(store, PREFIXES + """SELECT ?law ?label WHERE {
        ?law vnp:documentType vnc:doctype-law ; rdfs:label ?label FILTER(lang(?label) = "vi") }""")
    laws = [r["law"] for r in rows]
    assert len(laws) > 10 and len(laws) == len(set(laws))


def test_a_shared_entity_is_described_only_in_graph_entities(store):
    """The budget law, cited by three plans, and the plans' agencies: described in graph/entities;
    the plan graphs hold their claims (mention and citation nodes), not the description."""
    rows = select(store, PREFIXES + """SELECT DISTINCT ?g WHERE { GRAPH ?g {
        <https://w3id.org/vnge/eli/vn/cited/luat-ngan-sach-nha-nuoc> ?p ?o } }""")
    assert {r["g"] for r in rows} - {str(graph_iri("inference"))} == {ENTITIES}
    rows = select(store, PREFIXES + """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a vnp:Agency } }""")
    assert {r["g"] for r in rows} <= {ENTITIES, str(graph_iri("reference"))}
    (row,) = select(store, PREFIXES + """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m vnp:mentionOf ?a . ?a a vnp:Agency }""")
    assert int(row["n"]) > 20


def test_a_parent_known_only_by_citation_has_a_clean_label_its_issuer_unit_and_level(store):
    """Hải Phòng's parent plan 59/KH-UBND was cited in OCR text ("Ké hoach thuc hién…"): its label
    and title are the cited title with its diacritics restored; Bắc Kạn's 112/KH-UBND gets the unit
    and level of its issuer, UBND tỉnh Bắc Kạn."""
    rows = select(store, PREFIXES + """PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?label ?title WHERE { <https://w3id.org/vnge/eli/vn/hai-phong/2022/59-kh-ubnd>
          rdfs:label ?label ; <http://purl.org/dc/terms/title> ?title }""")
    assert [(r["label"] == r["title"], r["title"].startswith("Kế hoạch thực hiện Chương trình truyền thông"))
            for r in rows] == [(True, True)]
    rows = select(store, PREFIXES + """SELECT ?unit ?level ?issuer WHERE {
        <https://w3id.org/vnge/eli/vn/bac-kan/2022/112-kh-ubnd> vnp:jurisdiction ?unit ; vnp:issuedBy ?issuer .
        ?unit vnp:level ?level }""")
    assert [(r["unit"].rsplit("/", 1)[-1], r["level"].rsplit("-", 1)[-1]) for r in rows] == [
        ("bac-kan", "province")]


def test_the_programme_is_one_node_approved_by_decision_1790(store):
    """Hồng Bàng's OCR text cites "Chương trình truyền thông về bình đẳng gii đến năm 2030": the
    programme that QĐ 1790 approves, not a second node. (Its 2026–2030 successor, "… giai đoạn
    2026-2030", is another programme.)"""
    rows = select(store, PREFIXES + """SELECT DISTINCT ?doc WHERE {
        ?plan vnp:hasCitation ?c . ?c vnp:citedDocument ?doc . ?doc a vnp:Programme
        FILTER(CONTAINS(STR(?doc), "binh-dang-gi") && CONTAINS(STR(?doc), "-den-")) }""")
    assert [r["doc"] for r in rows] == [
        "https://w3id.org/vnge/eli/vn/2021/chuong-trinh-truyen-thong-binh-dang-gioi-den-2030"]
    rows = select(store, PREFIXES + """SELECT ?d WHERE { ?d vnp:approves
        <https://w3id.org/vnge/eli/vn/2021/chuong-trinh-truyen-thong-binh-dang-gioi-den-2030> }""")
    assert [r["d"].rsplit("/", 1)[-1] for r in rows] == ["1790-qd-ttg"]


def test_the_cleanest_spelling_names_an_entity():
    ocr = "Ké hoach thuc hién Chuong trinh truyén théng vé binh dang gidi"
    assert clean_name([ocr, ocr], titles=True) == "Kế hoạch thực hiện Chương trình truyền thông về bình đẳng giới"
    # a clean title with words that carry no diacritics is not "restored" ("vệ sinh" is not "về sinh")
    assert clean_name(["Luật An toàn, vệ sinh lao động"], titles=True) == "Luật An toàn, vệ sinh lao động"
    assert clean_name(["xã Ninh Gia"]) == "xã Ninh Gia" and clean_name(["Phạm Thu Lan"]) == "Phạm Thu Lan"
    assert clean_name(["Kế hoạch (nay là thành phố Huế) về truyền thông"]) == "Kế hoạch về truyền thông"
    assert clean_name(["chương trình truyền thông về dân số", "Chương trình truyền thông về dân số"]) == (
        "Chương trình truyền thông về dân số")
    spellings = ["Luật Ngân sách nhà nước", "Luật Ngân sách Nhà nước", "Luật Ngân sách Nhà nước"]
    assert clean_name(spellings) == clean_name(list(reversed(spellings))) == "Luật Ngân sách Nhà nước"


@pytest.mark.slow  # three builds of four or five plans and an ingest and a removal: ~20 s
def test_ingest_then_remove_leaves_graph_entities_as_a_fresh_build(tmp_path, monkeypatch):
    others = sorted(p for p in PLANS.glob("*.txt") if p != HUE)
    without = build_of(tmp_path, "without", others, monkeypatch)
    with_hue = build_of(tmp_path, "with", [*others, HUE], monkeypatch)
    data = data_with(tmp_path, "changing", others)
    monkeypatch.setenv("VNGE_CORPUS", str(data / "corpus"))
    store = data / "store"
    build(data, str(store))
    assert graph_of(store, ENTITIES) == graph_of(without, ENTITIES)
    (result,) = ingest([HUE], str(store))
    assert result.status == "added"
    for name in (ENTITIES, str(graph_iri("inference"))):
        assert graph_of(store, name) == graph_of(with_hue, name), name
    assert_a_set(ox.Store.read_only(str(store)))
    remove(HUE.name, str(store))
    for name in (ENTITIES, str(graph_iri("inference"))):
        assert graph_of(store, name) == graph_of(without, name), name
    # what Huế alone named is gone; what the others still name stays
    quads = graph_of(store, ENTITIES)
    assert not any("/id/person/hue/" in q for q in quads)
    assert any("luat-ngan-sach-nha-nuoc" in q for q in quads)


def build_of(tmp_path: Path, name: str, plans: list[Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    data = data_with(tmp_path, name, plans)
    monkeypatch.setenv("VNGE_CORPUS", str(data / "corpus"))  # its own corpus folder
    build(data, str(data / "store"))
    return data / "store"


@pytest.mark.slow  # the real plans: ~15 s
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-plans is not here")
def test_the_union_graph_of_data_and_the_real_plans_is_a_set(tmp_path, monkeypatch):
    data = data_with(tmp_path, "real", sorted(PLANS.glob("*.txt")) + sorted(REAL.glob("*.txt")))
    monkeypatch.setenv("VNGE_CORPUS", str(data / "corpus"))
    build(data, str(data / "store"))
    db = ox.Store.read_only(str(data / "store"))
    assert_a_set(db)
    test_a_list_of_laws_with_their_labels_has_one_row_per_law(db)


@pytest.mark.slow  # generates and builds 40 plans from their text: ~20 s
def test_the_union_graph_of_a_synthetic_corpus_is_a_set(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(0.01, tmp_path / "corpus", texts=40, limit=40)
    generated = ox.Store()
    generated.bulk_load(path=str(tmp_path / "corpus" / "corpus.nq"), format=ox.RdfFormat.N_QUADS)
    assert_a_set(generated)  # the generator's graphs, as bench/build_speed.py loads them
    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    for text in sorted((tmp_path / "corpus" / "texts").glob("*.txt")):
        shutil.copy(text, data / "plans" / text.name)
    monkeypatch.setenv("VNGE_CORPUS", str(data / "corpus"))
    report = build(data, str(data / "store"))
    assert len(report.plans) == 40 and not report.failed
    assert_a_set(ox.Store.read_only(str(data / "store")))


def test_graph_entities_is_written_as_valid_n_triples():
    """A name with a line break (rdflib's ``n3()`` writes a long string there, which N-Triples does
    not allow) still loads into the store."""
    name = Literal('Kế hoạch "số 1"\nvề bình đẳng giới', lang="vi")
    data = ntriples([(URIRef("https://w3id.org/vnge/eli/vn/x/2022/1-kh-ubnd"), RDFS.label, name)])
    store = ox.Store()
    store.load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert [q.object.value for q in store] == [str(name)]
