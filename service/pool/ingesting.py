"""Uploaded files ingested in the writable query process, by the same code as ``kg ingest``
(kg.pipeline.ingest): each file is kept in the store's corpus, then written to the store with its
inferences, the summary and the findings of the plans it touches.

Runs inside the writable child of :meth:`service.pool.worker.QueryPool.writing` (cut off the
network like every query process); the document itself is read in a further child with its own
memory and time limits (kg/readers/isolated.py). Answers plain values: ``{"form": "INGEST",
"result": {file, status, plan, triples, message, flags}}``.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.stores import Backend

_SESSIONS: dict[int, Any] = {}  # one kg.pipeline.ingest.Session per open backend (this process)


def run_ingest(backend: Backend, task: dict[str, Any]) -> dict[str, Any]:
    """``op`` "ingest": one file (``name``, ``data``) into the store ``store``; "finish": the end of
    a batch (kg.pipeline.ingest.finish)."""
    # kg.pipeline brings the extraction code: imported here, so that read-only query processes,
    # which never ingest, start without it
    from kg.pipeline.corpus import safe_name
    from kg.pipeline.ingest import FileResult, Session, finish, ingest_file
    from kg.pipeline.sources import PLAN_SUFFIXES

    if task["op"] == "finish":
        finish(backend)
        return {"form": "INGEST"}
    raw_name = str(task.get("name") or "")
    try:
        name = safe_name(raw_name)
        if Path(name).suffix.lower() not in PLAN_SUFFIXES:
            raise KGError(f"{name}: not a plan document; upload a .txt, .md, .html, .docx or .pdf file")
        session = _SESSIONS.get(id(backend))
        if session is None:
            session = _SESSIONS[id(backend)] = Session.open(backend, task["store"])
        with tempfile.TemporaryDirectory(prefix="vnge-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(task["data"])
            result = ingest_file(backend, path, session.ref, session.rules, session, name=name)
            # messages name the file, never the server's folders
            result.message = result.message.replace(str(path), name).replace(folder, "")
    except KGError as e:
        result = FileResult(raw_name or "(no name)", "failed", message=str(e))
    answer = asdict(result)
    answer.pop("kept")  # a folder of the server: not for clients
    return {"form": "INGEST", "result": answer}
