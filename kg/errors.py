"""Typed errors of the library. The CLI and the service render them; each says what to do next.

Exit codes (README lists them; kg/cli.py returns them): 0 ok, 1 does-not-conform / some files failed,
2 usage or input error (a KGError), 3 internal error (any other exception), 130 interrupted.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can act on. ``str(e)`` is the full message."""

    exit_code = 2


class InputError(KGError):
    """A document cannot be read: empty, binary, wrong encoding, too large, scanned PDF..."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path, self.problem, self.hint = path, problem, hint
        message = f"{path}: {problem}"
        if hint:
            message += f" — {hint}"
        super().__init__(message)


class NotAPlanError(InputError):
    """The text was read but does not look like an implementation plan (Kế hoạch)."""


class DataFileError(KGError):
    """A Turtle / shapes / reference file is malformed: names the file and the line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class StoreError(KGError):
    """The store cannot be opened or written (locked, corrupt, wrong path)."""


class UnitListError(KGError):
    """An official list of administrative units cannot be imported: names the file (and line), what was
    expected and what was found. Nothing is written to the store when it is raised."""
