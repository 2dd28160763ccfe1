"""The declared inference rules (``shapes/rules/inference.ttl``, SHACL-AF ``sh:SPARQLRule``): reading
them and running the domain rules, whole for ``kg build`` and for the nodes a change touches for
``kg ingest`` / ``kg remove``.

A *domain rule* derives triples about its focus node ``$this`` (``vnp:cites`` from the citations, the
implements closure, a document's level); a *closure rule* (``vnsh:closureOf``) is the ontology's
subclass, subproperty or inverse closure, which kg/pipeline/infer.py runs with the ontology's pairs
in a VALUES block. What a domain rule constructs and no data graph states goes to graph/inference;
then the closures run over it too (``vnp:cites`` → ``eli:cites``).

At ingest the domain rules are re-derived per focus node: the subjects of the triples, in the replaced
and the new graphs and in graph/entities' change, of a property the rules read or derive (or of a
subproperty of one they derive), and every node that reaches one of them by a rule's
``vnsh:refreshAlong`` property (the plans below a changed parent, the documents of a changed unit).
For those nodes graph/inference's triples of the rules' head properties and of their
superproperties are recomputed: what the rules construct, with its superproperties, plus the
superproperty closure of what the data graphs state, less what a data graph states. The rules'
head properties have no inverse (checked when the rules are read), so a triple about another node
never changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from kg.rdf.namespaces import graph_iri
from kg.resources import RULES_DIR
from kg.stores import Backend
from kg.stores.base import sparql_term

RULES_FILE = RULES_DIR / "inference.ttl"
VNSH = "https://w3id.org/vnge/shapes#"
_NAMES = re.compile(r"(?<![\w?$:/#])([A-Za-z][\w-]*:[A-Za-z_][\w-]*|<[^>\s]+>)")  # prefixed names, IRIs
_HEAD = re.compile(r"CONSTRUCT\s*\{\s*\$this\s+(\S+)\s+\?\w+\s*\.?\s*\}\s*WHERE\s*\{", re.S)
#: graphs whose statements are derived: neither a statement nor (but for inference) a rule's input
DERIVED = ("inference", "summary", "audit", "inference-candidates")


class RulesError(ValueError):
    """The rules file declares a rule the runner cannot run; the message says which and why."""


@dataclass(frozen=True)
class Rule:
    """One sh:SPARQLRule: its IRI, order, labels, SPARQL (prefixes included) and, for a domain rule,
    the property it derives (``head``) and the properties along which it is refreshed."""

    iri: str
    order: float
    label: dict[str, str]
    construct: str
    closure_of: str | None = None
    head: str | None = None
    refresh_along: tuple[str, ...] = ()
    #: the properties the rule's WHERE clause reads: a change of a triple of another property does not
    #: change what it derives
    reads: tuple[str, ...] = ()

    def focused(self, focus: Iterable[str]) -> str:
        """The CONSTRUCT with ``$this`` bound to the nodes ``focus``."""
        values = " ".join(f"<{n}>" for n in sorted(set(focus)))
        return _HEAD.sub(lambda m: f"{m.group(0)} VALUES $this {{ {values} }} ", self.construct, count=1)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    @property
    def domain(self) -> list[Rule]:
        return [r for r in self.rules if r.closure_of is None]

    def closure(self, axiom: str) -> Rule | None:
        return next((r for r in self.rules if r.closure_of == axiom), None)

    @property
    def heads(self) -> list[str]:
        return sorted({r.head for r in self.domain if r.head})


@cache
def load(path: Path = RULES_FILE) -> RuleSet:
    """The rules of ``path``, in their sh:order (then IRI)."""
    try:
        g = Graph().parse(path, format="turtle")
    except Exception as e:  # noqa: BLE001 - rdflib raises several kinds; the file and error say enough
        raise RulesError(f"{path}: not valid Turtle: {e}") from None
    rules = []
    for shape in sorted(set(g.subjects(SH.rule, None))):
        for node in sorted(g.objects(shape, SH.rule)):
            rules.append(_rule(g, node, path))
    return RuleSet(tuple(sorted(rules, key=lambda r: (r.order, r.iri))))


def _rule(g: Graph, node: object, path: Path) -> Rule:
    construct = g.value(node, SH.construct)
    if construct is None:
        raise RulesError(f"{path}: rule {node} has no sh:construct")
    prefixes = "".join(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
                       for owner in g.objects(node, SH.prefixes) for d in g.objects(owner, SH.declare))
    text = prefixes + str(construct)
    order = g.value(node, SH.order)
    labels = {o.language: str(o) for o in g.objects(node, RDFS.label)
              if isinstance(o, Literal) and o.language}
    closure = g.value(node, URIRef(VNSH + "closureOf"))
    along = tuple(sorted(str(p) for p in g.objects(node, URIRef(VNSH + "refreshAlong"))))
    head = None
    if closure is None:
        m = _HEAD.search(str(construct))
        if not m:
            raise RulesError(f"{path}: rule {node}: a domain rule constructs one triple "
                             "'$this <property> ?value' (found another template)")
        head = _expand(m.group(1), g)
        where = str(construct)[m.end():]
        reads = tuple(sorted({_expand(name, g) for name in _NAMES.findall(where)}))
    return Rule(str(node), float(order.toPython()) if order is not None else 0.0, labels, text,
                str(closure) if closure is not None else None, head, along, reads if closure is None else ())


def _expand(name: str, g: Graph) -> str:
    if name.startswith("<"):
        return name.strip("<>")
    prefix, _, local = name.partition(":")
    for declared in g.objects(None, SH.declare):
        if str(g.value(declared, SH.prefix)) == prefix:
            return str(g.value(declared, SH.namespace)) + local
    raise RulesError(f"rule head {name}: prefix {prefix!r} not declared (sh:declare)")


def check_no_inverses(rules: RuleSet, inverses: Iterable[tuple[str, str]],
                      supers: Iterable[tuple[str, str]] = ()) -> None:
    """Raise when a property a domain rule derives (or one of its superproperties, ``supers``: the
    ontology's (sub, super) pairs) has an inverse: the per-node refresh would then miss the reverse
    triples about other nodes."""
    heads = set(rules.heads)
    managed = heads | {b for a, b in supers if a in heads}
    bad = sorted({a for a, _ in inverses if a in managed})
    if bad:
        raise RulesError(f"the rules derive {bad}, which have an owl:inverseOf: not supported")


# --- running -------------------------------------------------------------------------------------


def _derived_names() -> list[str]:
    return [str(graph_iri(n)) for n in DERIVED]


def stated_filter(var: str = "?g") -> str:
    names = ", ".join(f"<{n}>" for n in [*_derived_names(), str(graph_iri("ontology"))])
    return f"FILTER({var} NOT IN ({names}))"


def derive(select_triples, rules: RuleSet, focus: Iterable[str] | None = None) -> set[tuple]:  # noqa: ANN001
    """What the domain rules construct (over the union default graph), for every node or, with
    ``focus``, for those nodes. ``select_triples``: a CONSTRUCT text → (s, p, o) terms."""
    out: set[tuple] = set()
    focus = sorted(set(focus)) if focus is not None else None
    for rule in rules.domain:
        if focus is not None and not focus:
            break
        for batch in _batches(focus) if focus is not None else [None]:
            text = rule.construct if batch is None else rule.focused(batch)
            out |= set(select_triples(text))
    return out


def _batches(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def dependants(store: Backend, rules: RuleSet, nodes: Iterable[str]) -> set[str]:
    """The nodes that reach one of ``nodes`` by a rule's ``vnsh:refreshAlong`` property (any graph)."""
    out: set[str] = set()
    along = sorted({p for r in rules.domain for p in r.refresh_along})
    nodes = sorted({n for n in nodes if n.startswith(("http://", "https://"))})
    if not along or not nodes:
        return out
    props = " ".join(f"<{p}>" for p in along)
    for batch in _batches(nodes):
        values = " ".join(f"<{n}>" for n in batch)
        rows = store.query(f"SELECT DISTINCT ?x WHERE {{ VALUES ?n {{ {values} }} VALUES ?p {{ {props} }} "
                           "?x ?p ?n FILTER(isIRI(?x)) }")["rows"]
        out |= {r[0][1] for r in rows if r[0]}
    return out


def relevant(rules: RuleSet, supers: Iterable[tuple[str, str]]) -> set[str]:
    """The properties whose triples the domain rules' refresh depends on: those the rules read, the
    ones they derive and their superproperties, and the subproperties of those."""
    supers = list(supers)
    managed = set(rules.heads) | {b for a, b in supers if a in set(rules.heads)}
    return {p for r in rules.domain for p in r.reads} | managed | {a for a, b in supers if b in managed}


def touched_nodes(store: Backend, rules: RuleSet, supers: Iterable[tuple[str, str]], graphs: Iterable[str],
                  triples: Iterable[tuple]) -> set[str]:
    """The IRI subjects of the triples of a relevant property (:func:`relevant`) among the named graphs
    ``graphs`` (in the store) and ``triples`` (rdflib terms): the nodes whose derived triples a change
    of those can change (with the nodes that reach them, :func:`dependants`)."""
    props = relevant(rules, supers)
    out = {str(s) for s, p, _ in triples if str(p) in props and isinstance(s, URIRef)}
    values = " ".join(f"<{p}>" for p in sorted(props))
    for graph in sorted(set(graphs)):
        rows = store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?p {{ {values} }} "
                           f"GRAPH <{graph}> {{ ?s ?p ?o }} FILTER(isIRI(?s)) }}")
        out |= {r[0][1] for r in rows["rows"] if r[0]}
    return out


def _construct_rows(store: Backend, text: str) -> list[tuple]:
    return [tuple(t) for t in store.query(text)["triples"]]


def refresh_update(store: Backend, rules: RuleSet, supers: list[tuple[str, str]], focus: Iterable[str]
                   ) -> str | None:
    """One SPARQL update that makes graph/inference's triples about ``focus`` of the rules' head
    properties and their superproperties (``supers``: the ontology's (sub, super) property pairs)
    what a whole build makes them; None when nothing changes."""
    focus = sorted({n for n in focus if n.startswith(("http://", "https://"))})
    heads = set(rules.heads)
    if not focus or not heads:
        return None
    managed = heads | {b for a, b in supers if a in heads}
    up: dict[tuple, list[tuple]] = {}
    for a, b in supers:
        up.setdefault(("uri", a), []).append(("uri", b))
    inference = str(graph_iri("inference"))
    derived = derive(lambda text: _construct_rows(store, text), rules, focus)
    derived |= {(s, b, o) for s, p, o in derived for b in up.get(p, ())}
    values = " ".join(f"(<{a}> <{b}>)" for a, b in supers if b in managed)
    props = " ".join(f"<{p}>" for p in sorted(managed))
    stated: set[tuple] = set()
    current: set[tuple] = set()
    for batch in _batches(focus):
        nodes = " ".join(f"<{n}>" for n in batch)
        if values:
            derived |= _rows(store, f"SELECT DISTINCT ?s ?super ?o WHERE {{ VALUES ?s {{ {nodes} }} "
                             f"VALUES (?p ?super) {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                             f"{stated_filter()} }}")
        stated |= _rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {nodes} }} "
                        f"VALUES ?p {{ {props} }} GRAPH ?g {{ ?s ?p ?o }} {stated_filter()} }}")
        current |= _rows(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {nodes} }} VALUES ?p {{ {props} }} "
                         f"GRAPH <{inference}> {{ ?s ?p ?o }} }}")
    wanted = {t for t in derived if t[1][0] == "uri" and t[1][1] in managed} - stated
    gone, new = current - wanted, wanted - current
    ops = []
    for verb, triples in (("DELETE", gone), ("INSERT", new)):
        if triples:
            body = "\n".join(" ".join(sparql_term(x) for x in t) + " ." for t in sorted(triples))
            ops.append(f"{verb} DATA {{ GRAPH <{inference}> {{\n{body}\n}} }}")
    return " ;\n".join(ops) or None


def _rows(store: Backend, text: str) -> set[tuple]:
    return {tuple(tuple(t) for t in row) for row in store.query(text)["rows"]}


def update_with_rules(store: Backend, supers: list[tuple[str, str]], operations: list[str],
                      touched: set[str], rule_set: RuleSet | None = None) -> None:
    """Run ``operations`` as one update request (a plan's graphs replaced, with graph/entities and the
    closures of graph/inference), then, as a second request, re-derive the domain rules for the
    ``touched`` nodes and the nodes that reach them by a rule's refresh property, found before the
    change (the old links) and after it (the new ones). Readers may see the first request's state
    for the time of one refresh: the domain rules are SPARQL CONSTRUCTs over the union default graph,
    which an update's WHERE clause cannot address on every backend."""
    rule_set = rule_set or load()
    focus = set(touched) | dependants(store, rule_set, touched)
    store.update(" ;\n".join(operations))
    focus |= dependants(store, rule_set, touched)
    refresh = refresh_update(store, rule_set, supers, focus)
    if refresh:
        store.update(refresh)
