"""The citation network of a plan or a legal document (``/network?iri=``): the documents it cites,
the documents it implements up to the national programme, and the plans that cite or implement it;
then every citation among those, drawn by level (national → province → district → commune) as a
server-rendered SVG (network_svg.py) with a legend, each node linked to its page.

Every query starts from bound IRIs (the focus, then ``VALUES`` of the nodes found), so the page costs
the same on a national store as on the build of data/. Each level column shows at most
``PER_LEVEL`` documents; the others are counted in an "N more" note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Blueprint, render_template, request

from service.errors import ServiceError
from service.labels import check_iri, labels_for, local_link, select
from service.pages.hierarchy import _label as document_label
from service.pages.network_svg import kind_colour, network_svg
from service.pages.search_facts import KINDS
from service.state import state

bp = Blueprint("network", __name__)

LEVELS = ("national", "province", "district", "commune", "unknown")
LEVEL_TITLES = {"national": "Trung ương · National", "province": "Tỉnh · Province",
                "district": "Huyện · District", "commune": "Xã · Commune",
                "unknown": "Chưa rõ cấp · Level unknown"}
PER_LEVEL = 40
READ = 400  # citing documents read at most (their levels are needed to choose the ones shown)
WARM = 4  # the networks computed at start (warm_up): of the documents cited most
_LEVEL_PREFIX = "https://w3id.org/vnge/concept/level-"
IMPLEMENTS = "implements"
VNP = "https://w3id.org/vnge/ontology#"
DOCUMENT_TYPES = frozenset(iri for iri, kind in KINDS if kind in ("plan", "document"))
KIND_NAMES_EN = {"implements": "implements", "content": "content to communicate", "mention": "mention",
                 "cites": "cites (kind not recorded)", "legal-basis": "legal basis"}


@dataclass
class Node:
    iri: str
    label: str = ""
    sub: str = ""  # the unit, or the title's start
    title: str = ""
    level: str = "unknown"
    plan: bool = False
    in_corpus: bool = False
    focus: bool = False


@dataclass
class Network:
    focus: str
    nodes: dict[str, Node]
    edges: list[tuple[str, str, str]]  # (citing, cited, kind key)
    kinds: dict[str, str]  # kind key → label
    hidden: dict[str, int] = field(default_factory=dict)  # level → nodes left out
    unread: int = 0  # documents citing the focus beyond the first READ, not placed by level


def is_document(types: Iterable[str]) -> bool:
    """Whether an entity of these types is a plan or a legal document (subclasses named too: a store
    without inference types a decision only ``vnp:Decision``)."""
    return any(t in DOCUMENT_TYPES for t in types)


def _chunked(query: str, iris: set[str] | list[str], size: int = 100) -> list[dict]:
    """``query`` (with ``{values}`` where the IRIs go) over ``iris`` in chunks of ``size``: with more
    values, the engine joins the pattern over the whole store instead of looking each one up (on the
    1% corpus, 223 values: 84 ms; 100: 3 ms)."""
    ordered = sorted(iris)
    rows: list[dict] = []
    for start in range(0, len(ordered), size):
        rows += select(query.replace("{values}", "{ " + _values(ordered[start:start + size]) + " }"))
    return rows


def _values(iris: set[str] | list[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))


def _kind_key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].removeprefix("citation-")


def neighbourhood(focus: str, read: int | None = None) -> tuple[set[str], set[str], int]:
    """(documents the focus cites or implements, up its chain), (the first ``read`` documents citing
    or implementing it, by IRI), and how many more cite it."""
    read = read or READ
    up = {r["d"][1] for r in select(f"SELECT DISTINCT ?d WHERE {{ {{ <{focus}> vnp:cites ?d }} UNION "
                                    f"{{ <{focus}> (vnp:implements|vnp:approves)+ ?d }} }}")
          if r["d"][0] == "uri"} - {focus}
    # Speed: no ORDER BY/LIMIT in the query (with them the engine took 226 ms instead of 1 ms on the
    # 1% corpus); the first ``read`` by IRI are kept here
    citing = sorted({r["d"][1] for r in select(f"SELECT DISTINCT ?d WHERE {{ {{ ?d vnp:cites <{focus}> }} "
                                               f"UNION {{ ?d vnp:implements <{focus}> }} }}")
                     if r["d"][0] == "uri"} - up - {focus})
    return up, set(citing[:read]), max(0, len(citing) - read)


def _places(iris: set[str]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """({document: (unit, level)}: its jurisdiction's, else its issuer's unit's), and which are plans.

    Speed: one small query per step; in a UNION (or with OPTIONAL) the engine evaluates the branches
    over the whole store before joining them with the VALUES."""
    out: dict[str, tuple[str, str]] = {}
    for via in ("vnp:jurisdiction", "vnp:issuedBy/vnp:scopeUnit"):
        rest = iris - set(out)
        if not rest:
            break
        for row in _chunked(f"SELECT ?x (SAMPLE(?u) AS ?unit) (SAMPLE(?lv) AS ?level) WHERE {{ "
                            f"VALUES ?x {{values}} ?x {via} ?u . ?u vnp:level ?lv }} GROUP BY ?x", rest):
            out[row["x"][1]] = (row["unit"][1], row["level"][1].removeprefix(_LEVEL_PREFIX))
    plans = _chunked("SELECT DISTINCT ?x WHERE { VALUES ?x {values} ?x a vnp:Plan }", iris)
    return out, {r["x"][1] for r in plans}


def _describe(nodes: dict[str, Node], units: dict[str, str]) -> None:
    """Fill the nodes' labels (kind and number), unit names, and whether they are in the corpus."""
    iris = set(nodes)
    info: dict[str, dict[str, str]] = {i: {} for i in iris}
    queries = {
        "number": "?x eli:number ?v",
        "year": "?x vnp:issuedYear ?v",
        "kind": '?x vnp:documentType ?t . ?t skos:prefLabel ?v FILTER(lang(?v) = "vi")',
        "title": '?x rdfs:label ?v FILTER(langMatches(lang(?v), "vi"))',
        "corpus": "?x prov:wasDerivedFrom ?v",
    }
    for name, pattern in queries.items():
        for row in _chunked(f"SELECT ?x (SAMPLE(?w) AS ?v) WHERE {{ VALUES ?x {{values}} "
                            f"{pattern.replace('?v', '?w')} }} GROUP BY ?x", iris):
            info[row["x"][1]][name] = row["v"][1]
    names = labels_for({i for i in iris if not info[i].get("title")} | set(units.values()))
    for iri, node in nodes.items():
        got = info[iri]
        node.in_corpus = "corpus" in got
        node.title = got.get("title") or names.get(iri, iri)
        kind = got.get("kind") or ("kế hoạch" if node.plan else "")
        node.label = document_label(kind, got.get("number", ""), got.get("year", ""), node.title,
                                    node.in_corpus)
        node.sub = names.get(units.get(iri, ""), "")


def citation_network(focus: str, per_level: int = PER_LEVEL, read: int | None = None) -> Network:
    """The network around ``focus``; levels are read first so that only the documents shown (at most
    ``per_level`` per level: those it cites or implements first, then by IRI) are described."""
    up, down, unread = neighbourhood(focus, read)
    everyone = {focus} | up | down
    places, plans = _places(everyone)
    nodes: dict[str, Node] = {}
    hidden: dict[str, int] = {}
    for iri in everyone:
        # a legal document of no unit (a law, a decree, a convention) is a national one
        level = places[iri][1] if iri in places else ("unknown" if iri in plans else "national")
        nodes[iri] = Node(iri, level=level, plan=iri in plans, focus=iri == focus)
    for level in LEVELS:
        members = sorted((n for n in nodes.values() if n.level == level and not n.focus),
                         key=lambda n: (n.iri not in up, n.iri))
        for node in members[per_level:]:
            del nodes[node.iri]
        if len(members) > per_level:
            hidden[level] = len(members) - per_level
    _describe(nodes, {iri: places[iri][0] for iri in nodes if iri in places})
    edges, kinds = _edges(set(nodes))
    return Network(focus, nodes, edges, kinds, hidden, unread)


def _edges(iris: set[str]) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """Citations among ``iris``, with the kind of each (a citation of no recorded kind: "cites"); one
    edge per pair, "implements" above any other kind."""
    # Speed: simple patterns from bound IRIs in chunks (a three-pattern join from 58 plans took
    # 100-140 ms on the 1% corpus; its two steps, 25 ms + 3 ms per 100 citations)
    rows = [{**r, "k": ("uri", VNP + name)} for name in ("cites", "implements")
            for r in _chunked(f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?s {{values}} ?s vnp:{name} ?o }}",
                              iris) if r["o"][1] in iris]
    citations = {r["c"][1]: r["s"][1] for r in _chunked(
        "SELECT ?s ?c WHERE { VALUES ?s {values} ?s vnp:hasCitation ?c FILTER(isIRI(?c)) }", iris)}
    kind_labels: dict[str, str] = {}
    for row in _chunked("SELECT ?c ?o ?k WHERE { VALUES ?c {values} ?c vnp:citedDocument ?o ; "
                        "vnp:citationKind ?k }", set(citations)):
        if row["o"][1] in iris:
            rows.append({"s": ("uri", citations[row["c"][1]]), "o": row["o"], "k": row["k"]})
            kind_labels[row["k"][1]] = ""
    if kind_labels:
        for row in select(f"SELECT ?k ?l WHERE {{ VALUES ?k {{ {_values(set(kind_labels))} }} "
                          '?k skos:prefLabel ?l FILTER(lang(?l) = "vi") }'):
            kind_labels[row["k"][1]] = row["l"][1]
    rank = {IMPLEMENTS: 0, "cites": 2}  # a recorded kind (1) above a bare citation
    kinds: dict[str, str] = {}
    kinded: dict[tuple[str, str], str] = {}
    for row in rows:
        s, o, k = row["s"][1], row["o"][1], row["k"][1]
        if s == o or o not in iris:
            continue
        if k.endswith("#implements"):
            key, label = IMPLEMENTS, "Thực hiện"
        elif k.endswith("#cites"):
            key, label = "cites", "Trích dẫn"
        else:
            key = _kind_key(k)
            label = kind_labels.get(k) or key
        kinds.setdefault(key, label)
        held = kinded.get((s, o))
        if held is None or (rank.get(key, 1), key) < (rank.get(held, 1), held):
            kinded[(s, o)] = key
    used = set(kinded.values())
    return sorted((s, o, k) for (s, o), k in kinded.items()), {k: v for k, v in kinds.items() if k in used}


def memoised_network(iri: str) -> Network:
    """The page's network of ``iri``, per data version like the canned queries' results (the page's
    queries are bound, but a document cited by hundreds needs a few hundred milliseconds on a loaded
    machine)."""
    return state().memo(("network", iri, PER_LEVEL, READ), lambda: citation_network(iri, PER_LEVEL, READ))


def warm_up(count: int = WARM) -> None:
    """Memoise the networks of the ``count`` documents cited most (the slowest to draw,
    and the most visited: Decision 1790, the Law on Gender Equality), so that their first request
    after a start or a data change is as fast as the next ones (one grouped query, then the pages)."""
    for iri in most_cited(count):
        memoised_network(iri)


def most_cited(count: int = WARM) -> list[str]:
    """The ``count`` documents cited by the most citations (one grouped query)."""
    query = ("SELECT ?d (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c vnp:citedDocument ?d } "
             f"GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT {count}")
    return [r["d"][1] for r in select(query)]


@bp.route("/network")
def network() -> str:
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise ServiceError("Give the plan or document whose citation network to draw: /network?iri=<IRI> "
                           "(the link is on the plan's or document's page).")
    iri = check_iri(iri)
    if not is_document(r["t"][1] for r in select(f"SELECT DISTINCT ?t WHERE {{ <{iri}> a ?t }}")):
        raise ServiceError(f"<{iri}> is not a plan or a legal document of this graph, so it has no citation "
                           "network; find one with the search box.", 404)
    net = memoised_network(iri)
    svg = network_svg(net, LEVELS, LEVEL_TITLES, local_link)
    focus = net.nodes[iri]
    counts = {"cites": sum(1 for s, _, _ in net.edges if s == iri),
              "cited_by": sum(1 for _, o, _ in net.edges if o == iri)}
    return render_template("network.html", title=f"Mạng trích dẫn · Citation network — {focus.label}",
                           focus=focus, net=net, svg=svg, counts=counts, level_titles=LEVEL_TITLES,
                           per_level=PER_LEVEL, read=READ, kind_colour=kind_colour, kind_names=KIND_NAMES_EN)
