"""Files → store: ``kg build``.

``build(data_dir, store)`` makes a fresh on-disk Oxigraph store from ``ontology/`` (package data,
kg/resources.py), ``data/reference/`` and the corpus (kg/pipeline/corpus.py: ``data/plans/`` and the
files ``kg ingest`` kept): the ontology and vocabularies into ``graph/ontology``, reference data into
``graph/reference``, each plan into its own named graph. It builds into a new folder and swaps it in
at the end, so a failed build leaves the previous store untouched, then records what it was built
from beside it (kg/pipeline/state.py). The phases, each timed in the report: extraction
(kg/pipeline/workers.py) streamed into the bulk load (kg/pipeline/stream.py; "load" is what the load
takes after the last plan arrived), then the derived graphs (kg/pipeline/derive.py, phases in
threads where their inputs allow): the shared entities (graph/entities, kg/pipeline/entities.py),
inference, summary, comparison, validation. A corpus of up to ``VNGE_BUILD_IN_MEMORY`` plan files is
built in an in-memory store, which a background writer copies into the new folder while the derived
graphs are made ("write" is what it takes after them: kg/pipeline/persist.py); a larger one is
streamed into the folder as it is extracted, so memory stays bounded. Both give the same store.

``if_needed`` (``make serve``) skips the build when the store's record matches the inputs on disk
(kg/pipeline/freshness.py). Before an existing store is replaced, plans in it that no input accounts
for are kept in the corpus as graphs (kg/pipeline/freshness.py ``keep_orphans``).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.pipeline.corpus import Corpus, Source, corpus_folder, sources
from kg.pipeline.derive import (  # noqa: F401 - the phases, also imported from here (bench/build_speed.py)
    compare_targets,
    derive,
    describe_entities,
    summarise,
)
from kg.pipeline.freshness import keep_orphans, rebuild_reason
from kg.pipeline.persist import DiskWriter, in_memory, new_store, nquads
from kg.pipeline.sources import parse_turtle_files, rebase
from kg.pipeline.staging import load_graph
from kg.pipeline.state import FileRecord, StoreState, environment_digest, read_state, write_state
from kg.pipeline.stream import stream_plans
from kg.pipeline.units import index_from_ntriples, units_for_build, units_graph
from kg.pipeline.workers import mapped_plans
from kg.rdf.namespaces import graph_iri
from kg.rdf.references import ReferenceIndex
from kg.rdf.release import DERIVED_GRAPHS, derivation_update
from kg.resources import ONTOLOGY_DIR
from kg.stores import open_backend, parse_store
from kg.stores.copy import copy_graphs
from kg.validation.load import shapes_graph

#: each phase's end (and kg/pipeline/stream.py: the plans extracted so far), for long builds; `kg build`
#: prints its report at the end, benchmarks log these as they come
log = logging.getLogger("kg.build")


@dataclass
class BuildReport:
    store: str
    plans: list[tuple[str, str, int]] = field(default_factory=list)  # (file, plan IRI, triples)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    reference_triples: int = 0
    audit_triples: int = 0
    inferred_triples: int = 0
    summary_triples: int = 0
    comparison_triples: int = 0  # graph/comparison (kg/pipeline/comparison.py)
    findings: dict[str, int] = field(default_factory=dict)  # severity → count
    ontology_triples: int = 0
    unit_triples: int = 0
    entity_triples: int = 0
    units_from: str = ""  # where graph/units came from (kg/pipeline/units.py), "" when not built
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # "extraction", "load", … → seconds
    records: list[FileRecord] = field(default_factory=list)  # each input, as kg/pipeline/state.py keeps it
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (file, the later file that won)
    kept: list[str] = field(default_factory=list)  # plans of the old store kept in the corpus as graphs
    corpus: str = ""
    skipped: str = ""  # why no build was needed (--if-needed)
    reason: str = ""  # why the build ran (--if-needed)

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.store} is up to date: {self.skipped}; not rebuilt"
        lines = [f"rebuilding {self.store}: {self.reason}"] if self.reason else []
        lines += [f"kept in the corpus {self.corpus} (graph only, no source file): {plan}"
                  for plan in self.kept]
        lines += [
            f"built {self.store} in {self.seconds:.1f} s: {len(self.plans)} plans, "
            f"{self.reference_triples} reference triples, {self.ontology_triples} ontology triples, "
            f"{self.entity_triples} shared-entity triples, "
            f"{self.inferred_triples} inferred triples, {self.summary_triples} summary triples, "
            f"{self.audit_triples} audit triples"
        ]
        if self.units_from:
            lines.append(f"  {self.unit_triples} unit triples (graph/units) from {self.units_from}")
        if self.phases:
            lines.append("  " + ", ".join(f"{name} {s:.1f} s" for name, s in self.phases.items()))
        if self.findings:
            counts = ", ".join(f"{n} {severity}" for severity, n in sorted(self.findings.items()))
            lines.append(f"  audit findings: {counts} (details: `kg validate --store {self.store}`)")
        lines += [f"  ok     {f}: {n} triples → {iri}" for f, iri, n in self.plans]
        lines += [f"  replaced {f}: {by} gives the same plan" for f, by in self.superseded]
        lines += [f"  FAILED {f}: {msg}" for f, msg in self.failed]
        return "\n".join(lines)


def build(data_dir: Path, store_path: str, *, if_needed: bool = False,
          units: tuple[bytes, str] | None = None) -> BuildReport:
    """Build a fresh store at ``store_path`` from ``data_dir`` (reference/, plans/) and the corpus
    folder (``VNGE_CORPUS``, default ``data_dir/corpus``); with ``if_needed``, only when the store's
    record (kg/pipeline/state.py) differs from the inputs.

    ``store_path`` is a folder or any store specification (see :mod:`kg.stores`): an on-disk
    Oxigraph store is built beside the old one and swapped in; other backends get the graphs of a
    build in a temporary Oxigraph store (each graph replaced, graphs no longer built dropped).

    ``units`` is graph/units as N-Triples and where it comes from (``kg units import``); None: the
    lists of ``VNGE_UNITS``, else those the store holds (kg/pipeline/units.py).

    Plans are extracted and mapped in worker processes (:mod:`kg.pipeline.workers`) and their
    N-Quads streamed into one bulk load of the fresh staging store (:mod:`kg.pipeline.stream`; no
    transaction is needed: a failed build never replaces the previous store)."""
    started = _now()
    spec = parse_store(store_path)
    recorded = read_state(spec)
    corpus = Corpus(corpus_folder(data_dir, recorded.corpus if recorded else None))
    environment = environment_digest(data_dir)
    inputs = sources(data_dir, corpus)
    reason = ""
    if if_needed:
        if spec.kind == "oxigraph":
            recover_interrupted_swap(Path(spec.location))
        reason = rebuild_reason(spec, read_state(spec), environment, inputs) or ""
        if not reason:
            return BuildReport(store=str(spec), corpus=str(corpus.folder), skipped=(
                f"built from the same {len(inputs)} plan files, code and reference data"))
    kept = keep_orphans(spec, read_state(spec), inputs, corpus)
    if kept:
        inputs = sources(data_dir, corpus)
    units, units_from = units if units is not None else units_for_build(store_path)
    if spec.kind != "oxigraph":
        report = _build_elsewhere(data_dir, store_path, inputs, units)
    else:
        report = _build_here(data_dir, Path(spec.location), inputs, units)
    report.units_from = units_from
    report.kept, report.reason, report.corpus = kept, reason, str(corpus.folder)
    write_state(spec, StoreState(corpus=str(corpus.folder.resolve()), environment=environment,
                                 data=str(Path(data_dir).resolve()), files=report.records,
                                 started=started, ended=_now()))
    return report


def _now() -> str:
    """The time of day for the build's record beside the store (never written into the store)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _build_here(data_dir: Path, target: Path, inputs: list[Source], units: bytes = b"") -> BuildReport:
    """Build into ``target.building`` and swap it in place of ``target``; ``units`` is graph/units as
    N-Triples (kg/pipeline/units.py), or empty: then plans resolve against the curated units."""
    started = time.perf_counter()
    recover_interrupted_swap(target)
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(store=str(target))

    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    reference = rebase(parse_turtle_files(sorted((data_dir / "reference").glob("*.ttl"))))
    ref_index = ReferenceIndex.from_graph(reference + ontology)
    if units:
        ref_index.units = index_from_ntriples(units)
    extracting = time.perf_counter()
    plan_files = [s.path for s in inputs if not s.is_graph]
    memory = in_memory(len(inputs))
    results = mapped_plans(plan_files, ref_index)  # workers forked now
    try:
        store = _new_store(staging, ontology, reference, report, memory)
        extracted = stream_plans(store, inputs, results, report)
    finally:
        results.close()
    if units:
        store.bulk_load(units, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(units_graph()))
        report.unit_triples = units.count(b"\n")
    # the load overlaps the extraction: "load" is what it takes after the last plan arrived
    report.phases["extraction"] = extracted - extracting
    report.phases["load"] = time.perf_counter() - extracted
    log.info("extraction: %.1f s; load: %.1f s more", report.phases["extraction"], report.phases["load"])
    writer = None
    if memory:  # the plans written to disk while the derived graphs are made (kg/pipeline/persist.py)
        writer = DiskWriter(staging)
        writer.write(nquads(store), idle=True)  # in the time the derived phases leave
    derived = derive(store, None if memory else staging)
    report.phases.update(derived.phases)
    report.entity_triples, report.inferred_triples = derived.entity_triples, derived.inferred_triples
    report.summary_triples, report.comparison_triples = derived.summary_triples, derived.comparison_triples
    report.audit_triples, report.findings = derived.audit_triples, derived.findings
    store.update(derivation_update())  # the release that made the derived graphs (kg/rdf/release.py)
    if writer is not None:  # then the derived graphs
        writing = time.perf_counter()
        for name in DERIVED_GRAPHS:
            writer.write_graph(store, str(graph_iri(name)))
        store = writer.finish()
        report.phases["write"] = time.perf_counter() - writing  # what did not overlap the derived phases
        log.info("written to disk: %.1f s more", report.phases["write"])
    store.flush()
    del store

    swap_in(staging, target)
    report.seconds = time.perf_counter() - started
    return report


def _new_store(staging: Path, ontology: Graph, reference: Graph, report: BuildReport,
               memory: bool = False) -> ox.Store:
    """A new store at ``staging`` (or in memory, written there at the end) holding the ontology and the
    reference data."""
    store = new_store(staging, memory)
    try:
        report.ontology_triples = load_graph(store, ontology, str(graph_iri("ontology")))
        report.reference_triples = load_graph(store, reference, str(graph_iri("reference")))
        load_graph(store, shapes_graph(), str(graph_iri("shapes")))  # what graph/audit's sh:sourceShape names
    except OSError as e:
        raise StoreError(f"cannot create the build's store {staging}: {e}") from e
    return store


def recover_interrupted_swap(target: Path) -> bool:
    """Put ``<store>.previous`` back if a build was killed between its two renames.

    The swap renames the old store to ``.previous`` and then the new one into place; a kill in
    between leaves no store at ``target``. Returns True when it restored the previous store.
    """
    backup = target.with_name(target.name + ".previous")
    if not target.exists() and backup.is_dir():
        backup.rename(target)
        return True
    return False


def swap_in(staging: Path, target: Path) -> None:
    """Put the finished store in place of the old one (see :func:`recover_interrupted_swap`)."""
    backup = target.with_name(target.name + ".previous")
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    staging.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def _build_elsewhere(data_dir: Path, spec: str, inputs: list[Source], units: bytes) -> BuildReport:
    """Build into a temporary Oxigraph store (inference and audits run there), then copy every named
    graph into the backend named by ``spec`` and drop the graphs the build no longer produces."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vnge-build-") as folder:
        report = _build_here(data_dir, Path(folder) / "store", inputs, units)
        source = open_backend(str(Path(folder) / "store"), read_only=True)
        try:
            target = open_backend(spec, create=True)
        except OSError as e:
            raise StoreError(f"cannot open the store {spec}: {e}") from e
        built = set(source.graphs())
        stale = [g for g in target.graphs() if g not in built]
        copy_graphs(source, target)
        for graph in stale:
            target.drop_graph(graph)
        target.close()
        source.close()
    report.store = str(parse_store(spec))
    report.seconds = time.perf_counter() - started
    return report
