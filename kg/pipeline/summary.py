"""Whole-corpus summaries: the named graph ``{BASE}graph/summary``.

Two research questions read every plan of the corpus: which agencies lead the most activities,
and what the plans of each level set for an indicator. On the national corpus (11,000 plans,
450,000 tasks) answering them from the plans took Oxigraph 30 s and more, every time. The counts
only change when a plan does, so they are computed when the graph is built or a plan is ingested,
and stored as W3C Data Cube observations (``qb:Observation``) that the canned queries and
researchers read directly:

- ``vnp:LeadAgencyCount``: per lead agency and plan level, the number of distinct tasks it leads
  (``vnp:taskCount``), of plans with such tasks (``vnp:planCount``), and, for the first
  :data:`RANKED` of the level, its rank among the lead agencies of that level
  (``vnp:rankInLevel``: 1 leads the most tasks; ties broken by plans, then by the agency's IRI,
  the order of the canned query);
- ``vnp:IndicatorTargetSummary``: per indicator and plan level, the number of targets and plans
  and the smallest and largest value (a range "10–15%" counts with 10 as its low end and 15 as
  its high end: the largest value is the largest ``vnp:valueMax`` or ``vnp:value``).

The counts read each plan's own graph (``GRAPH ?g``): per-graph copies of shared entities and the
inference graph are not counted twice. A plan's level is its unit's ``vnp:level``; plans whose unit
has no level are not counted. A build writes the graph in one step (the fresh store's bulk load);
``kg ingest`` and ``kg remove`` update it by the changed plans' counts (kg/pipeline/tally.py), in one
update request, falling back to a whole recomputation (one atomic ``replace_graph``) when it was
marked stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.rdf.namespaces import VNP, base, graph_iri, short_hash
from kg.rdf.release import derivation

QB = "http://purl.org/linked-data/cube#"
QB_DATASET, QB_DATASET_CLASS = URIRef(QB + "dataSet"), URIRef(QB + "DataSet")
LEAD_AGENCIES = "lead-agencies"
INDICATOR_TARGETS = "indicator-targets"
#: ranks (``vnp:rankInLevel``) are given to the first RANKED lead agencies of each level: enough for
#: the canned query (the first 200), and an ingest re-ranks at most that many per level
RANKED = 1000

Row = Mapping[str, object]
#: SPARQL SELECT text → rows of rdflib terms by variable; the summary reads only their lexical forms
#: (``str``), so rows of strings do as well (kg/pipeline/derive.py's ``lexical``)
Select = Callable[[str], Iterable[Row]]

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
  { SELECT ?indicator ?plan ?u (COUNT(DISTINCT ?t) AS ?n) (MIN(?v) AS ?lo) (MAX(?top) AS ?hi) WHERE {
      GRAPH ?g { ?plan vnp:hasTarget ?t ; vnp:jurisdiction ?u . ?t vnp:indicator ?indicator
                 OPTIONAL { ?t vnp:value ?v } OPTIONAL { ?t vnp:valueMax ?upper } }
      BIND(COALESCE(?upper, ?v) AS ?top)
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
#: each data set's qb:DataStructureDefinition (ontology/vnge.ttl)
_STRUCTURES = {LEAD_AGENCIES: VNP.LeadAgencyCountStructure,
               INDICATOR_TARGETS: VNP.IndicatorTargetSummaryStructure}
QB_STRUCTURE = URIRef(QB + "structure")
_DESCRIPTION = (
    "Đếm từ các kế hoạch trong đồ thị; tính khi xây dựng, cập nhật mỗi khi nạp hoặc gỡ một kế hoạch.",
    "Counted from the plans in the graph; computed at every build, updated at every ingest or removal.",
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


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def lead_observation(agency: str, level: str, tasks: int, plans: int, rank: int | None) -> list[Triple]:
    """The triples of one ``vnp:LeadAgencyCount`` (a rank only within the first :data:`RANKED`)."""
    leads = dataset_iri(LEAD_AGENCIES)
    obs = lead_iri(agency, level)
    out: list[Triple] = [(obs, RDF.type, VNP.LeadAgencyCount), (obs, QB_DATASET, leads),
                         (obs, VNP.countedAgency, URIRef(agency)), (obs, VNP.planLevel, URIRef(level)),
                         (obs, VNP.taskCount, _int(tasks)), (obs, VNP.planCount, _int(plans))]
    if rank is not None and rank <= RANKED:
        out.append((obs, VNP.rankInLevel, Literal(rank, datatype=XSD.integer)))
    return out


def target_observation(indicator: str, level: str, targets: int, plans: int, low: object, high: object
                       ) -> list[Triple]:
    """The triples of one ``vnp:IndicatorTargetSummary`` (``low``/``high``: the smallest and largest
    value as read from the store, or None)."""
    obs = target_iri(indicator, level)
    out: list[Triple] = [(obs, RDF.type, VNP.IndicatorTargetSummary),
                         (obs, QB_DATASET, dataset_iri(INDICATOR_TARGETS)),
                         (obs, VNP.summarisedIndicator, URIRef(indicator)),
                         (obs, VNP.planLevel, URIRef(level)),
                         (obs, VNP.targetCount, _int(targets)), (obs, VNP.planCount, _int(plans))]
    for value, prop in ((low, VNP.minValue), (high, VNP.maxValue)):
        if value is not None:
            out.append((obs, prop, Literal(str(value), datatype=XSD.decimal)))
    return out


def lead_iri(agency: str, level: str) -> URIRef:
    return URIRef(f"{dataset_iri(LEAD_AGENCIES)}/{_level_notation(level)}/{_key(agency)}")


def target_iri(indicator: str, level: str) -> URIRef:
    local = indicator.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return URIRef(f"{dataset_iri(INDICATOR_TARGETS)}/{_level_notation(level)}/{local}")


def rank_order(tasks: int, plans: int, agency: str) -> tuple[int, int, str]:
    """The order of ``vnp:rankInLevel``: most tasks first, then most plans, then the agency's IRI."""
    return (-tasks, -plans, agency)


def dataset_triples() -> list[Triple]:
    out: list[Triple] = []
    for name, ((vi, en),) in _DATASETS.items():
        ds = dataset_iri(name)
        out += [(ds, RDF.type, QB_DATASET_CLASS), (ds, QB_STRUCTURE, _STRUCTURES[name]),
                (ds, RDFS.label, Literal(vi, lang="vi")),
                (ds, RDFS.label, Literal(en, lang="en")),
                (ds, DCTERMS.description, Literal(_DESCRIPTION[0], lang="vi")),
                (ds, DCTERMS.description, Literal(_DESCRIPTION[1], lang="en"))]
    return out


def summary_triples(select: Select) -> list[Triple]:
    """The triples of ``graph/summary``, computed with two aggregate queries run by ``select``."""
    out = dataset_triples() + derivation(graph_iri("summary"))  # the release that made it
    by_level: dict[str, list[tuple[tuple[int, int, str], int, int]]] = defaultdict(list)
    for row in select(_query(LEAD_QUERY)):
        if row.get("agency") is None or row.get("level") is None:
            continue
        tasks, plans = int(str(row["tasks"])), int(str(row["plans"]))
        by_level[str(row["level"])].append((rank_order(tasks, plans, str(row["agency"])), tasks, plans))
    for level, rows in by_level.items():
        for rank, (order, tasks, plans) in enumerate(sorted(rows), 1):
            out += lead_observation(order[2], level, tasks, plans, rank)
    for row in select(_query(TARGET_QUERY)):
        if row.get("indicator") is None or row.get("level") is None:
            continue
        out += target_observation(str(row["indicator"]), str(row["level"]), int(str(row["targets"])),
                                  int(str(row["plans"])), row.get("min"), row.get("max"))
    return out
