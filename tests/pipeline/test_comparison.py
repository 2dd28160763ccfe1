"""The child ↔ parent target comparison (kg/pipeline/comparison.py, graph/comparison): the verdict
rule, the chain it walks, and that the weaker-target audit, cq05 and cq25 read the same nodes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import RDF

from kg.pipeline.comparison import Facts, ancestors, compare_plan, triples, verdict
from kg.rdf.namespaces import VNP, concept
from kg.validation import load_audits, run_audit
from tests.conftest import ROOT, select

C = {n: str(concept("comparator", n)) for n in ("at-least", "at-most", "exactly", "range")}
SCOPE = {n: str(concept("scope", n)) for n in ("whole-unit", "per-sub-unit", "per-agency")}
ANNUAL = str(concept("recurrence", "annual"))
INCREASE = str(concept("change", "increase"))


def target(iri: str = "c", value: float | None = 2, value_max: float | None = None, **kw: object) -> Facts:
    fields = {"indicator": "i", "recurrence": ANNUAL, "comparator": C["at-least"], **kw}
    return Facts(iri, "doc-" + iri, value=None if value is None else Decimal(str(value)),  # type: ignore[arg-type]
                 value_max=None if value_max is None else Decimal(str(value_max)), **fields)


NATIONAL = target("n", 2, scope=SCOPE["per-agency"])


@pytest.mark.parametrize(("child", "expected", "reason"), [
    (target(value=1, scope=SCOPE["per-agency"]), "weaker", "1 against 2"),
    (target(value=2), "equal", "2 against 2"),
    (target(value=4), "stricter", "4 against 2"),
    # "Mỗi thôn, bản, khu phố tổ chức ít nhất 01 cuộc": for each village, not for each agency
    (target(value=1, scope=SCOPE["per-sub-unit"]), "not-comparable", "different scope (per sub-unit against per agency)"),
    (target(value=1, recurrence=None, year="2025"), "not-comparable", "target year 2025 against —"),
    (target(value=None), "not-comparable", "a value is missing"),
    (target(value=1, change=INCREASE), "not-comparable", "a change against a level, or the other way"),
    (target(value=1, comparator=C["at-most"]), "not-comparable", "an upper limit against a lower bound"),
])
def test_verdict_against_an_annual_count(child: Facts, expected: str, reason: str) -> None:
    assert verdict(child, NATIONAL)[0::2] == (expected, reason)


def test_a_range_counts_by_its_lower_bound_then_its_upper_end() -> None:
    ref = target("n", 10, 15, comparator=C["range"], change=INCREASE, baseline_year="2025")
    assert verdict(target(value=15, value_max=20, comparator=C["range"], change=INCREASE), ref)[0] == "stricter"
    assert verdict(target(value=10, value_max=15, comparator=C["range"], change=INCREASE), ref)[0] == "equal"
    assert verdict(target(value=10, value_max=12, comparator=C["range"], change=INCREASE), ref)[0] == "weaker"
    assert verdict(target(value=5, value_max=15, comparator=C["range"], change=INCREASE), ref)[:2] == (
        "weaker", "5–15 so với 10–15")
    # "at least 10" against "10–15": the same lower bound, and no upper end to compare
    assert verdict(target(value=10, change=INCREASE), ref)[0] == "equal"
    # the same change against another base year is another measure
    other_base = target(value=20, comparator=C["at-least"], change=INCREASE, baseline_year="2020")
    assert verdict(other_base, ref)[0] == "not-comparable"


def test_at_most_lower_is_stricter() -> None:
    ref = target("n", 5, comparator=C["at-most"], recurrence=None, year="2025")
    assert verdict(target(value=3, comparator=C["at-most"], recurrence=None, year="2025"), ref)[0] == "stricter"
    assert verdict(target(value=10, comparator=C["at-most"], recurrence=None, year="2025"), ref)[0] == "weaker"


def test_a_weaker_target_is_met_by_the_plans_best_commitment() -> None:
    weak, best = target("c1", 1), target("c2", 2)
    found = {(c.child.iri, c.verdict, c.met_by) for c in compare_plan([weak, best], [[NATIONAL]])}
    assert found == {("c1", "weaker", ("c2",)), ("c2", "equal", ())}
    alone = compare_plan([weak, target("c2", 1.5)], [[NATIONAL]])
    assert [(c.verdict, c.met_by) for c in alone] == [("weaker", ()), ("weaker", ())]


def test_the_chain_is_walked_up_and_the_national_documents_come_last() -> None:
    edges = [("commune", "district"), ("district", "province"), ("province", "programme"),
             ("programme", "decision")]  # the Programme is approved by the Decision (vnp:approves backwards)
    assert ancestors(["commune"], edges, ["decision", "programme"]) == {
        "commune": ["district", "province", "programme", "decision"]}
    assert ancestors(["other"], edges, ["decision"]) == {"other": ["decision"]}
    # a cycle ends
    assert ancestors(["a"], [("a", "b"), ("b", "a")], []) == {"a": ["b"]}


# ---------------------------------------------------------------- on the seeds (data/plans built)


def _weaker_audit(store) -> set[str]:
    (audit,) = [a for a in load_audits() if a.name == "weaker-target"]
    return {f.focus for f in run_audit(store, audit)}


def _query(name: str) -> str:
    (path,) = (ROOT / "queries").glob(f"{name}-*.rq")
    return path.read_text("utf-8")


def test_the_weaker_target_audit_and_cq05_agree_on_the_seeds(store) -> None:
    """Every comparison of the seeds is against Decision 1790 (no seed's parent plan is in data/plans),
    so the audit's findings and cq05's rows are the same targets: TP Bắc Kạn's one session a year.
    Quảng Ninh's "Mỗi thôn, bản, khu phố … ít nhất 01 cuộc" is per village: in neither."""
    audit = _weaker_audit(store)
    cq05 = {r["target"] for r in select(store, _query("cq05"))}
    assert audit == cq05
    assert len(audit) == 1 and next(iter(audit)).endswith("thanh-pho-bac-kan/2022/kh-59f56af6/target/1")
    village = [r for r in select(store, """PREFIX vnp: <https://w3id.org/vnge/ontology#>
      PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
      SELECT ?v ?why WHERE { ?c vnp:comparedTarget ?t ; vnp:verdict ?v ; vnp:verdictReason ?why .
        ?t rdfs:label ?l FILTER(STRSTARTS(?l, "Mỗi thôn") && LANG(?why) = "en") }""")]
    assert [(r["v"].rsplit("/", 1)[-1], r["why"]) for r in village] == [
        ("verdict-not-comparable", "different scope (per sub-unit against per agency)")]



def test_two_milestones_of_an_indicator_are_not_paired() -> None:
    """"95% by 2025" and "100% by 2030": another milestone, no comparison node; a target without a year
    against a dated one is paired, and not comparable."""
    ref = target("n", 100, comparator=C["exactly"], recurrence=None, year="2030")
    assert compare_plan([target("c", 95, comparator=C["exactly"], recurrence=None, year="2025")], [[ref]]) == []
    (undated,) = compare_plan([target("c", 100, comparator=C["exactly"])], [[ref]])
    assert (undated.verdict, undated.reason_en) == ("not-comparable", "target year — against 2030")


def test_a_comparison_node_states_what_its_targets_do_not() -> None:
    """graph/comparison's shape (issue 15): no reference document (the document that has the reference
    target, ``?doc vnp:hasTarget ?reference``) and no reason for an equal verdict, whose reason would be
    the two targets' own figures; every other verdict keeps its reason in vi and en."""
    ref = target("n", 2)
    found = compare_plan([target("c1", 2), target("c2", 1), target("c3", 4)], [[ref]])
    assert [c.verdict for c in found] == ["equal", "weaker", "stricter"]
    by_child: dict[str, set[object]] = {}
    for s, p, o in triples(found):
        by_child.setdefault(str(s).split("/comparison/")[0], set()).add((p, o))
    assert {p for p, _ in by_child["c1"]} == {RDF.type, VNP.comparedTarget, VNP.referenceTarget, VNP.verdict}
    for child, why in (("c2", "1 against 2"), ("c3", "4 against 2")):
        assert (VNP.verdictReason, Literal(why, lang="en")) in by_child[child]
        assert len([o for p, o in by_child[child] if p == VNP.verdictReason]) == 2
    assert not any(p == VNP.referenceDocument for pairs in by_child.values() for p, _ in pairs)


def test_each_reference_target_has_one_document_on_the_seeds(store) -> None:
    """What vnp:referenceDocument said is read from the reference target: exactly one document has it."""
    rows = select(store, """PREFIX vnp: <https://w3id.org/vnge/ontology#>
      SELECT ?r (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?c vnp:referenceTarget ?r . OPTIONAL { ?doc vnp:hasTarget ?r } }
      GROUP BY ?r""")
    assert rows and {r["n"] for r in rows} == {"1"}
