"""Where the project's own files are: the ontology, the shapes and audits (one place for all paths)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
AUDITS_DIR = SHAPES_DIR / "audits"
