"""Shared helpers of the dossier pages: a named graph read whole into an index, values of a
subject, bilingual labels, dates and document status."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app

from service.labels import PREFIXES, select
from service.state import state

VNP = "https://w3id.org/vnge/ontology#"
VNC = "https://w3id.org/vnge/concept/"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
PPLAN = "http://purl.org/net/p-plan#"
ORG = "http://www.w3.org/ns/org#"
SH = "http://www.w3.org/ns/shacl#"
#: Decision 1790/QĐ-TTg (the national programme), found by its number as the weaker-target audit
#: (shapes/audits/weaker-target.ttl) and cq05 find it
NATIONAL_NUMBER = "1790/QĐ-TTg"
#: a whole plan graph is read in one query; larger graphs are cut (the page says so)
GRAPH_ROWS = 60000
#: IRIs per VALUES block: with more (≈ 150 and up) Oxigraph joins the pattern over the whole store
#: instead of looking each IRI up (on the 1% corpus, 207 citations' quotes: 25–40 ms; 2 × 100: see
#: BENCHMARKS.md, "Page latency")
CHUNK = 100
Term = tuple[Any, ...]


@dataclass
class Index:
    """The triples of one named graph: subject → predicate → objects (term tuples), in graph order."""

    facts: dict[str, dict[str, list[Term]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    truncated: bool = False

    def values(self, subject: str, predicate: str) -> list[Term]:
        return self.facts.get(subject, {}).get(predicate, [])

    def iris(self, subject: str, predicate: str) -> list[str]:
        return sorted({t[1] for t in self.values(subject, predicate) if t[0] == "uri"})

    def first(self, subject: str, predicate: str) -> str | None:
        found = sorted(t[1] for t in self.values(subject, predicate))
        return found[0] if found else None

    def text(self, subject: str, predicate: str, lang: str = "vi") -> str | None:
        """A literal in ``lang`` if there is one, else any."""
        found = self.values(subject, predicate)
        for t in sorted(found, key=lambda t: (0 if (t[3] if len(t) > 3 else None) == lang else 1, t[1])):
            return str(t[1])
        return None


#: left out of a plan's graph as the dossier reads it: types, spellings and the vnp:cites shortcut
#: (the evidence spans and their quotes are read: evidence.py; a task's leads and partners are its
#: vnp:leadAgency / vnp:partnerAgency, the qualified assignments only add spans)
SKIPPED = (f"<{RDF_TYPE}>", "oa:hasTarget", "oa:hasSelector", "oa:hasSource", "skos:altLabel",
           "vnp:sourceSpelling", "vnp:cites")


def graph_index(graph: str) -> Index:
    """The triples of the named graph ``graph`` but for the SKIPPED properties (one query)."""
    query = (PREFIXES + f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o "
             f"FILTER(?p NOT IN ({', '.join(SKIPPED)})) }} }}")
    result = state().pool.execute({"op": "query", "query": query, "max_rows": GRAPH_ROWS})
    index = Index(truncated=len(result["rows"]) >= GRAPH_ROWS)
    for s, p, o in result["rows"]:
        index.facts[s[1]][p[1]].append(o)
    return index


def ordered(query: str, keys: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    """The rows of ``query`` (a SELECT without ORDER BY or LIMIT whose ``keys`` are always-bound
    IRIs) ``ORDER BY keys LIMIT limit``, sorted here when they all fit: the engine's ORDER BY reads
    every IRI's text to compare them (221 rows: 17 ms sorted there, 2 ms not); past ``limit`` rows
    it sorts, so the same first rows are kept."""
    rows = select(f"{query} LIMIT {limit + 1}")
    if len(rows) > limit:
        return select(f"{query} ORDER BY {' '.join('?' + k for k in keys)} LIMIT {limit}")
    return sorted(rows, key=lambda row: tuple(row[k][1] for k in keys))


def outgoing_index(iri: str, rows: list[dict[str, Any]]) -> Index:
    """The entity page's outgoing facts (rows of ?p ?o ?g) as an index of ``iri``."""
    index = Index()
    for row in rows:
        if row["o"] not in index.facts[iri][row["p"][1]]:
            index.facts[iri][row["p"][1]].append(row["o"])
    return index


def bilingual(iris: set[str]) -> dict[str, dict[str, str]]:
    """Labels of each IRI by language ("vi", "en", "" for untagged); the smallest per language."""
    found: dict[str, dict[str, str]] = {}
    chunk = sorted(i for i in iris if i and not re.search(r'[\s<>"{}|^`\\]', i))
    for start in range(0, len(chunk), CHUNK):
        values = " ".join(f"<{i}>" for i in chunk[start:start + CHUNK])
        query = f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?l }}"
        for row in select(query):
            lang = row["l"][3] or ""
            old = found.setdefault(row["x"][1], {}).get(lang)
            if old is None or row["l"][1] < old:
                found[row["x"][1]][lang] = row["l"][1]
    return found


def vi(labels: dict[str, dict[str, str]], iri: str | None) -> str:
    """The Vietnamese label (else English, untagged, or the IRI's last segment)."""
    if not iri:
        return ""
    names = labels.get(iri, {})
    return names.get("vi") or names.get("en") or names.get("") or iri.rstrip("/").rsplit("/", 1)[-1]


def en(labels: dict[str, dict[str, str]], iri: str | None) -> str:
    names = labels.get(iri or "", {})
    return names.get("en") or ""


def local_number(iri: str) -> int:
    """The trailing number of a part IRI (``…/task/12`` → 12), for the plan's own order."""
    match = re.search(r"(\d+)(?:-[a-z]+-\d+)?$", iri)
    return int(match.group(1)) if match else 0


def parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def show_date(day: date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


def document_date(index: Index, iri: str) -> date | None:
    """The document's date, or the first day of its month or year when only those are known."""
    day = parse_date(index.first(iri, ELI + "date_document"))
    if day:
        return day
    year, month = index.first(iri, VNP + "issuedYear"), index.first(iri, VNP + "issuedMonth")
    if year and year.isdigit():
        return date(int(year), int(month) if month and month.isdigit() and 1 <= int(month) <= 12 else 1, 1)
    return None


def date_text(index: Index, iri: str) -> str:
    """The document's date as precise as it is known: 16/12/2022, 03/2022 or 2022."""
    day = parse_date(index.first(iri, ELI + "date_document"))
    if day:
        return show_date(day)
    year, month = index.first(iri, VNP + "issuedYear"), index.first(iri, VNP + "issuedMonth")
    if year and month and month.isdigit():
        return f"{int(month):02d}/{year}"
    return year or ""


def validity(index: Index, iri: str) -> tuple[str, str]:
    """An agency's or unit's vnp:validFrom and vnp:validUntil as dd/mm/yyyy ("" when not stated)."""
    return (show_date(parse_date(index.first(iri, VNP + "validFrom"))),
            show_date(parse_date(index.first(iri, VNP + "validUntil"))))


def audit_graph() -> str:
    return current_app.config["VNGE_BASE"] + "graph/audit"


def anchor(span: str | None) -> str:
    """The id of a quoted span's highlighted passage on the page: ``ev-{start}-{end}`` for a span of
    the plan's source text (``…#char=start,end``), else ``ev-`` + the IRI's last segment."""
    if not span:
        return ""
    offsets = re.search(r"#char=(\d+),(\d+)$", span)
    if offsets:
        return f"ev-{offsets[1]}-{offsets[2]}"
    return "ev-" + re.sub(r"[^A-Za-z0-9_-]", "-", span.rstrip("/").rsplit("/", 1)[-1])
