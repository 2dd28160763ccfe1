"""kg.text.scan.line_start_matches: the matches of a ``^`` pattern, found by its ``\\n`` twin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.responsibilities import _INNER_REQUEST, _INNER_REQUEST_AFTER_BREAK
from kg.extract.tasks.prose import _CLAUSE_START, _CLAUSE_START_AFTER_BREAK
from kg.text.normalize import loose
from kg.text.scan import line_start_matches

SEEDS = sorted((Path(__file__).resolve().parents[2] / "data" / "plans").glob("*.txt"))
PAIRS = [(_CLAUSE_START, _CLAUSE_START_AFTER_BREAK), (_INNER_REQUEST, _INNER_REQUEST_AFTER_BREAK)]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize(("pattern", "twin"), PAIRS)
def test_the_same_matches_as_the_pattern(pattern: re.Pattern[str], twin: re.Pattern[str]) -> None:
    # a match at the text's start, one after a match that ends with a line break, one at a line start
    # after a line break, a scan that starts mid-line and one that starts at a line start
    crafted = "- a: de nghi \nde nghi x; b.\n\n  - c\nde nghi y. Z\n+ d"
    cases = [(crafted, pos, len(crafted)) for pos in range(len(crafted))]
    cases += [(loose(p.read_text("utf-8")), 0, len(loose(p.read_text("utf-8")))) for p in SEEDS]
    found = [_spans(line_start_matches(pattern, twin, *c)) for c in cases]
    assert any(found) and found == [_spans(pattern.finditer(*c)) for c in cases]


def test_a_pattern_and_a_twin_that_do_not_go_together() -> None:
    with pytest.raises(ValueError):
        line_start_matches(re.compile("^a", re.M), re.compile("\nb"), "x\nb", 0, 3)
