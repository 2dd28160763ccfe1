"""Citations and the parent of plans as published (issue 13). Constructed sentences in the shape of
real plans: each wording a rule reads, and one it must not take."""

from kg.extract import extract_plan
from kg.extract.agencies import UnitContext
from kg.extract.citations import extract_citations
from kg.extract.citations.articles import read_articles
from kg.extract.sections import split_sections

NO_UNIT = UnitContext()


def _cite(text: str, head_end: int | None = None):
    return extract_citations(text, split_sections(text), NO_UNIT, len(text) if head_end is None else head_end, [])


def _rel(refs) -> list[tuple[str | None, str]]:
    return [(r.number, r.relation) for r in refs]


def test_a_document_named_in_the_title_of_an_implemented_plan_is_only_cited():
    refs = _cite(
        "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 24/KH-UBND "
        "ngày 14/8/2025 của UBND tỉnh thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về "
        "đổi mới công tác xây dựng pháp luật, UBND tỉnh ban hành Kế hoạch như sau:\n"
    )
    assert _rel(refs) == [("14-KH/TU", "implements"), ("24/KH-UBND", "implements"), ("66-NQ/TW", "mention")]


def test_a_list_inside_a_title_stays_inside_it():
    refs = _cite(
        "Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Ủy ban nhân dân tỉnh về thực hiện Nghị quyết "
        "số 71/NQ-CP ngày 01/5/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của "
        "Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
    )
    assert _rel(refs) == [
        ("283/KH-UBND", "implements"),
        ("71/NQ-CP", "mention"),
        ("10-CTr/TU", "mention"),
        ("57-NQ/TW", "mention"),
    ]
    assert refs[2].kind == "programme"  # "Chương trình hành động số …": a kind word with its qualifier


def test_a_short_name_in_brackets_returns_to_the_list():
    refs = _cite(
        "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương đầu tư "
        "Chương trình (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ về "
        "ban hành Kế hoạch triển khai Nghị quyết số 163/2024/QH15 của Quốc hội (Nghị quyết số 50/NQ-CP) và "
        "Quyết định số 7619/QĐ-BCA ngày 08/9/2025 của Bộ trưởng Bộ Công an; Ủy ban nhân dân tỉnh ban hành:\n"
    )
    assert {r.number for r in refs if r.relation == "implements"} == {"163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA"}


def test_every_document_of_the_opening_sentence_with_a_guidance_of_another_body():
    refs = _cite(
        "Thực hiện Thông tri số 02-TT/TU ngày 03 tháng 10 năm 2025 của Thành ủy về lãnh đạo thực hiện "
        "“Tháng cùng phụ nữ hành động” và hướng dẫn của Bộ Nội vụ tại Công văn số 8935/BNV-CTTN&BĐG ngày "
        "03 tháng 10 năm 2025 về việc hướng dẫn triển khai Tháng hành động;\n"
    )
    assert _rel(refs) == [("02-TT/TU", "implements"), ("8935/BNV-CTTN&BĐG", "implements")]
    assert [r.kind for r in refs] == ["other", "official-letter"]  # a Thông tri is "other"


def test_legal_basis_alone_stays_a_legal_basis_but_approving_the_titled_programme_is_the_parent():
    head = (
        "KẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH “NÂNG CAO CHẤT LƯỢNG GIÁO DỤC MẦM NON GIAI ĐOẠN 2025 - 2035”\n\n"
        "Căn cứ Quyết định số 2270/QĐ-TTg ngày 14/10/2025 của Thủ tướng Chính phủ phê duyệt Chương trình "
        "“Nâng cao chất lượng giáo dục mầm non giai đoạn 2025 - 2035”;\n"
        "Căn cứ Kế hoạch số 77/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh về giáo dục năm 2025;\n\n"
        "I. MỤC ĐÍCH\n"
    )
    refs = _cite(head, head.index("I. MỤC"))
    assert ("2270/QĐ-TTg", "implements") in _rel(refs)
    assert ("77/KH-UBND", "legal-basis") in _rel(refs)
    other = head.replace("THỰC HIỆN CHƯƠNG TRÌNH", "TUYÊN TRUYỀN VỀ CHƯƠNG TRÌNH")
    assert ("2270/QĐ-TTg", "legal-basis") in _rel(_cite(other, other.index("I. MỤC")))


def test_the_plan_never_cites_itself():
    x = extract_plan(
        "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 235/KH-UBND\nThanh Hóa, ngày 18 tháng 11 năm 2025\n\nKẾ HOẠCH\n"
        "Quan trắc môi trường năm 2026\n\nCăn cứ Kế hoạch 223/KH- UBND ngày 24/10/2025 của UBND tỉnh;\n\n"
        "I. MỤC TIÊU\nNội dung.\n\nPHỤ LỤC I\n(kèm theo Kế hoạch 235/KH-UBND ngày 18/11/2025 của UBND tỉnh)\n"
    )
    assert [r.number for r in x.citations] == ["223/KH-UBND"]  # spacing normalised, own number left out


def test_a_decisions_articles_are_not_its_opening():
    text = (
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nCăn cứ Quyết định số 213/QĐ-TTg ngày 01/3/2024 của Thủ tướng "
        "Chính phủ;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Thực hiện Quyết định số 99/QĐ-BTC của Bộ Tài chính.\n\n"
        "KẾ HOẠCH\nKiểm kê tài sản\n(Kèm theo Quyết định số 5/QĐ-UBND)\n\nI. MỤC ĐÍCH\n"
    )
    assert _rel(_cite(text)) == [("213/QĐ-TTg", "legal-basis"), ("99/QĐ-BTC", "mention")]


def test_articles_sections_and_points():
    assert read_articles("điểm 1 Mục III") == ("điểm 1 Mục III",)
    assert read_articles("điểm a, b khoản 2 và khoản 3 Điều 5") == (
        "điểm a khoản 2 Điều 5", "điểm b khoản 2 Điều 5", "khoản 3 Điều 5"
    )
    assert read_articles("Phụ lục II") == ("Phụ lục II",)
    refs = _cite(
        "Kiểm kê theo điểm 1 Mục III Quyết định số 213/QĐ-TTg ngày 01/3/2024 của Thủ tướng Chính phủ và theo "
        "quy định tại Điều 40 Luật Kế toán năm 2015. Tài sản theo khoản 1 Điều 4 Luật Quản lý, sử dụng tài "
        "sản công: cơ quan nhà nước. Kinh phí theo Mục VI Quyết định số 213/QĐ-TTg.\n",
        0,
    )
    got = {(r.number or r.title, r.articles) for r in refs}
    assert got == {
        ("213/QĐ-TTg", ("điểm 1 Mục III", "Mục VI")),
        ("Luật Kế toán", ("Điều 40",)),
        ("Luật Quản lý, sử dụng tài sản công", ("khoản 1 Điều 4",)),
    }


def test_named_documents_of_real_plans_and_what_is_not_one():
    refs = _cite(
        "Bảo đảm phù hợp với Hiến pháp, pháp luật; cán bộ có trình độ đại học Luật hoặc chuyên ngành luật. "
        "Phổ biến Luật Ban hành văn bản QPPL. Thống nhất với Luật Phòng, chống ma túy sát với thực tiễn. "
        "Điều chỉnh sau khi Luật Phòng, chống ma túy (sửa đổi) được thông qua. Gắn với Chương trình phòng, "
        "chống ma túy đến năm 2030; Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ "
        "Chính trị. Các đơn vị xây dựng Kế hoạch triển khai thực hiện Chỉ thị số 37-CT/TW. Triển khai theo "
        "Quy hoạch hạ tầng thông tin và truyền thông thời kỳ 2021 - 2030, tầm nhìn đến năm 2050. Tuyên "
        "truyền về Chương trình “Nâng cao chất lượng giáo dục mầm non ở địa bàn đô thị”.\n",
        0,
    )
    titles = {r.title for r in refs if r.number is None}
    assert titles == {
        "Luật Ban hành văn bản quy phạm pháp luật",
        "Luật Phòng, chống ma túy",
        "Luật Phòng, chống ma túy (sửa đổi)",
        "Chương trình phòng, chống ma túy đến năm 2030",
        "Kế hoạch triển khai thực hiện Chỉ thị số 36-CT/TW",
        "Quy hoạch hạ tầng thông tin và truyền thông thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
        "Chương trình Nâng cao chất lượng giáo dục mầm non ở địa bàn đô thị",
    }
    assert {r.number for r in refs if r.number} == {"36-CT/TW", "37-CT/TW"}


_LAW_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 512/KH-UBND\nLai Châu, ngày 25 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
    "TRIỂN KHAI THI HÀNH LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT TIÊU CHUẨN VÀ QUY CHUẨN KỸ THUẬT TRÊN "
    "ĐỊA BÀN TỈNH LAI CHÂU\n\nCăn cứ Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ "
    "thuật số 70/2025/QH15;\n\nCăn cứ Quyết định số 1234/QĐ-TTg ngày 01/10/2025 của Thủ tướng Chính phủ ban "
    "hành Kế hoạch triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ "
    "thuật;\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
)


def test_a_plan_to_apply_a_law_implements_the_plan_that_schedules_it_and_cites_the_law():
    x = extract_plan(_LAW_PLAN)
    assert [r.number for r in x.implements] == ["1234/QĐ-TTg"]
    law = next(r for r in x.citations if r.kind == "law")
    # the law in the title (capitals) and in the Căn cứ (with its number) is one citation, not implemented
    assert [r.kind for r in x.citations] == ["law", "decision"]
    assert (law.number, law.relation) == ("70/2025/QH15", "legal-basis")
    assert law.title == "Luật Sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"


def test_kind_words_with_qualifiers_before_the_number():
    refs = _cite(
        "Nội dung.\n\nThực hiện theo Kế hoạch này và Nghị quyết liên tịch số 09/2021/NQLT-CP-UBTWMTTQVN; "
        "Thông tư liên tịch số 01/2020/TTLT-BYT-BTC; Kết luận liên ngành Tư pháp Trung ương số 23/KL-LNTPTW. "
        "Quyết định số lượng cán bộ; chương trình số hóa; Thông báo số lượng người.\n",
        0,
    )
    assert [(r.number, r.kind) for r in refs] == [
        ("09/2021/NQLT-CP-UBTWMTTQVN", "resolution"),
        ("01/2020/TTLT-BYT-BTC", "circular"),
        ("23/KL-LNTPTW", "other"),
    ]
