"""The remaining "missing checks" of issue 18 a researcher expects: a plan without a unit or a parent,
a reporting duty without a reporter, a day without its month, a change target without a baseline, a
legal basis not yet in force, a parent of a lower level or another territory, a commune plan that
reports nowhere, two preferred labels in one language. Each with a store that shows the problem and
one that does not (the helpers of test_audits.py build the stores)."""

from __future__ import annotations

from kg.validation import Audit
from tests.validation.test_audits import B, audits, plan, run

__all__ = ["audits"]  # the module-scoped fixture, shared

UNITS = """<graph/units> {
  <id/dvhc/vn> vnp:level vnc:level-national ; skos:prefLabel "Việt Nam"@vi .
  <id/dvhc/p1> vnp:level vnc:level-province ; vnp:parentUnit <id/dvhc/vn> ; skos:prefLabel "tỉnh Một"@vi .
  <id/dvhc/p2> vnp:level vnc:level-province ; vnp:parentUnit <id/dvhc/vn> ; skos:prefLabel "tỉnh Hai"@vi .
  <id/dvhc/p1/c1> vnp:level vnc:level-commune ; vnp:parentUnit <id/dvhc/p1> ; skos:prefLabel "xã Một"@vi .
  <id/dvhc/old> vnp:level vnc:level-province ; vnp:parentUnit <id/dvhc/vn> ; vnp:succeededBy <id/dvhc/p1> ;
      skos:prefLabel "tỉnh Cũ"@vi .
}
"""


def _in(unit: str, extra: str = "") -> str:
    return f"PLAN vnp:jurisdiction <id/dvhc/{unit}> ; vnp:implements <eli/vn/2021/1790-qd-ttg> . {extra}"


def test_a_plan_without_a_unit_is_a_warning(audits: dict[str, Audit]) -> None:
    found = run(audits, "plan-without-jurisdiction", plan("x/2026/kh", "2026-04-01", ""), UNITS)
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/x/2026/kh", "Warning")]


def test_a_plan_with_a_unit_and_a_plan_known_only_by_citation_are_fine(audits: dict[str, Audit]) -> None:
    cited_only = """<graph/plan/eli/vn/p1/2026/kh> { <eli/vn/p2/2025/kh-1> a vnp:Plan . }"""
    found = run(audits, "plan-without-jurisdiction", plan("p1/2026/kh", "2026-04-01", _in("p1")), cited_only, UNITS)
    assert found == []


def test_a_plan_that_implements_nothing_is_info(audits: dict[str, Audit]) -> None:
    found = run(audits, "plan-without-parent", plan("x/2026/kh", "2026-04-01", "PLAN vnp:jurisdiction <id/dvhc/p1> ."))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/x/2026/kh", "Info")]
    assert run(audits, "plan-without-parent", plan("p1/2026/kh", "2026-04-01", _in("p1"))) == []


DUTY = """PLAN vnp:hasReportingDuty <P/reporting/1> .
  <P/reporting/1> a vnp:ReportingDuty ; vnp:reportRecipient <id/org/p1/so-noi-vu> {extra} ."""


def test_a_reporting_duty_without_reporter_is_a_warning(audits: dict[str, Audit]) -> None:
    found = run(audits, "reporting-without-reporter", plan("p1/2026/kh", "2026-04-01", DUTY.format(extra="")))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/p1/2026/kh/reporting/1", "Warning")]
    with_reporter = DUTY.format(extra="; vnp:reporter <id/org/p1/so-y-te>")
    assert run(audits, "reporting-without-reporter", plan("p1/2026/kh", "2026-04-01", with_reporter)) == []


def test_a_day_without_month_is_a_warning(audits: dict[str, Audit]) -> None:
    found = run(audits, "deadline-day-without-month",
                plan("p1/2026/kh", "2026-04-01", DUTY.format(extra="; vnp:deadlineDay 15")))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/p1/2026/kh/reporting/1", "Warning")]
    assert "15" in found[0].message_vi and "15" in found[0].message_en


def test_a_day_with_its_month_or_every_month_is_fine(audits: dict[str, Audit]) -> None:
    dated = plan("p1/2026/kh", "2026-04-01", DUTY.format(extra="; vnp:deadlineDay 15 ; vnp:deadlineMonth 12"))
    monthly = plan("p2/2026/kh", "2026-04-01",
                   DUTY.format(extra="; vnp:deadlineDay 15 ; vnp:recurrence vnc:recurrence-monthly"))
    assert run(audits, "deadline-day-without-month", dated, monthly) == []


CHANGE = """PLAN vnp:hasTarget <P/target/1> .
  <P/target/1> a vnp:Target ; vnp:value 20.0 ; vnp:changeDirection vnc:change-increase {extra} ."""


def test_a_change_without_baseline_is_info(audits: dict[str, Audit]) -> None:
    found = run(audits, "target-change-without-baseline", plan("p1/2026/kh", "2026-04-01", CHANGE.format(extra="")))
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/p1/2026/kh/target/1", "Info")]
    assert "20" in found[0].message_en


def test_a_change_with_a_base_year_or_a_yearly_rate_is_fine(audits: dict[str, Audit]) -> None:
    based = plan("p1/2026/kh", "2026-04-01", CHANGE.format(extra="; vnp:baselineYear 2025"))
    yearly = plan("p2/2026/kh", "2026-04-01", CHANGE.format(extra="; vnp:recurrence vnc:recurrence-annual"))
    at_least = plan("p3/2026/kh", "2026-04-01", """PLAN vnp:hasTarget <P/target/1> .
      <P/target/1> a vnp:Target ; vnp:value 100.0 ; vnp:comparator vnc:comparator-at-least .""")
    assert run(audits, "target-change-without-baseline", based, yearly, at_least) == []


IN_FORCE = """<graph/reference> { <eli/vn/2026/99-2026-nd-cp> a vnp:Decree ; eli:number "99/2026/NĐ-CP" ;
  eli:first_date_entry_in_force "2026-07-01"^^xsd:date . }"""
BASIS = """PLAN vnp:hasCitation <P/citation/1> .
  <P/citation/1> a vnp:Citation ; vnp:citedDocument <eli/vn/2026/99-2026-nd-cp> ; vnp:citationKind vnc:citation-{kind} ."""


def test_a_legal_basis_not_yet_in_force_is_a_warning(audits: dict[str, Audit]) -> None:
    found = run(audits, "citation-not-yet-in-force", plan("p1/2026/kh", "2026-04-01", BASIS.format(kind="legal-basis")),
                IN_FORCE)
    assert [(f.focus, f.value, f.severity) for f in found] == [
        (B + "eli/vn/p1/2026/kh/citation/1", B + "eli/vn/2026/99-2026-nd-cp", "Warning")]
    assert "99/2026/NĐ-CP" in found[0].message_vi and "2026-07-01" in found[0].message_en


def test_a_basis_in_force_or_a_mere_mention_is_fine(audits: dict[str, Audit]) -> None:
    later = plan("p1/2026/kh", "2026-08-01", BASIS.format(kind="legal-basis"))
    mention = plan("p2/2026/kh", "2026-04-01", BASIS.format(kind="mention"))
    assert run(audits, "citation-not-yet-in-force", later, mention, IN_FORCE) == []


def _parented(path: str, unit: str, parent: str) -> str:
    return plan(path, "2026-04-01", f"PLAN vnp:jurisdiction <id/dvhc/{unit}> ; vnp:implements <eli/vn/{parent}> .")


def _parent(path: str, unit: str) -> str:
    return f"<graph/plan/eli/vn/{path}> {{ <eli/vn/{path}> a vnp:Plan ; vnp:jurisdiction <id/dvhc/{unit}> . }}\n"


def test_a_parent_of_another_territory_or_a_lower_level_is_a_warning(audits: dict[str, Audit]) -> None:
    other_province = _parented("p1/c1/2026/kh", "p1/c1", "p2/2025/kh")
    lower = _parented("p1/2026/kh", "p1", "p1/c1/2025/kh")
    found = run(audits, "child-level-territory", other_province, lower,
                _parent("p2/2025/kh", "p2"), _parent("p1/c1/2025/kh", "p1/c1"), UNITS)
    assert sorted((f.focus, f.value, f.severity) for f in found) == [
        (B + "eli/vn/p1/2026/kh", B + "eli/vn/p1/c1/2025/kh", "Warning"),
        (B + "eli/vn/p1/c1/2026/kh", B + "eli/vn/p2/2025/kh", "Warning"),
    ]
    assert any("tỉnh Hai" in f.message_vi and "xã Một" in f.message_vi for f in found)


def test_a_parent_of_an_ancestor_or_a_merged_predecessor_is_fine(audits: dict[str, Audit]) -> None:
    province = _parented("p1/c1/2026/kh", "p1/c1", "p1/2025/kh")
    merged = _parented("p1/c1/2026/kh-2", "p1/c1", "old/2024/kh")
    national = _parented("p1/2026/kh", "p1", "2021/1790-qd-ttg")
    found = run(audits, "child-level-territory", province, merged, national, _parent("p1/2025/kh", "p1"),
                _parent("old/2024/kh", "old"), _parent("2021/1790-qd-ttg", "vn"), UNITS)
    assert found == []


def test_a_commune_plan_that_reports_nowhere_is_a_warning(audits: dict[str, Audit]) -> None:
    silent = plan("p1/c1/2026/kh", "2026-04-01", _in("p1/c1"))
    found = run(audits, "commune-no-upward-report", silent, UNITS)
    assert [(f.focus, f.severity) for f in found] == [(B + "eli/vn/p1/c1/2026/kh", "Warning")]


def test_a_commune_plan_that_reports_and_a_province_plan_that_does_not_are_fine(audits: dict[str, Audit]) -> None:
    reporting = plan("p1/c1/2026/kh", "2026-04-01", _in("p1/c1", DUTY.format(extra="")))
    province = plan("p1/2026/kh", "2026-04-01", _in("p1"))
    assert run(audits, "commune-no-upward-report", reporting, province, UNITS) == []


def test_two_preferred_labels_in_one_language_is_a_warning(audits: dict[str, Audit]) -> None:
    twice = """<graph/reference> { <id/org/p1/so-y-te> skos:prefLabel "Sở Y tế"@vi, "Sở Y Tế"@vi, "Department of Health"@en . }"""
    found = run(audits, "label-duplicate", twice)
    assert [(f.focus, f.severity) for f in found] == [(B + "id/org/p1/so-y-te", "Warning")]
    assert '"Sở Y Tế"' in found[0].message_vi and "(vi)" in found[0].message_en


def test_one_preferred_label_per_language_is_fine(audits: dict[str, Audit]) -> None:
    once = """<graph/reference> { <id/org/p1/so-y-te> skos:prefLabel "Sở Y tế"@vi, "Department of Health"@en ;
      skos:altLabel "Sở Y Tế"@vi . }"""
    assert run(audits, "label-duplicate", once) == []
