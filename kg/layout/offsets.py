"""An offset map from a derived text back to the text it was made from.

The layout stage rewrites what a reader produced (drops emphasis markers and table-cell pipes,
joins hard-wrapped lines, leaves out site boilerplate) into the logical document the extractors
read. Every fact must still quote the file exactly as read, so the rewrite is recorded as it is
built: runs of characters copied from the source (an anchor each: logical start → source start)
and characters written in place of something (a space for a line break, a line break for a table
cell boundary), which map to the source position they stand for.

:meth:`OffsetMap.source_span` maps a logical span back with a binary search; the mapped span
covers the same letters in the same order (plus whatever was dropped between them).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OffsetMap:
    """Sorted pieces ``(logical_start, source_start, length, copied)`` covering the logical text."""

    starts: tuple[int, ...]
    sources: tuple[int, ...]
    lengths: tuple[int, ...]
    copied: tuple[bool, ...]
    logical_length: int
    source_length: int

    def source_pos(self, pos: int) -> int:
        """The source position of logical position ``pos`` (0 ≤ pos ≤ len(logical))."""
        if not self.starts or pos >= self.logical_length:
            return self.source_length if pos >= self.logical_length and self.starts else pos
        i = bisect_right(self.starts, pos) - 1
        if self.copied[i]:
            return self.sources[i] + (pos - self.starts[i])
        return self.sources[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind logical ``[start, end)``: from the source position of the first
        character to just after the source position of the last (an empty span stays empty)."""
        if end <= start:
            pos = self.source_pos(start)
            return pos, pos
        first = self.source_pos(start)
        last = self.source_pos(end - 1)
        i = bisect_right(self.starts, end - 1) - 1
        after = last + 1 if self.copied[i] else last
        return first, max(first, after)

    @property
    def identity(self) -> bool:
        return (len(self.starts) == 1 and self.copied[0] and self.sources[0] == 0
                and self.logical_length == self.source_length)


@dataclass
class MapBuilder:
    """Builds a logical text and its :class:`OffsetMap` piece by piece."""

    source: str
    parts: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _sources: list[int] = field(default_factory=list)
    _lengths: list[int] = field(default_factory=list)
    _copied: list[bool] = field(default_factory=list)
    _length: int = 0

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` unchanged."""
        if end <= start:
            return
        if (self._copied and self._copied[-1]
                and self._sources[-1] + self._lengths[-1] == start):  # extends the previous run
            self._lengths[-1] += end - start
        else:
            self._add(start, end - start, True)
        self.parts.append(self.source[start:end])
        self._length += end - start

    def write(self, text: str, at: int) -> None:
        """Append ``text`` standing for source position ``at`` (a join, a cell boundary)."""
        if not text:
            return
        self._add(at, len(text), False)
        self.parts.append(text)
        self._length += len(text)

    def _add(self, source: int, length: int, copied: bool) -> None:
        self._starts.append(self._length)
        self._sources.append(source)
        self._lengths.append(length)
        self._copied.append(copied)

    def drop_last_char(self) -> None:
        """Take back the last character written (a trailing space)."""
        if not self.parts:
            return
        self.parts[-1] = self.parts[-1][:-1]
        self._lengths[-1] -= 1
        self._length -= 1
        if not self.parts[-1]:
            self.parts.pop()
        if self._lengths[-1] == 0:
            for seq in (self._starts, self._sources, self._lengths, self._copied):
                seq.pop()

    @property
    def length(self) -> int:
        return self._length

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self.parts)
        return text, OffsetMap(tuple(self._starts), tuple(self._sources), tuple(self._lengths),
                               tuple(self._copied), len(text), len(self.source))


def identity_map(text: str) -> OffsetMap:
    """The map of a text to itself."""
    return OffsetMap((0,), (0,), (len(text),), (True,), len(text), len(text)) if text else \
        OffsetMap((), (), (), (), 0, 0)
