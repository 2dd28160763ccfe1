"""Records → triples: one plan's extraction as the graph of its named graph.

``map_plan`` is pure: it takes one :class:`PlanExtraction`, the text it came from (for quotes), a
description of the source file (:class:`kg.rdf.context.SourceInfo`) and a
:class:`kg.rdf.references.ReferenceIndex` (what the curated reference data already knows), and
returns the plan's IRI and an rdflib Graph holding everything that belongs in the plan's named
graph. This module maps the plan document (metadata, citations, provenance); :mod:`kg.rdf.facts`
maps its content, one function per fact kind. Only these modules make RDF from extraction records.
Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.extract.records import PlanExtraction
from kg.rdf import facts
from kg.rdf.context import PlanContext, SourceInfo, full_date
from kg.rdf.namespaces import ELI, VNP, base, concept, fold, graph_iri, mint_iri, pinned_base
from kg.rdf.references import ReferenceIndex, number_key, year_of
from kg.rdf.release import extraction
from kg.rdf.sink import Triples, lit
from kg.rdf.unit_resolution import resolve_unit

LEVEL_CLASS = {
    "national": VNP.Country,
    "province": VNP.Province,
    "district": VNP.District,
    "commune": VNP.Commune,
}
RELATION_PROPERTY = {"implements": VNP.implements, "legal-basis": VNP.hasLegalBasis}
# eli:language of a plan's expression: Vietnamese in the EU language authority table
VIETNAMESE = URIRef("http://publications.europa.eu/resource/authority/language/VIE")
PROGRAMME_DECISION = "1790/QĐ-TTg"  # approves the national GE communication programme to 2030
# A parent plan "(thực hiện Chương trình) truyền thông về bình đẳng giới …" implements the programme.
# Matched on folded text, loosely enough for OCR ("truyén théng vé binh dang gidi").
_PROGRAMME_MENTION = re.compile(
    r"truy\S{0,2}n\s+th\S{0,2}ng\s+v\S{0,2}\s+b\S{0,2}nh\s+d\S{0,2}ng\s+g\S{0,3}i\b"
)


def map_plan(
    x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex | None = None
) -> tuple[URIRef, Graph]:
    """Map one plan's extraction to (plan IRI, graph of the plan's named graph)."""
    plan, triples = map_triples(x, text, source, ref)
    return plan, triples.to_graph()


def map_triples(
    x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex | None = None
) -> tuple[URIRef, Triples]:
    """:func:`map_plan` without an rdflib Graph: the triples of the plan's named graph as a
    :class:`kg.rdf.sink.Triples` (written straight to N-Quads by the build's workers)."""
    with pinned_base():  # the base setting read once for the plan's IRIs
        ctx = PlanContext(x, text, source, ref or ReferenceIndex())
        metadata(ctx)
        citations(ctx)
        facts.objectives(ctx)
        facts.targets(ctx)
        task_nodes = facts.tasks(ctx)
        facts.deliveries(ctx, task_nodes)
        facts.responsibilities(ctx, task_nodes)
        facts.reporting(ctx)
        facts.funding(ctx)
        facts.signatory(ctx)
        facts.recipients(ctx)
        provenance(ctx)
    return ctx.plan, ctx.g


def plan_graph_iri(plan: URIRef) -> URIRef:
    """The named graph that holds everything extracted from one plan."""
    return graph_iri("plan", str(plan)[len(base()) :])


def metadata(ctx: PlanContext) -> None:
    """The plan document: number, title, labels, date, issuer, jurisdiction, period, flags."""
    g, p, d = ctx.g, ctx.plan, ctx.x.document
    g.add((p, RDF.type, VNP.Plan))
    g.add((p, VNP.documentType, concept("doctype", "plan")))
    if d.number:
        g.add((p, ELI.number, lit(d.number)))
    if d.title:  # the work's title; the expression's is eli:title (``provenance``)
        g.add((p, DCTERMS.title, lit(d.title, lang="vi")))
    issuer = d.issuer.name if d.issuer else d.unit_name or "?"
    head = f"Kế hoạch {d.number}" if d.number else "Kế hoạch (không số)"
    g.add((p, RDFS.label, lit(f"{head} của {issuer}", lang="vi")))
    g.add((p, RDFS.label, lit(f"Plan {d.number or '(unnumbered)'} of {issuer}", lang="en")))
    if (dd := full_date(d.date)) is not None:
        g.add((p, ELI.date_document, dd))
    if d.date and (y := year_of(d.date)):
        g.add((p, VNP.issuedYear, lit(int(y))))
        if len(d.date) >= 7:
            g.add((p, VNP.issuedMonth, lit(int(d.date[5:7]))))
    if d.date_precision:
        g.add((p, VNP.datePrecision, concept("precision", d.date_precision)))
    if d.place:
        g.add((p, VNP.placeName, lit(d.place)))
    if d.issuer:
        g.add((p, VNP.issuedBy, ctx.agent(d.issuer)))
    if d.unit_path:
        unit = mint_iri("unit", d.unit_path)
        g.add((p, VNP.jurisdiction, unit))
        if unit not in ctx.ref.known:
            m = ctx.mention(unit)
            if d.level in LEVEL_CLASS:
                g.add((m, VNP.mentionedKind, LEVEL_CLASS[d.level]))
                g.add((m, VNP.mentionedKind, concept("level", d.level)))
            if d.unit_type:
                g.add((m, VNP.mentionedKind, concept("unittype", d.unit_type)))
            if d.unit_name:
                g.add((m, VNP.mentionedName, lit(d.unit_name, lang="vi")))
    if ctx.ref.units:
        resolved = resolve_unit(d, ctx.text, ctx.ref.units)
        if resolved.unit:
            g.add((p, VNP.resolvedUnit, URIRef(resolved.unit)))
        else:
            g.add((p, VNP.unitResolutionNote, lit(resolved.note)))
    if d.period:
        g.add((p, VNP.periodStart, lit(d.period[0])))
        g.add((p, VNP.periodEnd, lit(d.period[1])))
    for flag in d.flags:
        g.add((p, VNP.extractionFlag, lit(flag)))
    ctx.annotate(p, d.span)


def citations(ctx: PlanContext) -> None:
    """One qualified citation per cited document and relation, and the plans this one implements."""
    g, p, x = ctx.g, ctx.plan, ctx.x
    programme = ctx.ref.by_number.get(number_key(PROGRAMME_DECISION))
    seen: dict[tuple[URIRef, str], URIRef] = {}
    refs = list(x.citations)
    refs += [r for r in x.implements if all(r.span != c.span for c in refs)]
    for r in refs:
        doc = ctx.doc(r)
        relation = r.relation if r in x.citations else "implements"
        key = (doc, relation)
        if key in seen:
            continue
        c = ctx.part(f"citation/{len(seen) + 1}")
        seen[key] = c
        g.add((p, VNP.hasCitation, c))
        g.add((c, RDF.type, VNP.Citation))
        g.add((c, VNP.citedDocument, doc))
        g.add((c, VNP.citationKind, concept("citation", relation)))
        ctx.cite(c, r, doc)  # vnp:cites: derived from the citation (shapes/rules/inference.ttl)
        if relation in RELATION_PROPERTY:
            g.add((p, RELATION_PROPERTY[relation], doc))
        for article in r.articles:
            sub = ctx.subdivision(doc, article)
            if sub is not None:
                g.add((c, VNP.citedSubdivision, sub))
        ctx.annotate(c, r.span)
        quote = fold(ctx.text[r.span[0] : r.span[1]])
        if (
            relation == "implements"
            and r.kind == "plan"
            and programme is not None
            and doc != programme
            and _PROGRAMME_MENTION.search(quote)
        ):
            # "Kế hoạch số … thực hiện Chương trình truyền thông về bình đẳng giới …":
            # the text says the parent plan implements the national programme (QĐ 1790): a claim of
            # this citation, stated of the parent in graph/entities (kg/rdf/entities.py)
            g.add((c, VNP.mentionedImplements, programme))
        elif relation == "implements" and r.kind == "plan":
            # the same for any programme or strategy the reference data knows the approver of
            approver = ctx.ref.approver_named_in(ctx.text[r.span[0] : r.span[1]])
            if approver is not None and approver != doc:
                g.add((c, VNP.mentionedImplements, approver))
    for r in x.implements:
        g.add((p, VNP.implements, ctx.doc(r)))
    _implements_through_title(ctx)


# "(Kế hoạch) thực hiện / triển khai Chương trình X": the object the title says the plan carries out
_CARRIES_OUT = re.compile(r"(?:thuc\s+hien|trien\s+khai|thi\s+hanh)\s+(.+)$")


def _implements_through_title(ctx: PlanContext) -> None:
    """A plan whose title carries out a programme or strategy ("Kế hoạch thực hiện Chương trình X") and
    that names no parent of its own implements the document that approved X, when the reference data
    knows it (issue 13 item 5); "Căn cứ" alone stays a legal basis."""
    title = ctx.x.document.title
    if ctx.x.implements or not title:
        return
    m = _CARRIES_OUT.search(fold(title))
    approver = ctx.ref.approver_named_in(m.group(1)) if m else None
    if approver is not None:
        ctx.g.add((ctx.plan, VNP.implements, approver))


def provenance(ctx: PlanContext) -> None:
    """The ELI chain from the plan to the file it was read from, and what generated the plan's graph.

    The plan (eli:LegalResource, the work) eli:is_realized_by its Vietnamese expression (title and
    language), which eli:is_embodied_by the source file (a vnp:SourceFile ⊑ eli:Format). The plan
    was issued by its People's Committee, not made by this software: what the extraction activity
    generated is the plan's named graph (kg/rdf/release.py, versions and file hash, no clock). The
    plan stays prov:wasDerivedFrom the file, the mark of a plan held in the corpus."""
    g, s, plan = ctx.g, ctx.source_iri, ctx.plan
    g.add((plan, PROV.wasDerivedFrom, s))
    g.add((s, RDF.type, VNP.SourceFile))
    g.add((s, VNP.sha256, lit(ctx.source.sha256)))
    g.add((s, VNP.fileName, lit(ctx.source.file_name)))
    g.add((s, VNP.mediaType, lit(ctx.source.media_type)))
    expression = ctx.part("vie")
    g.add((plan, ELI.is_realized_by, expression))
    g.add((expression, RDF.type, ELI.LegalExpression))
    g.add((expression, ELI.language, VIETNAMESE))
    if ctx.x.document.title:
        g.add((expression, ELI.title, lit(ctx.x.document.title, lang="vi")))
    g.add((expression, ELI.is_embodied_by, s))
    for triple in extraction(plan_graph_iri(plan), s, ctx.source.sha256):
        g.add(triple)
