"""The same inputs build the same bytes, whatever the hash seed (issue 20).

Python randomises the hash of strings per process (PYTHONHASHSEED), so anything that iterates a set
or a dict of strings, or sorts on a key with ties, can come out in another order in another
process. Two builds of data/ run in subprocesses under different seeds; their N-Quads dumps (in
the store's own order, not re-sorted) and their validation reports (Turtle, text and JSON, timings
left out) must be byte-identical.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = r"""
import json, sys
from pathlib import Path
import pyoxigraph as ox
from kg.pipeline.build import build
from kg.validation import render, validate_store

out = Path(sys.argv[1])
build(Path(sys.argv[2]), str(out / "store"))
store = ox.Store.read_only(str(out / "store"))
(out / "dump.nq").write_bytes(store.dump(format=ox.RdfFormat.N_QUADS))
report = validate_store(store)
(out / "report.ttl").write_text(render(report, "turtle"), "utf-8")
(out / "report.txt").write_text(
    "\n".join(line for line in render(report, "text").splitlines() if not line.startswith("time:")), "utf-8")
data = json.loads(render(report, "json"))
data.pop("seconds", None)
(out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
# pySHACL (the fallback engine) names its results with random blank nodes: same order regardless
(out / "report-pyshacl.ttl").write_text(render(validate_store(store, engine="pyshacl"), "turtle"), "utf-8")
"""


def _build_under(seed: int, out: Path) -> Path:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(out), str(ROOT / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.mark.slow
def test_builds_under_two_hash_seeds_are_byte_identical(tmp_path: Path, own_corpus: Path) -> None:
    """data/ and a corpus holding an ingested file and a graph kept without its file (both builds
    read the corpus folder VNGE_CORPUS: they are inputs too)."""
    from kg.pipeline.corpus import Corpus
    from tests.pipeline.test_crash_recovery import numbered_copy

    corpus = Corpus(own_corpus)
    hue = next((ROOT / "data" / "plans").glob("hue_*.txt"))
    corpus.keep(numbered_copy(hue, 3).encode("utf-8"), "hue-dot-3.txt")
    graph = "https://w3id.org/vnge/graph/plan/eli/vn/hue/2026/kept"
    kept = (f'<https://w3id.org/vnge/eli/vn/hue/2026/kept> <http://www.w3.org/ns/prov#wasDerivedFrom> '
            f'<https://w3id.org/vnge/source/{"a" * 64}> <{graph}> .\n')
    corpus.keep(kept.encode(), "kept.txt", sha256="a" * 64, graph=True)
    first = _build_under(1, tmp_path / "seed1")
    second = _build_under(4, tmp_path / "seed4")
    dump = (first / "dump.nq").read_text("utf-8")
    assert "(đợt 03)" in dump and f"<{graph}> ." in dump  # the corpus was built
    for name in ("dump.nq", "report.ttl", "report.txt", "report.json", "report-pyshacl.ttl"):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        assert len(a) > 1000, f"{name} is nearly empty: the comparison would prove nothing"
        assert a == b, f"{name} differs between PYTHONHASHSEED=1 and 4"
    report = json.loads((first / "report.json").read_text("utf-8"))
    assert sum(report["counts"].values()) > 10  # findings exist, so their order was compared


DEFECTS = r"""
import sys
from kg.validation import render, validate_store
from tests.validation.test_compiled import _store_with_defects

store = _store_with_defects()
for engine in ("sparql", "pyshacl"):
    sys.stdout.write(render(validate_store(store, audits=[], engine=engine), "turtle"))
"""


@pytest.mark.slow
def test_findings_that_tie_on_plan_shape_focus_and_value_come_out_in_one_order(tmp_path: Path) -> None:
    """The injected-defects store has findings that differ only in their constraint component (two
    constraints on one value): under two seeds both engines give the same report bytes."""
    outputs = []
    for seed in (1, 4):
        env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", DEFECTS], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-3000:]
        outputs.append(done.stdout)
    assert outputs[0].count("sh:ValidationResult") > 200
    assert outputs[0] == outputs[1]


def test_the_order_of_findings_is_total() -> None:
    from kg.validation.model import Finding
    from kg.validation.model import dedupe as _dedupe

    common = {"severity": "Violation", "focus": "urn:f", "shape": "urn:s", "message_vi": "m", "plan": "urn:p",
              "path": "urn:path", "value": "7.5"}
    a = Finding(component="urn:DatatypeConstraintComponent", message_en="datatype", **common)
    b = Finding(component="urn:MinInclusiveConstraintComponent", message_en="minimum", **common)
    assert _dedupe([a, b]) == _dedupe([b, a]) == [a, b]


def test_findings_differing_only_in_component_are_two_results_in_the_report_graph() -> None:
    from rdflib import RDF

    from kg.rdf.namespaces import SH
    from kg.validation import Finding, ValidationReport, report_graph

    common = {"severity": "Violation", "focus": "urn:f", "shape": "urn:s", "message_vi": "m", "plan": "urn:p",
              "path": "urn:path", "value": "7.5"}
    report = ValidationReport(findings=[
        Finding(component="urn:DatatypeConstraintComponent", message_en="datatype", **common),
        Finding(component="urn:MinInclusiveConstraintComponent", message_en="minimum", **common)])
    graph = report_graph(report)
    results = list(graph.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == 2
    assert all(len(list(graph.objects(r, SH.sourceConstraintComponent))) == 1 for r in results)
