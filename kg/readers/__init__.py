"""Document readers: turn a plan file (.txt, .docx, .pdf) into one NFC string.

``read_text(path)`` / ``read_bytes(data, name)`` return the text; ``read_document`` /
``read_document_bytes`` return a :class:`ReadResult` that also carries the media type found
and the reader's warnings (encoding converted, damaged bytes replaced, PDF pages without text).

The graph stores character offsets into the string returned here, so the result is a pure
function of the file's bytes: NFC, line breaks normalised to ``\\n`` (CRLF, CR, form feed and
the Unicode line separators become ``\\n``; no line is joined or split), no-break spaces made
plain spaces, stray control characters removed, everything else kept. What the file is comes
from its content (PDF and ZIP magic numbers) before its extension. Every problem is a
:class:`kg.errors.InputError` that names the file and says what to do.

- text: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, Windows-1258
  (Vietnamese, tone marks as combining characters); TCVN3 (ABC) and VNI font encodings are
  detected and refused with a conversion hint.
- .docx (python-docx loads the package, ``_DocxText`` walks the body XML): paragraphs in order
  with their automatic list numbers, tables row by row, text boxes; page headers, footers,
  footnotes, comments and deleted (tracked) text are skipped.
- .pdf: the text layer of each page (pdfplumber), pages joined with a blank line; a PDF
  without a text layer (a scan), or whose fonts have no Unicode map, is refused with an OCR
  hint; scanned pages inside a text PDF are named in the warnings.
- HTML (a Word "web page", often served as .doc): visible text, one line per block.
- .doc (Word 97-2003), .docm, RTF, MHTML, images, encrypted or damaged files: refused, saying
  how to convert them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.readers.docx import docx_text
from kg.readers.pdf import pdf_text
from kg.readers.text import VIETNAMESE_LETTERS, decode, finish, looks_like_legacy_font_encoding
from kg.readers.webpage import page_text
from kg.readers.wordhtml import html_text

__all__ = [
    "DOCX_TYPE",
    "MAX_BYTES",
    "VIETNAMESE_LETTERS",
    "ReadResult",
    "html_text",
    "looks_like_legacy_font_encoding",
    "read_bytes",
    "read_document",
    "read_document_bytes",
    "read_text",
    "sniff",
]

MAX_BYTES = 20_000_000
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ReadResult:
    """What the reader made of one file."""

    text: str  # NFC, "\n" line breaks: the string that graph offsets point into
    media_type: str  # from the content: text/plain, text/html, application/pdf or DOCX_TYPE
    warnings: tuple[str, ...] = ()  # what was converted, replaced or could not be read


_ONE_FILE_HINT = "give the path of one .txt, .docx or .pdf file"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def read_text(path: Path | str, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a plan document (.txt, .docx or .pdf) and return its text (NFC, ``\\n`` line breaks).

    Raises :class:`InputError` for a missing file, a directory, an empty, binary, oversized,
    damaged or scanned document, or an unsupported encoding or format.
    """
    return read_document(path, max_bytes=max_bytes).text


def read_bytes(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Same as :func:`read_text` for bytes already in memory (an upload); ``name`` is used in
    messages and as a format hint (its extension)."""
    return read_document_bytes(data, name, max_bytes=max_bytes).text


def read_document(path: Path | str, *, max_bytes: int = MAX_BYTES) -> ReadResult:
    """:func:`read_text` with the media type found and the reader's warnings."""
    path = Path(path)
    shown = str(path)
    try:
        if path.is_dir():
            raise InputError(shown, "is a directory, not a document", _ONE_FILE_HINT)
        _check_size(shown, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "file not found", "check the path and the file name") from None
    except PermissionError:
        raise InputError(shown, "permission denied", "make the file readable for this user") from None
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror or exc})", "check the path") from None
    return read_document_bytes(data, shown, max_bytes=max_bytes)


def read_document_bytes(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> ReadResult:
    """:func:`read_bytes` with the media type found and the reader's warnings."""
    _check_size(name, len(data), max_bytes)
    suffix = Path(name).suffix.lower()
    kind = sniff(data)
    warnings: list[str] = []
    media_type = {"pdf": "application/pdf", "zip": DOCX_TYPE, "html": "text/html"}.get(kind, "text/plain")
    if kind == "pdf":
        text = pdf_text(data, name, warnings)
    elif kind == "zip":
        text = docx_text(data, name, max_bytes)
    elif kind == "ole":
        raise InputError(
            name,
            "is an old Word 97-2003 document (.doc), which is not supported",
            "open it in Word or LibreOffice and save it as .docx "
            "(or run `soffice --headless --convert-to docx FILE.doc`)",
        )
    elif kind == "rtf":
        raise InputError(name, "is an RTF document, which is not supported", "save it as .docx or UTF-8 text")
    elif kind == "mhtml":
        problem = "is a single-file web page (MHTML, .mht), which is not supported"
        raise InputError(name, problem, "open it in Word or LibreOffice and save it as .docx")
    elif kind == "html":  # a saved web page, or a Word "web page" that portals serve as .doc
        text = page_text(decode(data, name, warnings))
    elif kind.startswith("image:"):
        raise InputError(
            name,
            f"is a {kind[6:]} image, not a text document",
            "run OCR first (e.g. `tesseract -l vie IMAGE out` or `ocrmypdf -l vie` on a PDF of it)",
        )
    elif suffix == ".docx":
        raise InputError(
            name,
            "is not a valid Word .docx file (a .docx is a ZIP package; this file is not one, "
            "or is truncated at the start)",
            "open it in Word or LibreOffice and save it again as .docx",
        )
    elif suffix == ".pdf":
        raise InputError(name, "is not a valid PDF (no %PDF- header)", "check that the download completed")
    else:
        text = decode(data, name, warnings)
    return ReadResult(finish(text, name, warnings), media_type, tuple(warnings))


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            name,
            f"file too large: {size:,} bytes, the limit is {max_bytes:,} bytes",
            "split the document, or raise the limit (max_bytes argument of kg.readers.read_text)",
        )


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, zip, ole, rtf, mhtml, html, image:<format> or text."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    for magic, fmt in _IMAGES:
        if data.startswith(magic):
            return "image:" + fmt
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"mime-version:") and b"multipart/related" in head:
        return "mhtml"
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<html" in head):
        return "html"
    return "text"
