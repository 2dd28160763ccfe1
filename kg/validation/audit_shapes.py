"""The hierarchy audits as SHACL-SPARQL shapes (``shapes/audits/{name}.ttl``): reading them, and the
shapes graph the store keeps (graph/shapes: the core shapes and the audit shapes).

Each audit is a ``sh:NodeShape`` ``vnsh:audit-{name}`` with ``rdfs:label`` (vi, en), ``rdfs:comment``,
``sh:severity`` and one ``sh:sparql`` ``sh:SPARQLConstraint`` holding its ``sh:select``, its
``sh:message`` in Vietnamese and English (``{?var}`` filled from the row) and ``sh:prefixes``, the
node whose ``sh:declare`` (``shapes/audits/prefixes.ttl``) gives the PREFIX lines put before the
query. See https://www.w3.org/TR/shacl/#sparql-constraints. A file that breaks this is a
:class:`kg.errors.DataFileError` naming the file and, for a SPARQL syntax error, its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import DataFileError
from kg.rdf.namespaces import SH
from kg.rdf.terms import ox_to_rdflib
from kg.resources import AUDITS_DIR
from kg.validation.model import SEVERITIES, VNSH

PREFIXES_FILE = "prefixes.ttl"  # the sh:declare node of every audit's sh:prefixes


@dataclass(frozen=True)
class Audit:
    """One SPARQL audit: the shape ``vnsh:audit-{name}`` of ``shapes/audits/{name}.ttl``."""

    name: str
    path: str
    title: str  # rdfs:label@en
    severity: str
    message_vi: str
    message_en: str
    query: str  # the PREFIX lines of sh:prefixes, then sh:select
    title_vi: str = ""  # rdfs:label@vi
    comment: str = ""  # rdfs:comment: what it checks and why

    @property
    def iri(self) -> str:
        return str(VNSH[f"audit-{self.name}"])


def parse_shapes_file(path: Path, graph: Graph) -> None:
    """Add a Turtle shapes file to ``graph`` (with its prefixes); a syntax error names the file and
    the line. Oxigraph parses (exact positions, and several times faster than rdflib's parser)."""
    try:
        parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        triples = [(ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object))
                   for q in parser]
    except SyntaxError as e:
        line = e.lineno if isinstance(e.lineno, int) else None
        raise DataFileError(str(path), line, f"not a valid shapes file (Turtle): {e.msg}") from e
    except OSError as e:
        raise DataFileError(str(path), None, f"cannot be read: {e}") from e
    for prefix, namespace in parser.prefixes.items():
        graph.bind(prefix, namespace, override=False)
    for triple in triples:
        graph.add(triple)


def audit_files(paths: Iterable[Path] | None = None) -> list[Path]:
    """The audit files (default ``shapes/audits/*.ttl`` but the prefixes file), sorted."""
    found = sorted(paths) if paths is not None else sorted(AUDITS_DIR.glob("*.ttl"))
    return [p for p in found if p.name != PREFIXES_FILE]


def audit_graph(paths: Iterable[Path] | None = None) -> Graph:
    """The audit shapes and the prefix declarations they name, as one graph."""
    graph = Graph()
    parse_shapes_file(AUDITS_DIR / PREFIXES_FILE, graph)
    for path in audit_files(paths):
        parse_shapes_file(path, graph)
    return graph


def _text(graph: Graph, node: Node, pred: URIRef, lang: str | None) -> str:
    values = sorted(str(o) for o in graph.objects(node, pred)
                    if isinstance(o, Literal) and (lang is None or o.language == lang))
    return values[0] if values else ""


def prefix_lines(graph: Graph, node: Node) -> str:
    """The PREFIX lines of the ``sh:declare``s of ``node`` (and of the ontologies it imports)."""
    declared: dict[str, str] = {}
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for d in graph.objects(current, SH.declare):
            prefix, namespace = graph.value(d, SH.prefix), graph.value(d, SH.namespace)
            if prefix is not None and namespace is not None:
                declared[str(prefix)] = str(namespace)
        todo += list(graph.objects(current, OWL.imports))
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def _audit(graph: Graph, path: Path, empty: ox.Store) -> Audit:
    name = path.stem
    shape = VNSH[f"audit-{name}"]
    if (shape, RDF.type, SH.NodeShape) not in graph:
        raise DataFileError(str(path), None, f"the file must describe the sh:NodeShape vnsh:audit-{name} "
                            "(shapes/README.md)")
    constraints = list(graph.objects(shape, SH.sparql))
    if len(constraints) != 1:
        raise DataFileError(str(path), None, f"vnsh:audit-{name} needs exactly one sh:sparql constraint")
    c = constraints[0]
    severity = graph.value(shape, SH.severity)
    fields = {
        "rdfs:label@en": _text(graph, shape, RDFS.label, "en"),
        "rdfs:label@vi": _text(graph, shape, RDFS.label, "vi"),
        "rdfs:comment": _text(graph, shape, RDFS.comment, None),
        "sh:message@vi": _text(graph, c, SH.message, "vi"),
        "sh:message@en": _text(graph, c, SH.message, "en"),
        "sh:select": _text(graph, c, SH.select, None),
        "sh:prefixes": str(graph.value(c, SH.prefixes) or ""),
    }
    missing = [k for k, v in fields.items() if not v]
    if missing:
        raise DataFileError(str(path), None,
                            f"vnsh:audit-{name} lacks {', '.join(missing)} (shapes/README.md)")
    level = str(severity).rsplit("#", 1)[-1] if severity is not None else ""
    if level not in SEVERITIES:
        allowed = ", ".join(f"sh:{s}" for s in SEVERITIES)
        raise DataFileError(str(path), None, f"sh:severity must be one of {allowed}")
    prefixes = prefix_lines(graph, graph.value(c, SH.prefixes))
    query = prefixes + fields["sh:select"]
    try:
        empty.query(query)  # syntax check on an empty store
    except SyntaxError as e:
        raise DataFileError(str(path), _select_line(path, str(e), prefixes.count("\n")),
                            f"not a valid SPARQL query: {e}") from e
    return Audit(name, str(path), fields["rdfs:label@en"], level, fields["sh:message@vi"],
                 fields["sh:message@en"], query, fields["rdfs:label@vi"], fields["rdfs:comment"])


def _select_line(path: Path, message: str, prefix_lines: int) -> int | None:
    """The line of ``path`` where a SPARQL syntax error is (the sh:select's first line + its line)."""
    m = re.search(r"at (\d+):\d+", message)
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return None
    start = next((i + 1 for i, line in enumerate(lines) if "sh:select" in line), None)
    if m is None or start is None:
        return start
    return start + max(int(m[1]) - prefix_lines - 1, 0)


def load_audits(paths: Iterable[Path] | None = None) -> list[Audit]:
    """The audits (default ``shapes/audits/*.ttl``), sorted by name."""
    files = audit_files(paths)
    graph = audit_graph(files)
    empty = ox.Store()
    return [_audit(graph, path, empty) for path in files]
