"""Issue 18, item 5: the kind of each reporting duty (vnc:scheme-dutykind), read from its clause and
recurrence: a plan to submit, a periodic report, a review, a report of results; and tasks that ask a
lower level to draw up its plan."""

import pytest

from kg.extract.reporting import extract_reporting
from kg.extract.reporting.kinds import duty_kind, task_kind
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections
from kg.text.normalize import loose
from tests.extract.contexts import QUANG_NINH


def kinds(text: str) -> list[tuple[str | None, str | None]]:
    secs = split_sections(text)
    resp = extract_responsibilities(text, secs, QUANG_NINH, [], [])
    return [(d.kind, d.deadline) for d in extract_reporting(text, secs, QUANG_NINH, resp, [])]


def test_plan_to_submit_periodic_report_and_review_in_one_part() -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Ủy ban nhân dân các huyện, thị xã, thành phố xây dựng kế hoạch của địa phương (gửi Kế hoạch về "
        "Sở Lao động - Thương binh và Xã hội trước ngày 15/12/2021).\n\n"
        "2. Định kỳ hằng năm, các sở, ban, ngành gửi báo cáo kết quả thực hiện về Sở Lao động - Thương binh "
        "và Xã hội trước ngày 10 tháng 12.\n\n"
        "3. Sở Lao động - Thương binh và Xã hội báo cáo sơ kết về Ủy ban nhân dân tỉnh trước ngày 30/10/2025.\n"
    )
    assert kinds(text) == [("submit-plan", "2021-12-15"), ("periodic-report", "--12-10"),
                           ("review-report", "2025-10-30")]


@pytest.mark.parametrize(("clause", "recurrence", "kind"), [
    ("gui ke hoach ve so noi vu truoc ngay 15/12/2021", "once", "submit-plan"),
    ("bao cao ket qua thuc hien ke hoach ve so noi vu truoc ngay 10/12/2026", "once", "result-report"),
    ("bao cao ket qua thuc hien ke hoach ve so noi vu", None, "result-report"),
    ("dinh ky bao cao so noi vu", None, "periodic-report"),
    ("bao cao ket qua ve ubnd tinh truoc ngay 10 thang 12", "annual", "periodic-report"),
    ("bao cao tong ket chuong trinh ve bo noi vu", "once", "review-report"),
])
def test_duty_kind_of_a_clause(clause: str, recurrence: str | None, kind: str) -> None:
    assert duty_kind(clause, recurrence) == kind


def test_task_asking_for_a_plan() -> None:
    assert task_kind("Chủ động xây dựng, ban hành kế hoạch thực hiện của địa phương") == "submit-plan"
    assert task_kind("Xay dung ke hoach va trien khai") == "submit-plan"
    assert task_kind("Tổ chức triển khai thực hiện kế hoạch") is None
    assert loose("Kế hoạch") == "ke hoach"
