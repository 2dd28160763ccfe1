"""Validation and hierarchy audits: pure functions over the store, returning a report.

Two passes, both reported as SHACL validation results (see :class:`Finding`):

1. **Shapes** (``shapes/*.ttl``, SHACL core) check each plan's named graph, together with the
   types of the nodes the plan points to (taken from the reference and ontology graphs) and the
   ontology's subclass axioms; ``inference`` is off. By default they are compiled to SPARQL and
   run once over the whole store (kg/validation/compiled.py); ``engine="pyshacl"`` runs pySHACL on
   each plan's data graph, one plan at a time, with the same findings.
2. **Audits** (``shapes/audits/*.rq``) are SHACL-SPARQL-style SELECT queries that return
   ``?this`` (focus), ``?plan`` and ``?value``; they run once over the whole store (union of
   the named graphs) on Oxigraph, which is much faster than pySHACL's per-focus ``sh:sparql``.
   Each file's header gives its severity and its messages (``{?var}`` placeholders).

Every finding carries the quote of the plan text behind its focus node (the node's
``oa:Annotation``, docs/DESIGN.md "Provenance of a fact"). Nothing here prints.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kg.errors import DataFileError, KGError, StoreError
from kg.rdf.namespaces import SH, graph_iri
from kg.resources import AUDITS_DIR, ONTOLOGY_DIR, SHAPES_DIR
from kg.validation.model import SEVERITIES, Finding, with_detail

# Shapes and audits are named in their own namespace (not data: no mint_iri kind).
VNSH = Namespace("https://w3id.org/vnge/shapes#")
REFERENCE_PLACEHOLDER = "<urn:vnge:graph:reference>"
_CONTEXT_PREDICATES = (RDF.type, RDFS.subClassOf)


@dataclass
class ValidationReport:
    """All findings of one validation run, sorted (plan, severity, shape, focus, path, value)."""

    findings: list[Finding] = field(default_factory=list)
    plans: dict[str, str] = field(default_factory=dict)  # plan IRI → label
    errors: list[str] = field(default_factory=list)  # parts that could not be checked
    seconds: dict[str, float] = field(default_factory=dict)  # "shapes", "audits", "total"

    @property
    def conforms(self) -> bool:
        """False when there is any Violation (or any part could not be checked)."""
        return not self.errors and not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


# ---------------------------------------------------------------- loading shapes and audits


@dataclass(frozen=True)
class Audit:
    """One SPARQL audit: ``shapes/audits/{name}.rq`` with its header."""

    name: str
    path: str
    title: str
    severity: str
    message_vi: str
    message_en: str
    query: str

    @property
    def iri(self) -> str:
        return str(VNSH[f"audit-{self.name}"])


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """Parse the shapes files (default ``shapes/*.ttl``); a syntax error names file and line."""
    graph = Graph()
    for path in sorted(paths) if paths is not None else sorted(SHAPES_DIR.glob("*.ttl")):
        try:  # Oxigraph's parser reports exact positions; rdflib's line numbers are unreliable
            for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                pass
            graph.parse(path, format="turtle")
        except SyntaxError as e:
            line = e.lineno if isinstance(e.lineno, int) else None
            raise DataFileError(str(path), line, f"not a valid shapes file (Turtle): {e.msg}") from e
        except OSError as e:
            raise DataFileError(str(path), None, f"cannot be read: {e}") from e
        except Exception as e:  # rdflib raises parser-specific types
            raise DataFileError(str(path), None, f"not a valid shapes file (Turtle): {e}") from e
    return graph


_HEADER = re.compile(r"^#\s*(title|severity|message@vi|message@en):\s*(.*?)\s*$")


def load_audits(paths: Iterable[Path] | None = None) -> list[Audit]:
    """Read the audit queries (default ``shapes/audits/*.rq``); each needs a complete header."""
    audits = []
    for path in sorted(paths) if paths is not None else sorted(AUDITS_DIR.glob("*.rq")):
        text = path.read_text("utf-8")
        header = {}
        for line in text.splitlines():
            if m := _HEADER.match(line):
                header[m[1]] = m[2]
        missing = [k for k in ("title", "severity", "message@vi", "message@en") if k not in header]
        if missing:
            problem = f"audit header lacks {', '.join(missing)} (see shapes/README.md)"
            raise DataFileError(str(path), 1, problem)
        if header["severity"] not in SEVERITIES:
            raise DataFileError(str(path), 2, f"severity must be one of {', '.join(SEVERITIES)}")
        try:
            ox.Store().query(text)  # syntax check on an empty store
        except SyntaxError as e:
            raise DataFileError(str(path), _sparql_line(str(e)), f"not a valid SPARQL query: {e}") from e
        audits.append(
            Audit(
                path.stem,
                str(path),
                header["title"],
                header["severity"],
                header["message@vi"],
                header["message@en"],
                text,
            )
        )
    return audits


def _sparql_line(message: str) -> int | None:
    m = re.search(r"at (\d+):\d+", message)
    return int(m[1]) if m else None


def load_dataset(path: Path) -> ox.Store:
    """An in-memory store from a TriG/N-Quads/Turtle file; a syntax error names file and line."""
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(path.suffix, ox.RdfFormat.TURTLE)
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as e:
        line = e.lineno if isinstance(e.lineno, int) else None
        raise DataFileError(str(path), line, f"not valid RDF: {e.msg}") from e
    except OSError as e:
        raise DataFileError(str(path), None, f"cannot be read: {e}") from e
    return store


# ---------------------------------------------------------------- running


def oxigraph_path(store: str) -> str:
    """The folder of an on-disk Oxigraph store specification (``PATH`` or ``oxigraph:PATH``).

    Validation reads the embedded store directly (per-plan workers open it read-only); other
    backends are validated when they are built (``kg build --store SPEC`` validates in its
    temporary Oxigraph store and copies ``graph/audit`` along)."""
    from kg.stores import parse_store

    spec = parse_store(store)
    if spec.kind != "oxigraph":
        raise StoreError(f"kg validate needs an on-disk Oxigraph store, not {spec}: `kg build --store SPEC` "
                         "validates while building and stores the results in graph/audit")
    return spec.location


def run_validation(store_path: str, workers: int | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate the on-disk store built by ``kg build`` (opened read-only).

    ``workers``: processes for the per-plan shapes of the pySHACL engine (default: the CPUs
    available, when there are at least ``PARALLEL_FROM`` plans; 1 = in this process). Each worker
    opens the store read-only. ``engine``: see :func:`validate_store`.
    """
    store_path = oxigraph_path(store_path)
    if not Path(store_path).is_dir():
        raise StoreError(f"no store at {store_path}: build it first (kg build)")
    try:
        store = ox.Store.read_only(store_path)
    except OSError as e:
        raise StoreError(f"cannot open the store at {store_path}: {e}") from e
    return validate_store(store, store_path=store_path, workers=workers, engine=engine)


PARALLEL_FROM = 40  # below this many plans, starting worker processes costs more than it saves


def validate_store(
    store: ox.Store,
    shapes: Graph | None = None,
    audits: list[Audit] | None = None,
    *,
    store_path: str | None = None,
    workers: int | None = None,
    engine: str = "sparql",
) -> ValidationReport:
    """Run the shapes on each plan graph and the audits on the whole store.

    ``engine``: ``"sparql"`` (default) runs the shapes compiled to SPARQL once over the whole store
    (kg/validation/compiled.py), same findings; plan graphs it does not model (``fallback_graphs``), and
    all of them when a shape uses a feature it does not compile, go through pySHACL.
    ``"pyshacl"`` runs pySHACL on each plan graph; with ``store_path`` (the on-disk folder of
    ``store``) in ``workers`` processes; the result is the same, sorted, either way.
    """
    started = time.perf_counter()
    custom_shapes = shapes is not None
    shapes = load_shapes() if shapes is None else shapes
    audits = load_audits() if audits is None else audits
    report = ValidationReport()
    graphs = _plan_graphs(store)
    if workers is None:
        workers = min(len(os.sched_getaffinity(0)), 8) if len(graphs) >= PARALLEL_FROM else 1
    raw: list[Finding] = []
    compiled = _compiled_shapes(store, shapes) if engine == "sparql" else None
    skip: set[str] = set()
    if compiled is not None:
        from kg.validation.compiled import fallback_graphs, run_compiled

        messages = _shape_messages(shapes)
        try:
            skip = fallback_graphs(store)
            raw = run_compiled(store, compiled, messages, shapes, skip)
        except (OSError, ValueError, SyntaxError, RuntimeError):  # e.g. sh:lessThanOrEquals on a
            compiled = None  # blank node: pySHACL reports it per plan graph, as it always did
    if compiled is not None:
        if skip:
            context = _context_index(store)
            for plan_graph in graphs:
                if plan_graph.value in skip:
                    found, error = _checked_plan_graph(store, plan_graph, shapes, context, messages)
                    raw += found
                    report.errors += [error] if error else []
    elif store_path and workers > 1 and not custom_shapes:
        raw, errors = _shapes_in_workers(store_path, [g.value for g in graphs], workers)
        report.errors += errors
    else:
        messages = _shape_messages(shapes)
        context = _context_index(store)
        for plan_graph in graphs:
            found, error = _checked_plan_graph(store, plan_graph, shapes, context, messages)
            raw += found
            report.errors += [error] if error else []
    report.seconds["shapes"] = time.perf_counter() - started
    mid = time.perf_counter()
    for audit in audits:
        try:
            raw += run_audit(store, audit)
        except (OSError, ValueError, SyntaxError) as e:
            report.errors.append(f"{audit.path}: audit could not run: {e}")
    report.seconds["audits"] = time.perf_counter() - mid
    report.plans = _plan_labels(store)
    report.findings = _with_quotes(store, _dedupe(raw))
    report.seconds["total"] = time.perf_counter() - started
    return report


def _compiled_shapes(store: ox.Store, shapes: Graph) -> list | None:
    """The shapes compiled to SPARQL for this store's subclass axioms; None when a shape uses a
    feature the compiler does not translate (then pySHACL runs them all)."""
    from kg.validation.compiled import UnsupportedShape, compile_shapes, store_context

    try:
        return compile_shapes(shapes, store_context(store))
    except UnsupportedShape:
        return None


def _checked_plan_graph(
    store: ox.Store, plan_graph: ox.NamedNode, shapes: Graph, context: dict, messages: dict
) -> tuple[list[Finding], str | None]:
    try:
        return _validate_plan_graph(store, plan_graph, shapes, context, messages), None
    except Exception as e:  # a partial or odd graph must not stop the run
        return [], f"{plan_graph.value}: shapes could not be checked: {type(e).__name__}: {e}"


_WORKER: dict[str, object] = {}


def _worker_init(store_path: str) -> None:
    store = ox.Store.read_only(store_path)
    shapes = load_shapes()
    _WORKER.update(
        store=store, shapes=shapes, context=_context_index(store), messages=_shape_messages(shapes)
    )


def _worker_run(graph: str) -> tuple[list[Finding], str | None]:
    w = _WORKER
    return _checked_plan_graph(w["store"], ox.NamedNode(graph), w["shapes"], w["context"], w["messages"])  # type: ignore[arg-type]


def _shapes_in_workers(store_path: str, graphs: list[str], workers: int) -> tuple[list[Finding], list[str]]:
    """The per-plan shapes in ``workers`` spawned processes (each opens the store read-only)."""
    ctx = multiprocessing.get_context("spawn")
    found: list[Finding] = []
    errors: list[str] = []
    with ctx.Pool(workers, initializer=_worker_init, initargs=(store_path,)) as pool:
        for findings, error in pool.imap(_worker_run, graphs, chunksize=4):
            found += findings
            errors += [error] if error else []
    return found, errors


def _plan_graphs(store: ox.Store) -> list[ox.NamedNode]:
    prefix = str(graph_iri("plan")) + "/"
    return sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)),
        key=lambda g: g.value,
    )


def _to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt.endswith("#string") else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        from rdflib import BNode

        return BNode(term.value)
    raise TypeError(f"unexpected RDF term {term!r}")


def _context_index(store: ox.Store) -> dict[Node, list[tuple[Node, Node]]]:
    """Types and subclass axioms of the reference and ontology graphs, by subject.

    Without an ontology graph in the store (a hand-made dataset), the subclass axioms come from
    the ontology files the shapes are written against (``ontology/*.ttl``).
    """
    index: dict[Node, list[tuple[Node, Node]]] = {}
    for name in ("reference", "ontology"):
        g = ox.NamedNode(str(graph_iri(name)))
        for pred in _CONTEXT_PREDICATES:
            for q in store.quads_for_pattern(None, ox.NamedNode(str(pred)), None, g):
                index.setdefault(_to_rdflib(q.subject), []).append((pred, _to_rdflib(q.object)))
    if not any(p == RDFS.subClassOf for pairs in index.values() for p, _ in pairs):
        for s, o in _ontology_file_axioms():
            index.setdefault(s, []).append((RDFS.subClassOf, o))
    return index


@functools.cache
def _ontology_file_axioms() -> tuple[tuple[Node, Node], ...]:
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return tuple(sorted(graph.subject_objects(RDFS.subClassOf)))


_OA = "http://www.w3.org/ns/oa#"
_RDF_TYPE = str(RDF.type)


def _plan_data_graph(store: ox.Store, plan_graph: ox.NamedNode, context: dict) -> Graph:
    """The plan graph for pySHACL, without its provenance annotations (about half its triples;
    they are checked by the audit annotation-well-formed.rq), plus types and subclass axioms.

    About as costly as pySHACL itself on a plan, so: each term read once from the quad and
    converted once per plan, and the nodes to give types to collected while adding."""
    quads = [(q.subject, q.predicate, q.object)
             for q in store.quads_for_pattern(None, None, None, plan_graph)]
    provenance = set()
    for s, p, o in quads:
        predicate = p.value
        if predicate.startswith(_OA) or (predicate == _RDF_TYPE and o.value.startswith(_OA)):
            provenance.add(s)
    converted: dict[object, Node] = {}

    def term(t: object) -> Node:
        node = converted.get(t)
        if node is None:
            node = converted[t] = _to_rdflib(t)
        return node

    data = Graph()
    nodes: set[Node] = set()
    for s, p, o in quads:
        if s not in provenance:
            subject, obj = term(s), term(o)
            data.add((subject, term(p), obj))
            nodes.update((subject, obj))
    for node in nodes:
        for p, o in context.get(node, ()):
            data.add((node, p, o))
    classes = {o for _, _, o in data.triples((None, RDF.type, None))}
    seen: set[Node] = set()
    while classes - seen:  # superclasses, transitively
        cls = (classes - seen).pop()
        seen.add(cls)
        for p, o in context.get(cls, ()):
            if p == RDFS.subClassOf:
                data.add((cls, p, o))
                classes.add(o)
    return data


def _validate_plan_graph(
    store: ox.Store, plan_graph: ox.NamedNode, shapes: Graph, context: dict, messages: dict
) -> list[Finding]:
    data = _plan_data_graph(store, plan_graph, context)
    plan = _plan_of(data)
    _, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", allow_infos=True, allow_warnings=True
    )
    return findings_from_results(results, messages, plan)


def _plan_of(data: Graph) -> str | None:
    from rdflib.namespace import PROV

    plans = sorted(str(s) for s in data.subjects(PROV.wasDerivedFrom, None))
    return plans[0] if plans else None


def _shape_messages(shapes: Graph) -> dict[Node, tuple[str, str, str]]:
    """(name, vi, en) of each shape. A blank property shape is named after its node shape, and
    takes that node shape's messages when it has none of its own."""
    own: dict[Node, dict[str, str]] = {}
    for s, o in shapes.subject_objects(SH.message):
        if isinstance(o, Literal) and o.language in ("vi", "en"):
            own.setdefault(s, {})[o.language] = str(o)
    index: dict[Node, tuple[str, str, str]] = {}
    for shape in set(shapes.subjects()) | set(shapes.objects()):
        chain = [shape, *sorted(shapes.subjects(SH.property, shape))]
        name = next((str(c) for c in chain if isinstance(c, URIRef)), "_:shape")
        vi = en = ""
        for candidate in chain:
            if candidate in own:
                m = own[candidate]
                vi, en = m.get("vi", m.get("en", "")), m.get("en", m.get("vi", ""))
                break
        index[shape] = (name, vi, en)
    return index


def findings_from_results(results: Graph, messages: dict, plan: str | None) -> list[Finding]:
    """Turn a pySHACL results graph into findings (messages from the shapes, both languages)."""
    out = []
    # only top-level results: pySHACL also types the nested ones (sh:detail of sh:node) as results
    top = {
        r for rep in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(rep, SH.result)
    }
    for r in sorted(top):
        shape = results.value(r, SH.sourceShape)
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        own = {o.language: str(o) for o in results.objects(r, SH.resultMessage) if isinstance(o, Literal)}
        name, vi, en = messages.get(shape, (str(shape), own.get("vi", ""), own.get("en", "")))
        en = with_detail(en, own.get(None))
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        out.append(
            Finding(
                severity=severity,
                focus=str(results.value(r, SH.focusNode)),
                shape=name,
                component=str(results.value(r, SH.sourceConstraintComponent)),
                message_vi=vi,
                message_en=en,
                plan=plan,
                path=str(path) if isinstance(path, URIRef) else None,
                value=str(value) if value is not None else None,
            )
        )
    return out


_TEMPLATE = re.compile(r"\{[?$](\w+)\}")


def run_audit(store: ox.Store, audit: Audit) -> list[Finding]:
    """Run one audit over the union of the store's graphs; one finding per (focus, value)."""
    query = audit.query.replace(REFERENCE_PLACEHOLDER, f"<{graph_iri('reference')}>")
    rows = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    merged: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows:
        values = {n: row[n].value for n in names if row[n] is not None}
        if "this" not in values:
            continue
        key = (values["this"], values.get("value", ""))
        slot = merged.setdefault(key, {})
        for n, v in values.items():
            slot.setdefault(n, set()).add(v)
    out = []
    for (focus, value), slot in sorted(merged.items()):
        fill = {n: ", ".join(sorted(vs)) for n, vs in slot.items()}

        def subst(template: str, fill: dict[str, str] = fill) -> str:
            return _TEMPLATE.sub(lambda m: fill.get(m[1], "—"), template)

        out.append(
            Finding(
                severity=audit.severity,
                focus=focus,
                shape=audit.iri,
                component=str(SH.SPARQLConstraintComponent),
                message_vi=subst(audit.message_vi),
                message_en=subst(audit.message_en),
                plan=min(slot["plan"]) if "plan" in slot else None,
                value=value or None,
            )
        )
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)


def _plan_labels(store: ox.Store) -> dict[str, str]:
    rows = store.query(
        "SELECT ?plan (SAMPLE(?l) AS ?label) WHERE { ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?s "
        "OPTIONAL { ?plan <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = 'vi') } } "
        "GROUP BY ?plan",
        use_default_graph_as_union=True,
    )
    return {r["plan"].value: (r["label"].value if r["label"] is not None else r["plan"].value) for r in rows}


_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?focus ?annotation ?exact WHERE {
  VALUES ?focus { %s }
  ?annotation oa:hasBody ?focus ; oa:hasTarget/oa:hasSelector/oa:exact ?exact .
}
"""
# A node without its own annotation (a cited document, an agency) is quoted through an annotated
# node that points to it (the citation, the assignment).
_QUOTES_VIA = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?focus ?annotation ?exact WHERE {
  VALUES ?focus { %s }
  ?via ?p ?focus .
  ?annotation oa:hasBody ?via ; oa:hasTarget/oa:hasSelector/oa:exact ?exact .
}
"""


def _quotes(store: ox.Store, query: str, foci: list[str]) -> dict[str, tuple[str, str]]:
    """{focus: (annotation, quote)}, the smallest annotation IRI when there are several."""
    found: dict[str, tuple[str, str]] = {}
    for i in range(0, len(foci), 500):
        values = " ".join(f"<{f}>" for f in foci[i : i + 500])
        for row in store.query(query % values, use_default_graph_as_union=True):
            hit = (row["annotation"].value, row["exact"].value)
            focus = row["focus"].value
            if focus not in found or hit < found[focus]:
                found[focus] = hit
    return found


def _with_quotes(store: ox.Store, findings: list[Finding]) -> list[Finding]:
    """Attach the annotation and quote of each focus node (or of a node that points to it)."""
    foci = sorted({f.focus for f in findings if f.focus.startswith(("http://", "https://"))})
    quotes = _quotes(store, _QUOTES, foci)
    quotes.update(_quotes(store, _QUOTES_VIA, [f for f in foci if f not in quotes]))
    out = []
    for f in findings:
        if f.focus in quotes:
            anno, exact = quotes[f.focus]
            f = Finding(**{**f.__dict__, "annotation": anno, "quote": exact})
        out.append(f)
    return out


# ---------------------------------------------------------------- the audit graph


def store_audit_graph(store: ox.Store, report: ValidationReport) -> int:
    """Replace ``{BASE}graph/audit`` in an open store with the report's SHACL results, atomically.

    One ``Store.update`` (DROP SILENT GRAPH + INSERT DATA) is one transaction: readers see the
    old results or the new ones, never a mix. Returns the number of triples written.
    """
    from kg.validation.report import report_graph

    graph = report_graph(report)
    audit = graph_iri("audit")
    body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    try:
        store.update(f"DROP SILENT GRAPH <{audit}> ;\nINSERT DATA {{ GRAPH <{audit}> {{\n{body}\n}} }}")
    except (OSError, SyntaxError) as e:
        raise KGError(f"writing the audit graph failed: {e}") from e
    return len(graph)


def write_audit_graph(store_path: str, report: ValidationReport) -> int:
    """:func:`store_audit_graph` into the store at ``store_path`` (opened for writing)."""
    store_path = oxigraph_path(store_path)
    try:
        store = ox.Store(store_path)
    except OSError as e:
        raise StoreError(
            f"cannot open the store at {store_path} for writing ({e}); is a server holding it? "
            "Stop it, or run `kg validate --no-write` to only report."
        ) from e
    try:
        n = store_audit_graph(store, report)
        store.flush()
        return n
    finally:
        del store
