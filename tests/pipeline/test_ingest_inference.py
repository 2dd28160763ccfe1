"""`kg ingest` keeps graph/inference equal to what a fresh `kg build` of the same plans writes: an
added plan gets its inferred triples, a replaced plan loses those of the facts it no longer states
(while a shared entity keeps what another plan still entails), a failed or unchanged ingest changes
nothing. All in the ingest's one update request (kg.pipeline.infer.refresh_operations)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline.build import build
from kg.pipeline.infer import closures, materialise, refresh_operations
from kg.pipeline.ingest import ingest
from kg.rdf.namespaces import graph_iri
from tests.conftest import ROOT
from tests.pipeline.test_build import dump

pytestmark = pytest.mark.slow  # each test builds and ingests the seed plans: 2-12 s

PLANS = ROOT / "data" / "plans"
BAC_KAN = next(PLANS.glob("bac-kan_*.txt"))
HUE = next(PLANS.glob("hue_*.txt"))
LAI_CHAU = next(PLANS.glob("lai-chau_*.txt"))
INF = str(graph_iri("inference"))
ELI = "http://data.europa.eu/eli/ontology#"
VNP = "https://w3id.org/vnge/ontology#"
PARENT = "https://w3id.org/vnge/eli/vn/lai-chau/2026/2560-kh-ubnd"  # cited by Lai Châu's line 11 only
BUDGET_LAW = "https://w3id.org/vnge/eli/vn/cited/luat-ngan-sach-nha-nuoc"  # cited by Lai Châu and Huế


def inference(store: Path) -> list[str]:
    """The N-Quads of graph/inference, sorted."""
    return sorted(q for q in dump(store) if q.endswith(f"<{INF}> ."))


def fresh(tmp_path: Path, name: str, plans: list[Path]) -> Path:
    """A `kg build` of the reference data and ``plans``."""
    data = tmp_path / name
    (data / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    for plan in plans:
        shutil.copy(plan, data / "plans" / plan.name)
    build(data, str(tmp_path / name / "store"))
    return tmp_path / name / "store"


def ask(store: Path, query: str) -> bool:
    db = ox.Store.read_only(str(store))
    try:
        return bool(db.query(query))
    finally:
        del db


def without_lines(tmp_path: Path, plan: Path, *needles: str) -> Path:
    """``plan`` under the same file name with every line containing one of ``needles`` removed."""
    lines = plan.read_text("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(n in line for n in needles)]
    assert len(lines) - len(kept) == len(needles)
    folder = tmp_path / "changed"
    folder.mkdir(exist_ok=True)
    changed = folder / plan.name
    changed.write_text("".join(kept), "utf-8")
    return changed


def test_an_ingested_plan_gets_the_inference_a_fresh_build_gives(tmp_path):
    store = fresh(tmp_path, "base", [BAC_KAN])
    before = inference(store)
    (result,) = ingest([LAI_CHAU], str(store))
    assert result.status == "added"
    after = inference(store)
    assert len(after) > len(before)
    assert after == inference(fresh(tmp_path, "both", [BAC_KAN, LAI_CHAU]))
    plan = result.plan
    assert ask(store, f"ASK {{ GRAPH <{INF}> {{ <{plan}> <{ELI}cites> <{PARENT}> }} }}")
    assert ask(store, f"ASK {{ GRAPH <{INF}> {{ <{plan}> a <http://purl.org/net/p-plan#Plan> }} }}")
    assert not ask(store, f"""ASK {{ GRAPH <{INF}> {{ ?task a <http://purl.org/net/p-plan#Step> }}
                              FILTER(STRSTARTS(STR(?task), "{plan}/")) }}""")  # at query time only


def test_an_ingest_applies_the_declared_rules(tmp_path):
    """Issue 18 items 2 and 6: the ingested commune plan gets what the rules of
    shapes/rules/inference.ttl derive — vnp:cites from its citations, its implements closure up to
    Decision 1790 (its parent 2560/KH-UBND carries out the programme the decision approves) and its
    level — and a replacement without the parent takes the closure back, as a build would."""
    store = fresh(tmp_path, "base", [BAC_KAN])
    (added,) = ingest([LAI_CHAU], str(store))
    plan, d1790 = added.plan, "https://w3id.org/vnge/eli/vn/2021/1790-qd-ttg"
    for prop, value in (("cites", PARENT), ("implementsTransitively", PARENT),
                        ("implementsTransitively", d1790),
                        ("jurisdictionLevel", "https://w3id.org/vnge/concept/level-commune")):
        assert ask(store, f"ASK {{ GRAPH <{INF}> {{ <{plan}> <{VNP}{prop}> <{value}> }} }}"), (prop, value)
    changed = without_lines(tmp_path, LAI_CHAU, "Kế hoạch số 2560/KH-UBND")
    (replaced,) = ingest([changed], str(store))
    assert not ask(store, f"ASK {{ GRAPH <{INF}> {{ <{replaced.plan}> <{VNP}implementsTransitively> <{PARENT}> }} }}")
    assert inference(store) == inference(fresh(tmp_path, "again", [BAC_KAN, changed]))


def test_a_replaced_plan_loses_the_inferences_of_a_removed_fact_and_shared_ones_stay(tmp_path):
    store = fresh(tmp_path, "base", [BAC_KAN, HUE])
    (added,) = ingest([LAI_CHAU], str(store))
    assert added.status == "added"
    plan = added.plan
    assert ask(store, f"ASK {{ GRAPH <{INF}> {{ <{plan}> <{ELI}cites> <{PARENT}> }} }}")
    assert ask(store, f"ASK {{ GRAPH <{INF}> {{ <{plan}> <{ELI}cites> <{BUDGET_LAW}> }} }}")
    # drop the line citing the provincial plan 2560/KH-UBND and the one citing the budget law
    changed = without_lines(tmp_path, LAI_CHAU, "Kế hoạch số 2560/KH-UBND", "Luật Ngân sách nhà nước")
    (replaced,) = ingest([changed], str(store))
    assert replaced.status == "replaced"
    after = inference(store)
    assert not any(PARENT in q for q in after)  # nothing inferred about 2560/KH-UBND any more
    assert not any(q.startswith(f"<{replaced.plan}> <{ELI}cites> <{BUDGET_LAW}>") for q in after)
    # Huế still cites the budget law: what its graph entails about the law is still there
    hue_cites = [q for q in after if q.startswith("<https://w3id.org/vnge/eli/vn/hue/")
                 and f"<{ELI}cites> <{BUDGET_LAW}>" in q]
    assert hue_cites
    expected = inference(fresh(tmp_path, "rebuilt", [BAC_KAN, HUE, changed]))
    nodes = (replaced.plan, replaced.plan + "/")
    about_plan = [q for q in after if q.startswith(tuple(f"<{n}" for n in nodes))]
    assert about_plan and about_plan == [q for q in expected if q.startswith(tuple(f"<{n}" for n in nodes))]
    assert after == expected  # shared entities too (units, agencies, documents)


def test_replacing_back_restores_the_first_inference(tmp_path):
    store = fresh(tmp_path, "base", [BAC_KAN, HUE, LAI_CHAU])
    first = inference(store)
    changed = without_lines(tmp_path, LAI_CHAU, "Kế hoạch số 2560/KH-UBND", "Luật Ngân sách nhà nước")
    assert ingest([changed], str(store))[0].status == "replaced"
    assert inference(store) != first
    assert ingest([LAI_CHAU], str(store))[0].status == "replaced"
    assert inference(store) == first
    assert not any("inference-candidates" in q for q in dump(store))


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 100])
def test_a_failed_ingest_changes_nothing(tmp_path, content):
    store = fresh(tmp_path, "base", [BAC_KAN])
    before = dump(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    (result,) = ingest([bad], str(store))
    assert result.status == "failed"
    assert dump(store) == before


def test_reingesting_an_unchanged_file_changes_nothing(tmp_path):
    store = fresh(tmp_path, "base", [BAC_KAN])
    assert ingest([LAI_CHAU], str(store))[0].status == "added"
    before = dump(store)
    assert ingest([LAI_CHAU], str(store))[0].status == "unchanged"
    assert dump(store) == before


def test_the_memory_backend_gets_the_same_inference(tmp_path):
    """The refresh is plain SPARQL 1.1 Update: rdflib runs it too."""
    nquads = tmp_path / "store.nq"
    build_dir = fresh(tmp_path, "base", [BAC_KAN])
    nquads.write_text("\n".join(dump(build_dir)) + "\n", "utf-8")
    (result,) = ingest([LAI_CHAU], f"memory:{nquads}")
    assert result.status == "added"
    lines = sorted(line for line in nquads.read_text("utf-8").splitlines() if line.endswith(f"<{INF}> ."))
    assert lines == inference(fresh(tmp_path, "both", [BAC_KAN, LAI_CHAU]))


def test_random_replacements_keep_the_inference_equal_to_materialise():
    """Every case of the delete-and-re-derive on a toy ontology: triples stated in one graph and
    entailed by another, super-terms stated directly, shared nodes, graphs renamed (a file whose plan
    IRI changed) — after each replacement graph/inference equals materialise() on the same graphs.
    A derived graph (summary) holding entailing triples must be ignored, as at build time."""
    rnd = random.Random(1790)
    ns = "http://example.org/"
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    ontology = "\n".join([
        f"<{ns}A> <{rdfs}subClassOf> <{ns}B> .", f"<{ns}B> <{rdfs}subClassOf> <{ns}C> .",
        f"<{ns}D> <{rdfs}subClassOf> <{ns}C> .", f"<{ns}p> <{rdfs}subPropertyOf> <{ns}q> .",
        f"<{ns}q> <{rdfs}subPropertyOf> <{ns}s> .",
        f"<{ns}q> <http://www.w3.org/2002/07/owl#inverseOf> <{ns}r> .",
        f"<{ns}p> <http://www.w3.org/2002/07/owl#inverseOf> <{ns}t> ."])
    classes, properties, nodes = "ABCD", "pqrst", [f"<{ns}x{i}>" for i in range(5)]

    def random_triples(n: int) -> str:
        out = []
        for _ in range(n):
            subject = rnd.choice(nodes)
            if rnd.random() < 0.4:
                out.append(f"{subject} a <{ns}{rnd.choice(classes)}> .")
            else:
                obj = rnd.choice([*nodes, '"lit"'])
                out.append(f"{subject} <{ns}{rnd.choice(properties)}> {obj} .")
        return "\n".join(out)

    def graph(name: str) -> str:
        return f"{ns}graph/{name}"

    store = ox.Store()
    inf = ox.NamedNode(INF)
    store.update(f"INSERT DATA {{ GRAPH <{graph_iri('ontology')}> {{ {ontology} }} }}")
    store.update(f"INSERT DATA {{ GRAPH <{graph_iri('reference')}> {{ {random_triples(6)} }} }}")
    for name in ("g1", "g2"):
        store.update(f"INSERT DATA {{ GRAPH <{graph(name)}> {{ {random_triples(6)} }} }}")
    materialise(store)
    store.update(f"INSERT DATA {{ GRAPH <{graph_iri('summary')}> {{ {random_triples(6)} }} }}")
    rules = closures(lambda text: [(r["sub"].value, r["super"].value) for r in store.query(text)])
    assert rules.classes and rules.properties and rules.inverses
    changed = 0
    for _ in range(40):
        name = rnd.choice(["g1", "g2", "g3", "g4"])
        dropped = {graph(name)} if store.contains_named_graph(ox.NamedNode(graph(name))) else set()
        if rnd.random() < 0.2:  # the file's plan IRI changed: its old graph goes too
            dropped.add(graph(rnd.choice(["g1", "g2", "g3", "g4"])))
        before, after = refresh_operations(rules, dropped, graph(name))
        drops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(dropped)]
        insert = f"INSERT DATA {{ GRAPH <{graph(name)}> {{ {random_triples(rnd.randrange(1, 8))} }} }}"
        old = set(store.quads_for_pattern(None, None, None, inf))
        store.update(" ;\n".join([*before, *drops, insert, *after]))
        got = set(store.quads_for_pattern(None, None, None, inf))
        changed += got != old
        expected = ox.Store()
        expected.extend(q for q in store if q.graph_name.value not in (INF, str(graph_iri("summary"))))
        materialise(expected)
        assert got == set(expected.quads_for_pattern(None, None, None, inf))
        assert {g.value for g in store.named_graphs()} >= {INF, str(graph_iri("summary"))}
        assert not store.contains_named_graph(ox.NamedNode(str(graph_iri("inference-candidates"))))
    assert changed > 20
