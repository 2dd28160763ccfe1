"""The lexicon: what the extractors recognise by name (agencies, administrative units, unit types,
abbreviations), read from the tab-separated files in ``data/``, matched accent-insensitively and
tolerant of OCR damage.

- :mod:`~kg.lexicon.names`: a canonical name → an OCR-tolerant regex (``name_pattern``);
- :mod:`~kg.lexicon.agencies`: known agencies (``find_agencies``, ``agency_at``);
- :mod:`~kg.lexicon.units`: provinces across the 2025 reform, unit types, curated lower units;
- :mod:`~kg.lexicon.abbreviations`: abbreviations of agency phrases;
- :mod:`~kg.lexicon.restore`: diacritics of OCR'd words restored from the curated lexicon.
"""

from kg.lexicon import agencies as _agencies
from kg.lexicon import restore as _restore
from kg.lexicon import units as _units
from kg.lexicon.abbreviations import abbreviations
from kg.lexicon.agencies import (
    TYPE_WORDS,
    AgencyEntry,
    agency_at,
    agency_entries,
    find_agencies,
    find_agencies_folded,
    match_agency,
)
from kg.lexicon.names import name_pattern
from kg.lexicon.restore import correct_word, lexicon, restore
from kg.lexicon.tables import DATA
from kg.lexicon.units import (
    Province,
    districts,
    find_district,
    find_provinces,
    province_for,
    provinces,
    unit_types,
)

__all__ = [
    "DATA",
    "TYPE_WORDS",
    "AgencyEntry",
    "Province",
    "abbreviations",
    "agency_at",
    "agency_entries",
    "correct_word",
    "districts",
    "find_agencies",
    "find_agencies_folded",
    "find_district",
    "find_provinces",
    "lexicon",
    "match_agency",
    "name_pattern",
    "prepare",
    "province_for",
    "provinces",
    "restore",
    "unit_types",
]


def prepare() -> None:
    """Read the tables and compile the gazetteer's regular expressions now instead of at their first
    use (about 0.3 s): a process that forks extraction workers calls it first, so that they inherit
    them rather than each compile its own (kg/pipeline/workers.py)."""
    _agencies.agency_entries()
    _agencies._agency_matchers()
    _agencies._head_finder()
    _units.provinces()
    _units._province_regex()
    _units.unit_types()
    _units._district_patterns()
    for names in (False, True):
        _restore.lexicon(names)
        _restore._phrase_lengths(names)
    abbreviations()
