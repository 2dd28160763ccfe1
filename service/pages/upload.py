"""``/upload``: a form that ingests plan documents, for a user holding the update token.

The same code path as ``kg ingest`` (service/pool/ingesting.py calls kg.pipeline.ingest): each file
is kept in the store's corpus, so every later build has it, then written to the store with its
inferences, the summary and the findings of the plans it touches. The page shows each file's
result: added, replaced, unchanged, or failed with the reason.

Guards: the token (form field or ``Authorization: Bearer``; wrong tokens throttled as for SPARQL
Update), a size limit per request (``VNGE_MAX_UPLOAD_BYTES``, 413 past it) and per file, only plan
document types, file names reduced to their last part, a time limit per file
(``VNGE_UPLOAD_TIMEOUT``), and the work done in a sandboxed writable process (no network; the
document itself is read in a further child with the reader's memory and time limits). One upload
or update writes at a time: another one meanwhile gets 503 (retry).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from kg.pipeline.sources import PLAN_SUFFIXES
from kg.settings import READ_MEMORY_MB
from service.errors import QueryTimeout, ServiceError, wants_html
from service.labels import labels_for
from service.pages.validation import finding_counts
from service.protocol.sparql import authorised
from service.state import state

bp = Blueprint("upload", __name__)
MAX_FILES = 20


def upload_body_limit(config: Any) -> int:
    """The largest request body /upload reads: the file limit plus room for the form's other parts."""
    return int(config["VNGE_MAX_UPLOAD_BYTES"]) + 64 * 1024


@bp.route("/upload", methods=["GET", "POST"])
def upload() -> Response | str:
    config = current_app.config
    enabled = bool(config["VNGE_UPDATE_TOKEN"])
    if request.method == "GET":
        return _page(enabled, None)
    authorised(request.form.get("token", ""), what="Uploading")
    files = [f for f in request.files.getlist("file") if f.filename]
    if not files:
        raise ServiceError("Choose at least one plan file (.txt, .md, .html, .docx, .pdf) to upload.")
    if len(files) > MAX_FILES:
        raise ServiceError(f"Upload at most {MAX_FILES} files at a time.")
    cap = int(config["VNGE_MAX_UPLOAD_BYTES"])
    results: list[dict[str, Any] | None] = []
    tasks = []
    store = str(state().pool.spec)
    for f in files:
        data = f.read(cap + 1)
        if len(data) > cap:
            results.append(_failed(f.filename, f"larger than {cap} bytes (VNGE_MAX_UPLOAD_BYTES)"))
        else:
            results.append(None)
            tasks.append({"op": "ingest", "store": store, "name": f.filename, "data": data})
    if tasks:
        tasks.append({"op": "finish", "store": store})
        timeout = float(config["VNGE_UPLOAD_TIMEOUT"])
        done = state().pool.writing(tasks, timeout, "VNGE_UPLOAD_TIMEOUT",
                                    extra_memory_mb=int(READ_MEMORY_MB.value()))
        state().invalidate()
        answers = iter(done[:-1])
        for i, result in enumerate(results):
            if result is None:
                answer = next(answers)
                late = f"took longer than {timeout:g} s (VNGE_UPLOAD_TIMEOUT)"
                results[i] = _failed(files[i].filename, late) if isinstance(answer, QueryTimeout) else \
                    answer["result"]
    rows = [r for r in results if r is not None]
    if not wants_html():
        return jsonify({"ok": True, "status": 200, "files": rows})
    plans = [str(r["plan"]) for r in rows if r.get("plan") and r["status"] != "failed"]
    return _page(enabled, rows, labels_for(set(plans)), finding_counts(plans))


def _failed(name: str | None, reason: str) -> dict[str, Any]:
    return {"file": name or "(no name)", "status": "failed", "plan": None, "triples": 0,
            "message": f"{name}: {reason}", "flags": []}


def _page(enabled: bool, results: list[dict[str, Any]] | None, labels: dict[str, str] | None = None,
          counts: dict[str, dict[str, int]] | None = None) -> str:
    return render_template("upload.html", title="Nạp kế hoạch · Upload plans", enabled=enabled,
                           results=results, labels=labels or {}, counts=counts or {},
                           accept=",".join(sorted(PLAN_SUFFIXES)),
                           kinds=" ".join(sorted({s[1:] for s in PLAN_SUFFIXES} - {"htm", "markdown"})),
                           limit_mb=round(int(current_app.config["VNGE_MAX_UPLOAD_BYTES"]) / 2**20, 1))
