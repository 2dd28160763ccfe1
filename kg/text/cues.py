"""Cue words: readable Vietnamese phrases turned into OCR-tolerant patterns over folded text.

Extraction rules match :func:`fold_rules` text (lower case, no diacritics, digits inside words read
as letters: :func:`kg.text.normalize.loose`). A cue is written as a reader writes it, and
:func:`cue` makes its pattern:

- a letter written without a diacritic must be there: OCR reads plain letters right;
- a vowel written with a diacritic (what OCR garbles: "B6" for "Bộ", "vé" for "về", "gidi" for
  "giới") may be read as any one character (a letter, a digit or "'"), or two when it carries two
  marks ("thirc" for "thức"); with ``wide=True`` any marked vowel may be two ("ndam" for "năm");
- "đ" may be read as "d" or "p" ("Pén" for "Đến");
- a space is whitespace (``space=``: :data:`SPACE`, one or more; :data:`SPACE_OR_COMMA`, also
  commas, for lists such as "các chương trình, đề án"; :data:`ANY_SPACE`, also none, for rules that
  accept words OCR ran together, "hangnam");
- "/" may have spaces around it ("bài / năm");
- anything else ("%", digits) stands for itself.

So ``cue("hội nghị")`` matches "hội nghị", "hoi nghi", "hdi nghi", "h6i nghj"; ``cue("hoi")`` (no
diacritic) only "hoi": a short word whose wildcard would also take common words ("quý" → "quá") is
written plain, and an OCR spelling the rule does not cover is one more phrase ("tir" for "từ").
:func:`words` joins phrases into one whole-word alternation.
"""

from __future__ import annotations

import re
import unicodedata

from kg.text.normalize import fold_keep, loose

SPACE = r"\s+"
SPACE_OR_COMMA = r"[\s,]+"
ANY_SPACE = r"\s*"
_OCR_VOWEL = r"[a-z0-9']{1,2}"
_PLAIN_VOWELS = "aeiouy"
# vowels with diacritics (ă â ê ô ơ ư and every toned vowel): the letters OCR garbles → how many marks
_MARKS = {
    ch: len(unicodedata.normalize("NFD", ch)) - 1
    for cp in range(0xC0, 0x1EFA)
    if (ch := chr(cp)).islower() and fold_keep(ch) in _PLAIN_VOWELS and ch not in _PLAIN_VOWELS
}
_OCR_VOWEL_ONE = r"[a-z0-9']"
_LONG_SPACE = re.compile(r"\s\s{20,}")  # \s{21,}, written to start with one \s: a faster scan


def fold_rules(text: str) -> str:
    """:func:`kg.text.normalize.loose` for keyword rules: same length, and a whitespace run longer
    than 20 characters (a layout gap) becomes one space and filler, so that patterns with
    ``\\s+`` stay linear on any input.
    """
    return _LONG_SPACE.sub(lambda m: " " + "\x00" * (len(m.group(0)) - 1), loose(text))


def cue(phrase: str, *, space: str = SPACE, wide: bool = False) -> str:
    """The regex source (without word boundaries) of one readable phrase; see the module docstring."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", phrase.strip().lower()):
        if ch.isspace():
            if out[-1:] != [space]:
                out.append(space)
        elif ch == "/":
            out.append(r"\s*/\s*" if out else r"/\s*")
        elif ch == "đ":
            out.append("[dp]")
        elif ch in _MARKS:
            out.append(_OCR_VOWEL if wide or _MARKS[ch] > 1 else _OCR_VOWEL_ONE)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def words(*phrases: str, space: str = SPACE, wide: bool = False) -> str:
    """A regex source matching any of ``phrases`` as whole words (no letter or digit just before or
    after; a phrase that starts or ends with a sign, "/năm", is bounded on its word side only)."""
    parts = []
    for phrase in phrases:
        p = phrase.strip()
        right = r"\b" if p[-1:].isalnum() else ""
        source = cue(p, space=space, wide=wide) + right
        parts.extend(word_start(source) if p[:1].isalnum() else [source])
    return "(?:" + "|".join(parts) + ")"


_FIRST_LETTER = re.compile(r"([a-z0-9])(?![?*+{])|\[dp\](?![?*+{])")


def word_start(source: str) -> list[str]:
    """``\\b`` + ``source`` (which starts with a word character) as alternatives that start with a letter
    when ``source`` starts with one, or with "[dp]" (a "đ"): the boundary is checked behind that letter,
    ``c(?<!\\wc)…`` (no word character before it), as ``\\b`` would before it. Same matches; a search
    skips ahead to those letters instead of checking the boundary at every position."""
    first = _FIRST_LETTER.match(source)
    if not first:
        return [r"\b" + source]
    letters = first.group(1) or "dp"
    rest = source[first.end() :]
    return [rf"{c}(?<!\w{c}){rest}" for c in letters]


def joined(*phrases: str) -> str:
    """A regex source (no boundaries) matching any of ``phrases`` as labels and role words are read: words
    possibly run together ("Chủtrì", "báocáo"), every marked vowel wide."""
    return "(?:" + "|".join(cue(p, space=ANY_SPACE, wide=True) for p in phrases) + ")"


def after_non_letter(source: str) -> str:
    """``(?<![a-z])`` + ``source``, written so that the pattern starts with letters: the look-behind
    follows the first letter of ``source`` (or of each of its alternatives, ``(?:a…|b…)``), as in
    ``c(?<![a-z]c)h…``. Same matches; a search then skips ahead to those letters instead of trying
    the look-behind at every position of the text."""
    branches = _alternatives(source[3:-1]) if source.startswith("(?:") and source.endswith(")") else None
    if branches is None:
        branches = [source]
    if not all(b[:1].isalpha() and b[:1].islower() for b in branches):
        return r"(?<![a-z])" + source
    out = "|".join(f"{b[0]}(?<![a-z]{b[0]}){b[1:]}" for b in branches)
    return f"(?:{out})" if source.startswith("(?:") else out


def _alternatives(body: str) -> list[str] | None:
    """The top-level alternatives of a group's body, or None when the group closes early."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: skip to its end (a "]" first in it is literal)
            i += 2 if body[i + 1 : i + 2] == "^" else 1
            i += 1 if body[i : i + 1] == "]" else 0
            while i < len(body) and body[i] != "]":
                i += 2 if body[i] == "\\" else 1
            i += 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return out


_SIMPLE_CLASS = re.compile(r"\[([^\]\[\\^-][^\]\[\\-]*)\]")  # "[dp]", "[a4&@d]": listed characters only
_PLAIN_CHAR = re.compile(r"[^\\\[\](){}?*+|^$.]")
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}|\+")


def by_first_character(branches: list[tuple[str, str]], before: str) -> tuple[str, dict[str, str]] | None:
    """``(?<!before)(?:(?P<name>source)|…)`` for ``branches`` (name, source) tried in order, written
    so that a search runs fast: grouped by the character they start with, each group after that
    character (``b(?<!{before}b)(?:(?P<p0>…)|…)|c…``), so that the pattern starts with literal
    characters and a branch is tried only where its first character stands. Same matches, same
    ``start``, ``end`` and ``lastgroup`` (a group no longer holds its first character); a branch in
    several groups gets a name per group: the second value maps each name to the branch's.

    Each source must start with a plain character or a class of listed characters ("[dp]"), maybe
    repeated ("{1,2}", "+"); else None (the caller keeps its plain alternation). ``before``: one
    character class."""
    firsts: list[tuple[list[str], str]] = []  # (characters it may start with, the source after one of them)
    for _, source in branches:
        cls = _SIMPLE_CLASS.match(source)
        plain = _PLAIN_CHAR.match(source) if not cls else None
        if not (cls or plain):
            return None
        token = source[: (cls or plain).end()]  # type: ignore[union-attr]
        chars = list(dict.fromkeys(cls.group(1))) if cls else [source[0]]
        rest = source[len(token) :]
        rep = _REPEAT.match(rest)
        if rest[:1] in ("?", "*") or (rep and rep.group(1) == "0"):
            return None
        if rep:  # one of the repeats taken as the first character
            low, high = (1, None) if rep.group(0) == "+" else (int(rep.group(1)), rep.group(2))
            more = "*" if high == "" or high is None and rep.group(0) == "+" else (
                f"{{{low - 1}}}" if high is None else f"{{{low - 1},{int(high) - 1}}}"
            )
            rest = token + more + rest[rep.end() :]
        firsts.append((chars, rest))
    order = list(dict.fromkeys(c for chars, _ in firsts for c in chars))
    names: dict[str, str] = {}
    groups = []
    for c in order:
        alts = []
        for (name, _), (chars, rest) in zip(branches, firsts, strict=True):
            if c in chars:
                own = name if name not in names else f"{name}x{len(names)}"
                names[own] = name
                alts.append(f"(?P<{own}>{rest})")
            else:
                continue
        lit = re.escape(c)
        groups.append(f"{lit}(?<!{before}{lit})(?:{'|'.join(alts)})")
    return "(?:" + "|".join(groups) + ")", names


def first_characters(source: str) -> frozenset[str] | None:
    """The characters a match of ``source`` can start with, when its start is a plain character, a
    class of listed characters or a group of such alternatives ("(?:u[rw]?|w|y)"); else None."""
    if source.startswith("(?:"):
        close = _group_end(source)
        branches = _alternatives(source[3:close]) if close is not None else None
        if branches is None or source[close + 1 : close + 2] in ("?", "*", "{"):
            return None
        found = [first_characters(b) for b in branches]
        return None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
    cls = _SIMPLE_CLASS.match(source)
    plain = _PLAIN_CHAR.match(source) if not cls else None
    if not (cls or plain):
        return None
    rest = source[(cls or plain).end() :]  # type: ignore[union-attr]
    rep = _REPEAT.match(rest)
    if rest[:1] in ("?", "*") or (rep and rep.group(1) == "0"):
        return None
    return frozenset(cls.group(1)) if cls else frozenset(source[0])


def _group_end(source: str) -> int | None:
    """The index of the ")" closing the group that opens ``source``."""
    depth, i = 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            i += 1 if source[i : i + 1] == "]" else 0
            while i < len(source) and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
