"""The plain-text checks count with regexes (issue 15 item 3: reading a plan cost its worker 3 ms of
character loops); each counts exactly what its definition says, over every code point."""

from __future__ import annotations

from kg.readers import text as t

CHARS = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000) + "\U0001f600"


def test_legacy_signs_are_the_latin1_signs_no_vietnamese_word_has():
    expected = [ch for ch in CHARS if 0xA0 < ord(ch) <= 0xFF and ch not in t._LATIN1_OK]
    assert t._LEGACY_SIGN.findall(CHARS) == expected
    assert "µ" in expected and "«" not in expected and "à" not in expected


def test_controls_are_the_c0_controls_but_whitespace_and_del():
    expected = [ch for ch in CHARS if ch < " " and ch not in "\t\n\r\f\v" or ch == "\x7f"]
    assert t._CONTROL.findall(CHARS) == expected


def test_text_is_translated_only_when_it_holds_a_character_the_tables_change():
    changed = [ch for ch in CHARS if ch.translate(t._LINE_BREAKS).translate(t._SPACES) != ch]
    assert t._TRANSLATED.findall(CHARS) == changed
    assert t.finish("a\u00a0b\u2028c\fd", "x.txt", []) == "a b\nc\nd"
