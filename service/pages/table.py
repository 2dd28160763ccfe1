"""A query result as the canned-query page shows it: filtered by facets (``f.<column>=<value>``),
sorted (``sort=<column>``, ``desc=1``) and cut into pages (``page=<n>``), all on the server over the
cached result, so the links work without JavaScript and every state has its own address.

A column is a facet when it has between 2 and ``MAX_FACET`` distinct values repeated over the rows
(a level, a severity, a role); numbers sort as numbers, names as the reader sees them (labels,
ignoring case and diacritics).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kg.rdf.namespaces import fold
from service.errors import ServiceError

PAGE_SIZE = 50
MAX_FACET = 12
RESERVED = ("sort", "desc", "page", "chart")
_NUMERIC = ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger")


def is_number(term: Any) -> bool:
    return bool(term) and term[0] == "literal" and len(term) > 2 and bool(term[2]) \
        and term[2].rsplit("#", 1)[-1] in _NUMERIC


def shown(term: Any, labels: Mapping[str, str]) -> str:
    """The text a reader sees for a term (an IRI's label)."""
    if term is None:
        return ""
    return labels.get(term[1], term[1]) if term[0] == "uri" else str(term[1])


@dataclass
class Facet:
    var: str
    values: list[tuple[str, str, int]]  # (lexical value, shown text, count)
    selected: str = ""


@dataclass
class TableView:
    vars: list[str]
    rows: list[list[Any]]  # the rows of this page
    total: int  # rows of the result
    matching: int  # rows left by the facets
    page: int
    pages: int
    sort: str
    desc: bool
    facets: list[Facet]
    numeric: set[str]
    state: dict[str, str] = field(default_factory=dict)  # the table's own arguments
    kept: list[list[Any]] = field(default_factory=list)  # every row the facets keep, in order
    fixed: list[tuple[str, Any]] = field(default_factory=list)  # (column, value) of a parameter's column

    def link(self, **changes: str | None) -> str:
        """The address of this table with some arguments changed (None: removed); back to page 1."""
        values = {k: v for k, v in {**self.state, "page": None, **changes}.items() if v}
        return "?" + urlencode(values)

    def sort_link(self, var: str) -> str:
        flip = var == self.sort and not self.desc
        return self.link(sort=var, desc="1" if flip or (var != self.sort and var in self.numeric) else None)

    def page_link(self, page: int) -> str:
        return self.link(page=str(page) if page > 1 else None)


def table_view(result: dict[str, Any], args: Mapping[str, str], labels: Mapping[str, str],
               params: Mapping[str, str], page_size: int = PAGE_SIZE,
               bound: Mapping[str, Any] | None = None) -> TableView:
    """The page of ``result`` the arguments ask for; ``params`` are the query's own parameters, kept
    in every link. A column holding in every row the value a parameter is ``bound`` to is taken out
    of the table (``fixed``: the page says it once)."""
    names: list[str] = list(result.get("vars") or [])
    rows: list[list[Any]] = list(result.get("rows") or [])
    column = {v: i for i, v in enumerate(names)}
    numeric = {v for v in names if any(is_number(r[column[v]]) for r in rows)
               and all(r[column[v]] is None or is_number(r[column[v]]) for r in rows)}
    chosen = {k[2:]: v for k, v in args.items() if k.startswith("f.") and v}
    for var in chosen:
        if var not in column:
            raise ServiceError(f"f.{var}: the result has no column {var!r}; it has {', '.join(names)}.")
    facets = [f for f in (_facet(v, column, rows, labels, chosen) for v in names if v not in numeric) if f]
    kept = [r for r in rows if all(_lexical(r[column[v]]) == value for v, value in chosen.items())]
    sort = args.get("sort", "")
    if sort and sort not in column:
        raise ServiceError(f"sort={sort!r}: the result has no such column; sort by one of "
                           f"{', '.join(names)}.")
    desc = args.get("desc", "") in ("1", "true", "yes")
    if sort:
        at = column[sort]
        kept.sort(key=lambda r: _sort_key(r[at], sort in numeric, labels), reverse=desc)
    pages = max(1, -(-len(kept) // page_size))
    raw_page = args.get("page", "1") or "1"
    if not raw_page.isdigit() or int(raw_page) < 1:
        raise ServiceError(f"page={raw_page!r} is not a page number (1, 2, …).")
    page = min(int(raw_page), pages)
    state = {**{k: v for k, v in params.items() if v}, "sort": sort, "desc": "1" if desc else "",
             **{f"f.{k}": v for k, v in chosen.items()}, "page": str(page) if page > 1 else "",
             "chart": args.get("chart", "")}
    fixed = [(v, bound[v]) for v in names if bound and v in bound and len(rows) > 1
             and all(r[column[v]] is not None and tuple(r[column[v]]) == tuple(bound[v]) for r in rows)]
    if fixed:
        drop = {column[v] for v, _ in fixed}
        names = [v for i, v in enumerate(names) if i not in drop]
        kept = [[t for i, t in enumerate(r) if i not in drop] for r in kept]
    return TableView(names, kept[(page - 1) * page_size: page * page_size], len(rows), len(kept), page, pages,
                     sort, desc, facets, numeric, state, kept, fixed)


def _lexical(term: Any) -> str:
    return "" if term is None else str(term[1])


def _sort_key(term: Any, numeric: bool, labels: Mapping[str, str]) -> tuple[Any, ...]:
    if term is None:
        return (1, 0.0, "")  # unbound last (first when descending)
    if numeric:
        try:
            return (0, float(term[1]), "")
        except ValueError:
            return (0, 0.0, str(term[1]))
    return (0, 0.0, fold(shown(term, labels)))


def _facet(var: str, column: Mapping[str, int], rows: list[list[Any]], labels: Mapping[str, str],
           chosen: Mapping[str, str]) -> Facet | None:
    """Counts of the column's values over the rows the other facets keep, or None when the column
    is not worth a facet (one value, or about one value per row)."""
    at = column[var]
    everywhere = {_lexical(r[at]) for r in rows if r[at] is not None}
    if not 2 <= len(everywhere) <= MAX_FACET or len(everywhere) * 2 > len(rows):
        return None
    column_terms = {_lexical(r[at]): r[at] for r in rows if r[at] is not None}
    counts = Counter(_lexical(r[at]) for r in rows if r[at] is not None
                     and all(_lexical(r[column[v]]) == value for v, value in chosen.items() if v != var))
    values = sorted(((value, shown(column_terms[value], labels), n) for value, n in counts.items()),
                    key=lambda item: (-item[2], fold(item[1])))
    return Facet(var, values, chosen.get(var, ""))

