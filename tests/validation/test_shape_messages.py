"""Each property shape says in its own words (vi and en) what is wrong with its property, instead
of one generic message of its node shape covering every constraint (issue 18, item 7)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.rdf.namespaces import SH
from kg.validation import load_shapes, validate_store
from tests.validation.test_shapes import P, edit, store_of


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def test_every_property_shape_has_its_own_messages(shapes: Graph) -> None:
    props = set(shapes.objects(None, SH.property))
    assert len(props) >= 46
    for prop in props:
        langs = sorted(o.language for o in shapes.objects(prop, SH.message) if isinstance(o, Literal))
        assert langs == ["en", "vi"], f"property shape on {shapes.value(prop, SH.path)}: messages {langs}"
    generic = [s for s in set(shapes.subjects(SH.property, None)) if (s, SH.message, None) in shapes]
    assert generic == [], f"node shapes whose message would stand for their property shapes: {generic}"


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_finding_carries_its_property_shapes_message(shapes: Graph, engine: str) -> None:
    """Two defects of one node shape read differently (they read the same with the node message)."""
    plan = edit([("/reporting/1", "vnp:deadlineMonth")],
                f'<{P}/reporting/1> vnp:deadlineMonth 13 . <{P}/target/1> vnp:targetYear "2030" .')
    report = validate_store(store_of(plan), shapes=shapes, audits=[], engine=engine)
    by_path = {f.path.rsplit("#", 1)[-1]: f for f in report.findings if f.path}
    assert by_path["deadlineMonth"].message_en == "The deadline's month must be a single integer from 1 to 12."
    assert by_path["deadlineMonth"].message_vi.startswith("Tháng của thời hạn báo cáo")
    assert by_path["targetYear"].message_en == "The target's year must be a single integer from 1945 to 2100."
