"""The messages of a finding: each shape's own ``sh:message`` in Vietnamese and English, and
pySHACL's generic detail added to them."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import SH


def shape_messages(shapes: Graph) -> dict[Node, tuple[str, str, str]]:
    """(name, vi, en) of each shape. A blank property shape is named after its node shape, and
    takes that node shape's messages when it has none of its own."""
    own: dict[Node, dict[str, str]] = {}
    for s, o in shapes.subject_objects(SH.message):
        if isinstance(o, Literal) and o.language in ("vi", "en"):
            own.setdefault(s, {})[o.language] = str(o)
    index: dict[Node, tuple[str, str, str]] = {}
    for shape in set(shapes.subjects()) | set(shapes.objects()):
        chain = [shape, *sorted(shapes.subjects(SH.property, shape))]
        name = next((str(c) for c in chain if isinstance(c, URIRef)), "_:shape")
        vi = en = ""
        for candidate in chain:
            if candidate in own:
                m = own[candidate]
                vi, en = m.get("vi", m.get("en", "")), m.get("en", m.get("vi", ""))
                break
        index[shape] = (name, vi, en)
    return index


_LIST = re.compile(r"\[([^\[\]]*)\]")


def with_detail(message: str, detail: str | None) -> str:
    """``message`` followed by pySHACL's generic detail in parentheses (when it adds something).

    pySHACL prints some constraint parameters from Python sets
    (``not in list ['vnc:funding-other', 'vnc:funding-integrated']``), in an order that changes with
    the hash seed: the items of such lists are sorted, so that the
    same finding always reads the same."""
    if not detail:
        return message
    detail = _LIST.sub(lambda m: "[" + ", ".join(sorted(i.strip() for i in m[1].split(","))) + "]", detail)
    if detail in message:
        return message
    return f"{message} ({detail})" if message else detail
