"""The faster forms of a few searches give what their plain definitions give (BENCHMARKS.md, extraction
speed): the seed plans' folded texts at many positions, and the shapes where the two could part."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.citations.articles import _CLAUSE_END, clause_end
from kg.extract.citations.scope import _ATTACHED_TO, own_numbers
from kg.extract.reporting.clauses import REPORT, find_report
from kg.lexicon.agencies import _agency_matchers, _head_at_or_after, agency_at, find_agencies_folded
from kg.text.cues import cue, words
from kg.text.normalize import fold_keep, loose, rstrip_end

SEEDS = sorted((Path(__file__).resolve().parents[2] / "data" / "plans").glob("*.txt"))


@pytest.fixture(scope="module")
def folded() -> list[str]:
    texts = [p.read_text("utf-8") for p in SEEDS]
    assert len(texts) >= 5
    return [loose(t) for t in texts] + [fold_keep(t) for t in texts]


def _span(m: re.Match[str] | None) -> tuple | None:
    return None if m is None else (m.span(), m.groups())


def test_clause_end_is_where_the_clause_end_pattern_first_matches(folded: list[str]) -> None:
    def plain(low: str, pos: int, limit: int) -> int:
        m = _CLAUSE_END.search(low, pos, min(len(low), pos + limit))
        return m.start() if m else min(len(low), pos + limit)

    cases = [(low, pos, limit) for low in folded for pos in range(0, len(low), 13) for limit in (9, 60, 300)]
    # "và" before a law after whitespace that begins before a mark; "và" right at the start; at the limit
    cases += [("x \n\nva luat y", 1, 300), ("va luat x", 0, 300), ("a  va bo luat\n", 0, 300), ("a va luat", 0, 5)]
    assert len(cases) > 10_000
    assert [clause_end(*c) for c in cases] == [plain(*c) for c in cases]


def test_find_report_is_the_report_pattern_search(folded: list[str]) -> None:
    cases = [(low, pos, min(len(low), pos + 2000)) for low in folded for pos in range(0, len(low), 29)]
    cases += [("bao cao vien, gui ve so", 0, 23), ("gui so noi vu", 0, 13)]  # a verb that is not one, then one
    found = [_span(find_report(*c)) for c in cases]
    assert any(found) and found == [_span(REPORT.search(*c)) for c in cases]


def test_agency_first_words_are_found_as_the_whole_regex_finds_them(folded: list[str]) -> None:
    head_re, _ = _agency_matchers()
    cases = [(low, pos) for low in folded[5:] for pos in range(0, len(low), 11)]
    found = [_head_at_or_after(*c) for c in cases]
    assert any(found)
    assert [(m.span(), m.lastgroup) if m else None for m in found] == [
        (m.span(), m.lastgroup) if m else None for m in (head_re.search(*c) for c in cases)
    ]


def test_agency_at_is_the_first_agency_of_the_window(folded: list[str]) -> None:
    def plain(low: str, pos: int) -> tuple[int, str] | None:  # its definition: the first name, at pos
        if (pos > 0 and low[pos - 1].isalnum()) or not _agency_matchers()[0].match(low, pos):
            return None
        found = find_agencies_folded(low[pos : pos + 160])
        return (pos + found[0][1], found[0][2].name) if found and found[0][0] == 0 else None

    cases = [(low, pos) for low in folded[5:] for pos in range(0, len(low), 3)]
    found = [(a[0], a[1].name) if (a := agency_at(*c)) else None for c in cases]
    assert any(found) and found == [plain(*c) for c in cases]


def test_rstrip_end() -> None:
    text = "Sở Nội vụ \t\n\u00a0x  \n"
    assert [rstrip_end(text, e) for e in range(len(text) + 1)] == [
        len(text[:e].rstrip()) for e in range(len(text) + 1)
    ]
    assert rstrip_end("   ", 3) == 0


def test_attached_plan_notes_at_every_line_start() -> None:
    low = "(kem theo ke hoach so 5/kh-ubnd)\nx\n  (kem theo quyet dinh so 12/qd-ubnd)\n(kem theo kh 3/kh)"
    assert own_numbers(low) == {"5/kh-ubnd", "12/qd-ubnd", "3/kh"}
    assert own_numbers(low) == {re.sub(r"\s+", "", m["num"]) for m in _ATTACHED_TO.finditer(low)}


def test_cue_words_match_as_with_a_leading_word_boundary(folded: list[str]) -> None:
    phrases = ("đạt", "phấn đấu", "năm", "chỉ tiêu", "hằng năm", "ít nhất")
    fast = re.compile(words(*phrases))
    plain = re.compile("(?:" + "|".join(rf"\b{cue(p)}\b" for p in phrases) + ")")
    assert fast.pattern != plain.pattern
    spans = [m.span() for low in folded for m in fast.finditer(low)]
    assert spans and spans == [m.span() for low in folded for m in plain.finditer(low)]


def test_a_shifted_agency_reference_is_the_replaced_one() -> None:
    from dataclasses import fields, replace

    from kg.extract.records import AgencyRef

    values = {f.name: f"v-{f.name}" for f in fields(AgencyRef)}  # every field set: a new one is not forgotten
    values.update(span=(3, 9), is_group=True, member_count=4, member_types=("commune",))
    ref = AgencyRef(**values)
    assert ref.shifted(10) == replace(ref, span=(13, 19))
    assert ref.shifted(0) == ref


def test_collectives_inside_a_phrase_are_found_as_with_the_look_behind_first(folded: list[str]) -> None:
    from kg.extract.agencies.groups import _CAC, _GROUP_INNER, _MEMBER_RE

    plain = re.compile(r"(?<![a-z])(" + _CAC + r"\s+)(?=" + _MEMBER_RE.pattern.replace("(?P<m", "(?P<n") + ")")
    texts = [*folded, "cac so, ban", "xcac so", "các phòng", "cac  doan the", "chuc cac hoi", "c"]
    hits = [_span(m) for low in texts for m in _GROUP_INNER.finditer(low)]
    assert len(hits) > 20 and hits == [_span(m) for low in texts for m in plain.finditer(low)]
    assert [_span(_GROUP_INNER.search(low, p)) for low in folded[:2] for p in range(0, 3000, 7)] == [
        _span(plain.search(low, p)) for low in folded[:2] for p in range(0, 3000, 7)
    ]


def _plain_forms() -> list[tuple[re.Pattern[str], str, bool]]:
    """(a pattern written letter-first, its plain form with the look-behind first, whether it reads the
    text as written rather than folded)."""
    from kg.extract.agencies import groups
    from kg.extract.metadata import unit
    from kg.extract.tasks import roles
    from kg.text.cues import ANY_SPACE, joined

    village = groups._VILLAGE
    body = "(?:" + "|".join(groups._BODY_TYPES) + ")"
    return [
        (groups.VILLAGE_HEADS,
         r"(?<![a-z])truong\s+(?:cac\s+)?" + village + r"(?:\s*(?:,|va)\s*" + village + r")*(?![a-z])", False),
        (groups.PRESS, r"(?<![a-z])bao\s*,\s*dai(?![a-z])", False),
        (groups.NAMED_BODY,
         rf"(?<![\w]){body}[ \t]+{groups._NAME_WORD}(?:[ \t]+(?:và[ \t]+)?{groups._NAME_WORD}){{0,4}}", True),
        (roles._CHU_TRI, r"(?<![a-z])" + cue("chủ tri", space=ANY_SPACE) + r"(?![a-z])", False),
        (roles._WITH, r"(?<![a-z])" + joined("phối hợp") + r"(?:\s*" + joined("chat che") + r")?"
         r"(?:\s*" + joined("với") + r")?\s*", False),
        (roles._JOINS, r"(?<![a-z])" + joined("phối hợp") + r"\s*"
         + joined("thực hiện", "triển khai", "tổ chức") + r"(?![a-z])", False),
        (unit._PARENT_ISSUER, r"(?<![a-z])(?:cua\s+)(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+"
         r"(?P<type>huyen|quan|thi\s*xa|thanh\s*pho)\s+(?P<name>)", False),
    ]


@pytest.mark.parametrize("index", range(7))
def test_patterns_written_letter_first_match_as_their_plain_forms(index: int, folded: list[str]) -> None:
    fast, plain_source, as_written = _plain_forms()[index]
    plain = re.compile(plain_source)
    assert fast.pattern != plain.pattern
    extra = ["Chi cục Biển đảo và Thủy sản, xCục Thủy sản", "truong cac thon, xtruong ban", "bao, dai; xbao, dai",
             "chu tri; xchu tri", "phoi hop voi; xphoi hop thuc hien", "cua uy ban nhan dan huyen x; xcua ubnd quan y"]
    texts = [p.read_text("utf-8") for p in SEEDS] if as_written else folded
    texts = [*texts, *extra]
    hits = [_span(m) for t in texts for m in fast.finditer(t)]
    assert hits == [_span(m) for t in texts for m in plain.finditer(t)]
    assert len(hits) >= 1
