"""graph/summary, graph/comparison and graph/audit kept up to date plan by plan (issue 16, item 2) equal what a whole
recomputation gives: after a plan is taken out, and after it is put back, on a synthetic hierarchy
(bench/generate.py: a province, two districts, their communes; weaker targets, repealed citations and
late reports injected) — for a commune (leaf), a district (parent and child) and the province (the
root: every other plan descends from it).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.pipeline import comparison
from kg.pipeline.build import compare_targets, summarise
from kg.pipeline.infer import materialise
from kg.pipeline.ingest import open_store, put_graph
from kg.pipeline.remove import remove
from kg.pipeline.summary import summary_ntriples
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.namespaces import graph_iri
from kg.rdf.terms import ox_to_rdflib
from kg.validation import report_graph, store_audit_graph, validate_store
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

SUMMARY, AUDIT = str(graph_iri("summary")), str(graph_iri("audit"))
VNP = "https://w3id.org/vnge/ontology#"


@pytest.fixture(scope="module")
def hierarchy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built store (load, inference, summary, audits, as kg build) of 26 synthetic plans."""
    folder = tmp_path_factory.mktemp("hierarchy")
    generate(0.01, folder, seed=7, texts=0, limit=26)
    store = ox.Store(str(folder / "store"))
    store.bulk_load(path=str(folder / "corpus.nq"), format=ox.RdfFormat.N_QUADS)
    materialise(store, bulk=True)
    summarise(store)
    compare_targets(store)
    store_audit_graph(store, validate_store(store))
    store.flush()
    del store
    return folder / "store"


def _select(store: ox.Store):  # noqa: ANN202
    def select(text: str) -> list[dict[str, object]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        return [{n: ox_to_rdflib(r[n]) if r[n] is not None else None for n in names} for r in rows]
    return select


def _graph(store: ox.Store, name: str) -> set:
    return {(ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object))
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))}


def derived_graphs(path: Path) -> tuple[set, set]:
    """(graph/summary, graph/audit) as stored."""
    store = ox.Store.read_only(str(path))
    try:
        return _graph(store, SUMMARY), _graph(store, AUDIT)
    finally:
        del store


def recomputed(path: Path) -> tuple[set, set]:
    """(graph/summary, graph/audit) as a whole recomputation over the store gives them."""
    store = ox.Store.read_only(str(path))
    try:
        summary = Graph()
        summary.parse(data=summary_ntriples(_select(store)).decode(), format="nt")
        return set(summary), set(report_graph(validate_store(store)))
    finally:
        del store


def plan_of_level(path: Path, level: str, nth: int = 0) -> str:
    store = ox.Store.read_only(str(path))
    try:
        rows = store.query(f"SELECT ?p WHERE {{ GRAPH ?g {{ ?p <{VNP}jurisdiction> ?u ; "
                           "<http://www.w3.org/ns/prov#wasDerivedFrom> ?f } "
                           f"?u <{VNP}level> <https://w3id.org/vnge/concept/level-{level}> }}",
                           use_default_graph_as_union=True)
        return sorted({r["p"].value for r in rows})[nth]
    finally:
        del store


def comparisons_exact(path: Path) -> bool:
    """graph/comparison as stored equals a whole recomputation (kg/pipeline/comparison.py)."""
    store = ox.Store.read_only(str(path))
    try:
        whole = Graph()
        whole.parse(data=comparison.ntriples(comparison.comparisons(_select(store))).decode(), format="nt")
        return _graph(store, comparison.comparison_graph()) == set(whole) and len(whole) > 0
    finally:
        del store


def findings_of(audit: set, plan: str) -> int:
    return sum(1 for _, p, o in audit if str(p) == VNP + "auditedPlan" and str(o) == plan)


@pytest.mark.slow
@pytest.mark.parametrize("level", ["commune", "district", "province"])
def test_taking_a_plan_out_and_putting_it_back_keeps_summary_and_findings_exact(hierarchy, tmp_path, level):
    store_path = tmp_path / "store"
    shutil.copytree(hierarchy, store_path)
    built_summary, built_audit = derived_graphs(store_path)
    plan = plan_of_level(store_path, level, nth=1 if level == "commune" else 0)
    name = str(plan_graph_iri(plan))  # type: ignore[arg-type]
    reader = ox.Store.read_only(str(store_path))
    graph = Graph()
    for s, p, o in _graph(reader, name):
        graph.add((s, p, o))
    del reader
    assert findings_of(built_audit, plan) > 0, "the plan has findings: their going and coming back is checked"

    removed = remove(plan, str(store_path))
    assert removed.plans == [plan]
    summary, audit = derived_graphs(store_path)
    assert (summary, audit) == recomputed(store_path)
    assert findings_of(audit, plan) == 0 and summary != built_summary
    assert comparisons_exact(store_path)

    store = open_store(str(store_path))
    try:
        put_graph(store, plan, graph, set())
    finally:
        store.close()
    assert derived_graphs(store_path) == recomputed(store_path) == (built_summary, built_audit)
    assert comparisons_exact(store_path)


@pytest.mark.slow
def test_ranks_stay_exact_when_agencies_cross_the_ranked_boundary(hierarchy, tmp_path, monkeypatch):
    """Only the first RANKED agencies of a level get a rank: with RANKED = 5, taking a district and a
    commune plan out (their agencies lose tasks or leave the ranking) and putting them back moves
    agencies across the boundary; the ranks equal a whole recomputation's."""
    import kg.pipeline.summary as summary_module
    import kg.pipeline.tally as tally_module

    monkeypatch.setattr(summary_module, "RANKED", 5)
    monkeypatch.setattr(tally_module, "RANKED", 5)
    store_path = tmp_path / "store"
    shutil.copytree(hierarchy, store_path)
    store = ox.Store(str(store_path))
    store.remove_graph(ox.NamedNode(SUMMARY))
    summarise(store)
    store.flush()
    del store
    for level in ("district", "commune"):
        plan = plan_of_level(store_path, level)
        reader = ox.Store.read_only(str(store_path))
        graph = Graph()
        for s, p, o in _graph(reader, str(plan_graph_iri(plan))):  # type: ignore[arg-type]
            graph.add((s, p, o))
        del reader
        remove(plan, str(store_path))
        summary, _ = derived_graphs(store_path)
        assert summary == recomputed(store_path)[0]
        ranks = [o for _, p, o in summary if str(p) == VNP + "rankInLevel"]
        assert 0 < len(ranks) and max(int(r) for r in ranks) == 5
        backend = open_store(str(store_path))
        try:
            put_graph(backend, plan, graph, set())
        finally:
            backend.close()
        assert derived_graphs(store_path)[0] == recomputed(store_path)[0]
