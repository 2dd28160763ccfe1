"""The consistency audits a researcher expects of one plan's own statements (issue 18, "missing
checks"): an implementation chain that loops, a percentage above 100, a target year outside the
plan's period, a cited document dated after the plan. Each with a store that shows the problem and
one that does not (the helpers of test_audits.py build the stores)."""

from __future__ import annotations

from kg.validation import Audit
from tests.validation.test_audits import B, audits, plan, run

__all__ = ["audits"]  # the module-scoped fixture, shared


def test_a_plan_that_implements_itself_through_its_parent_is_a_violation(audits: dict[str, Audit]) -> None:
    child = plan("x/2026/kh-2", "2026-04-01", "PLAN vnp:implements <eli/vn/x/2026/kh-1> .")
    parent = plan("x/2026/kh-1", "2026-03-01", "PLAN vnp:implements <eli/vn/x/2026/kh-2> .")
    found = run(audits, "implements-cycle", child, parent)
    assert sorted((f.focus, f.value, f.severity) for f in found) == [
        (B + "eli/vn/x/2026/kh-1", B + "eli/vn/x/2026/kh-2", "Violation"),
        (B + "eli/vn/x/2026/kh-2", B + "eli/vn/x/2026/kh-1", "Violation"),
    ]


def test_a_chain_up_to_decision_1790_has_no_cycle(audits: dict[str, Audit]) -> None:
    child = plan("x/2026/kh-2", "2026-04-01", "PLAN vnp:implements <eli/vn/x/2026/kh-1> .")
    parent = plan("x/2026/kh-1", "2026-03-01", "PLAN vnp:implements <eli/vn/2021/1790-qd-ttg> .")
    assert run(audits, "implements-cycle", child, parent) == []


PERCENT = """PLAN vnp:hasTarget <P/target/1> .
  <P/target/1> a vnp:Target ; vnp:value {v} ; vnp:measure vnc:measure-percent ; vnp:comparator {c} ."""


def test_a_share_above_100_percent_is_a_violation(audits: dict[str, Audit]) -> None:
    body = PERCENT.format(v="150.0", c="vnc:comparator-at-least")
    found = run(audits, "target-percent-over-100", plan("x/2026/kh", "2026-04-01", body))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/x/2026/kh/target/1", "Violation")]
    assert "150" in found[0].message_en and "150" in found[0].message_vi


def test_100_percent_and_an_increase_by_150_percent_are_fine(audits: dict[str, Audit]) -> None:
    full = plan("x/2026/kh", "2026-04-01", PERCENT.format(v="100.0", c="vnc:comparator-exactly"))
    growth = plan("y/2026/kh", "2026-04-01", PERCENT.format(v="150.0", c="vnc:comparator-exactly ; vnp:changeDirection vnc:change-increase"))
    assert run(audits, "target-percent-over-100", full, growth) == []


PERIOD = """PLAN vnp:periodStart 2026 ; vnp:periodEnd 2030 ; vnp:hasTarget <P/target/1> .
  <P/target/1> a vnp:Target ; vnp:value 100.0 ; vnp:targetYear {year} ."""


def test_a_target_year_outside_the_plans_period_is_a_warning(audits: dict[str, Audit]) -> None:
    found = run(audits, "target-year-outside-period", plan("x/2026/kh", "2026-04-01", PERIOD.format(year=2035)))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/x/2026/kh/target/1", "Warning")]
    assert "2035" in found[0].message_vi and "2026–2030" in found[0].message_en
    early = run(audits, "target-year-outside-period", plan("x/2026/kh", "2026-04-01", PERIOD.format(year=2025)))
    assert len(early) == 1


def test_target_years_inside_the_period_or_without_a_period_are_fine(audits: dict[str, Audit]) -> None:
    inside = plan("x/2026/kh", "2026-04-01", PERIOD.format(year=2030))
    no_period = plan("y/2026/kh", "2026-04-01", """PLAN vnp:hasTarget <P/target/1> .
      <P/target/1> a vnp:Target ; vnp:value 100.0 ; vnp:targetYear 2045 .""")
    assert run(audits, "target-year-outside-period", inside, no_period) == []


# the cited document's date as this plan cites it, on its citation node (its one description, with
# the date most citations give, is in graph/entities: kg/rdf/entities.py)
CITING = """PLAN vnp:hasCitation <P/citation/1> .
  <P/citation/1> a vnp:Citation ; vnp:citedDocument <eli/vn/x/{year}/kh-9> ;
    vnp:mentionedNumber "9/KH-UBND" ; vnp:mentionedDate "{date}"^^xsd:date ."""
ENTITIES = """<graph/entities> {{ <eli/vn/x/{year}/kh-9> a vnp:Plan ; eli:number "9/KH-UBND" ;
  eli:date_document "{date}"^^xsd:date . }}"""


def test_a_cited_document_dated_after_the_plan_is_a_warning(audits: dict[str, Audit]) -> None:
    body = CITING.format(year=2026, date="2026-05-10")
    found = run(audits, "citation-after-plan", plan("x/2026/kh", "2026-04-01", body),
                ENTITIES.format(year=2026, date="2026-05-10"))
    assert [(f.focus, f.value, f.severity) for f in found] == [
        (B + "eli/vn/x/2026/kh/citation/1", B + "eli/vn/x/2026/kh-9", "Warning")]
    assert "9/KH-UBND" in found[0].message_vi and "2026-05-10" in found[0].message_en


def test_a_document_dated_before_or_misdated_by_another_plan_is_fine(audits: dict[str, Audit]) -> None:
    """The document's date as this plan (or the reference data) states it: another plan's misreading
    of the same document's date does not flag this plan."""
    citing = plan("x/2026/kh", "2026-04-01", CITING.format(year=2026, date="2026-01-10"))
    other = plan("y/2025/kh", "2025-04-01", CITING.format(year=2026, date="2027-01-10"))
    found = run(audits, "citation-after-plan", citing, other, ENTITIES.format(year=2026, date="2026-01-10"))
    assert [f.plan for f in found] == [B + "eli/vn/y/2025/kh"]


def test_a_cited_document_the_reference_data_dates_after_the_plan_is_a_warning(audits: dict[str, Audit]) -> None:
    """The document's date from the reference data (the UNION's second branch), no date on the citation."""
    dated = """<graph/reference> { <eli/vn/2021/125-2021-nd-cp> eli:date_document "2021-12-24"^^xsd:date . }"""
    cites = """PLAN vnp:hasCitation <P/citation/1> .
      <P/citation/1> a vnp:Citation ; vnp:citedDocument <eli/vn/2021/125-2021-nd-cp> ."""
    early, late = plan("x/2021/kh", "2021-11-24", cites), plan("y/2022/kh", "2022-02-01", cites)
    found = run(audits, "citation-after-plan", early, late, dated)
    assert [(f.focus, f.value, f.plan) for f in found] == [
        (B + "eli/vn/x/2021/kh/citation/1", B + "eli/vn/2021/125-2021-nd-cp", B + "eli/vn/x/2021/kh")]
    assert "125/2021/NĐ-CP" in found[0].message_en and "2021-12-24" in found[0].message_vi
