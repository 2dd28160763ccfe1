"""``kg units import FILE… --store S``: the official unit lists read and checked
(kg/pipeline/units.py), then the store rebuilt with them as graph/units (kg/pipeline/build.py), so
that every plan is resolved against them and the old store stays whole until the new one is ready."""

from __future__ import annotations

import time
from pathlib import Path

from kg.pipeline.build import BuildReport, build
from kg.pipeline.units import ImportedUnits, read_units
from kg.stores import parse_store


def import_units(paths: list[Path], store: str, data_dir: Path) -> tuple[ImportedUnits, BuildReport]:
    """Rebuild ``store`` (kg/pipeline/build.py: into a new folder swapped in at the end) with the lists
    in ``paths`` as graph/units, so that every plan is resolved against them. The files are read and
    checked first: a bad file stops the import before the store is touched."""
    imported = read_units(paths)
    spec = parse_store(store)  # a store not built yet is built here
    started = time.perf_counter()
    names = ", ".join(str(p) for p in paths)
    report = build(data_dir, store, units=(imported.ntriples, f"`kg units import {names}`"))
    imported.store, imported.store_seconds = str(spec), time.perf_counter() - started
    return imported, report
