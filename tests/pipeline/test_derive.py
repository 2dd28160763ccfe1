"""The derived phases of ``kg build`` (kg/pipeline/derive.py): run in threads, they write the same
graphs as one after another, and graph/entities as its N-Triples (kg/pipeline/entities.py) say."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import derive as derive_module
from kg.pipeline import entities
from kg.pipeline.derive import derive, select
from kg.rdf.namespaces import graph_iri
from kg.rdf.release import derivation_update
from tests.pipeline.test_build import dump

DERIVED = ("entities", "inference", "summary", "comparison", "audit")


def rederived(built: Path, folder: Path, *, serial: bool) -> list[str]:
    """A copy of the built store at ``folder`` with its derived graphs dropped and derived again."""
    shutil.copytree(built, folder)
    store = ox.Store(str(folder))
    for name in DERIVED:
        store.remove_graph(ox.NamedNode(str(graph_iri(name))))
    store.flush()
    derived = derive(store, folder, serial=serial)
    assert list(derived.phases) == ["entities", "inference", "summary", "comparison", "validation"]
    store.update(derivation_update())
    store.flush()
    del store
    return dump(folder)


def slowed(monkeypatch) -> None:
    """Each writing phase waits a little first: a phase that read a graph before it was written would
    read it empty, whatever the machine's speed."""
    for name in ("materialise", "summarise", "compare_targets"):
        original = getattr(derive_module, name)

        def slow(*args, original=original, **kwargs):  # noqa: ANN002, ANN003, ANN202
            time.sleep(0.5)
            return original(*args, **kwargs)
        monkeypatch.setattr(derive_module, name, slow)


def test_the_phases_in_threads_write_what_they_write_one_after_another(built_store, tmp_path, monkeypatch):
    built, report = built_store
    slowed(monkeypatch)
    serial = rederived(built, tmp_path / "serial", serial=True)
    threaded = rederived(built, tmp_path / "threads", serial=False)
    assert threaded == serial == dump(built)
    # what would differ if the audits started before graph/comparison was written, or the shapes'
    # findings were lost: findings of both kinds are in graph/audit
    audit = f"<{graph_iri('audit')}>"
    assert any(q.endswith(f"{audit} .") and "audit-weaker-target" in q for q in threaded)
    assert any(q.endswith(f"{audit} .") and "MinCountConstraintComponent" in q for q in threaded)
    assert report.findings.get("Violation", 0) > 0


def test_graph_entities_holds_the_triples_of_its_n_triples(built_store):
    built, _ = built_store
    store = ox.Store.read_only(str(built))
    expected = ox.Store()
    text = entities.ntriples(entities.whole(select(store)))
    expected.load(text.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(entities.entities_graph()))
    graph = ox.NamedNode(entities.entities_graph())
    release = (ox.NamedNode(entities.entities_graph()), *(  # what derivation_update adds (kg/rdf/release.py)
        q.object for q in store.quads_for_pattern(graph, None, None, graph)))
    stored = {str(q) for q in store.quads_for_pattern(None, None, None, graph) if q.subject not in release}
    assert len(stored) > 100
    assert stored == {str(q) for q in expected}


def _patterns_outside_graph(node, inside: bool = False) -> list:  # noqa: ANN001 - rdflib algebra
    """The triple patterns of a query's algebra (FILTER (NOT) EXISTS included) that are not inside a
    ``GRAPH ?variable`` block (a named graph such as graph/entities counts as outside)."""
    from rdflib import Variable
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("BGP", "TriplesBlock") and not inside and node.get("triples"):
            return [node]
        if node.name in ("Graph", "GraphGraphPattern"):
            inside = isinstance(node.get("term"), Variable)
        return [bgp for value in node.values() for bgp in _patterns_outside_graph(value, inside)]
    if isinstance(node, list | tuple):
        return [bgp for value in node for bgp in _patterns_outside_graph(value, inside)]
    return []


def test_the_audits_run_beside_entities_read_the_plan_graphs_only(built_store):
    from rdflib.plugins.sparql import prepareQuery

    from kg.validation.audit_shapes import load_audits

    audits = {a.name: a for a in load_audits()}
    assert derive_module.PLAN_GRAPH_AUDITS <= set(audits)
    for name in derive_module.PLAN_GRAPH_AUDITS:
        algebra = prepareQuery(audits[name].query).algebra
        assert not _patterns_outside_graph(algebra), name
        assert "prov:wasDerivedFrom" in audits[name].query  # the graphs are those holding a plan
    # ... and no derived graph holds a plan's source, so none of them is read as a plan graph
    store = ox.Store.read_only(str(built_store[0]))
    for name in DERIVED:
        assert not store.query(f"ASK {{ GRAPH <{graph_iri(name)}> {{ ?plan "
                               "<http://www.w3.org/ns/prov#wasDerivedFrom> ?source } }"), name
    # the check itself sees a pattern outside GRAPH
    for outside in ("?s ?p ?o GRAPH ?g { ?s ?p ?x }", "GRAPH ?g { ?s ?p ?x } FILTER NOT EXISTS { ?s ?p ?o }",
                    "GRAPH <urn:vnge:graph:entities> { ?s ?p ?x }"):
        assert _patterns_outside_graph(prepareQuery(f"SELECT * {{ {outside} }}").algebra), outside


def test_an_audit_run_beside_entities_reports_its_findings(built_store, tmp_path):
    """A span whose quote is gone: annotation-well-formed, started before entities, still reports it."""
    built, _ = built_store
    folder = tmp_path / "store"
    shutil.copytree(built, folder)
    store = ox.Store(str(folder))
    quote = next(iter(store.query(
        "SELECT ?g ?span ?q { GRAPH ?g { ?fact <https://w3id.org/vnge/ontology#evidence> ?span . "
        "?span <http://www.w3.org/ns/oa#exact> ?q } } LIMIT 1")))
    store.remove(ox.Quad(quote["span"], ox.NamedNode("http://www.w3.org/ns/oa#exact"), quote["q"], quote["g"]))
    for name in DERIVED:
        store.remove_graph(ox.NamedNode(str(graph_iri(name))))
    derive(store, folder, serial=False)
    found = store.query(f"ASK {{ GRAPH <{graph_iri('audit')}> {{ ?r "
                        "<http://www.w3.org/ns/shacl#sourceShape> ?shape ; <http://www.w3.org/ns/shacl#focusNode> "
                        f"{quote['span']} FILTER(CONTAINS(STR(?shape), 'annotation-well-formed')) }} }}")
    assert found


def test_summary_and_comparison_read_the_same_from_lexical_rows_as_from_rdflib_terms(built_store):
    from kg.pipeline import comparison, summary

    store = ox.Store.read_only(str(built_store[0]))
    lexical, terms = derive_module.lexical(store), select(store)
    assert sorted(summary.summary_triples(lexical)) == sorted(summary.summary_triples(terms))
    found = comparison.triples(comparison.comparisons(lexical))
    assert found and sorted(found) == sorted(comparison.triples(comparison.comparisons(terms)))


def test_graph_entities_from_the_claims_without_their_nodes_is_the_one_from_the_claims(built_store):
    """A build reads every claim without the node making it (entities.whole): describe counts the
    claims, so the description is the one of the claims with their nodes (as kg ingest reads them)."""
    from kg.rdf.entities import describe, extractor

    store = ox.Store.read_only(str(built_store[0]))
    rows = select(store)
    claims = entities._claims(rows, None, ())
    assert len({(e, p, o) for e, _, p, o in claims}) < len(claims)  # claims several nodes make: counted
    plans = entities._plans(rows, {c[0] for c in claims}, ())
    stated = entities._stated(rows, entities._implementers(claims), ())
    assert entities.whole(rows) == describe(claims, plans, stated) | set(extractor())


def test_a_build_counts_a_value_each_claim_gives_it_not_once():
    """Two mentions give a document number, one mention another, smaller one: the number most claims
    give wins (read once per distinct value, the tie would go to the smaller)."""
    vnp, doc = "https://w3id.org/vnge/ontology#", "https://example.org/doc/1"
    kind = "https://w3id.org/vnge/concept/doctype-decision"
    store = ox.Store()
    lines = []
    for graph, node, number in (("g1", "m1", "2/QĐ"), ("g1", "m2", "2/QĐ"), ("g2", "m3", "1/QĐ")):
        node = f"<https://example.org/{graph}/{node}>"
        lines += [f'{node} <{vnp}mentionOf> <{doc}> <https://example.org/{graph}> .',
                  f'{node} <{vnp}mentionedKind> <{kind}> <https://example.org/{graph}> .',
                  f'{node} <{vnp}mentionedNumber> "{number}" <https://example.org/{graph}> .']
    store.load("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    numbers = {str(o) for s, p, o in entities.whole(select(store))
               if str(s) == doc and str(p) == "http://data.europa.eu/eli/ontology#number"}
    assert numbers == {"2/QĐ"}
