"""The `kg` command line: exit codes (README) and messages that name the file and say what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_validate_exits_1_on_violations_and_writes_the_audit_graph(built_store, tmp_path):
    path, _ = built_store
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    out = kg("validate", "--store", str(copy), "--format", "json")
    assert out.returncode == 1, out.stderr
    assert '"conforms": false' in out.stdout
    import pyoxigraph as ox

    store = ox.Store.read_only(str(copy))
    rows = list(store.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?r a sh:ValidationResult } "
        "FILTER(STRENDS(STR(?g), '/graph/audit')) }"
    ))
    assert int(rows[0][0].value) > 0


def test_validate_without_a_store_says_how_to_make_one(tmp_path):
    out = kg("validate", "--store", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert "nowhere" in out.stderr and "Traceback" not in out.stderr


def test_extract_of_an_empty_file_names_it(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = kg("extract", str(empty), "--json")
    assert out.returncode == 2
    assert "empty.txt" in out.stderr and "Traceback" not in out.stderr


def test_ingest_reports_each_file_and_fails_on_a_non_plan(built_store, tmp_path):
    path, _ = built_store
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    not_a_plan = tmp_path / "recipe.txt"
    not_a_plan.write_text("Phở bò: nước dùng, bánh phở, thịt bò, hành lá.\n" * 20, "utf-8")
    out = kg("ingest", "--store", str(copy), str(not_a_plan))
    assert out.returncode == 1
    assert "recipe.txt" in out.stdout and "does not look like an implementation plan" in out.stdout


def test_ingest_into_a_missing_store(tmp_path):
    plan = next((ROOT / "data" / "plans").glob("*.txt"))
    out = kg("ingest", "--store", str(tmp_path / "none"), str(plan))
    assert out.returncode == 2 and "kg build" in out.stderr


@pytest.mark.slow  # several seconds (processes started and killed); runs in make test
def test_the_corpus_commands_say_what_they_did(tmp_path, own_corpus):
    """kg build --if-needed, kg ingest, kg list, kg remove, kg dump and kg restore, as typed."""
    from tests.pipeline.test_build import small_data
    from tests.pipeline.test_crash_recovery import numbered_copy

    data = small_data(tmp_path, 1)
    store = str(tmp_path / "store")
    built = kg("build", "--data", str(data), "--store", store, "--if-needed")
    assert built.returncode == 0 and "rebuilding" in built.stdout and "there is no store yet" in built.stdout
    again = kg("build", "--data", str(data), "--store", store, "--if-needed")
    assert again.returncode == 0 and "is up to date" in again.stdout and "not rebuilt" in again.stdout
    plan = tmp_path / "hue-dot-5.txt"
    plan.write_text(numbered_copy(next((ROOT / "data" / "plans").glob("hue_*.txt")), 5), "utf-8")
    ingested = kg("ingest", "--store", store, str(plan))
    assert ingested.returncode == 0 and f"kept in the corpus {own_corpus}" in ingested.stdout
    listed = kg("list", "--store", store)
    assert listed.returncode == 0
    assert any(line.startswith("in store") and "hue-dot-5.txt" in line and "corpus" in line
               for line in listed.stdout.splitlines()), listed.stdout
    unknown = kg("remove", "nothing-like-this.txt", "--store", store)
    assert unknown.returncode == 2 and "kg list" in unknown.stderr and "Traceback" not in unknown.stderr
    dumped = kg("dump", str(tmp_path / "all.nq.gz"), "--store", store)
    assert dumped.returncode == 0 and (tmp_path / "all.nq.gz").stat().st_size > 1000
    removed = kg("remove", "hue-dot-5.txt", "--store", store)
    assert removed.returncode == 0 and "removed    hue-dot-5.txt" in removed.stdout
    restored = kg("restore", str(tmp_path / "all.nq.gz"), "--store", store, "--data", str(data))
    assert restored.returncode == 0 and "restored" in restored.stdout
    assert "hue-dot-5.txt" in kg("list", "--store", store).stdout  # the dump still had it
    bad = kg("restore", str(tmp_path / "missing.nq.gz"), "--store", store)
    assert bad.returncode == 2 and "missing.nq.gz" in bad.stderr and "Traceback" not in bad.stderr
