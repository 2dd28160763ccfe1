"""The official lists of administrative units in a store: ``kg units import`` and the build.

``kg units import FILE… --store S`` (kg/pipeline/unit_import.py) reads and checks the lists
(kg/pipeline/unit_files.py), makes their triples (kg/rdf/unit_lists.py) and rebuilds the store with
them as ``graph/units``: the build writes a new store beside the old one and swaps it in at the end,
so a bad file or a crash never leaves a half-written list, and every plan is resolved against the
new list (kg/rdf/unit_resolution.py). Replacing the graph in place took 40–90 s for 257,000 triples
on an on-disk Oxigraph store (a SPARQL MOVE included); the build's bulk load takes a few seconds.
``kg build`` imports the files named by ``VNGE_UNITS`` when that is set, else keeps the list the
store already holds, else resolves against the curated units of data/reference.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, UnitListError
from kg.pipeline.unit_files import read_unit_lists
from kg.rdf.namespaces import graph_iri
from kg.rdf.unit_index import PROPERTIES, UnitIndex
from kg.rdf.unit_lists import POST, PRE, UnitLists, unit_list_ntriples
from kg.settings import UNITS
from kg.stores import open_backend, parse_store


def units_graph() -> str:
    return str(graph_iri("units"))


@dataclass
class ImportedUnits:
    lists: UnitLists
    ntriples: bytes
    seconds: float = 0.0  # reading and converting
    store_seconds: float = 0.0  # writing into the store
    store: str = ""
    lines: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        n = self.lists.count
        triples = self.ntriples.count(b"\n")
        out = [f"read {len(self.lists.files)} file(s) in {self.seconds:.1f} s: "
               f"before 1 July 2025 (edition {PRE}) {n(PRE, 'province')} provinces, {n(PRE, 'district')} "
               f"districts, {n(PRE, 'commune')} communes; from 1 July 2025 (edition {POST}) "
               f"{n(POST, 'province')} provinces, {n(POST, 'commune')} communes; "
               f"{len(self.lists.conversions)} old → new rows, {self.lists.events()} change events; "
               f"{triples} triples"]
        out += [f"  warning: {w}" for w in self.lists.warnings]
        if self.store:
            out.append(f"rebuilt {self.store} with {units_graph()} in {self.store_seconds:.1f} s: every plan "
                       "is resolved against the lists; later builds keep them (or set VNGE_UNITS)")
        return out


def read_units(paths: list[Path]) -> ImportedUnits:
    """The lists in ``paths`` (files or folders) as the N-Triples of graph/units; UnitListError if any
    file is not a list kg knows or does not hold together."""
    started = time.perf_counter()
    lists = read_unit_lists(paths)
    data = unit_list_ntriples(lists)
    return ImportedUnits(lists, data, time.perf_counter() - started)


def configured_files() -> list[Path]:
    """The files or folders named by ``VNGE_UNITS`` (separated by ``os.pathsep``), or none."""
    return [Path(p) for p in UNITS.value().split(os.pathsep) if p.strip()]


def units_for_build(store: str) -> tuple[bytes, str]:
    """(N-Triples of graph/units, where they come from) for a build into ``store``: the files of
    ``VNGE_UNITS``, else the list the store holds now (kept across builds), else nothing."""
    paths = configured_files()
    if paths:
        try:
            return read_units(paths).ntriples, f"VNGE_UNITS ({UNITS.value()})"
        except UnitListError as e:
            raise UnitListError(f"VNGE_UNITS: {e}") from e
    spec = parse_store(store)
    if (spec.kind == "oxigraph" and not Path(spec.location).is_dir()) or not spec.location:
        return b"", ""  # no store yet, or an unnamed memory store
    try:
        backend = open_backend(store, read_only=True)
    except (OSError, KGError):
        return b"", ""  # the build reports a store it cannot open
    try:
        data = backend.export_graph(units_graph()) if units_graph() in backend.graphs() else b""
    finally:
        backend.close()
    return data, (f"the list imported into {spec} before" if data else "")


def index_from_ntriples(data: bytes) -> UnitIndex:
    """The unit index (kg/rdf/unit_index.py) of graph/units given as N-Triples."""
    wanted = set(PROPERTIES)
    rows = []
    for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        p = quad.predicate.value
        if p in wanted:
            o = quad.object
            tag = (o.language or o.datatype.value) if isinstance(o, ox.Literal) else None
            rows.append((quad.subject.value, p, o.value, tag))
    return UnitIndex.from_rows(rows)
