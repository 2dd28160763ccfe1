"""Word's automatic list numbers ("1.", "a)", "II.", bullets) rendered as Word shows them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element as Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


class Numbering:
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
            for node in root.iter(W + "abstractNum"):
                self.abstract[node.get(W + "abstractNumId")] = {
                    _int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in node.iter(W + "lvl")
                }
            for node in root.iter(W + "num"):
                ref = node.find(W + "abstractNumId")
                starts = {
                    _int(o.get(W + "ilvl"), 0): _int(s.get(W + "val"), 1)
                    for o in node.iter(W + "lvlOverride")
                    for s in o.iter(W + "startOverride")
                }
                if ref is not None:
                    self.nums[node.get(W + "numId")] = (ref.get(W + "val"), starts)
        based: dict[str, str] = {}
        for style in document.styles.element.iter(W + "style"):
            sid = style.get(W + "styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.styles[sid] = _num_pr(num_pr, None)
            parent = style.find(W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(W + "val")
        for sid in sorted(based):  # inherit numbering through basedOn chains (at most 10 deep)
            cur, depth = sid, 0
            while cur not in self.styles and cur in based and depth < 10:
                cur, depth = based[cur], depth + 1
            if cur in self.styles and sid not in self.styles:
                self.styles[sid] = self.styles[cur]

    def label(self, p: Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = p.find(f"{W}pPr/{W}pStyle")
        ref = self.styles.get(style.get(W + "val")) if style is not None else None
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
        node = lvl.find(W + tag)
        return node.get(W + "val", default) if node is not None else default

    return val("numFmt", "decimal"), val("lvlText", ""), _int(val("start", "1"), 1)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(num_pr: Element, fallback: tuple[str, int] | None) -> tuple[str, int] | None:
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    nid = num_id.get(W + "val") if num_id is not None else (fallback[0] if fallback else None)
    if nid is None or nid == "0":
        return None
    level = _int(ilvl.get(W + "val"), 0) if ilvl is not None else (fallback[1] if fallback else 0)
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
