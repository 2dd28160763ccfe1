"""The synthetic corpus generator (bench/generate.py): determinism and shape on a few plans."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate, hierarchy, write_texts  # noqa: E402

VNP = "https://w3id.org/vnge/ontology#"
PREFIX = f"PREFIX vnp: <{VNP}> PREFIX vnc: <https://w3id.org/vnge/concept/> "
LIMIT = 5  # a province, its first district and three of its communes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    return out, generate(0.01, out, seed=7, texts=2, limit=LIMIT)


@pytest.fixture(scope="module")
def store(corpus: tuple[Path, dict]) -> ox.Store:
    s = ox.Store()
    s.load(path=str(corpus[0] / "corpus.nq"), format=ox.RdfFormat.N_QUADS)
    return s


def rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(t.value for t in r) for r in store.query(PREFIX + query)]


@pytest.mark.slow
def test_same_seed_same_bytes_other_seed_other_bytes(corpus, tmp_path: Path) -> None:
    out, _ = corpus
    generate(0.01, tmp_path / "again", seed=7, texts=2, limit=LIMIT)
    generate(0.01, tmp_path / "other", seed=8, texts=2, limit=LIMIT)
    first = (out / "corpus.nq").read_bytes()
    assert (tmp_path / "again" / "corpus.nq").read_bytes() == first
    assert (tmp_path / "other" / "corpus.nq").read_bytes() != first
    assert sorted(p.name for p in (out / "texts").iterdir()) == sorted(
        p.name for p in (tmp_path / "again" / "texts").iterdir()
    )


def test_hierarchy_at_national_scale_has_the_real_proportions() -> None:
    units = hierarchy(1790, 1.0)
    levels = [u.level for u in units]
    assert levels.count("province") == 63
    assert 600 <= levels.count("district") <= 800
    assert 9_000 <= levels.count("commune") <= 12_500
    assert len({u.path for u in units}) == len(units)
    assert all(u.parent is None or u.path.startswith(u.parent.path + "/") for u in units)


def test_stats_count_what_was_written(corpus, store: ox.Store) -> None:
    _, stats = corpus
    assert stats["plans"] == LIMIT
    assert stats["quads"] == len(store)
    assert stats["levels"] == {"province": 1, "district": 1, "commune": LIMIT - 2}


def test_each_plan_in_its_own_graph_with_issue_sizes(store: ox.Store) -> None:
    found = rows(
        store,
        """
        SELECT ?g (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
          GRAPH ?g { ?plan a vnp:Plan ; vnp:hasTask ?task } } GROUP BY ?g""",
    )
    assert len(found) == LIMIT
    for graph, tasks in found:
        assert "/graph/plan/eli/vn/" in graph
        assert 20 <= int(tasks) <= 60
    for prop, low, high in (("hasTarget", 5, 15), ("hasCitation", 5, 30)):
        counts = rows(
            store,
            f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
            GRAPH ?g {{ ?plan a vnp:Plan ; vnp:{prop} ?x }} }} GROUP BY ?plan""",
        )
        assert len(counts) == LIMIT and all(low <= int(n) <= high for (n,) in counts), (prop, counts)


def test_children_implement_their_parent_plan(store: ox.Store) -> None:
    links = rows(
        store,
        """SELECT ?child ?parent ?cu ?pu WHERE { GRAPH ?g {
        ?child a vnp:Plan ; vnp:implements ?parent ; vnp:jurisdiction ?cu } GRAPH ?h {
        ?parent a vnp:Plan ; vnp:jurisdiction ?pu } }""",
    )
    assert len(links) == LIMIT - 1  # every plan but the province's
    for _, _, child_unit, parent_unit in links:
        assert child_unit.startswith(parent_unit + "/")
    province = rows(
        store,
        """SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a vnp:Plan ; vnp:implements ?d }
        GRAPH ?r { ?d <http://data.europa.eu/eli/ontology#number> "1790/QĐ-TTg" } }""",
    )
    assert len(province) == LIMIT


def test_assignments_and_annotations_as_mapping_writes_them(store: ox.Store) -> None:
    """Each lead and partner stated once: the task's shortcut, no qualified assignment repeating it
    (the generated plans read every agency from its task's own span)."""
    led = rows(store, "SELECT ?task WHERE { GRAPH ?g { ?task a vnp:Task ; vnp:leadAgency ?a } }")
    twice = rows(store, "SELECT ?x WHERE { GRAPH ?g { ?task vnp:hasAssignment ?x } }")
    assert led and twice == []
    unquoted = rows(
        store,
        """SELECT ?t WHERE { GRAPH ?g { ?t a vnp:Target . ?p vnp:hasTask ?x .
        FILTER NOT EXISTS { ?t vnp:evidence ?span . ?span <http://www.w3.org/ns/oa#exact> ?quote } } }""",
    )
    assert unquoted == []


def test_texts_quote_the_facts_of_their_graph(corpus, store: ox.Store) -> None:
    out, stats = corpus
    texts = sorted((out / "texts").glob("*.txt"))
    assert len(texts) == stats["text_sample"] == 2
    quotes = {
        q for (q,) in rows(store, "SELECT ?q WHERE { GRAPH ?g { ?s <http://www.w3.org/ns/oa#exact> ?q } }")
    }
    text = texts[0].read_text("utf-8")
    assert text.startswith("ỦY BAN NHÂN DÂN") and "KẾ HOẠCH" in text
    assert sum(1 for q in quotes if q in text) >= 40


def test_texts_only_writes_every_plan_text_as_the_full_generator_does(corpus, tmp_path: Path) -> None:
    """`--texts-only` (a build from text at national scale without the hour of corpus.nq): every plan's
    text, byte for byte the text the full generator samples, and the unit hierarchy as Turtle."""

    out, _ = corpus
    stats = write_texts(0.01, tmp_path / "texts-only", seed=7, limit=LIMIT)
    written = {p.name: p.read_bytes() for p in (tmp_path / "texts-only" / "texts").glob("*.txt")}
    assert stats["plans"] == len(written) == LIMIT
    assert not (tmp_path / "texts-only" / "corpus.nq").exists()
    for sample in (out / "texts").glob("*.txt"):
        assert written[sample.name] == sample.read_bytes()
    units = Graph().parse(tmp_path / "texts-only" / "units.ttl")
    levels = {str(o).rsplit("-", 1)[-1] for o in units.objects(None, URIRef(VNP + "level"))}
    assert levels == {"province", "district", "commune"}
