"""``/ontology``: the ontology's HTML documentation (pyLODE, written by ``kg docs --out ontology/docs``).

The page is read from ``VNGE_ONTOLOGY_DOCS`` (default: the ``docs`` folder of the installed
ontology, i.e. ``ontology/docs/`` of a checkout, where ``make serve`` writes it). When it is absent
or older than an ontology file, the first request writes it there (``kg docs``' code; a few seconds,
once: a temporary file renamed into place, so other server processes never read half a page); when
that is not possible (pyLODE not installed, a read-only folder) the page says how to make it. A bar
with this site's navigation is put at the top of pyLODE's page.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, url_for
from markupsafe import escape

from kg.errors import KGError
from kg.resources import ONTOLOGY_DIR
from service.pages.entity import show
from service.protocol.results import GRAPH_FORMATS

bp = Blueprint("ontology", __name__)
log = logging.getLogger("vnge.service")
_WRITING = threading.Lock()


def docs_folder() -> Path:
    configured = str(current_app.config.get("VNGE_ONTOLOGY_DOCS") or "")
    return Path(configured) if configured else ONTOLOGY_DIR / "docs"


def _write_docs(folder: Path) -> None:
    """Write ``folder/index.html`` with kg's documentation builder, atomically."""
    from kg.rdf.docs import build_docs  # imports pyLODE (a dev dependency): only when the page is missing

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".writing-") as scratch:
        written = build_docs(Path(scratch))
        os.replace(written, folder / "index.html")


def _outdated(index: Path) -> bool:
    """True when the page is missing or older than one of the ontology files it documents (an
    upgrade changed the ontology: the page would show the previous version)."""
    try:
        written = index.stat().st_mtime
    except OSError:
        return True
    return any(source.stat().st_mtime > written for source in ONTOLOGY_DIR.glob("*.ttl"))


def _wants_rdf() -> bool:
    if request.args.get("format"):
        return request.args["format"] != "html"
    if not request.headers.get("Accept"):
        return False
    offered = ["text/html", "application/xhtml+xml", *(m for f in GRAPH_FORMATS if f.key != "html"
                                                       for m in (f.mimetype, *f.aliases) if "/" in m)]
    return request.accept_mimetypes.best_match(offered, default="text/html") not in offered[:2]


def _site_bar() -> str:
    """This site's navigation, styled inline (pyLODE's page has its own stylesheet)."""
    links = [(url_for("views.home"), "VNGE · Kế hoạch truyền thông bình đẳng giới"),
             (url_for("views.search"), "Tìm kiếm / Search"),
             (url_for("canned.index"), "Câu hỏi nghiên cứu / Queries"),
             (url_for("validation.validate"), "Kiểm tra / Validation"), (url_for("describe.void"), "VoID")]
    items = " · ".join(f'<a href="{escape(href)}" style="color:#fff">{escape(text)}</a>'
                       for href, text in links)
    # pyLODE's table of contents is fixed to the right, 180 px wide plus padding and border: the
    # bar stops short of it instead of running underneath.
    return ('<nav id="site-bar" style="background:#7a1f3d;color:#fff;padding:.5em 1em;margin-right:215px;'
            f'font-family:system-ui,sans-serif">{items}</nav>\n')


def _with_bar(page: str) -> str:
    at = page.find("<body")
    end = page.find(">", at) + 1 if at >= 0 else 0
    return page[:end] + "\n" + _site_bar() + page[end:]


@bp.route("/ontology", strict_slashes=False)
def ontology() -> Response:
    """The documentation for browsers; RDF clients (``Accept``, ``format=``) get the ontology IRI's
    entity description, as before this page existed."""
    if _wants_rdf():
        return show(current_app.config["VNGE_BASE"] + "ontology")
    folder = docs_folder()
    index = folder / "index.html"
    problem = ""
    if _outdated(index):
        with _WRITING:
            if _outdated(index):
                try:
                    _write_docs(folder)
                    log.info("ontology documentation written to %s", index)
                except (KGError, ImportError) as e:
                    problem = "pyLODE, which writes it, is not installed on the server"
                    log.warning("ontology documentation not written to %s: %s", folder, e)
                except OSError as e:  # the message names no server folder (README, Security)
                    problem = "its folder cannot be written by the service"
                    log.warning("ontology documentation not written to %s: %s", folder, e)
    if problem:
        body = render_template("ontology_missing.html", title="Bản thể học · Ontology", problem=problem)
        return Response(body, status=503, mimetype="text/html")
    return Response(_with_bar(index.read_text(encoding="utf-8")), mimetype="text/html")
