"""The process that writes ``/dump`` (service/protocol/dump.py): ``python -m service.protocol.dumpjob
CACHE VERSION TIMEOUT MEMORY_MB ALLOW_NETWORK`` with the store in ``VNGE_DUMP_STORE``.

One at a time (it holds ``CACHE/dump.lock`` for its whole life; a second one exits at once), cut off
the network and memory-capped like a query process, stopped by SIGALRM at TIMEOUT seconds. Writes
``CACHE/VERSION/dump.nq.gz`` (a temporary file renamed into place: never half a dump), then deletes
the dumps of older versions.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
from pathlib import Path

from kg.pipeline.archive import dump
from service.pool.sandbox import IsolationError, isolate_network, limit_memory
from service.protocol.dump import NAME


def main(argv: list[str]) -> int:
    cache, version, timeout, memory_mb, allow = Path(argv[0]), argv[1], float(argv[2]), int(argv[3]), argv[4]
    store = os.environ["VNGE_DUMP_STORE"]
    cache.mkdir(parents=True, exist_ok=True)
    lock = (cache / "dump.lock").open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another writer is at work
    signal.alarm(max(1, int(timeout)))  # SIGALRM's default action ends the process at the limit
    limit_memory(memory_mb)
    if allow != "1":
        try:
            isolate_network()
        except IsolationError:
            return 3  # never run without the sandbox the service promises; /dump keeps answering 503
    target = cache / version / NAME
    if target.is_file():
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    dump(store, target)
    for folder in cache.iterdir():
        if folder.is_dir() and folder.name != version:
            (folder / NAME).unlink(missing_ok=True)
            for stale in folder.glob(f".{NAME}.*.tmp"):
                stale.unlink(missing_ok=True)
            if not any(folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
