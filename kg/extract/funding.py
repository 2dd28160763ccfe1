"""Funding sources of a plan ("KINH PHÍ THỰC HIỆN"), one record per distinct kind.

A plan's funding part lists its sources in one or a few sentences, e.g. "Ngân sách nhà nước
bố trí trong dự toán …; các chương trình, đề án liên quan …; nguồn tài trợ, viện trợ quốc tế
và huy động từ xã hội, cộng đồng; các nguồn hợp pháp khác." Each source phrase is classified
by its key terms (``vnc:scheme-funding``):

- ``integrated``: "lồng ghép" (funds of other programmes the activities are merged into; the
  programmes named after "lồng ghép" in the same piece belong to it);
- ``programme-budget``: "Chương trình mục tiêu (quốc gia)", "nguồn kinh phí (của) Chương trình",
  "kinh phí từ các chương trình", "các chương trình, dự án, đề án (liên quan)";
- ``socialised``: "xã hội hóa", "huy động (từ xã hội, cộng đồng)", "vận động", "tài trợ",
  "viện trợ", "đóng góp";
- ``state-budget``: "ngân sách (nhà nước / xã / địa phương)", "dự toán (chi)", "chi thường xuyên",
  "kinh phí của địa phương";
- ``other``: a source phrase ("nguồn …", "quỹ …") that names none of these.

Legal qualifiers ("theo quy định của Luật Ngân sách nhà nước", "theo phân cấp ngân sách") are
not sources. "Các nguồn hợp pháp khác" is a catch-all that joins the preceding source; in a funding
part that names no socialised source it is a source of its own, ``other`` (tests/real/README.md). When a
plan has no funding part, sentences elsewhere that say where "kinh phí" comes from are used.
Text = the source phrase as written; span = its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from kg.extract.agencies import UnitContext
from kg.extract.objectives import split_items
from kg.extract.records import Funding
from kg.extract.sections import Section, find_sections, split_sections
from kg.lexicon import find_agencies
from kg.text.cues import SPACE_OR_COMMA, fold_rules, words
from kg.text.normalize import loose


def _rx(*phrases: str) -> str:
    return words(*phrases, space=SPACE_OR_COMMA, wide=True)


_FUNDS = ("hỗ trợ", "vì sự", "phát triển", "bảo trợ")  # "Quỹ hỗ trợ …", "Quỹ vì sự tiến bộ …"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("integrated", re.compile(_rx("lồng ghép"))),
    ("programme-budget", re.compile(
        _rx("chương trình mục tiêu quốc gia", "kinh phí chương trình", "kinh phí của chương trình",
            "kinh phí từ chương trình", "kinh phí thực hiện chương trình", "nguồn chương trình",
            "kinh phí từ các chương trình", "kinh phí của các chương trình", "chương trình mục tiêu",
            "các chương trình đề án", "các chương trình dự án")
    )),
    # "huy động", "tài trợ" not wide, and "tài trợ" with "trợ" written plain: "thị trấn" is no sponsor
    ("socialised", re.compile(
        # spaced, not comma-separated: "tư vấn, động viên" is no "vận động"
        words(
            "xã hội hóa", "vận động", "viện trợ", "đóng góp", "tổ chức quốc tế", "tổ chức phi chính phủ",
            wide=True,
        )
        + "|" + words("huy động", "hwy động", "hui động", "hwi động", "tài tro", "ti tro")
    )),
    ("state-budget", re.compile(
        _rx("ngân sách", "dự toán", "chi thường xuyên", "kinh phí của địa phương", "kinh phí địa phương",
            "kinh phí sự nghiệp", "tự cân đối", "kinh phí của cơ quan", "kinh phí của các cơ quan",
            # the budget reserve ("nguồn dự phòng phòng chống thiên tai"), central support ("hỗ trợ từ trung
            # ương")
            "dự phòng", "từ trung ương", "vốn trung ương", "kinh phí trung ương", "kinh phí được giao")
    )),
    # a named source of no known kind: "nguồn …", "Quỹ hỗ trợ …" ("quỹ" written plain: not "quan hệ trên")
    # "nguồn nhân lực", "nguồn lực", "nguồn tin", "nguồn dữ liệu", "nguồn nước" are no funds
    ("other", re.compile(
        words("nguồn") + r"(?!\s+(?:nhan\s+luc|luc|tin|thong\s+tin|du\s+lieu|nuoc)(?![a-z]))|"
        + words(*(f"{q} {what}" for q in ("quy", "qui") for what in _FUNDS))
    )),
)
# legal qualifiers: "theo quy định của pháp luật về ngân sách nhà nước", "theo phân cấp ngân sách"
_QUALIFIER = re.compile(
    words("theo quy định", "theo phân cấp", "theo luật", "theo khả năng", wide=True)
    + r"[^;,]*?(?=[;,]|\.(?:\s|$)|$|" + words("và nguồn", "các nguồn") + ")",
)
# "các nguồn (kinh phí / vốn / huy động) hợp pháp khác": a catch-all, not a source of its own
_CATCH_ALL = re.compile(
    r"(?:" + words("các") + r"\s+)?" + words("nguồn")
    + r"\s+(?:[a-z0-9]+\s+){0,2}" + words("hợp pháp", wide=True)
)
# "nguồn vốn" plain: its wildcards take "tình nguyện viên"
_CATCH_ALL_PHRASE = re.compile(_CATCH_ALL.pattern + r"\s+" + words("khác", wide=True))
_FUNDS_WORD = re.compile(words("kinh phí", "ngân sách", "nguon von", space=SPACE_OR_COMMA))
# a label, not a source: "1. Nguồn kinh phí", "Nguồn vốn thực hiện:"
_LABEL_ONLY = re.compile(
    r"^\W*(?:" + words("các") + r"\s+)?" + words("nguồn")
    + r"(?:\s+" + words("kinh phí", "vốn", "lực", wide=True)
    + r")?(?:\s+" + words("thực hiện", wide=True) + r")?\W*$"
)
# mobilising "resources" without saying whose: a general requirement, not a socialised source
_BARE_MOBILISING = re.compile(
    r"\W*" + words("huy động") + r"\s+(?:" + words("các", "mọi") + r"\s+)?" + words("nguồn lực", wide=True)
)
_WHOSE = re.compile(words("xã hội", "cộng đồng", "doanh nghiệp", "tổ chức", "cá nhân", "nhân dân", wide=True))


def _bare_mobilising(low: str) -> bool:
    m = _BARE_MOBILISING.match(low)
    return m is not None and not _WHOSE.search(low, m.end())
# (written to start with one character class: a search skips ahead to it)
_SEP = re.compile(r"[;,:\s](?:(?<=[;,:])|(?<=\s)\s*va\s+|(?<=\s)\s*-\s+)")
_TRAILING_AND = re.compile(r"[\s,][\s,]*(?:va|hoac)$")
_SENTENCE_END = re.compile(r"\.(?=\s|$)")
_STRIP = " \t\r\n,;:.-–*_"


def _blank(low: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: "\x00" * len(m.group(0)), low)


_AGENCY_HINT = re.compile(  # a cheap test before the gazetteer look-up (OCR spellings included)
    r"\b(?:Phòng|Phong|Sở|So|Bộ|Ủy ban|Uỷ ban|Uy ban|UBND|Hội|Hoi|Trung tâm|Trung tam|Ban|Đoàn|Doan|Đài)\b"
)


def _blank_agencies(raw: str, low: str) -> str:
    """Agency names are no sources: "cấp cho Phòng Lao động - Thương binh và Xã hội" has no "và" between
    sources and no "xã hội" cue."""
    if len(low) != len(raw) or not _AGENCY_HINT.search(raw):
        return low
    for a, b, _ in find_agencies(raw):
        low = low[:a] + "x" * (b - a) + low[b:]
    return low


def _sources(text: str, s0: int, s1: int) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each source phrase in the sentence ``text[s0:s1]``.

    The sentence is cut at ";"; inside a piece, a cue of another kind starts a new phrase
    when a separator ("," "và" ":") lies between it and the previous cue, else it belongs
    to the same phrase, whose kind is the stronger one ("các nguồn tài trợ" is socialised,
    "lồng ghép trong các chương trình" is integrated).
    """
    low = _blank_agencies(text[s0:s1], _blank(_blank(fold_rules(text[s0:s1]), _QUALIFIER), _CATCH_ALL))
    sep_ends = [m.end() for m in _SEP.finditer(low)]
    rank = {kind: i for i, (kind, _) in enumerate(_CUES)}
    out: list[tuple[str, int, int]] = []
    piece_start = 0
    for piece_end in [m.start() for m in re.finditer(";", low)] + [len(low)]:
        hits = sorted(
            (m.start(), m.end(), kind)
            for kind, rx in _CUES
            for m in rx.finditer(low, piece_start, piece_end)
        )
        groups: list[list] = []  # [kind, phrase start, last cue end]
        for start, end, kind in hits:
            if groups and groups[-1][0] == "integrated" and kind == "programme-budget":
                groups[-1][2] = max(groups[-1][2], end)  # "lồng ghép trong Chương trình …, các đề án khác"
                continue
            if groups and (start < groups[-1][2] or not _SEP.search(low, groups[-1][2], start)):
                if rank[kind] < rank[groups[-1][0]]:
                    groups[-1][0] = kind
                groups[-1][2] = max(groups[-1][2], end)
                continue
            if groups and groups[-1][0] == kind:
                groups[-1][2] = end
                continue
            if groups:
                i = bisect_right(sep_ends, start) - 1
                sep = sep_ends[i] if i >= 0 and sep_ends[i] >= piece_start else piece_start
            else:  # the first source of a piece starts with it, or after a colon ("bao gồm: …")
                sep = max(piece_start, low.rfind(":", piece_start, start) + 1)
            groups.append([kind, max(sep, groups[-1][2] if groups else 0), end])
        for i, (kind, a, _) in enumerate(groups):
            b = groups[i + 1][1] if i + 1 < len(groups) else piece_end
            while a < b and text[s0 + a] in _STRIP:
                a += 1
            while b > a and text[s0 + b - 1] in _STRIP:
                b -= 1
            tail = _TRAILING_AND.search(low, a, b)
            if tail:  # "… (Dự án 8) và" before the next source
                b = tail.start()
            if b > a and not (kind == "other" and _LABEL_ONLY.match(low, a, b)):
                out.append((kind, s0 + a, s0 + b))
        piece_start = piece_end + 1
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for item in split_items(text, start, end):
        pos = item.start
        for m in _SENTENCE_END.finditer(text, item.start, item.end):
            out.append((pos, m.end()))
            pos = m.end()
        if text[pos:item.end].strip(_STRIP):
            out.append((pos, item.end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip(_STRIP)]


def extract_funding(
    text: str,
    sections: Sequence[Section] | None = None,
    ctx: UnitContext | None = None,
    warnings: list[str] | None = None,
) -> list[Funding]:
    """One :class:`Funding` per distinct kind of source, in order of first mention.

    ``sections`` default to :func:`split_sections` of ``text``; ``ctx`` and ``warnings`` are not
    used (the extractors' common shape).
    """
    secs = list(sections) if sections else split_sections(text)
    blocks = [(s.body_start, s.end) for s in find_sections(secs, "funding")]
    strict = not blocks
    if strict:  # no funding part: sentences about "kinh phí" anywhere but the preamble
        blocks = [(s.body_start, s.end) for s in secs if s.level == 1] or [(0, len(text))]
    found: dict[str, Funding] = {}
    catch_all: Funding | None = None
    for b0, b1 in blocks:
        for s0, s1 in _sentences(text, b0, b1):
            if strict and not _FUNDS_WORD.search(loose(text[s0:s1])):
                continue
            m = None if strict or catch_all else _CATCH_ALL_PHRASE.search(fold_rules(text[s0:s1]))
            if m:
                catch_all = Funding(text[s0 + m.start():s0 + m.end()], "other", (s0, s1))
            for kind, a, b in _sources(text, s0, s1):
                if strict and kind == "other":
                    continue
                if strict and kind == "socialised" and _bare_mobilising(fold_rules(text[a:b])):
                    continue  # outside a funding part, "huy động các nguồn lực cần thiết" names no sponsor
                found.setdefault(kind, Funding(text[a:b], kind, (s0, s1)))
    if catch_all is not None and "socialised" not in found:
        found.setdefault("other", catch_all)  # listed without sponsors, "các nguồn hợp pháp khác" is a source
    return list(found.values())
