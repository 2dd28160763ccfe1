"""Search with document numbers in any spelling, facets by kind, level and province, and context:
the plan a task or target belongs to, the unit (and province) of an agency, plan or unit.

Every match is counted in the facets (not only the hits shown); each facet's counts apply the
other facets' choices, so a choice can always be switched to another value that has hits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import current_app

from kg.rdf.namespaces import fold
from service.errors import ServiceError
from service.pages.docnumbers import NumberQuery, matches, parse_query
from service.pages.search import best_label, label_matches, types_of
from service.pages.search_facts import KIND_LABELS, LEVEL_LABELS, LEVELS, Place, place_of, search_facts

FACETS = ("kind", "level", "province")
_NUMBER_RANK = ((-1, 0), (0, ""))  # documents found by their number come before label matches


@dataclass(frozen=True)
class SearchFilter:
    kind: str = ""
    level: str = ""
    province: str = ""  # the province's unit IRI

    @classmethod
    def from_args(cls, args: Mapping[str, str], provinces: set[str]) -> SearchFilter:
        kind = (args.get("kind") or "").strip()
        if kind and kind not in KIND_LABELS:
            raise ServiceError(f"kind={kind!r} is not a kind: use one of {', '.join(KIND_LABELS)}, or pick "
                               "it among the facets of /search.")
        level = (args.get("level") or "").strip()
        if level and level not in LEVELS:
            raise ServiceError(f"level={level!r} is not a level: use one of {', '.join(LEVELS)}.")
        province = (args.get("province") or "").strip()
        if province:
            full = province if "/" in province else _province_iri(province)
            if full not in provinces:
                raise ServiceError(f"province={province!r} is not a province of the graph: give its key "
                                   "(such as quang-ninh), or pick it among the facets of /search.")
            province = full
        return cls(kind, level, province)

    def keeps(self, place: Place, *, but: str = "") -> bool:
        return all(not getattr(self, name) or name == but or getattr(place, name) == getattr(self, name)
                   for name in FACETS)

    def query(self, q: str, **changes: str) -> str:
        values = {"q": q, "kind": self.kind, "level": self.level, "province": province_key(self.province)}
        values.update(changes)
        return "?" + urlencode({k: v for k, v in values.items() if v})


def _province_iri(key: str) -> str:
    return current_app.config["VNGE_BASE"] + "id/dvhc/" + key


def province_key(iri: str) -> str:
    return iri.removeprefix(current_app.config["VNGE_BASE"] + "id/dvhc/") if iri else ""


@dataclass
class Facet:
    name: str
    title: str
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)


@dataclass
class Results:
    hits: list[dict[str, Any]]
    total: int
    facets: list[Facet]
    number: NumberQuery | None


def faceted_search(text: str, selection: SearchFilter, limit: int = 100) -> Results:
    facts = search_facts()
    found = label_matches(text)
    number = parse_query(fold(text))
    if number:
        for iri, key in facts.numbers.items():
            if matches(number, key):
                found[iri] = (_NUMBER_RANK[0], (0, found[iri][1][1] if iri in found else best_label(iri)))
    places = {iri: place_of(facts, iri) for iri in found}
    facets = _facets(places, selection)
    kept = sorted((item for item in found.items() if selection.keeps(places[item[0]])),
                  key=lambda item: (item[1][0], item[0]))
    shown = kept[:limit]
    types = types_of([iri for iri, _ in shown])
    context = {p for iri, _ in shown for p in (places[iri].plan, places[iri].unit, places[iri].province) if p}
    names = {iri: best_label(iri) for iri in context}
    hits = []
    for iri, (_, (_, label)) in shown:
        place = places[iri]
        hits.append({"iri": iri, "label": label, "type": types.get(iri, ""), "kind": place.kind,
                     "plan": place.plan or None, "plan_label": names.get(place.plan) or None,
                     "unit": place.unit or None, "unit_label": names.get(place.unit) or None,
                     "level": place.level or None, "province": place.province or None,
                     "province_label": names.get(place.province) or None})
    return Results(hits, len(kept), facets, number)


def _facets(places: dict[str, Place], selection: SearchFilter) -> list[Facet]:
    out = []
    titles = (("kind", "Loại · Kind"), ("level", "Cấp · Level"), ("province", "Tỉnh, thành phố · Province"))
    for name, title in titles:
        counts = Counter(getattr(p, name) for p in places.values() if selection.keeps(p, but=name))
        counts.pop("", None)
        if name == "kind":
            values = [(k, KIND_LABELS[k], n) for k, n in counts.most_common()]
        elif name == "level":
            values = [(v, LEVEL_LABELS[v], counts[v]) for v in LEVELS if counts[v]]
        else:
            values = sorted(((province_key(v), best_label(v) or v, n) for v, n in counts.items()),
                            key=lambda item: fold(item[1]))
        out.append(Facet(name, title, values))
    return out


def known_provinces() -> set[str]:
    facts = search_facts()
    return {u for u, level in facts.level_of.items() if level == "province"}
