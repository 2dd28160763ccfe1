"""A build made in memory and written to disk (kg/pipeline/persist.py) gives the same store as one
streamed to disk, blank-node labels included."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline.build import build
from kg.pipeline.persist import DiskWriter, blank_lines, in_memory, split_lines
from tests.conftest import ROOT

LINES = [
    b'<http://ex/a> <http://ex/p> "plain" <http://ex/g> .\n',
    b"_:b1 <http://ex/p> <http://ex/o> <http://ex/g> .\n",
    b'<http://ex/a> <http://ex/p> "a literal with _: in it" <http://ex/g> .\n',
    b"<http://ex/a> <http://ex/q> _:b2 <http://ex/g> .\n",
    b"<http://ex/c> <http://ex/p> <http://ex/d> <http://ex/g> .\n",
]


def test_every_line_with_a_blank_node_is_set_apart():
    plain, blank = blank_lines(b"".join(LINES))
    assert plain == LINES[0] + LINES[4]
    # the literal holding "_:" goes with the blank lines: harmless, they are parsed as they are
    assert blank == LINES[1] + LINES[2] + LINES[3]
    assert blank_lines(LINES[0]) == (LINES[0], b"")


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_split_lines_keeps_whole_lines_in_order(parts):
    data = b"".join(LINES)
    pieces = split_lines(data, parts)
    assert b"".join(pieces) == data
    assert 1 <= len(pieces) <= parts
    assert all(piece.endswith(b"\n") for piece in pieces)


def test_the_writer_keeps_blank_node_labels(tmp_path):
    memory = ox.Store()
    memory.bulk_extend(ox.parse(b"".join(LINES), format=ox.RdfFormat.N_QUADS))
    writer = DiskWriter(tmp_path / "store")
    writer.write(memory.dump(format=ox.RdfFormat.N_QUADS))
    store = writer.finish()
    assert sorted(map(str, store)) == sorted(map(str, memory))
    assert {q.subject.value for q in store if isinstance(q.subject, ox.BlankNode)} == {"b1"}


def test_the_threshold_reads_the_setting(monkeypatch):
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "3")
    assert in_memory(3) and not in_memory(4)
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "0")
    assert not in_memory(1)
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "many")  # not a whole number: the default
    assert in_memory(5)


def _dump(path: Path) -> bytes:
    return ox.Store.read_only(str(path)).dump(format=ox.RdfFormat.N_QUADS)


def test_a_build_in_memory_equals_a_build_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "0")
    on_disk = build(ROOT / "data", str(tmp_path / "disk"))
    monkeypatch.setenv("VNGE_BUILD_IN_MEMORY", "100")
    in_mem = build(ROOT / "data", str(tmp_path / "memory"))
    assert "write" in in_mem.phases and "write" not in on_disk.phases
    assert in_mem.findings == on_disk.findings and len(in_mem.plans) == len(on_disk.plans) >= 5
    # byte for byte, in the store's own order: blank nodes (the ontology's axioms) keep their labels
    assert _dump(tmp_path / "memory") == _dump(tmp_path / "disk")
