"""Crashes (issue 7, item 3): kill -9 an ingest in the middle of a batch, then the store opens, holds
exactly the plans committed before the kill (each plan graph complete or absent), and a re-run
completes the batch with no duplicates. A dump/restore round trip (N-Quads) gives the same graph.

The batch is 42 distinct plans (three seed plans × 14, each copy's title numbered so that each is
its own plan); ingest runs in tests/pipeline/ingest_driver.py, which calls kg.pipeline.ingest.ingest and
prints a line after each committed file. No slow-down hook is used.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph

from kg.pipeline.build import build
from kg.pipeline.staging import stable_bnode_labels
from kg.pipeline.summary import is_current, summary_ntriples
from kg.rdf.namespaces import VNP, graph_iri
from kg.rdf.terms import ox_to_rdflib
from tests.conftest import ROOT
from tests.pipeline.test_build import dump, small_data

DRIVER = ROOT / "tests" / "pipeline" / "ingest_driver.py"
SUMMARY = str(graph_iri("summary"))
AUDIT = str(graph_iri("audit"))
SEEDS = [p for p in sorted((ROOT / "data" / "plans").glob("*.txt"))
         if p.name.startswith(("bac-kan", "hue", "lai-chau"))]
COPIES = 14


def numbered_copy(seed: Path, k: int) -> str:
    """The seed plan with ' (đợt k)' after the first line of its title: a different plan."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    head = next(i for i, line in enumerate(lines) if line.strip(" *").upper().startswith("KẾ HOẠCH"))
    title = head if len(lines[head].strip(" *")) > len("KẾ HOẠCH") else next(
        i for i in range(head + 1, len(lines)) if lines[i].strip())
    lines[title] = lines[title].rstrip() + f" (đợt {k:02d})"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[str]]:
    """(base store, batch files in ingest order, sorted N-Quads of the uninterrupted batch)."""
    tmp = tmp_path_factory.mktemp("hardening-crash")
    base = tmp / "base"
    build(small_data(tmp, 1), str(base))
    batch = tmp / "batch"
    batch.mkdir()
    for k in range(1, COPIES + 1):
        for seed in SEEDS:
            (batch / f"{k:02d}-{seed.name}").write_text(numbered_copy(seed, k), encoding="utf-8")
    files = sorted(batch.iterdir())
    reference = tmp / "reference"
    shutil.copytree(base, reference)
    out = subprocess.run([sys.executable, str(DRIVER), str(reference), *map(str, files)],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    assert out.count(" added\n") == len(files) == 3 * COPIES  # every copy is a new, distinct plan
    return base, files, dump(reference)


def _summary_recomputed(store: ox.Store) -> list[str]:
    """graph/summary as a whole recomputation over ``store`` gives it, as sorted N-Quads lines."""
    def select(text: str) -> list[dict[str, object]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        return [{n: ox_to_rdflib(r[n]) if r[n] is not None else None for n in names} for r in rows]

    return sorted(line[:-2] + f" <{SUMMARY}> ." for line in summary_ntriples(select).decode().splitlines())


def _file_graphs(path: Path) -> dict[str, str]:
    """file name → named graph, for every plan graph in the store (opening it must succeed)."""
    store = ox.Store(str(path))
    try:
        rows = store.query(f"SELECT ?f ?g WHERE {{ GRAPH ?g {{ ?s <{VNP.fileName}> ?f }} }}")
        return {row["f"].value: row["g"].value for row in rows}
    finally:
        del store


@pytest.mark.slow
def test_kill_9_mid_batch_keeps_whole_plans_and_a_rerun_completes_without_duplicates(setup, tmp_path) -> None:
    base, files, expected = setup
    store = tmp_path / "store"
    shutil.copytree(base, store)
    process = subprocess.Popen([sys.executable, str(DRIVER), str(store), *map(str, files)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    done: list[str] = []
    begun: list[str] = []
    for line in process.stdout:
        kind, name = line.split()[:2]
        (done if kind == "done" else begun).append(name)
        if len(done) == len(files) // 3:
            os.kill(process.pid, signal.SIGKILL)
            break
    for line in process.stdout:  # what it printed before dying
        kind, name = line.split()[:2]
        (done if kind == "done" else begun).append(name)
    assert process.wait(30) == -signal.SIGKILL
    assert 0 < len(done) < len(files), "the kill must land in the middle of the batch"

    present = _file_graphs(store)
    base_files = set(_file_graphs(base))
    ingested = set(present) - base_files
    # every file reported committed is there; at most the one in flight besides, nothing later
    assert set(done) <= ingested <= set(done) | {begun[-1]}
    # each present plan graph is complete: exactly its quads from the uninterrupted run
    lines = dump(store)
    for graph in sorted(set(present.values())):
        suffix = f"<{graph}> ."
        assert [q for q in lines if q.endswith(suffix)] == [q for q in expected if q.endswith(suffix)], graph
    # graph/summary and the findings follow each committed plan in a second request: a kill between
    # the two leaves the summary marked stale and the plan's findings marked outdated, never wrong
    derived = (f"<{SUMMARY}> .", f"<{AUDIT}> .")
    assert set(q for q in lines if not q.endswith(derived)) <= set(expected)
    reader = ox.Store.read_only(str(store))
    if reader.query(is_current()):
        assert sorted(q for q in lines if q.endswith(derived[0])) == _summary_recomputed(reader)
    del reader

    rerun = subprocess.run([sys.executable, str(DRIVER), str(store), *map(str, files)],
                           capture_output=True, text=True, timeout=300, check=True).stdout
    statuses = dict(line.split()[1:3] for line in rerun.splitlines() if line.startswith("done "))
    assert {f for f, s in statuses.items() if s == "unchanged"} == ingested
    assert {f for f, s in statuses.items() if s == "added"} == {f.name for f in files} - ingested
    assert dump(store) == expected  # nothing missing, nothing twice


def _canonical(graph_nquads: str) -> list[str]:
    """Sorted N-Triples of a graph with blank nodes relabelled deterministically (kg.pipeline.build labels)."""
    graph = Graph()
    graph.parse(data=graph_nquads, format="nt")
    labels = stable_bnode_labels(graph)

    def term(t) -> str:  # type: ignore[no-untyped-def]
        return f"_:{labels[t]}" if isinstance(t, BNode) else t.n3()

    return sorted(f"{term(s)} {term(p)} {term(o)} ." for s, p, o in graph)


def test_nquads_dump_and_restore_gives_the_same_graphs(built_store, tmp_path) -> None:
    path, _ = built_store
    original = ox.Store.read_only(str(path))
    data = original.dump(format=ox.RdfFormat.N_QUADS)
    restored = ox.Store(str(tmp_path / "restored"))
    restored.load(data, format=ox.RdfFormat.N_QUADS)
    restored.flush()
    graphs = sorted(g.value for g in original.named_graphs())
    assert graphs and graphs == sorted(g.value for g in restored.named_graphs())
    assert len(original) == len(restored)
    with_bnodes = 0
    for name in graphs:
        g = ox.NamedNode(name)
        a = original.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8")
        b = restored.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8")
        if "_:" in a:
            with_bnodes += 1
            assert _canonical(a) == _canonical(b), name
        else:
            assert sorted(a.splitlines()) == sorted(b.splitlines()), name
    assert with_bnodes >= 1  # the ontology's OWL axioms: the blank-node path was exercised
    default = original.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    assert sorted(default.splitlines()) == sorted(
        restored.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8").splitlines())


@pytest.mark.slow
@pytest.mark.parametrize(("in_memory", "wait"), [
    ("0", 0.5),  # streamed to disk: the staging folder is written from the extraction on
    ("1000", 0.0),  # in memory: the folder appears when the writer starts, before the derived phases
])
def test_kill_9_during_a_build_leaves_the_previous_store_and_a_rebuild_works(setup, tmp_path, monkeypatch,
                                                                            in_memory, wait) -> None:
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", in_memory)
    base, files, _ = setup
    store = tmp_path / "store"
    shutil.copytree(base, store)
    before = dump(store)
    data = small_data(tmp_path, 5)
    for f in files:  # a longer build, so that the kill lands in its middle
        shutil.copy(f, data / "plans" / f.name)
    code = (f"from pathlib import Path; from kg.pipeline.build import build; print('start', flush=True); "
            f"build(Path({str(data)!r}), {str(store)!r})")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "start"
    staging = store.with_name(store.name + ".building")
    deadline = time.monotonic() + 60
    while not staging.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # wait until the build is writing its staging store
    time.sleep(wait)
    assert process.poll() is None, "the build ended before the kill: make it longer"
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(30) == -signal.SIGKILL
    assert dump(store) == before  # the store in place is the previous one, and it opens
    build(data, str(store))  # a new build clears the leftover staging folder and completes
    assert not staging.exists()
    assert len(_file_graphs(store)) == 5 + len(files)
