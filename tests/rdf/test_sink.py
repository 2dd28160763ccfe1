"""The mapping's triple sink (kg/rdf/sink.py, issue 15 item 3): rdflib Graph's ``add`` without its
indexes, written straight to N-Quads; the same lines as rdflib's N-Triples serializer wrote through
kg/pipeline/staging.py before, and the same deduplication."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from kg.pipeline.sources import extract_to_graph, parse_turtle_files, rebase
from kg.pipeline.staging import graph_nquads, labelled_quads
from kg.rdf.namespaces import VNC, VNP, Terms
from kg.rdf.references import ReferenceIndex
from kg.rdf.sink import Triples, lit
from kg.resources import ONTOLOGY_DIR
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"
NAME = "https://w3id.org/vnge/graph/plan/x"
S = URIRef("https://w3id.org/vnge/eli/vn/x/2025/1-kh-ubnd")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # (rdflib's XSD makes pytest warn when collected)

LITERALS = [
    Literal('a "quoted" word'),
    Literal("back\\slash and \\n not a newline"),
    Literal("line one\nline two\r\nline three\ttab"),
    Literal("Kế hoạch thực hiện Chương trình truyền thông về bình đẳng giới", lang="vi"),
    Literal("Ủy ban nhân dân tỉnh Đắk Lắk"),  # NFC Vietnamese
    Literal("Ủy ban nhân dân", lang="vi"),  # decomposed (NFD): written as it is
    Literal("non-BMP: 𠀀 𝔘 😀"),
    Literal("Plan 5 of the committee", lang="en"),
    Literal("en-GB tag", lang="en-GB"),
    Literal("2025-03-15", datatype=XSD.date),
    Literal("12.5", datatype=XSD.decimal),
    Literal(7),
    Literal(True),
    Literal("\x00\x1f control characters \u2028"),
    Literal(""),
]


def rdflib_lines(graph: Graph, name: str) -> list[bytes]:
    """The lines staging.graph_nquads wrote from an rdflib Graph before the sink (its N-Triples path)."""
    nt = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return sorted(line[:-2] + f" <{name}> .".encode() for line in nt if line.endswith(b" ."))


def test_literals_are_escaped_as_rdflib_writes_them():
    triples = Triples((S, RDFS.label, lit) for lit in LITERALS)
    assert sorted(triples.nquads(NAME).splitlines()) == rdflib_lines(triples.to_graph(), NAME)
    parsed = list(ox.parse(triples.nquads(NAME), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(LITERALS)
    assert {q.object.value for q in parsed} == {str(lit) for lit in LITERALS}
    assert {q.object.language for q in parsed} == {None, "vi", "en", "en-gb"}


LIT_CASES = [
    ("Kế hoạch", None), ("Kế hoạch", "vi"), ("Plan", "en"), ("", None), ("", "vi"), ("a\nb", None),
    (7, None), (0, None), (-3, None), (2030, None), (True, None), (12.5, None), ("x", "en-GB"), (7, "vi"),
]


@pytest.mark.parametrize(("value", "lang"), LIT_CASES, ids=repr)
def test_a_light_literal_is_the_term_rdflib_makes(value, lang):
    mine, rdflib_own = lit(value, lang=lang), Literal(value, lang=lang)
    assert type(mine) is Literal and str(mine) == str(rdflib_own)
    for slot in ("language", "datatype", "value", "ill_typed"):
        assert getattr(mine, slot) == getattr(rdflib_own, slot), slot
        assert type(getattr(mine, slot)) is type(getattr(rdflib_own, slot)), slot
    assert mine == rdflib_own and hash(mine) == hash(rdflib_own) and mine.eq(rdflib_own)
    assert Triples([(S, RDFS.label, mine)]).nquads(NAME) == Triples([(S, RDFS.label, rdflib_own)]).nquads(NAME)
    assert len(Triples([(S, RDFS.label, mine), (S, RDFS.label, rdflib_own)])) == 1


def test_each_line_is_one_quad_in_the_named_graph():
    triples = Triples([(S, RDFS.label, Literal("x\ny")), (S, VNP.implements, URIRef("https://e.org/a#b"))])
    assert triples.nquads(NAME) == (
        f'<{S}> <{RDFS.label}> "x\\ny" <{NAME}> .\n<{S}> <{VNP.implements}> <https://e.org/a#b> <{NAME}> .\n'
    ).encode()


def test_a_triple_added_twice_is_kept_once_as_in_rdflib():
    adds = [
        (S, RDFS.label, Literal("a", lang="vi")),
        (URIRef(str(S)), RDFS.label, Literal("a", lang="vi")),  # equal terms, other objects
        (S, RDFS.label, Literal("a")),  # no language: another triple
        (S, RDFS.label, Literal("a", datatype=XSD.string)),  # rdflib keeps "a" and "a"^^xsd:string apart
        (S, VNP.value, Literal("1", datatype=XSD.integer)),
        (S, VNP.value, Literal("01", datatype=XSD.integer)),  # rdflib normalises it to "1": the same
        (S, VNP.value, Literal(1)),  # the same as "1"^^xsd:integer
        (S, VNP.memberCount, Literal(1.0)),
    ]
    triples, graph = Triples(), Graph()
    for t in adds:
        triples.add(t)
        graph.add(t)
    assert len(triples) == len(graph) == 5
    assert set(triples) == set(graph)
    assert (S, VNP.value, Literal("1", datatype=XSD.integer)) in triples
    assert list(triples)[:3] == [adds[0], adds[2], adds[3]]  # in the order of first addition


def test_only_rdflib_terms_are_added():
    with pytest.raises(TypeError, match="rdflib terms"):
        Triples().add((S, RDFS.label, "a plain string"))


def test_an_iri_rdflib_cannot_write_is_refused_as_rdflib_refuses_it():
    bad = URIRef("https://w3id.org/vnge/id/org/x/a b")
    graph = Graph().add((S, VNP.agent, bad))
    with pytest.raises(Exception, match="does not look like a valid URI"):
        graph.serialize(format="nt")
    with pytest.raises(ValueError, match="does not look like a valid URI"):
        Triples([(S, VNP.agent, bad)]).nquads(NAME)
    # in any position, after other triples of the same subject too
    for triple in ((bad, RDFS.label, Literal("a")), (S, URIRef("https://e.org/p q"), Literal("a"))):
        triples = Triples([(S, RDFS.label, Literal("x")), (S, VNP.agent, URIRef("https://e.org/ok")), triple])
        with pytest.raises(ValueError, match="does not look like a valid URI"):
            triples.nquads(NAME)


def test_blank_nodes_keep_their_stable_labels():
    b = BNode()
    assert Triples([(S, VNP.hasTask, URIRef("https://e.org/t")), (S, RDFS.label, Literal("t"))]).plain()
    assert not Triples([(S, RDFS.label, Literal("t")), (b, RDFS.label, Literal("t"))]).plain()
    triples = Triples([(S, VNP.hasTask, b), (b, RDFS.label, Literal("t", lang="vi"))])
    assert not triples.plain()
    with pytest.raises(ValueError, match="blank node"):
        triples.nquads(NAME)
    expected = ox.serialize(labelled_quads(triples.to_graph(), NAME), format=ox.RdfFormat.N_QUADS)
    assert graph_nquads(triples, NAME) == expected


def test_cached_namespace_terms_are_rdflib_terms():
    plain = Namespace(str(VNP))
    assert VNP.Task is VNP.Task and VNC["role-lead"] is VNC["role-lead"]
    assert VNP.Task == plain.Task and type(VNP.Task) is URIRef
    assert VNC["role-lead"] == URIRef("https://w3id.org/vnge/concept/role-lead")
    assert VNP.title == plain.title  # the str method stays shadowed as in rdflib
    with pytest.raises(AttributeError):
        Terms("https://e.org/").__wrapped__  # noqa: B018 (a special name is no term)


@pytest.fixture(scope="module")
def reference() -> ReferenceIndex:
    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    data = rebase(parse_turtle_files(sorted((ROOT / "data" / "reference").glob("*.ttl"))))
    return ReferenceIndex.from_graph(data + ontology)


def plan_files() -> list[Path]:
    real = sorted((SHARED / "real-plans").glob("*.txt"))[:3]
    seeds = sorted((SHARED / "seeds").glob("*.txt"))[:3]
    return real + seeds


@pytest.mark.skipif(not (SHARED / "real-plans").is_dir(), reason="../shared/real-plans is not here")
@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_a_mapped_plan_is_written_as_rdflib_writes_its_graph(path, reference):
    from kg.errors import NotAPlanError

    try:
        extracted = extract_to_graph(path, reference)
    except NotAPlanError:
        pytest.skip(f"{path.name} is not a plan")
    mine = graph_nquads(extracted.triples, NAME).splitlines()
    assert len(mine) == len(extracted.triples) > 50
    assert sorted(mine) == rdflib_lines(extracted.graph, NAME)
    assert set(extracted.graph) == set(extracted.triples)
