"""Plain-text decoding: byte-order marks, UTF-8, UTF-16 without BOM, Windows-1258 (Vietnamese code
page, tone marks as combining characters, composed to NFC), UTF-8 with a few damaged bytes; TCVN3
(ABC) and VNI font encodings detected and refused with a conversion hint. :func:`finish` gives every
reader's text its final form (``\\n`` line breaks, plain spaces, no stray controls, NFC).
"""

from __future__ import annotations

import re
import unicodedata

from kg.errors import InputError

_CONVERT_HINT = (
    "convert it to Unicode first (e.g. UniKey's converter: source TCVN3 or VNI, "
    "target Unicode) and save it as UTF-8"
)
SAVE_UTF8_HINT = "open it in a text editor and save it as UTF-8"

# Vietnamese letters (NFC): the 12 vowels × 6 tones, both cases, and đ/Đ.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for vowels in (_VOWELS, _VOWELS.upper())
    for vowel in vowels
    for tone in _TONES
) | {"đ", "Đ"}
# Those outside Latin-1: a Unicode Vietnamese text is full of them, a mis-decoded one has none.
_VIETNAMESE_ONLY = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)
# Latin-1 symbols that real Vietnamese text uses (µ ¸ ¹ · § ¶ are TCVN3 letters: not here).
_PLAIN_LATIN1 = frozenset("\u00a0«»°±×÷²³½¼¾©®")
_LATIN1_OK = VIETNAMESE_LETTERS | _PLAIN_LATIN1

# (each regex below finds in one C pass what a loop over every character of a plan used to count)
# Latin-1 signs no Vietnamese word has: TCVN3 or VNI text shown as Latin-1 is full of them
_LEGACY_SIGN = re.compile("[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _LATIN1_OK) + "]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls other than whitespace, and DEL

_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})  # no-break spaces: one for one
_TRANSLATED = re.compile("[\f\v\x85\u2028\u2029\u00a0\u2007\u202f]")  # what the two tables change
_STRAY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def decode(data: bytes, name: str, warnings: list[str]) -> str:
    """Decode a plain-text file: BOM, UTF-16 without BOM, UTF-8, Windows-1258 when it reads as
    Vietnamese, UTF-8 with a few damaged bytes (they become U+FFFD); TCVN3/VNI and anything
    else are refused."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                problem = f"starts with a {label} byte-order mark but is not valid {label} (byte {exc.start})"
                raise InputError(name, problem, SAVE_UTF8_HINT) from None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise _binary(name)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise _binary(name) from None
        warnings.append(f"decoded as {codec.upper()} (no byte-order mark)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _too_many_controls(data.decode("latin-1")):
        raise _binary(name)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_vietnamese(text):
        warnings.append("decoded as Windows-1258 (Vietnamese code page), converted to Unicode")
        return text
    mostly = data.decode("utf-8", errors="replace")
    bad = mostly.count("\ufffd")
    if bad <= 3 or bad * 100 <= sum(1 for ch in mostly if ord(ch) > 0x7F and ch != "\ufffd"):
        warnings.append(f"{bad} damaged UTF-8 sequence(s) replaced with U+FFFD")
        return mostly  # UTF-8 with a few damaged bytes: keep the text, mark them
    if looks_like_legacy_font_encoding(data.decode("latin-1")):
        raise _legacy(name)
    problem = "text encoding not recognised (neither UTF-8, UTF-16 nor Windows-1258)"
    raise InputError(name, problem, SAVE_UTF8_HINT)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE without a BOM: ASCII characters put their NUL byte on one side."""
    sample = data[: 1 << 14]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _too_many_controls(text: str) -> bool:
    """Binary rather than text: C0 control characters (other than whitespace) in more than 1%
    of the first 64 KiB, and more than a handful of them (a stray one is removed, not fatal)."""
    sample = text[: 1 << 16]
    stray = len(_CONTROL.findall(sample))
    return stray > max(8, len(sample) // 100)


def _reads_as_vietnamese(text: str) -> bool:
    """True when the non-ASCII characters of ``text`` (NFC) are Vietnamese letters or plain symbols."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not non_ascii:
        return True
    odd = sum(1 for ch in non_ascii if ch not in VIETNAMESE_LETTERS and not _plain_symbol(ch))
    return odd <= max(2, len(non_ascii) // 50)


def _plain_symbol(ch: str) -> bool:
    return ch in _PLAIN_LATIN1 or 0x2000 <= ord(ch) <= 0x206F or 0x20A0 <= ord(ch) <= 0x214F


def looks_like_legacy_font_encoding(text: str) -> bool:
    """True when ``text`` reads like TCVN3 (ABC) or VNI bytes shown as Latin-1 ("KÕ ho¹ch",
    "Coäng hoøa"): Latin-1 signs that no Vietnamese word has, in at least 2% of the letters, and
    fewer real Vietnamese letters than such signs."""
    odd = len(_LEGACY_SIGN.findall(text))
    if odd < 5:
        return False
    vietnamese = sum(1 for ch in text if ch in _VIETNAMESE_ONLY)
    letters = sum(1 for ch in text if ch.isalpha())
    # In TCVN3/VNI text most words carry such a sign; in OCR noise ("¢" for "c") very few do.
    return odd > vietnamese and odd * 50 >= letters


def finish(text: str, name: str, warnings: list[str]) -> str:
    """Line breaks to ``\\n``, stray controls out, NFC; refuse binary, mis-encoded or empty text."""
    if _too_many_controls(text):
        raise _binary(name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TRANSLATED.search(text):
        text = text.translate(_LINE_BREAKS).translate(_SPACES)
    text, stray = _STRAY.subn("", text)
    if stray:
        warnings.append(f"{stray} stray control character(s) removed")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(name, "empty document (no text)", "check that the right file was given")
    if looks_like_legacy_font_encoding(text):
        raise _legacy(name)
    return text


def _binary(name: str) -> InputError:
    return InputError(
        name, "binary file, not a text document", "give a plan as UTF-8 .txt, .docx or .pdf with a text layer"
    )


def _legacy(name: str) -> InputError:
    return InputError(
        name,
        "looks like a legacy Vietnamese font encoding (TCVN3/ABC or VNI), not Unicode",
        _CONVERT_HINT,
    )
