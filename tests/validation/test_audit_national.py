"""Decision 1790's national targets are the reference data's targets (issue 18, item 7): the audits
find them by the document the reference graph gives them, not by the literal "1790/QĐ-TTg"."""

from __future__ import annotations

import pyoxigraph as ox

from kg.pipeline.build import compare_targets
from kg.validation import Audit, run_audit
from tests.validation.test_audits import ANNUAL_SESSIONS, PREFIXES, REFERENCE, B, audits, plan

__all__ = ["audits"]  # the module-scoped fixture, shared


def _store(reference: str, *graphs: str) -> ox.Store:
    store = ox.Store()
    store.load((PREFIXES + reference + "".join(graphs)).encode(), format=ox.RdfFormat.TRIG)
    compare_targets(store)  # graph/comparison, which weaker-target reads (a build writes it)
    return store


#: the reference graph with the decision's number written another way (as OCR or a citation may)
RENUMBERED = REFERENCE.replace('eli:number "1790/QĐ-TTg"', 'eli:number "1790/QD-TTg" ; rdfs:label "Quyết định số 1790/QĐ-TTg"@vi')
#: a plan graph that gives some document the literal number and a target of its own
IMPOSTOR = """<graph/plan/eli/vn/y/2022/kh> {
  <eli/vn/y/2022/kh> a vnp:Plan ; prov:wasDerivedFrom <source/y> .
  <eli/vn/y/2021/1790> eli:number "1790/QĐ-TTg" ; vnp:hasTarget <eli/vn/y/2021/1790/target/1> .
  <eli/vn/y/2021/1790/target/1> a vnp:Target ; vnp:indicator vnc:indicator-ge-law-communication-sessions ;
      vnp:value 9.0 ; vnp:measure vnc:measure-event ; vnp:comparator vnc:comparator-at-least ;
      vnp:recurrence vnc:recurrence-annual .
}
"""


def test_weaker_than_the_national_target_whatever_the_number_reads(audits: dict[str, Audit]) -> None:
    child = plan("bac-kan/tp/2022/kh-1", "2022-03", ANNUAL_SESSIONS.format(v="1.0"))
    found = run_audit(_store(RENUMBERED, child), audits["weaker-target"])
    assert [(f.focus, f.value) for f in found] == [
        (B + "eli/vn/bac-kan/tp/2022/kh-1/target/1", B + "eli/vn/2021/1790-qd-ttg/target/1")]


def test_a_document_numbered_1790_outside_the_reference_data_sets_no_national_target(audits) -> None:
    child = plan("bac-kan/tp/2022/kh-1", "2022-03", ANNUAL_SESSIONS.format(v="2.0"))
    assert run_audit(_store(REFERENCE, child, IMPOSTOR), audits["weaker-target"]) == []
    coverage = {f.value for f in run_audit(_store(REFERENCE, child, IMPOSTOR), audits["target-coverage"])}
    assert coverage and all(v.startswith(B + "eli/vn/2021/1790-qd-ttg/") for v in coverage)


def test_coverage_names_the_document_of_the_reference_data(audits: dict[str, Audit]) -> None:
    child = plan("x/2022/kh-1", "2022-03-01", ANNUAL_SESSIONS.format(v="2.0"))
    found = run_audit(_store(RENUMBERED, child), audits["target-coverage"])
    assert {f.value.rsplit("/", 1)[-1] for f in found} == {"3", "4-2025", "4-2030"}
    assert all(f.message_vi.endswith("của Quyết định số 1790/QĐ-TTg.") for f in found)
