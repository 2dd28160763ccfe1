"""SPARQL helpers shared by the protocol and the pages: IRI checks, SELECT through the pool, label
lookup, and the local address of an IRI."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import current_app

from service.errors import ServiceError
from service.state import state

PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
"""

_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


def check_iri(iri: str) -> str:
    if not iri or _BAD_IRI.search(iri) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
        raise ServiceError(f"Not a valid absolute IRI: {iri!r}.")
    return iri


def select(query: str, *, whole: bool = False) -> list[dict[str, Any]]:
    """Run a SELECT through the query pool; rows as {var: term tuple} (unbound variables left out).

    Page queries are capped at 5000 rows and VNGE_QUERY_TIMEOUT; ``whole`` lifts the cap and uses
    VNGE_CANNED_TIMEOUT, for whole-graph summaries that are computed once per data version.
    """
    if whole:
        result = state().pool.execute({"op": "query", "query": PREFIXES + query, "max_rows": 0},
                                      timeout=float(current_app.config["VNGE_CANNED_TIMEOUT"]),
                                      setting="VNGE_CANNED_TIMEOUT")
    else:
        result = state().pool.execute({"op": "query", "query": PREFIXES + query, "max_rows": 5000})
    names = result["vars"]
    return [{v: t for v, t in zip(names, row, strict=True) if t is not None} for row in result["rows"]]


def labels_for(iris: set[str]) -> dict[str, str]:
    """Best label of each IRI (Vietnamese first, then English, then any)."""
    found: dict[str, str] = {}
    ranked: dict[str, int] = {}
    iris = {i for i in iris if not _BAD_IRI.search(i)}
    chunk = sorted(iris)
    for start in range(0, len(chunk), 200):
        values = " ".join(f"<{i}>" for i in chunk[start:start + 200])
        rows = select(f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} "
                      "?x rdfs:label|skos:prefLabel ?l }")
        for row in rows:
            iri, lit = row["x"][1], row["l"]
            rank = {"vi": 0, "en": 1}.get(lit[3] or "", 2)
            if rank < ranked.get(iri, 9) or (rank == ranked.get(iri) and lit[1] < found[iri]):
                found[iri], ranked[iri] = lit[1], rank
    return found


def local_link(iri: str) -> str:
    """The address of ``iri``'s page on this server (base IRIs by path, others by ``/resource``)."""
    base = current_app.config["VNGE_BASE"]
    rest = iri[len(base):]
    # a path that starts with "/" or "\\" would make "//host/…", a link to another site
    if iri.startswith(base) and rest and "#" not in iri and "?" not in iri and rest[0] not in "/\\":
        return "/" + quote(rest, safe="/:@!$&'()*+,;=-._~%")
    return "/resource?iri=" + quote(iri, safe="")
