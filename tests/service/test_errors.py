"""One error handler: the JSON shape for API clients, HTML for browsers, never a traceback; a server
bug is a 500 with a generic message and the traceback goes to the log."""

from __future__ import annotations

import logging

import pytest

from service.app import create_app


@pytest.fixture()
def buggy_app(fixture_store):
    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": False})

    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("secret internal detail")

    yield app
    app.extensions["vnge"].pool.close()


def test_server_bug_is_a_generic_500_for_api_clients(buggy_app, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="vnge.service"):
        response = buggy_app.test_client().get("/boom", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert response.json == {"ok": False, "status": 500,
                             "error": "Internal server error: the problem was logged. Please report it."}
    assert "secret internal detail" in caplog.text  # logged with its traceback, not shown


def test_server_bug_page_for_browsers_has_no_traceback(buggy_app) -> None:
    response = buggy_app.test_client().get("/boom", headers={"Accept": "text/html,*/*;q=0.8"})
    page = response.data.decode()
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert "Traceback" not in page and "secret internal detail" not in page and 'id="error-message"' in page


@pytest.mark.parametrize("path,status", [("/sparql?query=SELEC", 400), ("/queries/nope", 404),
                                         ("/update", 405), ("/sparql?query=ASK{?s?p?o}", 413)])
def test_every_client_error_has_the_same_shape(fixture_store, path: str, status: int) -> None:
    app = create_app({"VNGE_STORE": str(fixture_store), "VNGE_WARMUP": False, "VNGE_MAX_QUERY_BYTES": 8})
    response = app.test_client().get(path, headers={"Accept": "application/json"})
    app.extensions["vnge"].pool.close()
    assert response.status_code == status
    assert set(response.json) == {"ok", "error", "status"} and response.json["status"] == status
    assert response.json["ok"] is False and response.json["error"]
