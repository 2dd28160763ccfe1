"""The coded administrative units a plan can resolve to: the official lists imported into
``graph/units`` (kg/rdf/unit_lists.py) or, when none is, the curated units of ``data/reference`` that
carry a code. Built from plain rows, so that the build (from N-Triples), ``kg ingest`` (from a store
query) and the tests (from an rdflib Graph) make the same index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal

from kg.rdf.namespaces import VNP
from kg.text.normalize import fold_keep

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROPERTIES = (  # what the index reads of each unit
    f"{_SKOS}notation", f"{_SKOS}prefLabel", f"{_SKOS}altLabel", f"{_RDFS}label", str(VNP.level),
    str(VNP.unitType), str(VNP.parentUnit), str(VNP.validFrom), str(VNP.validUntil),
)
GSO_CODE = str(VNP.GSOCode)
_TYPE_WORDS = (  # longest first: the words a unit's full name starts with
    "thành phố thuộc thành phố trực thuộc trung ương", "thành phố trực thuộc trung ương",
    "thành phố thuộc tỉnh", "thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "quận", "huyện",
    "phường", "xã",
)
# subject, predicate, object value, and the literal's language tag or datatype IRI (None: neither)
_FOLDED_TYPE_WORDS = tuple(fold_keep(w) + " " for w in _TYPE_WORDS)
Row = tuple[str, str, str, str | None]


def bare_name(full: str) -> str:
    """A unit name without its type word, folded: ``"Thành phố Bắc Kạn"`` → ``"bac kan"``."""
    folded = " ".join(fold_keep(full).split())
    for key in _FOLDED_TYPE_WORDS:
        if folded.startswith(key):
            return folded[len(key):]
    return folded


@dataclass(frozen=True)
class CodedUnit:
    iri: str
    code: str
    level: str  # province | district | commune (vnc:scheme-level notation)
    unit_type: str  # vnc:scheme-unittype notation
    label: str  # "Xã Bình Lư"
    names: frozenset[str]  # folded names without the type word
    exact: frozenset[str]  # the Vietnamese names as written (lower case), for a tie between folds
    parent: str | None
    valid_from: str | None
    valid_until: str | None

    def valid_during(self, first: str, last: str) -> bool:
        """Whether the unit existed on every day from ``first`` to ``last`` (ISO dates)."""
        return (self.valid_from or "0000") <= first and last <= (self.valid_until or "9999")


@dataclass
class UnitIndex:
    units: dict[str, CodedUnit] = field(default_factory=dict)
    children: dict[str | None, list[CodedUnit]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.units)

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> UnitIndex:
        """The index of every subject that has a GSO code (``skos:notation`` typed ``vnp:GSOCode``)."""
        facts: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o, lang in rows:
            facts[s][p].append((o, lang))
        index = cls()
        for s, props in facts.items():
            codes = [o for o, lang in props.get(f"{_SKOS}notation", []) if lang == GSO_CODE]
            if not codes:
                continue
            vi = sorted(o for p in (f"{_SKOS}prefLabel", f"{_RDFS}label", f"{_SKOS}altLabel")
                        for o, lang in props.get(p, []) if lang == "vi")
            pref = sorted(o for o, lang in props.get(f"{_SKOS}prefLabel", []) if lang == "vi")

            def one(p: str, props: dict[str, list[tuple[str, str | None]]] = props) -> str | None:
                values = sorted(o for o, _ in props.get(p, []))
                return values[0] if values else None

            level = (one(str(VNP.level)) or "").rsplit("level-", 1)[-1]
            unit_type = (one(str(VNP.unitType)) or "").rsplit("unittype-", 1)[-1]
            index.units[s] = CodedUnit(
                s, sorted(codes)[0], level, unit_type, (pref or vi or [s])[0],
                frozenset(bare_name(v) for v in vi), frozenset(v.lower() for v in vi),
                one(str(VNP.parentUnit)), one(str(VNP.validFrom)), one(str(VNP.validUntil)))
        for unit in sorted(index.units.values(), key=lambda u: u.iri):
            index.children.setdefault(unit.parent if unit.parent in index.units else None, []).append(unit)
        return index

    @classmethod
    def from_graph(cls, graph: Graph) -> UnitIndex:
        wanted = set(PROPERTIES)
        rows = []
        for s, p, o in graph:
            if str(p) in wanted:
                tag = None
                if isinstance(o, Literal):
                    tag = o.language or (str(o.datatype) if o.datatype else None)
                rows.append((str(s), str(p), str(o), tag))
        return cls.from_rows(rows)

    def provinces(self, first: str, last: str) -> list[CodedUnit]:
        top = self.children.get(None, [])
        return [u for u in top if u.level == "province" and u.valid_during(first, last)]

    def below(self, parent: CodedUnit, level: str, first: str, last: str) -> list[CodedUnit]:
        return [u for u in self.children.get(parent.iri, [])
                if u.level == level and u.valid_during(first, last)]
