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

import io
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element as Element
    from pdfplumber.page import Page

__all__ = [
    "MAX_BYTES",
    "ReadResult",
    "html_text",
    "looks_like_legacy_font_encoding",
    "read_bytes",
    "read_document",
    "read_document_bytes",
    "read_text",
]

MAX_BYTES = 20_000_000
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ReadResult:
    """What the reader made of one file."""

    text: str  # NFC, "\n" line breaks: the string that graph offsets point into
    media_type: str  # from the content: text/plain, text/html, application/pdf or DOCX_TYPE
    warnings: tuple[str, ...] = ()  # what was converted, replaced or could not be read


_CONVERT_HINT = (
    "convert it to Unicode first (e.g. UniKey's converter: source TCVN3 or VNI, "
    "target Unicode) and save it as UTF-8"
)
_SAVE_UTF8_HINT = "open it in a text editor and save it as UTF-8"
_ONE_FILE_HINT = "give the path of one .txt, .docx or .pdf file"

# Vietnamese letters (NFC): the 12 vowels × 6 tones, both cases, and đ/Đ.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for vowels in (_VOWELS, _VOWELS.upper())
    for vowel in vowels
    for tone in _TONES
) | {"đ", "Đ"}
# Those outside Latin-1: a Unicode Vietnamese text is full of them, a mis-decoded one has none.
_VIETNAMESE_ONLY = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
# Latin-1 symbols that real Vietnamese text uses (µ ¸ ¹ · § ¶ are TCVN3 letters: not here).
_PLAIN_LATIN1 = frozenset("\u00a0«»°±×÷²³½¼¾©®")
_LATIN1_OK = VIETNAMESE_LETTERS | _PLAIN_LATIN1

_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})  # no-break spaces: one for one
_STRAY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
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
    kind = _sniff(data)
    warnings: list[str] = []
    media_type = {"pdf": "application/pdf", "zip": DOCX_TYPE, "html": "text/html"}.get(kind, "text/plain")
    if kind == "pdf":
        text = _pdf_text(data, name, warnings)
    elif kind == "zip":
        text = _docx_text(data, name, max_bytes)
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
    elif kind == "html":  # e.g. a Word "web page" that portals serve as .doc
        text = html_text(_decode(data, name, warnings))
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
        text = _decode(data, name, warnings)
    return ReadResult(_finish(text, name, warnings), media_type, tuple(warnings))


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            name,
            f"file too large: {size:,} bytes, the limit is {max_bytes:,} bytes",
            "split the document, or raise the limit (max_bytes argument of kg.readers.read_text)",
        )


def _sniff(data: bytes) -> str:
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


def _decode(data: bytes, name: str, warnings: list[str]) -> str:
    """Decode a plain-text file: BOM, UTF-16 without BOM, UTF-8, Windows-1258 when it reads as
    Vietnamese, UTF-8 with a few damaged bytes (they become U+FFFD); TCVN3/VNI and anything
    else are refused."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                problem = f"starts with a {label} byte-order mark but is not valid {label} (byte {exc.start})"
                raise InputError(name, problem, _SAVE_UTF8_HINT) from None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise _binary(name)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise _binary(name) from None
        warnings.append(f"decoded as {codec.upper()} (no byte-order mark)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _too_many_controls(data.decode("latin-1")):
        raise _binary(name)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_vietnamese(text):
        warnings.append("decoded as Windows-1258 (Vietnamese code page), converted to Unicode")
        return text
    mostly = data.decode("utf-8", errors="replace")
    bad = mostly.count("\ufffd")
    if bad <= 3 or bad * 100 <= sum(1 for ch in mostly if ord(ch) > 0x7F and ch != "\ufffd"):
        warnings.append(f"{bad} damaged UTF-8 sequence(s) replaced with U+FFFD")
        return mostly  # UTF-8 with a few damaged bytes: keep the text, mark them
    if looks_like_legacy_font_encoding(data.decode("latin-1")):
        raise _legacy(name)
    problem = "text encoding not recognised (neither UTF-8, UTF-16 nor Windows-1258)"
    raise InputError(name, problem, _SAVE_UTF8_HINT)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE without a BOM: ASCII characters put their NUL byte on one side."""
    sample = data[: 1 << 14]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _too_many_controls(text: str) -> bool:
    """Binary rather than text: C0 control characters (other than whitespace) in more than 1%
    of the first 64 KiB, and more than a handful of them (a stray one is removed, not fatal)."""
    sample = text[: 1 << 16]
    stray = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v" or ch == "\x7f")
    return stray > max(8, len(sample) // 100)


def _reads_as_vietnamese(text: str) -> bool:
    """True when the non-ASCII characters of ``text`` (NFC) are Vietnamese letters or plain symbols."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return True
    odd = sum(1 for ch in non_ascii if ch not in VIETNAMESE_LETTERS and not _plain_symbol(ch))
    return odd <= max(2, len(non_ascii) // 50)


def _plain_symbol(ch: str) -> bool:
    return ch in _PLAIN_LATIN1 or 0x2000 <= ord(ch) <= 0x206F or 0x20A0 <= ord(ch) <= 0x214F


def looks_like_legacy_font_encoding(text: str) -> bool:
    """True when ``text`` reads like TCVN3 (ABC) or VNI bytes shown as Latin-1 ("KÕ ho¹ch",
    "Coäng hoøa"): Latin-1 signs that no Vietnamese word has, in at least 2% of the letters, and
    fewer real Vietnamese letters than such signs."""
    odd = sum(1 for ch in text if 0xA0 < ord(ch) <= 0xFF and ch not in _LATIN1_OK)
    if odd < 5:
        return False
    vietnamese = sum(1 for ch in text if ch in _VIETNAMESE_ONLY)
    letters = sum(1 for ch in text if ch.isalpha())
    # In TCVN3/VNI text most words carry such a sign; in OCR noise ("¢" for "c") very few do.
    return odd > vietnamese and odd * 50 >= letters


def _finish(text: str, name: str, warnings: list[str]) -> str:
    """Line breaks to ``\\n``, stray controls out, NFC; refuse binary, mis-encoded or empty text."""
    if _too_many_controls(text):
        raise _binary(name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS).translate(_SPACES)
    text, stray = _STRAY.subn("", text)
    if stray:
        warnings.append(f"{stray} stray control character(s) removed")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(name, "empty document (no text)", "check that the right file was given")
    if looks_like_legacy_font_encoding(text):
        raise _legacy(name)
    return text


def _binary(name: str) -> InputError:
    return InputError(
        name, "binary file, not a text document", "give a plan as UTF-8 .txt, .docx or .pdf with a text layer"
    )


def _legacy(name: str) -> InputError:
    return InputError(
        name,
        "looks like a legacy Vietnamese font encoding (TCVN3/ABC or VNI), not Unicode",
        _CONVERT_HINT,
    )


# --- HTML ----------------------------------------------------------------------------------


class _HTMLText(HTMLParser):
    """Visible text of an HTML page: one line per block element or <br>, table cells joined
    with " | ", whitespace collapsed as a browser does; head, scripts and styles skipped."""

    BLOCKS = frozenset("address article blockquote dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li ol p "
                       "pre section table tr ul".split())  # fmt: skip
    HIDDEN = frozenset("head noscript script style template title xml".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.hidden = 0
        self.cells = 0
        self.in_cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in ("td", "th"):
            self.cells += 1
            self.in_cell += 1
            if self.cells > 1:
                self.lines[-1] = self.lines[-1].rstrip() + " | "
        elif (tag == "br" or tag in self.BLOCKS) and self.in_cell and tag not in ("table", "tr"):
            self.lines[-1] = self.lines[-1].rstrip(" ") + " "  # a cell stays on its row's line
        elif tag == "br" or tag in self.BLOCKS:
            self.lines.append("")
            self.cells = 0 if tag == "tr" else self.cells

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("td", "th"):
            self.in_cell = max(0, self.in_cell - 1)
        elif tag in self.BLOCKS and not (self.in_cell and tag not in ("table", "tr")):
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            text = re.sub(r"[ \t\r\n\f]+", " ", data)
            line = self.lines[-1]
            self.lines[-1] = (
                line + text[1:] if line.endswith(" ") and text.startswith(" ") else line + text
            ).lstrip(" ")


def html_text(markup: str) -> str:
    """Visible text of an HTML document, one line per block, no blank lines."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return "\n".join(line.strip(" ") for line in parser.lines if line.strip())


# --- .docx ---------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _SDT = (_W + t for t in ("p", "tbl", "tr", "tc", "t", "sdt"))
_SKIP = frozenset(
    [_W + t for t in ("pPr", "rPr", "tblPr", "trPr", "tcPr", "del", "moveFrom", "instrText", "delText")]
    + ["{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"]
)
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _docx_text(data: bytes, name: str, max_bytes: int) -> str:
    """Text of a .docx package: body paragraphs and tables in document order."""
    import zipfile

    import docx

    damaged = "open it in Word or LibreOffice and save it again as .docx"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = set(package.namelist())
            main = package.getinfo("word/document.xml") if "word/document.xml" in members else None
            word = main is not None or any(member.startswith("word/") for member in members)
            mimetype = package.read("mimetype")[:80] if "mimetype" in members else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise InputError(name, "damaged or truncated ZIP package, not a readable .docx", damaged) from None
    if not word:
        raise InputError(name, *_not_word(members, mimetype))
    if main is not None and main.file_size > 10 * max_bytes:
        raise InputError(
            name, f"document body too large when unpacked ({main.file_size:,} bytes)", "split the document"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:  # python-docx opens only .docx: not .docm (macros) nor .dotx (templates)
        if "content type" not in str(exc):
            raise InputError(name, f"damaged .docx, cannot be parsed ({exc})", damaged) from None
        problem = "is a Word file of another kind (macro-enabled .docm or a template), not a .docx"
        raise InputError(name, problem, "open it in Word or LibreOffice and save it as .docx") from None
    except Exception as exc:  # python-docx/lxml/zipfile raise many types on broken input
        raise InputError(name, f"damaged .docx, cannot be parsed ({type(exc).__name__})", damaged) from None
    try:
        walker = _DocxText(document)
        lines = walker.blocks(document.element.body)
    except Exception as exc:  # python-docx/lxml/zipfile raise many types on broken input
        raise InputError(name, f"damaged .docx, cannot be parsed ({type(exc).__name__})", damaged) from None
    return "\n".join(lines)


def _not_word(members: set[str], mimetype: bytes) -> tuple[str, str]:
    """(problem, hint) for a ZIP package that is not a Word document."""
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "is an OpenDocument text (.odt), not a .docx", "open it in LibreOffice and save it as .docx"
    if "xl/workbook.xml" in members or "ppt/presentation.xml" in members:
        return "is an Excel or PowerPoint file, not a .docx", "give the plan itself as .docx, .pdf or .txt"
    return (
        "is a ZIP archive but not a Word document (no word/document.xml): a renamed .zip?",
        "unpack it and give the plan inside (.docx, .pdf or .txt)",
    )


class _DocxText:
    """Walks WordprocessingML: one line per paragraph, tables row by row, list numbers rendered."""

    def __init__(self, document: Document) -> None:
        self.numbering = _Numbering(document)

    def blocks(self, parent: Element) -> list[str]:
        lines: list[str] = []
        for child in parent:
            if child.tag == _P:
                lines.extend(self.paragraph(child))
            elif child.tag == _TBL:
                lines.extend(self.table(child))
            elif child.tag == _SDT or child.tag in (_W + "customXml", _W + "sdtContent", _W + "ins"):
                lines.extend(self.blocks(child))
        return lines

    def paragraph(self, p: Element) -> list[str]:
        parts: list[str] = []
        boxes: list[str] = []
        self._inline(p, parts, boxes)
        return [self.numbering.label(p) + "".join(parts), *boxes]

    def _inline(self, element: Element, parts: list[str], boxes: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or (tag == _W + "r" and _hidden(child)):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":  # a text box: its paragraphs follow the anchor line
                boxes.extend(self.blocks(child))
            else:
                self._inline(child, parts, boxes)

    def table(self, tbl: Element) -> list[str]:
        """A layout table (every row has at most two cells with text: the letterhead, the
        "Nơi nhận" and signature block) gives each cell's lines in turn; any other table gives
        one line per row, cells joined with " | "."""
        rows = [[self.blocks(tc) for tc in tr.iter(_TC) if _owner_table(tc) is tbl] for tr in tbl.iter(_TR)
                if _owner_table(tr) is tbl]  # fmt: skip
        filled = [[cell for cell in row if any(line.strip() for line in cell)] for row in rows]
        if all(len(row) <= 2 for row in filled):
            return [line for row in filled for cell in row for line in cell]
        return [" | ".join(_one_line(cell) for cell in row) for row in rows]


def _hidden(run: Element) -> bool:
    """A run formatted as hidden text (w:vanish), which Word does not show or print."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


def _owner_table(element: Element) -> Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _one_line(lines: list[str]) -> str:
    """A table cell on one line: its paragraphs joined by "; " (or a space after punctuation)."""
    out = ""
    for piece in (s.strip() for line in lines for s in line.split("\n")):
        if piece:
            out += ("" if not out else " " if out[-1] in ".;:,!?" else "; ") + piece
    return out


class _Numbering:
    """Renders automatic list numbers ("1.", "a)", "II.") as Word shows them, in document order."""

    def __init__(self, document: Document) -> None:
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # per abstract list: Word continues it across nums
        self.restarted: set[tuple[str, int]] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            for node in root.iter(_W + "abstractNum"):
                self.abstract[node.get(_W + "abstractNumId")] = {
                    _int(lvl.get(_W + "ilvl"), 0): _level(lvl) for lvl in node.iter(_W + "lvl")
                }
            for node in root.iter(_W + "num"):
                ref = node.find(_W + "abstractNumId")
                starts = {
                    _int(o.get(_W + "ilvl"), 0): _int(s.get(_W + "val"), 1)
                    for o in node.iter(_W + "lvlOverride")
                    for s in o.iter(_W + "startOverride")
                }
                if ref is not None:
                    self.nums[node.get(_W + "numId")] = (ref.get(_W + "val"), starts)
        based: dict[str, str] = {}
        for style in document.styles.element.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.styles[sid] = _num_pr(num_pr, None)
            parent = style.find(_W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(_W + "val")
        for sid in sorted(based):  # inherit numbering through basedOn chains (at most 10 deep)
            cur, depth = sid, 0
            while cur not in self.styles and cur in based and depth < 10:
                cur, depth = based[cur], depth + 1
            if cur in self.styles and sid not in self.styles:
                self.styles[sid] = self.styles[cur]

    def label(self, p: Element) -> str:
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        style = p.find(f"{_W}pPr/{_W}pStyle")
        ref = self.styles.get(style.get(_W + "val")) if style is not None else None
        if num_pr is not None:
            ref = _num_pr(num_pr, ref)
        if ref is None or ref[0] not in self.nums:
            return ""
        num_id, ilvl = ref
        abstract_id, starts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract_id, {})
        if ilvl in starts and (num_id, ilvl) not in self.restarted:  # "restart numbering" in Word
            self.restarted.add((num_id, ilvl))
            counts.pop(ilvl, None)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else starts.get(ilvl, levels[ilvl][2])
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":  # symbol-font glyphs ("\uf0b7", "§" in Wingdings, "o") are shown as "-"
            return (text if text in ("-", "–", "+", "•", "*") else "-") + " "
        if fmt == "none":
            return text + " " if text.strip() else ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counts.get(k, starts.get(k, levels.get(k, ("decimal", "", 1))[2]))
            return _format_number(value, levels.get(k, ("decimal", "", 1))[0])

        return re.sub(r"%([1-9])", number, text) + " "


def _level(lvl: Element) -> tuple[str, str, int]:
    def val(tag: str, default: str) -> str:
        node = lvl.find(_W + tag)
        return node.get(_W + "val", default) if node is not None else default

    return val("numFmt", "decimal"), val("lvlText", ""), _int(val("start", "1"), 1)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(num_pr: Element, fallback: tuple[str, int] | None) -> tuple[str, int] | None:
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    nid = num_id.get(_W + "val") if num_id is not None else (fallback[0] if fallback else None)
    if nid is None or nid == "0":
        return None
    level = _int(ilvl.get(_W + "val"), 0) if ilvl is not None else (fallback[1] if fallback else 0)
    return nid, level


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                roman, rest = roman + digits, rest - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --- .pdf ----------------------------------------------------------------------------------

_OCR_HINT = (
    "run OCR first, e.g. `ocrmypdf -l vie in.pdf out.pdf` (Tesseract with its Vietnamese model, "
    "Debian package tesseract-ocr-vie), then give out.pdf"
)
_CID = re.compile(r"\(cid:\d+\)")
_PDF_STRUCTURE = re.compile(rb"\bobj\b|\bstream\b|\bxref\b|\btrailer\b")


def _pdf_text(data: bytes, name: str, warnings: list[str]) -> str:
    """Text layer of a PDF, page by page (pdfplumber), pages joined with a blank line."""
    import pdfplumber

    last = data.rfind(b"%%EOF")
    if last < 0 or _PDF_STRUCTURE.search(data, last + 5):  # trailing junk after %%EOF is fine
        raise InputError(
            name, "truncated or damaged PDF (no end-of-file marker)", "download or export the PDF again"
        )
    pages: list[str] = []
    scanned: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                text = page.extract_text() or ""
                if len("".join(text.split())) < 200 and _image_share(page) > 0.5:
                    scanned.append(len(pages) + 1)
                pages.append(text)
                page.close()
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
