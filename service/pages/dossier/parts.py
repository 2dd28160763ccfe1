"""The parts of a plan read from its graph: activities (sortable), the responsibility matrix, the
reporting chain, the cited documents grouped by kind with their status, the audit findings."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from service.pages.dossier.common import (
    RDFS_LABEL,
    SH,
    VNP,
    Index,
    anchor,
    local_number,
    parse_date,
    show_date,
)
from service.pages.dossier.status import known, status

SORTS = ("number", "lead", "partners", "timeframe")
SEVERITIES = ("Violation", "Warning", "Info")
#: document kinds in the order of the legal hierarchy (the doctype scheme's notations)
KIND_ORDER = ("convention", "constitution", "law", "code", "resolution", "decree", "decision", "directive",
              "circular", "strategy", "programme", "plan", "instruction", "official-letter", "other")


def part_id(plan: str, part: str) -> str:
    """The row id of a part of the plan (``…/task/3`` → ``task-3``)."""
    rest = part[len(plan) + 1:] if part.startswith(plan + "/") else "-".join(part.rsplit("/", 2)[-2:])
    return rest.replace("/", "-")


PART_NAMES = {"task": "hoạt động · activity", "target": "chỉ tiêu · target",
              "citation": "trích dẫn · citation", "reporting": "báo cáo · reporting duty",
              "responsibility": "trách nhiệm · responsibility", "assignment": "phân công · assignment",
              "objective": "mục tiêu · objective", "funding": "kinh phí · funding"}


def part_name(plan: str, part: str) -> str:
    """``…/task/3`` → "hoạt động · activity 3"."""
    if not part.startswith(plan + "/"):
        return ""
    kind, _, rest = part[len(plan) + 1:].partition("/")
    if kind == "assignment":  # "7-partner-1": shown in activity 7's row
        return f"{PART_NAMES['task']} {rest.split('-', 1)[0]}"
    return f"{PART_NAMES.get(kind, kind)} {rest}".strip()


def activities(index: Index, plan: str) -> list[dict[str, Any]]:
    rows = []
    for task in index.iris(plan, VNP + "hasTask"):
        # the shortcuts are the facts (a qualified vnp:Assignment, when there is one, only adds its span)
        leads, partners = index.iris(task, VNP + "leadAgency"), index.iris(task, VNP + "partnerAgency")
        start, end = index.first(task, VNP + "startYear"), index.first(task, VNP + "endYear")
        rows.append({"iri": task, "id": part_id(plan, task), "n": local_number(task),
                     "label": index.text(task, RDFS_LABEL) or "", "leads": sorted(set(leads)),
                     "partners": sorted(set(partners)),
                     "timeframe": index.first(task, VNP + "timeframe") or "",
                     "start": int(start) if start and start.isdigit() else None,
                     "end": int(end) if end and end.isdigit() else None,
                     "deadline": show_date(parse_date(index.first(task, VNP + "deadline")))})
    rows.sort(key=lambda r: r["n"])
    return rows


def sort_activities(rows: list[dict[str, Any]], sort: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """Sorted by number, lead or partners (by their names; none last) or timeframe (years, then text)."""
    if sort in ("lead", "partners"):
        key = "leads" if sort == "lead" else "partners"
        return sorted(rows, key=lambda r: (not r[key], [names.get(a, a).casefold() for a in r[key]], r["n"]))
    if sort == "timeframe":
        return sorted(rows, key=lambda r: (r["start"] is None, r["start"] or 0, r["end"] or 0,
                                           r["timeframe"].casefold(), r["n"]))
    return sorted(rows, key=lambda r: r["n"])


def matrix(index: Index, plan: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Agency × activity: "lead", "partner", "duty" (a responsibility of "Tổ chức thực hiện" covering it)."""
    cells: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        for agent in row["leads"]:
            cells.setdefault((agent, row["iri"]), set()).add("lead")
        for agent in row["partners"]:
            cells.setdefault((agent, row["iri"]), set()).add("partner")
    for duty in index.iris(plan, VNP + "hasResponsibility"):
        for agent in index.iris(duty, VNP + "agent"):
            for task in index.iris(duty, VNP + "coversTask"):
                cells.setdefault((agent, task), set()).add("duty")
    count: dict[str, int] = {}
    for (agent, _), roles in cells.items():
        count[agent] = count.get(agent, 0) + (2 if "lead" in roles else 1)
    agents = sorted(count, key=lambda a: (-count[a], a))
    return {"agents": agents, "cells": {k: sorted(v) for k, v in cells.items()}}


def reporting(index: Index, plan: str) -> list[dict[str, Any]]:
    rows = []
    for duty in index.iris(plan, VNP + "hasReportingDuty"):
        day, month = index.first(duty, VNP + "deadlineDay"), index.first(duty, VNP + "deadlineMonth")
        deadline = parse_date(index.first(duty, VNP + "deadline"))
        rows.append({"iri": duty, "id": part_id(plan, duty), "reporters": index.iris(duty, VNP + "reporter"),
                     "recipients": index.iris(duty, VNP + "reportRecipient"),
                     "subject": index.first(duty, VNP + "reportSubject") or "",
                     "recurrence": index.first(duty, VNP + "recurrence"),
                     "deadline": show_date(deadline),
                     "day_month": f"{int(day):02d}/{int(month):02d}" if day and month else "",
                     "order": (deadline.month if deadline else int(month or 13), deadline.day if deadline else
                               int(day or 32), local_number(duty))})
    return sorted(rows, key=lambda r: r["order"])


def citations(index: Index, plan: str, docs: Index, at: date | None, today: date) -> list[dict[str, Any]]:
    """The cited documents grouped by kind, each with its citations (kind, article) and status."""
    by_doc: dict[str, dict[str, Any]] = {}
    for citation in index.iris(plan, VNP + "hasCitation"):
        for doc in index.iris(citation, VNP + "citedDocument"):
            entry = by_doc.setdefault(doc, {"doc": doc, "citations": [], "known": known(docs, doc),
                                            "status": status(docs, doc, at, today),
                                            "kind": docs.first(doc, VNP + "documentType") or ""})
            articles = []
            for sub in index.iris(citation, VNP + "citedSubdivision"):
                article = index.first(sub, VNP + "articleNumber")
                clause = index.first(sub, VNP + "clauseNumber")
                numbered = " ".join(x for x in (f"khoản {clause}" if clause else "",
                                                f"Điều {article}" if article else "") if x)
                articles.append(index.text(sub, RDFS_LABEL) or numbered or sub.rsplit("/", 1)[-1])
            entry["citations"].append({"iri": citation, "id": part_id(plan, citation),
                                       "kind": index.first(citation, VNP + "citationKind") or "",
                                       "articles": sorted(articles, key=natural)})
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in by_doc.values():
        groups.setdefault(entry["kind"], []).append(entry)

    def rank(kind: str) -> int:
        name = kind.rsplit("doctype-", 1)[-1]
        return KIND_ORDER.index(name) if name in KIND_ORDER else len(KIND_ORDER)
    return [{"kind": kind, "documents": sorted(entries, key=lambda e: e["doc"])}
            for kind, entries in sorted(groups.items(), key=lambda g: (rank(g[0]), g[0]))]


def natural(text: str) -> tuple[Any, ...]:
    """Articles in the law's order: by Điều, then khoản, then điểm ("khoản 2 Điều 6" before "Điều 10")."""
    numbers = [re.search(rf"{word}\s+(\d+)", text, re.IGNORECASE) for word in ("Điều", "khoản", "điểm")]
    return (*(int(m.group(1)) if m else 0 for m in numbers), text)


def _row_of(plan: str, focus: str) -> str:
    """The id of the page's row showing ``focus`` (an assignment shows in its activity's row), or ""."""
    if not focus.startswith(plan + "/"):
        return ""
    kind, _, rest = focus[len(plan) + 1:].partition("/")
    if kind == "assignment":
        return "task-" + rest.split("-", 1)[0]
    return f"{kind}-{rest}" if kind in ("task", "target", "citation", "reporting") else ""


def findings(index: Index, plan: str) -> list[dict[str, Any]]:
    """Findings by severity (Violation first), each with its message in both languages."""
    rows = []
    for result in index.facts:
        severity = (index.first(result, SH + "resultSeverity") or "").rsplit("#", 1)[-1]
        focus = index.first(result, SH + "focusNode") or ""
        rows.append({"iri": result, "severity": severity, "focus": focus,
                     "focus_id": _row_of(plan, focus),
                     "focus_name": part_name(plan, focus),
                     "message_vi": index.text(result, SH + "resultMessage", "vi") or "",
                     "message_en": index.text(result, SH + "resultMessage", "en") or "",
                     "evidence": index.first(result, VNP + "evidence"),
                     "evidence_anchor": anchor(index.first(result, VNP + "evidence"))})
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows.sort(key=lambda r: (rank.get(r["severity"], 9), r["focus"], r["message_vi"]))
    groups = []
    for severity in (*SEVERITIES, ""):
        same: dict[tuple[str, str], dict[str, Any]] = {}
        for row in rows:
            if row["severity"] == severity:  # one message, the parts it concerns listed after it
                key = (row["message_vi"], row["message_en"])
                same.setdefault(key, {**row, "parts": []})["parts"].append(row)
        if same:
            groups.append({"severity": severity, "rows": list(same.values()),
                           "count": sum(len(g["parts"]) for g in same.values())})
    return groups
