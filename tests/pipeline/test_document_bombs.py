"""Hardening 2, item 7: documents built to exhaust a reader, through `kg ingest`. Each document is read
in its own process with a memory limit and a time limit (kg.readers.isolated): the file is refused
with a clear message, the ingest process itself stays small, and the store is unchanged."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import ROOT

DOCX = ROOT / "tests" / "data" / "web" / "plan.docx"


def _dump(store: Path) -> bytes:
    s = ox.Store.read_only(str(store))
    try:
        return s.dump(format=ox.RdfFormat.N_QUADS)
    finally:
        del s


def _ingest(store: Path, path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(path), "--store", str(store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A real plan's DOCX whose styles part unpacks to ``megabytes`` MB of white space."""
    source = zipfile.ZipFile(DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", b"<!--" + b" " * (megabytes * 2**20) + b"--></w:styles>")
            z.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def _pdf_with_operators(path: Path, count: int) -> Path:
    """A 4 KB PDF whose one page draws ``count`` strings: minutes of work for a PDF reader."""
    stream = zlib.compress(b"BT /F1 12 Tf 10 10 Td " + b"(x) Tj " * count + b"ET", 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    data, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)
    return path


@pytest.fixture()
def store(built_store, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built_store[0], copy)
    return copy


@pytest.mark.slow
def test_a_zip_bomb_docx_is_refused_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "ke-hoach.docx", 600)
    assert bomb.stat().st_size < 2_000_000
    before = _dump(store)
    done = _ingest(store, bomb, KG_READ_MEMORY_MB="300")
    said = done.stdout + done.stderr
    assert done.returncode != 0
    # refused by the reader's ZIP bounds (first line) or by the memory limit (second line)
    assert "ke-hoach.docx" in said and ("unpack" in said or "memory" in said)
    assert "Traceback" not in said and "1 failed" in said
    assert _dump(store) == before


@pytest.mark.slow
def test_a_pdf_that_takes_minutes_to_read_is_refused_at_the_time_limit(store: Path, tmp_path: Path) -> None:
    pdf = _pdf_with_operators(tmp_path / "ke-hoach.pdf", 300_000)
    before = _dump(store)
    done = _ingest(store, pdf, KG_READ_TIMEOUT="2")
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert "ke-hoach.pdf" in said and "KG_READ_TIMEOUT" in said and "Traceback" not in said
    assert _dump(store) == before


def test_the_memory_limit_refuses_a_document_that_needs_more_to_read(tmp_path: Path) -> None:
    """The second line on its own: 9.5 MB of text (under every size bound) read with 5 MiB to spare,
    from a fresh process (a long-lived parent's freed heap would give the forked child room that
    its address-space limit does not count)."""
    text = tmp_path / "ke-hoach.txt"
    text.write_text("Kế hoạch thực hiện chương trình truyền thông về bình đẳng giới.\n" * 150_000, "utf-8")
    script = ("import sys; from pathlib import Path; from kg.errors import InputError; "
              "from kg.readers.isolated import read_isolated\n"
              "data = Path(sys.argv[1]).read_bytes()\n"
              "try:\n    read_isolated(data, 'ke-hoach.txt', memory_mb=5, timeout=120)\n"
              "except InputError as e:\n    print('refused:', e)\n"
              "print('small:', read_isolated(data[:10000], 'ke-hoach.txt', memory_mb=5).text[:8])\n")
    done = subprocess.run([sys.executable, "-c", script, str(text)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused:" in done.stdout and "KG_READ_MEMORY_MB" in done.stdout
    assert "small: Kế hoạch" in done.stdout


def test_an_ordinary_document_is_read_the_same_in_its_own_process() -> None:
    from kg.readers import read_document_bytes
    from kg.readers.isolated import read_isolated

    data = DOCX.read_bytes()
    assert read_isolated(data, DOCX.name) == read_document_bytes(data, DOCX.name)


def test_plain_text_within_the_limit_is_read_without_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading plain text is linear in its size (no bomb): below the memory bound it is read in the
    calling process (a fork per plan text was a fifth of `kg build`'s time per plan); a document in
    a container format, or a text too large for the bound, still gets its own process."""
    from kg.readers import read_document_bytes
    from kg.readers.isolated import read_isolated

    def no_fork() -> int:
        raise AssertionError("forked")

    text = "Kế hoạch thực hiện chương trình truyền thông về bình đẳng giới.\n".encode() * 200
    monkeypatch.setattr(os, "fork", no_fork)
    assert read_isolated(text, "ke-hoach.txt", memory_mb=1) == read_document_bytes(text, "ke-hoach.txt")
    with pytest.raises(AssertionError, match="forked"):
        read_isolated(text * 100, "ke-hoach.txt", memory_mb=1)  # 2.6 MB × 32 > 1 MiB
    with pytest.raises(AssertionError, match="forked"):
        read_isolated(DOCX.read_bytes(), DOCX.name)
