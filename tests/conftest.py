"""Shared fixtures: the graph built from data/ (five plans + reference data), built once per session."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory):
    """(store path, BuildReport) of a fresh build of data/ with the default IRI base."""
    from kg.pipeline.build import build

    path = tmp_path_factory.mktemp("store") / "store"
    report = build(ROOT / "data", str(path))
    return path, report


@pytest.fixture(scope="session")
def store(built_store) -> ox.Store:
    path, _ = built_store
    return ox.Store.read_only(str(path))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Run a SELECT over the union of named graphs; rows as {variable: lexical value}."""
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]
