"""Settings are declared once, parsed from the environment, documented in README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.app import gunicorn_options
from service.config import SETTINGS, load_config
from service.pages.canned import load_queries

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_with_help() -> None:
    text = README.read_text(encoding="utf-8")
    assert SETTINGS
    for setting in SETTINGS:
        assert setting.help.endswith("."), setting.name
        assert f"`{setting.name}`" in text, f"{setting.name} missing from README.md"


def test_every_canned_query_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    queries = load_queries()
    assert queries
    for name in queries:
        assert f"`{name}`" in text, f"canned query {name} missing from README.md"


def test_environment_is_parsed_by_type_and_overrides_win() -> None:
    env = {"VNGE_QUERY_TIMEOUT": "2.5", "VNGE_MAX_ROWS": "7", "VNGE_ALLOW_SERVICE": "yes",
           "VNGE_BASE": "http://example.org/kg"}
    config = load_config({"VNGE_MAX_ROWS": "9"}, environ=env)
    assert config["VNGE_QUERY_TIMEOUT"] == 2.5 and config["VNGE_MAX_ROWS"] == 9
    assert config["VNGE_ALLOW_SERVICE"] is True and config["VNGE_BASE"] == "http://example.org/kg/"
    assert load_config(environ={})["VNGE_UPDATE_TOKEN"] == ""


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(ValueError, match="VNGE_PORT='eighty'"):
        load_config(environ={"VNGE_PORT": "eighty"})


def test_gunicorn_options_follow_settings() -> None:
    options = gunicorn_options(load_config(environ={"VNGE_PORT": "9001", "VNGE_WORKERS": "3",
                                                    "VNGE_ACCESS_LOG": "off"}))
    assert options["bind"] == "127.0.0.1:9001" and options["workers"] == 3
    assert options["accesslog"] is None and options["worker_class"] == "gthread"


def test_config_file_is_read_and_environment_overrides_it(tmp_path: Path) -> None:
    file = tmp_path / "vnge.env"
    file.write_text("# service settings\nVNGE_PORT=8123\nVNGE_MAX_ROWS = 77\nVNGE_STORE='/srv/store'\n",
                    encoding="utf-8")
    config = load_config(environ={"VNGE_CONFIG": str(file), "VNGE_MAX_ROWS": "5"})
    assert config["VNGE_PORT"] == 8123 and config["VNGE_MAX_ROWS"] == 5 and config["VNGE_STORE"] == "/srv/store"
    file.write_text("VNGE_PROT=1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"vnge.env:1: expected KEY=VALUE"):
        load_config(environ={"VNGE_CONFIG": str(file)})


def test_serving_a_missing_store_is_a_clear_cli_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from kg.cli import main

    assert main(["serve", "--store", str(tmp_path / "missing"), "--port", "1"]) == 2
    assert "kg build --store" in capsys.readouterr().err
