"""Reading the validation's input files: the SHACL shapes (``shapes/*.ttl``), the audit queries
(``shapes/audits/*.rq``, each with a header giving its title, severity and messages) and a
hand-made dataset to validate. A syntax error names the file and the line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import DataFileError
from kg.resources import AUDITS_DIR, SHAPES_DIR
from kg.validation.model import SEVERITIES, VNSH


@dataclass(frozen=True)
class Audit:
    """One SPARQL audit: ``shapes/audits/{name}.rq`` with its header."""

    name: str
    path: str
    title: str
    severity: str
    message_vi: str
    message_en: str
    query: str

    @property
    def iri(self) -> str:
        return str(VNSH[f"audit-{self.name}"])


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """Parse the shapes files (default ``shapes/*.ttl``); a syntax error names file and line."""
    graph = Graph()
    for path in sorted(paths) if paths is not None else sorted(SHAPES_DIR.glob("*.ttl")):
        try:  # Oxigraph's parser reports exact positions; rdflib's line numbers are unreliable
            for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                pass
            graph.parse(path, format="turtle")
        except SyntaxError as e:
            line = e.lineno if isinstance(e.lineno, int) else None
            raise DataFileError(str(path), line, f"not a valid shapes file (Turtle): {e.msg}") from e
        except OSError as e:
            raise DataFileError(str(path), None, f"cannot be read: {e}") from e
        except Exception as e:  # rdflib raises parser-specific types
            raise DataFileError(str(path), None, f"not a valid shapes file (Turtle): {e}") from e
    return graph


_HEADER = re.compile(r"^#\s*(title|severity|message@vi|message@en):\s*(.*?)\s*$")


def load_audits(paths: Iterable[Path] | None = None) -> list[Audit]:
    """Read the audit queries (default ``shapes/audits/*.rq``); each needs a complete header."""
    audits = []
    for path in sorted(paths) if paths is not None else sorted(AUDITS_DIR.glob("*.rq")):
        text = path.read_text("utf-8")
        header = {}
        for line in text.splitlines():
            if m := _HEADER.match(line):
                header[m[1]] = m[2]
        missing = [k for k in ("title", "severity", "message@vi", "message@en") if k not in header]
        if missing:
            problem = f"audit header lacks {', '.join(missing)} (see shapes/README.md)"
            raise DataFileError(str(path), 1, problem)
        if header["severity"] not in SEVERITIES:
            raise DataFileError(str(path), 2, f"severity must be one of {', '.join(SEVERITIES)}")
        try:
            ox.Store().query(text)  # syntax check on an empty store
        except SyntaxError as e:
            raise DataFileError(str(path), _sparql_line(str(e)), f"not a valid SPARQL query: {e}") from e
        audits.append(
            Audit(
                path.stem,
                str(path),
                header["title"],
                header["severity"],
                header["message@vi"],
                header["message@en"],
                text,
            )
        )
    return audits


def _sparql_line(message: str) -> int | None:
    m = re.search(r"at (\d+):\d+", message)
    return int(m[1]) if m else None


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
