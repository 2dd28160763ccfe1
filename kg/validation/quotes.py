"""The quote of the plan text behind each finding's focus node: the span of the source text it was
read from (``vnp:evidence``, whose quote is its ``oa:exact``; docs/DESIGN.md "Provenance of a fact"),
or that of a node with evidence pointing to it."""

from __future__ import annotations

import pyoxigraph as ox

from kg.validation.model import Finding

_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX vnp: <https://w3id.org/vnge/ontology#>
SELECT ?focus ?annotation ?exact WHERE {
  VALUES ?focus { %s }
  ?focus vnp:evidence ?annotation . ?annotation oa:exact ?exact .
}
"""
# A node without its own evidence (a cited document, an agency) is quoted through a node with
# evidence that points to it (the citation, the assignment).
_QUOTES_VIA = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX vnp: <https://w3id.org/vnge/ontology#>
SELECT ?focus ?annotation ?exact WHERE {
  VALUES ?focus { %s }
  ?via ?p ?focus .
  ?via vnp:evidence ?annotation . ?annotation oa:exact ?exact .
}
"""


def _quotes(store: ox.Store, query: str, foci: list[str]) -> dict[str, tuple[str, str]]:
    """{focus: (evidence IRI, quote)}, the smallest evidence IRI when there are several."""
    found: dict[str, tuple[str, str]] = {}
    for i in range(0, len(foci), 500):
        values = " ".join(f"<{f}>" for f in foci[i : i + 500])
        for row in store.query(query % values, use_default_graph_as_union=True):
            hit = (row["annotation"].value, row["exact"].value)
            focus = row["focus"].value
            if focus not in found or hit < found[focus]:
                found[focus] = hit
    return found


def with_quotes(store: ox.Store, findings: list[Finding]) -> list[Finding]:
    """Attach the evidence and quote of each focus node (or of a node that points to it)."""
    foci = sorted({f.focus for f in findings if f.focus.startswith(("http://", "https://"))})
    quotes = _quotes(store, _QUOTES, foci)
    quotes.update(_quotes(store, _QUOTES_VIA, [f for f in foci if f not in quotes]))
    out = []
    for f in findings:
        if f.focus in quotes:
            anno, exact = quotes[f.focus]
            f = Finding(**{**f.__dict__, "annotation": anno, "quote": exact})
        out.append(f)
    return out
