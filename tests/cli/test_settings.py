"""The settings of kg are declared once (kg/settings.py) and documented (README "Settings of kg")."""

from __future__ import annotations

import re

from kg.settings import SETTINGS
from tests.conftest import ROOT


def test_every_kg_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Settings of kg", 1)[1].split("\n#", 1)[0]
    assert len(SETTINGS) >= 3
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in table, setting.name
        assert setting.help


def test_kg_reads_no_undeclared_environment_variable() -> None:
    declared = {s.name for s in SETTINGS}
    read = set()
    for path in (ROOT / "kg").rglob("*.py"):
        if path.name != "settings.py":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"os\.environ\.get|os\.getenv|os\.environ\[", text), (
                f"{path}: read settings through kg/settings.py")
            read |= set(re.findall(r"\b(?:VNGE|KG)_[A-Z_]+\b", text))
    assert read <= declared | {"VNGE_STORE"}, read - declared  # VNGE_STORE: a service setting, in help texts
