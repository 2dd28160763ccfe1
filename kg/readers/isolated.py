"""Read a document in a child process with a memory limit and a time limit.

A 845 KB DOCX whose styles part unpacks to gigabytes, a 408 KB PDF with a 400 MB stream of
white space, or millions of text operators are readable files to python-docx and pdfplumber: in
the calling process they take all memory or all time. Reading in a forked child allowed
``KG_READ_MEMORY_MB`` more address space than it started with (RLIMIT_AS, set once the readers'
libraries are loaded) and killed after ``KG_READ_TIMEOUT`` seconds turns them into a
clear :class:`~kg.errors.InputError` and nothing else happens: nothing was stored yet. The size
checks inside the readers (zip members, PDF pages) stop most bombs before they unpack; this is the
line behind them.
"""

from __future__ import annotations

import multiprocessing
import pickle
import resource
from multiprocessing.connection import Connection

from kg.errors import InputError
from kg.readers import ReadResult, read_document_bytes
from kg.settings import READ_MEMORY_MB, READ_TIMEOUT


def _address_space() -> int:
    """This process's address space now, in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn: Connection, data: bytes, name: str, memory_mb: int) -> None:
    if memory_mb > 0:
        # the readers' libraries are loaded first: their code is not the document's memory
        import docx  # noqa: F401 - loaded before the limit (a shared object mapped under it fails)
        import pdfplumber  # noqa: F401 - idem

        limit = _address_space() + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(("ok", read_document_bytes(data, name)))
    except InputError as e:  # sent as its parts: the exception's own pickling drops them
        conn.send(("input", (e.path, e.problem, e.hint)))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises it there
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def read_isolated(data: bytes, name: str, *, memory_mb: int | None = None,
                  timeout: float | None = None) -> ReadResult:
    """:func:`kg.readers.read_document_bytes` in a forked child under the two limits."""
    memory = int(READ_MEMORY_MB.value()) if memory_mb is None else memory_mb
    seconds = float(READ_TIMEOUT.value()) if timeout is None else timeout
    if memory <= 0:
        return read_document_bytes(data, name)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, data, name, memory), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            process.kill()
            raise InputError(name, f"took more than {seconds:g} s to read (KG_READ_TIMEOUT); it may be "
                             "damaged or built to exhaust a reader",
                             "open it, save it again (or print it to PDF) and ingest the new copy")
        try:
            kind, value = parent.recv()
        except (EOFError, pickle.UnpicklingError):
            kind, value = "died", None
    finally:
        parent.close()
        process.join(5)
        if process.is_alive():
            process.kill()
    if kind == "ok":
        return value
    if kind == "input":
        raise InputError(*value)
    if kind == "memory" or (kind == "died" and process.exitcode != 0):
        raise InputError(name, f"needed more than {memory} MiB of memory to read (KG_READ_MEMORY_MB); it "
                         "may be a decompression bomb or damaged", "open it, save it again and ingest the "
                         "new copy; raise KG_READ_MEMORY_MB only for a file you trust")
    raise InputError(name, f"could not be read ({value or 'the reader stopped without an answer'})",
                     "check that the file opens in its usual program")
