"""Text normalisation for extraction: length-preserving folding, OCR tolerance, dates, numbers.

Extraction matches on *folded* text but reports spans into the original text, so every
folding function here keeps the length of its input (one output character per input
character). :func:`kg.rdf.namespaces.fold` is the collapsing variant used for keys and slugs.

OCR output of Vietnamese documents loses most diacritics and confuses some letters with
digits or symbols ("S6" for "Số", "hdi" for "hội", "Poan" for "Đoàn", "hi¢p" for "hiệp").
:func:`loose` maps those confusions to plain letters so that keyword rules written for
clean text also match OCR text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

# --- length-preserving folding ------------------------------------------------------------


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        if len(low) != 1:
            continue
        if low != ch:
            table[cp] = low
    table[ord("Đ")] = "d"
    table[ord("đ")] = "d"
    table[ord("Ð")] = "d"
    return table


_FOLD_TABLE = _build_fold_table()

# OCR confusions mapped to the letter they usually stand for (same length).
_LOOSE_EXTRA = {
    ord("€"): "e",
    ord("¢"): "e",
    ord("|"): "i",
    ord("&"): "a",
    ord("@"): "a",
    ord("¥"): "y",
    ord("§"): "y",
    ord("’"): "'",
}


def fold_keep(text: str) -> str:
    """Lower-case and strip diacritics (đ → d), one output character per input character."""
    return _fold_big(text) if len(text) > 2000 else text.translate(_FOLD_LIST)


@lru_cache(maxsize=8)
def _fold_big(text: str) -> str:
    return _through_charmap(text, _FOLD_DECODING, _FOLD_LIST)


_DIGIT_MAP = str.maketrans({"6": "o", "0": "o", "4": "a", "1": "i", "3": "a", "8": "o", "5": "s"})
_LOOSE_TABLE = dict(_FOLD_TABLE)
_LOOSE_TABLE.update(_LOOSE_EXTRA)


def _as_list(table: dict[int, str]) -> list[str]:
    """``table`` for str.translate as a list over the code points below U+3000 (Latin, Vietnamese,
    punctuation, symbols, dingbats; each mapped to itself where the table leaves it): the same
    translation, several times faster. With a dict, every character the table leaves raises a KeyError
    inside str.translate; the list answers them (past its end, an IndexError keeps the character, as
    the KeyError did)."""
    return [table.get(cp, chr(cp)) for cp in range(_LISTED)]


_LISTED = 0x3000
_FOLD_LIST = _as_list(_FOLD_TABLE)
_LOOSE_LIST = _as_list(_LOOSE_TABLE)


def loose(text: str) -> str:
    """:func:`fold_keep` plus OCR confusions: digits inside words become letters ("s6" → "so").

    Same length as the input. Use it for matching keywords and names, never for output.
    Memoised: whole plans are looked at by several extractors, phrases recur across plans.
    """
    return _loose_big(text) if len(text) > 2000 else _loose_small(text)


def _loose(text: str) -> str:
    return _letters_for_digits(text.translate(_LOOSE_LIST))


def _letters_for_digits(folded: str) -> str:
    """Every run of digits next to a letter ("s6", "6a") read as letters."""
    return _DIGITS_BY_LETTER.sub(_digits_as_letters, folded)


def _digits_as_letters(m: re.Match[str]) -> str:
    return m.group().translate(_DIGIT_MAP)


# a whole run of digits led or followed by a letter (a match cannot start inside a run: where it would,
# the run's first digit matches); led by the digit, so that a search skips to the digits
_DIGITS_BY_LETTER = re.compile(r"[0-9](?:(?<=[a-z][0-9])[0-9]*|[0-9]*(?=[a-z]))")
_loose_small = lru_cache(maxsize=8192)(_loose)


@lru_cache(maxsize=8)
def _loose_big(text: str) -> str:
    return _letters_for_digits(_through_charmap(text, _LOOSE_DECODING, _LOOSE_LIST))


# Whole texts are translated through the charmap codec, one byte per character of an alphabet of 256
# (ASCII without most control characters, the 134 Vietnamese letters, common punctuation): C loops
# over a compact table, not a lookup of an int object per character as in str.translate. A text with a
# character outside the alphabet is translated by str.translate; both give the same string.
_VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_ALPHABET = (  # the first character must be NUL for codecs.charmap_build to build its compact map
    "\x00\t\n\x0b\x0c\r" + "".join(map(chr, range(0x20, 0x7F))) + _VIETNAMESE + _VIETNAMESE.upper()
    + "“”‘’–—…•·≥≤≈×°¢€¥§«»\xa0"
)
_ENCODING_MAP = codecs.charmap_build(_ALPHABET)
_FOLD_DECODING = "".join(_FOLD_LIST[ord(ch)] for ch in _ALPHABET)
_LOOSE_DECODING = "".join(_LOOSE_LIST[ord(ch)] for ch in _ALPHABET)


def _through_charmap(text: str, decoding: str, table: list[str]) -> str:
    """``text.translate(table)``, where ``decoding`` lists the table's image of each character of the
    alphabet."""
    code = _charmap_code(text)
    return text.translate(table) if code is None else codecs.charmap_decode(code, "strict", decoding)[0]


@lru_cache(maxsize=8)  # a whole text is both folded and loosened: encoded once
def _charmap_code(text: str) -> bytes | None:
    """``text`` in the charmap codec of the alphabet, None for a text with a character outside it."""
    try:
        return codecs.charmap_encode(text, "strict", _ENCODING_MAP)[0]
    except UnicodeEncodeError:
        return None


def forget_whole_texts() -> None:
    """Forget the memoised foldings of whole texts (over 2,000 characters): a benchmark that repeats a
    few plans then measures them as a corpus of distinct plans would run (bench/extract_speed.py)."""
    _fold_big.cache_clear()
    _loose_big.cache_clear()
    _charmap_code.cache_clear()


def looks_ocr(text: str) -> bool:
    """True when the text has too few Vietnamese diacritics for its length (an OCR copy).

    Vietnamese prose carries a diacritic on roughly a third of its letters; OCR output
    that lost them has almost none.
    """
    sample = text[:3000]
    # the characters less the runs of non-letters (about one a word), not one match per letter
    letters = len(sample) - sum(map(len, _NON_LETTERS.findall(sample)))
    if letters < 200:
        return False
    marked = sum(map(len, _MARKED.findall(sample)))
    return marked / letters < 0.08


_NON_LETTERS = re.compile(r"[\W\d_]+")
_MARKED = re.compile(
    "["
    + "".join(
        sorted(
            {
                chr(cp)
                for cp in range(0xE0, 0x1EFA)
                if chr(cp).islower()
                and chr(cp).isalpha()
                and unicodedata.normalize("NFD", chr(cp))[0] != chr(cp)
                or chr(cp) == "đ"
            }
        )
    )
    + "]"
)
_MARKED = re.compile(_MARKED.pattern + _MARKED.pattern + "*")  # [x][x]*, not [x]+: a search skips ahead to x


# --- labels --------------------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_WS = re.compile(r"\s+")
_MARKUP = re.compile(r"[*_#`]+")


def clean_label(text: str) -> str:
    """A one-line label: markdown markers removed, whitespace collapsed, trailing punctuation cut."""
    text = _MARKUP.sub("", text)
    text = _WS.sub(" ", text).strip()
    return text.strip(" .,;:-–")


def rstrip_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text before ``end``: where the text before ``end``
    ends without its trailing whitespace."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def squash(text: str) -> str:
    """Collapse whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


# --- numbers and dates ---------------------------------------------------------------------


def to_int(text: str) -> int | None:
    """Parse a small integer written with OCR confusions ("O9" → 9, "l5" → 15)."""
    t = text.strip().translate(str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}))
    return int(t) if t.isdigit() else None


def iso_date(year: int | None, month: int | None, day: int | None) -> tuple[str | None, str | None]:
    """(ISO string, precision) for a possibly partial date; invalid parts are dropped."""
    if year is None or not 1900 <= year <= 2100:
        return None, None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}", "year"
    if day is None or not 1 <= day <= _days_in_month(year, month):
        return f"{year:04d}-{month:02d}", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


# "ngày 16 tháng 12 năm 2022", OCR "ngay 16 thang 12 ndam 2022", blank day "ngày tháng 3 năm 2022"
DATE_WORDS = re.compile(
    r"ng[a-z]{1,3}\s*(?P<d>[0-9Ool]{1,2})?\s*th[a-z]{1,3}\s*(?P<m>[0-9Ool]{1,2})\s*n[a-z]{1,3}\s*(?P<y>(?:19|20)\d\d)"
)
# "16/12/2022", "14-3-2022", "16.12.2022"
DATE_NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)(?!\d)"
)


def parse_date(text: str) -> tuple[str | None, str | None]:
    """The first date in ``text`` (clean or OCR), as (ISO string, precision)."""
    low = loose(text)
    m = DATE_WORDS.search(low)
    n = DATE_NUMERIC.search(low)
    if n and (not m or n.start() < m.start()):
        return iso_date(int(n["y"]), int(n["m"]), int(n["d"]))
    if m:
        day = to_int(m["d"]) if m["d"] else None
        return iso_date(int(m["y"]), to_int(m["m"]), day)
    return None, None


@lru_cache(maxsize=64)
def roman_value(token: str) -> int | None:
    """Value of a roman numeral, tolerating OCR ("|" or "l" or "1" for I after an I): "I11" → 3."""
    t = token.strip().upper().replace("|", "I").replace("L", "I")
    if t and t[0] == "I":
        t = t.replace("1", "I")
    if not t or not re.fullmatch(r"[IVX]+", t):
        return None
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(t):
        v = values[ch]
        total += -v if i + 1 < len(t) and values[t[i + 1]] > v else v
    return total if 0 < total < 40 else None
