"""The inputs of a build or an ingest: Turtle files (the ontology, the reference data) and plan
documents, read, extracted and mapped one file at a time. Errors name the file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import DataFileError, InputError, NotAPlanError
from kg.extract import extract_plan
from kg.extract.records import PlanExtraction
from kg.rdf.context import SourceInfo
from kg.rdf.mapping import map_triples
from kg.rdf.namespaces import DEFAULT_BASE, VNC, VNP, base, fold
from kg.rdf.references import ReferenceIndex
from kg.rdf.sink import Triples
from kg.readers.isolated import read_isolated

_PLAN_WORD = re.compile(r"\bke hoach\b")
PLAN_SUFFIXES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def parse_turtle_files(paths: list[Path]) -> Graph:
    """Parse Turtle files into one rdflib graph; a syntax error names the file and line."""
    graph = Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as e:  # rdflib raises several parser-specific types
            line = getattr(e, "lines", None) or getattr(e, "line", None)
            raise DataFileError(
                str(path),
                line if isinstance(line, int) else None,
                f"not valid Turtle: {e}. Fix the file and run the build again.",
            ) from e
    return graph


def rebase(graph: Graph) -> Graph:
    """Move data IRIs written with the default base (reference files) to the configured base.

    The ontology (``vnp:``) and concept (``vnc:``) namespaces are fixed and never moved.
    """
    new_base = base()
    if new_base == DEFAULT_BASE:
        return graph
    fixed = (str(VNP), str(VNC))

    def move(term):
        if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE) and not term.startswith(fixed):
            return URIRef(new_base + term[len(DEFAULT_BASE) :])
        return term

    out = Graph()
    for s, p, o in graph:
        out.add((move(s), p, move(o)))
    return out


# A corpus folder's own documentation (data/plans/SOURCES.md) is not a plan, whatever its suffix.
_FOLDER_NOTES = {"readme", "sources", "license", "licence", "changelog", "notes", "index", "contents"}


def is_plan_file(path: Path) -> bool:
    """A document a plan may be in (.txt, .md, .html, .docx, .pdf), not the folder's notes."""
    return path.suffix.lower() in PLAN_SUFFIXES and path.stem.lower() not in _FOLDER_NOTES


def plan_files(plans_dir: Path) -> list[Path]:
    """The plan documents of a folder (:func:`is_plan_file`), sorted; none when it does not exist."""
    return sorted(p for p in plans_dir.iterdir() if is_plan_file(p)) if plans_dir.is_dir() else []


@dataclass
class Extracted:
    """One plan file read, extracted and mapped: its plan's IRI, the triples of its graph and the
    warnings of its reading and extraction."""

    plan: str
    triples: Triples
    warnings: list[str]

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib Graph (made once, when asked for)."""
        return self.triples.to_graph()


def looks_like_plan(x: PlanExtraction, text: str) -> bool:
    """A plan names itself "Kế hoạch" near the top, or at least assigns or targets something."""
    head = fold(text[:3000])
    return bool(_PLAN_WORD.search(head)) or bool(x.tasks or x.targets or x.responsibilities)


def extract_to_graph(path: Path, ref: ReferenceIndex) -> Extracted:
    """Read, extract and map one plan file. Raises KGError (naming the file) on bad input."""
    try:
        data = path.read_bytes()
    except OSError as e:
        problem = f"cannot be read ({e.strerror or e})"
        raise InputError(str(path), problem, "check the path and permissions") from e
    document = read_isolated(data, path.name)  # a memory and a time limit: bombs are refused
    extraction = extract_plan(document.text)
    if not looks_like_plan(extraction, document.text):
        raise NotAPlanError(
            str(path),
            "does not look like an implementation plan: no 'Kế hoạch' heading near the top and no task, "
            "target or responsibility found",
            "check that this is the right file; only plans (Kế hoạch) are ingested",
        )
    source = SourceInfo(
        sha256=hashlib.sha256(data).hexdigest(),
        file_name=path.name,
        media_type=document.media_type,
    )
    plan, triples = map_triples(extraction, document.text, source, ref)
    return Extracted(str(plan), triples, [*document.warnings, *extraction.warnings])
