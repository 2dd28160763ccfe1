"""A synthetic national-scale store shaped like the real graph (docs/DESIGN.md), to measure the
service before the national corpus exists. Not real data: labels are made up from a word list.

    .venv/bin/python bench/service_synthetic.py --store /tmp/national [--provinces 63] [--districts 11]
        [--communes 15] [--tasks 20] [--targets 6]
    .venv/bin/python bench/service_latency.py --store /tmp/national

Each plan gets tasks with a lead and a partner agency (assignments too), targets on the national
indicators, citations (legal basis / implements, some to a repealed decree), an evidence span per
target with its quote, and a SHACL finding for one plan in twenty; one named graph per plan.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.rdf.namespaces import fold  # noqa: E402

B = "https://w3id.org/vnge/"
VNP = "https://w3id.org/vnge/ontology#"
VNC = "https://w3id.org/vnge/concept/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
WORDS = ("bình đẳng giới truyền thông kế hoạch phụ nữ nam giới cộng đồng pháp luật chính sách "
         "tuyên truyền hội nghị mô hình bạo lực gia đình thanh niên dân tộc thiểu số").split()
INDICATORS = ("ge-law-communication-sessions", "action-month-plans", "ge-awareness-increase",
              "media-gender-indicators", "community-conventions-nondiscriminatory")


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def v(term: str) -> ox.NamedNode:
    return ox.NamedNode(VNP + term)


class Writer:
    def __init__(self, store: ox.Store) -> None:
        self.store, self.batch, self.count = store, [], 0

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> None:
        self.batch.append(ox.Quad(s, p, o, g))
        if len(self.batch) >= 200_000:
            self.flush()

    def flush(self) -> None:
        self.store.bulk_extend(self.batch)
        self.count += len(self.batch)
        self.batch = []


def label(w: Writer, s: ox.NamedNode, text: str, g: ox.NamedNode) -> None:
    w.add(s, LABEL, ox.Literal(text, language="vi"), g)
    w.add(s, ALT, ox.Literal(fold(text)), g)


def plan(w: Writer, rnd: random.Random, path: str, unit: str, level: str, parent: str, args) -> str:
    iri = f"{B}eli/vn/{path}/2022/kh-{rnd.getrandbits(32):08x}"
    g = n(f"{B}graph/plan/{iri[len(B):]}")
    p = n(iri)
    w.add(p, RDF_TYPE, v("Plan"), g)
    label(w, p, f"Kế hoạch {' '.join(rnd.sample(WORDS, 6))} {path}", g)
    w.add(p, v("jurisdiction"), n(unit), g)
    w.add(p, v("implements"), n(parent), g)
    for rel, doc in (("implements", parent), ("legal-basis", f"{B}eli/vn/2006/73-2006-qh11"),
                     ("legal-basis", f"{B}eli/vn/2009/55-2009-nd-cp" if rnd.random() < 0.2 else
                      f"{B}eli/vn/2021/125-2021-nd-cp")):
        w.add(p, v("cites"), n(doc), g)
        c = n(f"{iri}/citation/{rel}-{doc.rsplit('/', 1)[1]}")
        w.add(p, v("hasCitation"), c, g)
        w.add(c, v("citedDocument"), n(doc), g)
        w.add(c, v("citationKind"), n(VNC + "citation-" + rel), g)
    agencies = [f"{B}id/org/{path}/{slug}" for slug in ("phong-van-hoa", "hoi-phu-nu", "doan-thanh-nien",
                                                         "phong-lao-dong", "ubnd")]
    for a in agencies:
        label(w, n(a), f"Cơ quan {a.rsplit('/', 1)[1]} {path}", g)
        w.add(n(a), RDF_TYPE, v("Agency"), g)
    for t in range(args.tasks):
        task = n(f"{iri}/task/{t + 1}")
        w.add(p, v("hasTask"), task, g)
        w.add(task, n("http://purl.org/net/p-plan#isStepOfPlan"), p, g)
        label(w, task, "Tổ chức " + " ".join(rnd.sample(WORDS, 5)), g)
        lead, partner = rnd.sample(agencies, 2)
        w.add(task, v("leadAgency"), n(lead), g)
        w.add(task, v("partnerAgency"), n(partner), g)
    for t in range(args.targets):
        target = n(f"{iri}/target/{t + 1}")
        w.add(p, v("hasTarget"), target, g)
        w.add(target, v("indicator"), n(VNC + "indicator-" + INDICATORS[t % len(INDICATORS)]), g)
        w.add(target, v("value"), ox.Literal(str(rnd.randint(1, 100)), datatype=n(
            "http://www.w3.org/2001/XMLSchema#decimal")), g)
        year = ox.Literal("2030", datatype=n("http://www.w3.org/2001/XMLSchema#integer"))
        w.add(target, v("targetYear"), year, g)
        span = n(f"{B}source/{iri[len(B):].replace('/', '-')}#char={t * 100},{t * 100 + 90}")  # RFC 5147
        w.add(target, v("evidence"), span, g)
        quote = ox.Literal(" ".join(rnd.sample(WORDS, 12)))
        w.add(span, n("http://www.w3.org/ns/oa#exact"), quote, g)
    if rnd.random() < 0.05:
        r = n(f"{B}audit/{iri[len(B):]}/1")
        audit = n(B + "graph/audit")
        w.add(r, n("http://www.w3.org/ns/shacl#focusNode"), p, audit)
        message = ox.Literal("synthetic finding", language="en")
        w.add(r, n("http://www.w3.org/ns/shacl#resultMessage"), message, audit)
    return iri


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="Folder of the new on-disk store")
    parser.add_argument("--provinces", type=int, default=63, help="Provinces (default 63)")
    parser.add_argument("--districts", type=int, default=11, help="Districts per province (default 11)")
    parser.add_argument("--communes", type=int, default=15, help="Communes per district (default 15)")
    parser.add_argument("--tasks", type=int, default=20, help="Tasks per plan (default 20)")
    parser.add_argument("--targets", type=int, default=6, help="Targets per plan (default 6)")
    args = parser.parse_args()
    rnd = random.Random(1790)
    started = time.time()
    w = Writer(ox.Store(args.store))
    ref = n(B + "graph/reference")
    programme = f"{B}eli/vn/2021/chuong-trinh-truyen-thong-binh-dang-gioi-den-2030"
    w.add(n(programme), RDF_TYPE, v("Programme"), ref)
    label(w, n(programme), "Chương trình Truyền thông về bình đẳng giới đến năm 2030", ref)
    w.add(n(f"{B}eli/vn/2009/55-2009-nd-cp"), v("inForce"), ox.Literal("false", datatype=n(
        "http://www.w3.org/2001/XMLSchema#boolean")), ref)
    plans = 0
    for p_i in range(args.provinces):
        prov = f"p{p_i}"
        unit = f"{B}id/dvhc/{prov}"
        w.add(n(unit), v("level"), n(VNC + "level-province"), ref)
        label(w, n(unit), f"Tỉnh {prov}", ref)
        prov_plan = plan(w, rnd, prov, unit, "province", programme, args)
        plans += 1
        for d_i in range(args.districts):
            dist = f"{prov}/d{d_i}"
            dunit = f"{B}id/dvhc/{dist}"
            w.add(n(dunit), v("level"), n(VNC + "level-district"), ref)
            w.add(n(dunit), v("parentUnit"), n(unit), ref)
            dist_plan = plan(w, rnd, dist, dunit, "district", prov_plan, args)
            plans += 1
            for c_i in range(args.communes):
                com = f"{dist}/c{c_i}"
                cunit = f"{B}id/dvhc/{com}"
                w.add(n(cunit), v("level"), n(VNC + "level-commune"), ref)
                w.add(n(cunit), v("parentUnit"), n(dunit), ref)
                plan(w, rnd, com, cunit, "commune", dist_plan, args)
                plans += 1
    w.flush()
    w.store.flush()
    print(f"{plans} plans, {w.count} quads in {time.time() - started:.0f} s → {args.store}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
