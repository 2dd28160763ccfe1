"""The hierarchy forest (service/pages/hierarchy.py build_tree) from query rows: each plan once,
under its most local parent; labels by kind and number; cycles cut, never lost."""

from __future__ import annotations

from service.pages.hierarchy import build_tree

LEVEL = "https://w3id.org/vnge/concept/level-"


def row(doc: str, parent: str | None = None, *, level: str = "", number: str = "", kind: str = "kế hoạch",
        title: str = "", year: str = "", in_corpus: bool = True) -> dict:
    out = {"doc": ("uri", doc), "inCorpus": ("literal", "true" if in_corpus else "false"),
           "kind": ("literal", kind)}
    for name, value in (("parent", parent), ("number", number), ("title", title), ("year", year),
                        ("level", LEVEL + level if level else "")):
        if value:
            out[name] = ("literal" if name not in ("parent", "level") else "uri", value)
    return out


def walk(nodes, parent=None, out=None):
    out = [] if out is None else out
    for n in nodes:
        out.append((n.iri, parent))
        walk(n.children, n.iri, out)
    return out


def test_a_plan_with_two_parents_is_listed_once_under_the_most_local_one():
    rows = [row("d1790", level="national", number="1790/QĐ-TTg", kind="quyết định", in_corpus=False),
            row("prog", level="", title="Chương trình truyền thông 2026-2030", kind="chương trình",
                in_corpus=False),
            row("prov", "d1790", level="province", number="12/KH-UBND"),
            row("commune", "prov", level="commune", year="2026"),
            row("commune", "prog", level="commune", year="2026")]
    placed = walk(build_tree(rows))
    assert [p for iri, p in placed if iri == "commune"] == ["prov"]
    assert sorted(iri for iri, _ in placed) == ["commune", "d1790", "prog", "prov"]
    forest = {n.iri: n for n in build_tree(rows)}
    commune = forest["d1790"].children[0].children[0]
    assert [a.iri for a in commune.also] == ["prog"]
    assert commune.label == "Kế hoạch (không số, 2026)"
    assert forest["d1790"].label == "Quyết định 1790/QĐ-TTg" and not forest["d1790"].in_corpus
    assert forest["prog"].label == "Chương trình truyền thông 2026-2030"


def test_a_cycle_of_implements_is_cut_and_every_plan_is_still_shown():
    rows = [row("a", "b", level="province", number="1/KH"), row("b", "a", level="district", number="2/KH")]
    placed = walk(build_tree(rows))
    assert sorted(iri for iri, _ in placed) == ["a", "b"]
    assert len(placed) == 2
