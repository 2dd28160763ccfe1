""".pdf: the text layer of each page (pdfplumber), pages joined with a blank line; a PDF without a
text layer (a scan), or whose fonts have no Unicode map, is refused with an OCR hint; scanned pages
inside a text PDF are named in the warnings."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from kg.errors import InputError

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
    import pdfplumber  # pdfplumber + pdfminer take ~0.13 s to import: only when a PDF comes

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
                text = page.extract_text() or ""
                if len("".join(text.split())) < 200 and _image_share(page) > 0.5:
                    scanned.append(len(pages) + 1)
                pages.append(text)
                page.close()
    except _TooManyPages as exc:
        raise InputError(name, f"the PDF has {exc.args[0]:,} pages, over the limit of {MAX_PAGES:,}",
                         "split it; a plan and its appendices are a few dozen pages") from None
    except Exception as exc:  # pdfminer raises many exception types on broken input
        causes = f"{type(exc).__name__} {exc!r} {exc.__context__!r}".lower()
        if "password" in causes or "encrypt" in causes:
            raise InputError(
                name, "the PDF is encrypted (password-protected)", "remove the password (print to a new PDF)"
            ) from None
        raise InputError(
            name, f"damaged PDF, cannot be parsed ({type(exc).__name__})", "download or export the PDF again"
        ) from None
    text = "\n\n".join(pages)
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
