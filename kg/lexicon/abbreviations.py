"""Abbreviations of agency phrases (abbreviations.tsv): UBND → Ủy ban nhân dân, …"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicon.tables import rows


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {row[0]: row[1] for row in rows("abbreviations.tsv") if len(row) > 1}
