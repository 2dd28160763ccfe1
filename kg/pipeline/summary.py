"""Whole-corpus summaries: the named graph ``{BASE}graph/summary``.

Two research questions read every plan of the corpus: which agencies lead the most activities,
and what the plans of each level set for an indicator. On the national corpus (11,000 plans,
450,000 tasks) answering them from the plans took Oxigraph 30 s and more, every time. The counts
only change when a plan does, so they are computed when the graph is built or a plan is ingested,
and stored as W3C Data Cube observations (``qb:Observation``) that the canned queries and
researchers read directly:

- ``vnp:LeadAgencyCount``: per lead agency and plan level, the number of distinct tasks it leads
  (``vnp:taskCount``), of plans with such tasks (``vnp:planCount``), and its rank among the lead
  agencies of that level (``vnp:rankInLevel``: 1 leads the most tasks; ties broken by plans, then
  by the agency's IRI, the order of the canned query);
- ``vnp:IndicatorTargetSummary``: per indicator and plan level, the number of targets and plans
  and the smallest and largest value.

The counts read each plan's own graph (``GRAPH ?g``): per-graph copies of shared entities and the
inference graph are not counted twice. A plan's level is its unit's ``vnp:level``; plans whose unit
has no level are not counted. The graph is written in one step (a fresh build's bulk load, or the
backend's atomic ``replace_graph`` at ingest), so readers see the old summary or the new one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.rdf.namespaces import VNP, base, graph_iri, short_hash

QB = "http://purl.org/linked-data/cube#"
LEAD_AGENCIES = "lead-agencies"
INDICATOR_TARGETS = "indicator-targets"

Row = Mapping[str, object]
Select = Callable[[str], Iterable[Row]]  # SPARQL SELECT text → rows of rdflib terms by variable

_PREFIXES = """PREFIX vnp: <https://w3id.org/vnge/ontology#>
PREFIX p-plan: <http://purl.org/net/p-plan#>
"""
# A unit's level may be stated in several graphs (the reference data, a plan's own graph):
# DISTINCT keeps one row per unit so that sums are not doubled.
_UNIT_LEVEL = "{ SELECT DISTINCT ?u ?level WHERE { GRAPH ?r { ?u vnp:level ?level } } }"

LEAD_QUERY = _PREFIXES + """
SELECT ?agency ?level (SUM(?n) AS ?tasks) (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
  { SELECT ?agency ?plan ?u (COUNT(DISTINCT ?task) AS ?n) WHERE {
      GRAPH ?g { ?task vnp:leadAgency ?agency ; p-plan:isStepOfPlan ?plan . ?plan vnp:jurisdiction ?u }
      FILTER(?g != <SUMMARY>) }
    GROUP BY ?agency ?plan ?u }
  UNIT_LEVEL
} GROUP BY ?agency ?level"""

TARGET_QUERY = _PREFIXES + """
SELECT ?indicator ?level (SUM(?n) AS ?targets) (COUNT(DISTINCT ?plan) AS ?plans) (MIN(?lo) AS ?min)
       (MAX(?hi) AS ?max) WHERE {
  { SELECT ?indicator ?plan ?u (COUNT(DISTINCT ?t) AS ?n) (MIN(?v) AS ?lo) (MAX(?v) AS ?hi) WHERE {
      GRAPH ?g { ?plan vnp:hasTarget ?t ; vnp:jurisdiction ?u . ?t vnp:indicator ?indicator
                 OPTIONAL { ?t vnp:value ?v } }
      FILTER(?g != <SUMMARY>) }
    GROUP BY ?indicator ?plan ?u }
  UNIT_LEVEL
} GROUP BY ?indicator ?level"""

_DATASETS = {
    LEAD_AGENCIES: (
        ("Số nhiệm vụ chủ trì theo cơ quan và cấp kế hoạch", "Tasks led per agency and plan level"),
    ),
    INDICATOR_TARGETS: (("Chỉ tiêu theo chỉ số và cấp kế hoạch", "Targets per indicator and plan level"),),
}
_DESCRIPTION = (
    "Đếm từ các kế hoạch trong đồ thị; tính lại mỗi khi xây dựng hoặc nạp dữ liệu.",
    "Counted from the plans in the graph; recomputed at every build or ingest.",
)


def mark_stale() -> str:
    """A SPARQL Update operation marking graph/summary out of date: it removes the triple typing the
    lead-agency data set, which only a recomputation writes back. ``kg ingest`` sends it in the same
    request as each plan it changes, so a batch killed before its final recomputation leaves a mark
    the next ingest sees (:func:`is_current`), even if every file is then unchanged."""
    return (f"DELETE DATA {{ GRAPH <{graph_iri('summary')}> {{ <{dataset_iri(LEAD_AGENCIES)}> "
            f"<{RDF.type}> <{QB}DataSet> }} }}")


def is_current() -> str:
    """ASK whether graph/summary is up to date (computed and not marked stale since)."""
    return f"ASK {{ GRAPH <{graph_iri('summary')}> {{ <{dataset_iri(LEAD_AGENCIES)}> a <{QB}DataSet> }} }}"


def dataset_iri(name: str) -> URIRef:
    """IRI of a summary data set: ``{BASE}id/summary/lead-agencies``."""
    return URIRef(f"{base()}id/summary/{name}")


def _query(text: str) -> str:
    return text.replace("UNIT_LEVEL", _UNIT_LEVEL).replace("SUMMARY", str(graph_iri("summary")))


def _level_notation(level: object) -> str:
    return str(level).rsplit("/", 1)[-1].removeprefix("level-")


def _key(term: object) -> str:
    """A readable IRI path for a term: its path under the base, else a digest."""
    text = str(term)
    return text[len(base()):] if text.startswith(base()) else short_hash(text, 16)


def _int(value: object) -> Literal:
    return Literal(int(str(value)), datatype=XSD.integer)


def summary_graph(select: Select) -> Graph:
    """The content of ``graph/summary`` as an rdflib graph (for a backend's ``replace_graph``)."""
    g = Graph()
    for triple in summary_triples(select):
        g.add(triple)
    return g


def summary_ntriples(select: Select) -> bytes:
    """The content of ``graph/summary`` as sorted N-Triples (for a bulk load: no rdflib graph)."""
    return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in summary_triples(select))).encode()


def summary_triples(select: Select) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of ``graph/summary``, computed with two aggregate queries run by ``select``."""
    out: list[tuple[URIRef, URIRef, URIRef | Literal]] = []
    add = out.append
    qb_dataset, qb_class = URIRef(QB + "dataSet"), URIRef(QB + "DataSet")
    for name, ((vi, en),) in _DATASETS.items():
        ds = dataset_iri(name)
        add((ds, RDF.type, qb_class))
        add((ds, RDFS.label, Literal(vi, lang="vi")))
        add((ds, RDFS.label, Literal(en, lang="en")))
        add((ds, DCTERMS.description, Literal(_DESCRIPTION[0], lang="vi")))
        add((ds, DCTERMS.description, Literal(_DESCRIPTION[1], lang="en")))

    leads = dataset_iri(LEAD_AGENCIES)
    by_level: dict[str, list[tuple[int, int, str, Row]]] = defaultdict(list)
    for row in select(_query(LEAD_QUERY)):
        if row.get("agency") is None or row.get("level") is None:
            continue
        tasks, plans = int(str(row["tasks"])), int(str(row["plans"]))
        by_level[str(row["level"])].append((-tasks, -plans, str(row["agency"]), row))
    for level, rows in by_level.items():
        for rank, (_, _, _, row) in enumerate(sorted(rows, key=lambda r: r[:3]), 1):
            obs = URIRef(f"{leads}/{_level_notation(level)}/{_key(row['agency'])}")
            add((obs, RDF.type, VNP.LeadAgencyCount))
            add((obs, qb_dataset, leads))
            add((obs, VNP.countedAgency, URIRef(str(row["agency"]))))
            add((obs, VNP.planLevel, URIRef(level)))
            add((obs, VNP.taskCount, _int(row["tasks"])))
            add((obs, VNP.planCount, _int(row["plans"])))
            add((obs, VNP.rankInLevel, Literal(rank, datatype=XSD.integer)))

    targets = dataset_iri(INDICATOR_TARGETS)
    for row in select(_query(TARGET_QUERY)):
        if row.get("indicator") is None or row.get("level") is None:
            continue
        indicator = str(row["indicator"])
        local = indicator.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        obs = URIRef(f"{targets}/{_level_notation(row['level'])}/{local}")
        add((obs, RDF.type, VNP.IndicatorTargetSummary))
        add((obs, qb_dataset, targets))
        add((obs, VNP.summarisedIndicator, URIRef(indicator)))
        add((obs, VNP.planLevel, URIRef(str(row["level"]))))
        add((obs, VNP.targetCount, _int(row["targets"])))
        add((obs, VNP.planCount, _int(row["plans"])))
        for var, prop in (("min", VNP.minValue), ("max", VNP.maxValue)):
            if row.get(var) is not None:
                add((obs, prop, Literal(str(row[var]), datatype=XSD.decimal)))
    return out
