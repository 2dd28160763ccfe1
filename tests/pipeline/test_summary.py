"""graph/summary: whole-corpus counts computed at build and ingest time (kg/pipeline/summary.py), checked
against the same counts computed directly from the plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline.build import build
from kg.pipeline.ingest import ingest
from tests.conftest import ROOT, select

SUMMARY = "https://w3id.org/vnge/graph/summary"
PREFIX = """PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX p-plan: <http://purl.org/net/p-plan#>
PREFIX qb: <http://purl.org/linked-data/cube#>
"""


def lead_counts(store: ox.Store) -> dict[tuple[str, str], tuple[int, int, int]]:
    rows = select(store, PREFIX + f"""SELECT ?agency ?level ?tasks ?plans ?rank WHERE {{ GRAPH <{SUMMARY}> {{
        ?o a vnp:LeadAgencyCount ; qb:dataSet ?ds ; vnp:countedAgency ?agency ; vnp:planLevel ?level ;
           vnp:taskCount ?tasks ; vnp:planCount ?plans ; vnp:rankInLevel ?rank }} }}""")
    return {(r["agency"], r["level"]): (int(r["tasks"]), int(r["plans"]), int(r["rank"])) for r in rows}


def summary_quads(path: Path) -> list[str]:
    store = ox.Store.read_only(str(path))
    try:
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(SUMMARY))
        return sorted(str(q) for q in quads)
    finally:
        del store


def test_lead_agency_counts_equal_the_counts_over_the_plans(store):
    direct = select(store, PREFIX + """SELECT ?agency ?level (COUNT(DISTINCT ?task) AS ?tasks)
        (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
          ?task vnp:leadAgency ?agency ; p-plan:isStepOfPlan ?plan . ?plan vnp:jurisdiction/vnp:level ?level
        } GROUP BY ?agency ?level""")
    expected = {(r["agency"], r["level"]): (int(r["tasks"]), int(r["plans"])) for r in direct}
    summary = lead_counts(store)
    assert len(expected) > 10
    assert {k: v[:2] for k, v in summary.items()} == expected


def test_ranks_follow_tasks_then_plans_then_agency_within_each_level(store):
    summary = lead_counts(store)
    levels = {level for _, level in summary}
    assert len(levels) >= 2
    for level in levels:
        ranked = sorted((v[2], -v[0], -v[1], agency) for (agency, lv), v in summary.items() if lv == level)
        assert [r[0] for r in ranked] == list(range(1, len(ranked) + 1))
        assert [r[1:] for r in ranked] == sorted(r[1:] for r in ranked)


def test_indicator_summaries_equal_the_targets_of_the_plans(store):
    direct = select(store, PREFIX + """SELECT ?indicator ?level (COUNT(DISTINCT ?t) AS ?targets)
        (COUNT(DISTINCT ?plan) AS ?plans) (MIN(?v) AS ?min) (MAX(COALESCE(?upper, ?v)) AS ?max) WHERE {
          ?plan vnp:hasTarget ?t ; vnp:jurisdiction/vnp:level ?level . ?t vnp:indicator ?indicator
          OPTIONAL { ?t vnp:value ?v } OPTIONAL { ?t vnp:valueMax ?upper } } GROUP BY ?indicator ?level""")
    rows = select(store, PREFIX + f"""SELECT ?indicator ?level ?targets ?plans ?min ?max WHERE {{
        GRAPH <{SUMMARY}> {{ ?o a vnp:IndicatorTargetSummary ; vnp:summarisedIndicator ?indicator ;
           vnp:planLevel ?level ; vnp:targetCount ?targets ; vnp:planCount ?plans
           OPTIONAL {{ ?o vnp:minValue ?min }} OPTIONAL {{ ?o vnp:maxValue ?max }} }} }}""")

    def key(r: dict[str, str]) -> tuple:
        values = tuple(float(r[k]) if k in r else None for k in ("min", "max"))
        return (r["indicator"], r["level"], int(r["targets"]), int(r["plans"]), *values)

    assert len(direct) > 10
    assert sorted(map(key, rows)) == sorted(map(key, direct))
    national = [r for r in rows if r["level"].endswith("level-national")]
    assert national, "the national programme's targets (reference data) are summarised too"
    awareness = [r for r in national if r["indicator"].endswith("indicator-ge-awareness-increase")]
    assert [(float(r["min"]), float(r["max"])) for r in awareness] == [(10.0, 15.0)], \
        "a range target (10–15%) reaches its upper end in the largest value"


@pytest.mark.slow
def test_ingest_refreshes_the_summary_as_a_build_of_the_same_plans_would(tmp_path):
    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    plans = sorted((ROOT / "data" / "plans").glob("*.txt"))
    shutil.copy(plans[0], data / "plans")
    ingested = tmp_path / "ingested"
    build(data, str(ingested))
    before = summary_quads(ingested)
    (result,) = ingest([plans[1]], str(ingested))
    assert result.status == "added"
    shutil.copy(plans[1], data / "plans")
    built = tmp_path / "built"
    build(data, str(built))
    after = summary_quads(ingested)
    assert after != before
    assert after == summary_quads(built)


def test_a_summary_marked_stale_is_recomputed_even_when_every_file_is_unchanged(tmp_path):
    """A batch killed after its last plan but before the final recomputation leaves the mark; the
    next ingest, with nothing to change, still recomputes (kg.pipeline.summary.mark_stale / is_current)."""
    from kg.pipeline.summary import is_current, mark_stale

    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    plan = sorted((ROOT / "data" / "plans").glob("*.txt"))[0]
    shutil.copy(plan, data / "plans")
    path = tmp_path / "store"
    build(data, str(path))
    fresh = summary_quads(path)
    store = ox.Store(str(path))
    store.update(mark_stale())
    assert not store.query(is_current())
    del store
    (result,) = ingest([plan], str(path))
    assert result.status == "unchanged"
    assert summary_quads(path) == fresh
