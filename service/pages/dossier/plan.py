"""The plan dossier: what a researcher asks of a plan, each fact with its source sentence.

Queries: the plan's own named graph read whole (one query), its chain up and the plans
implementing it, the cited and related documents' facts, the targets of its parents and of
Decision 1790, its audit findings, the unit's levels, and labels: about eight, whatever the plan's size.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from service.labels import select
from service.pages.dossier import parts
from service.pages.dossier.common import (
    ELI,
    NATIONAL_NUMBER,
    PROV,
    RDFS_LABEL,
    VNP,
    Index,
    audit_graph,
    bilingual,
    date_text,
    document_date,
    graph_index,
    vi,
)
from service.pages.dossier.evidence import by_body, evidence_of, passages
from service.pages.dossier.status import documents, known
from service.pages.dossier.targets import compare, comparisons_of, targets_of

_UP = "vnp:implements|^vnp:approves"


def _chain(iri: str) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """The links of the chain above the plan, and the plans implementing it or citing it as a legal
    basis (one query)."""
    rows = select(f"""SELECT DISTINCT ?a ?b ?c ?how WHERE {{
      {{ <{iri}> ({_UP})* ?a . ?a {_UP} ?b }}
      UNION {{ ?c vnp:implements <{iri}> BIND("implements" AS ?how) }}
      UNION {{ ?c vnp:hasLegalBasis <{iri}> BIND("legal-basis" AS ?how) }} }} LIMIT 1000""")
    pairs = sorted((r["a"][1], r["b"][1]) for r in rows if "a" in r)
    below = sorted((r for r in rows if "c" in r), key=lambda r: (r["c"][1], r["how"][1]))
    return pairs, below


def _ancestors(iri: str, pairs: list[tuple[str, str]]) -> list[str]:
    """The documents above ``iri``, nearest first (breadth-first over the chain's links)."""
    order, frontier, seen = [], [iri], {iri}
    while frontier:
        nxt = []
        for node in frontier:
            for a, b in pairs:
                if a == node and b not in seen:
                    seen.add(b)
                    order.append(b)
                    nxt.append(b)
        frontier = nxt
    return order


def _reference_targets(iris: list[str]) -> tuple[Index, list[str]]:
    """The targets of the documents above the plan and of Decision 1790 (found by its number, as the
    weaker-target audit finds it), and which documents are Decision 1790."""
    values = " ".join(f"<{i}>" for i in iris) or "<urn:vnge:none>"
    index, national = Index(), set()
    rows = select(f"""SELECT DISTINCT ?d ?t ?p ?o ?national WHERE {{
      {{ VALUES ?d {{ {values} }} BIND(false AS ?national) }}
      UNION {{ ?d eli:number "{NATIONAL_NUMBER}" BIND(true AS ?national) }}
      ?d vnp:hasTarget ?t . ?t ?p ?o }}""")
    for row in rows:
        d, t = row["d"][1], row["t"]
        if row["national"][1] == "true":
            national.add(d)
        if t not in index.facts[d][VNP + "hasTarget"]:
            index.facts[d][VNP + "hasTarget"].append(t)
        if row["o"] not in index.facts[t[1]][row["p"][1]]:
            index.facts[t[1]][row["p"][1]].append(row["o"])
    return index, sorted(national)


def _findings(iri: str) -> Index:
    index = Index()
    query = (f"SELECT DISTINCT ?r ?p ?o WHERE {{ GRAPH <{audit_graph()}> {{ "
             f"{{ ?r vnp:auditedPlan <{iri}> }} UNION {{ ?r sh:focusNode <{iri}> }} ?r ?p ?o }} }}")
    for row in select(query):
        index.facts[row["r"][1]][row["p"][1]].append(row["o"])
    return index


def _units(unit: str | None) -> list[dict[str, Any]]:
    if not unit:
        return []
    rows = select(f"""SELECT DISTINCT ?u ?level ?up WHERE {{ <{unit}> vnp:parentUnit* ?u .
      OPTIONAL {{ ?u vnp:level ?level }} OPTIONAL {{ ?u vnp:parentUnit ?up }} }}""")
    up = {r["u"][1]: r["up"][1] for r in rows if "up" in r}
    level = {r["u"][1]: r["level"] for r in rows if "level" in r}
    chain, node = [], unit
    while node and node not in chain:  # from the plan's unit up, shown from the top (the country left out)
        chain.append(node)
        node = up.get(node)
    return [{"u": ("uri", u), **({"level": level[u]} if u in level else {})} for u in reversed(chain)
            if up.get(u) or u == unit]


def dossier(iri: str, own: Index, graph: str | None, sort: str) -> dict[str, Any]:
    """The template context of the plan dossier. ``own``: the plan's outgoing facts (entity page)."""
    index = graph_index(graph) if graph else Index()
    for p, objects in own.facts.get(iri, {}).items():  # facts from other graphs (inference, citations)
        for o in objects:
            if o not in index.facts[iri][p]:
                index.facts[iri][p].append(o)
    pairs, below = _chain(iri)
    up = _ancestors(iri, pairs)
    cited = {d for c in index.iris(iri, VNP + "hasCitation") for d in index.iris(c, VNP + "citedDocument")}
    docs = documents({iri, *up, *cited, *(r["c"][1] for r in below)})
    ref, national = _reference_targets(up)
    findings = _findings(iri)
    unit = index.first(iri, VNP + "resolvedUnit") or index.first(iri, VNP + "jurisdiction")
    units = _units(unit)
    evidence = evidence_of(index)
    ev = by_body(evidence)
    at = document_date(index, iri) or document_date(docs, iri)
    today = date.today()

    mine = targets_of(index, iri)
    parent = next((d for d in up if d not in national and ref.iris(d, VNP + "hasTarget")), None)
    parent_targets = targets_of(ref, parent) if parent else []
    national_targets = [t for d in national for t in targets_of(ref, d)]
    found = comparisons_of(mine)  # graph/comparison: the verdicts the weaker-target audit reads
    target_rows = [{"target": t, "parent": compare(t, parent_targets, found),
                    "national": compare(t, national_targets, found)} for t in mine]

    activities = parts.activities(index, iri)
    matrix = parts.matrix(index, iri, activities)
    reporting = parts.reporting(index, iri)
    citations = parts.citations(index, iri, docs, at, today)
    finding_rows = parts.findings(findings, iri)

    mentioned = {iri, *up, *cited, *(r["c"][1] for r in below), unit or "", *(r["u"][1] for r in units),
                 *(r["level"][1] for r in units if "level" in r), *matrix["agents"],
                 *(i for d in docs.facts for i in docs.iris(d, VNP + "documentType")),
                 *(i for d in docs.facts for i in docs.iris(d, VNP + "replacedBy")),
                 *(t.indicator or "" for t in mine), parent or "", *national,
                 *index.iris(iri, VNP + "issuedBy"), *index.iris(iri, VNP + "signedBy"),
                 *(a for r in reporting for a in r["reporters"] + r["recipients"]),
                 *(t.recurrence or "" for t in mine), *(t.measure or "" for t in mine),
                 *(c["kind"] for g in citations for e in g["documents"] for c in e["citations"]),
                 *(r["recurrence"] or "" for r in reporting)}
    labels = bilingual({m for m in mentioned if m})
    names = {a: vi(labels, a) for r in activities for a in r["leads"] + r["partners"]}
    activities = parts.sort_activities(activities, sort if sort in parts.SORTS else "number", names)
    titles = {e.body: index.text(e.body, RDFS_LABEL) or "" for e in evidence}
    shown, apart = passages(evidence, titles)
    source = index.first(iri, PROV + "wasDerivedFrom")
    return {
        "iri": iri, "labels": labels, "index": index, "docs": docs, "known": known, "ev": ev,
        "at": date_text(index, iri) or date_text(docs, iri),
        "number": index.first(iri, ELI + "number"), "title_text": index.text(iri, ELI + "title"),
        "issuers": index.iris(iri, VNP + "issuedBy"), "signers": index.iris(iri, VNP + "signedBy"),
        "signatory_title": index.first(iri, VNP + "signatoryTitle"), "unit": unit,
        "units": units,
        "period": (index.first(iri, VNP + "periodStart"), index.first(iri, VNP + "periodEnd")),
        "in_corpus": bool(source), "file": index.first(source, VNP + "fileName") if source else None,
        "chain": pairs, "up": up, "below": below, "citations": citations,
        "parent": parent, "national": national, "targets": target_rows,
        "activities": activities, "sort": sort, "matrix": matrix, "reporting": reporting,
        "findings": finding_rows, "passages": shown, "apart": apart, "truncated": index.truncated,
    }
