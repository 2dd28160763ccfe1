"""The audit defunct-issuer (shapes/audits/defunct-issuer.ttl): a plan issued by a body that no
longer existed on the plan's date — ended by a change naming it, by a change of its kind at its
unit's level, by its own end date, or with its unit (an edition of the official list). Each way
with a store that shows it and stores that do not (helpers of test_audits.py)."""

from __future__ import annotations

from kg.validation import Audit
from tests.validation.test_audits import B, audits, plan, run

__all__ = ["audits"]  # the module-scoped fixture, shared

BODIES = """<graph/units> {
  <id/dvhc/p1> vnp:level vnc:level-province ; skos:prefLabel "tỉnh Một"@vi .
  <id/dvhc/p1/h1> vnp:level vnc:level-district ; vnp:parentUnit <id/dvhc/p1> ; skos:prefLabel "huyện Một"@vi .
  <id/dvhc/p1/h1/x-old> vnp:level vnc:level-commune ; vnp:parentUnit <id/dvhc/p1/h1> ; skos:prefLabel "xã Cũ"@vi ;
      vnp:validUntil "2025-06-30"^^xsd:date .
  <id/dvhc/p1/x-new> vnp:level vnc:level-commune ; vnp:parentUnit <id/dvhc/p1> ; skos:prefLabel "xã Mới"@vi ;
      vnp:validFrom "2025-07-01"^^xsd:date .
}
<graph/reference> {
  <id/change/2025-07-01-district-level-agencies-ended> a vnp:AgencyKindChange ;
      vnp:appliesToClassification vnc:orgtype-peoples-committee ; vnp:appliesToLevel vnc:level-district ;
      vnp:effectiveDate "2025-07-01"^^xsd:date .
}
<graph/entities> {
  <id/org/p1/ubnd> skos:prefLabel "Ủy ban nhân dân tỉnh Một"@vi ; vnp:scopeUnit <id/dvhc/p1> ;
      org:classification vnc:orgtype-peoples-committee .
  <id/org/p1/h1/ubnd> skos:prefLabel "Ủy ban nhân dân"@vi ; vnp:scopeUnit <id/dvhc/p1/h1> ;
      org:classification vnc:orgtype-peoples-committee .
  <id/org/p1/h1/x-old/ubnd> skos:prefLabel "Ủy ban nhân dân xã Cũ"@vi ; vnp:scopeUnit <id/dvhc/p1/h1/x-old> ;
      org:classification vnc:orgtype-peoples-committee .
  <id/org/p1/x-new/ubnd> skos:prefLabel "Ủy ban nhân dân xã Mới"@vi ; vnp:scopeUnit <id/dvhc/p1/x-new> ;
      org:classification vnc:orgtype-peoples-committee .
}
"""


def _by(issuer: str) -> str:
    return f"PLAN vnp:issuedBy <{issuer}> ."


def _found(audits: dict[str, Audit], *plans: str) -> list[tuple[str, str, str, str]]:
    return [(f.focus, f.value or "", f.severity, f.message_en) for f in run(audits, "defunct-issuer", *plans, BODIES)]


def test_a_district_committee_issuing_after_the_district_level_ended_is_a_violation(audits) -> None:
    found = _found(audits, plan("p1/h1/2025/kh", "2025-09-10", _by("id/org/p1/h1/ubnd")))
    assert found == [(B + "eli/vn/p1/h1/2025/kh", B + "id/org/p1/h1/ubnd", "Violation",
                      'The plan (dated 2025-09-10) is issued by "Ủy ban nhân dân huyện Một", '
                      "which no longer existed from 2025-07-01.")]
    (finding,) = run(audits, "defunct-issuer", plan("p1/h1/2025/kh", "2025-09-10", _by("id/org/p1/h1/ubnd")), BODIES)
    assert finding.message_vi.startswith("Kế hoạch (ngày 2025-09-10) do \"Ủy ban nhân dân huyện Một\" ban hành")


def test_an_issuer_of_a_unit_that_left_the_official_list_is_a_violation(audits) -> None:
    """The old commune's committee (no change names it): its unit's edition ended on 30/06/2025."""
    found = _found(audits, plan("p1/x/2026/kh", "2026-04-01", _by("id/org/p1/h1/x-old/ubnd")))
    assert [(f[1], f[2]) for f in found] == [(B + "id/org/p1/h1/x-old/ubnd", "Violation")]
    assert "from 2025-07-01" in found[0][3]


def test_an_issuer_named_by_a_change_that_ended_it_is_a_violation(audits) -> None:
    """The ministry merged into another on 01/03/2025 (REFERENCE of test_audits.py)."""
    found = _found(audits, plan("vn/2025/kh", "2025-05-01", _by("id/org/vn/bo-lao-dong-thuong-binh-va-xa-hoi")))
    assert [(f[2], f[3].endswith("from 2025-03-01.")) for f in found] == [("Violation", True)]


def test_a_month_known_plan_is_flagged_only_when_certain(audits) -> None:
    assert len(_found(audits, plan("p1/h1/2025/kh", "2025-07", _by("id/org/p1/h1/ubnd")))) == 1
    assert _found(audits, plan("p1/h1/2025/kh", "2025", _by("id/org/p1/h1/ubnd"))) == []


def test_issuers_that_existed_on_the_plans_date_are_fine(audits) -> None:
    assert _found(
        audits,
        plan("p1/h1/2025/kh-1", "2025-06-30", _by("id/org/p1/h1/ubnd")),  # the district's last day
        plan("p1/h1/2024/kh", "2024-03-01", _by("id/org/p1/h1/x-old/ubnd")),  # the old commune, in time
        plan("p1/2026/kh", "2026-04-01", _by("id/org/p1/ubnd")),  # the province, never ended
        plan("p1/x/2026/kh", "2026-04-01", _by("id/org/p1/x-new/ubnd")),  # the new commune
        plan("vn/2025/kh", "2025-02-01", _by("id/org/vn/bo-noi-vu")),  # kept by the merger
        plan("p1/h1/2025/kh-2", "", _by("id/org/p1/h1/ubnd")),  # no date: nothing certain
    ) == []


def test_a_scoped_revalidation_finds_what_a_whole_one_does(tmp_path) -> None:
    """kg ingest re-runs the audits of the changed plans on a scratch store (kg/validation/scoped.py):
    the issuer's unit is described only in graph/units, and the plan graph does not name it."""
    import pyoxigraph as ox

    from kg.stores import open_backend
    from kg.validation import validate_store
    from kg.validation.scoped import revalidate
    from tests.validation.test_audits import PREFIXES, REFERENCE

    path = tmp_path / "store"
    backend = open_backend(str(path), create=True)
    data = PREFIXES + REFERENCE + BODIES + plan("p1/x/2026/kh", "2026-04-01", _by("id/org/p1/h1/x-old/ubnd"))
    backend.store.load(data.encode(), format=ox.RdfFormat.TRIG)
    whole = [f for f in validate_store(backend.store).findings if f.shape.endswith("audit-defunct-issuer")]
    scoped = [f for f in revalidate(backend, [B + "eli/vn/p1/x/2026/kh"]).findings
              if f.shape.endswith("audit-defunct-issuer")]
    assert len(whole) == 1 and [(f.focus, f.value, f.message_en) for f in scoped] == [
        (f.focus, f.value, f.message_en) for f in whole]
