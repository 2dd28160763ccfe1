"""Typed service errors and the one handler that renders every error (JSON for APIs, HTML for browsers).

Shape for API clients: ``{"ok": false, "error": "...", "status": 400}``. Never a traceback:
unexpected exceptions become a 500 with a generic message, and the traceback goes to the log.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("vnge.service")


class ServiceError(Exception):
    """A problem the client can act on; ``message`` says what to do next."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class QuerySyntaxError(ServiceError):
    """The query or update does not parse; the message is the parser's."""


class ForbiddenOperation(ServiceError):
    """SERVICE, LOAD or a dataset outside this store (no outbound requests), or an unauthorised update."""

    status = 403


class NotAcceptable(ServiceError):
    status = 406


class TooLarge(ServiceError):
    status = 413


class TooManyAttempts(ServiceError):
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryOutOfMemory(ServiceError):
    status = 503

    def __init__(self, megabytes: int) -> None:
        super().__init__(
            f"The query needed more memory than a query may use ({megabytes} MiB, set by "
            "VNGE_QUERY_MEMORY_MB) and was stopped. Narrow it (fewer rows, no growing strings), or "
            "add LIMIT.")


class QueryTimeout(ServiceError):
    status = 503

    def __init__(self, seconds: float, setting: str = "VNGE_QUERY_TIMEOUT") -> None:
        super().__init__(
            f"The query took too long and was stopped after {seconds:g} s. The time limit is set by "
            f"{setting}; add LIMIT, narrow the patterns, or run the query on a local copy of the store."
        )


class StoreUnavailable(ServiceError):
    status = 503


def wants_html() -> bool:
    """True when the client prefers an HTML page (a browser) over JSON."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"], default="application/json")
    return best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes[
        "application/json"
    ]


def error_response(message: str, status: int) -> Response:
    if wants_html():
        body = render_template("error.html", message=message, status=status)
        return Response(body, status=status, mimetype="text/html")
    response = jsonify({"ok": False, "error": message, "status": status})
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(e: ServiceError) -> Response:
        response = error_response(e.message, e.status)
        if isinstance(e, TooManyAttempts):
            response.headers["Retry-After"] = str(e.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> Response:
        messages = {
            404: "Not found: no page or entity at this address. Try /search or /queries.",
            405: f"Method {request.method} is not allowed here.",
            413: "Request too large: the limit is set by "
                 + ("VNGE_MAX_UPLOAD_BYTES." if request.path == "/upload" else "VNGE_MAX_QUERY_BYTES."),
        }
        code = e.code or 500
        return error_response(messages.get(code, e.description or e.name), code)

    @app.errorhandler(Exception)
    def _server_bug(e: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response("Internal server error: the problem was logged. Please report it.", 500)
