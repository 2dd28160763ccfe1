"""``kg build`` from plan texts, beside the bare bulk load of the quads it produces (issue 15).

    .venv/bin/python bench/generate.py --scale 0.01 --out /tmp/build/t001 --texts-only
    .venv/bin/python bench/build_speed.py --from-text /tmp/build/t001 --store /tmp/build/s001 \
        [--runs 1] [--virtuoso]

The texts (``texts/*.txt``) and the synthetic unit hierarchy (``units.ttl``) of a corpus written by
``bench/generate.py --texts-only`` become a data folder beside the store (``reference/``: links to
data/reference/*.ttl and to units.ttl; ``plans/``: a link to the texts), from which one child process
runs :func:`kg.pipeline.build.build` as ``kg build --data`` does: seconds per phase (the build's own
report), the peak resident memory of the build process and of its largest worker process. The built
store is then dumped as N-Quads (not timed) and another child bulk-loads that file into an in-memory
pyoxigraph store (``Store().bulk_load``), and into a new on-disk store (in one load, and in two at
once): the floors any build of these quads pays, in memory and on disk. With
``--virtuoso`` a throw-away Virtuoso bulk-loads the same file (``ld_dir`` + ``rdf_loader_run`` +
``checkpoint``). Each figure is printed with the load average when it was taken.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from machine import header, loadavg, median, peak_rss_mib  # noqa: E402


def data_folder(corpus: Path, work: Path) -> Path:
    """A ``kg build --data`` folder for the texts of ``corpus``: links, no copies."""
    texts, units = (corpus / "texts").resolve(), (corpus / "units.ttl").resolve()
    if not texts.is_dir() or not units.is_file():
        raise SystemExit(f"{corpus} holds no texts/ and units.ttl: write them with "
                         "`bench/generate.py --texts-only --out DIR`")
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "reference").mkdir(parents=True)
    for ttl in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        (data / "reference" / ttl.name).symlink_to(ttl.resolve())
    (data / "reference" / "synthetic-units.ttl").symlink_to(units)
    (data / "plans").symlink_to(texts)
    return data


def build_once(data: Path, store: Path) -> dict:
    """One ``kg build`` (runs in a child process); the report's phases and the peak memory."""
    from kg.pipeline.build import build

    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("kg.build").addFilter(_with_memory)
    shutil.rmtree(store, ignore_errors=True)
    load = loadavg()
    started, cpu = time.perf_counter(), _cpu()
    report = build(data, str(store))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": _cpu() - cpu, "phases": report.phases, "plans": len(report.plans),
            "files": len(report.records),
            "failed": report.failed[:3], "rss": peak_rss_mib(),
            "workers_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "load_before": load, "load": loadavg()}


def _with_memory(record: logging.LogRecord) -> bool:
    """Each progress line with the load average and the build process's memory now and at its peak."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
                  if line.startswith(("VmRSS", "VmHWM")))
    record.msg = (f"{record.msg} | load {loadavg()} | RSS {status.get('VmRSS', '?').strip()}, "
                  f"peak {status.get('VmHWM', '?').strip()}")
    return True


def _cpu() -> float:
    """CPU seconds of this process and of its children that ended (the extraction workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def dump(store: Path, out: Path) -> int:
    """Every quad of the store as N-Quads into ``out``; returns how many."""
    s = ox.Store.read_only(str(store))
    s.dump(output=str(out), format=ox.RdfFormat.N_QUADS)
    return len(s)


def memory_load(nquads: Path) -> dict:
    """Bulk-load ``nquads`` into a new in-memory store (runs in a child process)."""
    load = loadavg()
    started, cpu = time.perf_counter(), _cpu()
    s = ox.Store()
    s.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": _cpu() - cpu, "quads": len(s), "rss": peak_rss_mib(),
            "load_before": load, "load": loadavg()}


def disk_load(nquads: Path, folder: Path, parts: int) -> dict:
    """Bulk-load ``nquads`` into a new on-disk store in ``folder``, in ``parts`` loads at once (threads:
    Oxigraph's bulk load uses one core below a million quads); runs in a child process. The floor of
    any build that writes these quads to disk."""
    from kg.pipeline.persist import DiskWriter

    shutil.rmtree(folder, ignore_errors=True)
    data = nquads.read_bytes()
    load = loadavg()
    started, cpu = time.perf_counter(), _cpu()
    writer = DiskWriter(folder)
    writer.write(data, parts)
    quads = len(writer.finish())
    seconds = time.perf_counter() - started
    result = {"seconds": seconds, "cpu": _cpu() - cpu, "quads": quads, "rss": peak_rss_mib(),
              "load_before": load, "load": loadavg()}
    shutil.rmtree(folder, ignore_errors=True)
    return result


def virtuoso_load(nquads: Path, tmp: Path, buffers: int) -> dict:
    """Bulk-load ``nquads`` into a throw-away Virtuoso: seconds and quads (its system graphs excluded)."""
    from side_by_side import quad_count

    from tests.support.virtuoso import VirtuosoServer

    with tempfile.TemporaryDirectory(prefix="vnge-virtuoso-", dir=tmp) as folder:
        (Path(folder) / "data").mkdir()
        os.link(nquads, Path(folder) / "data" / "store.nq")
        server = VirtuosoServer(Path(folder) / "db", buffers=buffers, timeout_s=600, max_rows=10_000_000)
        server.start()
        try:
            before, load = quad_count(server), loadavg()
            started = time.perf_counter()
            server.isql(f"ld_dir('{Path(folder) / 'data'}', '*.nq', 'urn:default'); rdf_loader_run(); "
                        "checkpoint;", timeout=7200)
            seconds = time.perf_counter() - started
            return {"seconds": seconds, "quads": quad_count(server) - before, "load_before": load,
                    "load": loadavg()}
        finally:
            server.stop()


def child(*args: str) -> dict:
    """Run a step in a child process; its log lines (the build's progress) go to this one's stderr."""
    out = subprocess.run([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"{args[0]} failed (its error is above)")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(corpus: Path, store: Path, runs: int = 1, virtuoso: bool = False, buffers: int = 170_000
        ) -> list[str]:
    """Build from the texts ``runs`` times, dump, bulk-load the dump ``runs`` times; Markdown lines."""
    stats = json.loads((corpus / "stats.json").read_text())
    work = store.parent
    work.mkdir(parents=True, exist_ok=True)
    data = data_folder(corpus, work)
    lines = [header(f"kg build from text: {stats['plans']} plans, scale {stats['scale']}")]
    builds = [child("build", str(data), str(store)) for _ in range(runs)]
    nquads = work / (store.name + ".dump.nq")
    quads = dump(store, nquads)
    loads = [child("memload", str(nquads)) for _ in range(runs)]
    build_s, load_s = median([b["seconds"] for b in builds]), median([m["seconds"] for m in loads])
    build_cpu, load_cpu = median([b["cpu"] for b in builds]), median([m["cpu"] for m in loads])
    phases = {name: median([b["phases"].get(name, 0.0) for b in builds]) for name in builds[0]["phases"]}
    rss, workers_rss = max(b["rss"] for b in builds), max(b["workers_rss"] for b in builds)
    lines += [
        "| step | seconds (median) | CPU s (median) | detail | load avg before → after, per run |",
        "|---|---|---|---|---|",
        f"| `kg build` from {builds[0]['files']:,} texts ({builds[0]['plans']:,} plans) | {build_s:.1f} | "
        f"{build_cpu:.1f} | "
        f"{quads:,} quads; peak RSS build {rss:,.0f} MiB, largest worker {workers_rss:,.0f} MiB | "
        + _loads(builds),
    ]
    lines += [f"| — {name} | {s:.1f} | | | |" for name, s in phases.items()]
    lines.append(
        f"| bare in-memory bulk load of its quads (pyoxigraph `Store().bulk_load`) | {load_s:.1f} | "
        f"{load_cpu:.1f} | {loads[0]['quads']:,} quads, peak RSS {max(m['rss'] for m in loads):,.0f} MiB | "
        + _loads(loads))
    for parts in (1, 2):
        disk = [child("diskload", str(nquads), str(work / "disk-load"), str(parts)) for _ in range(runs)]
        lines.append(
            f"| bare on-disk bulk load of its quads (`Store(path)`, {parts} at once) | "
            f"{median([d['seconds'] for d in disk]):.1f} | {median([d['cpu'] for d in disk]):.1f} | "
            f"{disk[0]['quads']:,} quads | " + _loads(disk))
    if virtuoso:
        v = virtuoso_load(nquads, work, buffers)
        lines.append(f"| Virtuoso bulk load of the same quads (ld_dir + rdf_loader_run + checkpoint) | "
                     f"{v['seconds']:.1f} | | {v['quads']:,} quads | " + _loads([v]))
    lines.append(f"\n**build / bare load = {build_s / load_s:.1f}×** "
                 f"(in CPU seconds {build_cpu / load_cpu:.1f}×); "
                 f"failed files: {builds[0]['failed'] or 'none'}; load average at end: {loadavg()}")
    nquads.unlink(missing_ok=True)
    return lines


def _loads(runs: list[dict]) -> str:
    return "; ".join(f"{r['load_before']} → {r['load']}" for r in runs) + " |"


def main() -> int:
    mode, *rest = sys.argv[1:]
    if mode == "build":
        result = build_once(Path(rest[0]), Path(rest[1]))
    elif mode == "diskload":
        result = disk_load(Path(rest[0]), Path(rest[1]), int(rest[2]))
    else:
        result = memory_load(Path(rest[0]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
