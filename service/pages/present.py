"""How terms read on the HTML pages: literals as values (numbers, dates, yes/no, a small language
tag), IRIs without a label shortened (``eli:date_document``, the path under the base), property and
type names in Vietnamese and English, and an entity's facts grouped (identity, legal, provenance,
other) with the named graphs each value comes from.

The Jinja filters are registered on the app by this blueprint (``literal_text``, ``short_iri``,
``graph_tag``); the templates' ``term`` macro (``_term.html``) uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, current_app

from service.labels import select
from service.pages.vocab import GROUP_TITLES, GROUPS, LABELS, RDF, group_of, short_name

bp = Blueprint("present", __name__)

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "unsignedInt", "unsignedLong", "negativeInteger",
                               "nonPositiveInteger", "unsignedShort", "unsignedByte")}
_DECIMALS = {XSD + "decimal", XSD + "double", XSD + "float"}
_PLAIN = {None, "", XSD + "string", RDF + "langString", RDF + "PlainLiteral"}
_SHOWN_TYPES = _INTEGERS | _DECIMALS | _PLAIN | {XSD + "date", XSD + "dateTime", XSD + "boolean",
                                                 XSD + "gYear", XSD + "anyURI"}
TYPE = RDF + "type"


@bp.app_template_filter("literal_text")
def literal_text(term: tuple[Any, ...]) -> str:
    """The value of a literal as a reader expects it: ``12``, ``16/12/2022``, ``có · yes``."""
    value, datatype = term[1], term[2] if len(term) > 2 else None
    try:
        if datatype in _INTEGERS:
            number = int(value)
            return f"{number:,}".replace(",", "\u202f") if abs(number) >= 10000 else str(number)
        if datatype in _DECIMALS:
            text = format(Decimal(value).normalize(), "f")
            return text if text != "-0" else "0"
        if datatype == XSD + "date":
            return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        if datatype == XSD + "dateTime":
            return datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%d/%m/%Y %H:%M")
        if datatype == XSD + "boolean":
            return "có · yes" if value.strip() in ("true", "1") else "không · no"
    except (ValueError, InvalidOperation):
        return value
    return value


@bp.app_template_filter("datatype_tag")
def datatype_tag(term: tuple[Any, ...]) -> str:
    """The short name of a literal's datatype when the value alone does not say it (``xsd:gMonth``),
    else ""."""
    datatype = term[2] if len(term) > 2 else None
    return "" if datatype in _SHOWN_TYPES else short_name(datatype or "")


@bp.app_template_filter("short_iri")
def short_iri(iri: str) -> str:
    """An IRI without a label: a vocabulary term as ``prefix:name``, an IRI under the base as its path."""
    base = current_app.config["VNGE_BASE"]
    if iri.startswith(base) and len(iri) > len(base):
        return iri[len(base):]
    named = short_name(iri)
    return named if ":" in named else iri


@bp.app_template_filter("graph_tag")
def graph_tag(iri: str) -> str:
    """A named graph as a short tag: ``plan 258-kh-ubnd``, ``reference``, ``audit``."""
    rest = iri.removeprefix(current_app.config["VNGE_BASE"] + "graph/")
    if rest == iri:
        return short_iri(iri)
    if rest.startswith("plan/"):
        return "plan " + rest.rstrip("/").rsplit("/", 1)[-1]
    return rest


def term_names(iris: set[str]) -> dict[str, tuple[str, str]]:
    """(Vietnamese, English) names of properties and classes: the graph's labels first (the ontology's
    own terms), then the vocabularies' labels (vocab.py); a missing one is ""."""
    found: dict[str, dict[str, str]] = {}
    wanted = sorted(i for i in iris if not any(c in i for c in '<>" {}|^`\\'))
    for start in range(0, len(wanted), 200):
        values = " ".join(f"<{i}>" for i in wanted[start:start + 200])
        for row in select(f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?l "
                          'FILTER(lang(?l) IN ("vi", "en")) }'):
            names = found.setdefault(row["x"][1], {})
            lang = row["l"][3]
            if lang not in names or row["l"][1] < names[lang]:
                names[lang] = row["l"][1]
    out = {}
    for iri in iris:
        vi, en = LABELS.get(iri, ("", ""))
        names = found.get(iri, {})
        out[iri] = (names.get("vi") or vi, names.get("en") or en)
    return out


@dataclass
class Value:
    term: tuple[Any, ...]
    graphs: list[str] = field(default_factory=list)


@dataclass
class Fact:
    prop: str
    values: list[Value]


@dataclass
class Group:
    name: str
    title: str
    facts: list[Fact]


def group_facts(outgoing: list[dict[str, Any]], names: dict[str, tuple[str, str]]) -> list[Group]:
    """The outgoing facts (rows with p, o, g) but rdf:type, one row per property with its values in
    order (a value held by several graphs once, with each graph), grouped and ordered by name."""
    by_prop: dict[str, dict[tuple[Any, ...], Value]] = {}
    for row in outgoing:
        prop = row["p"][1]
        if prop == TYPE:
            continue
        values = by_prop.setdefault(prop, {})
        value = values.setdefault(tuple(row["o"]), Value(tuple(row["o"])))
        graph = row.get("g")
        if graph and graph[1] not in value.graphs:
            value.graphs.append(graph[1])
    groups = []
    for name in GROUPS:
        facts = [Fact(prop, _ordered(list(values.values())))
                 for prop, values in by_prop.items() if group_of(prop) == name]
        facts.sort(key=lambda f: ((names.get(f.prop) or ("", ""))[0] or short_name(f.prop)).lower())
        if facts:
            groups.append(Group(name, GROUP_TITLES[name], facts))
    return groups


def _ordered(values: list[Value]) -> list[Value]:
    """Vietnamese labels first, then English, then the rest; numbers by value."""
    def key(v: Value) -> tuple[Any, ...]:
        t = v.term
        lang = t[3] if t[0] == "literal" and len(t) > 3 else None
        rank = {"vi": 0, "en": 1}.get(lang or "", 2)
        number = float(t[1]) if t[0] == "literal" and len(t) > 2 and t[2] in _INTEGERS | _DECIMALS else 0.0
        return rank, number, str(t[1])
    return sorted(values, key=key)


def group_incoming(incoming: list[dict[str, Any]], cap: int = 50
                   ) -> list[tuple[str, list[tuple[Any, ...]], int]]:
    """Incoming links (rows with s, p) as (property, first ``cap`` subjects, how many more)."""
    by_prop: dict[str, list[tuple[Any, ...]]] = {}
    for row in incoming:
        by_prop.setdefault(row["p"][1], []).append(tuple(row["s"]))
    return [(prop, subjects[:cap], max(0, len(subjects) - cap)) for prop, subjects in sorted(by_prop.items())]


def type_tags(types: list[str], names: dict[str, tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    """The entity's types as tags (Vietnamese name, English name, the IRIs so named): the ontology's
    own first; types with the same Vietnamese name (vnp:Plan, prov:Plan, p-plan:Plan) share a tag."""
    tags: dict[str, tuple[str, str, list[str]]] = {}
    for iri in sorted(types, key=lambda t: (not t.startswith("https://w3id.org/vnge/"), t)):
        vi, en = names.get(iri) or ("", "")
        key = (vi or en or short_name(iri)).lower()
        if key in tags:
            tags[key][2].append(iri)
        else:
            tags[key] = (vi or short_name(iri), en, [iri])
    return list(tags.values())
