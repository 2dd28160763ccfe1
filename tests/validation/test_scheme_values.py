"""Vocabulary values are checked against the concept schemes (skos:inScheme, ontology/vocab.ttl or
the reference data), not against a copy of each scheme's list in the shapes: both engines."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.rdf.namespaces import SH
from kg.validation import load_shapes, validate_store
from tests.validation.test_shapes import P, edit, store_of

NEW_CONCEPT = "vnc:comparator-between a skos:Concept ; skos:inScheme vnc:scheme-comparator ."


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _comparator_findings(shapes: Graph, value: str, reference: str, engine: str) -> list[str]:
    plan = edit([("/target/1", "vnp:comparator")], f"<{P}/target/1> vnp:comparator {value} .")
    report = validate_store(store_of(plan, reference), shapes=shapes, audits=[], engine=engine)
    assert report.errors == []
    return [f"{f.component.rsplit('#', 1)[-1]}: {f.message_en}" for f in report.findings
            if f.path and f.path.endswith("#comparator")]


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_concept_of_another_scheme_is_a_violation(shapes: Graph, engine: str) -> None:
    assert _comparator_findings(shapes, "vnc:role-lead", "", engine) == [
        "NodeConstraintComponent: The target's comparator must be a single concept of the comparator vocabulary."]


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_concept_the_reference_data_adds_to_the_scheme_is_accepted(shapes: Graph, engine: str) -> None:
    assert _comparator_findings(shapes, "vnc:comparator-between", NEW_CONCEPT, engine) == []
    assert len(_comparator_findings(shapes, "vnc:comparator-between", "", engine)) == 1
    assert _comparator_findings(shapes, "vnc:comparator-at-most", "", engine) == []


def test_no_shape_copies_a_scheme(shapes: Graph) -> None:
    assert not list(shapes.subject_objects(SH["in"]))
