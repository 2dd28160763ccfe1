"""kg/rdf/namespaces.py: the base of data IRIs, read once per plan's mapping (``pinned_base``) and
afresh after it, so that ``VNGE_BASE`` may change between two builds or tests of one process."""

from __future__ import annotations

import pytest

from kg.rdf.context import SourceInfo
from kg.rdf.mapping import map_triples
from kg.rdf.namespaces import base, mint_iri, pinned_base
from tests.conftest import ROOT


def test_the_base_is_read_once_in_a_pinned_block_and_afresh_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGE_BASE", "https://a.example/kg")
    with pinned_base() as pinned:
        assert pinned == base() == "https://a.example/kg/"
        monkeypatch.setenv("VNGE_BASE", "https://b.example/")
        assert str(mint_iri("unit", "hai-phong")) == "https://a.example/kg/id/dvhc/hai-phong"
        with pinned_base() as inner:  # nested: the outer block's base stays after the inner one
            assert inner == "https://a.example/kg/"
        assert base() == "https://a.example/kg/"
    assert base() == "https://b.example/"
    assert str(mint_iri("unit", "hai-phong")) == "https://b.example/id/dvhc/hai-phong"


def test_a_pinned_block_left_by_an_error_unpins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGE_BASE", "https://a.example/")
    with pytest.raises(KeyError), pinned_base():
        mint_iri("no-such-kind", "x")
    monkeypatch.setenv("VNGE_BASE", "https://b.example/")
    assert str(mint_iri("person", "x")) == "https://b.example/id/person/x"


def test_two_mappings_in_one_process_follow_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract import extract_plan

    path = sorted((ROOT / "data" / "plans").glob("*.txt"))[0]
    text = path.read_text("utf-8")
    x = extract_plan(text)
    source = SourceInfo("0" * 64, path.name, "text/plain")
    for b in ("https://a.example/", "https://b.example/x/"):
        monkeypatch.setenv("VNGE_BASE", b)
        plan, triples = map_triples(x, text, source)
        assert plan.startswith(b)
        minted = {t for triple in triples for t in triple if t.startswith("https://") and "example" in t}
        assert minted and all(t.startswith(b) for t in minted)


def test_a_pinned_block_holds_for_its_own_thread_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setenv("VNGE_BASE", "https://a.example/")
    seen: list[str] = []
    inside, changed = threading.Event(), threading.Event()

    def other() -> None:  # another thread reads the setting while this one is pinned
        inside.wait(5)
        seen.append(base())
        changed.set()

    thread = threading.Thread(target=other)
    thread.start()
    with pinned_base():
        monkeypatch.setenv("VNGE_BASE", "https://b.example/")
        inside.set()
        changed.wait(5)
        assert base() == "https://a.example/"
    thread.join()
    assert seen == ["https://b.example/"]
