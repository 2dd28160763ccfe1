"""Child ↔ parent target comparison: the named graph ``{BASE}graph/comparison``.

A plan's target and the same indicator's target of a document above the plan (its parent plans, up
the chain, and Decision 1790 with its Programme) are compared once, here, and the result is stored
as one ``vnp:TargetComparison`` node per pair (``vnp:comparedTarget``, ``vnp:referenceTarget``; the
reference document is the one that has that target, ``?doc vnp:hasTarget ?ref``), with a
``vnp:verdict`` (vnc:scheme-verdict) and, unless the verdict is equal (whose reason would only repeat
the two targets' own figures), a ``vnp:verdictReason`` in Vietnamese and English. The weaker-target
audit, cq05 and the plan dossier read these nodes, so "weaker" means one thing everywhere.

Targets of two different target years are two milestones of the indicator ("95% by 2025", "100% by
2030") and are not paired at all. The rule (:func:`verdict`):

- **not comparable** when either target has no value, when their time frames differ (the same
  target year, or, when neither has one, the same recurrence), when both state a measure, a scope
  (vnc:scheme-scope: "mỗi thôn … 01 cuộc" per village is not "các cơ quan … 02 cuộc" per agency)
  or a baseline year and they differ, or when they are not the same kind of commitment (a change
  against a level, an increase against a decrease, "at most" against a lower bound);
- otherwise by the lower bounds (``vnp:value``; a range "10–15%" counts by 10), then, when those
  are equal and both are ranges, by the upper ends (``vnp:valueMax``): a higher figure is **stricter**,
  a lower one **weaker** — the other way round for "at most" (vnc:comparator-at-most).

A weaker comparison gets ``vnp:metBy`` each other target of the same plan that is equal to or
stricter than the same reference target: the plan's best commitment counts, and a weaker target
so met is no weaker plan (the audit and cq05 leave it out; the dossier shows it as met).

Which documents are above a plan is read in :func:`ancestors` — the one place that walks the chain
(``vnp:implements``, and ``vnp:approves`` backwards, transitively; Decision 1790 and what it approves
for every plan of the corpus), as the hierarchy audits do. Built by ``kg build`` after the
inference; kept exact by ``kg ingest`` and ``kg remove`` for the plans they touch (:func:`refresh`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf.namespaces import VNP, concept, graph_iri, short_hash

Row = Mapping[str, object]
#: SPARQL SELECT text → rows of terms by variable: rdflib terms, or their lexical forms (strings: the
#: comparison reads only ``str`` of a term)
Select = Callable[[str], Iterable[Row]]
Triple = tuple[URIRef, URIRef, URIRef | Literal]

_ELI = "http://data.europa.eu/eli/ontology#"
_PROV = "http://www.w3.org/ns/prov#"
_AT_MOST = str(concept("comparator", "at-most"))

# every query reads named graphs (GRAPH ?g): a fresh build's store has no union default graph
_PLANS = f"SELECT DISTINCT ?plan WHERE {{ GRAPH ?g {{ ?plan <{_PROV}wasDerivedFrom> ?source }} }}"
_EDGES = f"""SELECT DISTINCT ?child ?parent WHERE {{
  {{ GRAPH ?g {{ ?child <{VNP.implements}> ?parent }} }}
  UNION {{ GRAPH ?g {{ ?parent <{VNP.approves}> ?child }} }} }}"""
# the national documents: those the reference data gives targets (Decision 1790, or the Programme it
# approves), and what they approve — found by the reference graph, never by a number a plan may write
_REF = graph_iri("reference")
_NATIONAL = f"""SELECT DISTINCT ?doc WHERE {{
  {{ GRAPH <{_REF}> {{ ?doc <{VNP.hasTarget}> ?t }} }}
  UNION {{ GRAPH <{_REF}> {{ ?d <{VNP.hasTarget}> ?t }} GRAPH ?h {{ ?d <{VNP.approves}> ?doc }} }}
  UNION {{ GRAPH <{_REF}> {{ ?d <{VNP.hasTarget}> ?t }} GRAPH ?h {{ ?doc <{VNP.approves}> ?d }} }} }}"""
_HAS_TARGET = f"SELECT DISTINCT ?doc ?t WHERE {{ GRAPH ?g {{ ?doc <{VNP.hasTarget}> ?t }} }}"
_PROPERTY = "SELECT DISTINCT ?t ?o WHERE {{ GRAPH ?g {{ ?t <{p}> ?o }} }}"
_FIELDS = {
    "indicator": VNP.indicator, "value": VNP.value, "value_max": VNP.valueMax, "year": VNP.targetYear,
    "recurrence": VNP.recurrence, "measure": VNP.measure, "comparator": VNP.comparator,
    "change": VNP.changeDirection, "scope": VNP.targetScope, "baseline_year": VNP.baselineYear,
}


@dataclass(frozen=True)
class Facts:
    """What the comparison reads of one target (IRIs and lexical values)."""

    iri: str
    document: str
    indicator: str | None = None
    value: Decimal | None = None
    value_max: Decimal | None = None
    year: str | None = None
    recurrence: str | None = None
    measure: str | None = None
    comparator: str | None = None
    change: str | None = None
    scope: str | None = None
    baseline_year: str | None = None


@dataclass(frozen=True)
class Comparison:
    child: Facts
    reference: Facts
    verdict: str  # weaker | equal | stricter | not-comparable (vnc:scheme-verdict notations)
    reason_vi: str
    reason_en: str
    met_by: tuple[str, ...] = ()


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def shown(t: Facts) -> str:
    """"1", "10–15": a target's figure as the reasons write it."""
    if t.value is None:
        return "—"
    return _plain(t.value) + (f"–{_plain(t.value_max)}" if t.value_max is not None else "")


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1].split("-", 1)[-1]


_SCOPES = {"whole-unit": ("toàn đơn vị", "whole unit"),
           "per-sub-unit": ("mỗi đơn vị cấp dưới", "per sub-unit"),
           "per-agency": ("mỗi cơ quan, tổ chức", "per agency")}


def _scope(t: Facts) -> str:
    return (t.scope or "").rsplit("/", 1)[-1].removeprefix("scope-")


def _differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def verdict(child: Facts, ref: Facts) -> tuple[str, str, str]:
    """(verdict, reason in Vietnamese, reason in English) of ``child`` against ``ref`` (module docstring)."""
    if child.value is None or ref.value is None:
        return "not-comparable", "thiếu giá trị", "a value is missing"
    if child.year or ref.year:
        if child.year != ref.year:
            return ("not-comparable", f"năm đạt {child.year or '—'} so với {ref.year or '—'}",
                    f"target year {child.year or '—'} against {ref.year or '—'}")
    elif child.recurrence is None or child.recurrence != ref.recurrence:
        return "not-comparable", "khác thời hạn (không cùng năm hoặc chu kỳ)", "different time frame"
    if _differ(child.measure, ref.measure):
        return ("not-comparable", f"khác đơn vị đo ({_local(child.measure)} so với {_local(ref.measure)})",
                f"different measure ({_local(child.measure)} against {_local(ref.measure)})")
    if _differ(child.scope, ref.scope):
        (a_vi, a_en), (b_vi, b_en) = (_SCOPES.get(_scope(t), ("?", "?")) for t in (child, ref))
        return ("not-comparable", f"khác phạm vi ({a_vi} so với {b_vi})",
                f"different scope ({a_en} against {b_en})")
    if child.change != ref.change:
        return ("not-comparable", "khác loại cam kết (mức thay đổi so với mức cần đạt)",
                "a change against a level, or the other way")
    if (child.comparator == _AT_MOST) != (ref.comparator == _AT_MOST):
        return "not-comparable", "mức trần so với mức sàn", "an upper limit against a lower bound"
    if child.change and _differ(child.baseline_year, ref.baseline_year):
        return ("not-comparable", f"khác năm gốc ({child.baseline_year} so với {ref.baseline_year})",
                f"different baseline year ({child.baseline_year} against {ref.baseline_year})")
    ranges = child.value_max is not None and ref.value_max is not None  # "at least 10" has no upper end
    mine = (child.value, child.value_max if ranges else None)
    theirs = (ref.value, ref.value_max if ranges else None)
    figures_vi, figures_en = f"{shown(child)} so với {shown(ref)}", f"{shown(child)} against {shown(ref)}"
    if mine == theirs:
        return "equal", figures_vi, figures_en
    higher = mine > theirs
    stricter = not higher if child.comparator == _AT_MOST else higher
    return ("stricter" if stricter else "weaker"), figures_vi, figures_en


def _milestones(a: Facts, b: Facts) -> bool:
    """Two milestones of one indicator ("95% by 2025", "100% by 2030"): not paired at all."""
    return a.year is not None and b.year is not None and a.year != b.year


def ancestors(plans: Iterable[str], edges: Iterable[tuple[str, str]], national: Iterable[str]
              ) -> dict[str, list[str]]:
    """The documents above each plan: its parents (``edges``: child → parent, from ``vnp:implements``
    and ``vnp:approves`` backwards) transitively, and the ``national`` documents, nearest first."""
    up: dict[str, list[str]] = defaultdict(list)
    for child, parent in edges:
        if parent not in up[child]:
            up[child].append(parent)
    national = sorted(set(national))
    out: dict[str, list[str]] = {}
    for plan in sorted(set(plans)):
        order, seen, frontier = [], {plan}, [plan]
        while frontier:
            nxt = []
            for node in frontier:
                for parent in sorted(up.get(node, ())):
                    if parent not in seen:
                        seen.add(parent)
                        order.append(parent)
                        nxt.append(parent)
            frontier = nxt
        out[plan] = order + [d for d in national if d not in seen]
    return out


def _iri(term: object) -> str:
    return str(term)


def _batches(iris: Iterable[str], size: int = 400) -> Iterable[str]:
    ordered = sorted(set(iris))
    for i in range(0, len(ordered), size):
        yield " ".join(f"<{x}>" for x in ordered[i:i + size])


def read_targets(select: Select, documents: Iterable[str] | None = None) -> dict[str, list[Facts]]:
    """The targets of every document (of ``documents`` only, when given: an ingest), by document:
    whole-property scans (or lookups of the given documents' targets), joined here."""
    owner: dict[str, str] = {}
    if documents is None:
        queries = [_HAS_TARGET]
    else:
        queries = [_HAS_TARGET.replace("WHERE {", f"WHERE {{ VALUES ?doc {{ {b} }}", 1)
                   for b in _batches(documents)]
    for query in queries:
        for row in select(query):
            owner.setdefault(_iri(row["t"]), _iri(row["doc"]))
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    for name, prop in _FIELDS.items():
        text = _PROPERTY.format(p=prop)
        texts = [text] if documents is None else [
            text.replace("WHERE {", f"WHERE {{ VALUES ?t {{ {b} }}", 1) for b in _batches(owner)]
        for query in texts:
            for row in select(query):
                t = _iri(row["t"])
                if t in owner:
                    fields[t].setdefault(name, _iri(row["o"]))
    out: dict[str, list[Facts]] = defaultdict(list)
    for t, doc in sorted(owner.items()):
        f = fields.get(t, {})
        out[doc].append(Facts(
            t, doc, f.get("indicator"), _number(f.get("value")), _number(f.get("value_max")), f.get("year"),
            f.get("recurrence"), f.get("measure"), f.get("comparator"), f.get("change"), f.get("scope"),
            f.get("baseline_year")))
    return out


def compare_plan(mine: list[Facts], above: list[list[Facts]]) -> list[Comparison]:
    """The comparisons of one plan's targets (``mine``) with those of the documents above it."""
    out: list[Comparison] = []
    for targets in above:
        for ref in targets:
            if ref.indicator is None:
                continue
            pairs = [(c, verdict(c, ref)) for c in mine
                     if c.indicator == ref.indicator and c.iri != ref.iri and not _milestones(c, ref)]
            meeting = [c.iri for c, (v, _, _) in pairs if v in ("equal", "stricter")]
            for c, (v, vi, en) in pairs:
                met = tuple(m for m in meeting if m != c.iri) if v == "weaker" else ()
                out.append(Comparison(c, ref, v, vi, en, met))
    return out


def comparisons(select: Select, plans: Iterable[str] | None = None) -> list[Comparison]:
    """Every comparison of the corpus plans' targets (of ``plans`` only, when given)."""
    corpus = {_iri(r["plan"]) for r in select(_PLANS)}
    chosen = corpus if plans is None else corpus & set(plans)
    edges = [(_iri(r["child"]), _iri(r["parent"])) for r in select(_EDGES)]
    national = [_iri(r["doc"]) for r in select(_NATIONAL)]
    above = ancestors(chosen, edges, national)
    documents = None if plans is None else set(above) | {d for ds in above.values() for d in ds}
    targets = read_targets(select, documents)
    out: list[Comparison] = []
    for plan, docs in above.items():
        if targets.get(plan):
            out += compare_plan(targets[plan], [targets.get(d, []) for d in docs if d != plan])
    return out


def node_iri(child: str, reference: str) -> URIRef:
    """``{child target}/comparison/{digest of the reference target}``: under the child's IRI, so that a
    plan's comparisons are found by its IRI (:func:`refresh`)."""
    return URIRef(f"{child}/comparison/{short_hash(reference, 12)}")


def triples(found: Iterable[Comparison]) -> list[Triple]:
    out: list[Triple] = []
    for c in found:
        n = node_iri(c.child.iri, c.reference.iri)
        out += [(n, RDF.type, VNP.TargetComparison), (n, VNP.comparedTarget, URIRef(c.child.iri)),
                (n, VNP.referenceTarget, URIRef(c.reference.iri)),
                (n, VNP.verdict, concept("verdict", c.verdict))]
        if c.verdict != "equal":  # an equal verdict's reason is the two targets' figures ("2 against 2")
            out += [(n, VNP.verdictReason, Literal(c.reason_vi, lang="vi")),
                    (n, VNP.verdictReason, Literal(c.reason_en, lang="en"))]
        out += [(n, VNP.metBy, URIRef(m)) for m in c.met_by]
    return out


def comparison_graph() -> str:
    return str(graph_iri("comparison"))


def ntriples(found: Iterable[Comparison]) -> bytes:
    """Sorted N-Triples of the comparisons (a build's bulk load)."""
    return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples(found))).encode("utf-8")


def refresh(select: Select, plans: Iterable[str]) -> str:
    """A SPARQL update replacing the comparisons of ``plans`` (changed, removed, or below a changed
    plan) by what the store now says; run after the change is committed, before the findings."""
    plans = sorted(set(plans))
    if not plans:
        return ""
    graph = comparison_graph()
    prefixes = " || ".join(f'STRSTARTS(STR(?n), "{p}/")' for p in plans)
    delete = (f"DELETE {{ GRAPH <{graph}> {{ ?n ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ "
              f"?n a <{VNP.TargetComparison}> ; ?p ?o FILTER({prefixes}) }} }}")
    body = ntriples(comparisons(select, plans)).decode("utf-8")
    return delete + (f" ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}" if body else "")
