"""Read a document in a child process with a memory limit and a time limit.

A 845 KB DOCX whose styles part unpacks to gigabytes, a 408 KB PDF with a 400 MB stream of
white space, or millions of text operators are readable files to python-docx and pdfplumber: in
the calling process they take all memory or all time. Reading in a forked child allowed
``KG_READ_MEMORY_MB`` more address space than it started with (RLIMIT_AS, set once the readers'
libraries are loaded) and killed after ``KG_READ_TIMEOUT`` seconds turns them into a
clear :class:`~kg.errors.InputError` and nothing else happens: nothing was stored yet. The size
checks inside the readers (zip members, PDF pages, PDF streams) stop most bombs before they
unpack; this is the line behind them. (The limit counts address space the child maps beyond what
it starts with: heap the parent had freed before the fork is reusable on top of it, so the bound is
the limit plus the parent's free heap — small for `kg ingest` and the build's workers.)
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time

from kg.errors import InputError
from kg.readers import ReadResult, read_document_bytes, sniff
from kg.settings import READ_MEMORY_MB, READ_TIMEOUT


def _address_space() -> int:
    """This process's address space now, in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def read_isolated(data: bytes, name: str, *, memory_mb: int | None = None,
                  timeout: float | None = None) -> ReadResult:
    """:func:`kg.readers.read_document_bytes` in a forked child under the two limits.

    The child is made with ``os.fork`` itself (not multiprocessing, whose daemonic build workers may
    not have children); it writes its answer, pickled, to a pipe that the parent reads with a
    deadline."""
    memory = int(READ_MEMORY_MB.value()) if memory_mb is None else memory_mb
    seconds = float(READ_TIMEOUT.value()) if timeout is None else timeout
    if memory <= 0 or plain_text_within(data, memory):
        return read_document_bytes(data, name)
    _load_readers()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, answer, leave without running the parent's cleanup
        os.close(read_end)
        code = 0
        try:
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(_answer(data, name, memory)))
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 1
        os._exit(code)
    os.close(write_end)
    try:
        payload = _read_with_deadline(read_end, seconds)
    finally:
        os.close(read_end)
        if payload is None:
            _kill(pid)
        status = os.waitpid(pid, 0)[1]
    if payload is None:
        raise InputError(name, f"took more than {seconds:g} s to read (KG_READ_TIMEOUT); it may be "
                         "damaged or built to exhaust a reader",
                         "open it, save it again (or print it to PDF) and ingest the new copy")
    try:
        kind, value = pickle.loads(payload) if payload else ("died", None)
    except (pickle.UnpicklingError, EOFError, ValueError):
        kind, value = "died", None
    if kind == "ok":
        return value
    if kind == "input":
        raise InputError(*value)
    if kind == "memory" or (kind == "died" and status != 0):
        raise InputError(name, f"needed more than {memory} MiB of memory to read (KG_READ_MEMORY_MB); it "
                         "may be a decompression bomb or damaged", "open it, save it again and ingest the "
                         "new copy; raise KG_READ_MEMORY_MB only for a file you trust")
    raise InputError(name, f"could not be read ({value or 'the reader stopped without an answer'})",
                     "check that the file opens in its usual program")


#: the most memory reading plain text can take per byte of the file: the bytes, the decoded string (up
#: to 4 bytes a character), the copies that line breaks, control characters and NFC make; with room
_TEXT_BYTES_PER_BYTE = 32


def plain_text_within(data: bytes, memory_mb: int) -> bool:
    """Whether ``data`` is plain text (no container format: PDF, ZIP, HTML, …) small enough that its
    reading cannot reach ``memory_mb``: reading text is a decoding and a few linear passes, never a
    bomb, so it is read in the calling process (a fork per file took ~25 ms, a fifth of a build's time
    per plan). Larger texts are still read in a child, under the limit."""
    return len(data) * _TEXT_BYTES_PER_BYTE <= memory_mb * 2**20 and sniff(data) == "text"


def _load_readers() -> None:
    """Import the readers' libraries in the calling process, once: every forked child then has them
    (importing them in each child took ~170 ms, most of a build's time per plan text)."""
    import docx  # noqa: F401 - loaded before the limit (a shared object mapped under it fails)
    import pdfplumber  # noqa: F401 - idem


def _answer(data: bytes, name: str, memory_mb: int) -> tuple[str, object]:
    # the readers' libraries are loaded first: their code is not the document's memory
    _load_readers()

    limit = _address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        return ("ok", read_document_bytes(data, name))
    except InputError as e:  # sent as its parts: the exception's own pickling drops them
        return ("input", (e.path, e.problem, e.hint))
    except MemoryError:
        return ("memory", None)
    except Exception as e:  # noqa: BLE001 - reported to the parent, which raises it there
        return ("error", f"{type(e).__name__}: {e}")


def _read_with_deadline(fd: int, seconds: float) -> bytes | None:
    """Everything written to ``fd`` until it is closed, or None past the deadline."""
    deadline = time.monotonic() + seconds
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
