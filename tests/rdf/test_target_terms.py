"""The targets as the mapping writes them (kg/rdf/facts.py): the relation (vnp:comparator) apart from
the change (vnp:changeDirection), the baseline, the scope; on the graph built from data/plans."""

from __future__ import annotations

from tests.conftest import select

QUERY = """PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?t ?label ?cmp ?change ?base ?scope WHERE {
  GRAPH ?g { ?plan vnp:hasTarget ?t ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?f . ?t rdfs:label ?label
    OPTIONAL { ?t vnp:comparator ?cmp } OPTIONAL { ?t vnp:changeDirection ?change }
    OPTIONAL { ?t vnp:baselineYear ?base } OPTIONAL { ?t vnp:targetScope ?scope } } }"""


def _local(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def test_a_change_is_no_comparator_and_every_valued_target_has_a_scope(store) -> None:
    rows = select(store, QUERY)
    awareness = [r for r in rows if "15-20%" in r["label"] and "so với năm 2025" in r["label"]]
    assert awareness and {(_local(r.get("cmp")), _local(r.get("change")), r.get("base"), _local(r.get("scope")))
                          for r in awareness} == {("comparator-range", "change-increase", "2025", "scope-whole-unit")}
    assert not [r for r in rows if "increase" in (r.get("cmp") or "") or "decrease" in (r.get("cmp") or "")]
    village = [r for r in rows if r["label"].startswith("Mỗi thôn, bản, khu phố")]
    assert [_local(r.get("scope")) for r in village] == ["scope-per-sub-unit"]
