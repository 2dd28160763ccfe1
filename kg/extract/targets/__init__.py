"""Quantified targets of a plan: value or range, unit, comparator, year, baseline, recurrence.

Where targets are: the specific objectives ("II. MỤC TIÊU", "Mục tiêu cụ thể", "Chỉ tiêu").
Plans also state targets elsewhere (under tasks, in an agency's duties). When the plan has no
targets part, they are taken with an explicit cue ("ít nhất", "tối thiểu", "phấn đấu", "tăng … so
với"); when it has one, only a dated commitment ("phấn đấu đạt 20% … năm 2025", "đến năm 2030 đạt
100% …": a target verb and its own year) is, and never a restatement of a target already found
(same numbers, and most of the words from its value to the next one: :func:`_restates`).

How a statement is read (on folded, OCR-tolerant text, :func:`kg.text.cues.fold_rules`; the cue
words are readable words made into patterns by :mod:`kg.text.cues`):

- it is cut into clauses at ";" and sentence ends; one target per (value, year) pair:
  "đến năm 2025 đạt ít nhất 70% … và đến năm 2030 đạt 90% …" gives two; a clause that lets the
  target be adjusted ("… có thể điều chỉnh mục tiêu") is an exemption, not a target;
- a value is a number followed by a unit ("02 cuộc", "15-20%", "2,5%"), a rate ("4/100.000",
  measure other) or preceded by a comparator; dates ("15/11"), document numbers, article numbers,
  ordinals and years are not values, nor ages and durations unless committed to ("đạt 75 tuổi",
  not "trẻ dưới 24 tháng tuổi"), nor where a stated change starts ("giảm từ 23 … xuống 18");
  "100% xã … có ít nhất 04 tin, bài" is a count for every commune (the 100% is no target);
- comparator (:mod:`.comparators`): "ít nhất", "tối thiểu", "trở lên", "không dưới", "từ N"
  (lower bound), "trên N", "≥ N" → at-least; "không quá", "tối đa", "dưới N", "≤ N", the result of
  a decrease ("xuống N", "còn N") → at-most; "tăng" → increase-by; "giảm" → decrease-by; "đạt N",
  "ở mức N", a bare "N%", a level reached ("tăng … đạt N", "tăng … lên N") → exactly; the graph
  keeps the relation (at-least, at-most, exactly, range) apart from the change (increase,
  decrease), with the baseline value ("giảm từ 23 … xuống 18" → 23) and the scope (whole unit, per
  sub-unit, per agency): :mod:`.qualify`;
- year: "đến năm 2025", "trước năm 2030", "năm 2030", "từ năm 2025 trở đi", "trong giai đoạn
  2026 - 2030" (its end), a deadline date ("trước ngày 31/12/2025"); not a date's year, a
  programme's or a plan's title year, an event's ("Tháng hành động năm 2025") or the baseline;
  baseline: "so với năm 2025", for the value it follows;
- recurrence: the cue words of :mod:`kg.extract.recurrence` that targets read ("hằng năm",
  "trong năm" → annual, "mỗi quý" → quarterly, "định kỳ 6 tháng" → semiannual, "hằng tháng" →
  monthly), the one before the value, else the first after it; a recurrence written after the
  value that qualifies the Action Month ("… Tháng hành động … hằng năm") is the event's, one that
  qualifies a plan ("theo lộ trình thực hiện hằng năm") the plan's; an opening "Hằng năm," holds
  for the item's later clauses that have no year of their own;
- a statement in the objectives with a year but no value ("Phấn đấu đến năm 2030 đạt truyền
  thông áp dụng Bộ chỉ số …") is a target with value None, when it says "phấn đấu"/"đạt", is
  labelled "Chỉ tiêu N:" or sits in an item with numbers; an aim with a deadline ("Tăng cường …
  đến năm 2030") is not; a direction ("Hằng năm, giảm số người nghiện") is its comparator;
- "từ năm 2026" alone is a start and "năm 2026 - 2030" a period, not target years; a lead-in
  ("Phấn đấu đến năm 2025:") or a sub-heading ("Mục tiêu cụ thể đến năm 2025", "Chỉ tiêu chủ yếu
  đến năm 2030") gives its year to the items under it, and a nested lead-in without a year ("a)
  Lĩnh vực lao động:") keeps the outer one;
- OCR: letters read for digits ("O2", "l5%", "1OO%", "2O25") are repaired before matching.

A targets table ("STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030", one line per row as the
readers render tables) gives one target per (row, year column).

Modules: :mod:`.values` (numbers and units), :mod:`.comparators`, :mod:`.years` (year, baseline,
recurrence), :mod:`.population`, :mod:`.qualify` (relation, change, scope), :mod:`.items` (the targets
of one item), :mod:`.table`; :mod:`.delivery` links targets to the tasks that deliver them.

Every target quotes its whole bullet (or table row): ``text == source[span[0]:span[1]]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kg.extract.agencies import UnitContext
from kg.extract.objectives import objective_blocks, objective_items, split_items
from kg.extract.records import Target
from kg.extract.recurrence import CUES, TARGETS
from kg.extract.sections import Section, split_sections
from kg.extract.tables import table_runs
from kg.extract.targets.items import Context, item_targets, lead_in, marker_kind
from kg.extract.targets.table import table_targets
from kg.extract.targets.values import UNIT_WORDS
from kg.extract.targets.years import find_years
from kg.text.cues import fold_rules
from kg.text.normalize import loose

__all__ = ["extract_targets"]

# the notations the rules emit, read by tests/test_extract_targets.py (checked against the vocabularies)
_UNIT_WORDS = UNIT_WORDS
_RECURRENCE = tuple((c.notation, c) for c in CUES if TARGETS in c.scope)


def _key(t: Target) -> tuple:
    return (t.value, t.value_max, t.unit, t.year)


_WORD = re.compile(r"[a-z0-9]+")
_YEARISH = re.compile(r"(?:19|20)\d\d")


def _restates(t: Target, segment: str, known: list[Target], segments: list[str]) -> bool:
    """True when ``t`` (found outside the objectives) repeats a target already found.

    Same numbers, and the same indicator or mostly the same words: a restatement under tasks
    may lose the words that identify the indicator, but a different statement with the same
    numbers ("100% các trường học …" vs "100% các xã …") is another target. The words compared are
    the whole items, and the words that state each target (from its value to the next value): most
    of the shorter one's in the other ("ít nhất 50% xã, phường không có ma tuý" restates "đạt ít nhất
    50% số xã, phường trên toàn tỉnh không ma túy").
    """
    same = [i for i, k in enumerate(known) if _key(k) == _key(t)]
    if any(t.indicator is not None and t.indicator == known[i].indicator for i in same):
        return True
    words = _words(t.text)
    own = _content(segment)
    for i in same:
        other = _content(segments[i])
        # the whole items' words: not for two statements of one item ("… đạt 90%; …; 90% trẻ sơ sinh …")
        same_item = known[i].span == t.span
        theirs = _words(known[i].text)
        if words and not same_item and len(words & theirs) / len(words | theirs) >= 0.5:
            return True
        if own and other and len(own & other) / min(len(own), len(other)) >= 0.5:
            return True
    return False


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _words(text) if not w.isdigit())


# TARGET_VERB ("đạt", "phấn đấu") followed by a number, written without a leading word boundary: a
# quick test that may take more than the rule (item_targets reads the values) but scans fast
_VERB_THEN_NUMBER = re.compile(
    # (both alternatives written after their first letter, [dp]: a search skips ahead to it)
    r"[dp](?:[a-z0-9']t|(?<=p)h[a-z0-9']{1,2}n[\s,]+[dp][a-z0-9']{1,2}u)\b[^\n.;]{0,150}?\d"
)


def _dated_cue(low: str, start: int, end: int) -> bool:
    """A target verb followed by a number, and a year, in ``low[start:end]`` (a quick test before reading
    the values of a part or an item)."""
    verb = _VERB_THEN_NUMBER.search(low, start, end) is not None
    return verb and _YEARISH.search(low, start, end) is not None


@lru_cache(maxsize=256)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(loose(text)))


def extract_targets(
    text: str,
    sections: Sequence[Section] | None = None,
    ctx: UnitContext | None = None,
    warnings: list[str] | None = None,
) -> list[Target]:
    """Targets stated in the objectives (and, with an explicit cue, elsewhere), in document order.

    ``sections`` default to :func:`split_sections` of ``text``; ``ctx`` and ``warnings`` are not
    used (the extractors' common shape).
    """
    secs = list(sections) if sections else split_sections(text)
    targets: list[Target] = []
    segments: list[str] = []  # the words that state each target (see _restates)
    table_spans: list[tuple[int, int]] = []
    blocks = objective_blocks(text, secs)
    for b0, b1 in blocks:
        for rows in table_runs(text, b0, b1):
            found = table_targets(text, rows)
            targets.extend(found)
            segments.extend(t.text for t in found)
            table_spans.extend(rows if found else [])
    heading_year: dict[tuple[int, int], int | None] = {}
    open_leads: list[tuple[str, Context]] = []  # lead-ins ("Phấn đấu đến năm 2025:") still in force
    for item in objective_items(text, secs):
        if item.general or any(a < item.end and item.start < b for a, b in table_spans):
            continue
        kind = marker_kind(item.marker)
        # an item of a lead-in's kind ends it, and the lead-ins nested in it
        closed = next((i for i, (k, _) in enumerate(open_leads) if k == kind), None)
        if closed is not None:
            del open_leads[closed:]
        # "Mục tiêu cụ thể đến năm 2025", "Chỉ tiêu chủ yếu đến năm 2030": the heading's year is the default
        if item.heading not in heading_year:
            years, _ = find_years(fold_rules(text[item.heading[0]:item.heading[1]]))
            heading_year[item.heading] = years[0][2] if years else None
        outer = open_leads[-1][1] if open_leads else (heading_year[item.heading], None)
        lead = lead_in(text, item)
        if lead is not None:  # a nested lead-in without a year keeps the outer one ("a) Lĩnh vực lao động:")
            open_leads.append((kind, (lead[0] if lead[0] is not None else outer[0], lead[1] or outer[1])))
            continue
        targets.extend(item_targets(text, item, strict=False, context=outer, segments=segments))
    # when the plan has its targets part, numbers elsewhere are mostly restatements or activities: only a
    # commitment with its own year ("phấn đấu đạt 20% … năm 2025", "đến năm 2030 đạt 100% …") is taken
    dated = bool(targets)
    low = fold_rules(text) if dated else ""  # once, to pass over the items without a verb and a year quickly
    skip = ("recipients", "objectives") + (("preamble",) if len(secs) > 1 else ())
    covered = -1  # end of the parts seen so far (sections come in document order, parents first)
    for s in secs:
        nested, covered = s.end <= covered, max(covered, s.end if s.level > 0 else -1)
        if nested:
            continue  # handled with its top-level part
        if s.kind in skip or any(b0 <= s.start < b1 for b0, b1 in blocks):
            continue
        if dated and not _dated_cue(low, s.body_start, s.end):
            continue
        for item in split_items(text, s.body_start, s.end):
            if dated and not _dated_cue(low, item.start, item.end):
                continue
            found_segments: list[str] = []
            found = item_targets(
                text, item, strict=True, context=(None, None), dated=dated, segments=found_segments
            )
            for t, segment in zip(found, found_segments, strict=True):
                if not _restates(t, segment, targets, segments):
                    targets.append(t)
                    segments.append(segment)
    return targets
