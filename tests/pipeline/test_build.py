"""Build and ingest: deterministic, idempotent, atomic per document, nothing lost on bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.errors import DataFileError
from kg.pipeline.build import build
from kg.pipeline.ingest import ingest
from kg.rdf.mapping import plan_graph_iri
from tests.conftest import ROOT

PLANS = ROOT / "data" / "plans"


def dump(path: Path) -> list[str]:
    store = ox.Store.read_only(str(path))
    try:
        return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    finally:
        del store


def small_data(tmp_path: Path, n: int = 2) -> Path:
    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    for f in sorted(PLANS.glob("*.txt"))[:n]:
        shutil.copy(f, data / "plans" / f.name)
    return data


def test_the_same_inputs_build_the_same_graph(built_store, tmp_path):
    first, _ = built_store
    build(ROOT / "data", str(tmp_path / "again"))
    quads = dump(first)
    assert len(quads) > 1000 and any(q.startswith("_:") for q in quads)  # OWL axioms have blank nodes
    assert quads == dump(tmp_path / "again")


def test_extraction_in_worker_processes_builds_the_same_graph(built_store, tmp_path, monkeypatch):
    """Two worker processes (and a file that is not a plan among the plans) give the same store as
    the one-process build of the same files, the bad file reported as failed."""
    first, _ = built_store
    data = small_data(tmp_path, 5)
    (data / "plans" / "zz_not_a_plan.txt").write_text("Biên bản họp chi bộ tháng 3.\n", "utf-8")
    monkeypatch.setenv("VNGE_BUILD_WORKERS", "2")
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "0")  # streamed to disk as extracted (the large corpus' way)
    monkeypatch.setattr("kg.pipeline.stream.BATCH", 3000)  # several bulk loads
    report = build(data, str(tmp_path / "parallel"))
    assert [f for f, _ in report.failed] == ["zz_not_a_plan.txt"]
    assert [f for f, _, _ in report.plans] == sorted(p.name for p in PLANS.glob("*.txt"))
    assert set(report.phases) == {"extraction", "load", "entities", "inference", "summary", "comparison",
                                  "validation"}
    assert dump(tmp_path / "parallel") == dump(first)


def test_each_plan_is_its_own_named_graph(store):
    graphs = {g.value for g in store.named_graphs()}
    plans = {g for g in graphs if "/graph/plan/" in g}
    assert len(plans) == 5
    assert any(g.endswith("/graph/reference") for g in graphs)
    assert any(g.endswith("/graph/ontology") for g in graphs)


# every kind of fact a plan graph states, by the path from its plan (the plan itself: the node derived
# from the plan's source file); tests/test_mapping.py checks the same on one record of every kind
FACTS = """PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?g ?kind ?fact WHERE { GRAPH ?g { ?plan prov:wasDerivedFrom ?source .
  { ?fact prov:wasDerivedFrom ?source BIND("plan" AS ?kind) }
  UNION { ?plan vnp:hasCitation ?fact BIND("citation" AS ?kind) }
  UNION { ?plan vnp:hasObjective ?fact BIND("objective" AS ?kind) }
  UNION { ?plan vnp:hasTarget ?fact BIND("target" AS ?kind) }
  UNION { ?plan vnp:hasTask ?fact BIND("task" AS ?kind) }
  UNION { ?plan vnp:hasTask/vnp:hasAssignment ?fact BIND("assignment" AS ?kind) }
  UNION { ?plan vnp:hasResponsibility ?fact BIND("responsibility" AS ?kind) }
  UNION { ?plan vnp:hasReportingDuty ?fact BIND("reporting" AS ?kind) }
  UNION { ?plan vnp:hasFunding ?fact BIND("funding" AS ?kind) }
  UNION { ?plan vnp:signedBy ?fact BIND("signatory" AS ?kind) } } }"""
ANNOTATIONS = """PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX vnp: <https://w3id.org/vnge/ontology#>
SELECT ?g ?body (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?body vnp:evidence ?a . ?a oa:exact ?quote } }
GROUP BY ?g ?body"""
# (no "assignment": a qualified vnp:Assignment is written only for an agency named outside its task's
# span, and the seeds name every agency within it; tests/rdf/test_mapping.py maps one)
FACT_KINDS = {"plan", "citation", "objective", "target", "task", "responsibility", "reporting", "funding",
              "signatory"}


def test_every_fact_of_the_build_quotes_its_source_once(store):
    facts = [(r["g"].value, r["kind"].value, r["fact"].value) for r in store.query(FACTS)]
    annotations = {(r["g"].value, r["body"].value): int(r["n"].value) for r in store.query(ANNOTATIONS)}
    assert {kind for _, kind, _ in facts} == FACT_KINDS  # the five plans state facts of every kind
    wrong = [(kind, fact, annotations.get((g, fact), 0)) for g, kind, fact in facts
             if annotations.get((g, fact)) != 1]
    assert wrong == [], "facts without exactly one quoted evidence span (kind, fact, spans) in their plan graph"


def test_a_failed_build_keeps_the_previous_store(tmp_path):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    before = dump(store)
    (data / "reference" / "broken.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b .\nx:c x:d\n", "utf-8")
    with pytest.raises(DataFileError) as e:
        build(data, str(store))
    assert "broken.ttl" in str(e.value)
    assert dump(store) == before


def test_reingesting_the_same_file_changes_nothing(tmp_path):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    before = dump(store)
    (result,) = ingest([next((data / "plans").iterdir())], str(store))
    assert result.status == "unchanged"
    assert dump(store) == before


def test_ingest_adds_a_new_plan_and_a_changed_file_replaces_only_its_graph(tmp_path):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    new = next(PLANS.glob("lai-chau_*.txt"))  # signed by Nguyễn Thị Nhàn
    (added,) = ingest([new], str(store))
    assert added.status == "added" and added.triples > 0
    after_add = dump(store)
    # the same file name with changed content: its graph is replaced, the other plan's is untouched
    changed = tmp_path / new.name
    changed.write_text(new.read_text("utf-8").replace("Nguyễn Thị Nhàn", "Nguyễn Văn An"), "utf-8")
    (replaced,) = ingest([changed], str(store))
    assert replaced.status == "replaced"
    after = dump(store)
    assert any("Nguyễn Văn An" in q for q in after) and not any("Nguyễn Thị Nhàn" in q for q in after)
    replaced_graph = f"<{plan_graph_iri(URIRef(replaced.plan))}> ."
    # graph/inference and graph/entities follow the replaced graph (the old signatory's description
    # and inferred types go; see tests/test_ingest_inference.py); every other graph is untouched
    derived = ("<https://w3id.org/vnge/graph/inference> .", "<https://w3id.org/vnge/graph/entities> .")
    # (findings keep their meaning; their evidence follows the replaced file's text: its spans moved)
    old_source = next(q.split("<https://w3id.org/vnge/source/")[1][:64] for q in after_add
                      if q.endswith(replaced_graph) and "<https://w3id.org/vnge/source/" in q)
    untouched = [q for q in after_add if not q.endswith(replaced_graph) and not q.endswith(derived)
                 and not ("ontology#evidence>" in q and old_source in q)]
    assert len(untouched) < len(after_add) and set(untouched) <= set(after)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 100])
def test_a_bad_document_fails_and_changes_nothing(tmp_path, content):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    before = dump(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    (result,) = ingest([bad], str(store))
    assert result.status == "failed"
    assert "bad.txt" in result.message
    assert dump(store) == before


def test_a_build_killed_between_its_two_renames_is_recovered(tmp_path):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    before = dump(store)
    store.rename(tmp_path / "store.previous")  # the state a kill -9 between the renames leaves
    (data / "reference" / "broken.ttl").write_text("not turtle at all {", "utf-8")
    with pytest.raises(DataFileError):
        build(data, str(store))
    assert dump(store) == before


@pytest.mark.parametrize(("workers", "batch"), [("1", 200_000), ("2", 1)])
def test_a_later_file_of_the_same_plan_replaces_the_earlier_one_in_the_streamed_load(tmp_path, monkeypatch,
                                                                                      workers, batch):
    """The plans are streamed into the bulk load as they are extracted (in batches: here one plan per
    bulk load too): when a later file gives a plan already loaded, the store holds the later file's
    graph only, as a build of that file alone does."""
    monkeypatch.setenv("VNGE_BUILD_WORKERS", workers)
    monkeypatch.setattr("kg.pipeline.stream.BATCH", batch)
    data = small_data(tmp_path, 2)
    first = sorted((data / "plans").glob("*.txt"))[0]
    later = data / "plans" / (first.stem + "_v2.txt")  # sorts after the first
    later.write_text(first.read_text("utf-8") + "\nNơi nhận: bản sửa lại.\n", "utf-8")
    report = build(data, str(tmp_path / "both"))
    assert report.superseded == [(first.name, later.name)]
    assert sorted(f for f, _, _ in report.plans) == sorted(p.name for p in (data / "plans").glob("*.txt")
                                                           if p != first)
    first.unlink()
    build(data, str(tmp_path / "later-only"))
    assert dump(tmp_path / "both") == dump(tmp_path / "later-only")
