"""The SHACL shapes (``shapes/*.ttl``) compiled to SPARQL: the compiler.

:func:`compile_shapes` turns each constraint of each shape into one SELECT over the plan graphs
(``GRAPH ?g``, the graphs under ``{BASE}graph/plan/``) returning ``?g ?this`` and, for value
constraints, ``?value``; kg/validation/sparql_engine.py runs them. Subclass closures are computed
here in Python from the context's axioms (kg/validation/context.py) and put into the queries as
``VALUES``.

Value constraints read the failing rows first (few) and then check per row that ``?this`` is a
focus node of the shape; cardinalities, ``sh:or`` and ``sh:hasValue`` anti-join the focus nodes
with the values. Comparisons that depend on rdflib's reading of a literal are left to Python
(:attr:`CompiledConstraint.check`): the query only drops the rows that certainly conform (a
canonical-looking integer within the bound, …).

Only the SHACL core features the shapes use are compiled; anything else raises
:class:`UnsupportedShape` (never skipped): targets ``sh:targetClass``, ``sh:targetSubjectsOf``;
paths: predicate, ``sh:inversePath``, sequences of those; constraints ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:nodeKind``, ``sh:in`` (IRIs),
``sh:minInclusive``, ``sh:maxInclusive``, ``sh:lessThanOrEquals``, ``sh:hasValue`` (IRI),
``sh:or`` (of property shapes with only ``sh:path`` and ``sh:minCount 1``), ``sh:node`` (of node
shapes with only ``sh:class``, or with one property shape ``sh:path skos:inScheme ; sh:hasValue S``:
a concept of scheme S, as the context's ``skos:inScheme`` statements or the plan graph say).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.rdf.namespaces import SH, graph_iri
from kg.validation.context import CONTEXT_GRAPHS, Context


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint of one shape as a SPARQL SELECT (``?g ?this`` [``?value`` [``?other``]])."""

    shape: Node  # the shape that holds the constraint (pySHACL's sh:sourceShape)
    component: str  # IRI of the SHACL constraint component
    severity: str  # Violation | Warning | Info
    path: str | None  # the property when the path is one predicate
    query: str
    check: str = "none"  # Python check of the returned rows: none | datatype | min | max | ltoe
    parameter: Node | None = None  # the constraint's value (datatype, bound, …) for the check
    value_is_focus: bool = False  # sh:or on a node shape: sh:value is the focus node
    has_value: bool = True  # the result carries sh:value


_NODE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.targetSubjectsOf, SH.severity,
              SH.message, SH.property, SH["or"], SH["class"]}
_PROPERTY_KEYS = {SH.path, SH.severity, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH["class"],
                  SH.nodeKind, SH["in"], SH.minInclusive, SH.maxInclusive, SH.lessThanOrEquals, SH.hasValue,
                  SH.node, RDFS.label, RDFS.comment, SH.name, SH.description}
_NODE_KINDS = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
# Values that certainly conform to a datatype in rdflib's reading (the rest is checked in Python):
# a term equal to its own cast. Oxigraph keeps a valid number or date natively, so the cast costs
# little; DATATYPE() is avoided, it looks the datatype IRI up for every row (superlinear in the
# store size: 4 µs a row at 1%, 18 µs at 10×).
_CLEAN = {
    XSD.string: "sameTerm(?value, STR(?value))",
    XSD.integer: f"sameTerm(?value, <{XSD.integer}>(?value))",
    XSD.decimal: f"sameTerm(?value, <{XSD.decimal}>(?value))",
    XSD.date: f'sameTerm(?value, <{XSD.date}>(?value)) '
              f'&& REGEX(STR(?value), "^[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$")',
}


def _iri(node: Node) -> str:
    if not isinstance(node, URIRef):
        raise UnsupportedShape(f"expected an IRI, got {node!r}")
    return f"<{node}>"


def _severity(shapes: Graph, shape: Node) -> str:
    sev = shapes.value(shape, SH.severity)
    return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"


def _path_steps(shapes: Graph, path: Node) -> list[tuple[str, bool]]:
    """A SHACL path as steps (predicate IRI in <>, inverse?)."""
    if isinstance(path, URIRef):
        return [(_iri(path), False)]
    if isinstance(path, BNode):
        inverse = shapes.value(path, SH.inversePath)
        if inverse is not None:
            if set(shapes.predicates(path)) != {SH.inversePath} or not isinstance(inverse, URIRef):
                raise UnsupportedShape(f"path {path}: only sh:inversePath of a predicate is compiled")
            return [(_iri(inverse), True)]
        if (path, RDF.first, None) in shapes:
            return [step for p in Collection(shapes, path) for step in _path_steps(shapes, p)]
    raise UnsupportedShape(f"path {path!r}: only predicates, sh:inversePath and sequences are compiled")


def _sparql_path(shapes: Graph, path: Node) -> str:
    return "/".join(f"^{p}" if inverse else p for p, inverse in _path_steps(shapes, path))


class _Compiler:
    def __init__(self, shapes: Graph, context: Context, plan_prefix: str) -> None:
        self.shapes = shapes
        self.context = context
        # no FILTER on ?g inside the scans (it would decode every graph name): rows outside the plan
        # graphs are dropped by run_compiled; every join shares ?g, so plan graphs stay apart
        self.plan_filter = ""
        self.context_graphs = " ".join(f"<{graph_iri(name)}>" for name in CONTEXT_GRAPHS)
        self.check = ""  # focus_check of the node shape being compiled

    # --- building blocks (each a subquery, so that Oxigraph scans it once and joins by hash)

    def focus(self, node_shape: Node) -> str:
        parts = []
        for cls in sorted(self.shapes.objects(node_shape, SH.targetClass)):
            values = " ".join(f"<{c}>" for c in self.context.subclasses(str(_iri(cls))[1:-1]))
            parts.append(f"{{ SELECT ?g ?this WHERE {{ VALUES ?T {{ {values} }} "
                         f"GRAPH ?g {{ ?this a ?T }} {self.plan_filter} }} }}")
            # a node typed only by the reference/ontology graphs, that the plan graph mentions
            for pattern in ("?this ?p ?o", "?s ?p ?this"):
                parts.append(
                    f"{{ SELECT DISTINCT ?g ?this WHERE {{ VALUES ?T {{ {values} }} "
                    f"VALUES ?cg {{ {self.context_graphs} }} "
                    f"GRAPH ?cg {{ ?this a ?T }} GRAPH ?g {{ {pattern} }} {self.plan_filter} }} }}"
                )
        for pred in sorted(self.shapes.objects(node_shape, SH.targetSubjectsOf)):
            parts.append(f"{{ SELECT ?g ?this WHERE {{ GRAPH ?g {{ ?this {_iri(pred)} ?t }} "
                         f"{self.plan_filter} }} }}")
        if not parts:
            return ""
        return "{ SELECT ?g ?this WHERE { " + " UNION ".join(parts) + " } }"

    def focus_check(self, node_shape: Node) -> str:
        """Patterns that keep a row (?g ?this bound) whose ?this is a focus node of the shape: a
        UNION after the failing rows' subquery, evaluated once per row (index lookups). For rows
        read from a plan graph only: ?this is in that graph, so a type from the reference or
        ontology graph counts as it does in the per-plan data graph."""
        branches = []
        for cls in sorted(self.shapes.objects(node_shape, SH.targetClass)):
            classes = ", ".join(f"<{c}>" for c in self.context.subclasses(_iri(cls)[1:-1]))
            branches.append(f"{{ GRAPH ?g {{ ?this a ?_t }} FILTER(?_t IN ({classes})) }}")
            branches.append(f"{{ VALUES ?_cg {{ {self.context_graphs} }} GRAPH ?_cg {{ ?this a ?_t }} "
                            f"FILTER(?_t IN ({classes})) }}")
        for pred in sorted(self.shapes.objects(node_shape, SH.targetSubjectsOf)):
            branches.append(f"{{ GRAPH ?g {{ ?this {_iri(pred)} ?_o }} }}")
        if len(branches) == 1:
            branches.append("{ FILTER(false) }")
        return " UNION ".join(branches)

    def values(self, steps: list[tuple[str, bool]], var: str = "?value") -> str:
        """(?g ?this var) for a path: each step scanned once and joined by hash (an Oxigraph
        property path is evaluated a few times slower)."""
        names = ["?this", *(f"?_m{i}" for i in range(1, len(steps))), var]
        parts = []
        for i, (pred, inverse) in enumerate(steps):
            a, b = names[i], names[i + 1]
            s, o = (b, a) if inverse else (a, b)
            scan = f"GRAPH ?g {{ {s} {pred} {o} }} {self.plan_filter}"
            parts.append(f"{{ SELECT ?g {a} {b} WHERE {{ {scan} }} }}")
        if len(parts) == 1:
            return parts[0]
        return f"{{ SELECT ?g ?this {var} WHERE {{ {' '.join(parts)} }} }}"

    def not_instance(self, cls: Node, var: str = "?value") -> str:
        """MINUS clauses removing the rows whose ``var`` is an instance of ``cls`` in the data graph."""
        values = " ".join(f"<{c}>" for c in self.context.subclasses(str(_iri(cls))[1:-1]))
        return (f"MINUS {{ SELECT ?g {var} WHERE {{ VALUES ?T {{ {values} }} GRAPH ?g {{ {var} a ?T }} "
                f"{self.plan_filter} }} }} "
                f"MINUS {{ SELECT {var} WHERE {{ VALUES ?T {{ {values} }} "
                f"VALUES ?cg {{ {self.context_graphs} }} "
                f"GRAPH ?cg {{ {var} a ?T }} }} }}")

    # --- shapes

    def compile(self) -> list[CompiledConstraint]:
        out: list[CompiledConstraint] = []
        node_shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape))
        node_shapes |= set(self.shapes.subjects(SH.targetClass, None))
        node_shapes |= set(self.shapes.subjects(SH.targetSubjectsOf, None))
        targeting = {SH.targetNode, SH.targetObjectsOf, SH.target}
        for pred in targeting:
            for s in self.shapes.subjects(pred, None):
                raise UnsupportedShape(f"{s}: {pred} is not compiled")
        for pred in (SH.sparql, SH["and"], SH["not"], SH.xone, SH.closed, SH.qualifiedValueShape):
            for s in self.shapes.subjects(pred, None):
                raise UnsupportedShape(f"{s}: {pred} is not compiled")
        used_as_node = set(self.shapes.objects(None, SH.node))
        for shape in sorted(node_shapes, key=str):
            extra = set(self.shapes.predicates(shape)) - _NODE_KEYS
            if extra:
                raise UnsupportedShape(f"{shape}: {', '.join(sorted(map(str, extra)))} not compiled")
            focus = self.focus(shape)
            self.check = self.focus_check(shape)
            if not focus:
                if shape not in used_as_node:
                    raise UnsupportedShape(f"{shape}: a node shape without targets, not used by sh:node")
                continue  # a value shape: compiled where sh:node uses it
            if (shape, SH["class"], None) in self.shapes:
                raise UnsupportedShape(f"{shape}: sh:class on a targeted node shape is not compiled")
            for members in self.shapes.objects(shape, SH["or"]):
                out.append(self.compile_or(shape, focus, members))
            for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
                out += self.compile_property(prop, focus)
        return out

    def compile_or(self, shape: Node, focus: str, members: Node) -> CompiledConstraint:
        minus = []
        for member in Collection(self.shapes, members):
            keys = set(self.shapes.predicates(member))
            if keys != {SH.path, SH.minCount} or self.shapes.value(member, SH.minCount) != Literal(1):
                raise UnsupportedShape(f"{shape}: sh:or members other than (path, minCount 1)")
            steps = _path_steps(self.shapes, self.shapes.value(member, SH.path))
            minus.append(f"MINUS {self.values(steps, '?v')}")
        query = f"SELECT ?g ?this WHERE {{ {focus} {' '.join(minus)} }}"
        return CompiledConstraint(shape, str(SH.OrConstraintComponent), _severity(self.shapes, shape), None,
                                  query, value_is_focus=True)

    def compile_property(self, prop: Node, focus: str) -> list[CompiledConstraint]:
        g = self.shapes
        extra = set(g.predicates(prop)) - _PROPERTY_KEYS
        if extra:
            raise UnsupportedShape(f"property shape {prop}: {', '.join(sorted(map(str, extra)))}")
        raw_path = g.value(prop, SH.path)
        if raw_path is None:
            raise UnsupportedShape("property shape without sh:path")
        path = _sparql_path(g, raw_path)
        steps = _path_steps(g, raw_path)
        single = str(raw_path) if isinstance(raw_path, URIRef) else None
        severity = _severity(g, prop)
        values = self.values(steps)
        check = self.check
        out: list[CompiledConstraint] = []

        def first(select: str, where: str) -> str:
            """The failing rows (few) first, then whether their ?this is a focus node."""
            return f"SELECT {select} WHERE {{ {{ SELECT {select} WHERE {{ {where} }} }} {check} }}"

        def add(component: str, query: str, **kw: object) -> None:
            out.append(CompiledConstraint(prop, str(SH[component]), severity, single, query, **kw))  # type: ignore[arg-type]

        for n in g.objects(prop, SH.minCount):
            if n == Literal(1):
                add("MinCountConstraintComponent",
                    f"SELECT ?g ?this WHERE {{ {focus} MINUS {values} }}", has_value=False)
            else:
                add("MinCountConstraintComponent",
                    f"SELECT ?g ?this WHERE {{ {focus} OPTIONAL {values} }} GROUP BY ?g ?this "
                    f"HAVING (COUNT(DISTINCT ?value) < {int(n)})", has_value=False)
        for n in g.objects(prop, SH.maxCount):
            add("MaxCountConstraintComponent",
                f"SELECT ?g ?this WHERE {{ {{ SELECT ?g ?this WHERE {{ {values} }} GROUP BY ?g ?this "
                f"HAVING (COUNT(DISTINCT ?value) > {int(n)}) }} {check} }}", has_value=False)
        for dt in g.objects(prop, SH.datatype):
            if dt not in _CLEAN:
                raise UnsupportedShape(f"sh:datatype {dt} is not compiled")
            clean = _CLEAN[dt]
            add("DatatypeConstraintComponent",
                first("?g ?this ?value", f"{values} FILTER(!COALESCE({clean}, false))"),
                check="datatype", parameter=dt)
        for cls in g.objects(prop, SH["class"]):
            add("ClassConstraintComponent",
                first("?g ?this ?value", f"{values} {self.not_instance(cls)}"))
        for kind in g.objects(prop, SH.nodeKind):
            if kind not in _NODE_KINDS:
                raise UnsupportedShape(f"sh:nodeKind {kind} is not compiled")
            add("NodeKindConstraintComponent",
                first("?g ?this ?value", f"{values} FILTER(!{_NODE_KINDS[kind]})"))
        for members in g.objects(prop, SH["in"]):
            allowed = " || ".join(f"sameTerm(?value, {_iri(m)})" for m in Collection(g, members))
            add("InConstraintComponent",
                first("?g ?this ?value", f"{values} FILTER(!({allowed or 'false'}))"))
        for comp, pred, op, kind_check in (("MinInclusiveConstraintComponent", SH.minInclusive, ">=", "min"),
                                      ("MaxInclusiveConstraintComponent", SH.maxInclusive, "<=", "max")):
            for bound in g.objects(prop, pred):
                if not isinstance(bound, Literal) or bound.datatype != XSD.integer:
                    raise UnsupportedShape(f"{pred} {bound!r}: only integer bounds are compiled")
                # Oxigraph keeps a valid xsd:integer as a number: comparing it needs no string
                clean = f"{_CLEAN[XSD.integer]} && ?value {op} {int(bound)}"
                add(comp, first("?g ?this ?value", f"{values} FILTER(!COALESCE({clean}, false))"),
                    check=kind_check, parameter=bound)
        for other in g.objects(prop, SH.lessThanOrEquals):
            clean = (f"{_CLEAN[XSD.integer]} && {_CLEAN[XSD.integer].replace('?value', '?other')} "
                     f"&& ?value <= ?other")
            add("LessThanOrEqualsConstraintComponent",
                first("?g ?this ?value ?other", f"{values} {self.values([(_iri(other), False)], '?other')} "
                      f"FILTER(!COALESCE({clean}, false))"),
                check="ltoe")
        for wanted in g.objects(prop, SH.hasValue):
            has = (f"{{ SELECT ?g ?this WHERE {{ GRAPH ?g {{ ?this {path} {_iri(wanted)} }} "
                   f"{self.plan_filter} }} }}")
            add("HasValueConstraintComponent", f"SELECT ?g ?this WHERE {{ {focus} MINUS {has} }}",
                has_value=False)
        for node in g.objects(prop, SH.node):
            scheme = self.scheme_of(node)
            if scheme is not None:  # a concept of one scheme: skos:inScheme as the context gives it
                members = " || ".join(f"sameTerm(?value, <{m}>)" for m in self.context.members(str(scheme)))
                stated = f"GRAPH ?g {{ ?value <{SKOS.inScheme}> {_iri(scheme)} }}"
                add("NodeConstraintComponent",
                    first("?g ?this ?value", f"{values} FILTER(!({members or 'false'})) "
                          f"MINUS {{ SELECT ?g ?value WHERE {{ {stated} }} }}"))
                continue
            keys = set(g.predicates(node)) - {RDF.type, RDFS.label, RDFS.comment}
            if keys != {SH["class"]} or len(list(g.objects(node, SH["class"]))) != 1:
                raise UnsupportedShape(f"sh:node {node}: only node shapes with one sh:class or one "
                                       "skos:inScheme sh:hasValue are compiled")
            cls = g.value(node, SH["class"])
            add("NodeConstraintComponent",
                first("?g ?this ?value", f"{values} {self.not_instance(cls)}"))
        return out

    def scheme_of(self, node: Node) -> Node | None:
        """The scheme of a value shape ``[ sh:property [ sh:path skos:inScheme ; sh:hasValue S ] ]``
        (labels, comments and messages aside), else None."""
        g = self.shapes
        if set(g.predicates(node)) - {RDF.type, RDFS.label, RDFS.comment} != {SH.property}:
            return None
        props = list(g.objects(node, SH.property))
        if len(props) != 1:
            return None
        (prop,) = props
        keys = set(g.predicates(prop)) - {RDFS.label, RDFS.comment, SH.message, SH.name, SH.description}
        schemes = list(g.objects(prop, SH.hasValue))
        if keys != {SH.path, SH.hasValue} or g.value(prop, SH.path) != SKOS.inScheme or len(schemes) != 1:
            return None
        return schemes[0] if isinstance(schemes[0], URIRef) else None

def compile_shapes(shapes: Graph, context: Context | None = None) -> list[CompiledConstraint]:
    """Every constraint of ``shapes`` as a SPARQL query; raises :class:`UnsupportedShape` for a
    feature that is not compiled. ``context``: the subclass axioms (default: ``ontology/*.ttl``)."""
    if context is None:
        context = Context.from_files()
    return _Compiler(shapes, context, str(graph_iri("plan")) + "/").compile()
