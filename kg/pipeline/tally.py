"""graph/summary updated by the counts of the plans an ingest or a removal changes, not recomputed.

A plan graph contributes to the summary (kg/pipeline/summary.py) its own counts: per (lead agency,
level) its tasks and one plan, per (indicator, level) its targets, one plan and its smallest and
largest value. :func:`contribution` reads them from the plan's graph alone (an index lookup on one
graph, whatever the size of the store); :func:`summary_update` turns "the old graphs' counts out, the
new graph's counts in" into one SPARQL update of the observations they touch, with the re-ranking of
the first :data:`~kg.pipeline.summary.RANKED` agencies of each level concerned.

Counts add and subtract. Extremes do not: when the plans taken out held the smallest (or largest)
value of an indicator and level, that observation's extreme is read again from the store, for that
indicator only. The result equals a whole recomputation (tests/pipeline/test_tally.py compares them)
as long as a plan's tasks and targets are in its own graph and each unit has one level, as the
mapping writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kg.pipeline.summary import (
    INDICATOR_TARGETS,
    LEAD_AGENCIES,
    LEAD_QUERY,
    QB,
    QB_DATASET_CLASS,
    RANKED,
    TARGET_QUERY,
    _query,
    dataset_iri,
    lead_iri,
    rank_order,
    target_iri,
)
from kg.rdf.namespaces import VNP, graph_iri

#: a SPARQL SELECT text → rows of lexical values by variable (None: unbound)
Rows = Callable[[str], list[dict[str, str | None]]]
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_INT = "http://www.w3.org/2001/XMLSchema#integer"
_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


@dataclass
class Contribution:
    """Counts of some plan graphs: (agency, level) → [tasks, plans]; (indicator, level) → [targets,
    plans, smallest value, largest value] (values as lexical forms, or None)."""

    leads: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    targets: dict[tuple[str, str], list] = field(default_factory=dict)


def _one_graph(query: str, graph: str) -> str:
    """A whole-corpus summary query restricted to one named graph."""
    text = _query(query).replace("GRAPH ?g {", f"GRAPH <{graph}> {{")
    return text.replace(f"FILTER(?g != <{graph_iri('summary')}>)", "")


def _number(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def contribution(rows: Rows, graphs: Iterable[str]) -> Contribution:
    """The summary counts that the plan graphs ``graphs`` contribute (each plan in its own graph)."""
    out = Contribution()
    for graph in sorted(set(graphs)):
        for row in rows(_one_graph(LEAD_QUERY, graph)):
            if row.get("agency") is not None and row.get("level") is not None:
                slot = out.leads.setdefault((str(row["agency"]), str(row["level"])), [0, 0])
                slot[0] += int(str(row["tasks"]))
                slot[1] += int(str(row["plans"]))
        for row in rows(_one_graph(TARGET_QUERY, graph)):
            if row.get("indicator") is None or row.get("level") is None:
                continue
            slot = out.targets.setdefault((str(row["indicator"]), str(row["level"])), [0, 0, None, None])
            slot[0] += int(str(row["targets"]))
            slot[1] += int(str(row["plans"]))
            for i, pick in ((2, min), (3, max)):
                value = row.get("min" if i == 2 else "max")
                if value is not None:
                    slot[i] = value if slot[i] is None else pick(slot[i], value, key=_number)
    return out


def summary_update(rows: Rows, old: Contribution, new: Contribution) -> str:
    """One SPARQL update moving graph/summary from counting ``old`` to counting ``new`` (run it after
    the plan graphs changed: extremes may be read again), that also marks the summary current."""
    removed: set[str] = set()
    added: set[str] = set()
    for before, after in (_lead_changes(rows, old, new), _target_changes(rows, old, new)):
        removed |= before - after
        added |= after - before
    summary = graph_iri("summary")
    added.add(f"<{dataset_iri(LEAD_AGENCIES)}> <{_TYPE}> <{QB_DATASET_CLASS}> .")  # mark_stale() took it out
    ops = []
    if removed:
        ops.append(f"DELETE DATA {{ GRAPH <{summary}> {{\n{_nt(removed)}}} }}")
    ops.append(f"INSERT DATA {{ GRAPH <{summary}> {{\n{_nt(added)}}} }}")
    return " ;\n".join(ops)


def _nt(lines: Iterable[str]) -> str:
    return "".join(line + "\n" for line in sorted(lines))


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


def _int(n: int) -> str:
    return f'"{n}"^^<{_INT}>'


def _lead_lines(agency: str, level: str, tasks: int, plans: int, rank: int | None) -> set[str]:
    """N-Triples of one observation, as :func:`kg.pipeline.summary.lead_observation` writes it."""
    o = f"<{lead_iri(agency, level)}>"
    lines = {f"{o} <{_TYPE}> <{VNP.LeadAgencyCount}> .",
             f"{o} <{QB}dataSet> <{dataset_iri(LEAD_AGENCIES)}> .",
             f"{o} <{VNP.countedAgency}> <{agency}> .", f"{o} <{VNP.planLevel}> <{level}> .",
             f"{o} <{VNP.taskCount}> {_int(tasks)} .", f"{o} <{VNP.planCount}> {_int(plans)} ."}
    if rank is not None and rank <= RANKED:
        lines.add(f"{o} <{VNP.rankInLevel}> {_int(rank)} .")
    return lines


def _target_lines(indicator: str, level: str, targets: int, plans: int, low: str | None, high: str | None
                  ) -> set[str]:
    """N-Triples of one observation, as :func:`kg.pipeline.summary.target_observation` writes it."""
    o = f"<{target_iri(indicator, level)}>"
    lines = {f"{o} <{_TYPE}> <{VNP.IndicatorTargetSummary}> .",
             f"{o} <{QB}dataSet> <{dataset_iri(INDICATOR_TARGETS)}> .",
             f"{o} <{VNP.summarisedIndicator}> <{indicator}> .", f"{o} <{VNP.planLevel}> <{level}> .",
             f"{o} <{VNP.targetCount}> {_int(targets)} .", f"{o} <{VNP.planCount}> {_int(plans)} ."}
    for value, prop in ((low, VNP.minValue), (high, VNP.maxValue)):
        if value is not None:
            lines.add(f'{o} <{prop}> "{value}"^^<{_DECIMAL}> .')
    return lines


_LEAD_ROWS = """SELECT ?o ?agency ?level ?tasks ?plans ?rank WHERE {{ GRAPH <{summary}> {{
  {pattern}
  ?o a <{cls}> ; <{vnp}countedAgency> ?agency ; <{vnp}planLevel> ?level ;
     <{vnp}taskCount> ?tasks ; <{vnp}planCount> ?plans OPTIONAL {{ ?o <{vnp}rankInLevel> ?rank }} }} }}"""

LeadRows = dict[tuple[str, str], tuple[int, int, int | None]]


def _lead_rows(rows: Rows, pattern: str, extra: str = "") -> LeadRows:
    text = _LEAD_ROWS.format(summary=graph_iri("summary"), pattern=pattern, cls=VNP.LeadAgencyCount,
                             vnp=str(VNP)) + extra
    return {(str(r["agency"]), str(r["level"])): (int(str(r["tasks"])), int(str(r["plans"])),
                                                  int(str(r["rank"])) if r.get("rank") is not None else None)
            for r in rows(text)}


def _lead_changes(rows: Rows, old: Contribution, new: Contribution) -> tuple[set[str], set[str]]:
    """(lines before, lines after) of the lead-agency observations that change."""
    keys = set(old.leads) | set(new.leads)
    if not keys:
        return set(), set()
    current = _lead_rows(rows, f"VALUES ?o {{ {_values(str(lead_iri(a, lv)) for a, lv in keys)} }}")
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for key in keys:
        tasks, plans, _ = current.get(key, (0, 0, None))
        tasks += new.leads.get(key, [0, 0])[0] - old.leads.get(key, [0, 0])[0]
        plans += new.leads.get(key, [0, 0])[1] - old.leads.get(key, [0, 0])[1]
        counts[key] = (tasks, plans)
    before: set[str] = set()
    after: set[str] = set()
    for level in sorted({lv for _, lv in keys}):
        ranked = _lead_rows(rows, f"?o <{VNP.planLevel}> <{level}> ; <{VNP.rankInLevel}> ?r .")
        stored = {**ranked, **{k: v for k, v in current.items() if k[1] == level}}
        order = {k: (c[0], c[1]) for k, c in stored.items() if k not in counts}
        order.update({k: c for k, c in counts.items() if k[1] == level and c[0] > 0})
        if len(order) < RANKED:  # some ranked agency left: the best unranked ones move up
            order.update(_unranked(rows, level, RANKED - len(order), set(order) | set(counts)))
        ranking = sorted(order, key=lambda k: rank_order(order[k][0], order[k][1], k[0]))[:RANKED]
        ranks = {k: i for i, k in enumerate(ranking, 1)}
        for key in set(stored) | set(ranks) | {k for k in counts if k[1] == level}:
            was = stored.get(key)
            tasks, plans = counts.get(key) or order.get(key) or (0, 0)
            if was is not None and key not in counts and was[2] == ranks.get(key):
                continue  # neither its counts nor its rank change
            if was is not None:
                before |= _lead_lines(key[0], level, *was)
            if tasks > 0:
                after |= _lead_lines(key[0], level, tasks, plans, ranks.get(key))
    return before, after


def _unranked(rows: Rows, level: str, limit: int, skip: set[tuple[str, str]]
              ) -> dict[tuple[str, str], tuple[int, int]]:
    """The best ``limit`` observations of ``level`` that have no rank (none of ``skip``)."""
    pattern = f"?o <{VNP.planLevel}> <{level}> . FILTER NOT EXISTS {{ ?o <{VNP.rankInLevel}> ?r }}"
    extra = f" ORDER BY DESC(?tasks) DESC(?plans) ?agency LIMIT {limit + len(skip)}"
    found = _lead_rows(rows, pattern, extra)
    return dict([(k, v[:2]) for k, v in found.items() if k not in skip][:limit])


_TARGET_ROWS = """SELECT ?o ?targets ?plans ?min ?max WHERE {{ GRAPH <{summary}> {{
  VALUES ?o {{ {values} }}
  ?o <{vnp}targetCount> ?targets ; <{vnp}planCount> ?plans
  OPTIONAL {{ ?o <{vnp}minValue> ?min }} OPTIONAL {{ ?o <{vnp}maxValue> ?max }} }} }}"""

# Two plain patterns, one for the values and one for the upper ends of ranges (vnp:valueMax): an
# OPTIONAL for the upper end made Oxigraph evaluate the national store's targets row by row
# (minutes instead of 2.7 s per indicator and level).
_EXTREMES = """SELECT (MIN(?v) AS ?min) (MAX(?v) AS ?max) WHERE {{
  GRAPH ?g {{ ?plan <{vnp}hasTarget> ?t ; <{vnp}jurisdiction> ?u . ?t <{vnp}indicator> <{indicator}> ;
             <{{value}}> ?v }}
  FILTER(?g != <{summary}>)
  {{ SELECT DISTINCT ?u WHERE {{ GRAPH ?r {{ ?u <{vnp}level> <{level}> }} }} }} }}"""


def _target_changes(rows: Rows, old: Contribution, new: Contribution) -> tuple[set[str], set[str]]:
    """(lines before, lines after) of the indicator observations that change."""
    keys = set(old.targets) | set(new.targets)
    if not keys:
        return set(), set()
    iris = {str(target_iri(i, lv)): (i, lv) for i, lv in keys}
    current = {iris[str(r["o"])]: r for r in rows(
        _TARGET_ROWS.format(summary=graph_iri("summary"), values=_values(iris), vnp=str(VNP)))}
    before: set[str] = set()
    after: set[str] = set()
    for key in sorted(keys):
        row = current.get(key, {})
        cur = [int(str(row.get("targets") or 0)), int(str(row.get("plans") or 0)),
               row.get("min"), row.get("max")]
        if row:
            before |= _target_lines(key[0], key[1], *cur)
        gone, came = old.targets.get(key, [0, 0, None, None]), new.targets.get(key, [0, 0, None, None])
        count, plans = cur[0] - gone[0] + came[0], cur[1] - gone[1] + came[1]
        if count <= 0:
            continue
        low, high = _extreme(cur[2], gone[2], came[2], min), _extreme(cur[3], gone[3], came[3], max)
        if low is _AGAIN or high is _AGAIN:
            low, high = _read_extremes(rows, key)
        after |= _target_lines(key[0], key[1], count, plans, low, high)  # type: ignore[arg-type]
    return before, after


_AGAIN = object()  # the extreme must be read again from the store


def _extreme(current: object, gone: object, came: object, pick: Callable) -> object:
    """The new extreme from the current one, the one of the plans taken out and of the plan put in."""
    if gone is not None and current is not None:
        a, b = _number(gone), _number(current)
        if a is None or b is None or pick(a, b) == a:  # the plans taken out held the extreme
            return _AGAIN
    values = [v for v in (current, came) if v is not None]
    if any(_number(v) is None for v in values):
        return _AGAIN
    return pick(values, key=_number) if values else None


def _read_extremes(rows: Rows, key: tuple[str, str]) -> tuple[str | None, str | None]:
    """The smallest value and the largest of the values and of the ranges' upper ends."""
    text = _EXTREMES.format(vnp=str(VNP), indicator=key[0], level=key[1], summary=graph_iri("summary"))
    values = rows(text.replace("<{value}>", f"<{VNP.value}>"))
    uppers = rows(text.replace("<{value}>", f"<{VNP.valueMax}>"))
    low = values[0].get("min") if values else None
    highs = [r.get("max") for r in (values[:1] + uppers[:1]) if r.get("max") is not None]
    high = max(highs, key=lambda v: _number(v) or Decimal(0)) if highs else None
    return low, high
