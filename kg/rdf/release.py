"""The release a graph was made with, and the PROV that says so (issue 18, items 1 and 8).

The ontology, its vocabularies and each shapes file declare an ``owl:versionIRI``
(tests/rdf/test_versions.py). Every graph the software writes names the versions that made it:

- a plan's named graph ``prov:wasGeneratedBy`` the extraction of its source file
  (:func:`extraction`): a ``vnp:ExtractionActivity`` identified by the software version and the file's
  SHA-256, which ``prov:used`` the file and the ontology and vocabulary versions;
- each derived graph (entities, inference, summary, audit) ``prov:wasGeneratedBy`` its own
  ``vnp:DerivationActivity`` per software version and release (:func:`derivation`), which
  ``prov:used`` the ontology, vocabulary and shapes versions.

No clock is read: the same inputs give the same triples (the build is compared quad for quad). When a
build ran is kept beside the store, in its record ``<store>.corpus.json`` (kg/pipeline/state.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg import __version__
from kg.rdf.namespaces import VNP, graph_iri, mint_iri
from kg.resources import ONTOLOGY_DIR, versioned_shapes_files

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# The one owl:versionIRI of a file's owl:Ontology header (the header's form is held by
# tests/rdf/test_versions.py, which parses the files; reading it this way needs no Turtle parser in
# every worker process).
_VERSION_IRI = re.compile(r"owl:versionIRI\s+<([^>]+)>")
# Stamped by kg/pipeline/build.py and after each ingest or removal (kg/pipeline/ingest.py ``finish``);
# graph/summary and graph/audit also carry the stamp in their content (kg/pipeline/summary.py,
# kg/validation/report.py), so that a recomputation or `kg validate` gives it too.
DERIVED_GRAPHS = ("entities", "inference", "summary", "audit", "comparison")


def _version_iri(path: Path) -> URIRef:
    found = _VERSION_IRI.findall(path.read_text("utf-8"))
    if len(found) != 1:
        raise ValueError(f"{path}: expected one owl:versionIRI, found {len(found)}")
    return URIRef(found[0])


@lru_cache(maxsize=1)
def ontology_versions() -> tuple[URIRef, ...]:
    """The version IRIs of the ontology and its vocabularies (what the mapping writes terms of)."""
    return tuple(_version_iri(p) for p in sorted(ONTOLOGY_DIR.glob("*.ttl")))


@lru_cache(maxsize=1)
def shapes_versions() -> tuple[URIRef, ...]:
    """The version IRIs of the shapes, audits and rules files (what checked and derived the graphs)."""
    return tuple(_version_iri(p) for p in versioned_shapes_files())


def release_number() -> str:
    """The release number, e.g. ``"0.2.0"``: the last segment of the ontology's version IRI."""
    ontology = next(v for v in ontology_versions() if "/ontology/" in v)
    return str(ontology).rsplit("/", 1)[-1]


def software() -> URIRef:
    return mint_iri("agent", "vnge-kg")


def _software(activity: URIRef) -> list[Triple]:
    return [(activity, PROV.wasAssociatedWith, software()),
            (activity, VNP.softwareVersion, Literal(__version__))]


def extraction(graph: URIRef, source: URIRef, sha256: str) -> list[Triple]:
    """The PROV of one plan's named graph ``graph``, extracted from the file ``source``."""
    activity = mint_iri("activity", f"extract/{__version__}/{release_number()}/{sha256}")
    return [(graph, PROV.wasGeneratedBy, activity), (activity, RDF.type, VNP.ExtractionActivity),
            (activity, PROV.used, source), *((activity, PROV.used, v) for v in ontology_versions()),
            *_software(activity)]


def derivation(graph: URIRef) -> list[Triple]:
    """The PROV of a derived graph ``graph``: stored in that graph, so that it travels with it. One
    activity per graph (``activity/derive/{graph name}/{software}/{release}``), so that no triple is
    stated in two graphs (the union of the graphs is a set)."""
    name = str(graph).rsplit("/graph/", 1)[-1]
    activity = mint_iri("activity", f"derive/{name}/{__version__}/{release_number()}")
    used = (*ontology_versions(), *shapes_versions())
    return [(graph, PROV.wasGeneratedBy, activity), (activity, RDF.type, VNP.DerivationActivity),
            *((activity, PROV.used, v) for v in used), *_software(activity)]


def derivation_update(names: tuple[str, ...] = DERIVED_GRAPHS) -> str:
    """A SPARQL update that records :func:`derivation` in each derived graph ``graph/{name}``, in place
    of what an earlier release recorded there (the graph names the release that last wrote it)."""
    ops = []
    for name in names:
        graph = graph_iri(name)
        body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in derivation(graph))
        old = f"<{graph}> <{PROV.wasGeneratedBy}> ?a . ?a ?p ?o"
        ops.append(f"DELETE WHERE {{ GRAPH <{graph}> {{ {old} }} }}")
        ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    return " ;\n".join(ops)
