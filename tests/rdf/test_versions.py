"""Versioning of the ontology, its vocabularies and the shapes (issue 18 item 8): each file declares
itself an owl:Ontology with a version IRI, a version number, the version it replaces and the date it
was modified; all of them agree on one release, and every named shape is labelled in vi and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, XSD

from kg.rdf.context import DOC_CLASS
from kg.rdf.namespaces import VNC
from kg.resources import ONTOLOGY_DIR, SHAPES_DIR, versioned_shapes_files

FILES = [ONTOLOGY_DIR / "vnge.ttl", ONTOLOGY_DIR / "vocab.ttl", *versioned_shapes_files()]
_SEMVER = re.compile(r"\d+\.\d+\.\d+")


def _header(path: Path) -> tuple[Graph, URIRef]:
    graph = Graph().parse(path, format="turtle")
    ontologies = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    assert len(ontologies) == 1, f"{path.name}: {len(ontologies)} owl:Ontology headers, expected 1"
    return graph, ontologies[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_declares_a_versioned_ontology(path: Path) -> None:
    graph, iri = _header(path)
    info = graph.value(iri, OWL.versionInfo)
    version, prior = graph.value(iri, OWL.versionIRI), graph.value(iri, OWL.priorVersion)
    modified = graph.value(iri, DCTERMS.modified)
    assert isinstance(info, Literal) and _SEMVER.fullmatch(str(info)), f"{path.name}: versionInfo {info!r}"
    assert version == URIRef(f"{iri}/{info}"), f"{path.name}: versionIRI {version} is not <{iri}/{info}>"
    if (iri, DCTERMS.issued, modified) in graph:  # first issued in this release: nothing before it
        assert prior is None, f"{path.name}: first issued in this release, yet a prior version {prior}"
    else:
        assert isinstance(prior, URIRef) and str(prior).startswith(f"{iri}/") and prior != version
    assert isinstance(modified, Literal) and modified.datatype == XSD.date


def test_all_files_are_one_release_and_the_parts_name_each_other() -> None:
    headers = {path.name: _header(path) for path in FILES}
    releases = {path: str(g.value(iri, OWL.versionInfo)) for path, (g, iri) in headers.items()}
    assert len(set(releases.values())) == 1, f"files of different releases: {releases}"
    vnge, ontology = headers["vnge.ttl"]
    vocab_graph, vocab = headers["vocab.ttl"]
    assert (ontology, DCTERMS.hasPart, vocab) in vnge and (vocab, DCTERMS.isPartOf, ontology) in vocab_graph
    ontology_version = vnge.value(ontology, OWL.versionIRI)
    for path in versioned_shapes_files():
        graph, iri = headers[path.name]
        assert graph.value(iri, DCTERMS.requires) == ontology_version, f"{path.name} requires another release"


@pytest.mark.parametrize("path", sorted(SHAPES_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_every_labelled_shape_is_labelled_in_vietnamese_and_english(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    shapes = sorted(s for s in graph.subjects(RDF.type, SH.NodeShape) if (s, RDFS.label, None) in graph)
    assert shapes, f"{path.name}: no labelled node shape"
    missing = [
        f"{s} has no rdfs:label@{lang}"
        for s in shapes
        for lang in ("vi", "en")
        if not any(isinstance(o, Literal) and o.language == lang for o in graph.objects(s, RDFS.label))
    ]
    assert not missing, "\n".join(missing)


def test_the_class_given_to_each_document_type_is_the_one_its_concept_names() -> None:
    """The mapping's class per document type and the vocabulary's rdfs:seeAlso agree (a "Hướng
    dẫn" was typed as an official letter while ontology/README.md and the concept said otherwise)."""
    vocab = Graph().parse(ONTOLOGY_DIR / "vocab.ttl", format="turtle")
    named = {
        str(c).removeprefix(f"{VNC}doctype-"): vocab.value(c, RDFS.seeAlso)
        for c in vocab.subjects(RDF.type, None)
        if str(c).startswith(f"{VNC}doctype-")
    }
    assert set(named) == set(DOC_CLASS), f"types without a class or a concept: {set(named) ^ set(DOC_CLASS)}"
    wrong = {kind: (str(DOC_CLASS[kind]), str(cls)) for kind, cls in named.items() if DOC_CLASS[kind] != cls}
    assert not wrong, wrong
