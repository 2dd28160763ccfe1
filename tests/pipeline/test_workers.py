"""kg/pipeline/workers.py: forked extraction workers inherit the gazetteer compiled by the parent
(``kg.extract.prepare`` before the fork), and give what extraction in the calling process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import recurrence
from kg.lexicon import agencies, units
from kg.pipeline.sources import parse_turtle_files, rebase
from kg.pipeline.workers import mapped_plans
from kg.rdf.references import ReferenceIndex
from kg.resources import ONTOLOGY_DIR
from tests.conftest import ROOT

BUILDERS = (agencies.agency_entries, agencies._agency_matchers, agencies._head_finder, units._province_regex,
            units._district_patterns, recurrence.patterns)


@pytest.fixture(scope="module")
def reference() -> ReferenceIndex:
    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    data = rebase(parse_turtle_files(sorted((ROOT / "data" / "reference").glob("*.ttl"))))
    return ReferenceIndex.from_graph(data + ontology)


def _run(paths: list[Path], reference: ReferenceIndex) -> list[tuple[str, bytes, str]]:
    plans = mapped_plans(paths, reference)
    try:
        return [(m.file, m.nquads, m.error) for m in plans]
    finally:
        plans.close()


def test_forked_workers_inherit_the_patterns_compiled_before_the_fork(
    reference: ReferenceIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sorted((ROOT / "data" / "plans").glob("*.txt"))[:3]
    monkeypatch.setenv("VNGE_BUILD_WORKERS", "1")
    in_process = _run(paths, reference)
    for builder in BUILDERS:
        builder.cache_clear()
    monkeypatch.setenv("VNGE_BUILD_WORKERS", "2")
    forked = _run(paths, reference)
    # the parent extracted nothing, yet holds the compiled gazetteer: made before the fork
    assert all(builder.cache_info().currsize for builder in BUILDERS)
    assert forked == in_process and all(nquads and not error for _, nquads, error in forked)
