"""A regular (non-editable) install works away from the repository: the ontology, the shapes, the
audits, the gazetteer's tables and the service's templates and queries are package data (issue 12).

From a copy of the repository, ``pip install .`` into a fresh virtual environment; then, in a folder
outside the repository, ``kg build --data <repo>/data`` and ``kg serve`` answer /health and a SPARQL
ASK."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

# what a fresh clone does not have (local environments, build output, caches, generated docs)
NOT_COPIED = shutil.ignore_patterns(".venv", ".git", "var", "build", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".ruff_cache", "node_modules")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, data: bytes | None = None, accept: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _pip_install(venv: Path, source: Path, env: dict[str, str]) -> None:
    """``pip install SOURCE`` (not editable); again without build isolation when the isolated build
    cannot get its backend (the venv's own setuptools then builds it)."""
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(source)]
    done = subprocess.run(pip, capture_output=True, text=True, env=env, timeout=900, check=False)
    if done.returncode != 0:
        done = subprocess.run([*pip, "--no-build-isolation"], capture_output=True, text=True, env=env,
                              timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.slow
def test_a_regular_install_builds_and_serves_outside_the_repository(tmp_path: Path) -> None:
    source, venv, outside = tmp_path / "source", tmp_path / "venv", tmp_path / "elsewhere"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("VNGE_")}
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    _pip_install(venv, source, env)
    outside.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import kg.resources as r; print(r.ONTOLOGY_DIR)"],
                           cwd=outside, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout  # the installed copy, not the repo

    kg = str(venv / "bin" / "kg")
    built = subprocess.run([kg, "build", "--data", str(ROOT / "data"), "--store", "S"], cwd=outside, env=env,
                           capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "5 plans" in built.stdout and "0 audit triples" not in built.stdout

    port = _free_port()
    serve_env = {**env, "VNGE_WARMUP": "false", "VNGE_WORKERS": "1", "VNGE_ACCESS_LOG": "off"}
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([kg, "serve", "--store", "S", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=outside, env=serve_env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        status = 0
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = _get(base + "/health")
            except OSError:
                status = 0
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, (tmp_path / "serve.log").read_text("utf-8", "replace")[-3000:]
        assert json.loads(body)["ok"] is True
        query = urllib.parse.urlencode({"query": "ASK { ?s a <https://w3id.org/vnge/ontology#Plan> }"})
        status, body = _get(base + "/sparql", query.encode(), "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True, body[:500]
        status, body = _get(base + "/queries", accept="text/html")  # templates and canned queries installed
        assert status == 200 and b"plans-citing-document" in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
        log.close()
