"""What a store was built from: the file ``<store>.corpus.json`` beside it.

``kg build`` writes it once the new store is in place, ``kg ingest`` and ``kg remove`` rewrite it after
each change they commit, ``kg restore`` marks the store as restored from a dump. It records the data
and corpus folders, a digest of everything else a build reads (the kg code, ontology, shapes,
reference data and ``VNGE_BASE``: the *environment*) and each input file with the plan it gave (or
why it failed). ``kg build --if-needed`` (``make serve``) compares that with the inputs on disk and
rebuilds only when they differ.

The file lives beside the store, not in it: it names local folders, which the SPARQL service must
not publish. It is only ever written *after* the store change it describes is committed, so at worst
it is older than the store, and a stale record costs an unneeded rebuild from the corpus (which holds
every accepted file first), never a lost plan.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import kg
from kg.pipeline.corpus import Source
from kg.pipeline.units import configured_files as configured_units
from kg.rdf.namespaces import base
from kg.resources import LEXICON_DIR, ONTOLOGY_DIR, SHAPES_DIR
from kg.stores import StoreSpec, parse_store

FORMAT = 1


@dataclass
class FileRecord:
    origin: str  # "plans" or "corpus"
    name: str
    sha256: str
    plan: str | None = None  # the plan IRI it gave
    error: str | None = None  # why it failed (build only: ingest keeps no failed file)
    superseded_by: str | None = None  # sha256 of a later input that gave the same plan

    def key(self) -> tuple[str, str, str]:
        return (self.origin, self.name, self.sha256)


@dataclass
class StoreState:
    corpus: str
    environment: str
    data: str | None = None
    files: list[FileRecord] = field(default_factory=list)
    restored: str | None = None  # the dump a `kg restore` loaded (then no corpus describes the store)
    # when the last `kg build` ran (ISO 8601, UTC; prov:startedAtTime / prov:endedAtTime of its
    # activities). Kept here, not in the store: the graphs are a function of the inputs alone, compared
    # quad for quad between two builds (kg/rdf/release.py), and a clock would make every build differ.
    started: str | None = None
    ended: str | None = None

    def digest(self) -> str:
        return inputs_digest(self.environment, [f.key() for f in self.files])

    def record(self, sha256: str) -> FileRecord | None:
        return next((f for f in self.files if f.sha256 == sha256), None)


def state_file(store: str | Path | StoreSpec) -> Path | None:
    """``<store>.corpus.json`` for a local store; None for a remote server or an unnamed memory store."""
    spec = parse_store(store)
    if not spec.embedded or not spec.location:
        return None
    path = Path(spec.location)
    return path.with_name(path.name + ".corpus.json")


def read_state(store: str | Path | StoreSpec) -> StoreState | None:
    """The recorded state, or None when there is none (or it cannot be read: then a rebuild is due)."""
    path = state_file(store)
    if path is None or not path.is_file():
        return None
    try:
        raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
        if raw.get("format") != FORMAT:
            return None
        files = [FileRecord(**f) for f in raw.get("files", [])]
        return StoreState(corpus=raw["corpus"], environment=raw["environment"], data=raw.get("data"),
                          files=files, restored=raw.get("restored"), started=raw.get("started"),
                          ended=raw.get("ended"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(store: str | Path | StoreSpec, state: StoreState | None) -> None:
    """Write (atomically) or, with None, delete the record of ``store``."""
    path = state_file(store)
    if path is None:
        return
    if state is None:
        path.unlink(missing_ok=True)
        return
    data = {"format": FORMAT, **asdict(state)}
    data["files"] = sorted(data["files"], key=lambda f: (f["origin"], f["name"], f["sha256"]))
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    os.replace(tmp, path)


def inputs_digest(environment: str, files: list[tuple[str, str, str]]) -> str:
    lines = [environment, *("\t".join(key) for key in sorted(set(files)))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def source_keys(sources: list[Source]) -> list[tuple[str, str, str]]:
    return [(s.origin, s.name, s.sha256) for s in sources]


def environment_digest(data_dir: Path) -> str:
    """A digest of what a build reads besides the plan files: kg's code and data files, the ontology,
    shapes, reference data and ``VNGE_BASE``. An upgrade of kg changes it, so the next
    ``kg build --if-needed`` rebuilds (from the corpus: no ingested plan is lost)."""
    digest = hashlib.sha256(base().encode("utf-8"))
    folders = [(Path(kg.__file__).parent, "**/*.py"), (LEXICON_DIR, "**/*"), (ONTOLOGY_DIR, "*.ttl"),
               (SHAPES_DIR, "**/*.*"), (Path(data_dir) / "reference", "*.ttl")]
    for folder, pattern in folders:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\n{path.relative_to(folder)}\n".encode())
                digest.update(path.read_bytes())
    for path in sorted(expand_units()):  # VNGE_UNITS: the official unit lists the build imports
        digest.update(f"\nunits {path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def expand_units() -> list[Path]:
    """The unit list files ``VNGE_UNITS`` names (its folders' CSV files), those that exist."""
    out: list[Path] = []
    for path in configured_units():
        out += sorted(path.rglob("*.csv")) if path.is_dir() else [path] if path.is_file() else []
    return out
