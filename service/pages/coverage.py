"""Coverage page (``/coverage``): for a period and a parent document (default Decision 1790/QĐ-TTg),
which coded administrative units at each level have a plan in the corpus implementing it, directly or
down the chain, which have none, which corpus plans could not be placed on a coded unit, and which
implementing plans are known only by citation (issue 14, item 6). It runs the canned query
``coverage-of-units`` (the same SPARQL as queries/cq21-coverage-of-units.rq), whole, once per data
version, and groups its rows; the query's own page gives them as CSV or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from service.pages.canned import bind, queries
from service.state import state

bp = Blueprint("coverage", __name__)
QUERY = "coverage-of-units"
LEVELS = ("province", "district", "commune")
SHOWN = 300  # units listed per level and edition without a plan; the rest through the CSV link


@dataclass
class Group:
    """The units of one level in one edition of the list: covered (with plans) and without a plan."""

    level: str
    edition: str
    covered: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit → {label, code, plans}
    none: list[dict[str, str]] = field(default_factory=list)
    # units without a plan in the corpus whose plan is known because a corpus plan cites it
    cited: list[dict[str, str]] = field(default_factory=list)


def coverage_rows(args: dict[str, str]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The query's rows as {variable: lexical value}, and the parameters as given."""
    query = queries()[QUERY]
    given = {k: v for k, v in args.items() if k in {p.name for p in query.params} and v.strip()}
    substitutions = bind(query, given, current_app.config["VNGE_BASE"])
    task = {"op": "query", "query": query.text, "default_graph": None, "named_graphs": None,
            "substitutions": substitutions, "max_rows": 0}
    limit = float(current_app.config["VNGE_CANNED_TIMEOUT"])
    result = state().memo(("coverage", tuple(sorted(substitutions.items()))), lambda: state().pool.execute(
        task, timeout=limit, setting="VNGE_CANNED_TIMEOUT"))
    names = result["vars"]
    rows = [{v: t[1] for v, t in zip(names, row, strict=True) if t is not None} for row in result["rows"]]
    return rows, given


def group(rows: list[dict[str, str]]) -> tuple[list[Group], list[dict[str, str]], list[dict[str, str]]]:
    """(groups by level and edition, unresolved plans, plans known only by citation)."""
    groups: dict[tuple[str, str], Group] = {}
    unresolved, cited = [], []
    for row in rows:
        status = row.get("status")
        if status == "unresolved":
            unresolved.append(row)
            continue
        if status == "cited-only":
            cited.append(row)
            continue
        key = (row.get("level", ""), row.get("edition", ""))
        g = groups.setdefault(key, Group(*key))
        if status == "covered":
            unit = g.covered.setdefault(row["unit"], {"label": row.get("unitLabel", row["unit"]),
                                                      "code": row.get("code", ""), "plans": {}})
            unit["plans"][row["plan"]] = (row.get("planLabel", row["plan"]), row.get("year", ""))
        elif row.get("unit") not in {u.get("unit") for u in g.none[-1:]}:
            g.none.append(row)

    cited = _unique(cited)
    by_unit: dict[str, list[dict[str, str]]] = {}
    for row in cited:
        if row.get("unit"):
            by_unit.setdefault(row["unit"], []).append(row)
    for g in groups.values():
        keep = []
        for row in g.none:
            if row.get("unit") in by_unit:
                g.cited.append({**row, "plans": by_unit[row["unit"]]})
            else:
                keep.append(row)
        g.none = keep

    def order(g: Group) -> tuple[int, str]:
        return (LEVELS.index(g.level) if g.level in LEVELS else len(LEVELS), g.edition)

    return sorted(groups.values(), key=order), unresolved, cited


def _unique(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for row in rows:
        seen.setdefault(row["plan"], row)
    return list(seen.values())


@bp.route("/coverage")
def coverage() -> str:
    rows, given = coverage_rows({k: request.args.get(k, "") for k in request.args})
    groups, unresolved, cited = group(rows)
    csv = f"/queries/{QUERY}?" + urlencode({**given, "format": "csv"})
    return render_template("coverage.html", title="Độ bao phủ · Coverage", groups=groups,
                           unresolved=unresolved, cited=cited, given=given, csv=csv, shown=SHOWN,
                           params=queries()[QUERY].params)
