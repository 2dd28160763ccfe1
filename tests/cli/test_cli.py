"""The `kg` command line: exit codes (README) and messages that name the file and say what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys

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
