"""A plan's targets beside its parent's and Decision 1790's for the same indicator.

"Weaker" is the weaker-target audit's verdict (shapes/audits/weaker-target.ttl, stored in
graph/audit): a target is marked weaker when the audit flagged it against that very target. Which
targets stand side by side follows the same audit's rule — same indicator, the same measure when
both state one, the same kind of comparison (at least / exactly count as one), the same time frame
(target year, or the same recurrence when neither has a year), a range counting by its lower bound
— and the same rule says "equal" or "stronger". A target the audit left unflagged though its figure
is lower is one another target of the plan meets (the audit's "best commitment" rule) and is marked so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from service.pages.dossier.common import VNC, VNP, Index, local_number

AT_MOST = VNC + "comparator-at-most"
LEVEL = (VNC + "comparator-at-least", VNC + "comparator-exactly")


@dataclass(frozen=True)
class Target:
    iri: str
    document: str
    label: str
    indicator: str | None
    value: Decimal | None
    value_max: Decimal | None
    year: str | None
    recurrence: str | None
    measure: str | None
    comparator: str | None

    @property
    def kind(self) -> str:
        return "level" if self.comparator is None or self.comparator in LEVEL else self.comparator

    @property
    def shown(self) -> str:
        if self.value is None:
            return "—"
        low = _plain(self.value)
        return f"{low}–{_plain(self.value_max)}" if self.value_max is not None else low


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def targets_of(index: Index, document: str) -> list[Target]:
    found = []
    for iri in index.iris(document, VNP + "hasTarget"):
        found.append(Target(
            iri, document, index.text(iri, "http://www.w3.org/2000/01/rdf-schema#label") or "",
            index.first(iri, VNP + "indicator"), _decimal(index.first(iri, VNP + "value")),
            _decimal(index.first(iri, VNP + "valueMax")), index.first(iri, VNP + "targetYear"),
            index.first(iri, VNP + "recurrence"), index.first(iri, VNP + "measure"),
            index.first(iri, VNP + "comparator")))
    return sorted(found, key=lambda t: local_number(t.iri))


def comparable(mine: Target, theirs: Target) -> bool:
    """The audit's pairing rule (see the module docstring)."""
    if mine.indicator is None or mine.indicator != theirs.indicator or mine.iri == theirs.iri:
        return False
    if mine.value is None or theirs.value is None:
        return False
    if mine.year or theirs.year:
        same_time = mine.year is not None and mine.year == theirs.year
    else:
        same_time = mine.recurrence is not None and mine.recurrence == theirs.recurrence
    measures_agree = mine.measure is None or theirs.measure is None or mine.measure == theirs.measure
    return same_time and measures_agree and mine.kind == theirs.kind


def by_value(mine: Target, theirs: Target) -> str:
    """"weaker", "equal" or "stronger" by the lower bounds (an upper limit: the other way round)."""
    assert mine.value is not None and theirs.value is not None
    if mine.value == theirs.value:
        return "equal"
    better = mine.value < theirs.value if mine.kind == AT_MOST else mine.value > theirs.value
    return "stronger" if better else "weaker"


@dataclass(frozen=True)
class Comparison:
    other: Target
    mark: str  # weaker (flagged by the audit), weaker-met (met by another target), equal, stronger
    flagged: bool


def compare(mine: Target, plan_targets: list[Target], others: list[Target],
            flagged: set[tuple[str, str]]) -> Comparison | None:
    """How ``mine`` stands against the comparable target among ``others`` (the first one)."""
    for theirs in others:
        if not comparable(mine, theirs):
            continue
        verdict = by_value(mine, theirs)
        is_flagged = (mine.iri, theirs.iri) in flagged
        if verdict == "weaker" and not is_flagged:
            met = any(comparable(t, theirs) and by_value(t, theirs) != "weaker" for t in plan_targets
                      if t.iri != mine.iri)
            verdict = "weaker-met" if met else "weaker"
        return Comparison(theirs, verdict, is_flagged)
    return None
