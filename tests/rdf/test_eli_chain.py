"""The ELI chain and truthful PROV of a plan's graph (issue 18, item 1), and the versions the graphs
record (item 8). Mapping level; the build's graphs are checked in tests/pipeline/test_release_graphs.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF

from kg.rdf.mapping import VIETNAMESE, map_plan, plan_graph_iri
from kg.rdf.namespaces import ELI, VNP
from kg.rdf.references import ReferenceIndex
from kg.rdf.release import derivation, extraction, ontology_versions, release_number, shapes_versions
from kg.resources import ONTOLOGY_DIR, SHAPES_DIR
from tests.rdf.test_mapping import SOURCE, SOURCE_IRI, TEXT, small_plan

TITLE = "Kế hoạch thực hiện công tác bình đẳng giới năm 2022"


def _titled() -> tuple[URIRef, Graph]:
    x = small_plan()
    return map_plan(replace(x, document=replace(x.document, title=TITLE)), TEXT, SOURCE, ReferenceIndex())


def _version_iris(folder, pattern: str = "*.ttl") -> set[URIRef]:
    out = set()
    # the shapes: the top folder's files, the audits' release header and the inference rules
    paths = ([*folder.glob(pattern), folder / "audits" / "prefixes.ttl", *(folder / "rules").glob(pattern)]
             if folder == SHAPES_DIR else folder.glob(pattern))
    for path in sorted(paths):
        g = Graph().parse(path, format="turtle")
        out |= {v for v in g.objects(None, OWL.versionIRI) if isinstance(v, URIRef)}
    return out


def test_the_plan_is_realized_by_a_vietnamese_expression_embodied_by_its_source_file() -> None:
    plan, g = _titled()
    expressions = list(g.objects(plan, ELI.is_realized_by))
    assert len(expressions) == 1
    expression = expressions[0]
    assert (expression, RDF.type, ELI.LegalExpression) in g
    assert (expression, ELI.language, VIETNAMESE) in g
    assert list(g.objects(expression, ELI.is_embodied_by)) == [SOURCE_IRI]
    assert (SOURCE_IRI, RDF.type, VNP.SourceFile) in g


def test_the_title_is_the_works_dcterms_title_and_the_expressions_eli_title() -> None:
    """eli:title's domain is eli:LegalExpression: on the plan it would type the plan an expression."""
    plan, g = _titled()
    expression = g.value(plan, ELI.is_realized_by)
    assert g.value(plan, DCTERMS.title) == Literal(TITLE, lang="vi")
    assert g.value(expression, ELI.title) == Literal(TITLE, lang="vi")
    assert [s for s in g.subjects(ELI.title, None) if (s, RDF.type, ELI.LegalExpression) not in g] == []


def test_an_untitled_plan_has_its_expression_without_a_title() -> None:
    plan, g = map_plan(small_plan(), TEXT, SOURCE, ReferenceIndex())
    expression = g.value(plan, ELI.is_realized_by)
    assert expression is not None and g.value(expression, ELI.title) is None
    assert g.value(plan, DCTERMS.title) is None


def test_the_plan_is_not_generated_by_the_extractor_its_named_graph_is() -> None:
    """A plan is issued by its People's Committee; what the software generated is the plan's graph."""
    plan, g = _titled()
    assert list(g.objects(plan, PROV.wasGeneratedBy)) == []
    graph = plan_graph_iri(plan)
    activities = list(g.objects(graph, PROV.wasGeneratedBy))
    assert len(activities) == 1
    activity = activities[0]
    assert (activity, RDF.type, VNP.ExtractionActivity) in g
    used = set(g.objects(activity, PROV.used))
    assert SOURCE_IRI in used
    assert _version_iris(ONTOLOGY_DIR) <= used, "the ontology and vocabulary versions it was made with"
    assert SOURCE.sha256 in str(activity) and release_number().replace(".", "-") in str(activity)
    assert g.value(activity, VNP.softwareVersion) is not None
    # the plan still points at its file (the mark of a plan held in the corpus)
    assert (plan, PROV.wasDerivedFrom, SOURCE_IRI) in g


def test_no_clock_in_the_plan_graph() -> None:
    _, g = _titled()
    clock = {PROV.startedAtTime, PROV.endedAtTime, PROV.generatedAtTime, PROV.atTime}
    assert not [t for t in g if t[1] in clock]
    assert sorted(g.serialize(format="nt").splitlines()) == sorted(_titled()[1].serialize(format="nt").splitlines())


def test_another_file_is_another_extraction_activity() -> None:
    graph = URIRef("https://w3id.org/vnge/graph/plan/x")
    a, b = extraction(graph, SOURCE_IRI, "ab" * 32), extraction(graph, SOURCE_IRI, "cd" * 32)
    assert a[0][2] != b[0][2]


def test_the_release_read_from_the_files_is_the_one_rdflib_parses() -> None:
    assert set(ontology_versions()) == _version_iris(ONTOLOGY_DIR)
    assert set(shapes_versions()) == _version_iris(SHAPES_DIR)
    assert release_number() == "0.2.0"


def test_a_derived_graph_names_every_versioned_file_of_the_release() -> None:
    graph = URIRef("https://w3id.org/vnge/graph/inference")
    g = Graph()
    for triple in derivation(graph):
        g.add(triple)
    activity = g.value(graph, PROV.wasGeneratedBy)
    assert (activity, RDF.type, VNP.DerivationActivity) in g
    assert set(g.objects(activity, PROV.used)) == _version_iris(ONTOLOGY_DIR) | _version_iris(SHAPES_DIR)


@pytest.mark.slow  # one pyLODE build (~5 s)
def test_the_html_docs_show_release_0_2_and_its_changes(tmp_path: Path) -> None:
    """`kg docs` (pyLODE) renders the version, the prior version and the 0.2 change list (the
    ontology's skos:historyNote), and the terms 0.2 added."""
    from kg.rdf.docs import build_docs

    page = build_docs(tmp_path / "docs").read_text("utf-8")
    assert "https://w3id.org/vnge/ontology/0.2.0" in page and "https://w3id.org/vnge/ontology/0.1.1" in page
    assert "History Note" in page and "0.2.0 (2026-12-07): a minimal ELI chain" in page
    for term in ("DerivationActivity", "inForceAsOf", "LegalExpression", "is_realized_by", "is_embodied_by"):
        assert term in page, term
