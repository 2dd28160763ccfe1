"""kg.validation.compiled: the shapes compiled to SPARQL give the same findings as pySHACL per plan graph,
on the build of data/ and on a store with a defect injected for every constraint component used."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.rdf.namespaces import SH, graph_iri
from kg.validation import Finding, load_shapes, validate_store
from kg.validation.compiled import UnsupportedShape, compile_shapes
from kg.validation.sparql_engine import fallback_graphs
from tests.validation.test_shapes import CASES, GOOD, PREFIXES, P, edit, graph_of

# the parameters the shapes use (sh:in is compiled too, but vocabulary values are sh:node skos:inScheme checks)
PARAMETERS = (SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive,
              SH.maxInclusive, SH.lessThanOrEquals, SH.hasValue, SH.node, SH["or"])

# defects beyond tests/test_shapes.py CASES: (triples removed, triples added)
MORE = [
    ([("", "vnp:jurisdiction")], f'<{P}> vnp:jurisdiction "xã Bình Lư" .'),  # nodeKind
    ([], f"<{P}> a vnp:Programme ."),  # still a plan: no finding
    ([], f"<{P}> vnp:hasTask <{P}/target/1> ."),  # class
    ([("/reporting/1", "vnp:deadlineMonth")], f"<{P}/reporting/1> vnp:deadlineMonth 0 ."),  # minInclusive
    ([("/reporting/1", "vnp:deadlineDay")], f"<{P}/reporting/1> vnp:deadlineDay 32 ."),  # maxInclusive
    ([("/reporting/1", "vnp:deadlineDay")], f'<{P}/reporting/1> vnp:deadlineDay "+7"^^xsd:integer .'),
    ([("/reporting/1", "vnp:deadlineDay")], f'<{P}/reporting/1> vnp:deadlineDay "7.5"^^xsd:integer .'),
    ([("/reporting/1", "vnp:deadlineDay")], f'<{P}/reporting/1> vnp:deadlineDay "bảy" .'),
    ([], f'<{P}/reporting/1> vnp:deadline "2026-02-30"^^xsd:date .'),  # ill-typed date
    ([], f'<{P}/reporting/1> vnp:deadline "2026-12-29"^^xsd:date .'),  # fine (checked in Python)
    ([("", "eli:date_document")], f'<{P}> eli:date_document "2026-04-15" .'),  # datatype
    ([("", "eli:number")], f'<{P}> eli:number "12/KH-UBND"@vi .'),  # langString is not xsd:string
    ([("/target/1", "vnp:value")], f"<{P}/target/1> vnp:value 2 ."),  # integer, not decimal
    ([("/target/1", "vnp:value")], f'<{P}/target/1> vnp:value "abc"^^xsd:decimal .'),
    ([], f"<{P}/target/1> vnp:valueMax 2.5 ; vnp:targetYear 1900 ."),  # range ok, year too early
    ([], f"<{P}/target/1> vnp:targetYear 2101 ; vnp:baselineYear 2020.5 ."),
    ([], f'<{P}/target/1> vnp:valueMax "3" .'),  # lessThanOrEquals across types
    ([], f"<{P}/task/1> vnp:startYear 2027 ; vnp:endYear 2026 ."),
    ([("", "vnp:periodStart")], f'<{P}> vnp:periodStart "2026" .'),
    ([], f"<{P}/target/1> vnp:measure vnc:measure-percent ; vnp:comparator vnc:role-lead ."),  # in, maxCount
    ([], f"<{P}/target/1> vnp:indicator <urn:a> , <urn:b> ."),
    ([], f"<{P}> vnp:issuedMonth 4 , 5 ; vnp:issuedYear 2026.0 ."),
    ([], f"<{P}> vnp:implements <id/org/lai-chau/binh-lu/phong-van-hoa-xa-hoi> ."),  # node
    ([], f"<{P}/task/1> vnp:partnerAgency <eli/vn/2021/1790-qd-ttg> , <id/org/nowhere> ."),
    ([], f"<{P}/responsibility/1> vnp:coversTask <{P}/funding/1> ; vnp:duty 5 ."),
    ([], f"<{P}/citation/1> vnp:citedSubdivision <{P}/citation/1> ."),
    ([("/funding/1", "vnp:fundingKind")], f"<{P}/funding/1> vnp:fundingKind vnc:funding-other , vnc:x ."),
    ([("/assignment/1-lead-1", "vnp:role")], f"<{P}/assignment/1-lead-1> vnp:role vnc:role-lead , vnc:role-partner ."),
    ([], f"<{P}/task/9> a vnp:Task ; p-plan:isStepOfPlan <{P}> , <{P}/task/1> ."),  # uncovered, 2 plans
    ([("", "prov:wasDerivedFrom")], ""),  # no longer a plan focus
    ([], f"<{P}/task/1> a vnp:Target ."),  # two target classes at once
    ([], f"<{P}/reporting/2> a vnp:ReportingDuty ; vnp:reporter \"UBND\" ."),
    ([], f"<{P}/funding/2> a vnp:Funding ."),
    ([], f"<{P}/reporting/1> vnp:deadlineMonth 11 ."),  # same value again: still one
    ([("/assignment/1-lead-1", "vnp:agent")], ""),
    ([("/citation/1", "vnp:citedDocument")], ""),
    ([], f"<{P}> vnp:hasTarget <{P}/task/1> ; vnp:hasCitation <{P}/task/1> ; vnp:hasResponsibility <{P}/task/1> ."),
    ([], f"<{P}> vnp:hasReportingDuty <{P}/task/1> ; vnp:cites <{P}/task/1> ; vnp:issuedBy <{P}/task/1> ."),
    ([], f"<{P}> prov:wasDerivedFrom <source/other> ; vnp:periodEnd \"2030\" ."),
    ([("", "vnp:issuedMonth")], f'<{P}> vnp:issuedMonth "4" .'),
    ([("", "vnp:issuedMonth")], f"<{P}> vnp:issuedMonth 0 ."),
    ([("", "vnp:issuedMonth")], f"<{P}> vnp:issuedMonth 13 ."),
    ([], f"<{P}/reporting/1> vnp:reportRecipient <{P}/task/1> ; vnp:deadlineMonth 12 ."),
    ([("/reporting/1", "vnp:deadlineMonth")], f'<{P}/reporting/1> vnp:deadlineMonth "11" .'),
    ([], f"<{P}/responsibility/1> vnp:agent <{P}/task/1> ."),
    ([], f"<{P}/target/1> vnp:valueMax 3.0 , 4.0 ; vnp:targetYear 2030 , 2031 ."),
    ([], f'<{P}/target/1> vnp:targetYear "2030" ; vnp:indicator "chỉ số" ; vnp:recurrence vnc:x .'),
    ([("/target/1", "vnp:measure")], f"<{P}/target/1> vnp:measure vnc:x ."),
    ([], f"<{P}/task/1> vnp:hasAssignment <{P}/task/1> ; vnp:leadAgency <{P}/task/1> ; vnp:startYear 2026 , 2025 ."),
    ([], f'<{P}/task/1> vnp:startYear "2026" ; vnp:endYear 2027 , 2028 .'),
    ([], f'<{P}/task/1> vnp:endYear "2027" .'),
    ([("/assignment/1-lead-1", "vnp:role")], f"<{P}/assignment/1-lead-1> vnp:role vnc:role-boss ."),
    ([], f"<{P}/assignment/1-lead-1> vnp:agent <id/org/lai-chau/binh-lu/uy-ban-nhan-dan-xa-binh-lu> ."),
    ([], f"<{P}/responsibility/1> vnp:agent <id/org/lai-chau/binh-lu/uy-ban-nhan-dan-xa-binh-lu> ."),
    ([], f"<{P}/citation/1> vnp:citationKind vnc:citation-mention ."),
    ([("/citation/1", "vnp:citationKind")], ""),
    ([("/task/1", "rdfs:label")], f"<{P}/task/1> p-plan:isStepOfPlan <{P}-x> ."),
    ([], f'<{P}> eli:number "13/KH-UBND" ; eli:date_document "2026-04-16"^^xsd:date ; vnp:periodEnd 2031 .'),
    ([], f'<{P}> vnp:jurisdiction <id/dvhc/x> ; vnp:periodStart 2025 .'),
    ([], f'<{P}/target/1> vnp:value 3.0 ; vnp:baselineYear 2020 , 2021 ; vnp:recurrence vnc:recurrence-once .'),
    ([], f'<{P}/reporting/1> vnp:deadline "2026-12-10"^^xsd:date , "2026-12-11"^^xsd:date ; vnp:deadlineDay 21 .'),
    # a target's change and scope: one concept of their scheme; a decimal baseline value, once
    ([], f"<{P}/target/1> vnp:changeDirection vnc:change-increase , vnc:comparator-at-least ."),
    ([], f"<{P}/target/1> vnp:targetScope vnc:scope-whole-unit , vnc:scope-x ."),
    ([], f'<{P}/target/1> vnp:baselineValue 23.0 , "23" .'),
    # skos:inScheme: a concept the plan graph itself puts in the scheme, a literal, a concept of another scheme
    ([("/target/1", "vnp:measure")], f"<{P}/target/1> vnp:measure vnc:y . vnc:y skos:inScheme vnc:scheme-measure ."),
    ([], f'<{P}/target/1> vnp:comparator "at least" .'),
    ([("/funding/1", "vnp:fundingKind")], f"<{P}/funding/1> vnp:fundingKind vnc:measure-percent ."),
]
# an rdf:type hasValue defect: the plan node loses its type (other foci keep theirs)
NO_TYPE = [("", "rdf:type")]


def _store_with_defects() -> ox.Store:
    store = ox.Store()
    cases = [(c[1], c[2]) for c in CASES] + MORE + [(NO_TYPE, "")]
    for i, (remove, add) in enumerate(cases):
        g = edit(remove, add)
        data = g.serialize(format="nt", encoding="utf-8").decode("utf-8").replace(P, f"{P}-{i}")
        name = ox.NamedNode(str(graph_iri("plan", f"eli/vn/case/{i}")))
        store.load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    # an agency known only to the reference graph, a subclass only in the ontology graph
    reference = graph_of(PREFIXES + "<id/org/nowhere> a <urn:x:LocalOffice> .")
    store.load(reference.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(str(graph_iri("reference"))))
    return store


def _both(store: ox.Store, shapes: Graph | None = None) -> tuple[list[Finding], list[Finding]]:
    sparql = validate_store(store, shapes=shapes, audits=[], engine="sparql")
    pyshacl = validate_store(store, shapes=shapes, audits=[], engine="pyshacl")
    assert sparql.errors == [] and pyshacl.errors == []
    return sparql.findings, pyshacl.findings


def _key(f: Finding) -> tuple:
    return (f.severity, f.focus, f.shape, f.component, f.path, f.value, f.plan, f.message_vi, f.message_en)


def test_every_constraint_is_compiled() -> None:
    shapes = load_shapes()
    from rdflib.collection import Collection

    inner = set(shapes.objects(None, SH.node))  # value shapes: compiled into their sh:node
    inner |= {p for n in set(inner) for p in shapes.objects(n, SH.property)}  # skos:inScheme checks
    inner |= {m for lst in shapes.objects(None, SH["or"]) for m in Collection(shapes, lst)}  # into sh:or
    expected = sum(1 for s, p, _ in shapes.triples((None, None, None)) if p in PARAMETERS and s not in inner)
    compiled = compile_shapes(shapes)
    assert len(compiled) == expected
    assert {c.component.rsplit("#", 1)[-1] for c in compiled} == {
        f"{str(p).rsplit('#', 1)[-1][0].upper()}{str(p).rsplit('#', 1)[-1][1:]}ConstraintComponent"
        for p in PARAMETERS
    }


def test_unsupported_feature_raises() -> None:
    shapes = load_shapes()
    shapes.add((URIRef("https://w3id.org/vnge/shapes#TargetValueShape"), SH.closed, Literal(True)))
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)
    shapes = graph_of(GOOD)  # a node shape with sh:pattern
    shapes.parse(data=PREFIXES + """@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass vnp:Task ;
          sh:property [ sh:path rdfs:label ; sh:pattern "^x" ] .""", format="turtle")
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)


def test_same_findings_on_the_build_of_data(store: ox.Store) -> None:
    sparql, pyshacl = _both(store)
    assert pyshacl, "the seed plans have findings"
    assert [_key(f) for f in sparql] == [_key(f) for f in pyshacl]
    assert sparql == pyshacl  # quotes too


def test_same_findings_with_every_component_broken() -> None:
    store = _store_with_defects()
    sparql, pyshacl = _both(store)
    components = {f.component.rsplit("#", 1)[-1] for f in pyshacl}
    compiled = {c.component.rsplit("#", 1)[-1] for c in compile_shapes(load_shapes())}
    assert compiled <= components, f"no defect for {compiled - components}"
    assert sorted(map(_key, sparql)) == sorted(map(_key, pyshacl))
    assert len(pyshacl) > 60


@pytest.mark.slow
def test_dropping_a_constraint_changes_the_findings() -> None:
    """The equivalence above would catch a compiler that skipped a constraint."""
    from kg.validation.messages import shape_messages as _shape_messages
    from kg.validation.sparql_engine import run_compiled

    store = _store_with_defects()
    shapes = load_shapes()
    compiled = compile_shapes(shapes)
    full = set(run_compiled(store, compiled, _shape_messages(shapes), shapes))
    unnoticed = []
    for i in range(len(compiled)):
        fewer = set(run_compiled(store, compiled[:i] + compiled[i + 1 :], _shape_messages(shapes), shapes))
        if fewer == full:
            unnoticed.append((compiled[i].component.rsplit("#", 1)[-1], compiled[i].path))
    assert unnoticed == []


def test_subclass_statements_inside_a_plan_graph_go_to_pyshacl() -> None:
    store = _store_with_defects()
    name = str(graph_iri("plan", "eli/vn/case/0"))
    store.add(ox.Quad(ox.NamedNode("urn:x:A"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                      ox.NamedNode("urn:x:B"), ox.NamedNode(name)))
    assert fallback_graphs(store) == {name}
    sparql, pyshacl = _both(store)
    assert sorted(map(_key, sparql)) == sorted(map(_key, pyshacl))


def test_provenance_check_finds_mixed_nodes() -> None:
    store = _store_with_defects()
    name = str(graph_iri("plan", "eli/vn/case/1"))
    assert fallback_graphs(store, provenance=True) == set()
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/vnge/source/abc#char=120,190"), ox.NamedNode("https://w3id.org/vnge/ontology#value"),
                      ox.Literal("1"), ox.NamedNode(name)))
    assert fallback_graphs(store, provenance=True) == {name}


@pytest.mark.slow
def test_a_run_the_queries_cannot_finish_falls_back_to_pyshacl() -> None:
    """sh:lessThanOrEquals on a blank node is an error in pySHACL (reported for its plan): the
    compiled run gives way to pySHACL rather than report something else."""
    store = _store_with_defects()
    name = ox.NamedNode(str(graph_iri("plan", "eli/vn/case/2")))
    task = ox.NamedNode(f"{P}-2/task/1")
    store.add(ox.Quad(task, ox.NamedNode("https://w3id.org/vnge/ontology#startYear"), ox.BlankNode("y"), name))
    store.add(ox.Quad(task, ox.NamedNode("https://w3id.org/vnge/ontology#endYear"), ox.Literal("2030",
                      datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), name))
    sparql = validate_store(store, audits=[], engine="sparql")
    pyshacl = validate_store(store, audits=[], engine="pyshacl")
    assert sparql.errors == pyshacl.errors and len(pyshacl.errors) == 1
    assert sparql.findings == pyshacl.findings
