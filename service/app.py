"""The app factory (``create_app``) and production serving (``run_serve``: gunicorn, several workers)."""

from __future__ import annotations

import io
import logging
import threading
import time
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

from kg.errors import StoreError
from kg.stores import parse_store
from service.config import load_config
from service.errors import TooLarge, register_error_handlers
from service.labels import local_link
from service.pages import canned, coverage, entity, ontology, upload, validation, views
from service.pages import network as network_page  # issue 17: citation network
from service.pages import pickers as picker_page  # issue 17: canned-query parameter suggestions
from service.pages import present as present_page  # issue 17: readable terms
from service.pages.canned import warm_up as canned_results
from service.pages.dossier import html as dossier_html
from service.pages.dossier.agency import busiest as busiest_agencies
from service.pages.dossier.dispatch import warm_up as warm_dossiers
from service.pages.hierarchy import hierarchy_tree
from service.pages.network import WARM, most_cited
from service.pages.network import warm_up as networks
from service.pages.search import label_index
from service.pages.search_facts import search_facts
from service.pages.upload import upload_body_limit
from service.pool.worker import make_pool
from service.protocol import describe, dump, graphstore, jsonld, sparql
from service.protocol.describe import graph_counts
from service.state import ServiceState, state

WARM_AGENCIES = 2  # agencies whose page data the warm-up reads (those issuing the most documents)
_CORS_PATHS = ("/sparql", "/update", "/queries", "/void", "/.well-known/void", "/graph-store", "/dump",
               "/context.jsonld")
# YASGUI sets inline styles from script (style-src 'unsafe-inline'); scripts only from this site
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app; ``test_config`` overrides defaults and environment (see service/config.py)."""
    app = Flask(__name__)
    config = load_config(test_config)
    hops = int(config["VNGE_TRUSTED_PROXIES"])
    if hops:  # the client's address and the public host come from the proxy's headers
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.config.update(config)
    # form-encoding may expand a query up to ~9× (percent-encoded UTF-8); the query itself is checked too
    app.config["MAX_CONTENT_LENGTH"] = config["VNGE_MAX_QUERY_BYTES"] * 9 + 4096
    app.config["JSON_AS_ASCII"] = False
    pool = make_pool(config["VNGE_STORE"], config["VNGE_QUERY_TIMEOUT"], size=max(2, config["VNGE_THREADS"]),
                     isolate=not config["VNGE_ALLOW_SERVICE"], memory_mb=config["VNGE_QUERY_MEMORY_MB"])
    app.extensions["vnge"] = ServiceState(config=config, pool=pool)
    app.jinja_env.filters["local_link"] = local_link
    app.jinja_env.globals["config"] = app.config
    dossier_html.register(app.jinja_env.globals)
    # entity last: its catch-all route
    for module in (sparql, describe, dump, graphstore, jsonld, canned, views, validation, upload, ontology,
                   coverage, network_page, picker_page, present_page, entity):
        app.register_blueprint(module.bp)
    register_error_handlers(app)

    @app.before_request
    def bounded_chunked_body() -> None:
        """A body sent without Content-Length (chunked) is read here up to the limit: past it, 413.
        (werkzeug would cut it silently at MAX_CONTENT_LENGTH: a form whose query came after the
        cut was answered 200 with the service description.)"""
        if request.path == "/upload":  # files are larger than queries (VNGE_MAX_UPLOAD_BYTES)
            request.max_content_length = upload_body_limit(app.config)
        environ = request.environ
        if environ.get("CONTENT_LENGTH") or not environ.get("wsgi.input_terminated"):
            return
        cap = int(request.max_content_length or app.config["MAX_CONTENT_LENGTH"])
        raw = environ["wsgi.input"].read(cap + 1)
        if len(raw) > cap:
            setting = "VNGE_MAX_UPLOAD_BYTES" if request.path == "/upload" else "VNGE_MAX_QUERY_BYTES"
            raise TooLarge(f"The request body is over {cap} bytes (the limit follows {setting}); "
                           "send less.")
        environ["wsgi.input"] = io.BytesIO(raw)
        environ["CONTENT_LENGTH"] = str(len(raw))

    @app.after_request
    def security_headers(response: Response) -> Response:
        """No inline script, no framing, no MIME sniffing, no referrer to other sites."""
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.after_request
    def cors(response: Response) -> Response:
        """Browser-based SPARQL clients on other sites may query this endpoint (as on Fuseki/Oxigraph)."""
        origin = config["VNGE_CORS"]
        if origin and origin != "off" and request.path.startswith(_CORS_PATHS):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, Authorization"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Expose-Headers"] = "X-Result-Truncated, Warning"
        return response

    @app.route("/health")
    def health() -> Response:
        started = time.perf_counter()
        result = state().pool.execute({"op": "query", "query": "ASK { ?s ?p ?o }"}, timeout=5.0)
        return jsonify({"ok": True, "status": 200, "store": pool.spec.kind,
                        "has_data": result["boolean"],
                        "query_ms": round((time.perf_counter() - started) * 1000, 1),
                        "timeouts_killed": state().pool.kills,
                        "query_network": state().pool.isolation})

    if config["VNGE_WARMUP"]:
        threading.Thread(target=_warm_up, args=(app,), name="vnge-warmup", daemon=True).start()
    return app


def _warm_up(app: Flask) -> None:
    """Fill the per-data-version caches that pages need (search index, the networks and pages of the
    documents cited most, hierarchy, canned results): the cheap ones first, so they are ready soonest."""

    log = logging.getLogger("vnge.service")
    started = time.perf_counter()
    with app.app_context():
        for step in (label_index, search_facts, networks, dossier_pages, hierarchy_tree, graph_counts,
                     canned_results):
            try:
                begun = time.perf_counter()
                step()
                log.info("warm-up %s.%s: %.1f s", step.__module__, step.__name__, time.perf_counter() - begun)
            except Exception as e:  # a missing store is reported by /health and every request
                log.warning("warm-up %s failed: %s", step.__name__, e)
    log.info("warm-up done in %.1f s", time.perf_counter() - started)


def dossier_pages() -> None:
    """The page data of the documents cited most and of the agencies issuing the most documents."""
    warm_dossiers(most_cited(WARM) + busiest_agencies(WARM_AGENCIES))


def gunicorn_options(config: dict[str, Any]) -> dict[str, Any]:
    """gunicorn settings from the service settings (threads wait on query processes, so gthread)."""
    access = config["VNGE_ACCESS_LOG"]
    return {
        "bind": f"{config['VNGE_HOST']}:{config['VNGE_PORT']}",
        "workers": int(config["VNGE_WORKERS"]),
        "worker_class": "gthread",
        "threads": int(config["VNGE_THREADS"]),
        "timeout": int(config["VNGE_QUERY_TIMEOUT"]) + 60,  # queries are bounded by the pool, not here
        "max_requests": int(config["VNGE_MAX_REQUESTS"]),  # recycle workers: memory grown is given back
        "max_requests_jitter": int(config["VNGE_MAX_REQUESTS"]) // 10,
        "limit_request_line": 8190,  # gunicorn's maximum: longer GET URLs get 414, send those by POST
        "accesslog": None if access == "off" else access,
        "errorlog": "-",
        "loglevel": "info",
        "control_socket_disable": True,  # gunicorn ≥ 27: no shared ~/.gunicorn socket between instances
    }


def run_serve(store: str | None = None, host: str | None = None, port: int | None = None,
              **overrides: Any) -> None:
    """Serve with gunicorn (blocking). Arguments override VNGE_STORE / VNGE_HOST / VNGE_PORT."""
    from gunicorn.app.base import BaseApplication

    given = {"VNGE_STORE": store, "VNGE_HOST": host, "VNGE_PORT": port, **overrides}
    config = load_config({k: v for k, v in given.items() if v is not None})
    problem = parse_store(config["VNGE_STORE"]).missing()
    if problem:
        raise StoreError(problem)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(config).items():
                if key in self.cfg.settings:  # older gunicorn lacks some settings
                    self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_app(config)

    _Server().run()
