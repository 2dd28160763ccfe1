"""Accent-insensitive label search: "binh dang gioi" finds "bình đẳng giới".

A scan in SPARQL (CONTAINS over every label, with or without folding) takes seconds on a
national graph, so each server process keeps an index of (folded label, IRI, label) built once
per data version from ``rdfs:label`` and ``skos:prefLabel``; building it takes ~10 s on 2.9M
triples, and the index is shared with the other processes through the on-disk result cache.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from flask import current_app

from kg.rdf.namespaces import fold
from service.labels import select
from service.state import state

INDEX_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?l WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(isIRI(?s)) }"""
_LANG_RANK = {"vi": 0, "en": 1}


@dataclass(frozen=True)
class LabelIndex:
    iris: tuple[str, ...]
    labels: tuple[str, ...]
    langs: tuple[str, ...]
    folded: tuple[str, ...]


def _build() -> LabelIndex:
    result = state().pool.execute({"op": "query", "query": INDEX_QUERY, "max_rows": 0},
                                  timeout=float(current_app.config["VNGE_CANNED_TIMEOUT"]),
                                  setting="VNGE_CANNED_TIMEOUT")
    rows = sorted((s[1], lit[1], lit[3] or "") for s, lit in result["rows"] if lit is not None)
    return LabelIndex(tuple(r[0] for r in rows), tuple(r[1] for r in rows), tuple(r[2] for r in rows),
                      tuple(fold(r[1]) for r in rows))


def label_index() -> LabelIndex:
    return state().memo("label-index", _build)


def best_label(iri: str) -> str:
    """The label of ``iri`` in the index (Vietnamese first), or "" (the index is sorted by IRI)."""
    index = label_index()
    at = bisect_left(index.iris, iri)
    found = []
    while at < len(index.iris) and index.iris[at] == iri:
        found.append((_LANG_RANK.get(index.langs[at], 2), index.labels[at]))
        at += 1
    return min(found)[1] if found else ""


def label_matches(text: str) -> dict[str, tuple[tuple[int, int], tuple[int, str]]]:
    """{IRI: (match rank, label rank)} of the entities whose label contains ``text`` ignoring case
    and diacritics: labels that start with it first, then shorter ones; each with its best
    (Vietnamese first) matching label."""
    needle = fold(text)
    if not needle:
        return {}
    index = label_index()
    best: dict[str, tuple[tuple[int, int], tuple[int, str]]] = {}
    for i, folded in enumerate(index.folded):
        at = folded.find(needle)
        if at < 0:
            continue
        iri = index.iris[i]
        rank = (0 if at == 0 else 1, len(folded))
        label_rank = (_LANG_RANK.get(index.langs[i], 2), index.labels[i])
        if iri not in best or (rank, label_rank) < best[iri]:
            best[iri] = (rank, label_rank)
    return best


def search_labels(text: str, limit: int = 100) -> list[dict[str, Any]]:
    """Entities whose label contains ``text`` ignoring case and diacritics, best first, each once."""
    hits = sorted(label_matches(text).items(), key=lambda item: (item[1][0], item[0]))[:limit]
    types = types_of([iri for iri, _ in hits])
    return [{"iri": iri, "label": label, "type": types.get(iri, "")} for iri, (_, (_, label)) in hits]


def types_of(iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    rows = select(f"SELECT ?s (MIN(STR(?t)) AS ?type) WHERE {{ VALUES ?s {{ {values} }} ?s a ?t }} "
                  "GROUP BY ?s")
    return {r["s"][1]: r["type"][1] for r in rows}
