"""Reporting duties in the shapes of real published plans (issue 13), on sentences written for the tests:
the recipients right after "báo cáo" before a "về <topic>", a deadline after an intermediary ("thông qua
Sở …"), the chair's office as a recipient, results sent to an agency ("gửi kết quả … về Sở …")."""

from kg.extract.reporting import extract_reporting
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections
from tests.extract.contexts import NINH_BINH_2025 as PROVINCE


def _duties(text: str) -> list[tuple[list[str], list[str], str | None]]:
    secs = split_sections(text)
    resp = extract_responsibilities(text, secs, PROVINCE, [], [])
    return [
        ([r.name for r in d.reporter], [r.name for r in d.recipient], d.deadline)
        for d in extract_reporting(text, secs, PROVINCE, resp, [])
    ]


def test_recipients_right_after_the_verb_before_a_topic_with_ve():
    text = (
        "V. CHẾ ĐỘ BÁO CÁO\n\n1. Sở Xây dựng tổng hợp báo cáo Tỉnh ủy, Ủy ban nhân dân tỉnh về tình hình "
        "thực hiện Kế hoạch định kỳ 6 tháng (trước ngày 20/6).\n"
    )
    assert _duties(text) == [(["Sở Xây dựng"], ["Tỉnh ủy", "Ủy ban nhân dân tỉnh Ninh Bình"], "--06-20")]


def test_deadline_after_an_intermediary_is_kept():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ban, ngành căn cứ Kế hoạch triển khai thực hiện; báo cáo Ủy ban "
        "nhân dân tỉnh kết quả thực hiện thông qua Sở Xây dựng trước ngày 10 hằng tháng.\n"
    )
    assert _duties(text) == [(["Các sở, ban, ngành"], ["Ủy ban nhân dân tỉnh Ninh Bình"], "---10")]


def test_chair_of_the_committee_and_results_sent_to_an_agency():
    text = (
        "II. NỘI DUNG KẾ HOẠCH\n\n1. Rà soát văn bản\n\n- Cơ quan thực hiện: các sở, ngành liên quan rà soát "
        "văn bản và gửi kết quả rà soát về Sở Tư pháp để tổng hợp báo cáo Chủ tịch UBND tỉnh.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tư pháp có trách nhiệm giúp Chủ tịch Ủy ban nhân dân tỉnh theo dõi, "
        "đôn đốc, báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả thực hiện hằng năm.\n"
    )
    assert _duties(text) == [
        (["Các sở, ngành liên quan"], ["Sở Tư pháp"], None),
        (["Sở Tư pháp"], ["Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"], None),
    ]


def test_item_opening_with_several_agencies_reports_for_each():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường\n\n"
        "Căn cứ chức năng, nhiệm vụ triển khai thực hiện Kế hoạch. Định kỳ hằng năm (trước ngày 15/12), "
        "báo cáo kết quả thực hiện về Sở Y tế.\n"
    )
    assert _duties(text) == [(["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"], ["Sở Y tế"], "--12-15")]
