"""The lexicon: what the extractors recognise by name (agencies, administrative units, unit types,
abbreviations), read from the tab-separated files in ``data/``, matched accent-insensitively and
tolerant of OCR damage.

- :mod:`~kg.lexicon.names`: a canonical name → an OCR-tolerant regex (``name_pattern``);
- :mod:`~kg.lexicon.agencies`: known agencies (``find_agencies``, ``agency_at``);
- :mod:`~kg.lexicon.units`: provinces across the 2025 reform, unit types, curated lower units;
- :mod:`~kg.lexicon.abbreviations`: abbreviations of agency phrases;
- :mod:`~kg.lexicon.restore`: diacritics of OCR'd words restored from the curated lexicon.
"""

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
    "province_for",
    "provinces",
    "restore",
    "unit_types",
]
