"""Start and stop a throw-away Virtuoso 7 server (Debian ``virtuoso-opensource``) for tests and benchmarks.

The database files live in a temporary folder that is also in ``DirsAllowed`` (bulk loading with
``ld_dir`` + ``rdf_loader_run`` reads files from there). SPARQL answers at
``http://127.0.0.1:HTTP_PORT/sparql``; updates go to ``/sparql-auth`` with digest auth (dba/dba).
The SQL port must never be exposed: this launcher binds it for isql only, on a free local port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 1G
ThreadsPerQuery = 2
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 16
ServerThreads = 16
MaxKeepAlives = 16
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = {timeout}
"""


def available() -> str | None:
    """Path of ``virtuoso-t`` when Virtuoso is installed, else None."""
    return shutil.which("virtuoso-t")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class VirtuosoServer:
    """``virtuoso-t +foreground`` on free loopback ports with its database under ``folder``."""

    def __init__(self, folder: Path, *, http_port: int | None = None, sql_port: int | None = None,
                 timeout_s: int = 60, max_rows: int = 100000, buffers: int = 20000) -> None:
        self.folder = Path(folder).resolve()
        self.http_port = http_port or free_port()
        self.sql_port = sql_port or free_port()
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self.buffers = buffers
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds = 0.0

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    @property
    def store_spec(self) -> str:
        """The ``VNGE_STORE`` value that points the service at this server."""
        return f"sparql:{self.query_url};update={self.update_url};user=dba;password=dba"

    def start(self, wait_s: float = 90.0) -> VirtuosoServer:
        binary = available()
        if binary is None:
            raise RuntimeError("virtuoso-t not found: install the Debian package virtuoso-opensource")
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(d=self.folder, sql_port=self.sql_port, http_port=self.http_port,
                                  timeout=self.timeout_s, max_rows=self.max_rows, buffers=self.buffers,
                                  dirty=self.buffers * 3 // 4), encoding="utf-8")
        started = time.perf_counter()
        self.log = (self.folder / "stdout.log").open("wb")
        self.process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=self.folder,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}; see "
                                   f"{self.folder / 'virtuoso.log'}")
            if self._answers():
                self.start_seconds = time.perf_counter() - started
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"Virtuoso did not answer SPARQL within {wait_s:g} s; see {self.folder}")

    def _answers(self) -> bool:
        url = self.query_url + "?query=ASK%7B%7D&format=application%2Fsparql-results%2Bjson"
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def isql(self, sql: str, timeout: float = 600.0) -> str:
        """Run SQL statements through ``isql-vt`` as dba (bulk loading, checkpoints)."""
        isql = shutil.which("isql-vt") or shutil.which("isql")
        if isql is None:
            raise RuntimeError("isql-vt not found (Debian package virtuoso-opensource-7-bin)")
        done = subprocess.run([isql, str(self.sql_port), "dba", "dba", f"exec={sql}"], capture_output=True,
                              text=True, timeout=timeout, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
        return done.stdout

    def bulk_load(self, folder: Path, pattern: str, graph: str) -> None:
        """``ld_dir`` + ``rdf_loader_run`` + ``checkpoint`` (``folder`` must be under the database folder)."""
        self.isql(f"ld_dir('{folder}', '{pattern}', '{graph}'); rdf_loader_run(); checkpoint;")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if getattr(self, "log", None) is not None:
            self.log.close()

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
