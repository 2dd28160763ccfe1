"""graph/entities in the store: written whole by ``kg build``, refreshed by ``kg ingest`` and
``kg remove`` for the entities the changed plans claim about, in the same update request.

The description of an entity is a function of every plan's claims about it (kg/rdf/entities.py), so
a change of one plan re-describes only the entities its old and new graphs claim about (and the plan
itself, which a plan of the corpus describes in its own graph, else the citations of it do):
:func:`refresh` reads their current description and the claims the other plan graphs make, and
returns the triples to take out and to put in. The same SELECTs and the same pure function make a
build's graph, so an ingest followed by a removal leaves graph/entities as a fresh build makes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kg.rdf.entities import Claim, Triple, claim_query, claims_in, describe, extractor
from kg.rdf.namespaces import VNP, graph_iri

Select = Callable[[str], Iterable[Mapping[str, object]]]  # SPARQL SELECT text → rows of rdflib terms

#: graphs whose statements do not count as "stated" (derived, or the shared graph itself)
_NOT_STATEMENTS = ("entities", "inference", "summary", "audit", "inference-candidates")


def entities_graph() -> str:
    return str(graph_iri("entities"))


def ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples of rdflib terms, one per line, sorted (the same bytes on every build; rdflib's writer
    escapes line breaks, which ``n3()`` would write as a long string that N-Triples does not allow)."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(sorted(line + "\n" for line in lines if line.strip()))


def operations(change: Change, scratch_old: str, scratch_new: str) -> tuple[list[str], list[str], list[str]]:
    """The update operations applying ``change``: (before the inference refresh's first step: the
    removed triples copied to ``scratch_old``, read as a dropped graph), (with the drops: out of
    graph/entities), (with the insert: into graph/entities and ``scratch_new``, read as an added
    graph). The caller drops both scratch graphs at the end."""
    before, drop, insert = [], [], []
    if change.removed:
        body = ntriples(change.removed)
        before.append(f"INSERT DATA {{ GRAPH <{scratch_old}> {{\n{body}}} }}")
        drop.append(f"DELETE DATA {{ GRAPH <{entities_graph()}> {{\n{body}}} }}")
    if change.added:
        body = ntriples(change.added)
        insert += [f"INSERT DATA {{ GRAPH <{entities_graph()}> {{\n{body}}} }}",
                   f"INSERT DATA {{ GRAPH <{scratch_new}> {{\n{body}}} }}"]
    return before, drop, insert


def _values(iris: Iterable[object]) -> str:
    return " ".join(f"<{i}>" for i in sorted({str(i) for i in iris}))


def _batches(iris: Iterable[object], size: int = 400) -> Iterable[str]:
    ordered = sorted({str(i) for i in iris})
    for i in range(0, len(ordered), size):
        yield " ".join(f"<{x}>" for x in ordered[i:i + size])


def _claims(select: Select, entities: Iterable[object] | None, exclude: Iterable[str]) -> list[Claim]:
    """The claims the plan graphs (but ``exclude``) make, about ``entities`` (None: about any)."""
    def rows(text: str) -> list[Claim]:
        return [(r["e"], r["m"], r["p"], r["o"]) for r in select(text)]  # type: ignore[misc]

    if entities is None:
        return rows(claim_query(None, exclude))
    ordered = sorted({str(e) for e in entities})
    return [c for i in range(0, len(ordered), 400) for c in rows(claim_query(ordered[i:i + 400], exclude))]


def _plans(select: Select, entities: Iterable[object], exclude: Iterable[str]) -> set[object]:
    """The entities that are plans of the corpus (their graph holds ``prov:wasDerivedFrom``)."""
    skip = ", ".join(f"<{g}>" for g in sorted(set(exclude)))
    keep = f"FILTER(?g NOT IN ({skip}))" if skip else ""
    out: set[object] = set()
    for batch in _batches(entities):
        out |= {r["e"] for r in select(f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {batch} }} "
                                       f"GRAPH ?g {{ ?e <{PROV.wasDerivedFrom}> ?f }} {keep} }}")}
    return out


def _stated(select: Select, entities: Iterable[object], exclude: Iterable[str]) -> set[Triple]:
    """What implements / cites triples about ``entities`` other graphs state (not repeated)."""
    skip = ", ".join(f"<{g}>" for g in sorted({*exclude, *(str(graph_iri(n)) for n in _NOT_STATEMENTS)}))
    out: set[Triple] = set()
    for batch in _batches(entities):
        out |= {(r["e"], r["p"], r["o"]) for r in select(  # type: ignore[misc]
            f"SELECT DISTINCT ?e ?p ?o WHERE {{ VALUES ?e {{ {batch} }} "
            f"VALUES ?p {{ <{VNP.implements}> <{VNP.cites}> }} GRAPH ?g {{ ?e ?p ?o }} "
            f"FILTER(?g NOT IN ({skip})) }}")}
    return out


def _implementers(claims: Iterable[Claim]) -> set[object]:
    return {e for e, _, p, _ in claims if p == VNP.mentionedImplements}


def whole(select: Select) -> set[Triple]:
    """graph/entities of a store whose plan graphs are loaded (``kg build``)."""
    # every claim, without the node making it (None): describe counts claims, it reads no node
    claims = [(r["e"], None, r["p"], r["o"]) for r in select(claim_query(None, nodes=False))]
    entities = {c[0] for c in claims}
    plans = _plans(select, entities, ())
    stated = _stated(select, _implementers(claims), ())
    return describe(claims, plans, stated) | set(extractor())


@dataclass
class Change:
    """The triples of graph/entities an ingest or removal takes out and puts in."""

    removed: set[Triple] = field(default_factory=set)
    added: set[Triple] = field(default_factory=set)


def _claimed_in(select: Select, graphs: Iterable[str]) -> set[object]:
    out: set[object] = set()
    for graph in sorted(set(graphs)):
        text = claim_query(None).replace("GRAPH ?g", f"GRAPH <{graph}>")
        out |= {r["e"] for r in select(text)}
    return out


def _current(select: Select, entities: Iterable[object]) -> set[Triple]:
    """The description graph/entities holds now of ``entities`` (with their articles and clauses)."""
    out: set[Triple] = set()
    part = f"<{VNP.isPartOf}>"
    for batch in _batches(entities):
        rows = select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?e {{ {batch} }} GRAPH <{entities_graph()}> {{ "
                      f"{{ ?e ?p ?o BIND(?e AS ?s) }} UNION {{ ?s {part} ?e . ?s ?p ?o }} "
                      f"UNION {{ ?s {part}/{part} ?e . ?s ?p ?o }} }} }}")
        out |= {(r["s"], r["p"], r["o"]) for r in rows}  # type: ignore[misc]
    return out


def refresh(select: Select, previous: Iterable[str], new_graph: Graph | None, new_plan: str | None,
            old_plans: Iterable[str] = ()) -> Change:
    """What graph/entities loses and gains when the plan graphs ``previous`` (of the plans
    ``old_plans``) are replaced by ``new_graph`` (of ``new_plan``; None: only removed)."""
    previous = set(previous)
    new_claims = claims_in(new_graph) if new_graph is not None else []
    affected = _claimed_in(select, previous) | {c[0] for c in new_claims}
    affected |= {URIRef(p) for p in old_plans} | ({URIRef(new_plan)} if new_plan else set())
    if not affected:
        return Change()
    claims = _claims(select, affected, previous) + [c for c in new_claims if c[0] in affected]
    plans = _plans(select, affected, previous) | ({URIRef(new_plan)} if new_plan else set())
    implementers = _implementers(claims)
    stated = _stated(select, implementers, previous)
    if new_graph is not None:
        stated |= {t for t in new_graph if t[0] in implementers}  # type: ignore[misc]
    old, new = _current(select, affected), describe(claims, plans, stated)
    return Change(old - new, new - old)
