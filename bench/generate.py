"""National-scale synthetic corpus: seeded, deterministic N-Quads and a sample of plan texts.

    .venv/bin/python bench/generate.py --scale 0.01 --out var/bench/corpus-0.01 [--seed 1790] [--texts 300]

Hierarchy as in Vietnam before the 2025 reform: at ``--scale 1.0`` 63 provinces, ~700 districts
and ~10,600 communes, one plan each (plus the national programme of the reference data); a
smaller scale keeps ``round(63 × scale)`` provinces (at least one) with all their districts and
communes. Unit names are made up from syllables (not real units). Each plan is made as extraction
records plus a plan-like text (bench/synth_plan.py) and mapped by ``kg.rdf.mapping.map_plan`` into its
named graph exactly as the build does (and the shared entities the plans name into graph/entities,
as the build describes them); the unit hierarchy goes into graph/reference with
data/reference/*.ttl, and graph/ontology holds ontology/*.ttl. Writes ``corpus.nq`` (graphs in
generation order, lines sorted within a graph: same seed → same bytes), ``texts/*.txt`` (an even
sample of the plans' texts) and ``stats.json``. The build's inference and audit graphs are not
written: bench/build_speed.py computes them when it loads the corpus.

``--texts-only`` writes the text of every plan and ``units.ttl`` (the synthetic unit hierarchy, the
reference data a build from these texts needs) and no N-Quads: no mapping, seconds rather than the
hour the national corpus.nq takes. ``bench/build_speed.py --from-text`` builds a store from them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth_plan import PlanRef, Unit, synth_plan  # noqa: E402

from kg.extract.records import PlanExtraction  # noqa: E402
from kg.pipeline.sources import parse_turtle_files, rebase  # noqa: E402
from kg.pipeline.staging import stable_bnode_labels  # noqa: E402
from kg.rdf.context import SourceInfo  # noqa: E402
from kg.rdf.entities import claims_in, describe, extractor  # noqa: E402
from kg.rdf.mapping import LEVEL_CLASS, map_plan, plan_graph_iri  # noqa: E402
from kg.rdf.namespaces import VNP, concept, fold, graph_iri, mint_iri, short_hash, slugify  # noqa: E402
from kg.rdf.references import ReferenceIndex  # noqa: E402
from kg.rdf.terms import rdflib_to_ox  # noqa: E402
from kg.resources import ONTOLOGY_DIR  # noqa: E402

PROVINCES = 63
DISTRICTS = (8, 14)  # per province: mean 11 → ~700
COMMUNES = (9, 21)  # per district: mean 15 → ~10,600
SYLLABLES = (
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Thạnh",
    "Tân",
    "Long",
    "Đông",
    "Tây",
    "Sơn",
    "Hải",
    "Hưng",
    "Thuận",
    "Lộc",
    "Phước",
    "Mỹ",
    "Trung",
    "Quang",
    "Vĩnh",
    "Yên",
    "Kim",
    "Thanh",
    "Lâm",
    "Giang",
    "Cẩm",
    "Xuân",
    "Đức",
    "Thái",
    "Hồng",
    "Minh",
    "Phong",
    "Lạc",
    "Định",
    "Khánh",
    "Thọ",
    "Ninh",
    "Châu",
    "Tiên",
    "Lương",
    "Hiệp",
    "Thịnh",
    "Vân",
    "Đồng",
    "Nghĩa",
    "Tường",
    "Uyên",
    "Gia",
    "Cát",
)
UNIT_TYPES = {  # level → ((type word, unittype notation, weight), ...)
    "province": (("tỉnh", "province", 58), ("thành phố", "municipality", 5)),
    "district": (
        ("huyện", "rural-district", 70),
        ("thị xã", "town", 8),
        ("thành phố", "provincial-city", 8),
        ("quận", "urban-district", 6),
    ),
    "commune": (("xã", "commune", 80), ("phường", "ward", 13), ("thị trấn", "township", 7)),
}
EN = {"province": "Province", "district": "District", "commune": "Commune"}


def _unit(rnd: random.Random, level: str, parent: Unit | None, taken: set[str]) -> Unit:
    kinds = UNIT_TYPES[level]
    word, notation, _ = rnd.choices(kinds, weights=[k[2] for k in kinds])[0]
    while True:
        name = " ".join(rnd.sample(SYLLABLES, 2))
        slug = slugify(name)
        path = f"{parent.path}/{slug}" if parent else f"{slug}-x"  # "-x": never a real province's slug
        if path not in taken:
            taken.add(path)
            return Unit(path, f"{word} {name}", level, notation, parent)


def hierarchy(seed: int, scale: float) -> list[Unit]:
    """Units in plan order (province, its districts, each district's communes), deterministic."""
    rnd = random.Random(f"{seed}:units")
    taken: set[str] = set()
    units: list[Unit] = []
    provinces = [_unit(rnd, "province", None, taken) for _ in range(PROVINCES)]
    shape = [
        (rnd.randint(*DISTRICTS), [rnd.randint(*COMMUNES) for _ in range(DISTRICTS[1])]) for _ in provinces
    ]
    keep = max(1, round(PROVINCES * scale))
    for province, (n_districts, communes) in list(zip(provinces, shape, strict=True))[:keep]:
        units.append(province)
        for d in range(n_districts):
            district = _unit(rnd, "district", province, taken)
            units.append(district)
            units += [_unit(rnd, "commune", district, taken) for _ in range(communes[d])]
    return units


def unit_graph(units: list[Unit]) -> Graph:
    g = Graph()
    for u in units:
        iri = mint_iri("unit", u.path)
        parent = mint_iri("unit", u.parent.path) if u.parent else mint_iri("unit", "vn")
        name = u.name.split(" ", 1)[1] if u.level != "province" else u.name.removeprefix("tỉnh ")
        g.add((iri, RDF.type, LEVEL_CLASS[u.level]))
        g.add((iri, VNP.level, concept("level", u.level)))
        g.add((iri, VNP.unitType, concept("unittype", u.unit_type)))
        g.add((iri, VNP.parentUnit, parent))
        g.add((iri, RDFS.label, Literal(u.name, lang="vi")))
        g.add((iri, RDFS.label, Literal(f"{fold(name).title()} {EN[u.level]}", lang="en")))
        g.add((iri, SKOS.prefLabel, Literal(u.name, lang="vi")))
        g.add((iri, SKOS.altLabel, Literal(fold(u.name))))
    return g


def nquads(graph: Graph, name: URIRef) -> list[str]:
    """The graph's triples as sorted N-Quads lines in the named graph ``name``."""
    labels = stable_bnode_labels(graph) if any(isinstance(t, BNode) for t in graph.all_nodes()) else {}
    g = ox.NamedNode(str(name))
    # set: blank nodes of the same shape get the same stable label (as in kg.pipeline.build), so merge them
    return sorted({f"{rdflib_to_ox(s, labels)} <{p}> {rdflib_to_ox(o, labels)} {g} .\n" for s, p, o in graph})


def _plan_date(rnd: random.Random, level: str, parent: PlanRef | None) -> str:
    month = {"province": 2, "district": 5, "commune": 8}[level] + rnd.randint(0, 2)
    return f"2022-{month:02d}-{rnd.randint(1, 28):02d}"


def write_texts(scale: float, out: Path, seed: int = 1790, limit: int | None = None) -> dict:
    """Write every plan's text under ``out/texts`` and the units under ``out/units.ttl`` (Turtle), no
    N-Quads; the same texts :func:`generate` writes for its sample. Returns the statistics (also
    written to stats.json)."""
    started = time.perf_counter()
    (out / "texts").mkdir(parents=True, exist_ok=True)
    units = hierarchy(seed, scale)[:limit]
    unit_graph(units).serialize(out / "units.ttl", format="turtle", encoding="utf-8")
    parents: dict[str, PlanRef] = {}
    for unit in units:
        _, text, ref = _plan(seed, unit, parents)
        if unit.level != "commune":
            parents[unit.path] = ref
        (out / "texts" / f"{slugify(unit.path)}.txt").write_text(text, encoding="utf-8")
    stats = {"seed": seed, "scale": scale, "plans": len(units), "units": len(units), "texts_only": True,
             "text_sample": len(units),
             "levels": {lv: sum(u.level == lv for u in units) for lv in ("province", "district", "commune")},
             "seconds": round(time.perf_counter() - started, 1)}
    (out / "stats.json").write_text(json.dumps(stats, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return stats


def _plan(seed: int, unit: Unit, parents: dict[str, PlanRef]) -> tuple[PlanExtraction, str, PlanRef]:
    """One plan's extraction records, text and reference, drawn from its own seeded generator."""
    rnd = random.Random(f"{seed}:{unit.path}")
    parent = parents.get(unit.parent.path) if unit.parent else None
    number = f"{rnd.randint(1, 499)}/KH-UBND"
    return synth_plan(rnd, unit, number, _plan_date(rnd, unit.level, parent), parent)


def generate(scale: float, out: Path, seed: int = 1790, texts: int = 300, limit: int | None = None) -> dict:
    """Write the corpus under ``out`` and return its statistics (also written to stats.json).

    ``limit`` keeps only the first plans (a province, its first district, …): for tests.
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts").mkdir(exist_ok=True)
    ontology = parse_turtle_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))
    reference = rebase(parse_turtle_files(sorted((ROOT / "data" / "reference").glob("*.ttl"))))
    units = hierarchy(seed, scale)[:limit]
    reference += unit_graph(units)
    index = ReferenceIndex.from_graph(reference + ontology)
    every = max(1, len(units) // texts) if texts else 0
    stats = {
        "seed": seed,
        "scale": scale,
        "plans": 0,
        "units": len(units),
        "plan_triples": 0,
        "ontology_triples": len(ontology),
        "reference_triples": len(reference),
        "text_sample": 0,
    }
    parents: dict[str, PlanRef] = {}
    claims: list = []  # what the plans say of the shared entities, for graph/entities (kg/rdf/entities.py)
    plans: set = set()
    stated: set = set()
    with open(out / "corpus.nq", "w", encoding="utf-8", newline="\n") as f:
        for graph, name in ((ontology, "ontology"), (reference, "reference")):
            lines = nquads(graph, graph_iri(name))
            f.writelines(lines)
            stats[f"{name}_triples"] = len(lines)
        for k, unit in enumerate(units):
            x, text, ref = _plan(seed, unit, parents)
            if unit.level != "commune":
                parents[unit.path] = ref
            digest = short_hash(text, 64)
            plan, graph = map_plan(
                x, text, SourceInfo(digest, f"{slugify(unit.path)}.txt", "text/plain"), index
            )
            lines = nquads(graph, plan_graph_iri(plan))
            f.writelines(lines)
            claims += claims_in(graph)
            plans.add(plan)
            stated |= {t for t in graph.triples((None, VNP.implements, None))}
            stated |= {t for t in graph.triples((None, VNP.cites, None))}
            stats["plans"] += 1
            stats["plan_triples"] += len(lines)
            if every and k % every == 0 and stats["text_sample"] < texts:
                (out / "texts" / f"{slugify(unit.path)}.txt").write_text(text, encoding="utf-8")
                stats["text_sample"] += 1
        shared = Graph()
        for triple in describe(claims, plans, stated) | set(extractor()):
            shared.add(triple)
        lines = nquads(shared, graph_iri("entities"))
        f.writelines(lines)
        stats["entity_triples"] = len(lines)
    stats["levels"] = {lv: sum(u.level == lv for u in units) for lv in ("province", "district", "commune")}
    stats["quads"] = (stats["ontology_triples"] + stats["reference_triples"] + stats["plan_triples"]
                      + stats["entity_triples"])
    stats["bytes"] = (out / "corpus.nq").stat().st_size
    stats["seconds"] = round(time.perf_counter() - started, 1)
    (out / "stats.json").write_text(json.dumps(stats, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=0.01, help="share of the national corpus (0.01, 0.1, 1.0)"
    )
    parser.add_argument("--out", required=True, help="output folder (corpus.nq, texts/, stats.json)")
    parser.add_argument("--seed", type=int, default=1790, help="random seed (default 1790)")
    parser.add_argument("--texts", type=int, default=300, help="plans written as text too (default 300)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N plans (tests)")
    parser.add_argument("--texts-only", action="store_true",
                        help="every plan's text and units.ttl, no corpus.nq (for build_speed.py --from-text)")
    args = parser.parse_args()
    if args.texts_only:
        stats = write_texts(args.scale, Path(args.out), args.seed, args.limit)
    else:
        stats = generate(args.scale, Path(args.out), args.seed, args.texts, args.limit)
    print(json.dumps(stats, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
