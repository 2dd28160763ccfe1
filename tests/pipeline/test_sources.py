"""Which files of a corpus folder are plans: every format a researcher saves a plan in, not the
folder's own notes."""

from __future__ import annotations

from pathlib import Path

from kg.pipeline.sources import plan_files


def test_plan_files_take_every_format_but_not_the_folders_notes(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf", "README.md", "SOURCES.md",
                 "notes.txt", "image.png", "data.json"):
        (tmp_path / name).write_text("x", "utf-8")
    assert [p.name for p in plan_files(tmp_path)] == ["a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf"]
    assert plan_files(tmp_path / "missing") == []
