""".docx: python-docx loads the package, :class:`_DocxText` walks the body XML: paragraphs in order
with their automatic list numbers (:mod:`kg.readers.numbering`), tables row by row, text boxes; page
headers, footers, footnotes, comments and deleted (tracked) text are skipped."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.readers.numbering import Numbering
from kg.readers.numbering import W as _W
from kg.readers.tables import cell_line, is_layout_table

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element as Element

_P, _TBL, _TR, _TC, _T, _SDT = (_W + t for t in ("p", "tbl", "tr", "tc", "t", "sdt"))
_SKIP = frozenset(
    [_W + t for t in ("pPr", "rPr", "tblPr", "trPr", "tcPr", "del", "moveFrom", "instrText", "delText")]
    + ["{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"]
)


def docx_text(data: bytes, name: str, max_bytes: int) -> str:
    """Text of a .docx package: body paragraphs and tables in document order."""
    import docx  # python-docx + lxml take ~0.1 s to import: only when a .docx comes

    damaged = "open it in Word or LibreOffice and save it again as .docx"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            members = {info.filename for info in infos}
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
    _check_unpacked(infos, name, max_bytes)
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
        self.numbering = Numbering(document)

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
        """A layout table (:func:`kg.readers.tables.is_layout_table`: the letterhead, the "Nơi nhận"
        and signature block) gives each cell's lines in turn; any other table gives one line per
        row, cells joined with " | "."""
        rows = [[self.blocks(tc) for tc in tr.iter(_TC) if _owner_table(tc) is tbl] for tr in tbl.iter(_TR)
                if _owner_table(tr) is tbl]  # fmt: skip
        filled = [[cell for cell in row if any(line.strip() for line in cell)] for row in rows]
        if is_layout_table([["\n".join(cell) for cell in row] for row in rows]):
            return [line for row in filled for cell in row for line in cell]
        return [" | ".join(cell_line(cell) for cell in row) for row in rows]


def _hidden(run: Element) -> bool:
    """A run formatted as hidden text (w:vanish), which Word does not show or print."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


def _owner_table(element: Element) -> Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


# A .docx unpacks to a few times its size (XML compresses 5-20 times); a zip bomb to thousands.
# zipfile stops a member at its declared size, so bounding the declared sizes bounds the reading.
MAX_MEMBERS = 5000
MAX_RATIO = 200  # unpacked / packed, for members over 1 MiB unpacked


def _check_unpacked(infos: list[zipfile.ZipInfo], name: str, max_bytes: int) -> None:
    """Refuse a package whose parts would unpack to too much (a zip bomb): too many members, more
    than 10 × ``max_bytes`` in all, or one part compressed more than :data:`MAX_RATIO` times."""
    hint = "open it in Word or LibreOffice and save it again as .docx; if it is yours, split it"
    if len(infos) > MAX_MEMBERS:
        raise InputError(name, f"the package holds {len(infos):,} parts (a .docx holds a few dozen)", hint)
    total = sum(info.file_size for info in infos)
    if total > 10 * max_bytes:
        raise InputError(name, f"its parts unpack to {total:,} bytes, over the limit of {10 * max_bytes:,}",
                         hint)
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise InputError(name, f"the part {info.filename} unpacks {ratio:,} times its packed size (a "
                             "decompression bomb?)", hint)
