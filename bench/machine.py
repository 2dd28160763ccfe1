"""What every benchmark prints with its table: the machine, the command, the load, and percentiles."""

from __future__ import annotations

import os
import platform
import shlex
import statistics
import sys
from pathlib import Path


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def ram_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return 0.0


def loadavg() -> str:
    """The 1/5/15-minute load averages: other processes share the cores when they exceed 0."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def header(title: str) -> str:
    """A Markdown heading with the machine and the exact command line."""
    command = " ".join(shlex.quote(a) for a in [".venv/bin/python", *sys.argv])
    return (
        f"### {title}\n\nmachine: {os.cpu_count()} cores (nproc), {ram_gib():.1f} GiB RAM, {cpu_model()}; "
        f"Python {platform.python_version()}\ncommand: `{command}`\nload average at start: {loadavg()}\n"
    )


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mib() -> float:
    """Peak resident memory of this process (VmHWM), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
