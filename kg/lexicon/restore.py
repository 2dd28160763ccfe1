"""OCR restoration: the diacritics of OCR'd words (lost or garbled) restored from the curated lexicon
(lexicon.tsv: general vocabulary and person-name syllables)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from kg.lexicon.tables import rows
from kg.text.normalize import loose


@lru_cache(maxsize=2)
def lexicon(names: bool = False) -> tuple[dict[str, str], int, frozenset[str]]:
    """Folded word or phrase → spelling with diacritics; longest phrase (words); known folded words.

    ``names=True`` uses the person-name syllables instead of the general vocabulary.
    """
    table = {}
    longest = 1
    for row in rows("lexicon.tsv"):
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
# a Vietnamese syllable without its diacritics: onset, vowels, final consonant (an OCR'd "chwong",
# "nguyeri" is none)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|uay|uoi|uou|uoc|oai|oay|oeo|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy"
    r"|ye|[aeiouy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
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
    if names and _SYLLABLE.fullmatch(word):
        return word  # a well-formed syllable ("thinh"): a name the lexicon lacks, not an OCR error
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
    table, _, _ = lexicon(names)
    lengths = _phrase_lengths(names)
    lows = _TOKEN.findall(loose(text))  # the tokens tile the text (words and the runs between them)
    starts = list(accumulate(map(len, lows), initial=0))  # loose() keeps the length: offsets in text
    keys = [correct_word(w, names) if w[0].isalnum() else "" for w in lows]  # "" for a non-word
    out: list[str] = []
    count = len(lows)
    copied = 0  # text[:copied] is in out
    after = 0  # the token after the last phrase replaced
    # only a token that starts some entry may start a phrase: the others are copied as they are, in runs
    for i in [i for i, key in enumerate(keys) if key and key in lengths]:
        if i < after:
            continue  # inside a phrase replaced
        key = keys[i]
        for n in lengths[key]:
            stop = i + 2 * n - 1
            if n == 1:  # one word: no separators to check
                phrase = key
            elif stop > count or not all(t.strip() == "" for t in lows[i + 1 : stop : 2]):
                continue
            else:
                phrase = " ".join(keys[i:stop:2])
            if phrase in table:
                out.append(text[copied : starts[i]])
                out.append(_case_like(text[starts[i] : starts[i + 1]], table[phrase]))
                copied, after = starts[stop], stop
                break
    out.append(text[copied:])
    return "".join(out)


def _case_like(source: str, word: str) -> str:
    if source.islower():  # the common case: no capital at all (a cased character, all lower case)
        return word
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    if word[:1].isupper() and word not in ("KT.", "TM."):
        return word  # proper names and "Ủy ban nhân dân" keep their capital
    return word
