"""The columns of ``SELECT *``: in the order the variables first appear in the query.

SPARQL leaves the order of ``SELECT *`` columns to the engine; pyoxigraph sorts them by name, so
``SELECT * WHERE { ?s ?p ?o }`` came back as o, p, s. A researcher reads the columns in the order
of the query, as Jena and Virtuoso give them. Found lexically (comments, strings and IRIs left
out), on the text the engine ran.
"""

from __future__ import annotations

import re
from typing import Any

from service.protocol.guard import _LEXICAL_NOISE

_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00b7-\uffff]+)")


def star_order(query: str) -> list[str] | None:
    """The variables of ``query`` in order of first appearance, when its projection is ``*``."""
    bare = _LEXICAL_NOISE.sub(" ", query)
    star = _STAR.search(bare)
    first_select = re.search(r"\bSELECT\b", bare, re.IGNORECASE)
    if not star or not first_select or star.start() != first_select.start():
        return None
    seen: dict[str, None] = {}
    for name in _VARIABLE.findall(bare, star.end()):
        seen.setdefault(name, None)
    return list(seen)


def in_query_order(query: str, result: dict[str, Any]) -> dict[str, Any]:
    """``result`` (a SELECT result from the query pool) with the columns of ``SELECT *`` in query
    order; other results unchanged (a new dict: cached results are shared)."""
    if result.get("form") != "SELECT" or "vars" not in result:
        return result
    order = star_order(query)
    if not order:
        return result
    rank = {name: i for i, name in enumerate(order)}
    names = result["vars"]
    positions = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))
    if positions == list(range(len(names))):
        return result
    return {**result, "vars": [names[i] for i in positions],
            "rows": [[row[i] for i in positions] for row in result["rows"]]}
