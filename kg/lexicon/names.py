"""OCR-tolerant name patterns: a canonical name → a regex over :func:`kg.text.normalize.fold_keep` text.

Each vowel also accepts the characters OCR confuses it with ("S6"/"S¢" for "Sở", "hdi" for "hội",
"Poan" for "Đoàn", "nit" for "nữ"); "và", "-", "," and "&" between words are interchangeable
("Văn hóa - Thông tin" = "Văn hóa và Thông tin"); abbreviations ("LĐ-TB&XH", "VH-TT", "GD&ĐT")
match with or without their separators.
"""

from __future__ import annotations

import re

from kg.text.normalize import fold_keep

_CLASS = {
    "a": "[a4&@d]",
    "e": "[e€¢&3]",
    "o": "[o06d¢]",
    "i": "[i1l|]",
    "l": "[l1i|]",
    "u": "(?:u[rw]?|w|y|i[tr])",
    "d": "[dp]{1,2}",
    "c": "[c¢]",
}
_VOWELS = set("aeiouy")
# In long names (3+ words) a vowel may be any vowel-like OCR output: the consonants carry the name.
_SKELETON_VOWEL = "[aeiouywr0-9€¢&@|d]{1,3}"
_SEP = r"[\s\-–—]+"  # plain space in the canonical name
_JOIN = r"(?:[\s\-–—&,/.]+(?:va\s+)?)"  # "-", ",", "và" in the canonical name: interchangeable
_JOIN_ABBR = r"[\s\-–—&,/.]*"
_WORD = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


def word_pattern(word: str, skeleton: bool = False) -> str:
    out = []
    vowel_run = False
    for ch in word:
        if skeleton and ch in _VOWELS:
            if not vowel_run:
                out.append(_SKELETON_VOWEL)
            vowel_run = True
            continue
        vowel_run = False
        out.append(_CLASS.get(ch, re.escape(ch)))
        if ch in _VOWELS:
            out.append("[16€¢e]?")  # OCR inserts a stray mark after a vowel ("Hoi1", "HO6", "hoéa")
    if skeleton and vowel_run:
        out.append("[tr]?")  # "nữ" read as "nit" / "nir"
    return "".join(out)


def is_abbreviation(text: str) -> bool:
    return text.upper() == text and " " not in text.strip()


def name_pattern(text: str) -> str:
    """Regex source matching ``text`` in fold_keep'ed, possibly OCR'd text."""
    folded = fold_keep(text)
    pieces = _WORD.findall(folded)
    words = [p for p in pieces if p[0].isalnum() and p != "va"]
    if not words:
        return re.escape(folded)
    if is_abbreviation(text):
        return _JOIN_ABBR.join(re.escape(w) for w in words)
    skeleton = len(words) >= 3
    out: list[str] = []
    pending_join = False
    for piece in pieces:
        if not piece[0].isalnum() or piece == "va":
            if piece == "va" or piece.strip():
                pending_join = True
            continue
        if out:
            out.append(_JOIN if pending_join else _SEP)
        out.append(word_pattern(piece, skeleton and len(piece) > 1))
        pending_join = False
    if words[-1] == "uy":
        out.append(r"(?![\s\-]*ban)")  # "Quận ủy", not "quận Ủy ban …"
    return "".join(out)
