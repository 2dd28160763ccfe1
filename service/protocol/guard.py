"""Refuse operations that would make the engine reach the network, before anything runs.

pyoxigraph executes ``SERVICE`` and ``LOAD`` itself, from Rust, past any Python hook, so the
only safe place to stop them is the parsed request. The query is parsed with rdflib's SPARQL
grammar and the parse tree is searched for ``ServiceGraphPattern`` and ``Load`` nodes, and for
``FROM`` / ``FROM NAMED`` clauses naming graphs that are not graphs of this store (anything
outside ``{base}graph/``). When rdflib's grammar cannot parse a request that the engine might
still accept, a lexical scan (comments, strings and IRIs removed) refuses any of these keywords.

Two steps, so that a request that is slow to parse never holds a web worker: :func:`prepare`
runs in the web process and is cheap (line breaks normalised, nesting depth, the query form from a
lexical scan); :func:`enforce` parses with rdflib and refuses, and runs inside the query process
that will execute the request (:mod:`service.pool.engine`), under the same time limit and killed
with it. rdflib's grammar is slow on long expressions (a 48 KB ``FILTER(?o=1||…)`` took 15 s);
in a web worker, four of them stalled ``/sparql`` for 44 s.

The guard and the engine must read the same text the same way. SPARQL ends a comment at CR or LF;
rdflib's grammar ends it at LF only, so ``# x\rSERVICE <…> {…}`` was a comment to the guard and a
SERVICE call to the engine. :func:`check` therefore normalises line breaks once (CRLF and CR become
LF, see :func:`normalise`) and returns that text in :attr:`Analysis.text`: the callers send exactly
that text to the engine, so there is no CR left on which the two parsers could disagree. Behind the
guard, query processes have no network at all (:mod:`service.pool.sandbox`).

See /work/shared/notes/server-anchors.md §2 (rdflib and pyoxigraph both fetch SERVICE and LOAD).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from service.errors import ForbiddenOperation, ServiceError
from service.protocol.rewrite import LEXICAL_NOISE, Rewrite, rewrite

# Deeper nesting than any hand-written query: the engine's recursive parser overflows its stack
# (the query process dies) near 1000 levels and slows down super-linearly on nested [ ] from ~60
MAX_NESTING = 32
# Unary operators nest too ("!!!!…"): 20,000 of them overflowed the query process's stack
MAX_UNARY = 32
_UNARY_RUN = re.compile(r"[!+-](?:\s*[!+-])+")

_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class Analysis:
    """What the guard learned about a request."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    text: str  # the normalised request: the exact text to send to the engine
    service: bool = False
    load: bool = False
    datasets: tuple[str, ...] = field(default_factory=tuple)  # FROM / FROM NAMED IRIs
    parsed: bool = True  # False when rdflib could not parse and the lexical scan decided
    bindings: tuple[tuple[str, Any], ...] = ()  # a leading one-row VALUES (service.protocol.rewrite)
    rewritten: str | None = None  # the text to run instead, without that VALUES block (same module)


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, CompValue):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)
    elif hasattr(node, "asList") and not isinstance(node, str):  # pyparsing ParseResults
        for item in node:
            yield from _walk(item)


_LEXICAL_NOISE = LEXICAL_NOISE
# Also out of the keyword scan: variables (?from, $service) and prefixed names (ex:load), which
# are not keywords whatever they spell.
_LEXICAL_NAMES = re.compile(r"[?$][\w\u00b7-\uffff]+|[\w\u00b7-\uffff.-]*:[\w\u00b7-\uffff.:%-]*")
# pyparsing (rdflib's SPARQL grammar) is not thread-safe: parses running at the same time in the
# threads of one server process fail at random ("Expected SelectQuery, found 'ORDER'"), and the
# failed analysis would then be cached for that text. One parse at a time per process.
_PARSE_LOCK = threading.Lock()


def _lexical(text: str, update: bool) -> Analysis:
    bare = _LEXICAL_NAMES.sub(" ", _LEXICAL_NOISE.sub(" ", text)).upper()
    words = set(re.findall(r"[A-Z]+", bare))
    form = "UPDATE" if update else next(
        (w for w in re.findall(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", bare)), "SELECT"
    )
    return Analysis(form=form, text=text, service="SERVICE" in words, load="LOAD" in words,
                    datasets=("(unparsed FROM clause)",) if "FROM" in words else (), parsed=False)


def normalise(text: str) -> str:
    """The request as both the guard and the engine will read it: CRLF and lone CR become LF.

    A CR ends a comment for the SPARQL grammar (and pyoxigraph) but not for rdflib's grammar; with
    every line break an LF the two agree. Outside string literals a line break is whitespace either
    way; inside a long (triple-quoted) literal a CR becomes an LF, the only change to a query's meaning.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def analyse(text: str, update: bool = False) -> Analysis:
    """Normalise ``text`` (a query, or an update when ``update``) and report what it would do; the
    returned :attr:`Analysis.text` is what must be run."""
    return _analyse(normalise(text), update)


@lru_cache(maxsize=512)
def _analyse(text: str, update: bool) -> Analysis:
    try:
        with _PARSE_LOCK:
            tree = parseUpdate(text) if update else parseQuery(text)
    except ParseException:  # rdflib's grammar lags behind the engine's: scan instead
        return _lexical(text, update)
    except Exception:  # any other parser failure: the conservative scan decides, never a 500
        return _lexical(text, update)
    service = load = False
    datasets: list[str] = []
    for node in _walk(tree):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                service = True
            elif node.name == "Load":
                load = True
            elif node.name == "DatasetClause" or node.name.startswith("Using"):
                # CompValue.get returns the key itself for a missing key: test membership instead
                iri = node["default"] if "default" in node else node["named"]
                datasets.append(str(iri))
    if update:
        form, plan = "UPDATE", Rewrite()
    else:
        form, plan = _FORMS.get(tree[1].name, "SELECT"), rewrite(tree, text)
    return Analysis(form=form, text=text, service=service, load=load, datasets=tuple(datasets),
                    bindings=plan.bindings, rewritten=plan.text)


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{ ( [`` in ``text``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for ch in _LEXICAL_NOISE.sub(" ", text):
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth = max(0, depth - 1)
    return deepest


@dataclass(frozen=True)
class Request:
    """What the web process learns about a request without parsing it."""

    text: str  # the normalised request: the exact text the query process analyses and runs
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE (from a lexical scan) or UPDATE
    update: bool


def prepare(text: str, *, update: bool) -> Request:
    """Normalise ``text``, refuse (400) too deep nesting, and find its form lexically (cheap)."""
    text = normalise(text)
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise ServiceError(f"The request nests groups, brackets or parentheses {depth} levels deep; the "
                           f"limit is {MAX_NESTING}. Flatten the query (e.g. join patterns in one group).")
    run = max((len(m.group(0).replace(" ", "")) for m in _UNARY_RUN.finditer(_LEXICAL_NOISE.sub(" ", text))),
              default=0)
    if run > MAX_UNARY:
        raise ServiceError(f"The request chains {run} unary operators (!, -, +) in a row; the limit is "
                           f"{MAX_UNARY}. Two in a row cancel out: remove them.")
    return Request(text=text, form=_lexical(text, update).form, update=update)


def guard_task(request: Request, *, base: str, allow_service: bool, remote: bool = False) -> dict[str, Any]:
    """The part of a query-process task that makes the process :func:`enforce` the guard."""
    return {"update": request.update, "base": base, "allow_service": allow_service, "remote": remote}


# Virtuoso runs any of its SQL built-ins from SPARQL as bif:NAME (bif:http_get fetches a URL,
# bif:sys_stat leaks the version), sql:NAME calls stored procedures, and DEFINE sets pragmas
# (sponging remote data among them). None of it is SPARQL; a remote store gets none of it.
_VENDOR = re.compile(r"\b(?:bif|sql)\s*:", re.IGNORECASE)
_DEFINE = re.compile(r"\bDEFINE\b", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def vendor_extension(text: str) -> str | None:
    """``bif:``, ``sql:`` or ``DEFINE`` when ``text`` uses a SPARQL-server extension, else None.
    ``bif:`` and ``sql:`` are looked for everywhere, escapes such as ``\\u0062`` decoded, strings
    and comments included: no tokenizer to disagree with the server's, and refusing a string or a
    comment that spells "bif:" costs nothing."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)
    found = _VENDOR.search(decoded)
    if found:
        return found.group(0).split(":")[0].strip().lower() + ":"
    words = _LEXICAL_NAMES.sub(" ", _LEXICAL_NOISE.sub(" ", decoded))
    return "DEFINE" if _DEFINE.search(words) else None


def enforce(text: str, *, update: bool, base: str, allow_service: bool, remote: bool = False) -> Analysis:
    """Parse ``text`` and refuse (403) SERVICE, LOAD, datasets outside ``{base}graph/`` and, for a
    remote store, server extensions. Runs in the query process (see the module docstring); ``text``
    is already normalised."""
    if remote:
        extension = vendor_extension(text)
        if extension:
            raise ForbiddenOperation(
                f"{extension} is refused: server-specific extensions (Virtuoso's bif: and sql: "
                "functions, DEFINE pragmas) are not SPARQL and can reach the network or the server's "
                "internals. Use SPARQL 1.1 functions only.")
    analysis = analyse(text, update)
    if not allow_service and (analysis.service or analysis.load):
        what = "SERVICE" if analysis.service else "LOAD"
        raise ForbiddenOperation(
            f"{what} is refused: this endpoint does not fetch remote data (no outbound requests). "
            "Query the graphs of this store, or run your own endpoint with VNGE_ALLOW_SERVICE=true."
        )
    check_graphs(analysis.datasets, base, "FROM / FROM NAMED")
    return analysis


def check(text: str, *, update: bool, base: str, allow_service: bool) -> Analysis:
    """:func:`prepare` and :func:`enforce` in one step, in this process. Send ``check(...).text``
    to the engine, never ``text`` itself."""
    request = prepare(text, update=update)
    return enforce(request.text, update=update, base=base, allow_service=allow_service)


def check_graphs(iris: tuple[str, ...] | list[str], base: str, where: str) -> None:
    """Only graphs of this store (IRIs under ``{base}graph/``) may form a query's dataset."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ServiceError(f"{where}: {iri!r} is not a valid IRI.") from None
    prefix = base + "graph/"
    outside = sorted(i for i in iris if not i.startswith(prefix))
    if outside:
        raise ForbiddenOperation(
            f"{where} may only name graphs of this store (IRIs starting with {prefix}); "
            f"refused: {', '.join(outside)}. The default graph is already the union of all graphs."
        )
