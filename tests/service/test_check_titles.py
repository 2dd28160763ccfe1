"""The names of the checks that /validate's filter and CSV show: each shape's and audit's rdfs:label
in Vietnamese, then English (shapes/*.ttl, shapes/audits/*.ttl)."""

from __future__ import annotations

from kg.validation import VNSH, load_audits
from service.pages.report_filters import check_titles


def test_every_audit_is_named_in_both_languages() -> None:
    titles = check_titles()
    for audit in load_audits():
        vi, en = titles[audit.iri].split(" · ")
        assert (vi, en) == (audit.title_vi, audit.title) and vi != en
    assert titles[str(VNSH["audit-defunct-issuer"])] == (
        "Kế hoạch do cơ quan đã không còn tồn tại ban hành · "
        "A plan issued by an agency that no longer existed on the plan's date")


def test_shapes_are_named_in_both_languages() -> None:
    assert check_titles()[str(VNSH.PlanNumberShape)] == "Số văn bản của kế hoạch · Plan number"
