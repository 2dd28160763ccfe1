"""Queries rewritten for speed (issue 15, the side-by-side table) give the same answer as the forms
they replace: each old form is kept here and both run on the build of data/ and on a small graph
made to reach the corners the seeds do not (chains of replacements, documents cited or not, dated
or not)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.pipeline.infer import materialise
from tests.conftest import ROOT

VNP, ELI = "https://w3id.org/vnge/ontology#", "http://data.europa.eu/eli/ontology#"
PREFIXES = f"""PREFIX vnp: <{VNP}>
PREFIX eli: <{ELI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# canned/in-force-on-date and cq22 before the rewrite (the documents from every citation)
IN_FORCE_OLD = PREFIXES + """
SELECT DISTINCT ?status ?doc ?number ?label ?inForceFrom ?noLongerFrom ?date ?day WHERE {
  { SELECT DISTINCT ?doc WHERE { ?plan vnp:cites ?cited . ?cited vnp:replacedBy* ?doc } }
  OPTIONAL { ?doc eli:first_date_entry_in_force ?inForceFrom }
  OPTIONAL { ?doc eli:date_no_longer_in_force ?noLongerFrom }
  FILTER(BOUND(?inForceFrom) || BOUND(?noLongerFrom) || EXISTS { ?doc vnp:verificationNote ?note })
  BIND(COALESCE(xsd:date(?day), xsd:date(SUBSTR(STR(NOW()), 1, 10))) AS ?date)
  BIND(IF(BOUND(?noLongerFrom) && ?noLongerFrom <= ?date, "no-longer-in-force",
       IF(!BOUND(?inForceFrom), "unknown", IF(?inForceFrom > ?date, "not-yet-in-force", "in-force"))) AS ?status)
  OPTIONAL { ?doc eli:number ?number }
  OPTIONAL { ?doc rdfs:label ?label FILTER(LANG(?label) = "vi") }
}
ORDER BY ?status ?doc
"""


def answer(store: ox.Store, query: str, substitutions: dict | None = None) -> list[tuple]:
    result = store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result)


def corners() -> ox.Store:
    """Plans citing documents that were replaced (a chain of two), a cited literal, documents dated,
    noted or neither, cited or not, and a replacement of a document nobody cites."""
    store = ox.Store()
    n = lambda s: ox.NamedNode("urn:x:" + s)  # noqa: E731
    v = lambda s: ox.NamedNode(VNP + s)  # noqa: E731
    e = lambda s: ox.NamedNode(ELI + s)  # noqa: E731
    day = lambda s: ox.Literal(s, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))  # noqa: E731
    g1, g2 = n("g1"), n("g2")
    quads = [
        (n("p1"), v("cites"), n("a"), g1), (n("p2"), v("cites"), n("a"), g2),  # cited twice
        (n("p1"), v("cites"), n("plain"), g1), (n("p1"), v("cites"), ox.Literal("a literal"), g1),
        (n("a"), v("replacedBy"), n("b"), g1), (n("b"), v("replacedBy"), n("c"), g2),  # a → b → c
        (n("a"), e("first_date_entry_in_force"), day("2001-01-01"), g1),
        (n("a"), e("date_no_longer_in_force"), day("2010-01-01"), g1),
        (n("c"), e("first_date_entry_in_force"), day("2020-01-01"), g2),  # b is neither dated nor noted
        (n("c"), e("number"), ox.Literal("1/2020"), g2), (n("c"), ox.NamedNode(
            "http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("c", language="vi"), g2),
        (n("noted"), v("verificationNote"), ox.Literal("no date known"), g1),
        (n("p2"), v("cites"), n("noted"), g2),
        (n("uncited"), e("first_date_entry_in_force"), day("2000-01-01"), g1),
        (n("uncited"), v("replacedBy"), n("d"), g1), (n("d"), v("verificationNote"), ox.Literal("x"), g1),
        (n("ended"), e("date_no_longer_in_force"), day("2015-01-01"), g2), (n("p2"), v("cites"), n("ended"), g2),
    ]
    store.extend([ox.Quad(*q) for q in quads])
    return store


DAYS = [None, "2005-06-01", "2012-01-01", "2021-01-01"]


@pytest.mark.parametrize("path", ["service/queries/in-force-on-date.rq", "queries/cq22-in-force-on-date.rq"])
def test_in_force_on_date_answers_as_before(store, path: str) -> None:
    new = (ROOT / path).read_text("utf-8")
    assert "vnp:replacedBy+ ?doc" in new  # the rewritten form
    small = corners()
    for day in DAYS:
        subs = {ox.Variable("day"): ox.Literal(day, datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#date"))} if day else None
        for target in (store, small):
            old_rows = answer(target, IN_FORCE_OLD, subs)
            assert old_rows and answer(target, new, subs) == old_rows
    statuses = {row[1].rsplit(":", 1)[1].rstrip(">"): row[0] for row in answer(small, new, {
        ox.Variable("day"): ox.Literal("2021-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))})}
    assert statuses == {"a": '"no-longer-in-force"', "c": '"in-force"', "noted": '"unknown"',
                        "ended": '"no-longer-in-force"'}


CQ05_NEW = """  GRAPH ?g { ?plan vnp:hasTarget ?target . ?target vnp:value ?value }
  OPTIONAL { GRAPH ?g { ?target rdfs:label ?text } }
"""
CQ05_OLD = "  GRAPH ?g { ?plan vnp:hasTarget ?target . ?target vnp:value ?value OPTIONAL { ?target rdfs:label ?text } }\n"


def in_memory(store: ox.Store) -> ox.Store:
    copy = ox.Store()
    copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
    return copy


def test_cq05_label_read_outside_the_graph_block_answers_as_before(store) -> None:
    """The OPTIONAL label moved out of GRAPH ?g { … } (into the same graph ?g): the same rows, also
    when a target has a label in another graph, two labels, or none."""
    new = (ROOT / "queries" / "cq05-targets-weaker-than-national.rq").read_text("utf-8")
    assert CQ05_NEW in new
    old = new.replace(CQ05_NEW, CQ05_OLD)
    seeds = answer(store, old)
    assert seeds and answer(store, new) == seeds
    target = ox.NamedNode(seeds[0][1][1:-1])
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    own = {q.graph_name for q in store.quads_for_pattern(target, None, None, None)}
    more, unlabelled = in_memory(store), in_memory(store)
    more.add(ox.Quad(target, label, ox.Literal("elsewhere", language="vi"), ox.NamedNode("urn:x:other")))
    for graph in own:
        more.add(ox.Quad(target, label, ox.Literal("a second label", language="en"), graph))
    for quad in list(unlabelled.quads_for_pattern(target, label, None, None)):
        unlabelled.remove(quad)
    for corner in (more, unlabelled):
        rows = answer(corner, old)
        assert rows != seeds and answer(corner, new) == rows


CQ15_OLD = "  ?unit a ?cls .\n  ?cls rdfs:subClassOf* vnp:AdministrativeUnit .\n"
CQ15_NEW = "  FILTER EXISTS { ?unit a ?cls . ?cls rdfs:subClassOf* vnp:AdministrativeUnit }\n"


def test_cq15_class_check_as_filter_answers_as_before(store) -> None:
    """The unit's class tested per row (FILTER EXISTS) instead of joined: the same rows, also for a
    unit typed only by a subclass, a unit with two classes, and a changed thing that is no unit."""
    path = ROOT / "queries" / "cq15-abolished-units-and-successors.rq"
    new = path.read_text("utf-8")
    assert CQ15_NEW in new
    old = new.split("  # a per-row check")[0] + CQ15_OLD + new.split(CQ15_NEW)[1]
    seeds = answer(store, old)
    assert seeds and answer(store, new) == seeds
    corner = in_memory(store)
    a, g = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("urn:x:g")
    until = ox.Literal("2025-06-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    for name, classes in (("sub", ["Province"]), ("two", ["Province", "AdministrativeUnit"]), ("none", ["Plan"])):
        unit = ox.NamedNode("urn:x:" + name)
        corner.add(ox.Quad(unit, ox.NamedNode(VNP + "validUntil"), until, g))
        for cls in classes:
            corner.add(ox.Quad(unit, a, ox.NamedNode(VNP + cls), g))
    rows = answer(corner, old)
    assert len(rows) == len(seeds) + 2 and answer(corner, new) == rows


CQ07_OLD = """    ?rule a vnp:AgencyKindChange ; vnp:appliesToLevel ?level ; vnp:effectiveDate ?day .
    ?unit vnp:level ?level . ?agency vnp:scopeUnit ?unit .
    FILTER(NOT EXISTS { ?rule vnp:appliesToName ?n0 } || EXISTS { ?rule vnp:appliesToName ?n1 . ?agency skos:prefLabel ?n1 })
"""
# cq07's second part before the sub-select with a LIMIT (the rules' agencies by name or level as
# above, every filter and look-up in one group)
CQ07_BEFORE = """    # Speed (Oxigraph): the agencies a rule names are found by their name, the others (a rule
    # naming none) by the rule's level; as one pattern with a FILTER, every agency of the level was
    # tested against every rule (2x slower at 10% of the national corpus)
    {
      ?rule a vnp:AgencyKindChange ; vnp:appliesToName ?n1 ; vnp:appliesToLevel ?level .
      ?agency skos:prefLabel ?n1 ; vnp:scopeUnit ?unit . ?unit vnp:level ?level .
    } UNION {
      ?rule a vnp:AgencyKindChange ; vnp:appliesToLevel ?level . FILTER NOT EXISTS { ?rule vnp:appliesToName ?n0 }
      ?unit vnp:level ?level . ?agency vnp:scopeUnit ?unit .
    }
    ?rule vnp:effectiveDate ?day .
    FILTER(NOT EXISTS { ?rule vnp:appliesToClassification ?c0 }
           || EXISTS { ?rule vnp:appliesToClassification ?c1 . ?agency org:classification ?c1 })
    FILTER NOT EXISTS { ?own org:originalOrganization ?agency ; vnp:effectiveDate ?day }
    ?r vnp:agent ?agency .
    ?plan vnp:hasResponsibility ?r .
    FILTER EXISTS { ?plan a vnp:Plan }
    # the first change of the agency only (a district Phòng LĐTBXH: Phòng Nội vụ from 01/03/2025)
    FILTER NOT EXISTS {
      ?earlier a vnp:AgencyKindChange ; vnp:appliesToLevel ?level ; vnp:effectiveDate ?earlierDay .
      FILTER(?earlierDay < ?day)
      FILTER(NOT EXISTS { ?earlier vnp:appliesToName ?n2 } || EXISTS { ?earlier vnp:appliesToName ?n3 . ?agency skos:prefLabel ?n3 })
      FILTER(NOT EXISTS { ?earlier vnp:appliesToClassification ?c2 }
             || EXISTS { ?earlier vnp:appliesToClassification ?c3 . ?agency org:classification ?c3 })
    }
    BIND(?day - "P1D"^^xsd:dayTimeDuration AS ?until)
    OPTIONAL { ?unit skos:prefLabel ?unitLabel FILTER(lang(?unitLabel) = "vi") }
    OPTIONAL { ?rule vnp:successorName ?kindName FILTER(lang(?kindName) = "vi") }
    OPTIONAL { ?rule vnp:successorNote ?kindNote FILTER(lang(?kindNote) = "vi") }
"""


def cq07_forms() -> tuple[str, str, str]:
    """cq07 now, before the sub-select with a LIMIT, and before the agencies were found by name."""
    new = (ROOT / "queries" / "cq07-responsibilities-of-defunct-agencies.rq").read_text("utf-8")
    start = new.index("    # Speed (Oxigraph): the agencies a rule names")
    last = '    OPTIONAL { { SELECT ?rule ?kindNote WHERE { ?rule vnp:successorNote ?kindNote FILTER(lang(?kindNote) = "vi") } } }\n'
    assert "} LIMIT 1000000000 }" in new[start:new.index(last)]
    before = new[:start] + CQ07_BEFORE + new[new.index(last) + len(last):]
    start = before.index("    # Speed (Oxigraph): the agencies a rule names")
    end = before.index("    ?rule vnp:effectiveDate ?day .\n") + len("    ?rule vnp:effectiveDate ?day .\n")
    return new, before, before[:start] + CQ07_OLD + before[end:]


def test_cq07_agencies_found_by_name_answer_as_before(store) -> None:
    """The agencies of a rule found by name or, for a rule naming none, by level: the same rows as the
    FILTER over every agency of the level, also for a rule with two names, one naming no agency, a
    rule with a name and classifications, and an earlier rule that then takes precedence."""
    new, before, old = cq07_forms()
    seeds = answer(store, old)
    assert seeds and answer(store, before) == seeds and answer(store, new) == seeds
    corner = rule_corners(store)
    rows = answer(corner, old)
    assert rows != seeds and answer(corner, before) == rows and answer(corner, new) == rows


def rule_corners(store: ox.Store) -> ox.Store:
    """The seeds with a kind-change rule naming two agencies' names and one naming no agency, a name
    for the rule that otherwise goes by classification, and a classification for a rule with names."""
    base = "https://w3id.org/vnge/id/change/"
    name, cls = ox.NamedNode(VNP + "appliesToName"), ox.NamedNode(VNP + "appliesToClassification")
    g = ox.NamedNode("urn:x:g")
    district_vhtt = ox.NamedNode(base + "2025-03-01-district-phong-vhtt-phong-vhkhtt")
    ended = ox.NamedNode(base + "2025-07-01-district-level-agencies-ended")
    corner = in_memory(store)
    assert list(corner.quads_for_pattern(district_vhtt, name, None, None))  # the seeds' rules
    corner.add(ox.Quad(district_vhtt, name, ox.Literal("Phòng Lao động - Thương binh và Xã hội", language="vi"), g))
    corner.add(ox.Quad(district_vhtt, name, ox.Literal("no such agency", language="vi"), g))
    corner.add(ox.Quad(ended, name, ox.Literal("Ủy ban nhân dân", language="vi"), g))
    corner.add(ox.Quad(district_vhtt, cls, ox.NamedNode("https://w3id.org/vnge/concept/orgtype-office"), g))
    return corner


def test_cq07_filters_before_the_look_ups_answer_as_before(store) -> None:
    """The rules' agencies, their responsibilities and the precedence checks in a sub-select (its LIMIT
    an evaluation barrier), the rule's successor name and note hashed: the same rows, also with a unit
    and a rule with two Vietnamese labels, a successor name in English, an agency named by a change on
    the day its kind changes, and a rule naming no agency."""
    new, before, _ = cq07_forms()
    corner = rule_corners(store)
    vnp = lambda s: ox.NamedNode(VNP + s)  # noqa: E731
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    g = ox.NamedNode("urn:x:g2")
    rows = answer(corner, new)
    unit = next(q.object for q in corner.quads_for_pattern(ox.NamedNode(rows[0][1][1:-1]), vnp("scopeUnit"), None, None))
    rule = ox.NamedNode("https://w3id.org/vnge/id/change/2025-03-01-district-phong-vhtt-phong-vhkhtt")
    day = next(corner.quads_for_pattern(rule, vnp("effectiveDate"), None, None)).object
    agency = ox.NamedNode(rows[-1][1][1:-1])
    corner.extend([
        ox.Quad(unit, pref, ox.Literal("a second name", language="vi"), g),
        ox.Quad(rule, vnp("successorName"), ox.Literal("another successor", language="vi"), g),
        ox.Quad(rule, vnp("successorName"), ox.Literal("in English", language="en"), g),
        ox.Quad(ox.NamedNode("urn:x:own"), ox.NamedNode("http://www.w3.org/ns/org#originalOrganization"), agency, g),
        ox.Quad(ox.NamedNode("urn:x:own"), vnp("effectiveDate"), day, g),
    ])
    expected = answer(corner, before)
    assert expected != rows and answer(corner, new) == expected


# cq09 before the rewrite: the plan itself and every document between it and the decision through
# a zero-or-one path (evaluated by Oxigraph with ?mid free), the plan's type a per-row check
CQ09_OLD_HEAD = "SELECT ?plan ?planLabel (COUNT(DISTINCT ?mid) AS ?steps) WHERE {"
CQ09_OLD_BODY = """  FILTER EXISTS { ?plan a vnp:Plan }
  ?plan vnp:implementsTransitively? ?mid .
  ?mid vnp:implementsTransitively ?d1790 .
"""
CQ09_NEW_HEAD = "SELECT ?plan ?planLabel (COUNT(DISTINCT ?mid) + 1 AS ?steps) WHERE {"
CQ09_NEW_BODY = """  { SELECT ?plan WHERE { ?plan a vnp:Plan } }
  OPTIONAL {
    ?plan vnp:implementsTransitively ?mid .
    { SELECT ?mid ?d1790 WHERE { ?mid vnp:implementsTransitively ?d1790 } }
    FILTER(?mid != ?plan)
  }
"""


def chains() -> ox.Store:
    """Plans implementing a decision that approves a programme with targets: directly, through one,
    two and three plans, through the programme, in a cycle of two; a plan on no path to it, a
    document implementing it that is no plan, a second such decision, a plan typed in three graphs,
    with two Vietnamese labels or none; the closure materialised as the build does, plus a closure
    triple with no chain under it (a plan said to implement a document that implements only the
    other decision)."""
    store = ox.Store()
    n = lambda s: ox.NamedNode("urn:x:" + s)  # noqa: E731
    v = lambda s: ox.NamedNode(VNP + s)  # noqa: E731
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    ref = n("reference")
    quads = []
    for decision in ("d1", "d2"):
        programme = n(decision + "-programme")
        quads += [(n(decision), v("approves"), programme, ref), (programme, a, v("Programme"), ref),
                  (programme, v("hasTarget"), n(decision + "-target"), ref)]
    implements = {  # plan → what it implements
        "p0": ["d1"], "p1": ["p0"], "p2": ["p1"], "p3": ["p2"], "via-programme": ["d1-programme"],
        "c1": ["c2"], "c2": ["c1", "d1"], "lone": ["elsewhere"], "both": ["p1", "d2"], "other": ["d2"],
        "not-a-plan": ["p0"],
    }
    for plan, parents in implements.items():
        graph = n("graph/" + plan)
        if plan != "not-a-plan":
            quads.append((n(plan), a, v("Plan"), graph))
        quads += [(n(plan), v("implements"), n(parent), graph) for parent in parents]
    for graph in ("graph/p2", "graph/p3"):  # p1 repeated in the graphs of the plans citing it
        quads.append((n("p1"), a, v("Plan"), n(graph)))
    quads += [(n("p2"), label, ox.Literal("một", language="vi"), n("graph/p2")),
              (n("p2"), label, ox.Literal("hai", language="vi"), n("graph/p2")),
              (n("p2"), label, ox.Literal("two", language="en"), n("graph/p2")),
              (n("p1"), label, ox.Literal("p1", language="vi"), n("graph/p1"))]
    store.extend([ox.Quad(*q) for q in quads])
    materialise(store)
    store.extend([ox.Quad(n("odd"), a, v("Plan"), n("graph/odd")),
                  ox.Quad(n("odd"), v("implementsTransitively"), n("d1"), n("graph/odd")),
                  ox.Quad(n("odd"), v("implementsTransitively"), n("other"), n("graph/odd"))])
    return store


def test_cq09_steps_without_the_zero_or_one_path_answer_as_before(store) -> None:
    """The plan counted as the + 1 instead of through `?plan vnp:implementsTransitively? ?mid`, its
    type joined instead of checked per row: the same rows on the seeds and on every chain above."""
    new = (ROOT / "queries" / "cq09-plans-implementing-1790.rq").read_text("utf-8")
    assert CQ09_NEW_HEAD in new and CQ09_NEW_BODY in new
    old = new.replace(CQ09_NEW_HEAD, CQ09_OLD_HEAD).replace(CQ09_NEW_BODY, CQ09_OLD_BODY)
    seeds = answer(store, old)
    assert seeds and answer(store, new) == seeds
    small = chains()
    rows = answer(small, old)
    assert answer(small, new) == rows
    steps = {(plan[len("<urn:x:"):-1], label): int(count.split('"')[1]) for plan, label, count in rows}
    assert steps == {
        ("p0", ""): 1, ("p1", '"p1"@vi'): 2, ("p2", '"một"@vi'): 3, ("p2", '"hai"@vi'): 3, ("p3", ""): 4,
        ("via-programme", ""): 1, ("c1", ""): 2, ("c2", ""): 2, ("both", ""): 3, ("other", ""): 1, ("odd", ""): 1,
    }


# cq13 before the rewrite: every plan held in the corpus, its number and date looked up in its graph
CQ13_OLD = "  GRAPH ?g { ?plan a vnp:Plan ; prov:wasDerivedFrom ?source . }\n"
CQ13_NEW = """  { SELECT ?g ?plan ?source WHERE { GRAPH ?g { ?plan prov:wasDerivedFrom ?source } } }
  { SELECT ?g ?plan WHERE { GRAPH ?g { ?plan a vnp:Plan } } }
  MINUS {
    { SELECT ?g ?plan WHERE { GRAPH ?g { ?plan prov:wasDerivedFrom ?s0 } } }
    { SELECT ?g ?plan WHERE { GRAPH ?g { ?plan eli:number ?n0 } } }
    { SELECT ?g ?plan WHERE { GRAPH ?g { ?plan eli:date_document ?d0 } } }
  }
"""


def dated_plans() -> ox.Store:
    """Plans with a number and a date in their graph, without a number (one in a citing graph only),
    without a date (two numbers, a date precision), with neither (two sources); a plan known only by
    citation; a plan whose source and type are in different graphs; a date without a number."""
    store = ox.Store()
    n = lambda s: ox.NamedNode("urn:x:" + s)  # noqa: E731
    a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    plan, source = ox.NamedNode(VNP + "Plan"), ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    number, date = ox.NamedNode(ELI + "number"), ox.NamedNode(ELI + "date_document")
    precision = ox.NamedNode(VNP + "datePrecision")
    notation = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
    day = ox.Literal("2022-03-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    quads = [(n("month"), notation, ox.Literal("month"), n("reference"))]
    held = {  # plan → what its own graph says of it besides its type and source
        "full": [(number, ox.Literal("1/KH")), (date, day)],
        "no-number": [(date, day)],
        "no-date": [(number, ox.Literal("2/KH")), (number, ox.Literal("2/KH-UBND")), (precision, n("month"))],
        "neither": [(source, n("neither-copy.pdf"))],
        "date-only": [(date, day), (precision, n("month"))],
    }
    for name, facts in held.items():
        graph = n("graph/" + name)
        quads += [(n(name), a, plan, graph), (n(name), source, n(name + ".pdf"), graph)]
        quads += [(n(name), p, o, graph) for p, o in facts]
    quads += [(n("no-number"), number, ox.Literal("3/KH"), n("graph/full")),  # cited by "full"
              (n("cited"), a, plan, n("graph/full")), (n("cited"), number, ox.Literal("4/KH"), n("graph/full")),
              (n("split"), source, n("split.pdf"), n("graph/split")), (n("split"), a, plan, n("graph/full"))]
    store.extend([ox.Quad(*q) for q in quads])
    return store


def test_cq13_plans_lacking_a_number_or_a_date_answer_as_before(store) -> None:
    """The plans with both a number and a date taken out by a hashed MINUS before the lookups: the
    same rows (one per source, per number) on the seeds and on the corners above."""
    new = (ROOT / "queries" / "cq13-unsigned-copies.rq").read_text("utf-8")
    assert CQ13_NEW in new
    old = new.replace(CQ13_NEW, CQ13_OLD)
    assert answer(store, new) == answer(store, old)
    small = dated_plans()
    rows = answer(small, old)
    assert answer(small, new) == rows == sorted([
        ("<urn:x:date-only>", "", '"2022-03-01"^^<http://www.w3.org/2001/XMLSchema#date>', '"month"'),
        ("<urn:x:neither>", "", "", ""), ("<urn:x:neither>", "", "", ""),
        ("<urn:x:no-date>", '"2/KH"', "", '"month"'), ("<urn:x:no-date>", '"2/KH-UBND"', "", '"month"'),
        ("<urn:x:no-number>", "", '"2022-03-01"^^<http://www.w3.org/2001/XMLSchema#date>', ""),
    ])


# cq20 before the rewrite: every agency of the rule's level tested against the rule's names, the
# change naming the agency, the rule's successor name and note looked up per row, the laws of every
# prov:used grouped
CQ20_PARTS = [
    ("""    ?event a vnp:AgencyKindChange ; vnp:appliesToLevel ?level ; vnp:effectiveDate ?date .
    ?unit vnp:level ?level . ?original vnp:scopeUnit ?unit .
    FILTER(NOT EXISTS { ?event vnp:appliesToName ?n0 } || EXISTS { ?event vnp:appliesToName ?n1 . ?original skos:prefLabel ?n1 })
""", """    {
      { SELECT DISTINCT ?event ?original WHERE {
          ?event a vnp:AgencyKindChange ; vnp:appliesToName ?n1 . ?original skos:prefLabel ?n1 } }
      ?event a vnp:AgencyKindChange ; vnp:appliesToLevel ?level ; vnp:effectiveDate ?date .
      ?original vnp:scopeUnit ?unit . ?unit vnp:level ?level .
    } UNION {
      { SELECT ?event ?level ?date WHERE {
          ?event a vnp:AgencyKindChange ; vnp:appliesToLevel ?level ; vnp:effectiveDate ?date .
          FILTER NOT EXISTS { ?event vnp:appliesToName ?n0 } } }
      ?unit vnp:level ?level . ?original vnp:scopeUnit ?unit .
    }
"""),
    ("    FILTER NOT EXISTS { ?own org:originalOrganization ?original ; vnp:effectiveDate ?date }\n",
     "    MINUS { ?own org:originalOrganization ?original ; vnp:effectiveDate ?date }\n"),
    ("""    OPTIONAL { ?event vnp:successorName ?kindName FILTER(lang(?kindName) = "vi") }
    OPTIONAL { ?event vnp:successorNote ?kindNote FILTER(lang(?kindNote) = "vi") }
""", """    OPTIONAL { { SELECT ?event ?kindName WHERE { ?event vnp:successorName ?kindName FILTER(lang(?kindName) = "vi") } } }
    OPTIONAL { { SELECT ?event ?kindNote WHERE { ?event vnp:successorNote ?kindNote FILTER(lang(?kindNote) = "vi") } } }
"""),
    ("    WHERE { ?event prov:used ?law . ?law eli:number ?number } GROUP BY ?event\n", """    WHERE {
      { ?event a vnp:AgencyChange } UNION { ?event a vnp:AgencyKindChange }
      ?event prov:used ?law . ?law eli:number ?number
    } GROUP BY ?event
"""),
]


def kind_change_corners(store: ox.Store) -> ox.Store:
    """The seeds with: a rule naming two agencies' names and one naming no agency; a rule with a name
    and a classification; an agency's name and unit and a rule's successor name repeated in a second
    graph (rows come once per copy); another agency named by a change on the day a rule applies to its
    kind; a rule typed only as a kind change (no inference) citing seven numbered laws (their order in
    ?basis is the engine's); a law without a number; prov:used on something that is no change."""
    base, vnp = "https://w3id.org/vnge/id/change/", lambda s: ox.NamedNode(VNP + s)  # noqa: E731
    org = lambda s: ox.NamedNode("http://www.w3.org/ns/org#" + s)  # noqa: E731
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    used = ox.NamedNode("http://www.w3.org/ns/prov#used")
    vhtt = ox.NamedNode(base + "2025-03-01-district-phong-vhtt-phong-vhkhtt")
    ended = ox.NamedNode(base + "2025-07-01-district-level-agencies-ended")
    g, other = ox.NamedNode("urn:x:g"), ox.NamedNode("urn:x:other")
    corner = in_memory(store)
    assert list(corner.quads_for_pattern(vhtt, vnp("appliesToName"), None, None))  # the seeds' rules
    ldtbxh = ox.Literal("Phòng Lao động - Thương binh và Xã hội", language="vi")
    corner.add(ox.Quad(vhtt, vnp("appliesToName"), ldtbxh, g))
    corner.add(ox.Quad(vhtt, vnp("appliesToName"), ox.Literal("no such agency", language="vi"), g))
    corner.add(ox.Quad(vhtt, vnp("appliesToClassification"), ox.NamedNode(
        "https://w3id.org/vnge/concept/orgtype-office"), g))
    for quad in list(corner.quads_for_pattern(vhtt, vnp("successorName"), None, None)):
        corner.add(ox.Quad(quad.subject, quad.predicate, quad.object, other))
    copied, changed = sorted({q.subject.value for q in corner.quads_for_pattern(None, pref, ldtbxh, None)})[:2]
    for quad in list(corner.quads_for_pattern(ox.NamedNode(copied), None, None, None)):
        corner.add(ox.Quad(quad.subject, quad.predicate, quad.object, other))
    day = next(corner.quads_for_pattern(vhtt, vnp("effectiveDate"), None, None)).object
    own, rule, a = ox.NamedNode("urn:x:own-change"), ox.NamedNode("urn:x:rule"), ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    later = ox.Literal("2026-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    corner.extend([ox.Quad(own, org("originalOrganization"), ox.NamedNode(changed), g),
                   ox.Quad(own, vnp("effectiveDate"), day, g), ox.Quad(own, a, vnp("AgencyChange"), g),
                   # a rule typed as a kind change only (no inference run), naming the copied agency
                   ox.Quad(rule, a, vnp("AgencyKindChange"), g), ox.Quad(rule, vnp("appliesToName"), ldtbxh, g),
                   ox.Quad(rule, vnp("appliesToLevel"), ox.NamedNode("https://w3id.org/vnge/concept/level-district"), g),
                   ox.Quad(rule, vnp("effectiveDate"), later, g), ox.Quad(rule, used, ox.NamedNode("urn:x:law"), g),
                   *(ox.Quad(rule, used, ox.NamedNode(f"urn:x:law/{i}"), g) for i in range(6)),
                   *(ox.Quad(ox.NamedNode(f"urn:x:law/{i}"), ox.NamedNode(ELI + "number"), ox.Literal(f"{i}/2025/QH15"), g)
                     for i in range(6)),
                   ox.Quad(ended, used, ox.NamedNode("urn:x:unnumbered-law"), g),
                   ox.Quad(ox.NamedNode("urn:x:activity"), used, ox.NamedNode("urn:x:law"), g),
                   ox.Quad(ox.NamedNode("urn:x:law"), ox.NamedNode(ELI + "number"), ox.Literal("1/2025/QH15"), g)])
    return corner


def test_cq20_kind_changes_found_by_name_answer_as_before(store) -> None:
    new = (ROOT / "queries" / "cq20-agency-successions.rq").read_text("utf-8")
    old = new
    for before, after in CQ20_PARTS:
        assert after in new
        old = old.replace(after, before)
    seeds = answer(store, old)
    assert len({row[6] for row in seeds if ", " in row[6]}) >= 2  # events citing two laws
    assert seeds and answer(store, new) == seeds
    corner = kind_change_corners(store)
    rows = answer(corner, old)
    assert rows != seeds and len(rows) > len(set(rows)) and answer(corner, new) == rows
