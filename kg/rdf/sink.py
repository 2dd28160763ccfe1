"""A plan's triples while it is mapped, without rdflib's in-memory Graph: a set in insertion order
behind the ``g.add((s, p, o))`` the mapping calls (kg/rdf/context.py, mapping.py, facts.py), written
straight to N-Quads bytes for the build's bulk load (kg/pipeline/workers.py).

rdflib's Memory store keeps three indexes, the contexts of every triple and an event per addition:
a plan's mapping spent most of its time there, and then as long again in the N-Triples serializer.
:class:`Triples` keeps the triples only (the same terms, deduplicated as rdflib does: by term
equality), and :meth:`Triples.nquads` writes the lines rdflib's N-Triples serializer writes (the
same escaping of literals, language tags and datatypes, the same refusal of an IRI it cannot
write), with the graph name before the dot. Where an rdflib Graph is needed (kg ingest, tests that
inspect a mapped graph), :meth:`Triples.to_graph` makes one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# a character rdflib refuses in an IRI it serialises (rdflib.term._invalid_uri_chars)
_INVALID_IRI_CHAR = re.compile(r'[<>" {}|\\^`]')
_TERMS = frozenset({URIRef, Literal, BNode})
_PLAIN_OBJECTS = frozenset({URIRef, Literal})
_LANGUAGES = frozenset({"vi", "en"})  # language tags rdflib accepts, as the mapping writes them
_INTEGER = XSD.integer
_new_literal = str.__new__


def lit(value: object, lang: str | None = None) -> Literal:
    """``Literal(value, lang=lang)``: the same term, made without rdflib's casts and checks for a
    string (plain, or tagged vi or en) or an integer; any other value through rdflib."""
    kind = type(value)
    if kind is str and (lang is None or lang in _LANGUAGES):
        literal = _new_literal(Literal, value)
        literal._language, literal._datatype = lang, None
    elif kind is int and lang is None:
        literal = _new_literal(Literal, str(value))
        literal._language, literal._datatype = None, _INTEGER
    else:
        return Literal(value, lang=lang)
    literal._value, literal._ill_typed = value, None
    return literal


class Triples:
    """A set of RDF triples (rdflib terms) in the order they were first added; ``add`` as rdflib's
    ``Graph.add``, ``len``, iteration and ``in``."""

    __slots__ = ("_triples", "_plain")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = {}
        self._plain = True  # every triple so far as :meth:`plain` asks
        for triple in triples:
            self.add(triple)

    def add(self, triple: Triple) -> Triples:
        """Add ``(s, p, o)`` (rdflib terms) unless it is already there; returns self, as Graph.add."""
        s, p, o = triple
        if type(s) is not URIRef or type(p) is not URIRef or type(o) not in _PLAIN_OBJECTS:
            if type(s) not in _TERMS or type(p) not in _TERMS or type(o) not in _TERMS:  # (Node is an ABC)
                if not all(isinstance(t, Node) for t in (s, p, o)):
                    raise TypeError(f"a triple's terms must be rdflib terms, not {triple!r}")
            self._plain = False
        self._triples[(s, p, o)] = None
        return self

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def to_graph(self) -> Graph:
        """The triples as an rdflib Graph."""
        graph = Graph()
        for triple in self._triples:
            graph.add(triple)
        return graph

    def plain(self) -> bool:
        """Whether every triple is written by :meth:`nquads` (named-node subject and predicate, a
        named node or a literal as object): blank nodes need stable labels (kg/pipeline/staging.py)."""
        return self._plain

    def nquads(self, graph: str) -> bytes:
        """The triples as N-Quads in the named graph ``graph``: each line as rdflib's N-Triples
        serializer writes it, the graph name before the final dot. Only for :meth:`plain` triples
        (ValueError otherwise); an IRI with a character N-Triples forbids raises, as in rdflib."""
        suffix = f" <{graph}> .\n"
        parts: list[str] = []  # joined once: the terms are not copied as they would be by f-strings
        iris: list[str] = []  # checked at the end, in one pass: the objects and each run's subject
        predicates: set[str] = set()  # (a few vocabulary terms)
        write, iri = parts.extend, iris.append
        subject = None
        for s, p, o in self._triples:
            if type(s) is not URIRef or type(p) is not URIRef:
                raise ValueError(f"not a plain triple (named-node subject and predicate): {(s, p, o)!r}")
            if s is not subject:
                subject = s
                iri(s)
            predicates.add(p)
            if type(o) is URIRef:
                iri(o)
                write(("<", s, "> <", p, "> <", o, ">", suffix))
            elif type(o) is Literal:
                write(("<", s, "> <", p, "> ", *_literal_parts(o), suffix))
            else:
                raise ValueError(f"not a plain triple (a blank node or another term): {(s, p, o)!r}")
        iris.extend(predicates)
        if _INVALID_IRI_CHAR.search("".join(iris)):
            for each in iris:
                iri_nt(each)  # raises for the first IRI rdflib would refuse
        return "".join(parts).encode("utf-8")


def iri_nt(iri: str) -> str:
    """``<iri>``, as rdflib's ``URIRef.n3()``: an IRI with a character N-Triples forbids raises."""
    if _INVALID_IRI_CHAR.search(iri):
        raise ValueError(
            f'"{iri}" does not look like a valid URI, I cannot serialize this as N3/Turtle. '
            "Perhaps you wanted to urlencode it?")
    return f"<{iri}>"


def literal_nt(literal: Literal) -> str:
    """A literal as rdflib's N-Triples serializer writes it (``_quoteLiteral``): backslash, newline,
    double quote and carriage return escaped, every other character as is, then ``@lang`` or
    ``^^<datatype>``."""
    return "".join(_literal_parts(literal))


def _literal_parts(literal: Literal) -> tuple[str, ...]:
    """:func:`literal_nt` in pieces, the lexical form not copied unless it is escaped."""
    text: str = literal
    if "\\" in text or "\n" in text or '"' in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if language := literal.language:
        return '"', text, '"@', language
    if datatype := literal.datatype:
        return '"', text, '"^^<', datatype, ">"
    return '"', text, '"'
