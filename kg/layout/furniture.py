"""Site furniture around a published plan: where the document starts and ends, and the page's
properties table.

A plan saved from a legal-documents site (thuvienphapluat.vn, vbpl.vn, a provincial portal) sits
inside the site's furniture: navigation, the page title, a properties table (Số hiệu, Loại văn
bản, Nơi ban hành, Người ký, Ngày ban hành, Ngày hiệu lực, Tình trạng, Lĩnh vực), lists of related
documents ("Văn bản liên quan", numbered "- 1 Luật …"), download links, a "Lược đồ". None of it is
the plan's text: a related document listed by the site is not a citation of the plan.

The document is recognised by its mandated shape (Nghị định 30/2020/NĐ-CP, Appendix I): it starts
at the letterhead (issuing body, Quốc hiệu, "Số: …", place and date, the kind "KẾ HOẠCH" /
"QUYẾT ĐỊNH") and ends after the last signature block and "Nơi nhận", followed only by what the
document itself attaches (an attached plan "(Kèm theo …)", appendices "PHỤ LỤC", footnotes).
Furniture is cut only where it is recognised as such: a text without furniture is kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text.normalize import fold_keep

# Whole lines (folded, markers and trailing colons/punctuation removed) that only a site writes.
_FURNITURE_LINES = {
    "van ban lien quan", "van ban duoc can cu", "van ban can cu", "van ban hop nhat",
    "van ban sua doi", "van ban bi sua doi", "van ban sua doi bo sung", "van ban thay the",
    "van ban bi thay the", "van ban dan chieu", "van ban duoc huong dan", "van ban huong dan",
    "van ban lien quan cung noi dung", "van ban goc", "van ban tieng anh", "luoc do", "tai ve",
    "tai van ban", "tai file", "thuoc tinh", "thuoc tinh van ban", "tom tat", "tom tat van ban",
    "noi dung", "noi dung van ban", "tieng anh", "hieu luc", "hieu luc van ban", "ban in", "in",
    "chia se", "dang nhap", "dang ky", "theo doi hieu luc", "theo doi van ban", "bao loi",
    "muc luc", "bai viet lien quan", "tin lien quan", "hoi dap phap luat", "trang chu",
    "ban pdf", "ban word", "tai ban pdf", "tai ban word", "xem them", "quay lai", "len dau trang",
    "lich su", "lich su hieu luc", "van ban moi", "van ban moi nhat", "cung linh vuc",
}
# Rows of the properties table: "Số hiệu: 15/KH-UBND", "| Người ký | Nguyễn Văn A |".
_PROPERTIES = {
    "so hieu": "number", "ky hieu": "number", "loai van ban": "kind", "noi ban hanh": "issuer",
    "co quan ban hanh": "issuer", "nguoi ky": "signer", "ngay ban hanh": "date",
    "ngay hieu luc": "effective", "ngay cong bao": None, "so cong bao": None, "tinh trang": "status",
    "tinh trang hieu luc": "status", "linh vuc": "field", "linh vuc, nganh": "field",
}
_START = re.compile(
    r"^(?:cong hoa xa hoi chu nghia viet nam|uy ban nhan dan\b|ubnd\b|hoi dong nhan dan\b"
    r"|so\s*:\s*\S*/|(?:ke hoach|quyet dinh)$)"
)
_SIGNATURE = re.compile(r"^(?:noi nhan\b|tm\.|kt\.|(?:pho )?chu tich$)")
_LISTED_DOCUMENT = re.compile(
    r"^\d{1,3}\.? (?:bo luat|luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi|ke hoach|cong van|van ban"
    r"|phap lenh|thong bao|huong dan|cong uoc|chien luoc|chuong trinh|de an|thong tri|ket luan)\b"
)


@dataclass(frozen=True)
class Bounds:
    """Line indices of the document inside a page: ``[first, last)``; and the page's properties."""

    first: int
    last: int
    page: tuple[tuple[str, str], ...] = ()  # (property, value): ("number", "15/KH-UBND"), …


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EDGE = " \t|:.-»›>"  # punctuation around a cue
_CUE_LENGTH = 160  # letterhead lines, headings of furniture and signature lines are short


def _key(line: str, folded: bool = False) -> str:
    """The line folded (unless ``folded`` says it is), without markers, links' targets or edge
    punctuation: what the cues match. A long line is a paragraph, never a cue: it gets no key."""
    if len(line) > _CUE_LENGTH:
        return ""
    text = (line if folded else fold_keep(line)).replace("*", " ").replace("#", " ")
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    # whitespace collapsed by split/join: the same whitespace as the regular expression \s+, faster
    return " ".join(text.split()).strip(_EDGE).strip()


def _furniture(line: str) -> bool:
    return _key(line) in _FURNITURE_LINES


def properties(line: str) -> list[tuple[str, str]]:
    """Property/value pairs of one line of a page's properties table: cells separated by ``|``,
    a property's name in one cell ("Số hiệu:") and its value in the next, or both in one cell
    ("Số hiệu: 15/KH-UBND")."""
    cells = [re.sub(r"[*_]", "", c).strip() for c in line.split("|")]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        name, _, rest = cells[i].partition(":")
        prop = _PROPERTIES.get(_key(name), "")
        if prop == "" and not rest:
            i += 1
            continue
        value = rest.strip() if rest.strip() else (cells[i + 1] if i + 1 < len(cells) else "")
        if prop and value and _key(value) not in _PROPERTIES:
            out.append((prop, value))
        i += 1 if rest.strip() else 2
    return out


def _property_row(line: str) -> bool:
    """A row of a properties table: its first cell names a property and the row gives a value."""
    first = _key(line.strip().strip("|").split("|")[0].partition(":")[0])
    return first in _PROPERTIES and bool(properties(line))


def find_bounds(lines: list[str]) -> Bounds:
    """Where the document is among ``lines`` (the reader's lines), and the page's properties."""
    folded = fold_keep("\n".join(lines)).split("\n")
    keys: dict[int, str] = {}  # on demand: the letterhead is sought from the top, the signature from the end

    def key(i: int) -> str:
        if i not in keys:
            keys[i] = _key(folded[i], folded=True)
        return keys[i]

    start = next((i for i in range(len(folded)) if _START.match(key(i))), None)
    page: list[tuple[str, str]] = []
    first = 0
    if start is not None:
        head = range(start)
        page = [p for i in head for p in properties(lines[i])]
        if page or any(_furniture(lines[i]) for i in head):
            first = _block_start(lines, start)
    last = len(lines)
    signature = next((i for i in range(len(folded) - 1, first - 1, -1) if _SIGNATURE.match(key(i))), None)
    if signature is not None:
        for i in range(signature + 1, len(lines)):
            if _furniture(lines[i]) or _property_row(lines[i]):
                last = i
                page += [p for k in range(i, len(lines)) for p in properties(lines[k])]
                break
        last = _drop_trailing_list(lines, signature + 1, last)
    return Bounds(first, last, tuple(dict.fromkeys(page)))


def _block_start(lines: list[str], start: int) -> int:
    """The first line of the letterhead holding line ``start``: the table's opening ``|`` and
    empty emphasis lines just above it belong to it."""
    i = start
    while i > 0 and lines[i - 1].strip() and not _key(lines[i - 1]):
        i -= 1
    return i


def _drop_trailing_list(lines: list[str], after: int, last: int) -> int:
    """A numbered list of documents at the very end, after the signature ("- 1 Luật Bình đẳng giới
    2006", "- 2 Nghị định 70/2008/NĐ-CP …"), is the site's list of related documents."""
    i = last
    while i > after and (_listed(lines[i - 1]) or not lines[i - 1].strip()):
        i -= 1
    listed = sum(1 for k in range(i, last) if _listed(lines[k]))
    if listed < 2:
        i = last
    while i > after and not lines[i - 1].strip():
        i -= 1
    return i


def _listed(line: str) -> bool:
    return bool(_LISTED_DOCUMENT.match(_key(line).lstrip("-•* ")))
