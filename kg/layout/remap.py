"""Spans found in the logical document, mapped back to the text as read.

Extraction records carry ``span`` = (start, end) offsets (kg.extract.records), nested to any depth
(a task's lead agencies, a document's issuer). :func:`remap_spans` returns the same records with
every span mapped through a :class:`~kg.layout.Layout`, so that a fact's quote is
``source[start:end]``: the file exactly as read, emphasis markers and line breaks included.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def remap_spans(value: T, mapper: Callable[[int, int], tuple[int, int]]) -> T:
    """``value`` with every dataclass field named ``span`` mapped by ``mapper`` (recursively
    through dataclasses, lists, tuples and dict values; other values unchanged)."""
    return _remap(value, mapper)


_LEAVES = (str, int, float, bool, type(None))
_LEAF_TYPES = frozenset(_LEAVES)
# per class: its field names when it is a dataclass, else None (a cache: the answer never changes)
_FIELDS: dict[type, tuple[str, ...] | None] = {}
# the dataclasses whose fields are all set by ``__init__``: a changed copy is ``cls(**fields)``, which is
# what dataclasses.replace does, without its checks per field (a record has a dozen fields)
_PLAIN_INIT: set[type] = set()


def _field_names(cls: type) -> tuple[str, ...] | None:
    names = _FIELDS.get(cls, ())
    if names == ():
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELDS[cls] = names
        if names is not None and all(f.init for f in dataclasses.fields(cls)) and not any(
            isinstance(v, dataclasses.InitVar) for v in getattr(cls, "__annotations__", {}).values()
        ):
            _PLAIN_INIT.add(cls)
    return names


def _replace(value: Any, cls: type, names: tuple[str, ...], changes: dict[str, Any]) -> Any:
    if cls not in _PLAIN_INIT:
        return dataclasses.replace(value, **changes)
    return cls(**{n: changes[n] if n in changes else getattr(value, n) for n in names})


def _remap(value: Any, mapper: Callable[[int, int], tuple[int, int]]) -> Any:
    cls = type(value)
    if cls in _LEAF_TYPES or isinstance(value, _LEAVES):
        return value
    names = _field_names(cls)
    if names is not None:
        changes = {}
        for name in names:
            current = getattr(value, name)
            if type(current) in _LEAF_TYPES:
                continue
            if name == "span" and isinstance(current, tuple) and len(current) == 2:
                span = mapper(*current)
                if span != current:  # (a text read whole maps most spans to themselves: no copy)
                    changes[name] = span
            elif not isinstance(current, _LEAVES):
                new = _remap(current, mapper)
                if new is not current:
                    changes[name] = new
        return _replace(value, cls, names, changes) if changes else value
    if isinstance(value, list):
        items = [_remap(v, mapper) for v in value]
        return value if all(map(operator.is_, items, value)) else items
    if isinstance(value, tuple) and not _is_span(value):
        items = tuple(_remap(v, mapper) for v in value)
        return value if all(map(operator.is_, items, value)) else items
    if isinstance(value, dict):
        items = {k: _remap(v, mapper) for k, v in value.items()}
        return items if any(items[k] is not value[k] for k in value) else value
    return value


def _is_span(value: tuple) -> bool:
    return len(value) == 2 and all(isinstance(v, int) for v in value)
