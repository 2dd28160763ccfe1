"""Result serialisers against independent parsers (rdflib's SPARQL JSON/XML/CSV/TSV result parsers),
on awkward values: language tags, datatypes, blank nodes, quotes, commas, tabs, newlines, unbound."""

from __future__ import annotations

import io

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from werkzeug.datastructures import MIMEAccept

from service.errors import NotAcceptable
from service.protocol.results import RESULT_FORMATS, negotiate, serialise

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = [
    [("uri", "https://w3id.org/vnge/eli/vn/2021/1790-qd-ttg"), ("literal", "Quyết định \"1790\", số\tmột\ndòng",
                                                               XSD + "string", None)],
    [("bnode", "b0"), ("literal", "bình đẳng giới", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "vi")],
    [None, ("literal", "2.5", XSD + "decimal", None)],
]
RESULT = {"form": "SELECT", "vars": ["s", "o"], "rows": ROWS, "truncated": False}
FMT = {f.key: f for f in RESULT_FORMATS}


def parsed(fmt: str) -> list[tuple]:
    result = Result.parse(io.BytesIO(serialise(RESULT, FMT[fmt])), format=fmt)
    return [tuple(row) for row in result]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_rdflib(fmt: str) -> None:
    rows = parsed(fmt)
    assert rows[0] == (URIRef(ROWS[0][0][1]), Literal(ROWS[0][1][1]))
    assert isinstance(rows[1][0], BNode) and rows[1][1] == Literal("bình đẳng giới", lang="vi")
    assert rows[2][0] is None and rows[2][1] == Literal("2.5", datatype=URIRef(XSD + "decimal"))


def test_csv_uses_plain_values_and_quotes_as_rfc4180() -> None:
    rows = parsed("csv")
    assert str(rows[0][1]) == ROWS[0][1][1]  # comma, quotes, tab and newline survive
    text = serialise(RESULT, FMT["csv"]).decode()
    assert text.startswith("s,o\r\n") and "_:b0" in text


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_round_trips(fmt: str) -> None:
    data = serialise({"form": "ASK", "boolean": False}, FMT[fmt])
    assert Result.parse(io.BytesIO(data), format=fmt).askAnswer is False


def test_negotiation_prefers_quality_then_server_order() -> None:
    accept = MIMEAccept([("text/csv", 0.9), ("application/sparql-results+xml", 1)])
    assert negotiate("SELECT", accept).key == "xml"
    assert negotiate("SELECT", MIMEAccept([("*/*", 1)])).key == "json"
    assert negotiate("CONSTRUCT", MIMEAccept([("*/*", 1)])).key == "turtle"
    assert negotiate("SELECT", MIMEAccept([("text/html", 1), ("*/*", 0.8)])).key == "html"
    with pytest.raises(NotAcceptable):
        negotiate("ASK", MIMEAccept([("text/turtle", 1)]))
