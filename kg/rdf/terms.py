"""RDF terms in their three forms, converted in one place: pyoxigraph terms, rdflib terms, and the
picklable tuples that cross process boundaries and backends.

Tuples: ``("uri", iri)``, ``("bnode", id)``, ``("literal", lexical, datatype_iri, language)``
(language ``None`` unless ``rdf:langString``), ``("triple", s, p, o)`` for RDF-star.

rdflib keeps ``"x"`` and ``"x"^^xsd:string`` apart while RDF 1.1 (and pyoxigraph) does not: every
conversion to rdflib writes a plain string as a literal without datatype, so that terms coming
from either side compare equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

Term = tuple  # ("uri", iri) | ("bnode", id) | ("literal", lexical, datatype, language) | ("triple", s, p, o)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def ox_to_tuple(term: Any) -> Term | None:
    """A pyoxigraph term (or None) as a picklable tuple."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    if isinstance(term, ox.Triple):
        return ("triple", ox_to_tuple(term.subject), ox_to_tuple(term.predicate), ox_to_tuple(term.object))
    raise TypeError(f"unexpected term {term!r}")


def tuple_to_ox(term: Term) -> Any:
    """A tuple back as a pyoxigraph term."""
    kind = term[0]
    if kind == "uri":
        return ox.NamedNode(term[1])
    if kind == "bnode":
        return ox.BlankNode(term[1])
    if kind == "literal":
        if term[3]:
            return ox.Literal(term[1], language=term[3])
        return ox.Literal(term[1], datatype=ox.NamedNode(term[2]))
    if kind == "triple":
        return ox.Triple(tuple_to_ox(term[1]), tuple_to_ox(term[2]), tuple_to_ox(term[3]))
    raise ValueError(f"unexpected term tuple {term!r}")


def rdflib_to_tuple(term: Any) -> Term | None:
    """An rdflib term (or None) as a picklable tuple."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, BNode):
        return ("bnode", str(term))
    if isinstance(term, Literal):
        if term.language:
            return ("literal", str(term), RDF_LANGSTRING, term.language)
        return ("literal", str(term), str(term.datatype or XSD_STRING), None)
    raise TypeError(f"unexpected term {term!r}")


def tuple_to_rdflib(term: Term) -> Any:
    """A tuple as an rdflib term (RDF-star triples have no rdflib form)."""
    kind = term[0]
    if kind == "uri":
        return URIRef(term[1])
    if kind == "bnode":
        return BNode(term[1])
    if kind == "literal":
        if term[3]:
            return Literal(term[1], lang=term[3])
        return Literal(term[1], datatype=None if term[2] == XSD_STRING else URIRef(term[2]))
    raise ValueError(f"RDF-star terms have no rdflib form: {term!r}")


def ox_to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected RDF term {term!r}")


def _memo(convert_one: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert_one`` that converts each distinct term once (a new cache per call)."""
    seen: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        found = seen.get(term)
        if found is None:
            found = seen[term] = convert_one(term)
        return found
    return convert


def ox_to_rdflib_memo() -> Callable[[Any], Any]:
    """:func:`ox_to_rdflib` that converts each distinct term once (a new cache per call): where the
    same entities and plans come back in many rows or quads."""
    return _memo(ox_to_rdflib)


def rdflib_to_ox_memo() -> Callable[[Any], Any]:
    """:func:`rdflib_to_ox` (no blank-node labels) that converts each distinct term once."""
    return _memo(rdflib_to_ox)


def rdflib_to_ox(term: Any, bnode_labels: Mapping[BNode, str] | None = None) -> Any:
    """An rdflib term as a pyoxigraph term; blank nodes take their label from ``bnode_labels`` when
    given (stable labels, see :func:`kg.pipeline.staging.stable_bnode_labels`)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(bnode_labels[term] if bnode_labels is not None else str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected RDF term {term!r}")
