"""Hardening 2, item 7, inside the readers: a DOCX whose parts would unpack to far more than a
document does, and a PDF that declares thousands of pages, are refused before they are unpacked or
parsed (the isolated reader's memory and time limits are the line behind; tests/pipeline)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.readers import read_document_bytes

DOCX = Path(__file__).resolve().parents[1] / "data" / "web" / "plan.docx"


def _with_part(name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in source.infolist():
            z.writestr(item, source.read(item.filename))
        z.writestr(name, data)
    return out.getvalue()


def test_a_part_compressed_a_thousand_times_is_refused_before_unpacking() -> None:
    bomb = _with_part("word/media/blank.xml", b" " * (50 * 2**20))  # 50 MB of spaces, ~50 KB packed
    assert len(bomb) < 200_000
    with pytest.raises(InputError) as e:
        read_document_bytes(bomb, "ke-hoach.docx")
    assert "unpacks" in str(e.value) and "word/media/blank.xml" in str(e.value)


def test_parts_that_add_up_to_too_much_are_refused() -> None:
    data = _with_part("word/media/a.bin", bytes(range(256)) * 4096)  # 1 MiB of incompressible-ish data
    with pytest.raises(InputError) as e:
        read_document_bytes(data, "ke-hoach.docx", max_bytes=50_000)
    assert "unpack to" in str(e.value)


def test_an_ordinary_docx_passes_the_bounds() -> None:
    assert "KẾ HOẠCH" in read_document_bytes(DOCX.read_bytes(), DOCX.name).text


def _pdf_with_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * count
    data, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return data + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_a_pdf_of_thousands_of_pages_is_refused_from_its_page_count() -> None:
    with pytest.raises(InputError) as e:
        read_document_bytes(_pdf_with_pages(3000), "ke-hoach.pdf")
    assert "3,000 pages" in str(e.value)


def test_a_pdf_stream_that_inflates_to_hundreds_of_megabytes_is_stopped_at_the_bound() -> None:
    import zlib

    from kg.readers.pdf import MAX_STREAM

    stream = zlib.compress(b"BT /F1 12 Tf 10 10 Td (x) Tj ET" + b" " * (MAX_STREAM + 2**20), 9)
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
    assert len(data) < 200_000
    with pytest.raises(InputError) as e:
        read_document_bytes(data, "ke-hoach.pdf")
    assert "inflates to more than" in str(e.value)
