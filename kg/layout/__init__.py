"""Layout: from what a reader produced to the logical document the extractors read.

A reader gives the file's text exactly (its offsets are what the graph quotes). Published plans
reach researchers as web pages and their conversions, where the text is the document inside a
site's furniture and under a conversion's artefacts. :func:`lay_out` returns the logical document
(:mod:`kg.layout.blocks`) with an :class:`~kg.layout.offsets.OffsetMap` back to the text as read,
so that every span found in the logical text quotes the file exactly. A text without such
artefacts is returned unchanged (identity map).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.layout.blocks import lay_out_blocks, looks_converted
from kg.layout.furniture import find_bounds
from kg.layout.offsets import MapBuilder, OffsetMap, identity_map

__all__ = ["Layout", "OffsetMap", "lay_out", "looks_converted"]


@dataclass(frozen=True)
class Layout:
    """The logical document (``text``), the text as read (``source``) and the map between them."""

    text: str
    source: str
    offsets: OffsetMap
    converted: bool  # False: ``text`` is ``source`` (nothing to undo)
    page: tuple[tuple[str, str], ...] = ()  # the page's properties table: ("number", "15/KH-UBND"), …

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return (start, end) if not self.converted else self.offsets.source_span(start, end)


def lay_out(source: str) -> Layout:
    """The logical document of ``source`` (pure, deterministic; never raises on a string): site
    furniture left out (:mod:`kg.layout.furniture`), a conversion's artefacts undone
    (:mod:`kg.layout.blocks`)."""
    lines = source.split("\n")
    bounds = find_bounds(lines)
    whole = bounds.first == 0 and bounds.last == len(lines)
    converted = looks_converted(source)
    if whole and not converted:
        return Layout(source, source, identity_map(source), False, bounds.page)
    builder = MapBuilder(source)
    if converted:
        lay_out_blocks(source, builder, bounds.first, bounds.last)
    else:
        start = sum(len(line) + 1 for line in lines[:bounds.first])
        end = sum(len(line) + 1 for line in lines[:bounds.last]) - 1
        builder.copy(start, max(start, end))
    text, offsets = builder.build()
    return Layout(text, source, offsets, True, bounds.page)
