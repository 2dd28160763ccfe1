"""Bar charts of counts for aggregate query results, as server-rendered SVG: one horizontal bar per
name (an IRI's label, or a text column), its length the value of a count column (``chart=<column>``,
by default the first integer column). Rows of the same entity (the IRI column with the most distinct
values, else the name) are added up: a count per level becomes a count per agency, and two agencies
of one name stay two bars. The largest ``MAX_BARS`` are drawn and the rest counted in a note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from service.pages.table import is_number, shown

MAX_BARS = 25
LABEL_W, BAR_W, ROW_H, PAD = 330, 520, 22, 8


@dataclass
class Chart:
    svg: str
    value_var: str
    name_var: str
    choices: list[str]  # the count columns one may chart instead
    hidden: int  # names left out
    summed: bool  # some entities had several rows, added up


def _integer_columns(names: list[str], rows: list[list[Any]]) -> list[str]:
    return [v for i, v in enumerate(names)
            if any(r[i] is not None for r in rows)
            and all(r[i] is None or (is_number(r[i]) and str(r[i][1]).lstrip("-").isdigit()) for r in rows)]


def _name_column(names: list[str], rows: list[list[Any]], labels: Mapping[str, str], skip: set[str]) -> str:
    """The column that names a bar: a text column such as ``label`` first, else an IRI column with labels."""
    texts = [v for i, v in enumerate(names) if v not in skip
             and rows and all(r[i] is None or r[i][0] == "literal" for r in rows)
             and any(r[i] is not None for r in rows)]
    iris = [v for i, v in enumerate(names) if v not in skip
            and rows and all(r[i] is None or r[i][0] == "uri" for r in rows)
            and any(r[i] is not None and r[i][1] in labels for r in rows)]
    return (texts or iris or [""])[0]


def _key(term: Any) -> tuple[Any, ...] | None:
    return tuple(term) if term is not None else None


def bar_chart(result: dict[str, Any], labels: Mapping[str, str], link: Callable[[str], str],
              wanted: str = "", allowed: tuple[str, ...] = ()) -> Chart | None:
    """The chart of a SELECT result, or None when it has no count column (among ``allowed``, when
    given) or no name column."""
    names: list[str] = list(result.get("vars") or [])
    rows: list[list[Any]] = list(result.get("rows") or [])
    counts = [v for v in _integer_columns(names, rows) if not allowed or v in allowed]
    if not counts or not rows:
        return None
    value_var = wanted if wanted in counts else counts[0]
    name_var = _name_column(names, rows, labels, set(counts))
    if not name_var:
        return None
    vi, ni = names.index(value_var), names.index(name_var)
    iri_vars = [i for i in range(len(names)) if all(r[i] is None or r[i][0] == "uri" for r in rows)
                and any(r[i] is not None for r in rows)]
    ki = max(iri_vars, key=lambda i: (len({_key(r[i]) for r in rows}), -i)) if iri_vars else ni
    totals: dict[Any, int] = {}
    title: dict[Any, str] = {}
    for row in rows:
        if row[vi] is None:
            continue
        key = _key(row[ki]) or _key(row[ni])
        title.setdefault(key, shown(row[ni], labels) if row[ni] is not None else "?")
        totals[key] = totals.get(key, 0) + int(row[vi][1])
    repeated = len(totals) < sum(1 for r in rows if r[vi] is not None)
    bars = sorted(((title[k], n, k[1] if k is not None and k[0] == "uri" else "") for k, n in totals.items()),
                  key=lambda bar: (-bar[1], bar[0], bar[2]))
    shown_bars = bars[:MAX_BARS]
    top = max((n for _, n, _ in shown_bars), default=0) or 1
    height = len(shown_bars) * ROW_H + 2 * PAD
    width = LABEL_W + BAR_W + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="bar-chart" class="bar-chart" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label={quoteattr(f"{value_var} by {name_var}")} font-family="sans-serif" font-size="12">']
    for i, (name, n, target) in enumerate(shown_bars):
        y = PAD + i * ROW_H
        length = max(1.0, BAR_W * n / top)
        text = name if len(name) <= 52 else name[:51] + "…"
        bar = (f'<title>{escape(name)}: {n}</title>'
               f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{escape(text)}</text>'
               f'<rect class="bar" data-name={quoteattr(name)} data-count="{n}" x="{LABEL_W}" y="{y + 3}" '
               f'width="{length:.1f}" height="{ROW_H - 6}" fill="#7a1f3d" fill-opacity="0.85"/>'
               f'<text x="{LABEL_W + length + 6:.1f}" y="{y + 15}" fill="#333">{n}</text>')
        parts.append(f'<a href={quoteattr(link(target))}>{bar}</a>' if target else f"<g>{bar}</g>")
    parts.append("</svg>")
    return Chart("".join(parts), value_var, names[ki], counts, len(bars) - len(shown_bars), repeated)
