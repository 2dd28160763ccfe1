"""Document metadata: number, date, place, issuer, unit and level, title, period."""

from pathlib import Path

from kg.extract import extract_plan

EXCERPTS = Path(__file__).parents[1] / "data" / "excerpts"


def _doc(text: str):
    return extract_plan(text).document


def test_ocr_header_number_date_unit_and_title():
    d = _doc((EXCERPTS / "hong-bang_header.ocr.txt").read_text("utf-8"))
    assert d.number == "258/KH-UBND"
    assert (d.date, d.date_precision) == ("2022-12-16", "day")
    assert d.place == "Hồng Bàng"
    assert d.issuer is not None and d.issuer.name == "Ủy ban nhân dân quận Hồng Bàng"
    assert (d.unit_name, d.unit_path, d.level, d.unit_type) == (
        "quận Hồng Bàng",
        "hai-phong/hong-bang",
        "district",
        "urban-district",
    )
    assert (
        d.title
        == "Thực hiện Chương trình truyền thông về bình đẳng giới trên địa bàn quận Hồng Bàng đến năm 2030"
    )
    assert d.period == (2022, 2030)
    assert "ocr-text" in d.flags


def test_blank_number_and_day_are_flagged_not_guessed():
    d = _doc((EXCERPTS / "binh-lu_header.txt").read_text("utf-8"))
    assert d.number is None and "number-missing" in d.flags
    assert (d.date, d.date_precision) == ("2026-04", "month") and "day-missing" in d.flags
    assert (d.unit_name, d.unit_path, d.level) == ("xã Bình Lư", "lai-chau/binh-lu", "commune")
    assert d.period == (2026, 2030)


def test_one_year_plan_without_number_or_date_line():
    d = _doc((EXCERPTS / "hue_header.txt").read_text("utf-8"))
    assert d.number is None and d.date is None
    assert d.title == (
        "Truyền thông về bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới "
        "trên địa bàn thành phố Huế năm 2026"
    )
    assert d.period == (2026, 2026)
    assert (d.unit_name, d.unit_path, d.level) == ("thành phố Huế", "hue", "province")


def test_provincial_city_named_like_its_province():
    text = (
        "Số: /KH-UBND\n\nTP. Bắc Kạn, ngày tháng 3 năm 2022\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030\n\n"
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân tỉnh Bắc Kạn. "
        "Ủy ban nhân dân thành phố xây dựng kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
    )
    d = _doc(text)
    assert (d.unit_name, d.unit_path, d.level, d.unit_type) == (
        "thành phố Bắc Kạn",
        "bac-kan/thanh-pho-bac-kan",
        "district",
        "provincial-city",
    )
    assert d.issuer.name == "Ủy ban nhân dân thành phố Bắc Kạn"


def test_markdown_bold_title_lines_are_joined():
    text = (
        "Quảng Ninh, ngày 24 tháng 11 năm 2021\n\n**KẾ HOẠCH**  \n"
        "**Thực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030**  \n"
        "**trên địa bàn tỉnh Quảng Ninh**\n\nThực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 "
        "của Thủ tướng Chính phủ. Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\n**I. MỤC TIÊU**\n"
    )
    d = _doc(text)
    assert (
        d.title
        == "Thực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030 trên địa bàn tỉnh Quảng Ninh"
    )
    assert (d.unit_name, d.level, d.period) == ("tỉnh Quảng Ninh", "province", (2021, 2030))


def test_unit_from_the_letterhead_when_the_body_does_not_name_it():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ TÂN PHONG\nSố: 12/KH-UBND\nngày 03 tháng 6 năm 2026\n\nKẾ HOẠCH\n"
        "Truyền thông về bình đẳng giới năm 2026\n\nI. MỤC TIÊU\n"
    )
    d = _doc(text)
    assert (d.unit_name, d.level, d.issuer.name) == (
        "xã Tân Phong",
        "commune",
        "Ủy ban nhân dân xã Tân Phong",
    )
    assert (d.number, d.date, d.period) == ("12/KH-UBND", "2026-06-03", (2026, 2026))


def test_number_with_spaces_around_the_hyphen():
    d = _doc("Số: 1234 /KH - UBND\nĐiện Biên, ngày 12 tháng 01 năm 2022\n\nKẾ HOẠCH\nTruyền thông năm 2022\n")
    assert d.number == "1234/KH-UBND" and "number-missing" not in d.flags
