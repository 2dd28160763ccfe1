"""Known agencies (agency_fields.tsv × Bộ/Sở/Phòng, and agencies.tsv), found in text by any spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon.names import is_abbreviation, name_pattern, word_pattern
from kg.lexicon.tables import rows
from kg.text.cues import first_characters
from kg.text.normalize import fold_keep

TYPE_WORDS = {  # type word of a field agency → (canonical, orgtype, scope, OCR/abbreviated variants)
    "Bộ": ("Bộ", "ministry", "national", ("bo",)),
    "Sở": ("Sở", "department", "province", ("so",)),
    "Phòng": ("Phòng", "office", "local", ("phong", "p.")),
}


@dataclass(frozen=True)
class AgencyEntry:
    name: str  # canonical, without unit words: "Phòng Văn hóa và Thông tin"
    orgtype: str  # vnc:scheme-orgtype notation
    scope: str  # national | province | local
    english: str = ""


def _first_word(text: str) -> str:
    folded = fold_keep(text)
    m = re.match(r"[^a-z0-9]*([a-z0-9]+\.?)", folded)
    return m.group(1) if m else folded


def _head_pattern(word: str) -> str:
    if word.endswith("."):
        return re.escape(word)
    return word_pattern(word)


@lru_cache(maxsize=1)
def agency_entries() -> tuple[list[AgencyEntry], list[tuple[str, str, int]]]:
    """All canonical agencies and their (head pattern, pattern, entry index) variants."""
    entries: list[AgencyEntry] = []
    variants: list[tuple[str, str, int]] = []
    for row in rows("agency_fields.tsv"):
        field, types, alts = row[0], row[1].split(","), row[2] if len(row) > 2 else ""
        english = row[3] if len(row) > 3 else ""
        field_forms = [field] + [a for a in alts.split("|") if a]
        for t in types:
            canon, orgtype, scope, type_variants = TYPE_WORDS[t.strip()]
            entries.append(AgencyEntry(f"{canon} {field}", orgtype, scope, english))
            idx = len(entries) - 1
            for tv in type_variants:
                tpat = re.escape(tv) + r"\s*" if tv.endswith(".") else word_pattern(tv) + r"\s+"
                for form in field_forms:
                    variants.append((_head_pattern(tv), tpat + name_pattern(form), idx))
    for row in rows("agencies.tsv"):
        name, orgtype, scope = row[0], row[1], row[2]
        alts = row[3] if len(row) > 3 else ""
        english = row[4] if len(row) > 4 else ""
        entries.append(AgencyEntry(name, orgtype, scope, english))
        idx = len(entries) - 1
        for form in [name] + [a for a in alts.split("|") if a]:
            head = _first_word(form)
            head_pat = re.escape(head) if is_abbreviation(form) else _head_pattern(head)
            variants.append((head_pat, name_pattern(form), idx))
    return entries, variants


@lru_cache(maxsize=1)
def _agency_matchers() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], re.Pattern[str], list[int]]]]:
    """A fast regex of first words, and per first word (its regex, the regex of the full names)."""
    _, variants = agency_entries()
    by_head: dict[str, list[tuple[str, int]]] = {}
    for head, pat, idx in variants:
        by_head.setdefault(head, []).append((pat, idx))
    heads = sorted(by_head, key=len, reverse=True)
    end = r"(?![a-z0-9])"
    head_re = re.compile(
        r"(?<![a-z0-9])(?:" + "|".join(f"(?P<h{i}>{h}){end}" for i, h in enumerate(heads)) + ")"
    )
    groups = []
    for h in heads:
        pats = sorted(by_head[h], key=lambda v: -len(v[0]))
        alternation = "|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(pats))
        full = re.compile(r"(?:" + alternation + r")(?![a-z])")
        groups.append((re.compile(h + end), full, [i for _, i in pats]))
    return head_re, groups


@lru_cache(maxsize=1)
def _heads_by_character() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For the look-up of other first words at a place: the groups whose first word may start with
    each character, and those whose start is not known (tried everywhere), in group order."""
    _, variants = agency_entries()
    # the first words in _agency_matchers' order
    heads = sorted(dict.fromkeys(head for head, _, _ in variants), key=len, reverse=True)
    firsts = [first_characters(h) for h in heads]
    always = tuple(i for i, f in enumerate(firsts) if f is None)
    chars = {c for f in firsts if f for c in f}
    by_char = {c: tuple(i for i, f in enumerate(firsts) if f is None or c in f) for c in chars}
    return by_char, always


@lru_cache(maxsize=1)
def _head_finder() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]] | None:
    """A fast search for the first words of :func:`_agency_matchers`: a regex of the places where one may
    start (a word start with one of their first characters: a search skips ahead to those), and per first
    character the alternatives of that regex that may start with it, in order and with their group names
    (the match is the one of the whole regex). None when some first word may start with any character."""
    _, variants = agency_entries()
    heads = sorted(dict.fromkeys(head for head, _, _ in variants), key=len, reverse=True)
    by_char, always = _heads_by_character()
    if always:
        return None
    end = r"(?![a-z0-9])"
    matchers = {
        c: re.compile(r"(?<![a-z0-9])(?:" + "|".join(f"(?P<h{i}>{heads[i]}){end}" for i in idxs) + ")")
        for c, idxs in by_char.items()
    }
    starts = re.compile("[" + "".join(re.escape(c) for c in sorted(by_char)) + "](?<![a-z0-9].)")
    return starts, matchers


def _head_at_or_after(folded: str, pos: int) -> re.Match[str] | None:
    """``_agency_matchers()[0].search(folded, pos)``, faster: only the word starts where a first word may
    start are tried, each with the first words that may start with its character."""
    finder = _head_finder()
    if finder is None:
        return _agency_matchers()[0].search(folded, pos)
    starts, matchers = finder
    while True:
        c = starts.search(folded, pos)
        if c is None:
            return None
        h = matchers[folded[c.start()]].match(folded, c.start())
        if h:
            return h
        pos = c.start() + 1


def find_agencies(text: str) -> list[tuple[int, int, AgencyEntry]]:
    """Known agencies mentioned in ``text`` (any spelling), as (start, end, entry), in order."""
    return find_agencies_folded(fold_keep(text))


def find_agencies_folded(folded: str) -> list[tuple[int, int, AgencyEntry]]:
    """:func:`find_agencies` on text already passed through :func:`fold_keep`."""
    entries, _ = agency_entries()
    out = []
    pos = 0
    while True:
        h = _head_at_or_after(folded, pos)
        if not h:
            break
        best = _entry_at(folded, h)
        if best:
            out.append((h.start(), best[0], entries[best[1]]))
            pos = best[0]
        else:
            pos = h.end()
    return out


def _entry_at(folded: str, h: re.Match[str]) -> tuple[int, int] | None:
    """(end, entry index) of the known agency named where the first word ``h`` (a match of
    :func:`_agency_matchers`' regex) stands, else None."""
    _, groups = _agency_matchers()
    start = h.start()
    first = int((h.lastgroup or "h0")[1:])
    best: tuple[int, int] | None = None  # (end, entry index)
    _, full, idxs = groups[first]
    m = full.match(folded, start)
    if m:
        best = (m.end(), idxs[int((m.lastgroup or "g0")[1:])])
    else:  # another first word may match here too ("p." / "phong"): those that may start here
        by_char, always = _heads_by_character()
        for i in by_char.get(folded[start], always):
            head, full, idxs = groups[i]
            if i == first or not head.match(folded, start):
                continue
            m = full.match(folded, start)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), idxs[int((m.lastgroup or "g0")[1:])])
    return best


def agency_at(folded: str, pos: int) -> tuple[int, AgencyEntry] | None:
    """(end, entry) of a known agency starting exactly at ``pos`` of fold_keep'ed text, else None."""
    entries, _ = agency_entries()
    head_re, _ = _agency_matchers()
    if pos > 0 and folded[pos - 1].isalnum():
        return None
    if not head_re.match(folded, pos):
        return None
    window = folded[pos : pos + 160]  # a name is read within 160 characters, as by find_agencies
    h = head_re.match(window)
    best = _entry_at(window, h) if h else None
    return (pos + best[0], entries[best[1]]) if best else None


def match_agency(text: str) -> AgencyEntry | None:
    """The agency ``text`` names when it starts with a known agency name, else None."""
    found = find_agencies(text)
    if found and not text[: found[0][0]].strip(" -–.:;,*"):
        return found[0][2]
    return None
