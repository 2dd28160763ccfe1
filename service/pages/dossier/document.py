"""The page of a legal document (a law, decree, decision… or a plan known only by citation is
shown as a plan): its status and successor, and who cites it — at which articles, by level and year,
each citation with the sentence that makes it (a link to the sentence in the citing plan's dossier)."""

from __future__ import annotations

from datetime import date
from typing import Any

from service.labels import local_link, select
from service.pages.dossier.common import (
    CHUNK,
    DCTERMS_TITLE,
    ELI,
    VNC,
    VNP,
    Index,
    anchor,
    bilingual,
    date_text,
    ordered,
)
from service.pages.dossier.parts import natural, part_id
from service.pages.dossier.status import documents, known, status

LEVELS = ("national", "province", "district", "commune", "")
CITING_ROWS = 2000


def _citing(iri: str) -> tuple[list[tuple[str, str]], dict[str, dict[str, list[str]]]]:
    """The (plan, citation) pairs, then their details by VALUES (an OPTIONAL after them would be
    evaluated over the whole store first): kind and article by citation, year and level by plan."""
    query = f"SELECT DISTINCT ?plan ?c WHERE {{ ?c vnp:citedDocument <{iri}> . ?plan vnp:hasCitation ?c }}"
    pairs = [(r["plan"][1], r["c"][1]) for r in ordered(query, ("plan", "c"), CITING_ROWS)]
    details: dict[str, dict[str, list[str]]] = {"kind": {}, "article": {}, "year": {}, "level": {}}
    for key, keys, pattern in (
            ("c", {c for _, c in pairs}, """{ ?c vnp:citationKind ?kind } UNION { ?c vnp:citedSubdivision ?sub
              OPTIONAL { ?sub rdfs:label ?article FILTER(LANG(?article) = "vi") } }"""),
            ("plan", {p for p, _ in pairs}, """{ ?plan vnp:issuedYear ?year }
              UNION { ?plan vnp:jurisdiction ?unit . ?unit vnp:level ?level }""")):
        chunk = sorted(keys)
        for start in range(0, len(chunk), CHUNK):
            values = " ".join(f"<{k}>" for k in chunk[start:start + CHUNK])
            for row in select(f"SELECT DISTINCT * WHERE {{ VALUES ?{key} {{ {values} }} {pattern} }}"):
                if "sub" in row and "article" not in row:
                    row["article"] = ("literal", row["sub"][1].rsplit("/", 1)[-1])
                for name in ("kind", "article", "year", "level"):
                    if name in row and row[name][1] not in details[name].setdefault(row[key][1], []):
                        details[name][row[key][1]].append(row[name][1])
    return pairs, details


def _quotes(citations: list[str]) -> dict[str, tuple[str, str]]:
    """citation → (its evidence span, quoted sentence)."""
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(citations), CHUNK):
        values = " ".join(f"<{c}>" for c in citations[start:start + CHUNK])
        for row in select(f"""SELECT ?c ?ann ?exact WHERE {{ VALUES ?c {{ {values} }}
          ?c vnp:evidence ?ann . ?ann oa:exact ?exact }}"""):
            found.setdefault(row["c"][1], (row["ann"][1], row["exact"][1]))
    return found


def _related(iri: str) -> list[dict[str, Any]]:
    return select(f"""SELECT DISTINCT ?p ?x WHERE {{
      {{ <{iri}> ?p ?x FILTER(?p IN (vnp:replaces, eli:repeals, eli:amends, vnp:replacedBy, vnp:approves)) }}
      UNION {{ ?x ?q <{iri}> FILTER(?q IN (vnp:replaces, eli:repeals, eli:amends, vnp:approves))
               BIND(IRI(CONCAT(STR(?q), "-inverse")) AS ?p) }} }} ORDER BY ?p ?x""")


def document_page(iri: str, own: Index) -> dict[str, Any]:
    docs = documents({iri})
    for p, objects in own.facts.get(iri, {}).items():
        for o in objects:
            if o not in docs.facts[iri][p]:
                docs.facts[iri][p].append(o)
    pairs, details = _citing(iri)
    related = _related(iri)
    implementing = [r["p"][1] for r in ordered(
        f"SELECT DISTINCT ?p WHERE {{ ?p vnp:implements <{iri}> }}", ("p",), CITING_ROWS)]
    quotes = _quotes(sorted({c for _, c in pairs}))
    plans: dict[str, dict[str, Any]] = {}
    for plan, cited in pairs:
        level = min(details["level"].get(plan, [""]))
        entry = plans.setdefault(plan, {"plan": plan, "year": min(details["year"].get(plan, [""])),
                                        "level": level.rsplit("level-", 1)[-1], "citations": {}})
        ann, exact = quotes.get(cited, ("", ""))
        entry["citations"][cited] = {
            "kind": min(details["kind"].get(cited, [""])), "quote": exact,
            "articles": sorted(details["article"].get(cited, []), key=natural),
            "href": local_link(plan) + "#" + (anchor(ann) if ann else part_id(plan, cited))}
    entries = sorted(plans.values(), key=lambda e: (LEVELS.index(e["level"]) if e["level"] in LEVELS else 9,
                                                   e["year"] or "9999", e["plan"]))
    years = sorted({e["year"] for e in entries if e["year"]})
    counts = {(e["level"], e["year"]): 0 for e in entries}
    for e in entries:
        counts[(e["level"], e["year"])] += 1
    levels = [lv for lv in LEVELS if any(e["level"] == lv for e in entries)]
    articles: dict[str, int] = {}
    for e in entries:
        for c in e["citations"].values():
            for a in c["articles"]:
                articles[a] = articles.get(a, 0) + 1
    today = date.today()
    mentioned = {iri, *plans, *implementing, *(r["x"][1] for r in related), *docs.iris(iri, VNP + "issuedBy"),
                 *docs.iris(iri, VNP + "documentType"), *docs.iris(iri, VNP + "replacedBy"),
                 *(VNC + "level-" + lv for lv in levels if lv),
                 *(c["kind"] for e in entries for c in e["citations"].values() if c["kind"])}
    labels = bilingual({m for m in mentioned if m})
    return {
        "iri": iri, "labels": labels, "docs": docs, "known": known(docs, iri),
        "number": docs.first(iri, ELI + "number"), "title_text": docs.text(iri, DCTERMS_TITLE),
        "date": date_text(docs, iri), "kind": docs.first(iri, VNP + "documentType"),
        "issuers": docs.iris(iri, VNP + "issuedBy"), "status": status(docs, iri, None, today),
        "entry": docs.first(iri, ELI + "first_date_entry_in_force"),
        "related": [(r["p"][1].rsplit("#", 1)[-1], r["x"][1]) for r in related],
        "citing": entries, "implementing": implementing, "levels": levels, "years": years, "counts": counts,
        "articles": sorted(articles.items(), key=lambda a: (-a[1], natural(a[0]))),
        "capped": len(pairs) >= CITING_ROWS,
        "concept": VNC,
    }
