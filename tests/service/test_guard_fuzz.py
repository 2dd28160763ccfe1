"""Hypothesis against the guard (issue 7, items 1 and 4): SERVICE and LOAD hidden in generated query
and update shapes (any keyword case, comments, strings holding braces or keywords, subqueries,
OPTIONAL/UNION/MINUS/FILTER EXISTS, syntax rdflib cannot parse) are always found; keywords inside
strings, IRIs and comments alone never are."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.protocol.guard import analyse, nesting_depth

REMOTE = "<http://127.0.0.1:9/sparql>"


def _case(word: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c.lower() for c, f in zip(word, flips + [True] * len(word), strict=False))


NOISE = st.sampled_from([
    " ", "\n", "\t", "\r", "\r\n", " # SERVICE <x> { } \n", " # SERVICE <x> { } \r", "# x\r\n",
    ' FILTER(?o != "SERVICE { }") ', " FILTER(?o != 'LOAD') ",
    ' BIND("""}}} SERVICE""" AS ?z) ', " ?s <urn:p#SERVICE> ?o . ", " ",
])
WRAPPERS = st.sampled_from([
    "{inner}", "OPTIONAL {{ {inner} }}", "{{ ?a ?b ?c }} UNION {{ {inner} }}", "MINUS {{ {inner} }}",
    "FILTER EXISTS {{ {inner} }}", "{{ SELECT * WHERE {{ {inner} }} }}", "GRAPH ?g {{ {inner} }}",
    "{{ {{ {{ {inner} }} }} }}",
])
UNPARSEABLE_FOR_RDFLIB = st.sampled_from(["", " << ?a ?b ?c >> ?p ?o . ", " ?x ?p <<( ?a ?b ?c )>> . "])


@settings(max_examples=200, deadline=None)
@given(flips=st.lists(st.booleans(), min_size=7, max_size=7), silent=st.booleans(),
       wrappers=st.lists(WRAPPERS, min_size=1, max_size=3), before=NOISE, after=NOISE,
       star=UNPARSEABLE_FOR_RDFLIB, form=st.sampled_from(["SELECT *", "ASK", "CONSTRUCT { ?s ?p ?o }"]))
def test_service_is_always_found(flips, silent, wrappers, before, after, star, form) -> None:
    inner = f"{_case('SERVICE', flips)}{' SILENT' if silent else ''} {REMOTE} {{ ?s ?p ?o }}"
    for w in wrappers:
        inner = w.format(inner=inner)
    query = f"{form} WHERE {{{star}{before}{inner}{after}}}"
    assert analyse(query).service, query


@settings(max_examples=100, deadline=None)
@given(flips=st.lists(st.booleans(), min_size=4, max_size=4), silent=st.booleans(), before=NOISE,
       into=st.booleans(), prefix=st.sampled_from(["", "INSERT DATA { <urn:a> <urn:b> <urn:c> } ;\n",
                                                   "CLEAR SILENT GRAPH <urn:g> ; ", "PREFIX x: <urn:x#>\n"]),
       target=st.sampled_from([REMOTE, "<file:///etc/passwd>", "<ftp://127.0.0.1/x>"]))
def test_load_is_always_found(flips, silent, before, into, prefix, target) -> None:
    update = (f"{prefix}{before}{_case('LOAD', flips)}{' SILENT' if silent else ''} {target}"
              f"{' INTO GRAPH <urn:g>' if into else ''}")
    assert analyse(update, update=True).load, update


@settings(max_examples=100, deadline=None)
@given(noise=st.lists(NOISE, max_size=4))
def test_keywords_only_in_strings_iris_and_comments_are_not_operations(noise) -> None:
    query = "SELECT * WHERE { ?s ?p ?o " + "".join(noise) + " }"
    analysis = analyse(query)
    assert not analysis.service and not analysis.load, query


@given(depth=st.integers(0, 200), kind=st.sampled_from(["{}", "()", "[]"]))
def test_nesting_depth_counts_brackets_outside_strings(depth: int, kind: str) -> None:
    text = kind[0] * depth + ' "{{{{((((" <urn:x> # (((( \n' + kind[1] * depth
    assert nesting_depth(text) == depth


def test_variables_and_prefixed_names_that_spell_keywords_are_not_operations() -> None:
    # rdflib cannot parse this (a deliberate syntax error), so the lexical scan decides: ?from,
    # $service and ex:load are names, not the FROM / SERVICE / LOAD keywords.
    text = "SELECT ?from $service WHERE { ?from ex:load $service . FILTER( }"
    analysis = analyse(text)
    assert not analysis.parsed
    assert (analysis.service, analysis.load, analysis.datasets) == (False, False, ())
    # …while the keywords themselves are still found by the scan
    assert analyse("SELECT * WHERE { SERVICE ex:x { ?s ?p ?o } FILTER( }").service
    assert analyse("SELECT * FROM ex:g WHERE { ?s ?p ?o FILTER( }").datasets


def test_parsing_in_concurrent_threads_never_falls_back_to_the_lexical_scan() -> None:
    """pyparsing is not thread-safe: parses at the same time in a server's threads failed at random
    and the failure was cached (a query with ?from was then refused by one gunicorn worker)."""
    import threading

    texts = [
        f"SELECT ?from ?x{i} WHERE {{ ?x{i} <urn:p> ?from . FILTER EXISTS {{ ?from a <urn:C> }} }} ORDER BY ?from"
        for i in range(60)
    ]
    results: list = []

    def work(chunk: list[str]) -> None:
        results.extend(analyse(t) for t in chunk)

    threads = [threading.Thread(target=work, args=(texts[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 60
    assert all(a.parsed and not a.datasets for a in results)
