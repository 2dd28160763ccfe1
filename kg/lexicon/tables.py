"""The curated tables of kg/lexicon/data/*.tsv: tab-separated rows, "#" starts a comment line."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# package data (kg/lexicon/data/), found the way kg.resources finds the others (an installed kg too)
DATA = Path(str(files(__package__ or "kg.lexicon").joinpath("data")))


def rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
