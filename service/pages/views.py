"""Web UI pages: home, query editor (vendored YASGUI), accent-insensitive search, plan hierarchy."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, Response, jsonify, render_template, request

from service.labels import local_link, select
from service.pages.canned import queries
from service.pages.faceted import SearchFilter, faceted_search, known_provinces, province_key
from service.pages.search_facts import LEVEL_LABELS
from service.pages.svg import hierarchy_svg
from service.state import state

bp = Blueprint("views", __name__)
LEVELS = ("national", "province", "district", "commune")
_LEVEL_PREFIX = "https://w3id.org/vnge/concept/level-"


@bp.route("/")
def home() -> str:
    return render_template("home.html", title="VNGE", queries=list(queries().values()),
                           tree=hierarchy_tree())


@bp.route("/editor")
def editor() -> str:
    items = list(queries().values())
    return render_template("editor.html", title="SPARQL", queries=items,
                           initial=request.args.get("query", ""),
                           canned_texts={q.name: q.text for q in items})


@bp.route("/search")
def search() -> Response | str:
    """Label search (any spelling of a document number too), with facets ``kind``, ``level`` and
    ``province`` as query parameters (HTML or JSON)."""
    text = request.args.get("q", "").strip()
    selection = SearchFilter.from_args(request.args, known_provinces())
    found = faceted_search(text, selection) if text else None
    selected = {"kind": selection.kind, "level": selection.level,
                "province": province_key(selection.province)}
    if request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]:
        return render_template("search.html", title="Tìm kiếm · Search", q=text, found=found,
                               selection=selection, selected=selected, level_labels=LEVEL_LABELS)
    return jsonify({"ok": True, "q": text, "results": found.hits if found else [],
                    "total": found.total if found else 0, "filters": {k: v for k, v in selected.items() if v},
                    "facets": {f.name: [{"value": v, "label": label, "count": n} for v, label, n in f.values]
                               for f in found.facets} if found else {}})


@dataclass
class Node:
    iri: str
    label: str
    level: str = ""
    unit: str = ""
    children: list[Node] = field(default_factory=list)


def hierarchy_tree() -> list[Node]:
    """Plans and the documents they implement, as a forest from the national level down (cached)."""
    return state().memo("hierarchy", _build_tree)


def _build_tree() -> list[Node]:
    rows = select("""SELECT ?doc ?parent (SAMPLE(?l) AS ?label) (SAMPLE(?lv) AS ?level) (SAMPLE(?ul) AS ?unit)
      WHERE { { ?doc a vnp:Plan } UNION { ?x vnp:implements ?doc }
              OPTIONAL { ?doc vnp:implements ?parent }
              OPTIONAL { ?doc rdfs:label ?l FILTER(langMatches(lang(?l), "vi")) }
              OPTIONAL { ?doc vnp:jurisdiction ?u . OPTIONAL { ?u vnp:level ?lv }
                         OPTIONAL { ?u rdfs:label ?ul FILTER(langMatches(lang(?ul), "vi")) } } }
      GROUP BY ?doc ?parent""", whole=True)
    nodes: dict[str, Node] = {}
    parents: dict[str, set[str]] = {}
    for row in rows:
        iri = row["doc"][1]
        node = nodes.setdefault(iri, Node(iri, iri))
        if "label" in row:
            node.label = row["label"][1]
        if "level" in row:
            node.level = row["level"][1].removeprefix(_LEVEL_PREFIX)
        if "unit" in row:
            node.unit = row["unit"][1]
        if "parent" in row:
            parents.setdefault(iri, set()).add(row["parent"][1])
    placed: set[str] = set()
    for iri, ups in sorted(parents.items()):
        for up in sorted(ups):
            if up in nodes and up != iri:
                nodes[up].children.append(nodes[iri])
                placed.add(iri)

    def order(n: Node) -> tuple[int, str, str]:
        return (LEVELS.index(n.level) if n.level in LEVELS else len(LEVELS), n.label, n.iri)

    for node in nodes.values():
        node.children.sort(key=order)
    return sorted((n for iri, n in nodes.items() if iri not in placed), key=order)


@bp.route("/hierarchy")
def hierarchy() -> str:
    tree = hierarchy_tree()
    return render_template("hierarchy.html", title="Hệ thống kế hoạch · Plan hierarchy", tree=tree,
                           svg=hierarchy_svg(tree, local_link))
