"""Agency phrases → canonical AgencyRef: unit scoping, abbreviations, OCR, collectives."""

from kg.extract.agencies import UnitContext, resolve_agencies
from tests.extract.contexts import HONG_BANG

BAC_KAN_CITY = UnitContext(
    "bac-kan/thanh-pho-bac-kan",
    "thành phố Bắc Kạn",
    "thành phố",
    "district",
    "bac-kan",
    "tỉnh Bắc Kạn",
    "2022-03",
    False,
)


def _names(text, ctx, explicit=True):
    return [
        (r.name, r.unit, r.orgtype, r.is_group, r.member_count)
        for r in resolve_agencies(text, 0, ctx, explicit)
    ]


def test_two_collectives_in_one_phrase_with_member_count():
    assert _names("Cac ban, nganh, doan thé quan va Uy ban nhan dan 09 phuong.", HONG_BANG) == [
        ("Các ban, ngành, đoàn thể quận", "hai-phong/hong-bang", "office", True, None),
        ("Ủy ban nhân dân các phường", "hai-phong/hong-bang", "peoples-committee", True, 9),
    ]


def test_ocr_role_line_spread_over_lines():
    text = (
        "Phong Lao dong - Thuong binh va Xa hoi, Hoi1 Lién hiép\nphu nit quéan, Lién doan Lao dong quan, "
        "Poan Thanh nién Cong san HO6 Chi Minh\nquan va Uy ban nhan dan cac phuong."
    )
    assert [n[0] for n in _names(text, HONG_BANG)] == [
        "Phòng Lao động - Thương binh và Xã hội",
        "Hội Liên hiệp Phụ nữ",
        "Liên đoàn Lao động",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Ủy ban nhân dân các phường",
    ]


def test_district_office_and_city_department_are_scoped_to_different_units():
    refs = _names(
        "Uy ban nhan dan quan, S¢ Lao dong\n- Thuong binh va X4 hoi thanh phd theo quy dinh", HONG_BANG
    )
    assert refs[0][:2] == ("Ủy ban nhân dân quận Hồng Bàng", "hai-phong/hong-bang")
    assert refs[1][:3] == ("Sở Lao động - Thương binh và Xã hội", "hai-phong", "department")
    office = _names("Phòng Lao động - Thương binh và Xã hội", HONG_BANG)[0]
    assert office[1:3] == ("hai-phong/hong-bang", "office")


def test_peoples_committee_keeps_its_unit_and_province_name_is_resolved():
    assert _names("Uy\nban nhan dan thanh phd Hai Phong", HONG_BANG)[0][:2] == (
        "Ủy ban nhân dân thành phố Hải Phòng",
        "hai-phong",
    )
    assert _names("Ủy ban nhân dân thành phố", BAC_KAN_CITY)[0][:2] == (
        "Ủy ban nhân dân thành phố Bắc Kạn",
        "bac-kan/thanh-pho-bac-kan",
    )


def test_front_and_political_social_organisations_are_two_agents():
    refs = _names(
        "Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị xã hội thành phố", BAC_KAN_CITY, explicit=False
    )
    assert [(n, g) for n, _, _, g, _ in refs] == [
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", False),
        ("Các tổ chức chính trị - xã hội thành phố", True),
    ]


def test_generic_collectives_only_in_explicit_role_lines():
    text = "Hiép Hoi Doanh nghiép quan, cac doanh nghiép, cac\nt6 chirc ¢6 lién quan."
    assert [n[0] for n in _names(text, HONG_BANG)] == [
        "Hiệp hội Doanh nghiệp",
        "Các doanh nghiệp",
        "Các tổ chức có liên quan",
    ]
    assert [
        n[0] for n in _names("các cơ quan, tổ chức, doanh nghiệp và cá nhân", HONG_BANG, explicit=False)
    ] == []


def test_collective_named_after_its_parent_body():
    assert [n[0] for n in _names("Các trường học thuộc UBND xã", BAC_KAN_CITY)] == [
        "Các trường học thuộc Ủy ban nhân dân xã"
    ]


def test_public_service_unit_keeps_its_proper_name():
    ctx = UnitContext("hue", "thành phố Huế", "thành phố", "province", "hue", "thành phố Huế", "2026", False)
    assert [n[0] for n in _names("Trường Chính trị Nguyễn Chí Thanh", ctx)] == [
        "Trường Chính trị Nguyễn Chí Thanh"
    ]
    assert [n[0] for n in _names("Báo và phát thanh, truyền hình Huế", ctx)] == [
        "Báo và Phát thanh, Truyền hình Huế"
    ]


def test_spans_point_into_the_phrase():
    text = "Phòng Y tế, UBND 09 phường"
    found = resolve_agencies(text, 100, HONG_BANG)
    assert len(found) == 2
    for r in found:
        start, end = r.span
        assert 100 <= start < end <= 100 + len(text)
        assert text[start - 100 : end - 100].strip() == r.source_text
