"""Materialised inferences: the named graph ``{BASE}graph/inference``.

Researchers query with the vocabularies they know (ELI, ORG, PROV, P-Plan), while the extraction
writes our own subproperties and subclasses. So that ``?plan eli:cites ?law`` or
``?x a eli:LegalResource`` answer without a reasoner, the build adds, from the ontology's own
axioms (``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``owl:inverseOf``), every entailed triple that
is not already stated — an RDFS-style closure over the instance data, computed in SPARQL on the
store (so it stays fast at national scale). Only triples that are not already in some graph are
written, so the union default graph has no duplicates.

Every derivation is a rule declared in ``shapes/rules/inference.ttl`` (SHACL-AF, read by
kg/pipeline/rules.py): first the domain rules (``vnp:cites`` from the citations, the implements
closure ``vnp:implementsTransitively``, a document's ``vnp:jurisdictionLevel``), then the three
closures, which also close what the domain rules wrote. A closure the file does not declare is not
run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.pipeline import rules as declared
from kg.pipeline.materialised import materialised_classes
from kg.rdf.namespaces import graph_iri

_INVERSE_PAIRS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?sub ?super WHERE {
  GRAPH <ONTOLOGY> { { ?sub owl:inverseOf ?super } UNION { ?super owl:inverseOf ?sub } }
}"""

# The closures (:func:`closures`: the ontology's own axioms, few) are run one super-term at a time,
# its sub-terms in a VALUES block, so that the instance data is read by index once per (term,
# super-term) pair and the super-term, a constant, is not read back on every row (decoding the terms
# of a row is most of what a row costs). The check that an entailed triple is not already stated
# somewhere (FILTER NOT EXISTS, an index lookup per row) is only made for super-terms that some graph
# uses directly; most (eli:LegalResource, prov:Entity, …) are used by no graph, so the check could
# not remove anything. (One query with the closure as a property path and the check on every row
# took 35 s at 1% of the national corpus, the pairs in one VALUES block 10 s.)


def _super_classes(subs: str, ontology: str, check: bool, sup: str) -> str:
    test = f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?x a {sup} }} }}" if check else ""
    return (f"SELECT DISTINCT ?x WHERE {{ VALUES ?cls {{ {subs} }} GRAPH ?g {{ ?x a ?cls }} "
            f"FILTER(?g != <{ontology}>) {test} }}")


def _super_properties(subs: str, ontology: str, check: bool, sup: str) -> str:
    test = f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s {sup} ?o }} }}" if check else ""
    return (f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?p {{ {subs} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?g != <{ontology}>) {test} }}")


def _inverses(subs: str, ontology: str, check: bool, inverse: str) -> str:
    test = f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?o {inverse} ?s }} }}" if check else ""
    return (f"SELECT DISTINCT ?o ?s WHERE {{ VALUES ?p {{ {subs} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?g != <{ontology}> && !isLiteral(?o)) {test} }}")


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _rows(
    store: ox.Store, query: Callable[[str, str, bool, str], str], pairs: list,
    used: Callable[[ox.NamedNode], bool], ontology: str
) -> Iterator[tuple[ox.NamedNode, ox.QuerySolution]]:
    """(super-term, row) for each super-term of ``pairs`` ((term, super-term) nodes): the rows of
    ``query`` over its sub-terms, with the NOT EXISTS check when some graph states the super-term."""
    subs: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for a, b in pairs:
        subs.setdefault(b, []).append(a)
    for sup in sorted(subs, key=lambda node: node.value):
        text = query(" ".join(str(a) for a in subs[sup]), ontology, used(sup), str(sup))
        for row in store.query(text):
            yield sup, row


def materialise(store: ox.Store, bulk: bool = False, rule_set: declared.RuleSet | None = None) -> int:
    """Replace ``graph/inference`` with the entailed triples; returns how many were written.

    Run after every plan and the reference data are loaded. One pass of each rule: subclass and
    subproperty closures are transitive (computed on the ontology graph); inverses of inferred
    superproperties are not chained further (the ontology declares inverses on the stated terms).
    ``bulk`` writes without a transaction (only for a store nobody else reads yet: a fresh build).
    ``rule_set``: the declared rules (default: shapes/rules/inference.ttl).
    """
    target = ox.NamedNode(str(graph_iri("inference")))
    ontology = str(graph_iri("ontology"))
    store.remove_graph(target) if store.contains_named_graph(target) else None

    def used_as_class(term: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(None, _RDF_TYPE, term, None), None) is not None

    def used_as_property(term: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(None, term, None, None), None) is not None

    rules = closures(lambda text: [(r["sub"].value, r["super"].value) for r in store.query(text)])
    rule_set = rule_set or declared.load()
    declared.check_no_inverses(rule_set, rules.inverses, rules.properties)
    (store.bulk_extend if bulk else store.extend)(_domain_quads(store, rule_set, target))

    def nodes(pairs: Pairs, axiom: str) -> list[tuple[ox.NamedNode, ox.NamedNode]]:
        if rule_set.closure(axiom) is None:
            return []
        return [(ox.NamedNode(a), ox.NamedNode(b)) for a, b in pairs]

    def entailed() -> Iterator[ox.Quad]:
        classes = nodes(rules.classes, _SUBCLASS)
        for sup, row in _rows(store, _super_classes, classes, used_as_class, ontology):
            yield ox.Quad(row[0], _RDF_TYPE, sup, target)
        properties = nodes(rules.properties, _SUBPROPERTY)
        for sup, row in _rows(store, _super_properties, properties, used_as_property, ontology):
            yield ox.Quad(row[0], sup, row[1], target)
        inverses = nodes(rules.inverses, _INVERSE)
        for inverse, row in _rows(store, _inverses, inverses, used_as_property, ontology):
            if isinstance(row[0], ox.NamedNode | ox.BlankNode):
                yield ox.Quad(row[0], inverse, row[1], target)

    if bulk:
        # Streamed: at national scale the entailed quads are ~6 M (7 GiB as a Python set). The
        # queries read a snapshot, and a quad produced twice is stored once.
        store.bulk_extend(entailed())
    else:
        store.extend(set(entailed()))
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(count)))["n"].value)


_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SUBCLASS, _SUBPROPERTY = _RDFS + "subClassOf", _RDFS + "subPropertyOf"
_INVERSE = "http://www.w3.org/2002/07/owl#inverseOf"


def _domain_quads(store: ox.Store, rule_set: declared.RuleSet, target: ox.NamedNode) -> list[ox.Quad]:
    """What the domain rules construct over the whole store and no data graph states."""

    def construct(text: str) -> Iterator[tuple]:
        for t in store.query(text, use_default_graph_as_union=True):
            yield (t.subject, t.predicate, t.object)

    derived = declared.derive(construct, rule_set)
    heads = " ".join(f"<{h}>" for h in rule_set.heads)
    stated = set()
    if heads and derived:
        text = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {heads} }} GRAPH ?g {{ ?s ?p ?o }} "
                f"{declared.stated_filter()} }}")
        stated = {(r["s"], r["p"], r["o"]) for r in store.query(text)}
    return [ox.Quad(s, p, o, target) for s, p, o in derived - stated]


# --- Incremental refresh at ingest -------------------------------------------------------------
#
# graph/inference is I = E \ S: E the one-step entailments (rules above) of the triples stated in the
# data graphs (every graph but the ontology and the derived graphs), S every triple stated in a graph
# other than the derived ones. When `kg ingest` replaces the graphs G_old of a file by G_new, E and S
# change only by the entailments of G_old and G_new and by the triples of G_old and G_new, so only
# those can enter or leave I (a triple about a shared entity — a unit, an agency, a cited document —
# that another plan also entails or states is re-checked against every graph, not just dropped).
# The refresh is "delete and re-derive" on that candidate set, in plain SPARQL 1.1 Update so that it
# runs on every backend and in the same request (one Oxigraph transaction) as the graph replacement:
#   before the drop: candidates := E(G_old) ∪ G_old, kept in a scratch graph; I -= candidates
#   after the insert: I -= G_new (now stated); candidates += E(G_new)
#   then: I += every candidate entailed by some data graph and stated in none; drop the scratch graph.
# The result equals a fresh build's graph/inference whenever the store's did before the ingest.
# (A store ingested into by an older `kg ingest`, which did not refresh it, needs one `kg build`.)
# On a server that runs the request in autocommit mode (Virtuoso) readers can see the steps, and two
# ingests at once would share the scratch graph: run one `kg ingest` at a time there.

#: graphs that are computed from the others and are neither a source of entailments nor a statement
DERIVED_GRAPHS = ("inference", "summary", "audit")
_SCRATCH = "inference-candidates"

Pairs = list[tuple[str, str]]


@dataclass(frozen=True)
class Closures:
    """The ontology's closures as (sub, super) IRI pairs (inverse: both directions)."""

    classes: Pairs
    properties: Pairs
    inverses: Pairs


_DIRECT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?sub ?super WHERE {
  GRAPH <ONTOLOGY> { ?sub rdfs:PROPERTY ?super FILTER(isIRI(?sub) && isIRI(?super)) }
}"""


def _transitive(edges: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every (a, b) joined by a path of one or more edges (what ``+`` gives), sorted."""
    up: dict[str, set[str]] = {}
    for a, b in edges:
        up.setdefault(a, set()).add(b)
    out = set()
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(up.get(node, ()))
        out.update((start, node) for node in seen)
    return sorted(out)


def closures(select: Callable[[str], Iterable[tuple[str, str]]]) -> Closures:
    """The three closures, read with ``select`` (a SELECT text → (sub, super) IRI rows) from the
    ontology graph, for :func:`materialise` and for ingest on any backend: the direct axioms in
    SPARQL, the transitive steps in Python (Virtuoso refuses ``rdfs:subClassOf+`` with both ends
    free: "transitive start not given")."""
    ontology = str(graph_iri("ontology"))
    direct = {rule: _DIRECT.replace("ONTOLOGY", ontology).replace("PROPERTY", prop)
              for rule, prop in (("class", "subClassOf"), ("property", "subPropertyOf"))}
    inverse = sorted(set(select(_INVERSE_PAIRS.replace("ONTOLOGY", ontology))))
    classes = materialised_classes(_transitive(select(direct["class"])))  # only the super-classes queried
    return Closures(classes, _transitive(select(direct["property"])), inverse)


def _values(pairs: Pairs) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in pairs)


def _entailments(rules: Closures, source: str, target: str) -> list[str]:
    """INSERT operations copying the one-step entailments of the triples of ``source`` into ``target``."""
    ops = []
    if rules.classes:
        ops.append(f"INSERT {{ GRAPH <{target}> {{ ?x a ?super }} }} WHERE {{\n"
                   f"  VALUES (?cls ?super) {{ {_values(rules.classes)} }}\n"
                   f"  GRAPH <{source}> {{ ?x a ?cls }} }}")
    if rules.properties:
        ops.append(f"INSERT {{ GRAPH <{target}> {{ ?s ?super ?o }} }} WHERE {{\n"
                   f"  VALUES (?p ?super) {{ {_values(rules.properties)} }}\n"
                   f"  GRAPH <{source}> {{ ?s ?p ?o }} }}")
    if rules.inverses:
        ops.append(f"INSERT {{ GRAPH <{target}> {{ ?o ?inverse ?s }} }} WHERE {{\n"
                   f"  VALUES (?p ?inverse) {{ {_values(rules.inverses)} }}\n"
                   f"  GRAPH <{source}> {{ ?s ?p ?o }} FILTER(!isLiteral(?o)) }}")
    return ops


def _every_triple(verb: str, target: str, source: str) -> str:
    return f"{verb} {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{source}> {{ ?s ?p ?o }} }}"


def refresh_operations(rules: Closures, dropped: Iterable[str], added: str | Iterable[str] | None
                       ) -> tuple[list[str], list[str]]:
    """SPARQL Update operations that keep graph/inference exact when the graphs ``dropped`` are
    replaced by ``added`` (one graph or several; None: only dropped, ``kg remove``): (those to run
    before the DROPs, those to run after the INSERT DATA), to be sent with them as one request
    (operations joined by ``;``)."""
    added_graphs = [added] if isinstance(added, str) else sorted(added or ())
    inference, scratch = str(graph_iri("inference")), str(graph_iri(_SCRATCH))
    derived = ", ".join(f"<{graph_iri(name)}>" for name in (*DERIVED_GRAPHS, _SCRATCH))
    sources = f"<{graph_iri('ontology')}>, {derived}"
    # The scratch graph is emptied with DELETE WHERE before its DROP: Virtuoso 7 left the triples of
    # that graph in place on DROP SILENT GRAPH within one request.
    empty_scratch = f"DELETE WHERE {{ GRAPH <{scratch}> {{ ?s ?p ?o }} }}"
    before = [empty_scratch]
    for graph in sorted(set(dropped)):
        before += _entailments(rules, graph, scratch)
        before.append(_every_triple("INSERT", scratch, graph))
    before.append(_every_triple("DELETE", inference, scratch))
    after = [_every_triple("DELETE", inference, graph) for graph in added_graphs]
    for graph in added_graphs:
        after += _entailments(rules, graph, scratch)
    # Re-derivation: a candidate goes (back) into graph/inference when a data graph entails it and
    # no graph states it — the same two tests as materialise, on the candidates only.
    for pairs, candidate, source in (
        (rules.classes, "?x a ?super", "?x a ?cls"),
        (rules.properties, "?s ?super ?o", "?s ?p ?o"),
        (rules.inverses, "?o ?super ?s", "?s ?p ?o"),
    ):
        if not pairs:
            continue
        head = "?cls ?super" if candidate.startswith("?x") else "?p ?super"
        after.append(
            f"INSERT {{ GRAPH <{inference}> {{ {candidate} }} }} WHERE {{\n"
            f"  GRAPH <{scratch}> {{ {candidate} }}\n"
            f"  VALUES ({head}) {{ {_values(pairs)} }}\n"
            f"  GRAPH ?g {{ {source} }} FILTER(?g NOT IN ({sources}))\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?h {{ {candidate} }} FILTER(?h NOT IN ({derived})) }} }}")
    after += [empty_scratch, f"DROP SILENT GRAPH <{scratch}>"]  # DROP: no empty graph left (Oxigraph)
    return before, after
