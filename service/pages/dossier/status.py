"""Facts about documents read in one query (number, date, kind, force, successors), and a cited
document's status at a plan's date and today (from the reference data: eli:date_no_longer_in_force,
eli:in_force, vnp:replacedBy, and replaces/repeals stated the other way)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from service.labels import select
from service.pages.dossier.common import CHUNK, DCTERMS_TITLE, ELI, VNP, Index, parse_date, show_date

_PROPS = ("eli:number", "eli:date_document", "vnp:issuedYear", "vnp:issuedMonth", "vnp:documentType",
          "eli:date_no_longer_in_force", "vnp:replacedBy", "eli:in_force", "eli:first_date_entry_in_force",
          "vnp:jurisdiction", "rdfs:label", "prov:wasDerivedFrom", "vnp:issuedBy", f"<{DCTERMS_TITLE}>")


IN_REFERENCE = "urn:vnge:in-reference"  # a pseudo-property: the document is described by graph/reference


def documents(iris: set[str]) -> Index:
    """The facts of _PROPS about each document, and its successors (one query per CHUNK documents)."""
    index = Index()
    reference = current_app.config["VNGE_BASE"] + "graph/reference"
    chunk = sorted(iris)
    for start in range(0, len(chunk), CHUNK):
        values = " ".join(f"<{i}>" for i in chunk[start:start + CHUNK])
        rows = select(f"""SELECT DISTINCT ?d ?p ?o WHERE {{ VALUES ?d {{ {values} }}
          {{ ?d ?p ?o FILTER(?p IN ({", ".join(_PROPS)})) }}
          UNION {{ ?o vnp:replaces|eli:repeals ?d BIND(vnp:replacedBy AS ?p) }}
          UNION {{ GRAPH <{reference}> {{ ?d a ?type }}
                   BIND(<{IN_REFERENCE}> AS ?p) BIND(true AS ?o) }} }}""")
        for row in rows:
            if row["o"] not in index.facts[row["d"][1]][row["p"][1]]:
                index.facts[row["d"][1]][row["p"][1]].append(row["o"])
    return index


@dataclass(frozen=True)
class Status:
    at_plan: str  # "in-force", "not-yet", "ended", "unknown"
    today: str  # "in-force", "ended", "unknown"
    ended: str  # dd/mm/yyyy when the reference data dates its end
    successors: tuple[str, ...]


def known(docs: Index, iri: str) -> str:
    """"corpus" (a plan of the corpus), "reference" (the curated reference data) or "cited" (known
    only by citation)."""
    if docs.first(iri, "http://www.w3.org/ns/prov#wasDerivedFrom"):
        return "corpus"
    return "reference" if docs.first(iri, IN_REFERENCE) else "cited"


def status(docs: Index, iri: str, at: date | None, today: date) -> Status:
    end = parse_date(docs.first(iri, ELI + "date_no_longer_in_force"))
    entry = parse_date(docs.first(iri, ELI + "first_date_entry_in_force"))
    flag = docs.first(iri, ELI + "in_force")
    known = bool(end or entry or flag)
    if not known:
        at_plan = "unknown"
    elif end and at and end <= at:
        at_plan = "ended"
    elif entry and at and entry > at:
        at_plan = "not-yet"
    else:
        at_plan = "in-force" if at else "unknown"
    if end and end <= today or flag == ELI + "InForce-notInForce":
        now = "ended"
    else:
        now = "in-force" if known else "unknown"
    return Status(at_plan, now, show_date(end), tuple(docs.iris(iri, VNP + "replacedBy")))
