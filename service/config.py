"""Service settings, declared once: name, default, type and help (README.md lists them all).

Every setting is read from the environment variable of the same name (``VNGE_…``); the app
factory's ``test_config`` dict and :func:`run_serve` keyword arguments override it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.rdf.namespaces import DEFAULT_BASE


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    def parse(self, raw: str) -> Any:
        """Convert an environment string to the setting's type (the type of its default)."""
        if isinstance(self.default, bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(self.default, int):
            return int(raw)
        if isinstance(self.default, float):
            return float(raw)
        return raw


SETTINGS: tuple[Setting, ...] = (
    Setting("VNGE_STORE", "var/store",
            "Store backend: oxigraph:PATH or a bare PATH (the pyoxigraph on-disk store built by `kg build`), "
            "memory[:FILE] (rdflib in memory, loaded from a TriG/N-Quads file), or "
            "sparql:QUERY_URL[;update=URL][;user=U;password=P] (a remote SPARQL 1.1 server)."),
    Setting("VNGE_HOST", "127.0.0.1", "Interface the WSGI server listens on."),
    Setting("VNGE_PORT", 8000, "TCP port the WSGI server listens on."),
    Setting("VNGE_BASE", DEFAULT_BASE,
            "Base of data IRIs; every IRI under it resolves on this server (entity pages)."),
    Setting("VNGE_QUERY_TIMEOUT", 10.0,
            "Time limit of one query in seconds; the worker process running it is killed at the limit."),
    Setting("VNGE_CANNED_TIMEOUT", 60.0,
            "Time limit of a canned query in seconds (curated whole-corpus aggregates may need more than "
            "VNGE_QUERY_TIMEOUT; results are cached until the data changes)."),
    Setting("VNGE_QUERY_MEMORY_MB", 2048,
            "Address-space limit of each query process in MiB (RLIMIT_AS); a query that needs more is "
            "stopped and answered 503 naming this setting. 0 = no limit."),
    Setting("VNGE_CLIENT_QUERIES", 2,
            "Queries one client address may run at the same time in one server process (more get 429); "
            "0 = no limit. Loopback clients (this machine) are not limited: behind a proxy, set "
            "VNGE_TRUSTED_PROXIES so that the address is the client's."),
    Setting("VNGE_TRUSTED_PROXIES", 0,
            "Number of reverse proxies in front of the service whose X-Forwarded-For/-Proto/-Host headers "
            "are trusted (1 behind the nginx configuration in docs/nginx.conf); 0 = none."),
    Setting("VNGE_MAX_ROWS", 10000,
            "Result-row cap (rows of SELECT, triples of CONSTRUCT/DESCRIBE); cut results say so."),
    Setting("VNGE_MAX_RESULT_BYTES", 33554432,
            "Budget of one result in characters of its terms (32 MiB); a result past it is cut and says so "
            "like the row cap (X-Result-Truncated, Warning, \"truncated\": true)."),
    Setting("VNGE_MAX_QUERY_BYTES", 65536, "Largest accepted query or request body in bytes (else 413)."),
    Setting("VNGE_UPDATE_TOKEN", "",
            "Bearer token that enables SPARQL Update; empty (the default) means read-only."),
    Setting("VNGE_MAX_UPLOAD_BYTES", 20971520,
            "Largest file the upload form (/upload) accepts, in bytes (20 MiB); a larger request gets 413."),
    Setting("VNGE_UPLOAD_TIMEOUT", 300.0,
            "Time limit in seconds of ingesting one uploaded file (reading, extraction, the store update, "
            "summary and findings); past it the file is reported failed and the next file starts."),
    Setting("VNGE_DUMP_TIMEOUT", 1800.0,
            "Time limit in seconds of writing the dump of the whole dataset (/dump, once per data "
            "version, in its own sandboxed process); meanwhile /dump answers 503 with Retry-After."),
    Setting("VNGE_ALLOW_SERVICE", False,
            "Allow SERVICE and LOAD to reach the network (default: refused before execution, and query "
            "processes have no network at all)."),
    Setting("VNGE_CORS", "*",
            "Access-Control-Allow-Origin sent by /sparql, /update, /queries and /void ('off' = no CORS)."),
    Setting("VNGE_WARMUP", True,
            "Compute the search index and facets, the networks and pages of the documents cited most, plan "
            "hierarchy, graph statistics and parameterless canned queries in the background when a server "
            "process starts, instead of on the first request."),
    Setting("VNGE_ONTOLOGY_DOCS", "",
            "Folder of the ontology's HTML documentation served at /ontology (index.html, written by "
            "`kg docs --out FOLDER`); empty = ontology/docs of the installed ontology. When index.html is "
            "missing, the first request writes it there (needs pyLODE), else the page says how to make it."),
    Setting("VNGE_WORKERS", 2, "Number of gunicorn worker processes."),
    Setting("VNGE_MAX_REQUESTS", 5000,
            "A gunicorn worker is restarted after this many requests (plus up to 10% jitter), so that "
            "memory a worker grew is given back; 0 = never."),
    Setting("VNGE_THREADS", 4,
            "Threads per gunicorn worker; each running query uses one isolated query process."),
    Setting("VNGE_CONFIG", "",
            "Optional file of KEY=VALUE lines setting any of these; environment variables override it."),
    Setting("VNGE_ACCESS_LOG", "-",
            "Access log file for gunicorn ('-' = standard output, 'off' = no access log)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def read_config_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines (``#`` comments, blank lines ignored); only known settings are allowed."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ValueError(f"VNGE_CONFIG={str(path)!r}: cannot read the file ({e.strerror})") from None
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or key not in _BY_NAME:
            raise ValueError(f"{path}:{number}: expected KEY=VALUE with a known setting "
                             f"({', '.join(sorted(_BY_NAME))}), found {line!r}")
        values[key] = value.strip().strip('"').strip("'")
    return values


def load_config(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
                ) -> dict[str, Any]:
    """Defaults ← ``VNGE_CONFIG`` file ← environment ← ``overrides`` (unknown override keys are kept)."""
    env = dict(os.environ if environ is None else environ)
    config_file = (overrides or {}).get("VNGE_CONFIG") or env.get("VNGE_CONFIG")
    if config_file:
        env = {**read_config_file(Path(config_file)), **env}
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name)
        try:
            config[setting.name] = setting.default if raw in (None, "") else setting.parse(raw)
        except ValueError as e:
            raise ValueError(f"{setting.name}={raw!r}: {e} ({setting.help})") from None
    for key, value in (overrides or {}).items():
        config[key] = _BY_NAME[key].parse(value) if key in _BY_NAME and isinstance(value, str) else value
    base = str(config["VNGE_BASE"])
    config["VNGE_BASE"] = base if base.endswith("/") else base + "/"
    return config
