"""kg.lexicon.gazetteer: accent-insensitive, OCR-tolerant agency names; provinces across the 2025 reform."""

import pytest

from kg.lexicon import find_agencies, find_provinces, province_for, restore


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("S¢ Lao dong-TBXH HP", "Sở Lao động - Thương binh và Xã hội"),
        ("Phong Lao dong - Thuong binh va Xa hdi", "Phòng Lao động - Thương binh và Xã hội"),
        ("Phòng Văn hóa – thông tin", "Phòng Văn hóa và Thông tin"),
        ("Phong Van hoa-Thong tin", "Phòng Văn hóa và Thông tin"),
        ("Poan TNCS H6 Chi Minh quan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ("Hoi Lién hiép phu nit quan", "Hội Liên hiệp Phụ nữ"),
        ("UBMTTQVN thành phố", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("Văn phòng HDND-UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
        ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
        ("Bộ Lao động TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ],
)
def test_agency_spellings_resolve_to_one_canonical_name(written, canonical):
    found = find_agencies(written)
    assert found and found[0][2].name == canonical


def test_longest_name_wins_between_similar_departments():
    names = [e.name for _, _, e in find_agencies("Sở Văn hóa, Thể thao và Du lịch; Sở Văn hóa và Thể thao")]
    assert names == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]


def test_party_committee_is_not_read_inside_quan_uy_ban():
    # "quận và Ủy ban nhân dân": not "Quận ủy"
    names = [e.name for _, _, e in find_agencies("Đoàn TNCS Hồ Chí Minh quận và Ủy ban nhân dân các phường")]
    assert "Quận ủy" not in names


def test_province_names_and_merger_successors():
    slugs = [
        s for _, _, s in find_provinces("tỉnh Thừa Thiên Huế (nay là thành phố Huế), thanh pho Hai Phong")
    ]
    assert slugs == ["thua-thien-hue", "hue", "hai-phong"]
    assert province_for("hai-phong", "2026-04").slug == "hai-phong-2025"  # merged, same name
    assert province_for("hai-phong", "2022-12-16").slug == "hai-phong"
    assert province_for("lai-chau", "2026-04").slug == "lai-chau"  # unchanged
    assert province_for("bac-kan", "2026-01-01").slug == "bac-kan"  # merged under another name: kept


def test_restore_diacritics_of_ocr_words():
    assert restore("Cac ban, nganh, doan thé quan") == "Các ban, ngành, đoàn thể quận"
    assert restore("Dwong Durc Hoan", names=True) == "Dương Đức Hoan"


def test_a_name_syllable_the_lexicon_lacks_is_kept_not_corrected():
    # "Thinh" is a syllable of the language (Thịnh): without diacritics it is not an OCR error for
    # "Thanh" (a copy of a plan without diacritics; "Thinh" is not in the name lexicon)
    assert restore("Pham Van Thinh", names=True) == "Phạm Văn Thinh"
    assert restore("Dwong Durc Hoan", names=True) == "Dương Đức Hoan"  # OCR damage: still corrected
