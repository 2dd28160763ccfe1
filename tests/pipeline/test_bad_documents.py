"""Bad documents fed to `kg ingest` (issue 7, item 2): each gives a clear error naming the file and
the store is unchanged; in a batch, the good files are ingested and the result says what was skipped.

Reader-level behaviour of several of these inputs is tested in test_readers.py; here the whole
ingest path (read → extract → map → one update) is exercised against a real store.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from kg.pipeline.build import build
from kg.pipeline.ingest import ingest
from tests.conftest import ROOT
from tests.pipeline.test_build import dump, small_data

PLANS = sorted((ROOT / "data" / "plans").glob("*.txt"))
SEED = next(p for p in PLANS if "quang-ninh" in p.name)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _bad_documents() -> dict[str, tuple[bytes, str]]:
    """file name → (content, a word the error message must contain)."""
    plan = SEED.read_bytes()
    text = plan.decode("utf-8")
    half, rnd = len(plan) // 2, random.Random(1790)
    return {
        "empty.txt": (b"", "empty"),
        "spaces.txt": (b" \n\t\r\n" * 50, "empty"),
        "binary.txt": (bytes(rnd.randrange(256) for _ in range(4096)), "binary"),
        "elf.pdf": (b"\x7fELF\x02\x01\x01" + bytes(2000), ""),
        "truncated.pdf": (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty", "PDF"),
        "renamed-zip.docx": (_zip({"readme.txt": b"hello", "data/plan.txt": plan}), "ZIP"),
        "cut.docx": (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>" * 50})[:300],
                     ""),
        "shift-jis.txt": ("これは計画ではありません。日本語のテキストです。".encode("shift_jis") * 40, ""),
        "plan-random-second-half.txt": (plan[:half] + bytes(rnd.randrange(256) for _ in range(len(plan) - half)),
                                        ""),
        "plan-nul-second-half.txt": (plan[:half] + bytes(len(plan) - half), ""),
        "plan-second-half-windows-1258.txt": (
            (text[: len(text) // 2].encode() + text[len(text) // 2:].encode("cp1258", errors="replace")), ""),
        "not-a-plan.txt": ("Thông báo lịch nghỉ Tết của cơ quan.\n".encode() * 20, "plan"),
    }


BAD = _bad_documents()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hardening-ingest")
    store = tmp / "store"
    build(small_data(tmp, 1), str(store))
    return store


@pytest.fixture()
def store(base_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(base_store, copy)
    return copy


def test_every_bad_document_fails_clearly_and_leaves_the_store_unchanged(store: Path, tmp_path: Path) -> None:
    before = dump(store)
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, (content, _) in BAD.items():
        (folder / name).write_bytes(content)
    results = {r.file: r for r in ingest(sorted(folder.iterdir()), str(store))}
    assert set(results) == set(BAD)
    for name, (_, word) in BAD.items():
        result = results[name]
        assert result.status == "failed", (name, result.status, result.plan)
        assert name in result.message and len(result.message) > len(name) + 20, result.message
        assert word.lower() in result.message.lower(), (name, result.message)
        assert "Traceback" not in result.message
    assert dump(store) == before


def test_fifty_megabyte_text_is_refused_quickly_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    before = dump(store)
    big = tmp_path / "big.txt"
    line = SEED.read_bytes().splitlines()[0] + b"\n"
    big.write_bytes(line * (50_000_000 // len(line) + 1))
    assert big.stat().st_size >= 50_000_000
    (result,) = ingest([big], str(store))
    assert result.status == "failed" and "too large" in result.message and "limit" in result.message
    assert dump(store) == before


def test_a_batch_ingests_the_good_files_and_lists_the_skipped_ones(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    good = PLANS[1:3]  # PLANS[0] is already in the store (small_data)
    for p in good:
        shutil.copy(p, folder / p.name)
    for name in ("binary.txt", "renamed-zip.docx", "plan-random-second-half.txt"):
        (folder / name).write_bytes(BAD[name][0])
    results = ingest([folder], str(store))
    by_status: dict[str, list[str]] = {}
    for r in results:
        by_status.setdefault(r.status, []).append(r.file)
    assert sorted(by_status["added"]) == sorted(p.name for p in good)
    assert sorted(by_status["failed"]) == ["binary.txt", "plan-random-second-half.txt", "renamed-zip.docx"]
    assert all(r.line().startswith("FAILED") for r in results if r.status == "failed")
    after = "\n".join(dump(store))
    assert all(f'"{p.name}"' in after for p in good)
    assert "binary.txt" not in after and "renamed-zip.docx" not in after
