"""Responsibilities ("Tổ chức thực hiện") and reporting duties; OCR excerpt and clean sentences."""

from kg.extract import extract_plan
from kg.extract.reporting import extract_reporting
from kg.extract.responsibilities import extract_responsibilities
from kg.extract.sections import split_sections
from tests.extract.contexts import EXCERPTS, HONG_BANG, QUANG_NINH


def _run(text, ctx):
    secs = split_sections(text)
    resp = extract_responsibilities(text, secs, ctx, [], [])
    return resp, extract_reporting(text, secs, ctx, resp, [])


def test_ocr_organisation_paragraphs_one_entry_per_agency():
    text = (EXCERPTS / "hong-bang_organisation_closing.ocr.txt").read_text("utf-8")
    resp, _ = _run(text, HONG_BANG)
    assert [r.agency.name for r in resp] == [
        "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Tài chính - Kế hoạch",
        "Các phòng, ban, ngành, đoàn thể quận",
        "Hội Liên hiệp Phụ nữ",
        "Liên đoàn Lao động",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Ủy ban nhân dân các phường",
    ]
    assert resp[3].duties == resp[4].duties  # one paragraph addressed to three agencies


def test_ocr_reporting_deadline_recipient_and_intermediary():
    text = (EXCERPTS / "hong-bang_organisation_closing.ocr.txt").read_text("utf-8")
    _, rep = _run(text, HONG_BANG)
    first = rep[0]
    assert [r.name for r in first.reporter][0] == "Các phòng, ban, ngành, đoàn thể quận"
    assert [r.name for r in first.recipient] == ["Ủy ban nhân dân quận Hồng Bàng"]  # not "(qua Phòng …)"
    assert (first.deadline, first.recurrence) == ("--12-10", "annual")
    second = rep[1]  # "định kỳ báo cáo UBND quận, Sở LĐTBXH thành phố" inside Phòng LĐTBXH's paragraph
    assert [r.name for r in second.reporter] == ["Phòng Lao động - Thương binh và Xã hội"]
    assert [r.name for r in second.recipient] == [
        "Ủy ban nhân dân quận Hồng Bàng",
        "Sở Lao động - Thương binh và Xã hội",
    ]
    assert second.deadline is None


def test_two_deadlines_in_one_sentence_and_a_chained_report():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì.\n\n"
        "Định kỳ 6 tháng (trước ngày 10 tháng 6), cả năm (trước ngày 10 tháng 12) các Sở, ban, ngành, đoàn "
        "thể tỉnh và Ủy ban nhân dân các huyện, thị xã, thành phố gửi báo cáo kết quả thực hiện về Sở Lao "
        "động - Thương binh và Xã hội để tổng hợp chung để báo cáo Ủy ban nhân dân tỉnh, Bộ Lao động - "
        "Thương binh và Xã hội.\n"
    )
    _, rep = _run(text, QUANG_NINH)
    got = [(d.deadline, d.recurrence, [r.name for r in d.recipient]) for d in rep]
    assert got == [
        ("--06-10", "semiannual", ["Sở Lao động - Thương binh và Xã hội"]),
        ("--12-10", "annual", ["Sở Lao động - Thương binh và Xã hội"]),
        (None, None, ["Ủy ban nhân dân tỉnh Quảng Ninh", "Bộ Lao động - Thương binh và Xã hội"]),
    ]
    assert [r.name for r in rep[0].reporter] == [
        "Các sở, ban, ngành, đoàn thể tỉnh",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
    ]
    assert [r.name for r in rep[2].reporter] == ["Sở Lao động - Thương binh và Xã hội"]


def test_absolute_deadline_is_a_one_off_and_problems_to_raise_are_not_duties():
    text = (
        "V. CHẾ ĐỘ BÁO CÁO\n2. Sở Nội vụ chịu trách nhiệm theo dõi, tổng hợp tình hình thực hiện Kế hoạch. "
        "Tổng hợp báo cáo UBND tỉnh, Bộ Nội vụ trước ngày 15/12/2026.\n\n"
        "3. Trong quá trình triển khai thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo về "
        "UBND tỉnh để chỉ đạo giải quyết./.\n"
    )
    _, rep = _run(text, QUANG_NINH)
    assert [(d.deadline, d.recurrence, [r.name for r in d.reporter]) for d in rep] == [
        ("2026-12-15", "once", ["Sở Nội vụ"])
    ]


def test_closing_signatory_and_recipients_from_ocr_two_column_layout():
    text = (EXCERPTS / "hong-bang_organisation_closing.ocr.txt").read_text("utf-8")
    x = extract_plan(text)
    assert x.signatory is not None
    assert (x.signatory.name, x.signatory.title) == ("Dương Đức Hoan", "KT. CHỦ TỊCH")
    assert x.recipients[0].text == "S¢ Lao dong-TBXH HP"  # the signature column is cut off
    assert x.recipients[0].agency.name == "Sở Lao động - Thương binh và Xã hội"


def test_bold_signature_block_title():
    text = (EXCERPTS / "bac-kan_reporting_closing.txt").read_text("utf-8")
    x = extract_plan(text)
    assert (x.signatory.name, x.signatory.title) == ("Nguyễn Thị Huế", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    assert [r.text for r in x.recipients][:2] == ["Sở LĐ-TB&XH", "TT Thành ủy, HĐND thành phố"]


def test_sending_the_local_plan_and_periodic_reports_are_two_duties():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n3. UBND các huyện, thị xã, thành phố\nXây dựng kế hoạch và gửi về Sở Lao động "
        "- Thương binh và Xã hội trước ngày 28/02/2022; định kỳ báo cáo kết quả về Sở Lao động - Thương binh và "
        "Xã hội trước ngày 10/12 hằng năm.\n"
    )
    _, rep = _run(text, QUANG_NINH)
    assert [(d.deadline, d.recurrence) for d in rep] == [("2022-02-28", "once"), ("--12-10", "annual")]
    assert all([r.name for r in d.reporter] == ["Ủy ban nhân dân các huyện, thị xã, thành phố"] for d in rep)
