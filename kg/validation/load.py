"""Reading the validation's input files: the SHACL shapes (``shapes/*.ttl``), the audit shapes
(``shapes/audits/*.ttl``, read by kg/validation/audit_shapes.py) and a hand-made dataset to
validate. A syntax error names the file and the line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import DataFileError
from kg.resources import SHAPES_DIR
from kg.validation.audit_shapes import Audit, audit_graph, load_audits, parse_shapes_file

__all__ = ["Audit", "audit_graph", "load_audits", "load_dataset", "load_shapes", "shapes_graph"]


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """Parse the shapes files (default ``shapes/*.ttl``); a syntax error names file and line."""
    graph = Graph()
    for path in sorted(paths) if paths is not None else sorted(SHAPES_DIR.glob("*.ttl")):
        parse_shapes_file(path, graph)
    return graph


def shapes_graph() -> Graph:
    """The shapes graph the store keeps as graph/shapes: the core shapes (``shapes/*.ttl``) and the
    audit shapes with their prefix declarations (``shapes/audits/*.ttl``), so that every
    ``sh:sourceShape`` of graph/audit names a shape described in the store."""
    graph = load_shapes()
    graph += audit_graph()
    return graph


def load_dataset(path: Path) -> ox.Store:
    """An in-memory store from a TriG/N-Quads/Turtle file; a syntax error names file and line."""
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(path.suffix, ox.RdfFormat.TURTLE)
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as e:
        line = e.lineno if isinstance(e.lineno, int) else None
        raise DataFileError(str(path), line, f"not valid RDF: {e.msg}") from e
    except OSError as e:
        raise DataFileError(str(path), None, f"cannot be read: {e}") from e
    return store
