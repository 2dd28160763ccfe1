"""Accent folding and slugs: the keys that matching and IRIs are made of (never labels)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "slugify"]


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse spaces.

    Used for accent-insensitive matching and for slugs; never for labels.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        text = text.translate(_MARKS_BELOW if max(text) < _LISTED else _NONSPACING_MARKS)
        text = text.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", text).strip().lower()


class _Marks(dict):
    """A str.translate table that drops the non-spacing marks (category Mn) and keeps every other
    character, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_NONSPACING_MARKS = _Marks()
# the same table as a list over the code points below U+3000 (Latin, Vietnamese, symbols), which
# str.translate reads several times faster; for a text with no character past them
_LISTED = "\u3000"
_MARKS_BELOW = [_NONSPACING_MARKS[code] for code in range(ord(_LISTED))]
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # pure; IRIs repeat their segments (a plan's tasks, agencies, units)
def slugify(text: str) -> str:
    """A readable, ASCII, lower-case IRI segment: ``"Sở Nội vụ"`` → ``"so-noi-vu"``.

    ``/`` and ``&`` and every other non-alphanumeric run become one ``-``.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "x"
