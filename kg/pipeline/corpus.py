"""The corpus: every source document a build reads, and the folder where ``kg ingest`` keeps what it
accepts, so that no rebuild drops an ingested plan.

Two folders make the corpus: the data folder's ``plans/`` (documents put there by hand: the seed
plans of this repository) and the corpus folder (``VNGE_CORPUS``, default ``<data>/corpus``), where
``kg ingest`` and the service's upload form keep a copy of each file they accept, content-addressed:
``<corpus>/<sha256>/<original name>``. A file is written into a temporary folder and renamed into
place (a crash leaves no half file); it is taken out by renaming its folder away, then deleting it.

A corpus entry shadows a file of ``plans/`` with the same name (a newer version of that plan).
An entry may also hold a plan's graph instead of its document (``<original name>.nq``, N-Quads,
under the sha256 of the document the graph was extracted from): plans found in a store without
their file in the corpus (ingested before the corpus existed) are kept that way when the store is
rebuilt (:mod:`kg.pipeline.build`), so that no upgrade drops them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KGError
from kg.pipeline.sources import is_plan_file, plan_files
from kg.settings import CORPUS

GRAPH_SUFFIX = ".nq"
_SHA = re.compile(r"[0-9a-f]{64}")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


class CorpusError(KGError):
    """The corpus folder cannot be read or written: the message names it and the setting."""


@dataclass(frozen=True)
class Source:
    """One input of a build: a document (or a kept graph) with its sha256 and where it lives."""

    path: Path
    sha256: str
    origin: str  # "plans" (the data folder's plans/) or "corpus" (kept by kg ingest)

    @property
    def is_graph(self) -> bool:
        """A plan's graph kept without its document (N-Quads), not a document to extract."""
        return self.origin == "corpus" and self.path.suffix == GRAPH_SUFFIX

    @property
    def name(self) -> str:
        """The document's original file name (a kept graph's without ``.nq``)."""
        return self.path.name.removesuffix(GRAPH_SUFFIX) if self.is_graph else self.path.name


def corpus_folder(data_dir: Path, recorded: str | None = None) -> Path:
    """``VNGE_CORPUS`` when set; else the corpus folder a store's record names (``recorded``: the
    folder its files were kept in, so that a build run without the setting still finds them); else
    ``corpus`` in the data folder."""
    configured = CORPUS.value()
    if configured:
        return Path(configured)
    return Path(recorded) if recorded else Path(data_dir) / "corpus"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def safe_name(name: str) -> str:
    """The last component of a file name, without control characters or path separators."""
    cleaned = _UNSAFE.sub("", Path(str(name).replace("\\", "/")).name).strip()
    if not cleaned or cleaned.startswith("."):
        raise InputError(str(name), "is not a usable file name", "give the file a name such as plan.docx")
    return cleaned[:200]


class Corpus:
    """The corpus folder (it need not exist until something is kept in it)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"Corpus({str(self.folder)!r})"

    def entries(self) -> list[Source]:
        """Every entry, sorted by (name, sha256); folders that are not entries are ignored."""
        if not self.folder.is_dir():
            return []
        out = []
        try:
            for entry in self.folder.iterdir():
                if entry.is_dir() and _SHA.fullmatch(entry.name):
                    files = sorted(f for f in entry.iterdir() if f.is_file()
                                   and (is_plan_file(f) or f.suffix == GRAPH_SUFFIX))
                    if files:
                        out.append(Source(files[0], entry.name, "corpus"))
        except OSError as e:
            raise self._error("cannot be read", e) from e
        return sorted(out, key=lambda s: (s.name, s.sha256))

    def find(self, sha256: str) -> Source | None:
        return next((s for s in self.entries() if s.sha256 == sha256), None)

    def keep(self, data: bytes, name: str, sha256: str | None = None, graph: bool = False) -> Source:
        """Keep ``data`` under its sha256 (or ``sha256``, for a graph) with ``name``; idempotent."""
        sha = sha256 or hashlib.sha256(data).hexdigest()
        file_name = safe_name(name) + (GRAPH_SUFFIX if graph else "")
        target = self.folder / sha
        try:
            existing = self.find(sha)
            if existing is not None and existing.path.name == file_name:
                return existing
            self.folder.mkdir(parents=True, exist_ok=True)
            incoming = self.folder / f".incoming-{sha}-{os.getpid()}"
            shutil.rmtree(incoming, ignore_errors=True)
            incoming.mkdir()
            with (incoming / file_name).open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if existing is not None:  # the same bytes under another name: the newer name wins
                self._remove_folder(target)
            os.rename(incoming, target)
        except OSError as e:
            raise self._error("cannot be written", e) from e
        return Source(target / file_name, sha, "corpus")

    def discard(self, sha256: str) -> bool:
        """Take an entry out (rename, then delete); False when there was none."""
        target = self.folder / sha256
        if not _SHA.fullmatch(sha256) or not target.is_dir():
            return False
        try:
            self._remove_folder(target)
        except OSError as e:
            raise self._error("cannot be changed", e) from e
        return True

    def _remove_folder(self, target: Path) -> None:
        away = self.folder / f".discarded-{target.name}-{os.getpid()}"
        shutil.rmtree(away, ignore_errors=True)
        os.rename(target, away)
        shutil.rmtree(away, ignore_errors=True)

    def _error(self, what: str, e: OSError) -> CorpusError:
        return CorpusError(
            f"the corpus folder {self.folder} {what} ({e.strerror or e}); the store was not changed. "
            "Make it writable, or set VNGE_CORPUS to a folder you can write (and rebuild with `kg build`)."
        )


def sources(data_dir: Path, corpus: Corpus) -> list[Source]:
    """The inputs of a build in build order: ``plans/`` files (sorted, those a corpus entry of the
    same name shadows left out), then the corpus entries (sorted). A later input replaces an earlier
    one that yields the same plan."""
    entries = corpus.entries()
    shadowed = {e.name for e in entries}
    plans = [Source(p, file_sha256(p), "plans") for p in plan_files(Path(data_dir) / "plans")
             if p.name not in shadowed]
    return plans + entries
