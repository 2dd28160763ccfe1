""".pdf: the text layer of each page (pdfplumber), pages joined with a blank line (a line break where
a sentence runs on over the page break); a PDF without a
text layer (a scan), or whose fonts have no Unicode map, is refused with an OCR hint; scanned pages
inside a text PDF are named in the warnings."""

from __future__ import annotations

import io
import re
import zlib
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.readers.tables import is_layout_table

if TYPE_CHECKING:
    from pdfplumber.page import Page

_OCR_HINT = (
    "run OCR first, e.g. `ocrmypdf -l vie in.pdf out.pdf` (Tesseract with its Vietnamese model, "
    "Debian package tesseract-ocr-vie), then give out.pdf"
)
_CID = re.compile(r"\(cid:\d+\)")
_PDF_STRUCTURE = re.compile(rb"\bobj\b|\bstream\b|\bxref\b|\btrailer\b")


def pdf_text(data: bytes, name: str, warnings: list[str]) -> str:
    """Text layer of a PDF, page by page (pdfplumber), pages joined with a blank line."""
    import pdfminer.pdftypes  # idem (pdfplumber's parser): its streams are inflated through a bound
    import pdfplumber  # pdfplumber + pdfminer take ~0.13 s to import: only when a PDF comes

    pdfminer.pdftypes.zlib = _BOUNDED_ZLIB  # type: ignore[attr-defined]

    last = data.rfind(b"%%EOF")
    if last < 0 or _PDF_STRUCTURE.search(data, last + 5):  # trailing junk after %%EOF is fine
        raise InputError(
            name, "truncated or damaged PDF (no end-of-file marker)", "download or export the PDF again"
        )
    pages: list[str] = []
    scanned: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = _declared_pages(pdf)
            if count > MAX_PAGES:
                raise _TooManyPages(count)
            for page in pdf.pages:
                text = _page_text(page)
                if len("".join(text.split())) < 200 and _image_share(page) > 0.5:
                    scanned.append(len(pages) + 1)
                pages.append(text)
                page.close()
    except StreamTooLarge:
        raise InputError(name, f"a stream of the PDF inflates to more than {MAX_STREAM:,} bytes (a "
                         "decompression bomb?)", "print it to a new PDF and ingest that copy") from None
    except _TooManyPages as exc:
        raise InputError(name, f"the PDF has {exc.args[0]:,} pages, over the limit of {MAX_PAGES:,}",
                         "split it; a plan and its appendices are a few dozen pages") from None
    except Exception as exc:  # pdfminer raises many exception types on broken input
        if _caused_by(exc, StreamTooLarge):  # pdfplumber wraps pdfminer's errors
            raise InputError(name, f"a stream of the PDF inflates to more than {MAX_STREAM:,} bytes (a "
                             "decompression bomb?)", "print it to a new PDF and ingest that copy") from None
        causes = f"{type(exc).__name__} {exc!r} {exc.__context__!r}".lower()
        if "password" in causes or "encrypt" in causes:
            raise InputError(
                name, "the PDF is encrypted (password-protected)", "remove the password (print to a new PDF)"
            ) from None
        raise InputError(
            name, f"damaged PDF, cannot be parsed ({type(exc).__name__})", "download or export the PDF again"
        ) from None
    text = _join_pages(pages)
    visible = "".join(text.split())
    if not visible or len(scanned) == len(pages):
        raise InputError(name, "the PDF has no text layer (a scanned image)", _OCR_HINT)
    if scanned:
        numbers = ", ".join(map(str, scanned))
        warnings.append(f"PDF page(s) {numbers} of {len(pages)} are scanned images: text missing, OCR them")
    words = text.split()
    # Fonts without a Unicode map give "(cid:N)" codes, or glyph numbers read as letters: then
    # the spaces are lost too and "words" run for dozens of characters (real text: about 4).
    if len(_CID.findall(text)) * 8 > len(visible) or (len(words) >= 50 and len(visible) > 10 * len(words)):
        raise InputError(
            name, "the PDF's text layer is unreadable: its fonts have no Unicode mapping", _OCR_HINT
        )
    return text


def _join_pages(pages: list[str]) -> str:
    """Pages joined with a blank line, or with a line break where a sentence runs on over the page
    break (the page ends without a stop and the next begins in lower case: "… Thể thao" / "và Du
    lịch; …")."""
    out = ""
    for page in pages:
        if out:
            runs_on = out.rstrip()[-1:].isalnum() and page.lstrip()[:1].islower()
            out = out.rstrip() + ("\n" if runs_on else "\n\n")
            page = page.lstrip() if runs_on else page
        out += page
    return out


def _image_share(page: Page) -> float:
    """Share of the page area covered by images (capped at 1)."""
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, float(im["x1"] - im["x0"])) * max(0.0, float(im["bottom"] - im["top"])) for im in page.images
    )
    return min(1.0, covered / area)


MAX_PAGES = 2000  # 20,000 pages took 23 s; plans with appendices run to a few dozen


class _TooManyPages(Exception):
    pass


def _declared_pages(pdf: object) -> int:
    """The page count the document declares (/Pages /Count), read before any page is parsed."""
    from pdfminer.pdftypes import resolve1  # pdfminer comes with pdfplumber (imported above)

    try:
        pages = resolve1(pdf.doc.catalog.get("Pages"))  # type: ignore[attr-defined]
        return int(resolve1(pages.get("Count", 0)))
    except Exception:  # noqa: BLE001 - a damaged catalog is reported when the pages are read
        return 0


MAX_STREAM = 64 * 2**20  # a page's content is kilobytes; a scanned page's image a few megabytes


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class StreamTooLarge(Exception):
    """A compressed stream of a PDF inflates past :data:`MAX_STREAM`."""


class _BoundedZlib:
    """pdfminer's view of zlib: ``decompress`` stops at :data:`MAX_STREAM` bytes (a 408 KB PDF held a
    stream of 400 MB of white space; reading it took 856 MB)."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: object) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM + 1)
        if len(out) > MAX_STREAM or inflater.unconsumed_tail:
            raise StreamTooLarge
        return out + inflater.flush()


_BOUNDED_ZLIB = _BoundedZlib()


def _page_text(page: Page) -> str:
    """A page's text with its ruled tables as the DOCX reader writes them: a data table one line
    per row, cells joined with " | "; a layout table (letterhead, signature) cell by cell. Text
    above, between and below the tables keeps its place."""
    try:
        tables = [t for t in page.find_tables() if t.bbox[3] - t.bbox[1] > 1]
    except Exception:  # noqa: BLE001 - a page whose ruling cannot be read keeps its plain text
        tables = []
    if not tables:
        return page.extract_text() or ""
    parts: list[str] = []
    top = page.bbox[1]
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        x0, y0, x1, y1 = table.bbox
        if y0 > top:
            parts.append(page.crop((page.bbox[0], top, page.bbox[2], y0)).extract_text() or "")
        raw = [["" if cell is None else cell for cell in row] for row in table.extract()]
        rows = [[" ".join(cell.split()) for cell in row] for row in raw]
        if is_layout_table(rows):  # each cell's lines in turn, as the DOCX reader gives them
            lines = (line.strip() for row in raw for cell in row for line in cell.split("\n"))
            parts.extend(line for line in lines if line)
        else:
            parts.extend(" | ".join(row) for row in rows if any(row))
        top = max(top, y1)
    if top < page.bbox[3]:
        parts.append(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() or "")
    return "\n".join(part for part in parts if part.strip())
