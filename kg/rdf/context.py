"""The graph of one plan while it is being mapped, and the nodes every fact mapper shares.

:class:`PlanContext` holds the extraction, its text, the source file, the reference index and the
rdflib Graph being written; it mints the plan's IRI and its parts, describes agents and cited
documents (unless the reference data already does), and annotates a node with the text span it
came from (a Web Annotation quoting the source). Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.extract.records import AgencyRef, DocRef, PlanExtraction
from kg.rdf.namespaces import ELI, OA, ORG, VNP, concept, fold, mint_iri, short_hash
from kg.rdf.references import ReferenceIndex, number_year, year_of

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
_ARTICLE = re.compile(r"(?:(?:khoan|khoản)\s+(?P<k>\d+)\s+)?(?:Điều|Dieu|điều)\s+(?P<d>\d+)", re.I)


@dataclass(frozen=True)
class SourceInfo:
    sha256: str
    file_name: str
    media_type: str


def full_date(date: str | None) -> Literal | None:
    """An ``xsd:date`` literal when ``date`` has a day (``"2022-03-15"``), else None."""
    if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return Literal(date, datatype=XSD.date)
    return None


class PlanContext:
    """One plan's graph in the making (``g``), its IRI (``plan``) and the shared node makers."""

    def __init__(self, x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex) -> None:
        self.x, self.text, self.source, self.ref = x, text, source, ref
        self.g = Graph()
        self.unit_path = x.document.unit_path or "unknown"
        self.source_iri = mint_iri("source", source.sha256)
        self.plan = self._plan_iri()

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

    def agent(self, a: AgencyRef) -> URIRef:
        """The agency or group named by ``a``, described here unless the reference data knows it."""
        unit = a.unit or self.unit_path
        iri = mint_iri("group" if a.is_group else "org", unit, a.name)
        if iri in self.ref.known:
            return iri
        g = self.g
        g.add((iri, RDF.type, VNP.AgencyGroup if a.is_group else VNP.Agency))
        g.add((iri, RDFS.label, Literal(a.name, lang="vi")))
        g.add((iri, SKOS.prefLabel, Literal(a.name, lang="vi")))
        g.add((iri, SKOS.altLabel, Literal(fold(a.name))))
        if a.source_text and a.source_text != a.name:
            g.add((iri, VNP.sourceSpelling, Literal(a.source_text)))
        if a.unit:
            g.add((iri, VNP.scopeUnit, mint_iri("unit", a.unit)))
        if a.is_group:
            if a.member_count is not None:
                g.add((iri, VNP.memberCount, Literal(a.member_count)))
        else:
            g.add((iri, ORG.classification, concept("orgtype", a.orgtype)))
        return iri

    def annotate(self, body: URIRef, span: tuple[int, int]) -> None:
        """The Web Annotation saying that ``body`` was read from ``span`` of the source text."""
        start, end = span
        if not (0 <= start < end <= len(self.text)):
            return
        anno = self.part(f"annotation/{short_hash(str(body))}")
        target, pos, quote = (URIRef(f"{anno}#{k}") for k in ("target", "position", "quote"))
        g = self.g
        g.add((anno, RDF.type, OA.Annotation))
        g.add((anno, OA.hasBody, body))
        g.add((anno, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.source_iri))
        g.add((target, OA.hasSelector, pos))
        g.add((target, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(start)))
        g.add((pos, OA.end, Literal(end)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(self.text[start:end])))

    def doc(self, r: DocRef) -> URIRef:
        """A cited document: the reference data's IRI when it resolves, else minted and described."""
        hit = self.ref.resolve(r, self.x.document.date)
        if hit is not None:
            return hit
        year = number_year(r.number) or year_of(r.date) or "undated"
        if r.number:
            unit = (r.issuer.unit if r.issuer and r.issuer.unit else None) or self._guess_jurisdiction(
                r.number
            )
            iri = mint_iri("doc", "vn" if unit == "vn" else f"vn/{unit}", year, r.number)
        else:
            # Known only by its name: the year (when cited) keeps two documents of the same
            # name apart ("Luật Tổ chức chính quyền địa phương" 2015 and its 2019 amendment).
            iri = mint_iri("doc", "vn", year_of(r.date) or "cited", r.title or r.kind)
        g = self.g
        g.add((iri, RDF.type, DOC_CLASS.get(r.kind, VNP.LegalDocument)))
        g.add((iri, VNP.documentType, concept("doctype", r.kind if r.kind in DOC_CLASS else "other")))
        if r.number:
            g.add((iri, ELI.number, Literal(r.number)))
        label = r.title or (f"{r.number}" if r.number else r.kind)
        g.add((iri, RDFS.label, Literal(label, lang="vi")))
        if r.title:
            g.add((iri, ELI.title, Literal(r.title, lang="vi")))
        if (d := full_date(r.date)) is not None:
            g.add((iri, ELI.date_document, d))
        if year.isdigit():
            g.add((iri, VNP.issuedYear, Literal(int(year))))
        if r.issuer:
            g.add((iri, VNP.issuedBy, self.agent(r.issuer)))
        return iri

    def _guess_jurisdiction(self, number: str) -> str:
        symbol = number.split("/")[-1]
        return self.unit_path if re.search(r"UBND|HĐND|HDND", symbol, re.I) else "vn"

    def subdivision(self, doc: URIRef, article: str) -> URIRef | None:
        """The article (and clause) of ``doc`` that ``article`` names ("khoản 1 Điều 11"), or None."""
        m = _ARTICLE.search(article)
        if not m:
            return None
        g = self.g
        art = mint_iri("subdivision", str(doc), f"dieu_{m['d']}")
        g.add((art, RDF.type, VNP.Article))
        g.add((art, VNP.isPartOf, doc))
        g.add((art, VNP.articleNumber, Literal(m["d"])))
        g.add((art, RDFS.label, Literal(f"Điều {m['d']}", lang="vi")))
        if not m["k"]:
            return art
        clause = mint_iri("subdivision", str(art), f"khoan_{m['k']}")
        g.add((clause, RDF.type, VNP.Clause))
        g.add((clause, VNP.isPartOf, art))
        g.add((clause, VNP.clauseNumber, Literal(m["k"])))
        g.add((clause, RDFS.label, Literal(f"khoản {m['k']} Điều {m['d']}", lang="vi")))
        return clause
