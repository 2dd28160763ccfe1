"""``GET /dump``: the whole dataset (every named graph) as gzipped N-Quads, for researchers to take away.

Read-only, cached and bounded. The file is written once per data version into the store's cache
folder (``<store>.cache/<version>/dump.nq.gz``; older versions' dumps are deleted when a new one is
complete) by one sandboxed process at a time (no network, the query memory limit, killed at
``VNGE_DUMP_TIMEOUT``), and served from there as a static file. While it is being written, /dump
answers 503 with ``Retry-After``. ``kg restore FILE`` makes a store of it with the same graphs.
The VoID description names it (``void:dataDump``). A remote store (``sparql:``) has no dump here.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from flask import Blueprint, Response, current_app, request, send_file

from service.errors import ServiceError
from service.state import state

bp = Blueprint("dump", __name__)
log = logging.getLogger("vnge.service")
NAME = "dump.nq.gz"
WAIT = 5.0  # seconds a request waits for a dump being written before it is told to come back


def _version() -> str:
    return hashlib.sha256(repr(state().pool.generation()).encode()).hexdigest()[:16]


@bp.route("/dump")
def dump() -> Response:
    pool = state().pool
    if not pool.spec.embedded or not pool.cache_dir:
        raise ServiceError("This service reads a remote SPARQL store: it has no dump of its own. Ask that "
                           "server for one, or query /sparql.", 404)
    cache = Path(pool.cache_dir)
    version = _version()
    target = cache / version / NAME
    if request.headers.get("If-None-Match") == f'"{version}"' and target.is_file():
        return Response(status=304, headers={"ETag": f'"{version}"'})
    if not target.is_file():
        _start(cache, version)
        deadline = time.monotonic() + WAIT
        while not target.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
    if not target.is_file():
        response = Response(
            '{"ok": false, "status": 503, "error": "The dump of the current data is being written; retry in '
            'a minute (it is then served at once until the data changes)."}', status=503,
            mimetype="application/json")
        response.headers["Retry-After"] = "30"
        return response
    response = send_file(target, mimetype="application/gzip", as_attachment=True, download_name="vnge.nq.gz",
                         etag=version, conditional=True, max_age=0)
    response.headers["Content-Type"] = "application/gzip"
    response.headers["X-Content-Format"] = "application/n-quads"
    return response


def _start(cache: Path, version: str) -> None:
    """Start the writer unless one is running (a lock file, held by the writer for its whole life)."""
    cache.mkdir(parents=True, exist_ok=True)
    lock = cache / "dump.lock"
    try:
        handle = lock.open("a")
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return  # a writer (of this or another server process) is at work
    except OSError as e:
        raise ServiceError(f"The dump cannot be written here: {e.strerror}.", 503) from None
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()
    config = current_app.config
    env = {**os.environ, "VNGE_DUMP_STORE": str(state().pool.spec)}
    subprocess.Popen(  # detached: it finishes (or is stopped at its limit) even if this worker exits
        [sys.executable, "-m", "service.protocol.dumpjob", str(cache), version,
         str(float(config["VNGE_DUMP_TIMEOUT"])), str(int(config["VNGE_QUERY_MEMORY_MB"])),
         "1" if config["VNGE_ALLOW_SERVICE"] else "0"],
        env=env, start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, close_fds=True)
    log.info("dump of data version %s started", version)
