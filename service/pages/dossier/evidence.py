"""The evidence of a plan's facts (``X vnp:evidence <{source}#char=s,e>``, the span's quote its
``oa:exact``, both in the plan's graph: docs/DESIGN.md, "Provenance of a fact") and the source text
rebuilt from it, with each fact's quoted sentence highlighted.

The graph keeps the quoted sentences with their character offsets into the source text, not the
whole text: the passages shown are the union of the quoted spans, in the order of the text, with
the gaps between them marked. Each quoted span is one ``<mark>`` whose id (``ev-{start}-{end}``)
is the target of the "source" link of every fact it is evidence of; spans nest (an assignment
inside its activity), and a span that overlaps the end of an enclosing one is cut there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from service.pages.dossier.common import OA, VNP, Index, anchor

_JOIN = 4  # quotes at most this many characters apart are one passage
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_CHAR = re.compile(r"#char=(\d+),(\d+)$")


@dataclass(frozen=True)
class Evidence:
    annotation: str
    body: str
    start: int
    end: int
    exact: str

    @property
    def anchor(self) -> str:
        return anchor(self.annotation)


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    html: Markup


def evidence_of(index: Index) -> list[Evidence]:
    """Every fact of a plan's graph with the span quoting it, in the order of the text.

    A span's offsets are in its IRI (RFC 5147 ``#char=start,end``), its quote is its ``oa:exact``:
    one pass over the graph's triples, no join."""
    quotes = {subject: str(values[0][1]) for subject, props in index.facts.items()
              if (values := props.get(OA + "exact"))}
    found = set()
    for body in list(index.facts):
        for span in index.iris(body, VNP + "evidence"):
            match = _CHAR.search(span)
            if span in quotes and match:
                found.add(Evidence(span, body, int(match[1]), int(match[2]), quotes[span]))
    return sorted(found, key=lambda e: (e.start, -e.end, e.annotation, e.body))


def by_body(evidence: list[Evidence]) -> dict[str, list[Evidence]]:
    mapping: dict[str, list[Evidence]] = {}
    for item in evidence:
        mapping.setdefault(item.body, []).append(item)
    return mapping


def passages(evidence: list[Evidence], titles: dict[str, str]) -> tuple[list[Passage], list[Evidence]]:
    """The source text as far as the quotes give it: merged passages with nested highlights, and the
    quotes whose offsets do not match their text (shown apart)."""
    spans = {e.annotation: e for e in evidence if e.end - e.start == len(e.exact) and e.end > e.start}
    apart = sorted({e.annotation: e for e in evidence if e.annotation not in spans}.values(),
                   key=lambda e: (e.start, e.annotation))
    ordered = sorted(spans.values(), key=lambda e: (e.start, -e.end, e.annotation))
    groups: list[list[Evidence]] = []
    for item in ordered:
        if groups and item.start <= max(e.end for e in groups[-1]) + _JOIN:
            groups[-1].append(item)
        else:
            groups.append([item])
    result = []
    for group in groups:
        first, last = group[0].start, max(e.end for e in group)
        chars = ["\n"] * (last - first)  # a short unquoted gap inside a passage: shown as a line break
        for item in group:
            chars[item.start - first:item.end - first] = item.exact
        result.append(Passage(first, last, _marked("".join(chars), first, group, titles)))
    return result, apart


def _marked(text: str, base: int, group: list[Evidence], titles: dict[str, str]) -> Markup:
    out: list[str] = []
    stack: list[int] = []
    pos = base

    def emit(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            out.append(_BLANK_LINES.sub("\n", str(escape(text[pos - base:upto - base]))))
            pos = upto

    for item in group:
        while stack and stack[-1] <= item.start:
            emit(stack.pop())
            out.append("</mark>")
        end = min(item.end, stack[-1]) if stack else item.end
        if end <= item.start:
            continue
        emit(item.start)
        title = escape(titles.get(item.body, ""))
        out.append(f'<mark class="ev" id="{item.anchor}" title="{title}">')
        stack.append(end)
    while stack:
        emit(stack.pop())
        out.append("</mark>")
    emit(base + len(text))
    return Markup("".join(out))
