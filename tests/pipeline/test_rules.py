"""The declared inference rules (shapes/rules/inference.ttl): each derives what it says on a small
graph, and does not without it; they are standard SHACL-AF (pySHACL, advanced mode, derives the same
triples from the same data); the per-node refresh of an ingest equals a whole materialisation."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.pipeline import rules
from kg.pipeline.infer import closures, materialise
from kg.rdf.namespaces import graph_iri
from kg.resources import ONTOLOGY_DIR
from kg.stores.oxigraph import OxigraphBackend

VNP = "https://w3id.org/vnge/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
EX = "https://w3id.org/vnge/eli/vn/test/"
INF = str(graph_iri("inference"))
DECISION, PROGRAMME, LAW = f"{EX}decision", f"{EX}programme", f"{EX}law"
PROVINCE, DISTRICT, COMMUNE = f"{EX}province-plan", f"{EX}district-plan", f"{EX}commune-plan"
UNIT = "https://w3id.org/vnge/id/dvhc/test-province"
LEVEL = "https://w3id.org/vnge/concept/level-province"

REFERENCE = f"""
<{DECISION}> a <{VNP}Decision> ; <{VNP}approves> <{PROGRAMME}> .
<{PROGRAMME}> a <{VNP}Programme> .
<{LAW}> a <{VNP}Law> .
<{UNIT}> a <{VNP}Province> ; <{VNP}level> <{LEVEL}> .
"""
PLANS = {
    "province": f"""<{PROVINCE}> a <{VNP}Plan> ; <{VNP}implements> <{PROGRAMME}> ; <{VNP}jurisdiction> <{UNIT}> ;
        <{VNP}hasCitation> <{PROVINCE}/citation/1> .
        <{PROVINCE}/citation/1> a <{VNP}Citation> ; <{VNP}citedDocument> <{LAW}> .""",
    "district": f"<{DISTRICT}> a <{VNP}Plan> ; <{VNP}implements> <{PROVINCE}> .",
    "commune": f"<{COMMUNE}> a <{VNP}Plan> ; <{VNP}implements> <{DISTRICT}> .",
}


def _ontology() -> Graph:
    g = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


ONTOLOGY = _ontology()


def _store(plans: dict[str, str] = PLANS) -> ox.Store:
    store = ox.Store()
    body = ONTOLOGY.serialize(format="nt", encoding="utf-8")
    store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri("ontology"))))
    store.load(REFERENCE.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph_iri("reference"))))
    for name, text in plans.items():
        store.load(text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph_iri("plan", name))))
    return store


def _inferred(store: ox.Store) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value)
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(INF))}


def _without(name: str) -> rules.RuleSet:
    full = rules.load()
    kept = tuple(r for r in full.rules if not r.iri.endswith(name))
    assert len(kept) == len(full.rules) - 1
    return dataclasses.replace(full, rules=kept)


def test_the_rules_file_declares_every_derivation_with_vietnamese_and_english_labels():
    declared = rules.load()
    names = {r.iri.rsplit("#", 1)[1] for r in declared.rules}
    assert names == {"rule-cites", "rule-implements-transitively", "rule-jurisdiction-level",
                     "rule-superclasses", "rule-superproperties", "rule-inverses"}
    assert all(set(r.label) == {"vi", "en"} for r in declared.rules)
    assert declared.heads == [f"{VNP}cites", f"{VNP}implementsTransitively", f"{VNP}jurisdictionLevel"]
    assert [r.order for r in declared.rules] == sorted(r.order for r in declared.rules)


@pytest.mark.parametrize(("rule", "triple"), [
    ("rule-cites", (PROVINCE, f"{VNP}cites", LAW)),
    ("rule-cites", (PROVINCE, f"{ELI}cites", LAW)),  # the superproperty closure runs over it
    ("rule-implements-transitively", (COMMUNE, f"{VNP}implementsTransitively", PROVINCE)),
    # implementing the programme counts as implementing the decision that approves it
    ("rule-implements-transitively", (PROVINCE, f"{VNP}implementsTransitively", DECISION)),
    ("rule-implements-transitively", (COMMUNE, f"{VNP}implementsTransitively", DECISION)),
    ("rule-jurisdiction-level", (PROVINCE, f"{VNP}jurisdictionLevel", LEVEL)),
    ("rule-superclasses", (PROVINCE, str(RDF.type), f"{ELI}LegalResource")),
    ("rule-superproperties", (DISTRICT, f"{ELI}ensures_implementation_of", PROVINCE)),
])
def test_each_rule_derives_its_triple_and_nothing_else_does(rule, triple):
    with_rule = _store()
    materialise(with_rule)
    assert triple in _inferred(with_rule)
    without = _store()
    materialise(without, rule_set=_without(rule))
    assert triple not in _inferred(without)


def test_inverse_rule():
    plans = {"a": f"<{EX}new> <{VNP}replaces> <{EX}old> ."}
    triple = (f"{EX}old", f"{VNP}replacedBy", f"{EX}new")
    with_rule, without = _store(plans), _store(plans)
    materialise(with_rule)
    materialise(without, rule_set=_without("rule-inverses"))
    assert triple in _inferred(with_rule) and triple not in _inferred(without)


def test_a_stated_triple_is_not_inferred_again():
    plans = dict(PLANS, extra=f"<{COMMUNE}> <{VNP}implementsTransitively> <{DECISION}> .")
    store = _store(plans)
    materialise(store)
    assert (COMMUNE, f"{VNP}implementsTransitively", DECISION) not in _inferred(store)
    assert (COMMUNE, f"{VNP}implementsTransitively", PROVINCE) in _inferred(store)


def test_pyshacl_runs_the_same_rules_to_the_same_triples():
    """The rules are standard SHACL-AF: pySHACL (advanced mode) on the union of the data graphs and
    the ontology's axioms derives what materialise writes (the ontology's own terms aside)."""
    store = _store()
    materialise(store)
    data = Graph()
    schema = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf)
    for s, p, o in ONTOLOGY:
        if p in schema:
            data.add((s, p, o))
    data.parse(data=REFERENCE, format="turtle")
    for text in PLANS.values():
        data.parse(data=text, format="turtle")
    before = set(data)
    shapes = Graph().parse(rules.RULES_FILE, format="turtle")
    pyshacl.validate(data, shacl_graph=shapes, advanced=True, inplace=True, inference="none")
    terms = {s for s, p, _ in ONTOLOGY if p in schema or p == RDF.type}
    by_pyshacl = {(str(s), str(p), str(o)) for s, p, o in set(data) - before if s not in terms}
    assert by_pyshacl == _inferred(store)


def test_the_refresh_of_an_ingest_equals_a_whole_materialisation():
    """The district plan's graph is replaced by one that implements the programme directly: the
    commune plan below it (another graph, not touched) gets its new closure from the refresh."""
    changed = f"<{DISTRICT}> a <{VNP}Plan> ; <{VNP}implements> <{LAW}> ; <{VNP}jurisdiction> <{UNIT}> ."
    store = _store()
    materialise(store)
    backend = OxigraphBackend.__new__(OxigraphBackend)
    backend.store, backend.path, backend.read_only = store, "memory", False
    ontology = closures(lambda text: [(r["sub"].value, r["super"].value) for r in store.query(text)])
    gname = str(graph_iri("plan", "district"))
    nt = Graph().parse(data=changed, format="turtle").serialize(format="nt")
    operations = [f"DROP GRAPH <{gname}>", f"INSERT DATA {{ GRAPH <{gname}> {{ {nt} }} }}"]
    touched = {DISTRICT}
    rules.update_with_rules(backend, ontology.properties, operations, touched)
    expected = _store(dict(PLANS, district=changed))
    materialise(expected)
    heads = set(rules.load().heads) | {f"{ELI}cites"}  # the others: kg.pipeline.infer.refresh_operations
    assert {t for t in _inferred(store) if t[1] in heads} == {t for t in _inferred(expected) if t[1] in heads}
    assert (COMMUNE, f"{VNP}implementsTransitively", LAW) in _inferred(store)
    assert (COMMUNE, f"{VNP}implementsTransitively", DECISION) not in _inferred(store)
    assert (DISTRICT, f"{VNP}jurisdictionLevel", LEVEL) in _inferred(store)


def test_a_rule_deriving_a_property_with_an_inverse_is_refused():
    with pytest.raises(rules.RulesError, match="inverseOf"):
        rules.check_no_inverses(rules.load(), [(f"{ELI}cites", f"{EX}citedBy")],
                                [(f"{VNP}cites", f"{ELI}cites")])
    rules.check_no_inverses(rules.load(), [(f"{VNP}replaces", f"{VNP}replacedBy")], [])


def test_a_rule_file_with_a_rule_of_another_form_is_refused(tmp_path):
    text = rules.RULES_FILE.read_text("utf-8").replace(
        "CONSTRUCT { $this vnp:cites ?doc }", "CONSTRUCT { ?doc vnp:cites $this }")
    (tmp_path / "bad.ttl").write_text(text, "utf-8")
    with pytest.raises(rules.RulesError, match="rule-cites"):
        rules.load(tmp_path / "bad.ttl")
