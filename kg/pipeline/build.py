"""Files → store. The only module of kg/ that reads data files and writes the store.

``build(data_dir, store)`` makes a fresh on-disk Oxigraph store from
``ontology/``, ``data/reference/`` and ``data/plans/``: the ontology and
vocabularies into ``graph/ontology``, reference data into ``graph/reference``,
each plan into its own named graph. It builds into a new folder and swaps it in
at the end, so a failed build leaves the previous store untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kg.errors import DataFileError, InputError, KGError, NotAPlanError, StoreError
from kg.extract.records import PlanExtraction
from kg.pipeline.infer import materialise
from kg.pipeline.summary import summary_ntriples
from kg.rdf.mapping import ReferenceIndex, SourceInfo, map_plan, plan_graph_iri
from kg.rdf.namespaces import DEFAULT_BASE, VNC, VNP, base, fold, graph_iri
from kg.readers import read_document_bytes
from kg.resources import ONTOLOGY_DIR

_PLAN_WORD = re.compile(r"\bke hoach\b")
PLAN_SUFFIXES = {
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


@dataclass
class BuildReport:
    store: str
    plans: list[tuple[str, str, int]] = field(default_factory=list)  # (file, plan IRI, triples)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    reference_triples: int = 0
    audit_triples: int = 0
    inferred_triples: int = 0
    summary_triples: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # severity → count
    ontology_triples: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # "extraction", "load", … → seconds

    def __str__(self) -> str:
        lines = [
            f"built {self.store} in {self.seconds:.1f} s: {len(self.plans)} plans, "
            f"{self.reference_triples} reference triples, {self.ontology_triples} ontology triples, "
            f"{self.inferred_triples} inferred triples, {self.summary_triples} summary triples, "
            f"{self.audit_triples} audit triples"
        ]
        if self.phases:
            lines.append("  " + ", ".join(f"{name} {s:.1f} s" for name, s in self.phases.items()))
        if self.findings:
            counts = ", ".join(f"{n} {severity}" for severity, n in sorted(self.findings.items()))
            lines.append(f"  audit findings: {counts} (details: `kg validate --store {self.store}`)")
        lines += [f"  ok     {f}: {n} triples → {iri}" for f, iri, n in self.plans]
        lines += [f"  FAILED {f}: {msg}" for f, msg in self.failed]
        return "\n".join(lines)


def parse_turtle_files(paths: list[Path]) -> Graph:
    """Parse Turtle files into one rdflib graph; a syntax error names the file and line."""
    graph = Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as e:  # rdflib raises several parser-specific types
            line = getattr(e, "lines", None) or getattr(e, "line", None)
            raise DataFileError(
                str(path),
                line if isinstance(line, int) else None,
                f"not valid Turtle: {e}. Fix the file and run the build again.",
            ) from e
    return graph


def rebase(graph: Graph) -> Graph:
    """Move data IRIs written with the default base (reference files) to the configured base.

    The ontology (``vnp:``) and concept (``vnc:``) namespaces are fixed and never moved.
    """
    new_base = base()
    if new_base == DEFAULT_BASE:
        return graph
    fixed = (str(VNP), str(VNC))

    def move(term):
        if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE) and not term.startswith(fixed):
            return URIRef(new_base + term[len(DEFAULT_BASE) :])
        return term

    out = Graph()
    for s, p, o in graph:
        out.add((move(s), p, move(o)))
    return out


def plan_files(plans_dir: Path) -> list[Path]:
    return (
        sorted(p for p in plans_dir.iterdir() if p.suffix.lower() in PLAN_SUFFIXES)
        if plans_dir.is_dir()
        else []
    )


@dataclass
class Extracted:
    plan: str
    graph: Graph
    warnings: list[str]


def looks_like_plan(x: PlanExtraction, text: str) -> bool:
    """A plan names itself "Kế hoạch" near the top, or at least assigns or targets something."""
    head = fold(text[:3000])
    return bool(_PLAN_WORD.search(head)) or bool(x.tasks or x.targets or x.responsibilities)


def extract_to_graph(path: Path, ref: ReferenceIndex) -> Extracted:
    """Read, extract and map one plan file. Raises KGError (naming the file) on bad input."""
    from kg.extract import extract_plan

    try:
        data = path.read_bytes()
    except OSError as e:
        problem = f"cannot be read ({e.strerror or e})"
        raise InputError(str(path), problem, "check the path and permissions") from e
    document = read_document_bytes(data, path.name)
    extraction = extract_plan(document.text)
    if not looks_like_plan(extraction, document.text):
        raise NotAPlanError(
            str(path),
            "does not look like an implementation plan: no 'Kế hoạch' heading near the top and no task, "
            "target or responsibility found",
            "check that this is the right file; only plans (Kế hoạch) are ingested",
        )
    source = SourceInfo(
        sha256=hashlib.sha256(data).hexdigest(),
        file_name=path.name,
        media_type=document.media_type,
    )
    plan, graph = map_plan(extraction, document.text, source, ref)
    return Extracted(str(plan), graph, [*document.warnings, *extraction.warnings])


def stable_bnode_labels(graph: Graph) -> dict[BNode, str]:
    """Deterministic labels for the blank nodes of ``graph`` (OWL axioms, RDF lists).

    A blank node's label hashes its own triples (recursively through nested blank nodes) and the
    named nodes that point at it, so the same file always yields the same labels. (Oxigraph
    would otherwise draw fresh random labels on every load, and comparing builds would need
    graph isomorphism, which is exponential on OWL axioms.)
    """
    labels: dict[BNode, str] = {}

    def key(term, seen: frozenset) -> str:
        if not isinstance(term, BNode):
            return term.n3()
        if term in labels:
            return labels[term]
        if term in seen:
            return "_:cycle"
        inner = seen | {term}
        out = sorted(f"{p.n3()} {key(o, inner)}" for p, o in graph.predicate_objects(term))
        inc = sorted(
            f"{s.n3()} {p.n3()}" for s, p in graph.subject_predicates(term) if not isinstance(s, BNode)
        )
        label = "b" + hashlib.sha256("\n".join(out + ["<-"] + inc).encode("utf-8")).hexdigest()[:32]
        if not seen:
            labels[term] = label
        return label

    for term in set(graph.all_nodes()):
        if isinstance(term, BNode):
            key(term, frozenset())
    return labels


def _ox_term(term, labels: dict[BNode, str]):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(labels[term])
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _load_graph(store: ox.Store, graph: Graph, name: str) -> int:
    if any(isinstance(t, BNode) for t in graph.all_nodes()):
        labels = stable_bnode_labels(graph)
        g = ox.NamedNode(name)
        store.extend(
            ox.Quad(_ox_term(s, labels), ox.NamedNode(str(p)), _ox_term(o, labels), g) for s, p, o in graph
        )
    else:
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return len(graph)


def _audit(store: ox.Store, path: Path) -> tuple[int, dict[str, int]]:
    """Validate the plans and run the hierarchy audits; store the results in graph/audit.

    The store is flushed first, so that the shapes can run in worker processes that open the
    folder ``path`` read-only (for many plans; see :func:`kg.validation.engine.validate_store`)."""
    from kg.validation import store_audit_graph, validate_store

    store.flush()
    result = validate_store(store, store_path=str(path))
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return store_audit_graph(store, result), counts


def summarise(store: ox.Store) -> int:
    """Write graph/summary (kg/pipeline/summary.py) into the fresh store; returns its number of triples."""
    from kg.stores.oxigraph import to_rdflib

    def select(text: str) -> list[dict[str, object]]:
        rows = store.query(text)
        names = [v.value for v in rows.variables]
        return [{n: to_rdflib(row[n]) if row[n] is not None else None for n in names} for row in rows]

    data = summary_ntriples(select)
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph_iri("summary"))))
    return data.count(b"\n")


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


# The reference index of the build in progress, inherited by forked extraction workers.
_WORKER_REF: ReferenceIndex | None = None


@dataclass
class _Mapped:
    """One plan file extracted and mapped (in a worker): N-Quads of its graph, or why it failed."""

    file: str
    plan: str = ""
    triples: int = 0
    nquads: bytes = b""
    error: str = ""


def _extract_one(path: Path) -> _Mapped:
    """Extract, map and serialise one plan file as N-Quads into its plan graph (runs in a worker)."""
    assert _WORKER_REF is not None
    try:
        extracted = extract_to_graph(path, _WORKER_REF)
    except KGError as e:
        return _Mapped(path.name, error=str(e))
    graph = extracted.graph
    name = str(plan_graph_iri(URIRef(extracted.plan)))
    if any(isinstance(t, BNode) for t, _, _ in graph) or any(isinstance(t, BNode) for _, _, t in graph):
        labels = stable_bnode_labels(graph)
        g = ox.NamedNode(name)
        quads = [
            ox.Quad(_ox_term(s, labels), ox.NamedNode(str(p)), _ox_term(o, labels), g) for s, p, o in graph
        ]
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        return _Mapped(path.name, extracted.plan, len(graph), data)
    suffix = f" <{name}> .\n".encode()
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    # N-Triples writes one triple per line ("s p o ."): insert the graph name before the dot.
    nquads = b"".join(line[:-2] + suffix for line in lines if line.endswith(b" ."))
    return _Mapped(path.name, extracted.plan, len(graph), nquads)


def build_workers(files: int) -> int:
    """Worker processes for extraction: ``VNGE_BUILD_WORKERS`` or the CPU count (1 for few files)."""
    configured = os.environ.get("VNGE_BUILD_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return 1 if files < 8 else max(1, min(os.cpu_count() or 1, 8))


def _mapped_plans(paths: list[Path], ref_index: ReferenceIndex) -> Iterator[_Mapped]:
    """Each plan file extracted and mapped, in file order; in forked worker processes when many."""
    global _WORKER_REF
    _WORKER_REF = ref_index
    workers = build_workers(len(paths))
    try:
        if workers == 1:
            yield from map(_extract_one, paths)
            return
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_extract_one, paths, chunksize=4)
    finally:
        _WORKER_REF = None


def build(data_dir: Path, store_path: str) -> BuildReport:
    """Build a fresh store at ``store_path`` from ``data_dir`` (plans/ and reference/).

    ``store_path`` is a folder or any store specification (see :mod:`kg.stores`): an on-disk
    Oxigraph store is built beside the old one and swapped in; other backends get the graphs of a
    build in a temporary Oxigraph store (each graph replaced, graphs no longer built dropped).

    Plans are extracted and mapped in worker processes (``VNGE_BUILD_WORKERS``), spooled as
    N-Quads and bulk-loaded into the fresh staging store in one pass (no transaction is needed:
    a failed build never replaces the previous store)."""
    from kg.stores import parse_store

    spec = parse_store(store_path)
    if spec.kind != "oxigraph":
        return _build_elsewhere(data_dir, store_path)
    store_path = spec.location
    started = time.perf_counter()
    target = Path(store_path)
    recover_interrupted_swap(target)
    staging = target.with_name(target.name + ".building")
    spool = target.with_name(target.name + ".building.nq")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(store=str(target))

    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    reference = rebase(parse_turtle_files(sorted((data_dir / "reference").glob("*.ttl"))))
    ref_index = ReferenceIndex.from_graph(reference + ontology)

    phase = time.perf_counter()
    try:
        with spool.open("wb") as out:
            for mapped in _mapped_plans(plan_files(data_dir / "plans"), ref_index):
                if mapped.error:
                    report.failed.append((mapped.file, mapped.error))
                    continue
                out.write(mapped.nquads)
                report.plans.append((mapped.file, mapped.plan, mapped.triples))
    except OSError as e:
        spool.unlink(missing_ok=True)
        raise StoreError(f"cannot write the build's spool file {spool}: {e}") from e
    report.phases["extraction"] = time.perf_counter() - phase

    phase = time.perf_counter()
    try:
        store = ox.Store(str(staging))
        report.ontology_triples = _load_graph(store, ontology, str(graph_iri("ontology")))
        report.reference_triples = _load_graph(store, reference, str(graph_iri("reference")))
        if spool.stat().st_size:
            store.bulk_load(path=str(spool), format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError) as e:
        raise StoreError(f"cannot load the build into {staging}: {e}") from e
    finally:
        spool.unlink(missing_ok=True)
    report.phases["load"] = time.perf_counter() - phase
    phase = time.perf_counter()
    report.inferred_triples = materialise(store, bulk=True)
    report.phases["inference"] = time.perf_counter() - phase
    phase = time.perf_counter()
    report.summary_triples = summarise(store)
    report.phases["summary"] = time.perf_counter() - phase
    phase = time.perf_counter()
    report.audit_triples, report.findings = _audit(store, staging)
    report.phases["validation"] = time.perf_counter() - phase
    store.flush()
    del store

    backup = target.with_name(target.name + ".previous")
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    staging.rename(target)
    shutil.rmtree(backup, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _build_elsewhere(data_dir: Path, spec: str) -> BuildReport:
    """Build into a temporary Oxigraph store (inference and audits run there), then copy every named
    graph into the backend named by ``spec`` and drop the graphs the build no longer produces."""
    import tempfile

    from kg.stores import open_backend, parse_store
    from kg.stores.copy import copy_graphs

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vnge-build-") as folder:
        report = build(data_dir, str(Path(folder) / "store"))
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
