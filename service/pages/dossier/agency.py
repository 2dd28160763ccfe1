"""The page of an agency: its unit and province, its parent body, its predecessors and successors
(org:ChangeEvent, the 2025 reorganisation), and what it does in the plans: activities it leads or
joins, plans it issues, reports it sends or receives, duties it is given."""

from __future__ import annotations

from typing import Any

from service.labels import local_link, select
from service.pages.dossier.common import (
    ORG,
    VNP,
    Index,
    bilingual,
    local_number,
    parse_date,
    show_date,
    validity,
)
from service.pages.dossier.parts import part_id

ROLES = ("issuer", "lead", "partner", "duty", "reporter", "recipient")
ROWS = 3000


def busiest(count: int) -> list[str]:
    """The ``count`` agencies that issue the most documents (their pages are the longest)."""
    return [r["a"][1] for r in select("SELECT ?a (COUNT(?x) AS ?n) WHERE { ?x vnp:issuedBy ?a } "
                                      f"GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT {count}")]


def changes(iri: str, original: str, resulting: str) -> list[dict[str, Any]]:
    """Change events that end ``iri`` (it is the original) or create it (it is the result)."""
    rows = select(f"""SELECT DISTINCT ?ch ?dir ?other ?day WHERE {{
      {{ ?ch {original} <{iri}> ; {resulting} ?other BIND("to" AS ?dir) }}
      UNION {{ ?ch {resulting} <{iri}> ; {original} ?other BIND("from" AS ?dir) }}
      OPTIONAL {{ ?ch vnp:effectiveDate ?day }} }} ORDER BY ?day ?ch ?other""")
    return [{"change": r["ch"][1], "direction": r["dir"][1], "other": r["other"][1],
             "date": show_date(parse_date(r["day"][1])) if "day" in r else ""} for r in rows]


def unit_chain(unit: str | None) -> list[str]:
    """The unit and the units above it, from the top (the country left out)."""
    if not unit:
        return []
    rows = select(f"SELECT DISTINCT ?u ?up WHERE {{ <{unit}> vnp:parentUnit* ?u . "
                  "OPTIONAL { ?u vnp:parentUnit ?up } }")
    up = {r["u"][1]: r["up"][1] for r in rows if "up" in r}
    chain, node = [], unit
    while node and node not in chain:
        chain.append(node)
        node = up.get(node)
    return [u for u in reversed(chain) if up.get(u) or u == unit]


def agency_page(iri: str, own: Index) -> dict[str, Any]:
    unit = own.first(iri, VNP + "scopeUnit")
    units = unit_chain(unit)
    moves = changes(iri, f"<{ORG}originalOrganization>", f"<{ORG}resultingOrganization>")
    rows = select(f"""SELECT DISTINCT ?plan ?part ?role WHERE {{
      {{ ?part vnp:leadAgency <{iri}> . ?plan vnp:hasTask ?part BIND("lead" AS ?role) }}
      UNION {{ ?part vnp:partnerAgency <{iri}> . ?plan vnp:hasTask ?part BIND("partner" AS ?role) }}
      UNION {{ ?plan vnp:issuedBy <{iri}> BIND("issuer" AS ?role) }}
      UNION {{ ?part vnp:reporter <{iri}> . ?plan vnp:hasReportingDuty ?part BIND("reporter" AS ?role) }}
      UNION {{ ?part vnp:reportRecipient <{iri}> . ?plan vnp:hasReportingDuty ?part
               BIND("recipient" AS ?role) }}
      UNION {{ ?part vnp:agent <{iri}> . ?plan vnp:hasResponsibility ?part BIND("duty" AS ?role) }}
    }} LIMIT {ROWS}""")
    plans: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        entry = plans.setdefault(row["plan"][1], {role: [] for role in ROLES})
        part = row["part"][1] if "part" in row else ""
        if part:
            href = local_link(row["plan"][1]) + "#" + part_id(row["plan"][1], part)
            entry[row["role"][1]].append({"iri": part, "n": local_number(part), "href": href})
        elif not entry["issuer"]:
            entry["issuer"].append({"iri": row["plan"][1], "n": 0, "href": local_link(row["plan"][1])})
    for entry in plans.values():
        for role in ROLES:
            entry[role].sort(key=lambda p: p["n"])
    parents = own.iris(iri, ORG + "subOrganizationOf")
    mentioned = {iri, *units, *parents, *plans, *(m["other"] for m in moves),
                 *own.iris(iri, ORG + "classification"),
                 *(p["iri"] for e in plans.values() for p in e["lead"] + e["partner"])}
    labels = bilingual(mentioned)
    totals = {role: sum(len(e[role]) for e in plans.values()) for role in ROLES}
    return {"iri": iri, "labels": labels, "units": units, "parents": parents, "moves": moves,
            "kind": own.first(iri, ORG + "classification"), "plans": dict(sorted(plans.items())),
            "totals": totals,
            "valid": validity(own, iri),
            "spellings": sorted({t[1] for t in own.values(iri, VNP + "sourceSpelling")})[:12],
            "capped": len(rows) >= ROWS}
