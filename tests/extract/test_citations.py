"""Cited documents: numbered and named, article level, relation kinds, merging."""

from kg.extract import extract_plan
from kg.extract.agencies import UnitContext
from kg.extract.citations import extract_citations
from kg.extract.sections import split_sections
from tests.extract.contexts import EXCERPTS, HONG_BANG

NO_UNIT = UnitContext()


def _cite(text: str, ctx: UnitContext = NO_UNIT, head_end: int | None = None):
    secs = split_sections(text)
    return extract_citations(text, secs, ctx, len(text) if head_end is None else head_end, [])


def test_ocr_parent_plan_with_issuer_and_date_is_implemented():
    text = (EXCERPTS / "hong-bang_header.ocr.txt").read_text("utf-8")
    x = extract_plan(text)
    assert [(c.number, c.date, c.issuer.name) for c in x.implements] == [
        ("59/KH-UBND", "2022-03-14", "Ủy ban nhân dân thành phố Hải Phòng")
    ]
    assert x.implements[0].kind == "plan" and x.implements[0].relation == "implements"


def test_parent_issuer_keeps_its_name_at_the_time():
    text = (
        "Thực hiện Kế hoạch số 385/KH-UBND ngày 18/12/2021 của Ủy ban nhân \ndân tỉnh Thừa Thiên Huế "
        "(nay là thành phố Huế) về truyền thông về bình đẳng giới đến năm 2030 trên địa bàn tỉnh;"
    )
    refs = _cite(text, UnitContext("hue", "thành phố Huế", "thành phố", "province", "hue", "thành phố Huế"))
    assert refs[0].issuer.name == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert refs[0].relation == "implements"


def test_article_before_decree_and_clauses_in_parentheses_after_law():
    text = (
        "- Các quy định: Luật Bình đẳng giới (khoản 1,2,3,4 Điều 11); Điều 6 Nghị định số 55/2009/NĐ-CP "
        "ngày 10/6/2009 của Chính phủ; Điều 7 Nghị định số 55/2009/NĐ-CP của Chính phủ."
    )
    refs = _cite(text, head_end=0)
    law = next(r for r in refs if r.title == "Luật Bình đẳng giới")
    assert law.articles == ("khoản 1 Điều 11", "khoản 2 Điều 11", "khoản 3 Điều 11", "khoản 4 Điều 11")
    decree = next(r for r in refs if r.number == "55/2009/NĐ-CP")
    assert decree.articles == ("Điều 6", "Điều 7") and decree.issuer.name == "Chính phủ"
    assert decree.date == "2009-06-10" and decree.kind == "decree"
    assert len(refs) == 2  # the two mentions of the decree are merged


def test_named_documents_without_number_in_a_content_list():
    text = (EXCERPTS / "quang-ninh_content.txt").read_text("utf-8")
    refs = _cite(text, head_end=0)
    by_title = {r.title: r for r in refs if r.number is None}
    assert by_title["Công ước CEDAW"].date == "1979" and by_title["Công ước CEDAW"].kind == "convention"
    constitution = next(r for r in refs if r.kind == "constitution")
    assert constitution.articles == ("Điều 26",) and constitution.date == "2013"
    assert "Luật Phòng, chống mua bán người" in by_title  # comma inside the law's name
    assert by_title["Bộ luật Hình sự"].kind == "code"
    assert by_title["Bộ luật Tố tụng hình sự"].date == "2019"  # not merged with Bộ luật Hình sự (2017)
    assert all(r.relation == "content" for r in refs)  # the "III. NỘI DUNG THÔNG TIN, TRUYỀN THÔNG" part
    numbers = {r.number for r in refs if r.number}
    assert {
        "48/2009/NĐ-CP",
        "55/2009/NĐ-CP",
        "21-CT/TW",
        "08/2020/CT-TTg",
        "06-CT/TW",
        "2282/QĐ-TTg",
    } <= numbers
    directive = next(r for r in refs if r.number == "21-CT/TW")
    assert directive.issuer.name == "Ban Bí thư" and directive.date == "2018-01-20"


def test_legal_basis_and_mention_relations():
    text = (
        "Căn cứ Luật Bình đẳng giới ngày 29/11/2006;\nThực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 "
        "của Thủ tướng Chính phủ;\n\nI. MỤC ĐÍCH\nTheo quy định của Luật Ngân sách nhà nước.\n"
    )
    refs = _cite(text, head_end=text.index("I. MỤC"))
    rel = {(r.title if r.number is None else r.number): r.relation for r in refs}
    assert rel == {
        "Luật Bình đẳng giới": "legal-basis",
        "1790/QĐ-TTg": "implements",
        "Luật Ngân sách nhà nước": "mention",
    }


def test_common_nouns_are_not_documents():
    text = (
        "Tăng cường truyền thông về luật pháp, chính sách; Hội Luật gia; các Công ước có liên quan; Luật sư."
    )
    assert _cite(text, head_end=0) == []


def test_programme_named_in_the_title_of_a_decision_is_not_listed_twice():
    text = (
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ Phê duyệt Chương trình "
        "Truyền thông về bình đẳng giới đến năm 2030."
    )
    refs = _cite(text)
    assert [r.number for r in refs] == ["1790/QĐ-TTg"]


def test_every_document_of_the_opening_sentence_is_implemented():
    text = (
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ và Kế hoạch số "
        "59/KH-UBND ngày 14/3/2022 của Ủy ban nhân dân thành phố Hải Phòng. Theo đề nghị của Phòng Lao động - "
        "Thương binh và Xã hội tại Tờ trình số 12/TTr-LĐTBXH, Ủy ban nhân dân quận ban hành Kế hoạch.\\n"
    )
    refs = _cite(text, HONG_BANG)
    assert [(r.number, r.relation) for r in refs] == [
        ("1790/QĐ-TTg", "implements"),
        ("59/KH-UBND", "implements"),
        ("12/TTr-LĐTBXH", "mention"),
    ]
