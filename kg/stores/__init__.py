"""Store backends behind one interface, chosen by a store specification (``VNGE_STORE``, ``--store``).

=====================================================  ==========================================
``oxigraph:PATH`` or a bare ``PATH`` (default)          embedded pyoxigraph on-disk store
``memory`` / ``memory:FILE``                           rdflib Dataset in memory (empty, or loaded
                                                       from a TriG/N-Quads/Turtle file; updates
                                                       are written back to FILE)
``sparql:QUERY_URL[;update=URL][;user=U;password=P]``  remote SPARQL 1.1 server (SPARQLWrapper;
                                                       SPARQL Update + Graph Store Protocol)
=====================================================  ==========================================

Every backend implements :class:`kg.stores.base.Backend`; callers (the service, tests, benchmarks)
never branch on the kind. Embedded backends (``spec.embedded``) are opened inside killable query
processes by the service; remote ones are bounded by the HTTP timeout and the server's own limit.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.stores.base import Backend
from kg.stores.memory import MemoryBackend
from kg.stores.oxigraph import OxigraphBackend
from kg.stores.remote import SparqlBackend

__all__ = ["STORE_FORMS", "Backend", "StoreSpec", "open_backend", "parse_store"]

KINDS = ("oxigraph", "memory", "sparql")
#: the forms of a store specification, for help texts (``--store`` of every ``kg`` command)
STORE_FORMS = (
    "oxigraph:PATH or PATH (default var/store), memory:FILE, or sparql:URL[;update=URL][;user=U;password=P]"
)


@dataclass(frozen=True)
class StoreSpec:
    kind: str
    location: str = ""  # folder, file or query URL
    options: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def embedded(self) -> bool:
        """True when the data lives in this process (queries need process isolation to be stopped)."""
        return self.kind != "sparql"

    @property
    def generation_file(self) -> Path | None:
        """``<store>.generation``, touched after every change made from outside the store's own
        update path (kg ingest, kg remove, the service's updates) so that readers reopen it."""
        if not self.embedded or not self.location:
            return None
        path = Path(self.location)
        return path.with_name(path.name + ".generation")

    def touch_generation(self) -> None:
        marker = self.generation_file
        if marker is not None:
            marker.touch()
            os.utime(marker, ns=(time.time_ns(), time.time_ns()))

    @property
    def cache_dir(self) -> str | None:
        """Folder for cached results next to local data; None for a remote server."""
        return f"{self.location}.cache" if self.embedded and self.location else None

    def missing(self) -> str | None:
        """Why this store cannot be served (a local store that does not exist), else None."""
        if self.kind == "oxigraph" and not Path(self.location).is_dir():
            return (f"no store at {self.location!r}: build one with `kg build --store DIR` (or `make build`) "
                    "and pass it with --store or VNGE_STORE")
        if self.kind == "memory" and self.location and not Path(self.location).is_file():
            return f"no RDF file at {self.location!r} for the in-memory store"
        return None

    def __str__(self) -> str:
        if self.kind == "sparql":
            extra = "".join(f";{k}={'***' if k == 'password' else v}"
                            for k, v in sorted(self.options.items()))
            return f"sparql:{self.location}{extra}"
        return f"{self.kind}:{self.location}" if self.location else self.kind


def parse_store(spec: str | Path | StoreSpec) -> StoreSpec:
    """``oxigraph:PATH`` | ``PATH`` | ``memory[:FILE]`` | ``sparql:URL[;update=URL][;user=U;password=P]``
    (``graph-store=URL`` overrides the Graph Store Protocol endpoint)."""
    if isinstance(spec, StoreSpec):
        return spec
    text = str(spec).strip()
    if not text:
        raise ValueError("empty store specification: use oxigraph:PATH, memory[:FILE] or sparql:URL")
    kind, sep, rest = text.partition(":")
    if not sep or kind not in KINDS:  # a bare path (also Windows-like 'C:' never reaches here on POSIX)
        if text == "memory":
            return StoreSpec("memory")
        return StoreSpec("oxigraph", text)
    if kind == "sparql":
        url, *pairs = rest.split(";")
        options: dict[str, str] = {}
        for pair in pairs:
            key, eq, value = pair.partition("=")
            if not eq or key.strip() not in ("update", "user", "password", "graph-store"):
                raise ValueError(f"store {text!r}: unknown option {pair!r} (update=, user=, password=, "
                                 "graph-store=)")
            options[key.strip()] = value.strip()
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"store {text!r}: the query endpoint must be an http(s) URL")
        return StoreSpec("sparql", url, options)
    if kind == "oxigraph" and not rest:
        raise ValueError("oxigraph: needs a folder, e.g. oxigraph:var/store")
    return StoreSpec(kind, rest)


def open_backend(spec: str | Path | StoreSpec, *, read_only: bool = False, create: bool = False) -> Backend:
    """Open the backend named by ``spec``. ``read_only`` opens an embedded store for reading only
    (several processes may do so at once); ``create`` allows a missing on-disk store to be made."""
    parsed = parse_store(spec)
    if parsed.kind == "oxigraph":
        return OxigraphBackend(parsed.location, read_only=read_only, create=create)
    if parsed.kind == "memory":
        return MemoryBackend(parsed.location or None, read_only=read_only)
    return SparqlBackend(parsed.location, **parsed.options)
