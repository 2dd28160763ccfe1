"""A leading one-row VALUES is bound before evaluation (service/protocol/rewrite.py): the answer is the
same as without the rewrite, on every query shape where scoping could differ."""

from __future__ import annotations

import json

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from service.protocol.rewrite import leading_bindings
from tests.servers import HB_PLAN, QN_PLAN, sparql


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT * WHERE { VALUES ?x { <urn:a> } ?x ?p ?o }", [("x", ("uri", "urn:a"))]),
    ('SELECT * WHERE { VALUES (?x ?y) { (<urn:a> "b") } ?x ?p ?y }',
     [("x", ("uri", "urn:a")), ("y", ("literal", "b", "http://www.w3.org/2001/XMLSchema#string", None))]),
    ("SELECT * WHERE { VALUES ?x { <urn:a> <urn:b> } ?x ?p ?o }", []),  # two rows
    ("PREFIX e: <urn:> SELECT * WHERE { VALUES ?x { e:a } ?x ?p ?o }", []),  # prefixed name: left alone
    ("SELECT * WHERE { VALUES (?x ?y) { (<urn:a> UNDEF) } ?x ?p ?y }", []),
    ("SELECT * WHERE { ?x ?p ?o VALUES ?x { <urn:a> } }", []),  # not leading
    ("SELECT * WHERE { ?x ?p ?o } VALUES ?x { <urn:a> }", []),  # trailing query-level VALUES
])
def test_which_values_blocks_are_bound(query: str, expected: list) -> None:
    assert list(leading_bindings(parseQuery(query))) == expected


PREFIXES = ("PREFIX vnp: <https://w3id.org/vnge/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
# (head, group body, tail): the query is head { VALUES … body } tail, and the same with the VALUES
# at the end of the group (where it is not rewritten)
SHAPES = [
    ("SELECT ?plan ?n WHERE", "?plan eli:number ?n", ""),
    ("SELECT ?plan ?t WHERE", "?plan vnp:hasTarget ?t", "ORDER BY ?t"),
    # a sub-select's own ?plan is another variable: it must not be bound by the rewrite
    ("SELECT ?plan ?count WHERE", "{ SELECT (COUNT(DISTINCT ?plan) AS ?count) WHERE { ?plan a vnp:Plan } }", ""),
    ("SELECT ?plan ?x WHERE", "OPTIONAL { ?plan vnp:nothing ?x }", ""),
    ("SELECT ?plan WHERE", "FILTER NOT EXISTS { ?plan vnp:implements ?plan }", ""),
    ("SELECT ?plan ?o WHERE", "{ ?plan eli:number ?o } UNION { ?other eli:number ?o }", "ORDER BY ?o LIMIT 20"),
    ("ASK", "?plan a vnp:Plan", ""),
]


@pytest.mark.parametrize(("head", "body", "tail"), SHAPES)
@pytest.mark.parametrize("plan", [HB_PLAN, QN_PLAN, "https://w3id.org/vnge/eli/vn/none"])
def test_the_answer_is_the_same_as_without_the_rewrite(live_server, head: str, body: str, tail: str,
                                                         plan: str) -> None:
    values = f"VALUES ?plan {{ <{plan}> }}"
    leading = f"{PREFIXES}{head} {{ {values} {body} }} {tail}"
    trailing = f"{PREFIXES}{head} {{ {body} {values} }} {tail}"
    assert leading_bindings(parseQuery(leading)) and not leading_bindings(parseQuery(trailing))
    a = sparql(live_server, leading, "POST-form", "application/sparql-results+json")
    b = sparql(live_server, trailing, "POST-form", "application/sparql-results+json")
    assert a[0] == b[0] == 200, (a[2], b[2])
    ra, rb = json.loads(a[2]), json.loads(b[2])
    if "boolean" in ra:
        assert ra["boolean"] == rb["boolean"]
        return
    assert ra["head"] == rb["head"]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(ra["results"]["bindings"], key=key) == sorted(rb["results"]["bindings"], key=key)
