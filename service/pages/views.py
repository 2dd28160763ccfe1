"""Web UI pages: home, query editor (vendored YASGUI), accent-insensitive search, plan hierarchy."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from service.labels import local_link
from service.pages.canned import queries
from service.pages.hierarchy import hierarchy_tree
from service.pages.search import search_labels
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
    text = request.args.get("q", "").strip()
    hits = search_labels(text) if text else []
    if request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]:
        return render_template("search.html", title="Tìm kiếm", q=text, hits=hits)
    return jsonify({"ok": True, "q": text, "results": hits})


@bp.route("/hierarchy")
def hierarchy() -> str:
    tree = hierarchy_tree()
    return render_template("hierarchy.html", title="Hệ thống kế hoạch · Plan hierarchy", tree=tree,
                           svg=hierarchy_svg(tree, local_link))
