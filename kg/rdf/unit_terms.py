"""N-Triples terms written as text, for the bulk output of kg/rdf/unit_lists.py (a hundred thousand
triples in well under a second, where an rdflib Graph takes several)."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace


def iri(value: str) -> str:
    return f"<{value}>"


def lit(value: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    text = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def _ns(base: str, *names: str) -> SimpleNamespace:
    return SimpleNamespace(**{n: iri(base + n) for n in names})


RDF = _ns("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = _ns("http://www.w3.org/2000/01/rdf-schema#", "label", "comment")
SKOS = _ns("http://www.w3.org/2004/02/skos/core#", "prefLabel", "altLabel", "notation", "inScheme",
           "ConceptScheme")
DCTERMS = _ns("http://purl.org/dc/terms/", "source")
PROV = _ns("http://www.w3.org/ns/prov#", "used")
XSD = SimpleNamespace(date="http://www.w3.org/2001/XMLSchema#date")
# the vnge terms the unit lists write (a Namespace attribute costs a call each: ~300,000 of them)
V = _ns("https://w3id.org/vnge/ontology#", "level", "unitType", "parentUnit", "validFrom", "validUntil",
        "changeKind", "effectiveDate", "originalUnit", "wholeOriginalUnit", "partialOriginalUnit",
        "resultingUnit", "succeededBy", "hasSuccession", "predecessor", "successor", "successionFunction",
        "hasState", "stateName", "stateType", "stateParent", "stateFrom", "stateUntil", "verificationNote",
        "UnitChange", "Succession", "UnitState", "Resolution", "documentType", "Province", "District",
        "Commune")


@lru_cache(maxsize=256)
def concept_iri(scheme: str, notation: str) -> str:
    """``<vnc:{scheme}-{notation}>`` as N-Triples text (the concepts' namespace is fixed)."""
    return f"<https://w3id.org/vnge/concept/{scheme}-{notation}>"
