"""The curated gazetteer (kg/lexicon/data/*.tsv): agencies, abbreviations, provinces, unit types.

Matching is accent-insensitive and OCR-tolerant: every name is compiled into a regular
expression over :func:`kg.text.normalize.fold_keep` text in which each vowel also accepts the
characters OCR confuses it with ("S6"/"S¢" for "Sở", "hdi" for "hội", "Poan" for "Đoàn",
"nit" for "nữ") and in which "và", "-", "," and "&" between words are interchangeable
("Văn hóa - Thông tin" = "Văn hóa và Thông tin"). Abbreviations ("LĐ-TB&XH", "VH-TT",
"GD&ĐT") match with or without their separators. Canonical names keep their diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.resources import LEXICON_DIR as DATA
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


@dataclass(frozen=True)
class Province:
    slug: str
    name: str  # "Hải Phòng"
    unit_type: str  # province | municipality
    valid_from: str = ""
    valid_until: str = ""
    successor: str = ""


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


# --- OCR-tolerant name patterns -------------------------------------------------------------

_CLASS = {
    "a": "[a4&@d]",
    "e": "[e€¢&3]",
    "o": "[o06d¢]",
    "i": "[i1l|]",
    "l": "[l1i|]",
    "u": "(?:u[rw]?|w|y|i[tr])",
    "d": "[dp]{1,2}",
    "c": "[c¢]",
}
_VOWELS = set("aeiouy")
# In long names (3+ words) a vowel may be any vowel-like OCR output: the consonants carry the name.
_SKELETON_VOWEL = "[aeiouywr0-9€¢&@|d]{1,3}"
_SEP = r"[\s\-–—]+"  # plain space in the canonical name
_JOIN = r"(?:[\s\-–—&,/.]+(?:va\s+)?)"  # "-", ",", "và" in the canonical name: interchangeable
_JOIN_ABBR = r"[\s\-–—&,/.]*"
_WORD = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


def _word(word: str, skeleton: bool = False) -> str:
    out = []
    vowel_run = False
    for ch in word:
        if skeleton and ch in _VOWELS:
            if not vowel_run:
                out.append(_SKELETON_VOWEL)
            vowel_run = True
            continue
        vowel_run = False
        out.append(_CLASS.get(ch, re.escape(ch)))
        if ch in _VOWELS:
            out.append("[16€¢e]?")  # OCR inserts a stray mark after a vowel ("Hoi1", "HO6", "hoéa")
    if skeleton and vowel_run:
        out.append("[tr]?")  # "nữ" read as "nit" / "nir"
    return "".join(out)


def _is_abbreviation(text: str) -> bool:
    return text.upper() == text and " " not in text.strip()


def name_pattern(text: str) -> str:
    """Regex source matching ``text`` in fold_keep'ed, possibly OCR'd text."""
    folded = fold_keep(text)
    pieces = _WORD.findall(folded)
    words = [p for p in pieces if p[0].isalnum() and p != "va"]
    if not words:
        return re.escape(folded)
    if _is_abbreviation(text):
        return _JOIN_ABBR.join(re.escape(w) for w in words)
    skeleton = len(words) >= 3
    out: list[str] = []
    pending_join = False
    for piece in pieces:
        if not piece[0].isalnum() or piece == "va":
            if piece == "va" or piece.strip():
                pending_join = True
            continue
        if out:
            out.append(_JOIN if pending_join else _SEP)
        out.append(_word(piece, skeleton and len(piece) > 1))
        pending_join = False
    if words[-1] == "uy":
        out.append(r"(?![\s\-]*ban)")  # "Quận ủy", not "quận Ủy ban …"
    return "".join(out)


def _head(pattern_words: list[str]) -> str:
    return pattern_words[0]


# --- agencies -------------------------------------------------------------------------------


def _first_word(text: str) -> str:
    folded = fold_keep(text)
    m = re.match(r"[^a-z0-9]*([a-z0-9]+\.?)", folded)
    return m.group(1) if m else folded


def _head_pattern(word: str) -> str:
    if word.endswith("."):
        return re.escape(word)
    return _word(word)


@lru_cache(maxsize=1)
def agency_entries() -> tuple[list[AgencyEntry], list[tuple[str, str, int]]]:
    """All canonical agencies and their (head pattern, pattern, entry index) variants."""
    entries: list[AgencyEntry] = []
    variants: list[tuple[str, str, int]] = []
    for row in _rows("agency_fields.tsv"):
        field, types, alts = row[0], row[1].split(","), row[2] if len(row) > 2 else ""
        english = row[3] if len(row) > 3 else ""
        field_forms = [field] + [a for a in alts.split("|") if a]
        for t in types:
            canon, orgtype, scope, type_variants = TYPE_WORDS[t.strip()]
            entries.append(AgencyEntry(f"{canon} {field}", orgtype, scope, english))
            idx = len(entries) - 1
            for tv in type_variants:
                tpat = re.escape(tv) + r"\s*" if tv.endswith(".") else _word(tv) + r"\s+"
                for form in field_forms:
                    variants.append((_head_pattern(tv), tpat + name_pattern(form), idx))
    for row in _rows("agencies.tsv"):
        name, orgtype, scope = row[0], row[1], row[2]
        alts = row[3] if len(row) > 3 else ""
        english = row[4] if len(row) > 4 else ""
        entries.append(AgencyEntry(name, orgtype, scope, english))
        idx = len(entries) - 1
        for form in [name] + [a for a in alts.split("|") if a]:
            head = _first_word(form)
            head_pat = re.escape(head) if _is_abbreviation(form) else _head_pattern(head)
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


def find_agencies(text: str) -> list[tuple[int, int, AgencyEntry]]:
    """Known agencies mentioned in ``text`` (any spelling), as (start, end, entry), in order."""
    return find_agencies_folded(fold_keep(text))


def find_agencies_folded(folded: str) -> list[tuple[int, int, AgencyEntry]]:
    """:func:`find_agencies` on text already passed through :func:`fold_keep`."""
    entries, _ = agency_entries()
    head_re, groups = _agency_matchers()
    out = []
    pos = 0
    while True:
        h = head_re.search(folded, pos)
        if not h:
            break
        start = h.start()
        first = int((h.lastgroup or "h0")[1:])
        best: tuple[int, int] | None = None  # (end, entry index)
        _, full, idxs = groups[first]
        m = full.match(folded, start)
        if m:
            best = (m.end(), idxs[int((m.lastgroup or "g0")[1:])])
        else:  # another first word may match here too ("p." / "phong")
            for i, (head, full, idxs) in enumerate(groups):
                if i == first or not head.match(folded, start):
                    continue
                m = full.match(folded, start)
                if m and (best is None or m.end() > best[0]):
                    best = (m.end(), idxs[int((m.lastgroup or "g0")[1:])])
        if best:
            out.append((start, best[0], entries[best[1]]))
            pos = best[0]
        else:
            pos = h.end()
    return out


def agency_at(folded: str, pos: int) -> tuple[int, AgencyEntry] | None:
    """(end, entry) of a known agency starting exactly at ``pos`` of fold_keep'ed text, else None."""
    entries, _ = agency_entries()
    head_re, groups = _agency_matchers()
    if pos > 0 and folded[pos - 1].isalnum():
        return None
    h = head_re.match(folded, pos)
    if not h:
        return None
    found = find_agencies_folded(folded[pos : pos + 160])
    if found and found[0][0] == 0:
        return pos + found[0][1], found[0][2]
    return None


def match_agency(text: str) -> AgencyEntry | None:
    """The agency ``text`` names when it starts with a known agency name, else None."""
    found = find_agencies(text)
    if found and not text[: found[0][0]].strip(" -–.:;,*"):
        return found[0][2]
    return None


# --- provinces and unit types -----------------------------------------------------------------


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    out = {}
    for row in _rows("provinces.tsv"):
        row = row + [""] * (7 - len(row))
        out[row[0]] = Province(row[0], row[1], row[2], row[3], row[4], row[5])
    return out


@lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}  # pattern group → slug (pre-2025 or unchanged slug first)
    parts = []
    seen_names: set[str] = set()
    rows = sorted(_rows("provinces.tsv"), key=lambda r: -len(r[1]))
    for row in rows:
        row = row + [""] * (7 - len(row))
        slug, name, alts = row[0], row[1], row[6]
        if slug.endswith("-2025"):
            continue  # same names as their predecessors; resolved by date in province_for()
        for form in [name] + [a for a in alts.split("|") if a]:
            key = fold_keep(form)
            if key in seen_names:
                continue
            seen_names.add(key)
            group = f"p{len(parts)}"
            names[group] = slug
            parts.append(f"(?P<{group}>{name_pattern(form)})")
    regex = re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z])")
    return regex, names


def find_provinces(text: str) -> list[tuple[int, int, str]]:
    """Province names in ``text`` as (start, end, slug of the name as it was before 2025)."""
    regex, names = _province_regex()
    return [(m.start(), m.end(), names[m.lastgroup or ""]) for m in regex.finditer(fold_keep(text))]


def province_for(slug: str, date: str | None) -> Province:
    """The province a name designates at ``date`` (ISO, may be partial): after a merger that
    kept the name, the new unit (``hai-phong`` in 2026 → ``hai-phong-2025``)."""
    table = provinces()
    p = table[slug]
    when = (date or "")[:10]
    if when and p.valid_until and when > p.valid_until and p.successor:
        successor = table.get(p.successor)
        if successor and fold_keep(successor.name) == fold_keep(p.name):
            return successor
        if slug == "thua-thien-hue" and successor:
            return successor
    return p


@lru_cache(maxsize=1)
def unit_types() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(notation, level, type word, variants) of each unit type."""
    out = []
    for row in _rows("unit_types.tsv"):
        row = row + [""] * (5 - len(row))
        out.append((row[0], row[1], row[2], tuple(v for v in row[3].split("|") if v)))
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("abbreviations.tsv") if len(row) > 1}


# --- lower units and OCR restoration ----------------------------------------------------------


@lru_cache(maxsize=1)
def districts() -> list[tuple[str, str, str]]:
    """(province slug, unit type, name) of the curated lower units."""
    return [(r[0], r[1], r[2]) for r in _rows("districts.tsv") if len(r) >= 3]


@lru_cache(maxsize=1)
def _district_patterns() -> list[tuple[re.Pattern[str], tuple[str, str, str]]]:
    return [(re.compile(name_pattern(row[2])), row) for row in districts()]


@lru_cache(maxsize=4096)
def find_district(name: str, province: str | None = None) -> tuple[str, str, str] | None:
    """The curated lower unit whose name is ``name`` (any spelling, OCR tolerated)."""
    folded = fold_keep(name).strip()
    for pattern, row in _district_patterns():
        prov = row[0]
        if province and prov != province and not prov.startswith(province.split("-2025")[0]):
            continue
        if pattern.fullmatch(folded):
            return row
    return None


@lru_cache(maxsize=2)
def lexicon(names: bool = False) -> tuple[dict[str, str], int, frozenset[str]]:
    """Folded word or phrase → spelling with diacritics; longest phrase (words); known folded words.

    ``names=True`` uses the person-name syllables instead of the general vocabulary.
    """
    table = {}
    longest = 1
    for row in _rows("lexicon.tsv"):
        if len(row) < 2 or (len(row) > 2 and row[2] == "name") != names:
            continue
        table[row[0]] = row[1]
        longest = max(longest, len(row[0].split()))
    vocab = frozenset(w for k in table for w in k.split())
    return table, longest, vocab


@lru_cache(maxsize=2)
def _phrase_lengths(names: bool = False) -> dict[str, tuple[int, ...]]:
    """First word of each lexicon entry → the entry lengths (in words), longest first."""
    table, _, _ = lexicon(names)
    out: dict[str, set[int]] = {}
    for k in table:
        words = k.split()
        out.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(n, reverse=True)) for w, n in out.items()}


_TOKEN = re.compile(r"[^\W_]+|[\W_]+")
# OCR substitutions seen in Vietnamese scans, (wrong, right), most frequent first
_CONFUSIONS = {
    pair: rank
    for rank, pair in enumerate(
        [
            ("e", "o"),
            ("e", "c"),
            ("d", "o"),
            ("i", "a"),
            ("w", "u"),
            ("i", "o"),
            ("c", "e"),
            ("y", "u"),
            ("p", "d"),
            ("1", "i"),
            ("6", "o"),
            ("0", "o"),
            ("4", "a"),
            ("e", "a"),
            ("a", "e"),
            ("o", "a"),
            ("b", "d"),
            ("s", "o"),
            ("t", "i"),
            ("i", "u"),
        ]
    )
}
_STRAY = "r1w6e"
_MULTI = (("ir", "u"), ("it", "u"), ("rr", "u"), ("uw", "u"), ("ur", "u"))


@lru_cache(maxsize=16384)
def correct_word(word: str, names: bool = False) -> str:
    """The lexicon word an OCR'd folded word stands for ("chwong" → "chuong"), else the word."""
    _, _, vocab = lexicon(names)
    if word in vocab or len(word) < 2:
        return word
    scored = []
    for k in vocab:
        if len(k) != len(word):
            continue
        diffs = [(b, a) for a, b in zip(k, word, strict=True) if a != b]
        if len(diffs) == 1 and diffs[0] in _CONFUSIONS:
            scored.append((_CONFUSIONS[diffs[0]], k))
    scored.sort()
    if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
        return scored[0][1]
    found = {word[:i] + word[i + 1 :] for i, ch in enumerate(word) if ch in _STRAY} & vocab
    found |= {word.replace(bad, good) for bad, good in _MULTI if bad in word} & vocab
    return next(iter(found)) if len(found) == 1 else word


def restore(text: str, names: bool = False) -> str:
    """Restore the diacritics of OCR'd words (which lost or garbled them) from the curated lexicon.

    Multi-word entries first ("dia ban" → "địa bàn"); a word is first corrected for common OCR
    substitutions ("chwong" → "chuong"); unknown words are kept as written.
    """
    from kg.text.normalize import loose

    table, _, _ = lexicon(names)
    low = loose(text)
    bounds = [(m.start(), m.end()) for m in _TOKEN.finditer(low)]
    tokens = [text[a:b] for a, b in bounds]
    lows = [low[a:b] for a, b in bounds]
    keys = [correct_word(w, names) if w[0].isalnum() else "" for w in lows]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not lows[i][0].isalnum():
            out.append(tok)
            i += 1
            continue
        for n in _phrase_lengths(names).get(keys[i], ()):
            span = lows[i : i + 2 * n - 1]
            if len(span) < 2 * n - 1 or not all(t.strip() == "" for t in span[1::2]):
                continue
            key = " ".join(keys[i : i + 2 * n - 1 : 2])
            if key in table:
                out.append(_case_like(tok, table[key]))
                i += 2 * n - 1
                break
        else:
            out.append(tok)
            i += 1
    return "".join(out)


def _case_like(source: str, word: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    if word[:1].isupper() and word not in ("KT.", "TM."):
        return word  # proper names and "Ủy ban nhân dân" keep their capital
    return word
