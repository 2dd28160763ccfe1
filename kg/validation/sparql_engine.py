"""The shapes compiled to SPARQL (kg/validation/compiled.py), run once over the whole store.

Second engine for the same shapes as :func:`kg.validation.pyshacl_engine.validate_plan_graph`
(pySHACL on one plan's data graph at a time), with the same findings: :func:`run_compiled` runs the
compiled queries on a store and makes :class:`kg.validation.model.Finding` records, with pySHACL's
generic messages for shapes without their own.

Same scope as the pySHACL path (:func:`kg.validation.pyshacl_engine.plan_data_graph`): the data
graph of a plan is its graph without the provenance nodes, plus its context
(kg/validation/context.py). Plan graphs with ``rdfs:subClassOf`` statements of their own are left
to pySHACL (:func:`fallback_graphs`). The queries read a plan graph's statements whatever their
subject, where pySHACL drops every statement of a provenance node (one with an ``oa:`` predicate
or type): the same as long as provenance nodes carry only ``oa:`` statements, as kg.rdf.mapping
writes them; ``fallback_graphs(store, provenance=True)`` finds the graphs where that does not hold
(it reads every quote, so it is not run by default).

Comparisons that depend on rdflib's reading of a literal (ill-typed lexical forms, mixed
datatypes) are decided here in Python with pySHACL's own rules, on the rows the queries return.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import SH, graph_iri
from kg.rdf.terms import ox_to_rdflib
from kg.validation.compiled import CompiledConstraint
from kg.validation.messages import with_detail
from kg.validation.model import Finding

_OA = "http://www.w3.org/ns/oa#"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def fallback_graphs(store: ox.Store, provenance: bool = False) -> set[str]:
    """Plan graphs whose data graph the compiled queries do not model exactly; these go through
    pySHACL. Always: an ``rdfs:subClassOf`` statement inside the plan graph (one index scan).
    With ``provenance``: a node with an ``oa:…`` statement (an evidence span's quote) that is also
    described by non-``oa:`` statements
    (pySHACL drops all its statements; the queries would read them). kg.rdf.mapping never writes such a
    node, and the check reads every annotation of the store (about half of it: 14 s on the 1%
    corpus), so it is off by default."""
    prefix = str(graph_iri("plan")) + "/"
    rows = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{RDFS.subClassOf}> ?b }} }}")
    found = {r["g"].value for r in rows}
    if provenance:
        query = f"""
        SELECT DISTINCT ?g WHERE {{
          {{ SELECT DISTINCT ?g ?s WHERE {{ GRAPH ?g {{ ?s ?q ?x }} FILTER(STRSTARTS(STR(?q), "{_OA}")) }} }}
          GRAPH ?g {{ ?s ?p ?o }}
          FILTER(!STRSTARTS(STR(?p), "{_OA}") && !(?p = <{RDF.type}> && STRSTARTS(STR(?o), "{_OA}")))
        }}"""
        found |= {r["g"].value for r in store.query(query)}
    return {g for g in found if g.startswith(prefix)}


def _datatype_ok(v: Node, dtype: Node) -> bool:
    """pySHACL's DatatypeConstraintComponent on one value node."""
    if not isinstance(v, Literal):
        return False
    expected: dict[Node, type | tuple[type, ...]] = {
        XSD.string: (str, bytes), XSD.integer: int, XSD.decimal: Decimal, XSD.date: date,
    }
    if v.datatype == dtype:
        if getattr(v, "ill_typed", None) is True:
            return False
        return isinstance(v.value, expected[dtype])
    if v.datatype is None and v.language is None and dtype == XSD.string:
        return isinstance(v.value, (str, bytes))
    return False


def _range_ok(v: Node, bound: Literal, op: str) -> bool:
    """pySHACL's Min/MaxInclusiveConstraintComponent on one value node."""
    from pyshacl.rdfutil.compare import compare_literal  # pySHACL is imported when used (0.3 s)

    if not isinstance(v, Literal):
        return False
    bound_is_string = isinstance(bound.value, str)
    v_is_string = isinstance(v.value, str)
    if bound_is_string != v_is_string:
        return False
    try:
        cmp = compare_literal(v, bound)
    except (TypeError, NotImplementedError):
        return False
    return cmp >= 0 if op == "min" else cmp <= 0


def _ltoe_ok(v: Node, w: Node) -> bool:
    """pySHACL's LessThanOrEqualsConstraintComponent on one (value, other) pair."""
    if isinstance(v, BNode) or isinstance(w, BNode):
        raise ValueError("Cannot use sh:lessThanOrEquals to compare a BlankNode.")

    def plain(x: Node) -> tuple[object, bool]:
        if isinstance(x, URIRef):
            return str(x), True
        if isinstance(x, Literal) and isinstance(x.value, str):
            return x.value, True
        return x, False

    a, a_str = plain(v)
    b, b_str = plain(w)
    if a_str != b_str:
        return False
    try:
        return bool(a <= b)  # type: ignore[operator]
    except TypeError:
        return False


_CHECKS: dict[str, Callable[[CompiledConstraint, Node, Node | None], bool]] = {
    "datatype": lambda c, v, _: _datatype_ok(v, c.parameter),  # type: ignore[arg-type]
    "min": lambda c, v, _: _range_ok(v, c.parameter, "min"),  # type: ignore[arg-type]
    "max": lambda c, v, _: _range_ok(v, c.parameter, "max"),  # type: ignore[arg-type]
    "ltoe": lambda c, v, w: _ltoe_ok(v, w),  # type: ignore[arg-type]
}


@dataclass
class _Messages:
    """pySHACL's generic message of a constraint, for shapes without their own sh:message."""

    shapes: Graph
    _sg: object = None
    _components: dict = field(default_factory=dict)
    _data: Graph = field(default_factory=Graph)  # stands for the data graph: its prefixes only

    def generic(self, c: CompiledConstraint, focus: Node, value: Node | None) -> str | None:
        if (c.shape, SH.message, None) in self.shapes:
            return None
        component = self._components.get(c)
        if component is None:  # pySHACL is imported when used (0.3 s)
            from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP
            from pyshacl.shapes_graph import ShapesGraph

            if self._sg is None:
                self._sg = ShapesGraph(self.shapes)
                _ = self._sg.shapes  # builds the node → shape cache
            shape = self._sg.lookup_shape_from_node(c.shape)  # type: ignore[attr-defined]
            kind = next(cls for cls in set(CONSTRAINT_PARAMETERS_MAP.values())
                        if str(getattr(cls, "shacl_constraint_component", "")) == c.component)
            component = self._components[c] = kind(shape)
        messages = component.make_generic_messages(self._data, focus, value)
        return str(messages[0]) if messages else None


def run_compiled(
    store: ox.Store,
    compiled: list[CompiledConstraint],
    messages: dict[Node, tuple[str, str, str]],
    shapes: Graph,
    skip_graphs: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Finding]:
    """Run the compiled constraints over ``store``; findings as the pySHACL path makes them (for
    the plan graphs not in ``skip_graphs``). ``messages``: kg.validation.messages.shape_messages(shapes)."""
    prefix = str(graph_iri("plan")) + "/"
    plans = _plans(store)
    generic = _Messages(shapes)
    out = []
    for c in compiled:
        name, vi, en_base = messages.get(c.shape, (str(c.shape), "", ""))
        check = _CHECKS.get(c.check)
        for row in store.query(c.query):
            g = row["g"].value
            if g in skip_graphs or not g.startswith(prefix):
                continue
            focus = ox_to_rdflib(row["this"])
            value: Node | None = None
            if c.value_is_focus:
                value = focus
            elif c.has_value:
                value = ox_to_rdflib(row["value"])
            if check is not None:
                other = ox_to_rdflib(row["other"]) if c.check == "ltoe" else None
                if check(c, value, other):  # type: ignore[arg-type]
                    continue
            en = with_detail(en_base, generic.generic(c, focus, value))
            out.append(
                Finding(
                    severity=c.severity,
                    focus=str(focus),
                    shape=name,
                    component=c.component,
                    message_vi=vi,
                    message_en=en,
                    plan=plans.get(g),
                    path=c.path,
                    value=str(value) if value is not None else None,
                )
            )
    return out


def _plans(store: ox.Store) -> dict[str, str]:
    """{plan graph: the plan it describes}, as kg.validation.pyshacl_engine.plan_of reads it."""
    prefix = str(graph_iri("plan")) + "/"
    rows = store.query(
        f'SELECT ?g (MIN(STR(?s)) AS ?plan) WHERE {{ GRAPH ?g {{ ?s <{_PROV_DERIVED}> ?x }} '
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
    )
    return {r["g"].value: r["plan"].value for r in rows if r["plan"] is not None}
