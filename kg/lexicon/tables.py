"""The curated tables of kg/lexicon/data/*.tsv: tab-separated rows, "#" starts a comment line."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).with_name("data")


def rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
