"""Parameter pickers of the canned queries: suggestions from the search index (``/suggest?kind=&q=``,
JSON, read by static/picker.js), the level choices, and the check of a picked value, so that a
mistyped parameter gets a message rather than an empty result.

A parameter declares what it picks in its header line (``# param: plan iri required pick:plan --
…``): a plan, a document, an agency, an indicator, an administrative unit or a level. A value may
be the IRI, its path under the base, or a name, which is looked up in the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, jsonify, request

from kg.rdf.namespaces import fold
from service.errors import ServiceError
from service.pages.faceted import SearchFilter, faceted_search
from service.pages.search import best_label, label_index
from service.pages.search_facts import LEVEL_LABELS, LEVELS, search_facts

bp = Blueprint("pickers", __name__)

PICKS = ("plan", "document", "agency", "indicator", "unit", "level")
PICK_NAMES = {"plan": "kế hoạch · plan", "document": "văn bản · document", "agency": "cơ quan · agency",
              "indicator": "chỉ số · indicator", "unit": "đơn vị hành chính · administrative unit",
              "level": "cấp · level"}
LIMIT = 20


@dataclass
class PickError(Exception):
    """A parameter value that names no entity of its kind: the message, and candidates (IRI, label)."""

    message: str
    candidates: list[tuple[str, str]]
    param: str = ""


def _concepts() -> str:
    return current_app.config["VNGE_BASE"] + "concept/"


def level_choices() -> list[tuple[str, str]]:
    return [(_concepts() + "level-" + level, LEVEL_LABELS[level]) for level in LEVELS]


def _of_kind(kind: str, iri: str) -> bool:
    if kind == "indicator":
        return iri.startswith(_concepts() + "indicator-")
    if kind == "document":  # a plan is a document too
        return search_facts().kinds.get(iri) in ("document", "plan")
    return search_facts().kinds.get(iri) == kind


def suggest(kind: str, text: str, limit: int = LIMIT) -> list[dict[str, str]]:
    """Entities of ``kind`` whose label (or document number) matches ``text``, best first; with no
    text, the first ``limit`` by name."""
    if kind == "level":
        needle = fold(text)
        return [{"value": iri, "label": label} for iri, label in level_choices() if needle in fold(label)]
    base = current_app.config["VNGE_BASE"]
    if text.strip():
        search_kind = {"indicator": "concept", "document": ""}.get(kind, kind)
        hits = faceted_search(text, SearchFilter(kind=search_kind), limit=500).hits
        hits = [h for h in hits if _of_kind(kind, h["iri"])][:limit]
        found = [(h["iri"], best_label(h["iri"]) or h["label"],
                  h.get("unit_label") or h.get("plan_label") or "") for h in hits]
    else:
        facts = search_facts()
        iris = ({i for i in label_index().iris if _of_kind(kind, i)} if kind == "indicator"
                else {i for i, k in facts.kinds.items() if _of_kind(kind, i)})
        named = sorted((fold(best_label(i) or i), i) for i in iris)[:limit]
        found = [(i, best_label(i) or i, "") for _, i in named]
    return [{"value": iri.removeprefix(base) if iri.startswith(base) else iri, "iri": iri, "label": label,
             "context": context} for iri, label, context in found]


def resolve(kind: str, name: str, value: str) -> str:
    """The IRI a parameter value names: a level by name or key; an IRI, or a path under the base, of an
    entity of ``kind``; else the one entity of that kind whose name matches. Raises PickError."""
    base = current_app.config["VNGE_BASE"]
    value = value.strip()
    if kind == "level":
        key = value.rstrip("/").rsplit("/", 1)[-1].removeprefix("level-").lower()
        if key in LEVELS:
            return _concepts() + "level-" + key
        raise PickError(f"{name}={value!r} is not a level: choose one of national, province, district or "
                        "commune (cấp trung ương, tỉnh, huyện, xã).", level_choices(), name)
    if re.search(r'[<>"{}|^`\\]', value):  # no name has these: a broken IRI
        raise PickError(f"Parameter {name!r} is not a valid IRI: {value!r}; give an IRI, a path under the "
                        "base or a name.", [], name)
    iri = value if ":" in value.split("/", 1)[0] else base + value.lstrip("/")
    if _of_kind(kind, iri):
        return iri
    hits = suggest(kind, value, limit=6)
    if len(hits) == 1:
        return hits[0]["iri"]
    what = PICK_NAMES[kind]
    if hits:
        raise PickError(f"{name}={value!r} is not {_a(what)} of the graph; did you mean one of "
                        "these? (chọn một · pick one)", [(h["iri"], h["label"]) for h in hits[:5]], name)
    raise PickError(f"{name}={value!r} names no {what.split(' · ')[1]} of the graph; type part of "
                    "its name and pick it from the list.", [], name)


def _a(what: str) -> str:
    english = what.split(" · ")[1]
    return ("an " if english[0] in "aeiou" else "a ") + english


@bp.route("/suggest")
def suggestions() -> Response:
    kind = request.args.get("kind", "")
    if kind not in PICKS:
        raise ServiceError(f"kind={kind!r}: suggestions are for one of {', '.join(PICKS)}.")
    return jsonify({"ok": True, "kind": kind, "suggestions": suggest(kind, request.args.get("q", "")[:200])})
