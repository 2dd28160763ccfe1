"""Which tasks of a plan deliver which of its targets, where the text makes it clear.

Conservative: a task delivers a target when the task's opening clause (its title up to the first
";", ".", ":" or line end) names the target's national indicator in the indicator's own words
(:func:`kg.extract.indicators.match_indicator`: "Hưởng ứng Tháng hành động vì bình đẳng giới …" for
the Action Month plans, "Rà soát, sửa đổi hương ước, quy ước …" for the community conventions,
"Áp dụng Bộ chỉ số về giới trong truyền thông" for the media index, both of its phases). A target
without an indicator, or a task whose opening names none, is linked to nothing: a word shared by
chance ("truyền thông") links nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.indicators import match_indicator
from kg.extract.records import Target, Task

_OPENING = re.compile(r"[;.:\n]")
_PHASES = ("-pilot", "-official")


def _family(indicator: str) -> str:
    for phase in _PHASES:
        indicator = indicator.removesuffix(phase)
    return indicator


def deliveries(targets: Sequence[Target], tasks: Sequence[Task]) -> list[tuple[int, int]]:
    """(target index, task index) pairs, in order: the tasks whose opening clause names the target's
    indicator."""
    named = []
    for k, task in enumerate(tasks):
        found = match_indicator(_OPENING.split(task.title, maxsplit=1)[0])
        if found is not None:
            named.append((k, _family(found)))
    return [(i, k) for i, t in enumerate(targets) if t.indicator
            for k, family in named if family == _family(t.indicator)]
