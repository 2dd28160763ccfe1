"""A search for a ``re.M`` pattern whose matches may start at a line start (``^``), with the same
matches, led by a literal character.

A regular expression that begins with ``^`` (in one of its alternatives) gives the engine nothing to
skip ahead to: a search tries it at every position. Its twin, with ``\\n`` in place of ``^`` and no
other change, begins with characters, and a search skips ahead to them. A match of the twin at a line
break stands for the pattern's match there or at the line start after it (same end); the pattern
itself is tried there, and where the line break before a line start is outside the scanned range
(the scan's start, or the end of the match before, which may end with the line break).
"""

from __future__ import annotations

import re


def line_start_matches(
    pattern: re.Pattern[str], after_break: re.Pattern[str], text: str, pos: int, end: int
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, pos, end))``, scanned with ``after_break``, the pattern's twin with
    ``\\n`` in place of ``^``. Neither may match an empty string, nor ``pattern`` match at a line break
    by its ``^``."""
    out: list[re.Match[str]] = []
    while pos < end:
        m = pattern.match(text, pos, end) if pos == 0 or text[pos - 1] == "\n" else None
        if m is None:
            twin = after_break.search(text, pos, end)
            if twin is None:
                break
            # the pattern's own match: where the twin's starts, else (a "^" match) at the line start after it
            m = pattern.match(text, twin.start(), end) or pattern.match(text, twin.start() + 1, end)
            if m is None:  # not a twin of the pattern: never so for the patterns given
                raise ValueError("after_break is not the pattern's twin")
        out.append(m)
        pos = m.end()
    return out
