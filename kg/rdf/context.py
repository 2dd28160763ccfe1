"""The graph of one plan while it is being mapped, and the nodes every fact mapper shares.

:class:`PlanContext` holds the extraction, its text, the source file, the reference index and the
triples being written (kg/rdf/sink.py); it mints the plan's IRI and its parts, records what the plan says of
the shared entities it names (agents, cited documents) on its own mention and citation nodes (the
entities themselves are described once, in graph/entities: kg/rdf/entities.py), and annotates a
node with the text span it came from (``vnp:evidence``: an RFC 5147 fragment of the source text,
whose quote is stored once per span). Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.extract.records import AgencyRef, DocRef, PlanExtraction
from kg.rdf.namespaces import OA, VNP, concept, fold, mint_iri, short_hash
from kg.rdf.references import ReferenceIndex, number_year, year_of
from kg.rdf.sink import Triples, lit

DOC_CLASS = {
    "convention": VNP.InternationalConvention,
    "constitution": VNP.Constitution,
    "law": VNP.Law,
    "code": VNP.Law,
    "resolution": VNP.Resolution,
    "decree": VNP.Decree,
    "decision": VNP.Decision,
    "directive": VNP.Directive,
    "circular": VNP.Circular,
    "strategy": VNP.Strategy,
    "programme": VNP.Programme,
    "plan": VNP.Plan,
    "official-letter": VNP.OfficialLetter,
    "instruction": VNP.LegalDocument,  # a guidance document (Hướng dẫn) has no class of its own
    "other": VNP.LegalDocument,
}
_LOCAL_SYMBOL = re.compile(r"UBND|HĐND|HDND", re.I)  # a people's committee or council: a local issuer
_ARTICLE = re.compile(r"(?:(?:khoan|khoản)\s+(?P<k>\d+)\s+)?(?:Điều|Dieu|điều)\s+(?P<d>\d+)", re.I)


@dataclass(frozen=True)
class SourceInfo:
    sha256: str
    file_name: str
    media_type: str


def evidence_iri(source: URIRef, start: int, end: int) -> URIRef:
    """The span ``start``–``end`` of a source file's text: ``{source}#char={start},{end}`` (RFC 5147)."""
    return URIRef(f"{source}#char={start},{end}")


def evidence_span(iri: str) -> tuple[str, int, int] | None:
    """(source IRI, start, end) of an evidence IRI made by :func:`evidence_iri`, else None."""
    m = re.fullmatch(r"(.+)#char=(\d+),(\d+)", iri)
    return (m[1], int(m[2]), int(m[3])) if m else None


def cited_date(date: str | None) -> Literal | None:
    """A cited date as a typed literal: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; else None."""
    if full := full_date(date):
        return full
    if date and re.fullmatch(r"\d{4}-\d\d", date):
        return Literal(date, datatype=XSD.gYearMonth)
    if date and re.fullmatch(r"\d{4}", date):
        return Literal(date, datatype=XSD.gYear)
    return None


def full_date(date: str | None) -> Literal | None:
    """An ``xsd:date`` literal when ``date`` has a day (``"2022-03-15"``), else None."""
    if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return Literal(date, datatype=XSD.date)
    return None


class PlanContext:
    """One plan's graph in the making (``g``), its IRI (``plan``) and the shared node makers."""

    def __init__(self, x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex) -> None:
        self.x, self.text, self.source, self.ref = x, text, source, ref
        self.g = Triples()  # rdflib's Graph.add, without its indexes (kg/rdf/sink.py)
        self.unit_path = x.document.unit_path or "unknown"
        self.source_iri = mint_iri("source", source.sha256)
        self.plan = self._plan_iri()
        self._agents: dict[tuple, URIRef] = {}  # :meth:`agent` once per agency as the plan names it

    def _plan_iri(self) -> URIRef:
        d = self.x.document
        year = year_of(d.date) or (str(d.period[0]) if d.period else "undated")
        if d.number:
            return mint_iri("doc", f"vn/{self.unit_path}", year, d.number)
        identity = d.title or self.source.sha256
        return mint_iri("doc", f"vn/{self.unit_path}", year, f"kh-{short_hash(fold(identity))}")

    def part(self, local: str) -> URIRef:
        """A node of this plan: ``{plan}/task/3``, ``{plan}/annotation/{hash8}``, …"""
        return mint_iri("part", str(self.plan), local)

    def mention(self, entity: URIRef) -> URIRef:
        """This plan's mention node of a shared entity (``{plan}/mention/{hash8}``), linked to it: what
        the plan says about the entity (name, kind, spelling) stays here; the entity's one description
        is made from every plan's mentions in graph/entities (kg/rdf/entities.py)."""
        node = self.part(f"mention/{short_hash(str(entity))}")
        self.g.add((node, VNP.mentionOf, entity))
        return node

    def agent(self, a: AgencyRef) -> URIRef:
        """The agency or group named by ``a``; what the plan says of it goes on its mention node, unless
        the reference data knows it."""
        # every field but the span: an agency named again adds nothing to the graph (a set)
        key = (a.name, a.source_text, a.unit, a.orgtype, a.is_group, a.member_count, a.member_level,
               a.member_types)
        if (known := self._agents.get(key)) is None:
            known = self._agents[key] = self._agent(a)
        return known

    def _agent(self, a: AgencyRef) -> URIRef:
        unit = a.unit or self.unit_path
        iri = mint_iri("group" if a.is_group else "org", unit, a.name)
        if iri in self.ref.known:
            return iri
        g, m = self.g, self.mention(iri)
        g.add((m, VNP.mentionedKind, VNP.AgencyGroup if a.is_group else VNP.Agency))
        g.add((m, VNP.mentionedName, lit(a.name, lang="vi")))
        if a.source_text and a.source_text != a.name:
            g.add((m, VNP.sourceSpelling, lit(a.source_text)))
        if a.unit:
            g.add((m, VNP.mentionedUnit, mint_iri("unit", a.unit)))
        if a.is_group:  # its members' kind: org type, level, unit types (graph/entities: vnp:member…)
            if a.member_count is not None:
                g.add((m, VNP.mentionedCount, lit(a.member_count)))
            if a.orgtype != "other":
                g.add((m, VNP.mentionedKind, concept("orgtype", a.orgtype)))
            if a.member_level:
                g.add((m, VNP.mentionedKind, concept("level", a.member_level)))
            for unit_type in a.member_types:
                g.add((m, VNP.mentionedKind, concept("unittype", unit_type)))
        else:
            g.add((m, VNP.mentionedKind, concept("orgtype", a.orgtype)))
        return iri

    def annotate(self, body: URIRef, span: tuple[int, int]) -> None:
        """Say that ``body`` was read from ``span`` of the source text: ``body vnp:evidence <{source}#char=
        {start},{end}>`` (an RFC 5147 fragment of the reader's text), the quote stored once per span
        (``oa:exact``) and shared by every fact read from it."""
        start, end = span
        if not (0 <= start < end <= len(self.text)):
            return
        evidence = evidence_iri(self.source_iri, start, end)
        self.g.add((body, VNP.evidence, evidence))
        self.g.add((evidence, OA.exact, lit(self.text[start:end])))

    def doc(self, r: DocRef) -> URIRef:
        """A cited document: the reference data's IRI when it resolves, else minted (described from the
        citations' claims in graph/entities, see :meth:`cite`)."""
        hit = self.ref.resolve(r, self.x.document.date)
        if hit is not None:
            return hit
        year = number_year(r.number) or year_of(r.date) or "undated"
        if r.number:
            if r.issuer and r.issuer.unit:  # minted from its own issuer's unit
                unit = r.issuer.unit
                return mint_iri("doc", "vn" if unit == "vn" else f"vn/{unit}", year, r.number)
            if not _LOCAL_SYMBOL.search(r.number.split("/")[-1]):
                return mint_iri("doc", "vn", year, r.number)
            # A local document ("45/KH-UBND") whose issuer the citation does not name: its unit is not
            # known (the parent plan of a commune's plan is usually the district's), so it is not minted
            # under the citing plan's unit, where it would take the identity of that unit's own
            # document of the same number; the number recurs across units, so it stays apart per
            # citing unit, in the namespace of documents known only by citation.
            return mint_iri("doc", f"vn/cited-in/{self.unit_path}", year, r.number)
        # Known only by its name: the year (when cited) keeps two documents of the same
        # name apart ("Luật Tổ chức chính quyền địa phương" 2015 and its 2019 amendment).
        return mint_iri("doc", "vn", year_of(r.date) or "cited", r.title or r.kind)

    def cite(self, citation: URIRef, r: DocRef, doc: URIRef) -> None:
        """What the citation ``r`` says of the document ``doc`` it cites (kind, number, title, date,
        issuer and the issuer's unit), on the plan's citation node; nothing when the reference data
        describes ``doc``."""
        if doc in self.ref.known:
            return
        g = self.g
        g.add((citation, VNP.mentionedKind, concept("doctype", r.kind if r.kind in DOC_CLASS else "other")))
        if r.number:
            g.add((citation, VNP.mentionedNumber, lit(r.number)))
        if r.title:
            g.add((citation, VNP.mentionedName, lit(r.title, lang="vi")))
        if (date := cited_date(r.date)) is not None:
            g.add((citation, VNP.mentionedDate, date))
        if r.issuer:
            g.add((citation, VNP.mentionedIssuer, self.agent(r.issuer)))
            if r.issuer.unit and r.issuer.unit != "vn":
                g.add((citation, VNP.mentionedUnit, mint_iri("unit", r.issuer.unit)))

    def subdivision(self, doc: URIRef, article: str) -> URIRef | None:
        """The article (and clause) of ``doc`` that ``article`` names ("khoản 1 Điều 11"), or None; it is
        described in graph/entities from its IRI (kg/rdf/entities.py)."""
        m = _ARTICLE.search(article)
        if not m:
            return None
        art = mint_iri("subdivision", str(doc), f"dieu_{m['d']}")
        if not m["k"]:
            return art
        return mint_iri("subdivision", str(art), f"khoan_{m['k']}")
