"""Metadata of plans as published (issue 13): letterheads in capitals and in table cells, numbers as
printed, titles in capitals given a readable label, the reform of 1 July 2025, and a Quyết định with
the plan attached. Sentences are constructed in the shape of real plans."""

from kg.extract import extract_plan


def _doc(text: str):
    return extract_plan(text).document


def _plan(letterhead: str, date_line: str, title: str, number: str = "Số: 12/KH-UBND") -> str:
    return f"ỦY BAN NHÂN DÂN\n{letterhead}\n{number}\n{date_line}\n\nKẾ HOẠCH\n\n{title}\n\nI. MỤC TIÊU\n"


def test_centrally_governed_city_in_capitals_is_a_province():
    d = _doc(_plan("THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025",
                   "TRIỂN KHAI CÔNG TÁC GIA ĐÌNH TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH"))
    assert (d.unit_name, d.level, d.unit_type) == ("thành phố Hồ Chí Minh", "province", "municipality")
    assert d.issuer.name == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert d.place == "Thành phố Hồ Chí Minh"  # written in full: kept; "TP. X" gives "X"


def test_province_name_ending_in_a_type_word_is_read_whole():
    # "TĨNH" folds to "tinh", the type word "tỉnh": the name is read by the lexicon, not cut there
    d = _doc(_plan("TỈNH HÀ TĨNH", "Hà Tĩnh, ngày 19 tháng 11 năm 2025",
                   "PHÁT TRIỂN GIÁO DỤC TRÊN ĐỊA BÀN TỈNH HÀ TĨNH GIAI ĐOẠN 2025 - 2035"))
    assert (d.unit_name, d.level, d.period) == ("tỉnh Hà Tĩnh", "province", (2025, 2035))


def test_unknown_commune_in_capitals_stops_before_the_year():
    d = _doc(_plan("XÃ TÂN PHONG", "Tân Phong, ngày 03 tháng 6 năm 2026",
                   "TRUYỀN THÔNG TRÊN ĐỊA BÀN XÃ TÂN PHONG NĂM 2026"))
    assert (d.unit_name, d.level) == ("xã Tân Phong", "commune")
    assert d.title == "Truyền thông trên địa bàn xã Tân Phong năm 2026"


def test_letterhead_as_table_cells():
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TĨNH | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND | Hà Tĩnh, ngày 05 tháng 5 năm 2026\n\nKẾ HOẠCH\nTRUYỀN THÔNG NĂM 2026\n"
    )
    d = _doc(text)
    assert (d.unit_name, d.number, d.date) == ("tỉnh Hà Tĩnh", "12/KH-UBND", "2026-05-05")


def test_after_the_reform_a_city_is_province_level_and_a_commune_has_no_district():
    d = _doc(_plan("THÀNH PHỐ ĐỒNG NAI", "ngày 05 tháng 5 năm 2026", "TRUYỀN THÔNG NĂM 2026"))
    assert (d.unit_name, d.level) == ("thành phố Đồng Nai", "province")
    before = _doc(_plan("THÀNH PHỐ BẮC KẠN", "ngày 05 tháng 5 năm 2022", "TRUYỀN THÔNG NĂM 2022"))
    assert before.level == "district"  # a provincial city before 1 July 2025
    d = _doc(_plan("ĐẶC KHU PHÚ QUỐC", "ngày 05 tháng 5 năm 2026", "TRUYỀN THÔNG NĂM 2026"))
    assert (d.unit_name, d.level, d.unit_type) == ("đặc khu Phú Quốc", "commune", "special-zone")


def test_number_keeps_its_leading_zero():
    d = _doc(_plan("TỈNH ĐẮK LẮK", "ngày 21 tháng 11 năm 2025", "PHÒNG, CHỐNG DỊCH", "Số: 0130/KH-UBND"))
    assert d.number == "0130/KH-UBND"


def test_title_in_capitals_gets_a_readable_label_with_proper_names():
    d = _doc(_plan("TỈNH ĐỒNG NAI", "ngày 20 tháng 11 năm 2025",
                   "TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030 "
                   "TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI"))
    assert d.title == (
        "Triển khai thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 "
        "trên địa bàn tỉnh Đồng Nai"
    )
    d = _doc(_plan("TỈNH QUẢNG NGÃI", "ngày 20 tháng 11 năm 2025",
                   "BÌNH ĐẲNG GIỚI VÀ “THÁNG HÀNH ĐỘNG” TẠI CƠ QUAN NHÀ NƯỚC, QUẢN LÝ CỦA TỈNH QUẢNG NGÃI"))
    # "ĐẲNG" is not "Đảng", "QUẢN" is not the type word "quận"
    assert d.title == "Bình đẳng giới và “Tháng hành động” tại cơ quan Nhà nước, quản lý của tỉnh Quảng Ngãi"


def test_title_in_ordinary_case_is_kept():
    d = _doc(_plan("TỈNH ĐỒNG NAI", "ngày 20 tháng 11 năm 2025", "Truyền thông về Luật Bình đẳng giới năm 2025"))
    assert d.title == "Truyền thông về Luật Bình đẳng giới năm 2025"


def test_a_full_date_in_the_title_is_a_moment_not_a_period():
    d = _doc(_plan("TỈNH QUẢNG NGÃI", "ngày 21 tháng 11 năm 2025",
                   "KIỂM KÊ TÀI SẢN CÔNG THỜI ĐIỂM 0H00 NGÀY 01 THÁNG 01 NĂM 2026"))
    assert d.period is None
    d = _doc(_plan("TỈNH QUẢNG NGÃI", "ngày 21 tháng 11 năm 2025", "KIỂM KÊ TÀI SẢN CÔNG NĂM 2026"))
    assert d.period == (2026, 2026)


_DECISION = (
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 88/QĐ-UBND\nAn Giang, ngày 02 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\n"
    "VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG THIÊN TAI NĂM 2026\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG\n\nCăn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;\n\n"
    "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai và tìm kiếm "
    "cứu nạn trên địa bàn tỉnh năm 2026.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\n"
    "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Bình\n\n"
)
_ATTACHED = (
    "KẾ HOẠCH\n\nPHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TRÊN ĐỊA BÀN TỈNH AN GIANG NĂM 2026\n\n"
    "(Kèm theo Quyết định số 88/QĐ-UBND ngày 02/12/2025 của Chủ tịch Ủy ban nhân dân tỉnh)\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n"
)


def test_decision_with_the_plan_attached_is_one_plan_titled_by_the_plan():
    x = extract_plan(_DECISION + _ATTACHED)
    d = x.document
    assert (d.number, d.date, d.unit_name) == ("88/QĐ-UBND", "2025-12-02", "tỉnh An Giang")
    assert d.title == "Phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn tỉnh An Giang năm 2026"
    assert d.period == (2026, 2026) and "attached-to-decision" in d.flags
    assert x.signatory is not None and x.signatory.name == "Lê Văn Bình"


def test_decision_without_the_attached_heading_is_titled_by_its_article_1():
    d = _doc(_DECISION)
    assert d.title == "Phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn tỉnh năm 2026"
    assert d.number == "88/QĐ-UBND"


def test_issuing_sentence_with_the_type_only_takes_the_name_of_the_letterhead():
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 12/KH-UBND\nngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
        "TRUYỀN THÔNG NĂM 2024\n\nỦy ban nhân dân thành phố ban hành Kế hoạch như sau:\n\nI. MỤC TIÊU\n"
    )
    d = _doc(text)
    assert (d.unit_name, d.level, d.issuer.name) == (
        "thành phố Cần Thơ", "province", "Ủy ban nhân dân thành phố Cần Thơ"
    )


def test_decision_approving_the_plan_in_article_1():
    text = _DECISION.replace(
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch", "Điều 1. Phê duyệt Kế hoạch"
    ).replace("năm 2026.\n\nĐiều 2", "năm 2026 (chi tiết tại Kế hoạch kèm theo).\n\nĐiều 2")
    text = text.replace("Căn cứ Luật", "Căn cứ Quyết định số 12/QĐ-TTg phê duyệt Kế hoạch quốc gia;\n\nCăn cứ Luật")
    d = _doc(text)
    assert d.title == "Phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn tỉnh năm 2026"
