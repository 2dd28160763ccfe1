"""The corpus is the source of truth (issue 16, item 1): what `kg ingest` accepts is kept in the
corpus folder and every later build has it; `kg remove` takes a plan out of the store and the corpus;
`kg build --if-needed` rebuilds only a store that is not up to date; a rebuild never drops a plan
the store holds without a file in the corpus; `kg dump` / `kg restore` give the same graphs."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.pipeline.archive import dump as dump_store
from kg.pipeline.archive import restore
from kg.pipeline.build import build
from kg.pipeline.corpus import Corpus
from kg.pipeline.ingest import ingest
from kg.pipeline.listing import listing
from kg.pipeline.remove import remove
from kg.pipeline.state import read_state, write_state
from tests.pipeline.test_build import PLANS, dump, small_data

LAI_CHAU = next(PLANS.glob("lai-chau_*.txt"))


def plans_in(store: Path) -> set[str]:
    reader = ox.Store.read_only(str(store))
    try:
        rows = reader.query("SELECT DISTINCT ?f WHERE { GRAPH ?g { ?s <https://w3id.org/vnge/ontology#fileName> ?f } }")
        return {r["f"].value for r in rows}
    finally:
        del reader


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder with one seed plan, the store built from it)."""
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    return data, store


def test_an_ingested_plan_is_kept_in_the_corpus_and_survives_a_rebuild(built, own_corpus, tmp_path):
    data, store = built
    outside = tmp_path / "elsewhere" / LAI_CHAU.name
    outside.parent.mkdir()
    shutil.copy(LAI_CHAU, outside)
    (result,) = ingest([outside], str(store))
    assert result.status == "added"
    kept = Path(result.kept)
    assert kept.read_bytes() == LAI_CHAU.read_bytes() and kept.name == LAI_CHAU.name
    assert kept.parent.parent == own_corpus  # <corpus>/<sha256>/<original name>
    outside.unlink()  # the user's own copy may go: the corpus has it
    before = plans_in(store)
    assert LAI_CHAU.name in before
    report = build(data, str(store))  # a full rebuild from data/ and the corpus
    assert plans_in(store) == before and not report.failed


@pytest.mark.slow  # several seconds (processes started and killed); runs in make test
def test_build_if_needed_skips_an_up_to_date_store_and_rebuilds_a_changed_one(built, tmp_path):
    data, store = built
    quads = dump(store)
    assert build(data, str(store), if_needed=True).skipped
    (result,) = ingest([LAI_CHAU], str(store))  # ingest records the new corpus state
    assert result.status == "added"
    after_ingest = dump(store)
    skipped = build(data, str(store), if_needed=True)
    assert skipped.skipped and dump(store) == after_ingest and after_ingest != quads
    shutil.copy(sorted(PLANS.glob("quang-ninh_*.txt"))[0], data / "plans")
    rebuilt = build(data, str(store), if_needed=True)
    assert not rebuilt.skipped and "the corpus changed" in rebuilt.reason
    assert LAI_CHAU.name in plans_in(store) and len(plans_in(store)) == 3
    (data / "reference" / "extra.ttl").write_text("<https://w3id.org/vnge/x> a <https://w3id.org/vnge/y> .\n")
    assert "reference data" in build(data, str(store), if_needed=True).reason


def test_a_rebuild_keeps_a_plan_the_store_holds_without_its_file(built, tmp_path):
    """A plan ingested before the corpus existed (no file kept) survives the first rebuild: its graph
    is kept in the corpus, then built like the others."""
    data, store = built
    (result,) = ingest([LAI_CHAU], str(store), keep=False)  # as an older kg ingest did
    assert result.status == "added" and not result.kept
    write_state(store, None)  # an older kg build wrote no record either
    before = {q for q in dump(store) if "graph/plan/" in q.rsplit(" ", 2)[-2]}
    report = build(data, str(store), if_needed=True)
    assert report.kept == [result.plan]
    assert {q for q in dump(store) if "graph/plan/" in q.rsplit(" ", 2)[-2]} == before
    entries, _ = listing(str(store))
    assert [(e.state, e.origin) for e in entries if e.name == LAI_CHAU.name] == [("in store", "corpus")]
    assert "graph kept without its file" in next(e.note for e in entries if e.name == LAI_CHAU.name)


def test_remove_takes_a_plan_out_of_store_and_corpus_and_a_rebuild_does_not_bring_it_back(built, own_corpus):
    data, store = built
    (result,) = ingest([LAI_CHAU], str(store))
    assert Corpus(own_corpus).entries()
    removed = remove(LAI_CHAU.name, str(store))
    assert removed.plans == [result.plan] and removed.files == [LAI_CHAU.name]
    assert LAI_CHAU.name not in plans_in(store) and not Corpus(own_corpus).entries()
    assert build(data, str(store), if_needed=True).skipped  # the record follows the removal
    build(data, str(store))
    assert LAI_CHAU.name not in plans_in(store)


def test_remove_by_plan_iri_and_a_plans_folder_file_is_refused(built):
    data, store = built
    (result,) = ingest([LAI_CHAU], str(store))
    seed = next((data / "plans").iterdir())
    with pytest.raises(InputError) as refused:
        remove(seed.name, str(store))
    assert "kept by hand" in str(refused.value) and "kg build" in str(refused.value)
    with pytest.raises(InputError) as unknown:
        remove("no-such-plan.txt", str(store))
    assert "kg list" in str(unknown.value)
    assert remove(result.plan, str(store)).plans == [result.plan]  # type: ignore[arg-type]


def test_a_new_version_under_the_same_name_replaces_the_kept_file(built, own_corpus, tmp_path):
    data, store = built
    (first,) = ingest([LAI_CHAU], str(store))
    changed = tmp_path / LAI_CHAU.name
    changed.write_text(LAI_CHAU.read_text("utf-8").replace("Nguyễn Thị Nhàn", "Nguyễn Văn An"), "utf-8")
    (second,) = ingest([changed], str(store))
    assert second.status == "replaced"
    entries = Corpus(own_corpus).entries()
    assert [e.path.read_bytes() for e in entries] == [changed.read_bytes()]
    assert build(data, str(store), if_needed=True).skipped


def test_list_shows_each_file_with_its_state(built, tmp_path):
    data, store = built
    ingest([LAI_CHAU], str(store))
    (data / "plans" / "zz_not_a_plan.txt").write_text("Biên bản họp chi bộ tháng 3.\n", "utf-8")
    build(data, str(store))
    shutil.copy(sorted(PLANS.glob("quang-ninh_*.txt"))[0], data / "plans")
    entries, folder = listing(str(store))
    states = {e.name: e.state for e in entries}
    assert states[LAI_CHAU.name] == "in store"
    assert states["zz_not_a_plan.txt"] == "failed"
    assert states[sorted(PLANS.glob("quang-ninh_*.txt"))[0].name] == "not built"
    assert Path(folder) == Path(os.environ["VNGE_CORPUS"])


def test_a_corpus_that_cannot_be_written_fails_the_file_and_leaves_the_store_unchanged(built, tmp_path):
    """The corpus folder cannot be made (a file is in the way, which stops root too): the file fails
    with a message naming the folder and the setting, and the store is not touched."""
    data, store = built
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    state = read_state(store)
    assert state is not None
    state.corpus = str(blocker / "corpus")
    write_state(store, state)
    before = dump(store)
    (result,) = ingest([LAI_CHAU], str(store))
    assert result.status == "failed" and "VNGE_CORPUS" in result.message and "not changed" in result.message
    assert dump(store) == before


def test_dump_and_restore_give_the_same_graphs(built, tmp_path):
    data, store = built
    ingest([LAI_CHAU], str(store))
    archive = tmp_path / "vnge.nq.gz"
    dump_store(str(store), archive)
    with gzip.open(archive) as f:
        assert f.read(1) == b"<"
    restored = tmp_path / "restored"
    restore(archive, str(restored), data)
    assert dump(restored) == dump(store)
    again = tmp_path / "again.nq.gz"
    dump_store(str(restored), again)
    assert again.read_bytes() == archive.read_bytes()  # blank-node labels are kept
    assert build(data, str(restored), if_needed=True).skipped  # a restored store is kept as it is
    (tmp_path / "bad.nq").write_text("this is not N-Quads\n")
    before = dump(restored)
    with pytest.raises(InputError) as bad:
        restore(tmp_path / "bad.nq", str(restored), data)
    assert "not changed" in str(bad.value) and dump(restored) == before



def test_a_build_without_the_corpus_setting_reads_the_corpus_the_store_was_built_from(built, own_corpus,
                                                                                      monkeypatch, tmp_path):
    """Files kept in the corpus folder VNGE_CORPUS named are found by a later build run without the
    setting (the store's record names the folder), and a build reading another corpus folder keeps
    the former one's plans as graphs: a changed setting never drops a plan."""
    data, store = built
    ingest([LAI_CHAU], str(store))
    monkeypatch.delenv("VNGE_CORPUS")
    assert build(data, str(store), if_needed=True).skipped
    monkeypatch.setenv("VNGE_CORPUS", str(tmp_path / "another"))
    report = build(data, str(store), if_needed=True)
    assert report.reason.startswith("the corpus changed") and len(report.kept) == 1
    assert LAI_CHAU.name in plans_in(store)
    assert [e.name for e in Corpus(tmp_path / "another").entries()] == [LAI_CHAU.name]
