"""The signatory of plans as published (issue 13): the name under the signature block, never a
heading, an appendix title, a place in brackets or an agency's abbreviation; a decision's block when
the plan is attached to a decision. Constructed text in the shape of real plans."""

from kg.extract import extract_plan

_BODY = "KẾ HOẠCH\nTruyền thông năm 2026\n\nI. MỤC TIÊU\nNội dung.\n\n"
_RECIPIENTS = "Nơi nhận:\n- Chủ tịch, các PCT UBND tỉnh;\n- Sở KH&CN;\n- Lưu: VT, KGVX.\n"


def _signatory(text: str):
    return extract_plan(text).signatory


def test_name_under_the_block_not_the_appendix_heading_after_it():
    s = _signatory(_BODY + _RECIPIENTS + "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMai Văn Lâm\n\n"
                   "PHỤ LỤC III\n\nVI. TỔ CHỨC THỰC HIỆN\n")
    assert (s.name, s.title) == ("Mai Văn Lâm", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")


def test_recipient_chu_tich_does_not_enter_the_title():
    s = _signatory(_BODY + _RECIPIENTS + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Hoa\n")
    assert s.title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"


def test_a_place_in_brackets_or_an_agency_abbreviation_is_not_a_name():
    text = _BODY + _RECIPIENTS + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nGiàng A Dơ\n\n(kèm theo của UBND tỉnh Sơn La)\n"
    assert _signatory(text).name == "Giàng A Dơ"
    assert _signatory(_BODY + "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nSở KH&CN\nSơn La)\n") is None
    assert _signatory(_BODY + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nSở KH&CN\nTrương Việt Dũng\n").name == "Trương Việt Dũng"


def test_names_of_other_shapes():
    for name in ("Rơ Châm H'Nhiên", "A Khiêm", "Chu Ngọc Anh", "Lưu Văn Bình", "Trương Việt Dũng", "Cấn Văn Lực"):
        assert _signatory(_BODY + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n" + name + "\n").name == name


def test_the_decision_authority_line_is_not_a_signature_block():
    text = (
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.\n\n"
        "Nơi nhận:\n- Như Điều 2;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Ngọc Sâm\n\n"
        "KẾ HOẠCH\nKiểm kê tài sản\n(Kèm theo Quyết định số 5/QĐ-UBND)\n\nI. MỤC ĐÍCH\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Khánh\n"
    )
    s = _signatory(text)  # several blocks: the decision's (the first) signs the plan it promulgates
    assert (s.name, s.title) == ("Nguyễn Ngọc Sâm", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")


def test_signature_block_in_table_cells():
    text = _BODY + "| Nơi nhận:<br>- Bộ KH&CN;<br>- Lưu: VT. | KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><br>Tống Thanh Hải |\n"
    s = _signatory(text)
    assert (s.name, s.title) == ("Tống Thanh Hải", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    assert text[s.span[1] - len("Tống Thanh Hải") : s.span[1]] == "Tống Thanh Hải"
