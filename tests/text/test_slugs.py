"""kg/text/slugs.py: ``fold`` drops the non-spacing marks through a translation table filled as
characters are met; the same keys as dropping every character of category Mn one by one."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kg.text.slugs import fold, slugify


def fold_by_category(text: str) -> str:
    """``fold`` as it was written: each character's category looked up."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


VIETNAMESE = "".join(chr(cp) for cp in range(0xC0, 0x1EFA) if chr(cp).isalpha())


def test_every_latin_and_vietnamese_letter_folds_as_by_category() -> None:
    assert fold(VIETNAMESE) == fold_by_category(VIETNAMESE)
    assert fold("  Ủy ban\tnhân dân  tỉnh Đắk Lắk ") == "uy ban nhan dan tinh dak lak"
    assert fold("Ủy ban nhân dân") == "uy ban nhan dan"  # decomposed input
    for text in ("a\u302a\u3099b Ế", "ký \U0001d167x", "\u3000ế", "\u2fffế"):  # marks past the listed code points
        assert fold(text) == fold_by_category(text)
    assert slugify("Sở Lao động - Thương binh & Xã hội") == "so-lao-dong-thuong-binh-xa-hoi"


@given(st.text(max_size=40))
def test_any_text_folds_as_by_category(text: str) -> None:
    assert fold(text) == fold_by_category(text)
