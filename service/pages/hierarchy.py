"""The plan hierarchy as a forest: each plan once, under the most local document it implements, from
the national level down; documents known only because a plan cites them are placed by their
issuer's unit and marked as such.

A node's label says what the document is (kind and number, or the kind and year of an unnumbered
plan, or the title of an unnumbered programme); the title follows in full. A plan implementing
several documents appears under one of them (the most local one with a known level, then one whose
text is in the corpus, then by IRI) and names the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.labels import select
from service.state import state

LEVELS = ("national", "province", "district", "commune")
LEVEL_NAMES = {"national": "quốc gia", "province": "tỉnh", "district": "huyện", "commune": "xã"}
_LEVEL_PREFIX = "https://w3id.org/vnge/concept/level-"

# One row per (document, parent). A document's level and unit: its jurisdiction, or, for a document
# known only by citation (no jurisdiction), the unit of the body that issued it.
TREE_QUERY = """SELECT ?doc ?parent ?inCorpus (SAMPLE(?l) AS ?title) (SAMPLE(?n) AS ?number)
    (SAMPLE(?k) AS ?kind) (SAMPLE(?y) AS ?year) (SAMPLE(?lv) AS ?level) (SAMPLE(?ul) AS ?unit)
  WHERE { { ?doc a vnp:Plan } UNION { ?x vnp:implements ?doc }
          BIND(EXISTS { ?doc prov:wasDerivedFrom ?file } AS ?inCorpus)
          OPTIONAL { ?doc vnp:implements ?parent }
          OPTIONAL { ?doc rdfs:label ?l FILTER(langMatches(lang(?l), "vi")) }
          OPTIONAL { ?doc eli:number ?n }
          OPTIONAL { ?doc vnp:issuedYear ?y }
          OPTIONAL { ?doc vnp:documentType ?type . ?type skos:prefLabel ?k FILTER(lang(?k) = "vi") }
          OPTIONAL { { ?doc vnp:jurisdiction ?u }
                     UNION { FILTER NOT EXISTS { ?doc vnp:jurisdiction ?any }
                             ?doc vnp:issuedBy/vnp:scopeUnit ?u }
                     OPTIONAL { ?u vnp:level ?lv }
                     OPTIONAL { ?u rdfs:label ?ul FILTER(langMatches(lang(?ul), "vi")) } } }
  GROUP BY ?doc ?parent ?inCorpus"""


@dataclass
class Node:
    iri: str
    label: str
    title: str = ""
    level: str = ""
    unit: str = ""
    in_corpus: bool = False
    children: list[Node] = field(default_factory=list)
    also: list[Node] = field(default_factory=list)  # the other documents it implements

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, "chưa rõ cấp")


def hierarchy_tree() -> list[Node]:
    """Plans and the documents they implement, as a forest from the national level down (cached)."""
    return state().memo("hierarchy", lambda: build_tree(select(TREE_QUERY, whole=True)))


def _value(row: dict, name: str) -> str:
    return row[name][1] if name in row else ""


def _label(kind: str, number: str, year: str, title: str, in_corpus: bool) -> str:
    kind = kind[:1].upper() + kind[1:] if kind else "Văn bản"
    if number:
        return f"{kind} {number}"
    if in_corpus or not title:
        return f"{kind} (không số{', ' + year if year else ''})"
    return title


def build_tree(rows: list[dict]) -> list[Node]:
    """The forest from the rows of :data:`TREE_QUERY` (terms as (kind, value) pairs)."""
    nodes: dict[str, Node] = {}
    parents: dict[str, set[str]] = {}
    for row in rows:
        iri = _value(row, "doc")
        title = _value(row, "title")
        in_corpus = _value(row, "inCorpus") == "true"
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = Node(iri, iri)
        node.in_corpus = node.in_corpus or in_corpus
        node.title = node.title or title
        node.level = node.level or _value(row, "level").removeprefix(_LEVEL_PREFIX)
        node.unit = node.unit or _value(row, "unit")
        node.label = _label(_value(row, "kind"), _value(row, "number"), _value(row, "year"), node.title,
                            node.in_corpus)
        if parent := _value(row, "parent"):
            parents.setdefault(iri, set()).add(parent)
    if not nodes:
        return []

    def depth(n: Node) -> int:
        return LEVELS.index(n.level) if n.level in LEVELS else -1

    def closest(up: str) -> tuple[int, bool, str]:  # most local known level, then in corpus, then IRI
        return (-depth(nodes[up]), not nodes[up].in_corpus, up)

    placed: set[str] = set()
    for iri, ups in sorted(parents.items()):
        known = sorted((up for up in ups if up in nodes and up != iri), key=closest)
        if known:
            nodes[known[0]].children.append(nodes[iri])
            nodes[iri].also = [nodes[up] for up in known[1:]]
            placed.add(iri)

    def order(n: Node) -> tuple[int, str, str]:
        return (depth(n) if depth(n) >= 0 else len(LEVELS), n.label, n.iri)

    for node in nodes.values():
        node.children.sort(key=order)
    roots = sorted((n for iri, n in nodes.items() if iri not in placed), key=order)
    # documents on a cycle of "implements" (an audit finding) are reachable from no root: each cycle
    # is cut above one of its documents, which becomes a root
    reached: set[str] = set()
    _reach(roots, reached)
    for iri in sorted(set(nodes) - reached):
        if iri not in reached:
            for node in nodes.values():
                node.children = [c for c in node.children if c.iri != iri]
            roots.append(nodes[iri])
            _reach([nodes[iri]], reached)
    return roots


def _reach(start: list[Node], reached: set[str]) -> None:
    stack = list(start)
    while stack:
        n = stack.pop()
        if n.iri not in reached:
            reached.add(n.iri)
            stack.extend(n.children)
