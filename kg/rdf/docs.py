"""HTML documentation of the ontology (ontology/vnge.ttl + ontology/vocab.ttl), made with pyLODE.

pyLODE's OntPub profile renders the classes and properties of the merged graph to one
``index.html``; it works offline (its background ontologies ship inside the package). OntPub does
not document SKOS concepts, so a "Controlled vocabularies" section (one table per concept scheme)
is added to the same page.
"""

from __future__ import annotations

import html
import importlib.metadata
import importlib.util
import logging
import sys
import types
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.errors import DataFileError, KGError
from kg.rdf.namespaces import PREFIXES, VNC
from kg.resources import ONTOLOGY_DIR

SOURCES = ("vnge.ttl", "vocab.ttl")


def _patch_pylode_version() -> None:
    """Let pyLODE import when its wheel lacks the pyproject.toml that ``pylode.version`` reads.

    pyLODE 3.4 reads its version from ``site-packages/pyproject.toml``, which its wheel does not
    install, so ``import pylode`` fails with FileNotFoundError. Register that module beforehand,
    with the version from the package metadata.
    """
    if "pylode.version" in sys.modules:
        return
    spec = importlib.util.find_spec("pylode")
    if spec is None or spec.origin is None:
        raise KGError("pyLODE is not installed: run `.venv/bin/pip install 'pylode>=3.0'` (a dev dependency)")
    if (Path(spec.origin).parent.parent / "pyproject.toml").exists():
        return
    module = types.ModuleType("pylode.version")
    module.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
    sys.modules["pylode.version"] = module


class _InsertionOrderedSet(dict):
    """Stands in for ``set`` inside ``pylode.utils`` while rendering.

    pyLODE collects the members of an ``owl:unionOf`` into a set of HTML elements, which hash by
    identity, so their order changed from run to run; this keeps the RDF list order instead.
    """

    def add(self, item: object) -> None:
        self[item] = None


def _import_ontpub() -> type:
    """pyLODE's OntPub, imported without letting pyLODE reconfigure the root logger.

    ``pylode.profiles.supermodel.loader`` calls ``logging.basicConfig(level=DEBUG)`` at import,
    which would make every later library log line (rdflib, asyncio…) print; undo that.
    """
    _patch_pylode_version()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def ontology_graph(ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """The ontology and its vocabularies as one graph, with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for name in SOURCES:
        path = ontology_dir / name
        if not path.exists():
            raise KGError(f"{path} is missing: the documentation is built from {', '.join(SOURCES)}")
        try:
            graph.parse(path, format="turtle")
        except Exception as e:  # rdflib raises several parser-specific types
            raise DataFileError(str(path), None, f"not valid Turtle ({e})") from e
    return graph


def _label(graph: Graph, subject: URIRef, predicate: URIRef = RDFS.label) -> str | None:
    """One display label: "Vietnamese (English)", or whichever exists."""
    by_lang = {
        o.language: str(o) for o in sorted(graph.objects(subject, predicate)) if isinstance(o, Literal)
    }
    vi, en = by_lang.get("vi"), by_lang.get("en")
    if vi and en:
        return f"{vi} ({en})"
    return vi or en


def _publication_view(graph: Graph) -> Graph:
    """The graph pyLODE renders: one combined label per term, schemes left to our own section.

    pyLODE concatenates several labels without a separator and takes every concept scheme's
    label into the page title; both read badly, so they are merged or left out here.
    """
    view = Graph(namespace_manager=graph.namespace_manager)
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(graph.subjects(RDF.type, SKOS.Concept)) & {
        s for s in graph.subjects() if s.startswith(VNC)
    }
    merged = (RDFS.label, DCTERMS.title)
    vocabularies = {s for s in graph.subjects(DCTERMS.isPartOf, None) if (s, RDF.type, OWL.Ontology) in graph}
    for s, p, o in graph:
        if s in schemes or s in concepts or s in vocabularies or p in merged:
            continue
        view.add((s, p, o))
    for p in merged:
        for s in sorted({s for s in graph.subjects(p, None) if isinstance(s, URIRef)} - schemes - concepts):
            label = _label(graph, s, p)
            if label:
                view.add((s, p, Literal(label)))
    return view


def _vocabulary_section(graph: Graph) -> str:
    """HTML of the controlled vocabularies: one table per scheme, concepts by notation."""
    rows = ['<div id="vocabularies" class="section">', "<h2>Controlled vocabularies</h2>"]
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        curie = html.escape(scheme.n3(graph.namespace_manager))
        title = html.escape(_label(graph, scheme, SKOS.prefLabel) or "")
        rows.append(f'<h3 id="{html.escape(scheme.removeprefix(VNC))}">{title}</h3>')
        rows.append(f"<p><code>{curie}</code></p>")
        header = ("IRI", "notation", "Tiếng Việt", "English", "Định nghĩa", "Definition")
        rows.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
        members = sorted(
            graph.subjects(SKOS.inScheme, scheme),
            key=lambda c: (min((str(n) for n in graph.objects(c, SKOS.notation)), default=""), str(c)),
        )
        for c in members:
            notations = ", ".join(sorted(str(n) for n in graph.objects(c, SKOS.notation)))
            labels = {o.language: str(o) for o in graph.objects(c, SKOS.prefLabel) if isinstance(o, Literal)}
            definitions = {
                d.language: str(d) for d in graph.objects(c, SKOS.definition) if isinstance(d, Literal)
            }
            cells = (
                c.n3(graph.namespace_manager),
                notations,
                labels.get("vi", ""),
                labels.get("en", ""),
                definitions.get("vi", ""),
                definitions.get("en", ""),
            )
            rows.append("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>")
        rows.append("</table>")
    rows.append("</div>")
    return "\n".join(rows) + "\n"


def _insert_before(page: str, marker: str, fragment: str) -> str:
    at = page.find(marker)
    if at < 0:
        at = page.rfind("</body>")
    return page[:at] + fragment + page[at:]


def build_docs(out_dir: Path, ontology_dir: Path = ONTOLOGY_DIR) -> Path:
    """Write the ontology's HTML documentation to ``out_dir/index.html`` and return that path."""
    ontpub = _import_ontpub()
    import pylode.utils  # pyLODE is a dev dependency (the [dev] extra): imported only by `kg docs`

    graph = ontology_graph(ontology_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    index = out_dir / "index.html"
    pylode.utils.set = _InsertionOrderedSet  # type: ignore[attr-defined]
    try:
        page = ontpub(ontology=_publication_view(graph), sort_subjects=True).make_html(include_css=True)
    finally:
        del pylode.utils.set  # type: ignore[attr-defined]
    page = _insert_before(page, '<div id="namespaces">', _vocabulary_section(graph))
    toc = '<li><h4><a href="#vocabularies">Controlled vocabularies</a></h4></li>\n'
    page = _insert_before(page, '<li>\n          <h4>\n            <a href="#namespaces">', toc)
    index.write_text(page, encoding="utf-8")
    return index
