"""The official lists of administrative units read from their files (``kg units import``): the GSO/NSO
lists before the 2025 reform (provinces, districts, communes), after it (provinces, communes) and the
NSO old → new conversion table, in the CSV layouts of ``../shared/reference-data/admin-units`` (its
README names their sources). Each file is recognised by its header row; every problem names the file
and line and says what to do. :mod:`kg.rdf.unit_lists` turns what is read here into triples.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

from kg.errors import UnitListError
from kg.rdf.unit_lists import POST, PRE, Conversion, ProvinceChange, Unit, UnitLists

TYPES = {  # unit_type column → (unittype notation, level)
    "Thành phố trực thuộc trung ương": ("municipality", "province"),
    "Tỉnh": ("province", "province"),
    "Thành phố thuộc thành phố trực thuộc trung ương": ("municipal-city", "district"),
    "Thành phố thuộc tỉnh": ("provincial-city", "district"),
    "Quận": ("urban-district", "district"),
    "Thị xã": ("town", "district"),
    "Huyện": ("rural-district", "district"),
    "Phường": ("ward", "commune"),
    "Thị trấn": ("township", "commune"),
    "Xã": ("commune", "commune"),
    "Đặc khu tại hải đảo": ("special-zone", "commune"),
    "Đặc khu": ("special-zone", "commune"),
}
CODE_DIGITS = {"province": 2, "district": 3, "commune": 5}
_UNIT_COLUMNS = {"code", "name", "name_en", "full_name", "full_name_en", "unit_type"}
# layout name → (era, level, columns that tell it apart)
LAYOUTS: dict[str, tuple[str, str, set[str]]] = {
    "pre-2025/provinces.csv": (PRE, "province", _UNIT_COLUMNS | {"administrative_region_id"}),
    "pre-2025/districts.csv": (PRE, "district", _UNIT_COLUMNS | {"province_code"}),
    "pre-2025/wards.csv": (PRE, "commune", _UNIT_COLUMNS | {"district_code", "province_code"}),
    "post-2025/provinces.csv": (POST, "province", _UNIT_COLUMNS),
    "post-2025/wards.csv": (POST, "commune", _UNIT_COLUMNS | {"province_code"}),
}
COMMUNE_TABLE = {"new_province_code", "new_commune_code", "old_commune_code", "change_kind",
                 "old_commune_code_suggested", "old_district_code"}
PROVINCE_TABLE = {"old_province_code", "new_province_code", "change", "province_resolution",
                  "commune_resolution", "commune_resolution_adopted", "new_units_operate_from"}
LOOKUPS = {"id", "code_name"}  # administrative_units.csv / _regions.csv: not needed
_RAW_NSO = "Đơn vị hành chính từ ngày 01/7/2025"
HELP = ("the layouts `kg units import` reads are listed in README.md, 'Administrative units' (the CSVs "
        "of ../shared/reference-data/admin-units: pre-2025/, post-2025/, mapping-2025/)")


def expand(paths: list[Path]) -> list[Path]:
    """The files to read: each file as given, each folder's ``*.csv`` files at any depth (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.csv") if p.is_file())
            if not found:
                raise UnitListError(f"{path}: the folder holds no .csv file; {HELP}")
            out += found
        elif path.is_file():
            out.append(path)
        else:
            raise UnitListError(f"{path}: no such file or folder; give the official unit lists ({HELP})")
    return out


def read_unit_lists(paths: list[Path]) -> UnitLists:
    """Read and check the official lists in ``paths`` (files or folders); raise UnitListError on the
    first problem, before anything is written anywhere."""
    lists = UnitLists()
    tables: list[tuple[Path, list[dict[str, str]], int]] = []
    for path in expand(paths):
        header, rows, first_line = _read_csv(path)
        columns = set(header)
        layout = _layout(columns, rows)
        if layout is None:
            if columns >= COMMUNE_TABLE or columns >= PROVINCE_TABLE:
                tables.append((path, rows, first_line))
            elif columns >= LOOKUPS and "code" not in columns:
                continue  # a lookup table (administrative_units.csv, administrative_regions.csv)
            elif header and header[0].strip() == _RAW_NSO:
                if any(p.is_dir() for p in paths):
                    continue  # the raw NSO export beside its cleaned derivative (commune_old_to_new.csv)
                raise UnitListError(f"{path}: this is the raw NSO conversion workbook export; import its "
                                    "cleaned derivative mapping-2025/commune_old_to_new.csv instead (same "
                                    "rows, codes checked, NSO misprints listed in its `issues` column)")
            else:
                raise UnitListError(f"{path}: not a unit list layout kg knows (header: "
                                    f"{', '.join(header[:8]) or 'none'}); {HELP}")
            lists.files.append((f"{path.parent.name}/{path.name}", _sha256(path)))
            continue
        era, level = LAYOUTS[layout][:2]
        for line, row in enumerate(rows, first_line):
            unit = _unit(path, line, row, era, level)
            key = (era, unit.code)
            if key in lists.units:
                raise UnitListError(f"{path}:{line}: code {unit.code} appears twice in the {era} list; "
                                    "import each list once (a folder and a file inside it count twice)")
            lists.units[key] = unit
        lists.files.append((f"{path.parent.name}/{path.name}", _sha256(path)))
    _check_parents(lists)
    for path, rows, first_line in tables:
        if _is_province_table(rows):
            lists.provinces += _province_changes(path, rows, first_line, lists)
        else:
            lists.conversions += _conversions(path, rows, first_line, lists)
    if not lists.units:
        raise UnitListError(f"no unit list among {', '.join(str(p) for p in paths)}; {HELP}")
    return lists


def _is_province_table(rows: list[dict[str, str]]) -> bool:
    return bool(rows) and PROVINCE_TABLE <= set(rows[0])


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]], int]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnitListError(f"{path}: not UTF-8 text (byte {e.start}); save the list as UTF-8 CSV and import "
                            "it again") from e
    except OSError as e:
        raise UnitListError(f"{path}: cannot be read ({e.strerror})") from e
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader, [])
        if header and header[0].strip() == _RAW_NSO:
            return header, [], 2
        rows = [dict(zip(header, r, strict=False)) for r in reader if any(c.strip() for c in r)]
    except csv.Error as e:
        raise UnitListError(f"{path}:{reader.line_num}: not valid CSV ({e})") from e
    return header, rows, 2


def _layout(columns: set[str], rows: list[dict[str, str]]) -> str | None:
    """The layout of a unit list: the most specific one whose columns are all present; the district
    list before 2025 and the commune list after it have the same columns and differ by code length."""
    matches = [name for name, (_, _, needed) in LAYOUTS.items() if needed <= columns]
    if not matches:
        return None
    width = max(matches, key=lambda n: len(LAYOUTS[n][2]))
    found = [n for n in matches if len(LAYOUTS[n][2]) == len(LAYOUTS[width][2])]
    if len(found) > 1 and rows:
        digits = len((rows[0].get("code") or "").strip())
        found = [n for n in found if CODE_DIGITS[LAYOUTS[n][1]] == digits] or found
    return found[0]


def _clean(value: str | None) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", value or "").strip())


def _code(path: Path, line: int, value: str | None, level: str, column: str) -> str:
    code = (value or "").strip()
    if not re.fullmatch(rf"\d{{{CODE_DIGITS[level]}}}", code):
        raise UnitListError(f"{path}:{line}: column {column} should be a {level} code of "
                            f"{CODE_DIGITS[level]} digits with its leading zeros, found {code!r}; keep codes "
                            "as text when the list is saved from a spreadsheet")
    return code


def _unit(path: Path, line: int, row: dict[str, str], era: str, level: str) -> Unit:
    code = _code(path, line, row.get("code"), level, "code")
    kind = _clean(row.get("unit_type"))
    if kind not in TYPES or TYPES[kind][1] != level:
        raise UnitListError(f"{path}:{line}: unit type {kind!r} is not a {level} type; expected one of "
                            f"{', '.join(t for t, (_, lv) in TYPES.items() if lv == level)}")
    name, full = _clean(row.get("name")), _clean(row.get("full_name"))
    if not name or not full:
        raise UnitListError(f"{path}:{line}: unit {code} has no name (columns name, full_name)")
    parent = None
    if level == "district" or (level == "commune" and era == POST):
        parent = _code(path, line, row.get("province_code"), "province", "province_code")
    elif level == "commune":
        parent = _code(path, line, row.get("district_code"), "district", "district_code")
    return Unit(era, code, level, TYPES[kind][0], name, full, _clean(row.get("name_en")),
                _clean(row.get("full_name_en")), parent)


def _check_parents(lists: UnitLists) -> None:
    for unit in sorted(lists.units.values(), key=lambda u: (u.era, u.code)):
        if unit.parent and (unit.era, unit.parent) not in lists.units:
            above = "district" if unit.level == "commune" and unit.era == PRE else "province"
            raise UnitListError(f"{unit.era} list: {unit.full_name} ({unit.code}) belongs to {above} "
                                f"{unit.parent}, which is not in the files given; import the {above} list "
                                "of the same edition with it")


def _conversions(path: Path, rows: list[dict[str, str]], first: int, lists: UnitLists) -> list[Conversion]:
    if not any(k[0] == PRE for k in lists.units) or not any(k[0] == POST for k in lists.units):
        raise UnitListError(f"{path}: the conversion table links the lists before and after the 2025 "
                            "reform; import both lists with it (pre-2025/ and post-2025/)")
    out, skipped = [], []
    for line, row in enumerate(rows, first):
        new = (row.get("new_commune_code") or "").strip()
        old = (row.get("old_commune_code_suggested") or row.get("old_commune_code") or "").strip()
        if not old:  # a district without communes (island districts) or an unnumbered area
            district = (row.get("old_district_code") or "").strip()
            if (PRE, district) in lists.units and (POST, new) in lists.units:
                lists.district_areas.append((district, new))
            continue
        if (POST, new) not in lists.units or (PRE, old) not in lists.units:
            skipped.append(f"{path.name}:{line} ({old} → {new})")
            continue
        out.append(Conversion(lists.units[(POST, new)].parent or "", new, old,
                              (row.get("change_kind") or "").strip(), _clean(row.get("note_nso"))))
    if skipped:
        lists.warnings.append(f"{len(skipped)} row(s) of {path.name} name a code that is not in the lists "
                              f"imported and were left out: {', '.join(skipped[:5])}"
                              + (" …" if len(skipped) > 5 else ""))
    return out


def _province_changes(path: Path, rows: list[dict[str, str]], first: int, lists: UnitLists
                      ) -> list[ProvinceChange]:
    out = []
    for line, row in enumerate(rows, first):
        old = _code(path, line, row.get("old_province_code"), "province", "old_province_code")
        new = _code(path, line, row.get("new_province_code"), "province", "new_province_code")
        if (PRE, old) not in lists.units or (POST, new) not in lists.units:
            raise UnitListError(f"{path}:{line}: province {old} → {new} is not in the province lists given; "
                                "import pre-2025/provinces.csv and post-2025/provinces.csv with it")
        out.append(ProvinceChange(old, new, _clean(row.get("change")), _clean(row.get("province_resolution")),
                                  _clean(row.get("commune_resolution")),
                                  _clean(row.get("commune_resolution_adopted")),
                                  _clean(row.get("new_units_operate_from"))))
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
