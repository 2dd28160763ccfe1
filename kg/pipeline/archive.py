"""``kg dump`` and ``kg restore``: the whole dataset as one N-Quads file (gzipped when the name ends
in ``.gz``), and a store made again from such a file with the same graphs.

A dump holds every named graph: plans, reference data, ontology, inference, summary and audit, so a
restored store answers the same queries without a build. Blank-node labels are written as the store
holds them and read back as written (parsed, then added: ``Store.bulk_load`` would rename them), so a
dump of the restored store is the same file. An Oxigraph store is restored as a build is made: into
a new folder, swapped in when complete (a failed restore leaves the previous store); its record
(kg/pipeline/state.py) then says it was restored, so ``kg build --if-needed`` (``make serve``) keeps
it as it is.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.pipeline.build import recover_interrupted_swap, swap_in
from kg.pipeline.state import StoreState, environment_digest, read_state, write_state
from kg.stores import open_backend, parse_store
from kg.stores.copy import copy_graphs


@contextmanager
def _writer(path: Path) -> Iterator[BinaryIO]:
    """A binary stream to ``path`` (gzipped for ``.gz``), renamed into place when complete."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as raw:
            if path.suffix == ".gz":
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as out:
                    yield out  # type: ignore[misc]
            else:
                yield raw
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def dump(store_path: str, out: Path) -> int:
    """Write every graph of the store to ``out``; returns the bytes written (before compression)."""
    spec = parse_store(store_path)
    if spec.missing():
        raise StoreError(spec.missing() or "")
    backend = open_backend(spec, read_only=True)
    try:
        with _writer(Path(out)) as stream:
            counter = _Counting(stream)
            backend.write_nquads(counter)  # type: ignore[arg-type]
            return counter.written
    except OSError as e:
        raise StoreError(f"cannot write the dump {out}: {e.strerror or e}") from e
    finally:
        backend.close()


class _Counting:
    def __init__(self, stream: BinaryIO) -> None:
        self.stream, self.written = stream, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()


def _opened(path: Path) -> BinaryIO:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw


def restore(dump_file: Path, store_path: str, data_dir: Path = Path("data")) -> int:
    """Make the store at ``store_path`` hold exactly the graphs of ``dump_file``; returns its quads."""
    dump_file = Path(dump_file)
    if not dump_file.is_file():
        raise InputError(str(dump_file), "does not exist", "give the file `kg dump` wrote")
    spec = parse_store(store_path)
    try:
        if spec.kind == "oxigraph":
            quads = _restore_oxigraph(dump_file, Path(spec.location))
        else:
            quads = _restore_elsewhere(dump_file, store_path)
    except SyntaxError as e:
        raise InputError(str(dump_file), f"is not an N-Quads dump ({e})",
                         "give the file `kg dump` or /dump wrote; the store was not changed") from e
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise InputError(str(dump_file), f"cannot be read ({e})", "the store was not changed") from e
    old = read_state(spec)
    write_state(spec, StoreState(corpus=old.corpus if old else "", environment=environment_digest(data_dir),
                                 data=old.data if old else None, restored=str(dump_file.resolve())))
    return quads


def _restore_oxigraph(dump_file: Path, target: Path) -> int:
    recover_interrupted_swap(target)
    staging = target.with_name(target.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(staging))
        with _opened(dump_file) as stream:  # parse keeps blank-node labels (bulk_load renames them)
            store.bulk_extend(ox.parse(stream, format=ox.RdfFormat.N_QUADS))
        store.flush()
        quads = len(store)
        del store
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, target)
    return quads


def _restore_elsewhere(dump_file: Path, store_path: str) -> int:
    """Another backend: every graph of the dump replaced, graphs not in the dump dropped."""
    with tempfile.TemporaryDirectory(prefix="vnge-restore-") as folder:
        staged = str(Path(folder) / "store")
        quads = _restore_oxigraph(dump_file, Path(staged))
        source = open_backend(staged, read_only=True)
        target = open_backend(store_path, create=True)
        try:
            built = set(source.graphs())
            stale = [g for g in target.graphs() if g not in built]
            copy_graphs(source, target)
            for graph in stale:
                target.drop_graph(graph)
        finally:
            target.close()
            source.close()
    return quads
