"""The curated province table (kg/lexicon/data/provinces.tsv) against the official unit lists of
both eras in ../shared/reference-data/admin-units (Quyết định 19/2025/QĐ-TTg; the NSO conversion
table; Resolution 202/2025/QH15): the 34 units from 1 July 2025 with their type, and each old
province's successor. The lists are not copied into the repository: the test reads them in place,
skips when they are absent and fails under CI=true."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from kg.lexicon import province_for, provinces
from kg.text.normalize import fold_keep

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT.parent / "shared" / "reference-data" / "admin-units"


def _rows(name: str) -> list[dict[str, str]]:
    path = UNITS / name
    if not path.is_file():
        message = f"the official unit lists are not at {UNITS} (../shared/reference-data beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _bare(name: str) -> str:
    for word in ("Thành phố ", "Tỉnh "):
        name = name.removeprefix(word)
    return fold_keep(name)


def test_the_34_units_after_the_reform_with_their_type() -> None:
    rows = _rows("post-2025/provinces.csv")
    table = provinces()
    after = {fold_keep(p.name): p for p in table.values() if not p.valid_until}
    types = {
        r["name"]: "municipality" if r["unit_type"].startswith("Thành phố") else "province" for r in rows
    }
    assert len(rows) == len(after) == 34
    assert {name: after[fold_keep(name)].unit_type for name in types} == types


def test_every_old_province_resolves_to_its_successor_after_the_reform() -> None:
    rows = _rows("mapping-2025/province_old_to_new.csv")
    table = provinces()
    before = {fold_keep(p.name): p for p in table.values() if not p.valid_from or p.slug == "hue"}
    wrong = []
    for r in rows:
        old = before[_bare(r["old_province_name"])]
        now = province_for(old.slug, "2025-08-01")
        successor = now if r["change"] == "unchanged" or not old.successor else table[old.successor]
        if fold_keep(successor.name) != _bare(r["new_province_name"]):
            wrong.append((r["old_province_name"], successor.name, r["new_province_name"]))
    assert len(rows) == 63 and wrong == []
