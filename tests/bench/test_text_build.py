"""`bench/build_speed.py --from-text` (bench/text_build.py): `kg build` from generated plan texts beside
the bare in-memory bulk load of what it built, on a tiny corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from generate import write_texts  # noqa: E402
from text_build import data_folder, run  # noqa: E402


def test_the_data_folder_links_the_reference_data_the_units_and_the_texts(tmp_path: Path) -> None:
    write_texts(0.01, tmp_path / "corpus", seed=7, limit=2)
    data = data_folder(tmp_path / "corpus", tmp_path / "work")
    names = sorted(p.name for p in (data / "reference").iterdir())
    assert "synthetic-units.ttl" in names and "units.ttl" in names
    assert sorted(p.name for p in (data / "plans").glob("*.txt")) == sorted(
        p.name for p in (tmp_path / "corpus" / "texts").glob("*.txt"))
    with pytest.raises(SystemExit, match="--texts-only"):
        data_folder(tmp_path / "work", tmp_path / "elsewhere")


@pytest.mark.slow
def test_from_text_times_a_build_and_the_bare_load_of_its_quads(tmp_path: Path) -> None:
    write_texts(0.01, tmp_path / "corpus", seed=7, limit=3)
    lines = run(tmp_path / "corpus", tmp_path / "work" / "store")
    text = "\n".join(lines)
    assert "| `kg build` from 3 texts (3 plans) |" in text
    for phase in ("extraction", "load", "entities", "inference", "summary", "validation"):
        assert f"| — {phase} |" in text
    built = len(ox.Store.read_only(str(tmp_path / "work" / "store")))
    assert f"| {built:,} quads, peak RSS" in text  # the bare load read every quad of the build
    for parts in (1, 2):  # and the on-disk loads too, the blank-node lines included
        assert f"(`Store(path)`, {parts} at once) | " in text
    assert text.count(f"| {built:,} quads | ") == 2
    assert "**build / bare load = " in text and "failed files: none" in text
    assert not (tmp_path / "work" / "store.dump.nq").exists()
