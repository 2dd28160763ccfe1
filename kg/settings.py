"""Settings of the kg library and command line, declared once: name, default, help (README.md lists
them in "Settings of kg"). The service's own settings are declared in service/config.py.

Each is an environment variable read when it is used (not at import), so a caller or a test may
change it between two calls.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def value(self) -> str:
        """The environment's value, stripped; the default when unset or blank."""
        return os.environ.get(self.name, "").strip() or self.default


BASE = Setting(
    "VNGE_BASE", "https://w3id.org/vnge/",
    "Base of data IRIs minted by `kg build` and `kg ingest` (a `/` is added when missing); the reference "
    "files are written with the default base and moved to this one when they are loaded.",
)
BUILD_WORKERS = Setting(
    "VNGE_BUILD_WORKERS", "",
    "Worker processes that extract and map plans in `kg build`; unset: one process for fewer than 8 plan "
    "files, else the CPU count, at most 8. A value that is not a positive integer counts as unset.",
)
BUILD_IN_MEMORY = Setting(
    "VNGE_BUILD_IN_MEMORY", "2000",
    "`kg build` of at most this many plan files is made in memory and written to disk when finished (its "
    "derived graphs take about half the time); a larger one is streamed to disk as it is extracted, so its "
    "memory stays bounded. `0` = always on disk; a value that is not a whole number counts as unset.",
)
CORPUS = Setting(
    "VNGE_CORPUS", "",
    "Folder where `kg ingest` keeps every file it accepts (one sub-folder per file, named by its sha256, "
    "original name kept) and from which `kg build` reads them with the data folder's plans/; unset: the "
    "folder the store's record names, else `corpus` in the data folder (`data/corpus`).",
)
UNITS = Setting(
    "VNGE_UNITS", "",
    "The official lists of administrative units that `kg build` imports into graph/units and resolves each "
    "plan's unit against: files or folders (the CSV layouts of README.md, 'Administrative units'), "
    "separated by `:`; unset: the list `kg units import` put in the store, else the curated units of "
    "data/reference.",
)
DEBUG = Setting(
    "KG_DEBUG", "",
    "Any non-empty value: an internal error of a `kg` command raises with its Python traceback instead "
    "of printing a one-line message and exiting with 3.",
)

READ_MEMORY_MB = Setting(
    "KG_READ_MEMORY_MB", "1024",
    "Memory (address space, MiB) a document may take while it is read, in its own process: past it the "
    "file is refused as a possible decompression bomb; `0` = no limit (read in the calling process).",
)
READ_TIMEOUT = Setting(
    "KG_READ_TIMEOUT", "60",
    "Seconds a document may take to be read, in its own process: past it the file is refused.",
)

SETTINGS: tuple[Setting, ...] = (BASE, BUILD_IN_MEMORY, BUILD_WORKERS, CORPUS, DEBUG, READ_MEMORY_MB,
                                 READ_TIMEOUT, UNITS)
