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
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=1 << 16)  # pure; IRIs repeat their segments (a plan's tasks, agencies, units)
def slugify(text: str) -> str:
    """A readable, ASCII, lower-case IRI segment: ``"Sở Nội vụ"`` → ``"so-noi-vu"``.

    ``/`` and ``&`` and every other non-alphanumeric run become one ``-``.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "x"
