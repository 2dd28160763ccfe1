"""Result formats: content negotiation tables and serialisers for SELECT/ASK and graph results.

Results arrive from the query process as plain values (see :mod:`service.pool.engine`). SELECT and
ASK are written here (SPARQL 1.1 JSON, XML, CSV, TSV: W3C Recommendations of 2013-03-21);
CONSTRUCT / DESCRIBE triples are written by pyoxigraph's serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept

from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import RDF_LANGSTRING, XSD_STRING, Term
from kg.rdf.terms import tuple_to_ox as decode
from service.errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    key: str
    mimetype: str
    aliases: tuple[str, ...] = ()
    extension: str = ""


RESULT_FORMATS: tuple[Format, ...] = (  # SELECT and ASK; the first is the default
    Format("json", "application/sparql-results+json", ("application/json",), "srj"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "srx"),
    Format("csv", "text/csv", (), "csv"),
    Format("tsv", "text/tab-separated-values", (), "tsv"),
    Format("html", "text/html", ("application/xhtml+xml",), "html"),
)
GRAPH_FORMATS: tuple[Format, ...] = (  # CONSTRUCT and DESCRIBE; the first is the default
    # Turtle is valid N3, so N3 requests (SPARQLWrapper's N3) get Turtle
    Format("turtle", "text/turtle", ("application/turtle", "application/x-turtle", "text/rdf+n3", "text/n3",
                                     "application/n3", "n3"), "ttl"),
    Format("ntriples", "application/n-triples", ("text/plain",), "nt"),
    Format("jsonld", "application/ld+json", ("application/json",), "jsonld"),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "rdf"),
    Format("html", "text/html", ("application/xhtml+xml",), "html"),
)
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def negotiate(form: str, accept: MIMEAccept | None, format_param: str | None = None) -> Format:
    """Pick the response format from a ``format`` parameter (key or media type) or ``Accept``."""
    table = GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE", "GRAPH") else RESULT_FORMATS
    offered = ", ".join(f.mimetype for f in table)
    if format_param:
        wanted = format_param.strip().lower()
        for f in table:
            if wanted in (f.key, f.mimetype, *f.aliases):
                return f
        if accept:  # an unknown format hint (e.g. SPARQLWrapper's format=...) defers to Accept
            return negotiate(form, accept)
        keys = ", ".join(f.key for f in table)
        raise NotAcceptable(f"format={format_param!r} is not available for {form} results; use one of "
                            f"{keys} (or a media type: {offered}).")
    if not accept:
        return table[0]
    candidates: list[str] = []
    for f in table:
        candidates += [m for m in (f.mimetype, *f.aliases) if "/" in m]  # aliases may be plain names
    best = accept.best_match(candidates)
    if best is None:
        raise NotAcceptable(f"None of the requested media types ({accept}) can represent {form} "
                            f"results; this endpoint offers {offered}.")
    return next(f for f in table if best in (f.mimetype, *f.aliases))


def _json_term(term: Term) -> dict[str, Any]:
    kind = term[0]
    if kind == "literal":
        out: dict[str, Any] = {"type": "literal", "value": term[1]}
        if term[3]:
            out["xml:lang"] = term[3]
        elif term[2] != XSD_STRING:
            out["datatype"] = term[2]
        return out
    if kind == "triple":
        return {"type": "triple", "value": {"subject": _json_term(term[1]),
                                            "predicate": _json_term(term[2]), "object": _json_term(term[3])}}
    return {"type": kind, "value": term[1]}


def _xml_term(term: Term) -> str:
    kind = term[0]
    if kind == "uri":
        return f"<uri>{escape(term[1])}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(term[1])}</bnode>"
    if kind == "literal":
        attr = ""
        if term[3]:
            attr = f" xml:lang={quoteattr(term[3])}"
        elif term[2] != XSD_STRING:
            attr = f" datatype={quoteattr(term[2])}"
        return f"<literal{attr}>{escape(term[1])}</literal>"
    return (f"<triple><subject>{_xml_term(term[1])}</subject><predicate>{_xml_term(term[2])}</predicate>"
            f"<object>{_xml_term(term[3])}</object></triple>")


def nt_term(term: Term) -> str:
    """N-Triples / TSV form of a term."""
    if term[0] in ("uri", "bnode", "triple"):
        return str(decode(term))
    value = term[1].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t")
    if term[3]:
        return f'"{value}"@{term[3]}'
    if term[2] in (XSD_STRING, RDF_LANGSTRING):
        return f'"{value}"'
    return f'"{value}"^^<{term[2]}>'


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term[0] == "bnode":
        return "_:" + term[1]
    if term[0] == "triple":
        return nt_term(term)
    return term[1]


def serialise(result: dict[str, Any], fmt: Format) -> bytes:
    """Bytes of ``result`` (as sent by the query process) in format ``fmt`` (not HTML)."""
    if result["form"] == "GRAPH":
        triples = [ox.Triple(decode(s), decode(p), decode(o)) for s, p, o in result["triples"]]
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt.key in ("turtle", "rdfxml") else None
        return ox.serialize(triples, format=_OX_FORMATS[fmt.key], prefixes=prefixes)
    ask = result["form"] == "ASK"
    if fmt.key == "json":
        if ask:
            return json.dumps({"head": {}, "boolean": result["boolean"]}).encode()
        doc: dict[str, Any] = {"head": {"vars": result["vars"]}, "results": {"bindings": [
            {v: _json_term(t) for v, t in zip(result["vars"], row, strict=True) if t is not None}
            for row in result["rows"]]}}
        if result.get("truncated"):
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False).encode()
    if fmt.key == "xml":
        head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        if ask:
            return f"{head}<head/><boolean>{str(result['boolean']).lower()}</boolean></sparql>\n".encode()
        parts = [head, "<head>", *(f"<variable name={quoteattr(v)}/>" for v in result["vars"]), "</head>"]
        parts.append("<results>")
        for row in result["rows"]:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                      for v, t in zip(result["vars"], row, strict=True) if t is not None]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if ask:  # CSV / TSV have no boolean form in the standard: one column, as Jena does
        return f"_askResult\r\n{str(result['boolean']).lower()}\r\n".encode()
    if fmt.key == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result["vars"])
        writer.writerows([_csv_term(t) for t in row] for row in result["rows"])
        return buffer.getvalue().encode()
    lines = ["\t".join("?" + v for v in result["vars"])]
    lines += ["\t".join("" if t is None else nt_term(t) for t in row) for row in result["rows"]]
    return ("\n".join(lines) + "\n").encode()
