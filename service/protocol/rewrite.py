"""Queries researchers write, made fast without changing their answer.

Oxigraph evaluates a query's leading ``VALUES`` block last: ``SELECT … WHERE { VALUES ?plan {
<…> } ?r vnp:auditedPlan ?plan … }`` joins the whole pattern first and the one row at the end (at
1% of the national corpus, 830 ms instead of 37 ms; nationally past the time limit). A leading
``VALUES`` with one row of constants is handed to the engine as substitutions, which bind the
variables before evaluation; substitutions keep SPARQL's scoping (a sub-select's own variable of the
same name is not bound), so the answer is that of the ``VALUES`` joined first.

pyoxigraph accepts a substitution only for a variable the query returns (its SELECT projection, or
every in-scope variable of ``SELECT *``; any for ASK and CONSTRUCT), and refuses the query otherwise.
So: a SELECT that names the variables, an ASK and a CONSTRUCT run without the ``VALUES`` block (kept
in the query, the one-row join still made Oxigraph plan the pattern badly: 154 ms instead of 7 ms
for audit-findings-by-plan at 1%); ``SELECT *`` and a DESCRIBE of the variable keep it (bound
too); a SELECT that does not return the variable and a DESCRIBE of others get no substitution.
Checked in tests/service/test_values_rewrite.py against the query with the ``VALUES`` at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Literal, URIRef, Variable

from kg.rdf.terms import Term, rdflib_to_tuple


def leading_bindings(tree: Any) -> tuple[tuple[str, Term], ...]:
    """(variable, term) pairs of a query's leading one-row ``VALUES`` of constants, else ()."""
    try:
        query = tree[1]
        parts = query["where"]["part"] if "where" in query else []
    except (KeyError, IndexError, TypeError):
        return ()
    first = parts[0] if parts else None
    if not isinstance(first, CompValue) or first.name != "InlineData":
        return ()
    names = list(first["var"]) if "var" in first else []
    values = list(first["value"]) if "value" in first else []
    if len(names) == 1 and len(values) == 1:  # VALUES ?x { <a> }
        row = values
    elif len(names) > 1 and len(values) == 1 and len(list(values[0])) == len(names):  # VALUES (?x ?y) { (…) }
        row = list(values[0])
    else:
        return ()
    terms = [_constant(t) for t in row]
    if not all(isinstance(v, Variable) for v in names) or any(t is None for t in terms):
        return ()
    return tuple((str(v), rdflib_to_tuple(t)) for v, t in zip(names, terms, strict=True))


def _constant(term: Any) -> URIRef | Literal | None:
    """An IRI or literal written out in full; None for what is left alone (prefixed names, UNDEF,
    a datatype written as a prefixed name)."""
    if isinstance(term, (URIRef, Literal)):
        return term
    if isinstance(term, CompValue) and term.name == "literal" and "string" in term:
        lang = term["lang"] if "lang" in term else None
        datatype = term["datatype"] if "datatype" in term else None
        if datatype is not None and not isinstance(datatype, URIRef):
            return None
        return Literal(str(term["string"]), lang=lang, datatype=datatype)
    return None


# Comments, strings and IRIs: their text is not SPARQL syntax (service.protocol.guard scans with it too)
LEXICAL_NOISE = re.compile(
    r'#[^\r\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"\s]*>'
)
_GROUP_VALUES = re.compile(r"\{\s*(VALUES)\b", re.IGNORECASE)
_BLOCK = re.compile(r"VALUES\s*([?$][^\s{}()]+|\([^(){}]*\))\s*\{[^{}]*\}", re.IGNORECASE)


@dataclass(frozen=True)
class Rewrite:
    """How to run a query with a leading one-row ``VALUES``: the substitutions, and the text to run
    instead of the request's (None: the request's own)."""

    bindings: tuple[tuple[str, Term], ...] = ()
    text: str | None = None


def rewrite(tree: Any, text: str) -> Rewrite:
    """The substitutions and text for ``text`` (parsed as ``tree``); see the module docstring."""
    bindings = leading_bindings(tree)
    if not bindings:
        return Rewrite()
    query = tree[1]
    names = {name for name, _ in bindings}
    if query.name == "SelectQuery" and "projection" not in query:  # SELECT *
        return Rewrite(bindings)
    if query.name == "SelectQuery":
        returned = {str(p["var"]) for p in query["projection"] if "var" in p}
        if not names <= returned:
            return Rewrite()
    elif query.name == "DescribeQuery":  # bound when described (or DESCRIBE *), the block kept
        described = {str(v) for v in query["var"] if isinstance(v, Variable)} if "var" in query else names
        return Rewrite(bindings) if names <= described else Rewrite()
    elif query.name not in ("AskQuery", "ConstructQuery"):
        return Rewrite()
    stripped = without_leading_values(text, names)
    return Rewrite(bindings, stripped) if stripped is not None else Rewrite(bindings)


def without_leading_values(text: str, names: set[str]) -> str | None:
    """``text`` without its leading ``VALUES`` block of the variables ``names``; None when that block
    cannot be told apart (the text has another group that starts with ``VALUES``)."""
    masked = LEXICAL_NOISE.sub(lambda m: " " * len(m.group(0)), text)
    found = list(_GROUP_VALUES.finditer(masked))
    if len(found) != 1:
        return None
    start = found[0].start(1)
    block = _BLOCK.match(masked, start)
    if block is None or set(re.findall(r"[?$]([^\s{}()?$]+)", block.group(1))) != names:
        return None
    blank = re.sub(r"[^\n]", " ", text[start:block.end()])  # error positions stay where they were
    return text[:start] + blank + text[block.end():]
