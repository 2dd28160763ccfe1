"""Issue 16 as a researcher meets it: serve with `make serve`, ingest a plan while it serves, restart
with `make serve` (the plan is still there, nothing was rebuilt), remove it, restart (gone); an
ingested plan's Violation on /validate without `kg validate`; uploads from the UI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from kg.pipeline.build import build
from tests.conftest import ROOT
from tests.pipeline.test_build import PLANS, small_data
from tests.pipeline.test_crash_recovery import numbered_copy
from tests.servers import LiveServer, call, free_port

KG = str(Path(sys.executable).with_name("kg"))
BAC_KAN = next(PLANS.glob("bac-kan_*.txt"))  # targets 01 session a year where Decision 1790 has 02
HUE = next(PLANS.glob("hue_*.txt"))
PROV = "http://www.w3.org/ns/prov#"


def ask(url: str, query: str) -> bool:
    status, _, body = call(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}), "GET",
                           "application/sparql-results+json")
    assert status == 200, body
    return bool(json.loads(body)["boolean"])


def has_plan(url: str, file_name: str) -> bool:
    return ask(url, f'ASK {{ GRAPH ?g {{ ?p <{PROV}wasDerivedFrom> ?f . '
                    f'?f <https://w3id.org/vnge/ontology#fileName> "{file_name}" }} }}')


class MakeServe:
    """`make serve` in its own process group, on a free port, its output kept."""

    def __init__(self, store: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, "VNGE_WORKERS": "1", "VNGE_THREADS": "4", "VNGE_ACCESS_LOG": "off",
               "VNGE_WARMUP": "false"}
        with log.open("w") as out:
            self.process = subprocess.Popen(
                ["make", "serve", f"STORE={store}", "HOST=127.0.0.1", f"PORT={self.port}"], cwd=ROOT, env=env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()
            try:
                if call(self.url + "/health", "GET")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise AssertionError(f"make serve did not answer in time:\n{log.read_text()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def kg(*args: str) -> str:
    done = subprocess.run([KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
@pytest.mark.server
def test_make_serve_keeps_a_plan_ingested_while_serving_and_a_removed_one_stays_gone(tmp_path, own_corpus):
    store = tmp_path / "store"
    plan = tmp_path / "hue_2026_dot-9.txt"  # a plan that is not in data/plans
    plan.write_text(numbered_copy(HUE, 9), "utf-8")

    first = MakeServe(store, tmp_path / "serve-1.log")
    try:
        assert "rebuilding" in first.output() and not has_plan(first.url, plan.name)
        kg("ingest", str(plan), "--store", str(store))  # while it serves
        assert has_plan(first.url, plan.name)  # at once: search, hierarchy and queries read the same store
    finally:
        first.stop()
    assert [p.name for p in own_corpus.glob("*/*")] == [plan.name]

    second = MakeServe(store, tmp_path / "serve-2.log")
    try:
        assert "is up to date" in second.output() and "rebuilding" not in second.output()
        assert has_plan(second.url, plan.name)
        removed = kg("remove", plan.name, "--store", str(store))  # while it serves
        assert "removed    " + plan.name in removed
        assert not has_plan(second.url, plan.name)
    finally:
        second.stop()
    assert not list(own_corpus.glob("*/*"))

    third = MakeServe(store, tmp_path / "serve-3.log")
    try:
        assert "is up to date" in third.output()
        assert not has_plan(third.url, plan.name) and has_plan(third.url, HUE.name)
    finally:
        third.stop()


@pytest.mark.slow
@pytest.mark.server
def test_an_ingested_plan_survives_a_rebuild_from_scratch(tmp_path, own_corpus):
    """The store is derived: deleted, `make serve` rebuilds it from data/ and the corpus."""
    store = tmp_path / "store"
    plan = tmp_path / "hue_2026_dot-8.txt"
    plan.write_text(numbered_copy(HUE, 8), "utf-8")
    build(ROOT / "data", str(store))
    kg("ingest", str(plan), "--store", str(store))
    shutil.rmtree(store)
    server = MakeServe(store, tmp_path / "serve.log")
    try:
        assert "rebuilding" in server.output() and has_plan(server.url, plan.name)
    finally:
        server.stop()


@pytest.fixture()
def two_seed_server(tmp_path):  # noqa: ANN201
    """A server (token 's3cret') over a build of two seed plans, not Bắc Kạn's."""
    data = small_data(tmp_path, 5)
    (data / "plans" / BAC_KAN.name).unlink()
    for extra in sorted((data / "plans").iterdir())[2:]:
        extra.unlink()
    store = tmp_path / "store"
    build(data, str(store))
    server = LiveServer(store, VNGE_UPDATE_TOKEN="s3cret", VNGE_WARMUP="false")
    yield server, store
    server.stop()


def weaker_target_violations(url: str, plan: str) -> list[dict]:
    status, _, body = call(f"{url}/validate?" + urllib.parse.urlencode({"plan": plan, "format": "json"}), "GET")
    assert status == 200
    report = json.loads(body)
    assert report["current"] is True, report["notice"]
    return [f for f in report["findings"] if f["severity"] == "Violation" and f["shape"].endswith("weaker-target")]


@pytest.mark.slow
def test_validate_shows_the_violation_of_a_plan_ingested_while_serving(two_seed_server):
    server, store = two_seed_server
    plan = "https://w3id.org/vnge/eli/vn/bac-kan/thanh-pho-bac-kan/2022/kh-59f56af6"
    assert weaker_target_violations(server.url, plan) == []
    kg("ingest", str(BAC_KAN), "--store", str(store))  # no `kg validate`
    (violation,) = weaker_target_violations(server.url, plan)
    assert "1790/QĐ-TTg" in violation["message_en"] and "ít nhất 01 cuộc" in violation["quote"]
    status, _, page = call(f"{server.url}/validate?" + urllib.parse.urlencode({"plan": plan}), "GET", "text/html")
    assert status == 200 and "weaker than the same indicator" in page.decode() and 'id="stale"' not in page.decode()


def upload(url: str, files: list[tuple[str, bytes]], token: str = "s3cret", accept: str = "application/json"):
    boundary = "----vnge-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\n{token}\r\n'.encode()]
    for name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return call(f"{url}/upload", "POST", accept, body, f"multipart/form-data; boundary={boundary}")


@pytest.mark.slow
def test_upload_ingests_like_kg_ingest_and_reports_each_file(two_seed_server, own_corpus):
    server, store = two_seed_server
    status, _, body = upload(server.url, [(BAC_KAN.name, BAC_KAN.read_bytes()),
                                          ("minutes.txt", "Biên bản họp chi bộ tháng 3.\n".encode()),
                                          ("photo.jpg", b"\xff\xd8\xff"),
                                          ("../../hue-elsewhere.txt", numbered_copy(HUE, 7).encode())])
    assert status == 200, body
    results = {r["file"]: r for r in json.loads(body)["files"]}
    assert results[BAC_KAN.name]["status"] == "added" and results[BAC_KAN.name]["plan"].endswith("kh-59f56af6")
    assert results["minutes.txt"]["status"] == "failed" and "does not look like" in results["minutes.txt"]["message"]
    assert results["photo.jpg"]["status"] == "failed" and ".docx" in results["photo.jpg"]["message"]
    assert all("/tmp" not in r["message"] and "vnge-upload" not in r["message"] for r in results.values())
    assert results["hue-elsewhere.txt"]["status"] == "added"  # the name without its folders
    kept = sorted(p.relative_to(own_corpus).parts[1] for p in own_corpus.rglob("*") if p.is_file())
    assert kept == sorted([BAC_KAN.name, "hue-elsewhere.txt"])  # kept: every rebuild has them
    assert weaker_target_violations(server.url, results[BAC_KAN.name]["plan"])
    status, _, body = upload(server.url, [(BAC_KAN.name, BAC_KAN.read_bytes())], accept="text/html")
    assert status == 200 and "upload-unchanged" in body.decode()
    assert "is up to date" in str(build(store.parent / "data", str(store), if_needed=True))


@pytest.mark.slow
def test_upload_refuses_without_the_token_and_past_the_size_limit(tmp_path, own_corpus):
    data = small_data(tmp_path, 1)
    store = tmp_path / "store"
    build(data, str(store))
    server = LiveServer(store, VNGE_UPDATE_TOKEN="s3cret", VNGE_WARMUP="false", VNGE_MAX_UPLOAD_BYTES=20000)
    try:
        status, _, body = upload(server.url, [(HUE.name, HUE.read_bytes())], token="wrong")
        assert status == 403 and b"VNGE_UPDATE_TOKEN" in body
        assert not has_plan(server.url, HUE.name) and not list(own_corpus.glob("*/*"))
        status, _, body = upload(server.url, [("big.txt", b"x" * 20001)])  # the file: reported failed
        assert status == 200 and "VNGE_MAX_UPLOAD_BYTES" in json.loads(body)["files"][0]["message"]
        status, _, body = upload(server.url, [("huge.txt", b"x" * 120_000)])  # the request: refused
        assert status == 413 and b"VNGE_MAX_UPLOAD_BYTES" in body
        assert not list(own_corpus.glob("*/*"))
        status, _, body = call(f"{server.url}/upload", "GET", "text/html")
        assert status == 200 and b'id="upload-form"' in body
    finally:
        server.stop()


def test_the_upload_form_says_when_the_service_is_read_only(live_server):
    status, _, body = call(f"{live_server.url}/upload", "GET", "text/html")
    assert status == 200 and b'id="upload-disabled"' in body and b'id="upload-form"' not in body
    status, _, body = upload(live_server.url, [(BAC_KAN.name, BAC_KAN.read_bytes())])
    assert status == 403 and b"read-only" in body
