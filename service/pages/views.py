"""Web UI pages: home, query editor (vendored YASGUI), accent-insensitive search, plan hierarchy."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from service.labels import local_link
from service.pages.canned import queries
from service.pages.faceted import SearchFilter, faceted_search, known_provinces, province_key
from service.pages.hierarchy import hierarchy_tree
from service.pages.search_facts import LEVEL_LABELS
from service.pages.svg import hierarchy_svg

bp = Blueprint("views", __name__)


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


@bp.route("/hierarchy")
def hierarchy() -> str:
    tree = hierarchy_tree()
    return render_template("hierarchy.html", title="Hệ thống kế hoạch · Plan hierarchy", tree=tree,
                           svg=hierarchy_svg(tree, local_link))
