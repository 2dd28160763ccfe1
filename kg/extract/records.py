"""Extraction records: what the pure extraction functions return.

Every record carries ``span`` = (start, end) character offsets into the text the
reader produced, and ``quote`` = ``text[start:end]``. ``to_json_view`` turns a
:class:`PlanExtraction` into the stable JSON view documented in README (a
contract pinned by tests): names are canonical labels with diacritics.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class AgencyRef:
    """A reference to an agency (or a collective group of agencies) in a plan."""

    name: str  # canonical label with diacritics, e.g. "Phòng Văn hóa và Thông tin"
    source_text: str  # as written in the source, e.g. "Phong Van hoa va Thong tin"
    unit: str | None = None  # unit path the agency belongs to ("hai-phong/hong-bang"), None if unknown
    orgtype: str = "other"  # notation in vnc:scheme-orgtype
    is_group: bool = False  # a collective ("các phòng, ban, ngành quận"), not one agency
    member_count: int | None = None  # "UBND 09 phường" → 9
    span: Span = (0, 0)
    member_level: str | None = None  # a collective's members' level ("UBND các xã" → "commune")
    member_types: tuple[str, ...] = ()  # their unit types ("UBND các xã, thị trấn" → commune, township)

    def shifted(self, offset: int) -> AgencyRef:
        """This reference with its span moved by ``offset`` (``dataclasses.replace``, without its
        checks: a plan's role lines shift hundreds of references)."""
        start, end = self.span
        return AgencyRef(self.name, self.source_text, self.unit, self.orgtype, self.is_group,
                         self.member_count, (start + offset, end + offset), self.member_level,
                         self.member_types)


@dataclass(frozen=True)
class DocumentMeta:
    number: str | None  # "258/KH-UBND"; None when absent or blank ("Số: /KH-UBND")
    date: str | None  # ISO "2022-12-16"; "2022-03" with month precision; "2022" year only
    date_precision: str | None  # "day" | "month" | "year" | None
    place: str | None  # "Hồng Bàng"
    issuer: AgencyRef | None  # UBND quận Hồng Bàng
    unit_name: str | None  # "quận Hồng Bàng" (with diacritics)
    unit_path: str | None  # "hai-phong/hong-bang"
    level: str | None  # "national" | "province" | "district" | "commune"
    unit_type: str | None  # notation in vnc:scheme-unittype
    title: str | None
    period: tuple[int, int] | None  # (2022, 2030); (2026, 2026) for a one-year plan
    doctype: str = "plan"
    flags: tuple[str, ...] = ()  # "number-missing", "day-missing", "ocr-text", ...
    span: Span = (0, 0)  # span of the header block (number/date line to title)


@dataclass(frozen=True)
class DocRef:
    """A cited or implemented document, normalised."""

    number: str | None  # "59/KH-UBND", "55/2009/NĐ-CP"; None for "Luật Bình đẳng giới"
    kind: str  # notation in vnc:scheme-doctype
    title: str | None  # "Luật Bình đẳng giới", "Công ước CEDAW", or the quoted name
    date: str | None  # ISO date or year "1979"
    issuer: AgencyRef | None
    articles: tuple[str, ...] = ()  # ("Điều 26",), ("khoản 1 Điều 11", "khoản 2 Điều 11")
    relation: str = "mention"  # vnc:scheme-citation notation: implements | legal-basis | content | mention
    span: Span = (0, 0)


@dataclass(frozen=True)
class Objective:
    text: str
    general: bool  # "Mục tiêu chung" vs specific
    span: Span = (0, 0)


@dataclass(frozen=True)
class Target:
    text: str
    indicator: str | None  # notation in vnc:scheme-indicator, None if unmatched
    value: float | None
    value_max: float | None
    unit: str | None  # vnc:scheme-measure notation: percent, event, news-item, model, ...
    comparator: str | None  # at-least | exactly | at-most | increase-by | decrease-by
    year: int | None
    baseline_year: int | None
    recurrence: str | None  # annual | semiannual | quarterly | monthly | once
    population: str | None
    span: Span = (0, 0)
    # the comparator above is the reading scored by ``kg eval`` (a change when there is one, else the
    # relation); the graph keeps them apart (kg/extract/targets/qualify.py):
    relation: str | None = None  # at-least | at-most | exactly | range (vnc:scheme-comparator)
    change: str | None = None  # increase | decrease (vnc:scheme-change): the value is the amount
    baseline_value: float | None = None  # where a stated change starts ("giảm từ 23 … xuống 18" → 23)
    scope: str | None = None  # whole-unit | per-sub-unit | per-agency (vnc:scheme-scope)

    def __post_init__(self) -> None:
        # a record made from the combined comparator alone (tables, benchmarks, tests) gets it split
        if self.relation is None and self.change is None and self.comparator is not None:
            relation, change = relation_and_change(self.comparator, self.value_max, None)
            object.__setattr__(self, "relation", relation)
            object.__setattr__(self, "change", change)


CHANGES = {"increase-by": "increase", "decrease-by": "decrease"}


def relation_and_change(comparator: str | None, value_max: float | None, bound: str | None
                        ) -> tuple[str | None, str | None]:
    """(relation, change) of a combined comparator: "increase-by" with "ít nhất" (``bound``) is an
    increase by at least the value; a level stated as a range ("15-20%") is a range."""
    change = CHANGES.get(comparator or "")
    if change is not None:
        return bound or ("range" if value_max is not None else "exactly"), change
    if comparator == "exactly" and value_max is not None:
        return "range", None
    return comparator, None


@dataclass(frozen=True)
class Task:
    title: str
    lead: tuple[AgencyRef, ...] = ()
    partners: tuple[AgencyRef, ...] = ()
    timeframe: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    recurrence: str | None = None
    span: Span = (0, 0)


@dataclass(frozen=True)
class Responsibility:
    agency: AgencyRef
    duties: tuple[str, ...]
    covers_tasks: tuple[int, ...] = ()  # indexes into PlanExtraction.tasks
    span: Span = (0, 0)


@dataclass(frozen=True)
class ReportingDuty:
    reporter: tuple[AgencyRef, ...]
    recipient: tuple[AgencyRef, ...]
    deadline: str | None  # ISO date "2026-12-10", or "--12-10" (day/month, recurring)
    recurrence: str | None
    subject: str | None
    span: Span = (0, 0)
    kind: str | None = None  # vnc:scheme-dutykind: submit-plan, periodic-report, review-report, result-report


@dataclass(frozen=True)
class Funding:
    text: str
    kind: str  # vnc:scheme-funding notation
    span: Span = (0, 0)


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str | None  # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    span: Span = (0, 0)


@dataclass(frozen=True)
class Recipient:
    text: str  # as written
    agency: AgencyRef | None
    span: Span = (0, 0)


@dataclass
class PlanExtraction:
    document: DocumentMeta
    implements: list[DocRef] = field(default_factory=list)
    citations: list[DocRef] = field(default_factory=list)  # every cited document, implements included
    objectives: list[Objective] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    reporting: list[ReportingDuty] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    signatory: Signatory | None = None
    recipients: list[Recipient] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what was skipped or doubtful, for the user


def _names(refs: tuple[AgencyRef, ...]) -> list[str]:
    return [r.name for r in refs]


def to_json_view(x: PlanExtraction) -> dict[str, Any]:
    """The stable JSON view of one document's extraction (see README, "JSON view")."""
    d = x.document
    return {
        "document": {
            "number": d.number,
            "date": d.date,
            "date_precision": d.date_precision,
            "place": d.place,
            "issuer": d.issuer.name if d.issuer else None,
            "unit": d.unit_name,
            "level": d.level,
            "title": d.title,
            "period": list(d.period) if d.period else None,
            "flags": list(d.flags),
            "span": list(d.span),
        },
        "implements": [
            {
                "number": r.number,
                "date": r.date,
                "issuer": r.issuer.name if r.issuer else None,
                "title": r.title,
                "span": list(r.span),
            }
            for r in x.implements
        ],
        "citations": [
            {
                "number": r.number,
                "title": r.title,
                "kind": r.kind,
                "relation": r.relation,
                "date": r.date,
                "issuer": r.issuer.name if r.issuer else None,
                "articles": list(r.articles),
                "span": list(r.span),
            }
            for r in x.citations
        ],
        "objectives": [{"text": o.text, "general": o.general, "span": list(o.span)} for o in x.objectives],
        "targets": [
            {
                "text": t.text,
                "indicator": t.indicator,
                "value": t.value,
                "value_max": t.value_max,
                "unit": t.unit,
                "comparator": t.comparator,
                "year": t.year,
                "baseline_year": t.baseline_year,
                "recurrence": t.recurrence,
                "population": t.population,
                "relation": t.relation,
                "change": t.change,
                "baseline_value": t.baseline_value,
                "scope": t.scope,
                "span": list(t.span),
            }
            for t in x.targets
        ],
        "tasks": [
            {
                "title": t.title,
                "lead": _names(t.lead),
                "partners": _names(t.partners),
                "timeframe": t.timeframe,
                "span": list(t.span),
            }
            for t in x.tasks
        ],
        "responsibilities": [
            {"agency": r.agency.name, "duties": list(r.duties), "span": list(r.span)}
            for r in x.responsibilities
        ],
        "reporting": [
            {
                "from": _names(r.reporter),
                "to": _names(r.recipient),
                "deadline": r.deadline,
                "recurrence": r.recurrence,
                "span": list(r.span),
            }
            for r in x.reporting
        ],
        "funding": [{"text": f.text, "kind": f.kind, "span": list(f.span)} for f in x.funding],
        "signatory": (
            {"name": x.signatory.name, "title": x.signatory.title, "span": list(x.signatory.span)}
            if x.signatory
            else None
        ),
        "recipients": [
            {"text": r.text, "agency": r.agency.name if r.agency else None, "span": list(r.span)}
            for r in x.recipients
        ],
    }


def as_dict(record: Any) -> dict[str, Any]:
    """A plain dict of any record (for debugging and tests)."""
    return asdict(record)
