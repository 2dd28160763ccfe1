"""The audits as SHACL-SPARQL shapes (shapes/audits/*.ttl, kg/validation/audit_shapes.py): every
audit is a complete shape, the prefixes are declared once, the store keeps the shapes graph, and
every sh:sourceShape of graph/audit is a shape of that graph whose query gives the stored findings."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal

from kg.rdf.namespaces import SH, graph_iri
from kg.resources import AUDITS_DIR
from kg.validation import load_audits, run_audit
from kg.validation.audit_shapes import PREFIXES_FILE, audit_graph, prefix_lines
from kg.validation.load import shapes_graph
from kg.validation.model import SEVERITIES, VNSH


def test_every_audit_file_is_one_complete_shape() -> None:
    """Each shapes/audits/{name}.ttl: the node shape vnsh:audit-{name} with labels, comment and
    severity, and one SPARQL constraint with vi/en messages, sh:prefixes and a sh:select."""
    files = sorted(p for p in AUDITS_DIR.glob("*.ttl") if p.name != PREFIXES_FILE)
    assert not list(AUDITS_DIR.glob("*.rq")), "audits are Turtle shapes now (shapes/README.md)"
    g = audit_graph()
    shapes = set(g.subjects(SH.sparql, None))
    assert shapes == {VNSH[f"audit-{p.stem}"] for p in files}
    for shape in shapes:
        assert (shape, RDF.type, SH.NodeShape) in g
        labels = {o.language for o in g.objects(shape, RDFS.label) if isinstance(o, Literal)}
        assert labels == {"vi", "en"}, shape
        assert any(len(str(c)) > 40 for c in g.objects(shape, RDFS.comment)), f"{shape}: say what and why"
        assert str(g.value(shape, SH.severity)).rsplit("#", 1)[-1] in SEVERITIES
        (c,) = g.objects(shape, SH.sparql)
        assert (c, RDF.type, SH.SPARQLConstraint) in g
        messages = {o.language for o in g.objects(c, SH.message) if isinstance(o, Literal)}
        assert messages == {"vi", "en"}, shape
        select = str(g.value(c, SH.select))
        assert not re.search(r"^\s*PREFIX", select, re.I | re.M), f"{shape}: prefixes come from sh:declare"
        assert prefix_lines(g, g.value(c, SH.prefixes)), f"{shape}: sh:prefixes names no declarations"
    assert [a.name for a in load_audits()] == [p.stem for p in files]


def test_the_messages_use_only_variables_the_query_selects() -> None:
    unknown, filled = [], 0
    for audit in load_audits():
        head = audit.query[audit.query.index("SELECT"):audit.query.index("WHERE")]
        selected = set(re.findall(r"\?(\w+)", head))
        for message in (audit.message_vi, audit.message_en):
            used = set(re.findall(r"\{[?$](\w+)\}", message))
            filled += bool(used)
            unknown += [f"{audit.name}: {v}" for v in sorted(used - selected)]
    assert unknown == [] and filled > 20


def test_prefixes_are_declared_once() -> None:
    """One declaration node, named by every constraint; a prefix declared twice would be ambiguous."""
    g = audit_graph()
    assert len(set(g.objects(None, SH.prefixes))) == 1
    declared = [str(g.value(d, SH.prefix)) for d in g.objects(None, SH.declare)]
    assert len(declared) == len(set(declared))


def _source_shapes(store: ox.Store) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph_iri('audit')}> {{ ?r <{SH.sourceShape}> ?s }} }}")
    return {r["s"].value for r in rows}


def test_every_source_shape_of_graph_audit_is_a_shape_of_graph_shapes(store: ox.Store) -> None:
    """The build keeps the shapes graph (graph/shapes); each result's sh:sourceShape is a node shape
    described there, core or audit."""
    found = _source_shapes(store)
    assert any(s.startswith(str(VNSH["audit-"])) for s in found)
    assert any(not s.startswith(str(VNSH["audit-"])) for s in found)
    described = {r["s"].value for r in store.query(
        f"SELECT ?s WHERE {{ GRAPH <{graph_iri('shapes')}> {{ ?s a <{SH.NodeShape}> }} }}")}
    assert found <= described, f"not in graph/shapes: {sorted(found - described)}"


def test_a_source_shape_missing_from_the_shapes_graph_is_caught(store: ox.Store) -> None:
    """The check above can fail: the shapes graph without one audit no longer covers graph/audit."""
    found = _source_shapes(store)
    audit = next(s for s in sorted(found) if s.startswith(str(VNSH["audit-"])))
    g = shapes_graph()
    g.remove((VNSH[audit.removeprefix(str(VNSH))], RDF.type, SH.NodeShape))
    described = {str(s) for s in g.subjects(RDF.type, SH.NodeShape)}
    assert not found <= described


def test_the_stored_shapes_graph_reproduces_the_stored_audit_findings(store: ox.Store) -> None:
    """Each audit read back from graph/shapes (its sh:select and the sh:declare it names) finds on
    the seed build exactly the (focus, value) pairs graph/audit holds for it."""
    shapes = ox.NamedNode(str(graph_iri("shapes")))
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=shapes)
    from rdflib import Graph

    g = Graph().parse(data=data.decode("utf-8"), format="nt")
    assert len(list(g.subjects(SH.sparql, None))) == len(load_audits())
    for audit in load_audits():
        (c,) = g.objects(VNSH[f"audit-{audit.name}"], SH.sparql)
        stored = prefix_lines(g, g.value(c, SH.prefixes)) + str(g.value(c, SH.select))
        assert stored == audit.query, audit.name
        rows = store.query(
            f"SELECT ?f ?v WHERE {{ GRAPH <{graph_iri('audit')}> {{ ?r <{SH.sourceShape}> <{audit.iri}> ; "
            f"<{SH.focusNode}> ?f OPTIONAL {{ ?r <{SH.value}> ?v }} }} }}")
        in_graph = {(r["f"].value, r["v"].value if r["v"] is not None else None) for r in rows}
        found = {(f.focus, f.value) for f in run_audit(store, audit)}
        assert found == in_graph, audit.name
