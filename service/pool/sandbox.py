"""Take the network away from a query process: the second line behind the guard.

The guard (:mod:`service.protocol.guard`) refuses SERVICE and LOAD in the parsed request. Should a request
ever slip past it (a parser disagreement, a new syntax), the query process that runs it must still
reach nothing. :func:`isolate_network` is called first thing in every query process:

1. it moves the process into a new, empty network namespace (``unshare(CLONE_NEWNET)``, as
   ``unshare -n`` does; needs CAP_SYS_ADMIN, else an unprivileged user namespace is tried): only a
   loopback interface that is down, so every connect fails with "network unreachable";
2. it installs a seccomp filter under which ``socket()`` (every address family) and
   ``io_uring_setup()`` fail with EACCES. This needs no privilege (``PR_SET_NO_NEW_PRIVS``) and is
   always applied on Linux x86-64 and AArch64; the process keeps the pipe to its parent, which
   was created before.

The filter is the guarantee; the namespace is a further layer where the system allows it.
See seccomp(2), unshare(2), and Documentation/userspace-api/seccomp_filter.rst in Linux.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import struct
import sys

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_KILL_PROCESS = 0x80000000

# machine -> (AUDIT_ARCH_*, syscall numbers to refuse: socket, io_uring_setup)
_ARCHES: dict[str, tuple[int, tuple[int, ...]]] = {
    "x86_64": (0xC000003E, (41, 425)),
    "aarch64": (0xC00000B7, (198, 425)),
}
_X32_BIT = 0x40000000  # x32 ABI syscalls on x86-64 carry this bit: refused as a whole

# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06


class IsolationError(RuntimeError):
    """The network could not be taken away from this process."""


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _program(arch: int, refused: tuple[int, ...]) -> bytes:
    """seccomp_data: nr at offset 0, arch at offset 4. Wrong arch: kill; refused calls: EACCES."""
    deny = SECCOMP_RET_ERRNO | errno.EACCES
    body = [_bpf(_JEQ_K, 0, 0, nr) for nr in refused]
    n = len(body)
    insns = [
        _bpf(_LD_W_ABS, 0, 0, 4),                      # A = arch
        _bpf(_JEQ_K, 1, 0, arch),                       # native arch: skip the kill
        _bpf(_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),
        _bpf(_LD_W_ABS, 0, 0, 0),                       # A = syscall number
        _bpf(_JGE_K, n + 1, 0, _X32_BIT),               # x32 ABI: deny
    ]
    for i, nr in enumerate(refused):                    # jump to deny at the end
        insns.append(_bpf(_JEQ_K, n - i, 0, nr))
    insns.append(_bpf(_RET_K, 0, 0, SECCOMP_RET_ALLOW))
    insns.append(_bpf(_RET_K, 0, 0, deny))
    return b"".join(insns)


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _new_network_namespace(libc: ctypes.CDLL) -> bool:
    if libc.unshare(CLONE_NEWNET) == 0:  # root (CAP_SYS_ADMIN)
        return True
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:  # unprivileged user namespaces disabled
        return False
    try:  # map our own ids, so that files the process creates keep their owner
        maps = (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1"))
        for name, text in maps:
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)
    except OSError:
        pass
    return True


def _seccomp(libc: ctypes.CDLL) -> None:
    machine = platform.machine()
    if machine not in _ARCHES:
        raise IsolationError(f"no socket filter for the {machine} architecture")
    arch, refused = _ARCHES[machine]
    program = _program(arch, refused)
    filters = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.addressof(filters))
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise IsolationError(f"prctl(NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        raise IsolationError(f"prctl(SECCOMP): {os.strerror(ctypes.get_errno())}")


def isolate_network() -> str:
    """Cut this process off the network for the rest of its life; say how ("namespace+seccomp" or
    "seccomp"). Raise :class:`IsolationError` when not even the socket filter can be installed."""
    if not sys.platform.startswith("linux"):
        raise IsolationError(f"network isolation of query processes needs Linux (this is {sys.platform})")
    libc = _libc()
    namespace = _new_network_namespace(libc)
    _seccomp(libc)
    return "namespace+seccomp" if namespace else "seccomp"


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at ``megabytes`` MiB: an allocation past it
    fails, and pyoxigraph aborts the process, which the parent reports as out of memory."""
    if megabytes > 0:
        limit = int(megabytes) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
