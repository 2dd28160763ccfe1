"""kg.text.normalize: length-preserving folding, OCR tolerance, dates, roman numerals."""

from kg.text.normalize import fold_keep, iso_date, looks_ocr, loose, parse_date, roman_value


def test_fold_keep_preserves_length_so_spans_stay_valid():
    text = "Ủy ban nhân dân quận Hồng Bàng, Đoàn TNCS"
    folded = fold_keep(text)
    assert len(folded) == len(text)
    assert folded == "uy ban nhan dan quan hong bang, doan tncs"


def test_loose_maps_ocr_digits_inside_words():
    # OCR "S6:258" is "Số:258", "t6 chirc" is "tổ chức"; standalone numbers stay numbers
    assert loose("S6:258 /KH-UBND") == "so:258 /kh-ubnd"
    assert loose("t6 chirc 09 phuong") == "to chirc 09 phuong"
    assert len(loose("hi€u qué ¢")) == len("hi€u qué ¢")


def test_blank_day_gives_month_precision():
    assert parse_date("Bình Lư, ngày tháng 4 năm 2026") == ("2026-04", "month")


def test_ocr_date_words():
    assert parse_date("Hong Bang, ngay 16 thang 12 ndam 2022") == ("2022-12-16", "day")


def test_numeric_date_and_invalid_day():
    assert parse_date("ngày 14/3/2022") == ("2022-03-14", "day")
    assert iso_date(2022, 2, 30) == ("2022-02", "month")
    assert iso_date(None, 2, 3) == (None, None)


def test_roman_numerals_with_ocr_variants():
    assert roman_value("I11") == 3
    assert roman_value("|") == 1
    assert roman_value("IV") == 4
    assert roman_value("VI") == 6
    assert roman_value("ABC") is None


def test_looks_ocr_distinguishes_plain_ascii_copies():
    clean = "Ủy ban nhân dân thành phố ban hành Kế hoạch truyền thông về bình đẳng giới. " * 10
    ocr = "Uy ban nhan dan thanh pho ban hanh Ke hoach truyen thong ve binh dang gioi. " * 10
    assert not looks_ocr(clean)
    assert looks_ocr(ocr)
