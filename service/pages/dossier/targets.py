"""A plan's targets beside its parent's and Decision 1790's for the same indicator.

The verdicts are the ones stored in graph/comparison (kg/pipeline/comparison.py, computed at build
and ingest), which the weaker-target audit and cq05 read too: "weaker" means one thing. A target
stands beside the first target of the other document that it is comparable with (same indicator,
time frame, measure, scope and kind of commitment); a weaker one that another target of the plan
meets (``vnp:metBy``, the plan's best commitment) is marked so, and is no audit finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from service.labels import select
from service.pages.dossier.common import VNC, VNP, Index, local_number

#: vnc:scheme-verdict → the dossier's marks
MARKS = {VNC + "verdict-weaker": "weaker", VNC + "verdict-equal": "equal",
         VNC + "verdict-stricter": "stronger"}


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


@dataclass(frozen=True)
class Comparison:
    other: Target
    mark: str  # weaker (an audit finding), weaker-met (met by another target), equal, stronger
    flagged: bool
    reason: str = ""


def comparisons_of(targets: list[Target]) -> dict[tuple[str, str], tuple[str, bool, str]]:
    """(target, reference target) → (mark, met by another target, reason in English), from
    graph/comparison, for the comparable pairs of ``targets``."""
    values = " ".join(f"<{t.iri}>" for t in targets)
    if not values:
        return {}
    rows = select(f"""SELECT ?t ?r ?v ?why (COUNT(?m) AS ?met) WHERE {{ VALUES ?t {{ {values} }}
      ?c <{VNP}comparedTarget> ?t ; <{VNP}referenceTarget> ?r ; <{VNP}verdict> ?v .
      OPTIONAL {{ ?c <{VNP}verdictReason> ?why FILTER(LANG(?why) = "en") }} OPTIONAL {{ ?c <{VNP}metBy> ?m }}
    }} GROUP BY ?t ?r ?v ?why""")
    out = {}
    for row in rows:
        mark = MARKS.get(row["v"][1])
        if mark is not None:
            why = row["why"][1] if "why" in row else ""
            out[(row["t"][1], row["r"][1])] = (mark, int(row["met"][1]) > 0, why)
    return out


def compare(mine: Target, others: list[Target], found: dict[tuple[str, str], tuple[str, bool, str]]
            ) -> Comparison | None:
    """How ``mine`` stands against the first of ``others`` it is comparable with (graph/comparison)."""
    for theirs in others:
        if (mine.iri, theirs.iri) not in found:
            continue
        mark, met, reason = found[(mine.iri, theirs.iri)]
        if mark == "equal" and not reason:  # graph/comparison states no reason for an equal verdict
            reason = f"{mine.shown} against {theirs.shown}"
        flagged = mark == "weaker" and not met
        return Comparison(theirs, "weaker-met" if mark == "weaker" and met else mark, flagged, reason)
    return None
