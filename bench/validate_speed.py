"""Validation time (the shapes — compiled to SPARQL by default, or pySHACL per plan graph with
``--engine pyshacl`` — and the SPARQL audits on Oxigraph). A measurement script, not a test.

    .venv/bin/python bench/validate_speed.py                  # the five plans of data/ (kg.pipeline.build)
    .venv/bin/python bench/validate_speed.py --store var/store
    .venv/bin/python bench/validate_speed.py --synthetic 700  # 700 plans made from tests/expected
    .venv/bin/python bench/validate_speed.py --store var/store --audits   # seconds per audit only

``--synthetic N`` maps N plans through kg.rdf.mapping from the hand-checked expected facts of the seed
plans (tests/expected/*.json: ~20 tasks, 7 targets, 7–12 responsibilities each), each under its
own unit and number, with the real reference data, into an on-disk store; it stands in for the
national-scale corpus until that exists. Prints one Markdown table row per run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.records import (  # noqa: E402
    AgencyRef,
    DocRef,
    DocumentMeta,
    Funding,
    PlanExtraction,
    ReportingDuty,
    Responsibility,
    Signatory,
    Target,
    Task,
)
from kg.pipeline.build import build  # noqa: E402
from kg.pipeline.sources import parse_turtle_files  # noqa: E402
from kg.rdf.context import SourceInfo  # noqa: E402
from kg.rdf.mapping import map_plan, plan_graph_iri  # noqa: E402
from kg.rdf.namespaces import graph_iri, short_hash  # noqa: E402
from kg.rdf.references import ReferenceIndex  # noqa: E402
from kg.validation import load_audits, run_audit, run_validation  # noqa: E402


class _Text:
    """Builds a plan text and the spans of the pieces appended to it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece + "\n")
        self.size += len(piece) + 1
        return (start, start + len(piece))

    def __str__(self) -> str:
        return "".join(self.parts)


def _agency(name: str, unit: str) -> AgencyRef:
    group = name.lower().startswith("các") or " các " in name.lower()
    return AgencyRef(name, name, unit, "other", is_group=group)


def synthetic_plan(expected: dict, i: int) -> tuple[PlanExtraction, str]:
    """One seed plan's expected facts as records, under unit ``bench/u{i}``, number ``{i}/KH-UBND``."""
    unit = f"bench/u{i}"
    t = _Text()
    d = expected["document"]
    issuer = _agency(d["issuer"] or "Ủy ban nhân dân", unit)
    doc = DocumentMeta(
        f"{i}/KH-UBND",
        d["date"],
        d["date_precision"],
        d["place"],
        issuer,
        d["unit"],
        unit,
        d["level"],
        None,
        d["title"],
        tuple(d["period"]) if d["period"] else None,
        span=t.add(f"Số: {i}/KH-UBND — {d['title']}"),
    )
    cites = [
        DocRef(
            c["number"],
            c["kind"],
            c["title"],
            c["date"],
            _agency(c["issuer"], unit) if c["issuer"] else None,
            tuple(c["articles"]),
            c["relation"],
            span=t.add(f"{c['number'] or ''} {c['title'] or ''}"),
        )
        for c in expected["citations"]
    ]
    targets = [
        Target(
            x["text"],
            x["indicator"],
            x["value"],
            x["value_max"],
            x["unit"],
            x["comparator"],
            x["year"],
            x["baseline_year"],
            x["recurrence"],
            x["population"],
            span=t.add(x["text"]),
        )
        for x in expected["targets"]
    ]
    tasks = [
        Task(
            x["title"],
            tuple(_agency(n, unit) for n in x["lead"]),
            tuple(_agency(n, unit) for n in x["partners"]),
            x["timeframe"],
            span=t.add(x["title"]),
        )
        for x in expected["tasks"]
    ]
    resp = [
        Responsibility(_agency(x["agency"], unit), tuple(x["duties"]), span=t.add(" ".join(x["duties"])))
        for x in expected["responsibilities"]
    ]
    reporting = [
        ReportingDuty(
            tuple(_agency(n, unit) for n in x["from"]),
            tuple(_agency(n, unit) for n in x["to"]),
            x["deadline"],
            x["recurrence"],
            None,
            span=t.add(f"báo cáo {x['deadline']}"),
        )
        for x in expected["reporting"]
    ]
    funding = [Funding(x["text"], x["kind"], span=t.add(x["text"])) for x in expected["funding"]]
    s = expected["signatory"]
    signatory = Signatory(s["name"], s["title"], span=t.add(s["name"])) if s else None
    x = PlanExtraction(doc, [], cites, [], targets, tasks, resp, reporting, funding, signatory)
    return x, str(t)


def synthetic_store(n: int, folder: Path) -> ox.Store:
    reference = parse_turtle_files(sorted((ROOT / "data" / "reference").glob("*.ttl")))
    index = ReferenceIndex.from_graph(reference)
    seeds = [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "tests" / "expected").glob("*.json"))]
    store = ox.Store(str(folder))
    store.load(
        reference.serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(graph_iri("reference"))),
    )
    for i in range(n):
        x, text = synthetic_plan(seeds[i % len(seeds)], i)
        source = SourceInfo(short_hash(f"bench-{i}", 64), f"bench-{i}.txt", "text/plain")
        plan, graph = map_plan(x, text, source, index)
        store.load(
            graph.serialize(format="nt", encoding="utf-8"),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(str(plan_graph_iri(plan))),
        )
    store.flush()
    return store


def time_audits(path: str) -> None:
    """Seconds and findings of each audit on the store at ``path`` (opened read-only), with the load."""
    store = ox.Store.read_only(path)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| audit | seconds | findings |")
    print("|---|---|---|")
    total = 0.0
    for audit in load_audits():
        started = time.perf_counter()
        found = run_audit(store, audit)
        seconds = time.perf_counter() - started
        total += seconds
        print(f"| {audit.name} | {seconds:.3f} | {len(found)} |", flush=True)
    print(f"| all | {total:.2f} | |")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="an existing store built by `kg build`")
    parser.add_argument("--synthetic", type=int, default=0, help="validate N synthetic plans instead")
    parser.add_argument("--workers", type=int, default=None, help="processes for the shapes (default: auto)")
    parser.add_argument("--engine", choices=("sparql", "pyshacl"), default="sparql", help="shapes engine")
    parser.add_argument(
        "--audits", action="store_true", help="only time each SPARQL audit on --store (one row per audit)"
    )
    args = parser.parse_args()
    if args.audits:
        if not args.store:
            parser.error("--audits needs --store DIR")
        time_audits(args.store)
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        path = args.store or str(Path(tmp) / "store")
        if args.store:
            what = args.store
        elif args.synthetic:
            store = synthetic_store(args.synthetic, Path(path))
            del store  # closed: validation opens it read-only, as `kg validate` does
            what = f"synthetic ×{args.synthetic}"
        else:
            report = build(ROOT / "data", path)
            what = f"data/ ({len(report.plans)} plans)"
        prepared = time.perf_counter() - started
        triples = len(ox.Store.read_only(path))
        result = run_validation(path, workers=args.workers, engine=args.engine)
        s = result.seconds
        counts = " / ".join(str(result.count(k)) for k in ("Violation", "Warning", "Info"))
        workers = args.workers if args.workers is not None else "auto"
        print(
            "| corpus | triples | plans | workers | prepare s | shapes s | audits s | total s | V / W / I |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        print(
            f"| {what} | {triples} | {len(result.plans)} | {workers} | {prepared:.1f} | {s['shapes']:.2f} "
            f"| {s['audits']:.2f} | {s['total']:.2f} | {counts} |"
        )
        if result.errors:
            print("errors:", *result.errors, sep="\n  ")


if __name__ == "__main__":
    main()
