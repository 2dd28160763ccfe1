"""The states of each unit of the official lists (vnp:UnitState): its name, type and parent during an
interval, so that "what was the parent, name or type of unit U on date D" is one lookup.

An entry of the list before the reform holds until 30/06/2025 (its start is not in the list); an entry
of the list after it holds from 01/07/2025. An old unit the new list carries on as one unit
(kg/rdf/unit_model.py ``continuations``: renamed, retyped or moved under a new parent) is one unit
with two states, and both of its entries carry both. The state of entry ``E`` is ``{E}/state``.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.rdf.namespaces import mint_iri
from kg.rdf.unit_model import FIRST_DAY, LAST_DAY, PRE, Unit, UnitLists, continuations, unit_iri
from kg.rdf.unit_terms import RDF, XSD, V, concept_iri, iri, lit

Add = Callable[[str, str, str], None]


def states(add: Add, lists: UnitLists) -> None:
    """Each entry's own state, and for a unit carried on, the state of its other entry too."""
    country = iri(mint_iri("unit", "vn"))
    for unit in lists.units.values():
        _state(add, unit, country)
    for old, new in continuations(lists).items():
        if old in lists.units and new in lists.units:
            add(iri(unit_iri(*old)), V.hasState, _iri(unit_iri(*new)))
            add(iri(unit_iri(*new)), V.hasState, _iri(unit_iri(*old)))


def _iri(entry: str) -> str:
    return iri(f"{entry}/state")


def _state(add: Add, unit: Unit, country: str) -> None:
    entry = unit_iri(unit.era, unit.code)
    s = _iri(entry)
    add(iri(entry), V.hasState, s)
    add(s, RDF.type, V.UnitState)
    add(s, V.stateName, lit(unit.full_name, lang="vi"))
    add(s, V.stateType, concept_iri("unittype", unit.unit_type))
    add(s, V.stateParent, iri(unit_iri(unit.era, unit.parent)) if unit.parent else country)
    if unit.era == PRE:
        add(s, V.stateUntil, lit(LAST_DAY, datatype=XSD.date))
    else:
        add(s, V.stateFrom, lit(FIRST_DAY, datatype=XSD.date))
