"""Property-based tests of the extractor on damaged real plans (issue 7, item 4): whatever is done
to a plan (lines dropped, duplicated or shuffled, text cut anywhere, foreign text spliced in, any
Unicode), extraction never raises, every span lies inside the text, and extracting twice gives the
same result. (Arbitrary short text over a plan-like alphabet is in test_extract_plan.py.)
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_plan
from kg.extract.records import to_json_view
from tests.extract.test_plan import _records

PLANS = sorted((Path(__file__).parents[2] / "data" / "plans").glob("*.txt"))
TEXTS = [p.read_text("utf-8") for p in PLANS]


@st.composite
def damaged_plans(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    how = draw(st.sampled_from(["drop", "duplicate", "shuffle", "cut", "splice", "join"]))
    rnd = draw(st.randoms(use_true_random=False))
    if how == "drop":
        lines = [line for line in lines if rnd.random() > 0.3]
    elif how == "duplicate":
        lines = [line for line in lines for _ in range(1 + (rnd.random() < 0.2))]
    elif how == "shuffle":
        start = rnd.randrange(len(lines))
        part = lines[start:start + 40]
        rnd.shuffle(part)
        lines[start:start + 40] = part
    elif how == "join":
        return " ".join(lines)
    text = "\n".join(lines)
    if how == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if how == "splice":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(max_size=300)) + text[at:]
    return text


def _check(text: str) -> None:
    first = extract_plan(text)
    for rec in _records(first):
        start, end = rec.span
        assert 0 <= start <= end <= len(text), (type(rec).__name__, rec.span, len(text))
    assert to_json_view(extract_plan(text)) == to_json_view(first)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_plans())
def test_damaged_plans_never_raise_spans_inside_and_idempotent(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_unicode_text_never_raises_spans_inside_and_idempotent(text: str) -> None:
    _check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([line for t in TEXTS for line in t.split("\n") if line.strip()]),
                max_size=80), st.sampled_from(["\n", "\r\n", "\n\n", " "]))
def test_plans_assembled_from_real_lines_never_raise(lines: list[str], sep: str) -> None:
    _check(sep.join(lines))
