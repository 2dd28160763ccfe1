"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/): one handler for all methods.

GET ``?query=``, POST form-encoded ``query=`` / ``update=``, POST direct ``application/sparql-query``
and ``application/sparql-update``; ``default-graph-uri`` / ``named-graph-uri`` (``using-…`` for
updates). This module parses the request, refuses what must not run (guard), negotiates the
format, hands the work to the query pool it is given, and serialises. It never opens files.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request

from kg.pipeline.summary import mark_stale
from kg.validation.scoped import mark_data_changed
from service.errors import ForbiddenOperation, ServiceError, TooLarge, TooManyAttempts
from service.labels import labels_for
from service.protocol import describe
from service.protocol.columns import in_query_order
from service.protocol.guard import check_graphs, guard_task, prepare
from service.protocol.results import negotiate, serialise
from service.state import state

bp = Blueprint("sparql", __name__)

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ServiceError(f"The request has {len(values)} '{name}' parameters; send exactly one.")
    return values[0] if values else None


def _check_utf8() -> None:
    """Refuse a query string or body that is not UTF-8 (raw or percent-encoded) instead of letting
    the decoder put U+FFFD into the query, which would silently run a different query."""
    parts = [("query string", request.query_string, True)]
    if request.method == "POST" and request.mimetype in (_FORM, _QUERY, _UPDATE):
        parts.append(("body", request.get_data(cache=True), request.mimetype == _FORM))
    for where, data, form in parts:
        try:
            text = data.decode("utf-8")
            if form:
                urllib.parse.parse_qsl(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise ServiceError(f"The request {where} is not valid UTF-8 (raw or percent-encoded bytes); "
                               "SPARQL requests must be encoded in UTF-8.") from None


def _read_request() -> tuple[str | None, str | None, dict[str, list[str]]]:
    """(query, update, graph parameters) from any of the protocol's request shapes."""
    _check_utf8()
    params: dict[str, list[str]] = {k: request.args.getlist(k) for k in request.args}
    query = update = None
    if request.method == "GET":
        if "update" in params:
            raise ServiceError("SPARQL Update must be sent with POST (form 'update=' or "
                               "application/sparql-update), never with GET.", 405)
        query = _one(params.get("query", []), "query")
    else:
        mimetype = request.mimetype
        if mimetype in (_FORM, "multipart/form-data"):
            for key in request.form:
                params[key] = params.get(key, []) + request.form.getlist(key)
            query = _one(params.get("query", []), "query")
            update = _one(params.get("update", []), "update")
            if query is not None and update is not None:
                raise ServiceError("Send either 'query' or 'update', not both.")
        elif mimetype == _QUERY:
            query = request.get_data(as_text=True)
        elif mimetype == _UPDATE:
            update = request.get_data(as_text=True)
        else:
            raise ServiceError(f"Unsupported request body type {mimetype or '(none)'!r}: POST a form "
                               f"({_FORM}) or a body of type {_QUERY} or {_UPDATE}.", 415)
    limit = current_app.config["VNGE_MAX_QUERY_BYTES"]
    for text in (query, update):
        if text is not None and len(text.encode()) > limit:
            raise TooLarge(f"The request is {len(text.encode())} bytes; the limit is {limit} bytes "
                           "(VNGE_MAX_QUERY_BYTES).")
    return query, update, params


def run_query(query: str, *, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              substitutions: dict[str, Any] | None = None, fmt_param: str | None = None,
              memo_key: Any = None) -> tuple[Any, dict[str, Any]]:
    """Guard, negotiate and execute ``query``; return (format, result). Shared with canned queries."""
    config = current_app.config
    prepared = prepare(query, update=False)
    check_graphs(list(default_graphs or []) + list(named_graphs or []), config["VNGE_BASE"],
                 "default-graph-uri / named-graph-uri")
    accept = request.accept_mimetypes if request.headers.get("Accept") else None
    fmt = negotiate(prepared.form, accept, fmt_param)
    # SPARQL 1.1 Protocol §2.1.4: graphs named in the request are the whole dataset (an empty
    # default graph if only named-graph-uri is given); otherwise the default graph is the union
    default_graph = list(default_graphs or []) if (default_graphs or named_graphs) else None
    task = {"op": "query", "query": prepared.text, "default_graph": default_graph,
            "named_graphs": named_graphs or None, "substitutions": substitutions or {},
            "max_rows": config["VNGE_MAX_ROWS"], "max_bytes": config["VNGE_MAX_RESULT_BYTES"],
            "guard": guard_task(prepared, base=config["VNGE_BASE"],
                                allow_service=config["VNGE_ALLOW_SERVICE"],
                                remote=not state().pool.spec.embedded)}
    client = request.remote_addr or "?"
    cap = 0 if _loopback(client) else int(config["VNGE_CLIENT_QUERIES"])
    with _RUNNING.slot(client, cap):
        if memo_key is not None:  # canned queries: the same question is answered once per data version
            limit = float(config["VNGE_CANNED_TIMEOUT"])
            result = state().memo(memo_key, lambda: state().pool.execute(
                task, timeout=limit, setting="VNGE_CANNED_TIMEOUT"))
        else:
            result = state().pool.execute(task)
    result = in_query_order(prepared.text, result)
    actual = {"SELECT": "SELECT", "ASK": "ASK"}.get(result.get("form", ""), "CONSTRUCT")
    if _kind(actual) != _kind(prepared.form):  # the lexical scan named another form: negotiate again
        fmt = negotiate(actual, accept, fmt_param)
    return fmt, result


def _kind(form: str) -> str:
    """SELECT and ASK have their own result formats; CONSTRUCT and DESCRIBE share the RDF ones."""
    return form if form in ("SELECT", "ASK") else "GRAPH"


def result_response(fmt: Any, result: dict[str, Any], *, title: str = "Query results", query: str = "",
                    extra: dict[str, Any] | None = None) -> Response:
    """The HTTP response for a result: HTML page or serialised bytes, with the truncation notice."""
    cap = current_app.config["VNGE_MAX_ROWS"]
    if fmt.key == "html":
        body = render_template("results.html", result=result, title=title, query=query, cap=cap,
                               labels=_labels_of(result), **(extra or {}))
        response = Response(body, mimetype="text/html")
    else:
        response = Response(serialise(result, fmt), mimetype=fmt.mimetype)
        if fmt.mimetype.startswith("text/") or fmt.key in ("json", "jsonld"):
            response.charset = "utf-8"
    if result.get("truncated_by") == "bytes":
        budget = current_app.config["VNGE_MAX_RESULT_BYTES"]
        response.headers["X-Result-Truncated"] = f"{budget} bytes"
        response.headers["Warning"] = (f'199 vnge "Results cut at {budget} bytes; the budget is set by '
                                       f'VNGE_MAX_RESULT_BYTES. Select fewer or shorter values."')
    elif result.get("truncated"):
        response.headers["X-Result-Truncated"] = str(cap)
        response.headers["Warning"] = (f'199 vnge "Results cut at {cap} rows; the cap is set by '
                                       f'VNGE_MAX_ROWS. Add LIMIT/OFFSET to page through results."')
    response.headers["Vary"] = "Accept"
    return response


def _labels_of(result: dict[str, Any], limit: int = 1000) -> dict[str, str]:
    """Labels of the IRIs in the first ``limit`` rows, so the HTML table reads as names."""
    rows = result.get("rows") or result.get("triples") or []
    iris = {t[1] for row in rows[:limit] for t in row if t is not None and t[0] == "uri"}
    return labels_for(iris) if iris else {}


def authorised(form_token: str = "", what: str = "SPARQL Update") -> bool:
    """Refuse (403) a write without the server's token (``Authorization: Bearer``, or ``form_token``
    from the upload form), compared in constant time; after 10 wrong tokens in 60 s from one
    non-loopback address, 429 until the window has passed."""
    token = current_app.config["VNGE_UPDATE_TOKEN"]
    if not token:
        raise ForbiddenOperation(f"This service is read-only: {what} is disabled. Start the server with "
                                 "VNGE_UPDATE_TOKEN set and send 'Authorization: Bearer <token>'.")
    client = request.remote_addr or "?"
    wait = 0 if _loopback(client) else _WRONG_TOKENS.wait(client)
    if wait:
        raise TooManyAttempts(f"Too many wrong tokens from this address; try again in {wait} s.", wait)
    sent = request.headers.get("Authorization", "")
    given = sent[7:].strip() if sent.lower().startswith("bearer ") else form_token.strip()
    if not given or not hmac.compare_digest(given.encode(), str(token).encode()):
        _WRONG_TOKENS.failed(client)
        raise ForbiddenOperation(f"{what} needs the server's token: send 'Authorization: Bearer "
                                 "<token>' (the token is VNGE_UPDATE_TOKEN).")
    return True


def _loopback(address: str) -> bool:
    """This machine's own users (or a proxy that does not forward the client's address)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class _Running:
    """Queries running per client address in this server process: one client looping slow queries
    cannot take every query process from the others."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count: dict[str, int] = {}

    @contextmanager
    def slot(self, client: str, cap: int) -> Iterator[None]:
        with self.lock:
            running = self.count.get(client, 0)
            if cap > 0 and running >= cap:
                raise TooManyAttempts(f"This address already runs {running} queries on this server "
                                      f"process (the limit is VNGE_CLIENT_QUERIES = {cap}); wait for them "
                                      "to finish.", 1)
            self.count[client] = running + 1
        try:
            yield
        finally:
            with self.lock:
                self.count[client] -= 1
                if not self.count[client]:
                    del self.count[client]


_RUNNING = _Running()


class _Attempts:
    """Wrong update tokens per client address: after :attr:`allowed` within :attr:`window` seconds
    the address waits until the window has passed (per server process). Loopback clients (this
    machine, or a proxy that does not forward the address) are not locked out: behind the nginx
    configuration the address is the client's (VNGE_TRUSTED_PROXIES)."""

    allowed, window = 10, 60.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: dict[str, list[float]] = {}

    def _recent(self, client: str, now: float) -> list[float]:
        times = [t for t in self.seen.get(client, []) if now - t < self.window]
        if times:
            self.seen[client] = times
        else:
            self.seen.pop(client, None)
        return times

    def wait(self, client: str) -> int:
        now = time.monotonic()
        with self.lock:
            times = self._recent(client, now)
            return int(self.window - (now - times[0])) + 1 if len(times) >= self.allowed else 0

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self.lock:
            self._recent(client, now)
            self.seen.setdefault(client, []).append(now)
            if len(self.seen) > 10_000:  # never grows without bound
                self.seen.pop(next(iter(self.seen)))


_WRONG_TOKENS = _Attempts()


def _run_update(update: str, params: dict[str, list[str]]) -> Response:
    authorised()
    config = current_app.config
    using = [name for name in ("using-graph-uri", "using-named-graph-uri") if params.get(name)]
    if using:  # the engine has no dataset parameter for updates: refused, never silently dropped
        raise ServiceError(f"The {' and '.join(using)} parameter is not supported on updates: write "
                           "USING <graph> / USING NAMED <graph> (or WITH <graph>) in the update itself.")
    prepared = prepare(update, update=True)
    # the update may change anything: graph/summary is marked stale (the next kg ingest recomputes it)
    # and graph/audit says the data changed since it was computed (until kg validate)
    state().pool.update(prepared.text, guard_task(prepared, base=config["VNGE_BASE"],
                                                  allow_service=config["VNGE_ALLOW_SERVICE"],
                                                  remote=not state().pool.spec.embedded),
                        then=f"{mark_stale()} ;\n{mark_data_changed()}")
    state().invalidate()
    return Response('{"ok": true, "status": 200}', mimetype="application/json")


@bp.route("/sparql", methods=["GET", "POST"])
@bp.route("/update", methods=["POST"], endpoint="update")
def endpoint() -> Response:
    query, update, params = _read_request()
    if update is not None:
        return _run_update(update, params)
    if query is None:
        return describe.service_description_response()
    fmt, result = run_query(query, default_graphs=params.get("default-graph-uri"),
                            named_graphs=params.get("named-graph-uri"),
                            fmt_param=(params.get("format") or [None])[0])  # clients may repeat it
    return result_response(fmt, result, query=query)
