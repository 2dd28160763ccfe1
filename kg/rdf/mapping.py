"""Records → triples. The only module that makes RDF from extraction records.

``map_plan`` is pure: it takes one :class:`PlanExtraction`, the text it came
from (for quotes), a description of the source file and a
:class:`ReferenceIndex` (what the curated reference data already knows), and
returns the plan's IRI and an rdflib Graph holding everything that belongs in the
plan's named graph. Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.extract.records import AgencyRef, DocRef, PlanExtraction
from kg.rdf.namespaces import ELI, OA, PPLAN, VNP, base, concept, fold, mint_iri, short_hash

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
    "instruction": VNP.OfficialLetter,
}
LEVEL_CLASS = {
    "national": VNP.Country,
    "province": VNP.Province,
    "district": VNP.District,
    "commune": VNP.Commune,
}
RELATION_PROPERTY = {"implements": VNP.implements, "legal-basis": VNP.hasLegalBasis}
PROGRAMME_DECISION = "1790/QĐ-TTg"  # approves the national GE communication programme to 2030
# A parent plan "(thực hiện Chương trình) truyền thông về bình đẳng giới …" implements the programme.
# Matched on folded text, loosely enough for OCR ("truyén théng vé binh dang gidi").
_PROGRAMME_MENTION = re.compile(
    r"truy\S{0,2}n\s+th\S{0,2}ng\s+v\S{0,2}\s+b\S{0,2}nh\s+d\S{0,2}ng\s+g\S{0,3}i\b"
)
_NATIONAL_SYMBOL = re.compile(r"[/-](?:QH\d*|NĐ-CP|NQ-CP|QĐ-TTg|CT-TTg|CT/TW|NQ/TW|QĐ-UBDT)\b", re.I)
_ARTICLE = re.compile(r"(?:(?:khoan|khoản)\s+(?P<k>\d+)\s+)?(?:Điều|Dieu|điều)\s+(?P<d>\d+)", re.I)


def number_key(number: str) -> str:
    """Normalise a document number for lookups: ``"59 /KH-UBND"`` → ``"59/kh-ubnd"``."""
    return re.sub(r"\s+", "", fold(number))


@dataclass
class ReferenceIndex:
    """What the reference data knows, for resolving citations and skipping re-descriptions.

    A title cited without a number ("Luật Phòng, chống bạo lực gia đình") can name
    several documents over time; :meth:`resolve` picks the one in force on the
    citing plan's date (or the one whose year the citation gives).
    """

    by_number: dict[str, URIRef] = field(default_factory=dict)
    by_label: dict[str, list[URIRef]] = field(default_factory=dict)
    issued: dict[URIRef, str] = field(default_factory=dict)
    ended: dict[URIRef, str] = field(default_factory=dict)
    known: set[URIRef] = field(default_factory=set)

    @classmethod
    def from_graph(cls, graph: Graph) -> ReferenceIndex:
        index = cls()
        index.known = {s for s in graph.subjects() if isinstance(s, URIRef)}
        for s, o in graph.subject_objects(ELI.number):
            index.by_number[number_key(str(o))] = s  # type: ignore[assignment]
        for s, o in graph.subject_objects(VNP.issuedYear):
            index.issued[s] = f"{int(o):04d}-01-01"  # type: ignore[index]
        for s, o in graph.subject_objects(ELI.date_document):
            index.issued[s] = str(o)  # type: ignore[index]
        for s, o in graph.subject_objects(ELI.date_no_longer_in_force):
            index.ended[s] = str(o)  # type: ignore[index]
        documents = set(index.issued) | set(index.by_number.values())
        documents |= set(graph.subjects(ELI.title))
        for prop in (SKOS.altLabel, SKOS.prefLabel, RDFS.label, ELI.title):
            for s, o in graph.subject_objects(prop):
                if s in documents:
                    hits = index.by_label.setdefault(fold(str(o)), [])
                    if s not in hits:
                        hits.append(s)  # type: ignore[arg-type]
        for hits in index.by_label.values():
            hits.sort()
        return index

    def resolve(self, ref: DocRef, on_date: str | None = None) -> URIRef | None:
        if ref.number:
            # Local numbers ("112/KH-UBND") recur in every province and year: only numbers that
            # carry their year or a national issuer's symbol identify one document on their own.
            if not (_number_year(ref.number) or _NATIONAL_SYMBOL.search(ref.number)):
                return None
            hit = self.by_number.get(number_key(ref.number))
            if hit is not None or _number_year(ref.number):
                return hit
        if not ref.title:
            return None
        candidates = self.by_label.get(fold(ref.title), [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        year = _year(ref.date)
        if year:
            same_year = [c for c in candidates if self.issued.get(c, "")[:4] == year]
            if len(same_year) == 1:
                return same_year[0]
        if on_date:
            in_force = [
                c
                for c in candidates
                if self.issued.get(c, "9999") <= on_date and self.ended.get(c, "9999") > on_date
            ]
            if in_force:
                return max(in_force, key=lambda c: self.issued.get(c, ""))
        return max(candidates, key=lambda c: self.issued.get(c, ""))


@dataclass(frozen=True)
class SourceInfo:
    sha256: str
    file_name: str
    media_type: str


def _year(date: str | None) -> str | None:
    return date[:4] if date and re.match(r"\d{4}", date) else None


def _number_year(number: str | None) -> str | None:
    m = re.search(r"/((?:19|20)\d\d)/", number or "")
    return m.group(1) if m else None


def _full_date(date: str | None) -> Literal | None:
    if date and re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return Literal(date, datatype=XSD.date)
    return None


class _PlanMapper:
    def __init__(self, x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex) -> None:
        self.x, self.text, self.source, self.ref = x, text, source, ref
        self.g = Graph()
        d = x.document
        self.unit_path = d.unit_path or "unknown"
        self.source_iri = mint_iri("source", source.sha256)
        self.plan = self._plan_iri()

    # ---- IRIs -------------------------------------------------------------------------
    def _plan_iri(self) -> URIRef:
        d = self.x.document
        year = _year(d.date) or (str(d.period[0]) if d.period else "undated")
        if d.number:
            return mint_iri("doc", f"vn/{self.unit_path}", year, d.number)
        identity = d.title or self.source.sha256
        return mint_iri("doc", f"vn/{self.unit_path}", year, f"kh-{short_hash(fold(identity))}")

    def part(self, local: str) -> URIRef:
        return mint_iri("part", str(self.plan), local)

    def agent(self, a: AgencyRef) -> URIRef:
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
            g.add((iri, URIRef("http://www.w3.org/ns/org#classification"), concept("orgtype", a.orgtype)))
        return iri

    def annotate(self, body: URIRef, span: tuple[int, int]) -> None:
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

    # ---- documents ----------------------------------------------------------------------
    def doc(self, r: DocRef) -> URIRef:
        hit = self.ref.resolve(r, self.x.document.date)
        if hit is not None:
            return hit
        year = _number_year(r.number) or _year(r.date) or "undated"
        if r.number:
            unit = (r.issuer.unit if r.issuer and r.issuer.unit else None) or self._guess_jurisdiction(
                r.number
            )
            iri = mint_iri("doc", "vn" if unit == "vn" else f"vn/{unit}", year, r.number)
        else:
            # Known only by its name: the year (when cited) keeps two documents of the same
            # name apart ("Luật Tổ chức chính quyền địa phương" 2015 and its 2019 amendment).
            iri = mint_iri("doc", "vn", _year(r.date) or "cited", r.title or r.kind)
        g = self.g
        g.add((iri, RDF.type, DOC_CLASS.get(r.kind, VNP.LegalDocument)))
        g.add((iri, VNP.documentType, concept("doctype", r.kind if r.kind in DOC_CLASS else "other")))
        if r.number:
            g.add((iri, ELI.number, Literal(r.number)))
        label = r.title or (f"{r.number}" if r.number else r.kind)
        g.add((iri, RDFS.label, Literal(label, lang="vi")))
        if r.title:
            g.add((iri, ELI.title, Literal(r.title, lang="vi")))
        if (d := _full_date(r.date)) is not None:
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

    # ---- the plan -----------------------------------------------------------------------
    def map(self) -> Graph:
        self._metadata()
        self._citations()
        self._content()
        self._provenance()
        return self.g

    def _metadata(self) -> None:
        g, p, d = self.g, self.plan, self.x.document
        g.add((p, RDF.type, VNP.Plan))
        g.add((p, VNP.documentType, concept("doctype", "plan")))
        if d.number:
            g.add((p, ELI.number, Literal(d.number)))
        if d.title:
            g.add((p, ELI.title, Literal(d.title, lang="vi")))
        issuer = d.issuer.name if d.issuer else d.unit_name or "?"
        head = f"Kế hoạch {d.number}" if d.number else "Kế hoạch (không số)"
        g.add((p, RDFS.label, Literal(f"{head} của {issuer}", lang="vi")))
        g.add((p, RDFS.label, Literal(f"Plan {d.number or '(unnumbered)'} of {issuer}", lang="en")))
        if (dd := _full_date(d.date)) is not None:
            g.add((p, ELI.date_document, dd))
        if d.date and (y := _year(d.date)):
            g.add((p, VNP.issuedYear, Literal(int(y))))
            if len(d.date) >= 7:
                g.add((p, VNP.issuedMonth, Literal(int(d.date[5:7]))))
        if d.date_precision:
            g.add((p, VNP.datePrecision, concept("precision", d.date_precision)))
        if d.place:
            g.add((p, VNP.placeName, Literal(d.place)))
        if d.issuer:
            g.add((p, VNP.issuedBy, self.agent(d.issuer)))
        if d.unit_path:
            unit = mint_iri("unit", d.unit_path)
            g.add((p, VNP.jurisdiction, unit))
            if unit not in self.ref.known:
                if d.level in LEVEL_CLASS:
                    g.add((unit, RDF.type, LEVEL_CLASS[d.level]))
                    g.add((unit, VNP.level, concept("level", d.level)))
                if d.unit_type:
                    g.add((unit, VNP.unitType, concept("unittype", d.unit_type)))
                if d.unit_name:
                    g.add((unit, SKOS.prefLabel, Literal(d.unit_name, lang="vi")))
                    g.add((unit, RDFS.label, Literal(d.unit_name, lang="vi")))
                    g.add((unit, SKOS.altLabel, Literal(fold(d.unit_name))))
        if d.period:
            g.add((p, VNP.periodStart, Literal(d.period[0])))
            g.add((p, VNP.periodEnd, Literal(d.period[1])))
        for flag in d.flags:
            g.add((p, VNP.extractionFlag, Literal(flag)))
        self.annotate(p, d.span)

    def _citations(self) -> None:
        g, p = self.g, self.plan
        programme = self.ref.by_number.get(number_key(PROGRAMME_DECISION))
        seen: dict[tuple[URIRef, str], URIRef] = {}
        refs = list(self.x.citations)
        refs += [r for r in self.x.implements if all(r.span != c.span for c in refs)]
        for r in refs:
            doc = self.doc(r)
            relation = r.relation if r in self.x.citations else "implements"
            key = (doc, relation)
            if key in seen:
                continue
            c = self.part(f"citation/{len(seen) + 1}")
            seen[key] = c
            g.add((p, VNP.hasCitation, c))
            g.add((c, RDF.type, VNP.Citation))
            g.add((c, VNP.citedDocument, doc))
            g.add((c, VNP.citationKind, concept("citation", relation)))
            g.add((p, VNP.cites, doc))
            if relation in RELATION_PROPERTY:
                g.add((p, RELATION_PROPERTY[relation], doc))
            for article in r.articles:
                sub = self.subdivision(doc, article)
                if sub is not None:
                    g.add((c, VNP.citedSubdivision, sub))
            self.annotate(c, r.span)
            quote = fold(self.text[r.span[0] : r.span[1]])
            if (
                relation == "implements"
                and r.kind == "plan"
                and programme is not None
                and doc != programme
                and _PROGRAMME_MENTION.search(quote)
            ):
                # "Kế hoạch số … thực hiện Chương trình truyền thông về bình đẳng giới …":
                # the text says the parent plan implements the national programme (QĐ 1790).
                g.add((doc, VNP.implements, programme))
                g.add((doc, VNP.cites, programme))
        for r in self.x.implements:
            g.add((p, VNP.implements, self.doc(r)))

    def _content(self) -> None:
        g, p, x = self.g, self.plan, self.x
        for i, o in enumerate(x.objectives, 1):
            node = self.part(f"objective/{i}")
            g.add((p, VNP.hasObjective, node))
            g.add((node, RDF.type, VNP.Objective))
            g.add((node, RDFS.label, Literal(o.text, lang="vi")))
            self.annotate(node, o.span)
        for i, t in enumerate(x.targets, 1):
            node = self.part(f"target/{i}")
            g.add((p, VNP.hasTarget, node))
            g.add((node, RDF.type, VNP.Target))
            g.add((node, RDFS.label, Literal(t.text, lang="vi")))
            if t.indicator:
                g.add((node, VNP.indicator, concept("indicator", t.indicator)))
            if t.value is not None:
                g.add((node, VNP.value, Literal(_decimal(t.value), datatype=XSD.decimal)))
            if t.value_max is not None:
                g.add((node, VNP.valueMax, Literal(_decimal(t.value_max), datatype=XSD.decimal)))
            for prop, scheme, value in (
                (VNP.measure, "measure", t.unit),
                (VNP.comparator, "comparator", t.comparator),
                (VNP.recurrence, "recurrence", t.recurrence),
            ):
                if value:
                    g.add((node, prop, concept(scheme, value)))
            if t.year is not None:
                g.add((node, VNP.targetYear, Literal(t.year)))
            if t.baseline_year is not None:
                g.add((node, VNP.baselineYear, Literal(t.baseline_year)))
            if t.population:
                g.add((node, VNP.population, Literal(t.population)))
            self.annotate(node, t.span)
        tasks = []
        for i, t in enumerate(x.tasks, 1):
            node = self.part(f"task/{i}")
            tasks.append(node)
            g.add((p, VNP.hasTask, node))
            g.add((node, PPLAN.isStepOfPlan, p))
            g.add((node, RDF.type, VNP.Task))
            g.add((node, RDFS.label, Literal(t.title, lang="vi")))
            if t.timeframe:
                g.add((node, VNP.timeframe, Literal(t.timeframe)))
            if t.start_year is not None:
                g.add((node, VNP.startYear, Literal(t.start_year)))
            if t.end_year is not None:
                g.add((node, VNP.endYear, Literal(t.end_year)))
            if t.recurrence:
                g.add((node, VNP.recurrence, concept("recurrence", t.recurrence)))
            for role, refs, shortcut in (
                ("lead", t.lead, VNP.leadAgency),
                ("partner", t.partners, VNP.partnerAgency),
            ):
                for k, a in enumerate(refs, 1):
                    agent = self.agent(a)
                    asg = self.part(f"assignment/{i}-{role}-{k}")
                    g.add((node, VNP.hasAssignment, asg))
                    g.add((asg, RDF.type, VNP.Assignment))
                    g.add((asg, VNP.agent, agent))
                    g.add((asg, VNP.role, concept("role", role)))
                    g.add((node, shortcut, agent))
                    self.annotate(asg, a.span if a.span != (0, 0) else t.span)
            self.annotate(node, t.span)
        for i, r in enumerate(x.responsibilities, 1):
            node = self.part(f"responsibility/{i}")
            g.add((p, VNP.hasResponsibility, node))
            g.add((node, RDF.type, VNP.Responsibility))
            g.add((node, VNP.agent, self.agent(r.agency)))
            g.add((node, RDFS.label, Literal(f"Trách nhiệm của {r.agency.name}", lang="vi")))
            g.add((node, RDFS.label, Literal(f"Responsibilities of {r.agency.name}", lang="en")))
            for duty in r.duties:
                g.add((node, VNP.duty, Literal(duty)))
            for k in r.covers_tasks:
                if 0 <= k < len(tasks):
                    g.add((node, VNP.coversTask, tasks[k]))
            self.annotate(node, r.span)
        for i, r in enumerate(x.reporting, 1):
            node = self.part(f"reporting/{i}")
            g.add((p, VNP.hasReportingDuty, node))
            g.add((node, RDF.type, VNP.ReportingDuty))
            for a in r.reporter:
                g.add((node, VNP.reporter, self.agent(a)))
            for a in r.recipient:
                g.add((node, VNP.reportRecipient, self.agent(a)))
            if (dd := _full_date(r.deadline)) is not None:
                g.add((node, VNP.deadline, dd))
            elif r.deadline and (m := re.fullmatch(r"--(\d\d)-(\d\d)", r.deadline)):
                g.add((node, VNP.deadlineMonth, Literal(int(m[1]))))
                g.add((node, VNP.deadlineDay, Literal(int(m[2]))))
            if r.recurrence:
                g.add((node, VNP.recurrence, concept("recurrence", r.recurrence)))
            if r.subject:
                g.add((node, VNP.reportSubject, Literal(r.subject)))
            self.annotate(node, r.span)
        for i, f in enumerate(x.funding, 1):
            node = self.part(f"funding/{i}")
            g.add((p, VNP.hasFunding, node))
            g.add((node, RDF.type, VNP.Funding))
            g.add((node, RDFS.label, Literal(f.text, lang="vi")))
            g.add((node, VNP.fundingKind, concept("funding", f.kind)))
            self.annotate(node, f.span)
        if x.signatory:
            unit = self.unit_path
            person = mint_iri("person", f"{unit}/{x.signatory.name}")
            g.add((person, RDF.type, VNP.Person))
            g.add((person, RDFS.label, Literal(x.signatory.name, lang="vi")))
            g.add((p, VNP.signedBy, person))
            if x.signatory.title:
                g.add((p, VNP.signatoryTitle, Literal(x.signatory.title)))
            self.annotate(person, x.signatory.span)
        for r in x.recipients:
            g.add((p, VNP.recipientText, Literal(r.text)))
            if r.agency is not None:
                g.add((p, VNP.distributedTo, self.agent(r.agency)))

    def _provenance(self) -> None:
        g, s = self.g, self.source_iri
        g.add((self.plan, PROV.wasDerivedFrom, s))
        g.add((s, RDF.type, VNP.SourceFile))
        g.add((s, VNP.sha256, Literal(self.source.sha256)))
        g.add((s, VNP.fileName, Literal(self.source.file_name)))
        g.add((s, VNP.mediaType, Literal(self.source.media_type)))
        activity = mint_iri("activity", __version__)
        software = mint_iri("agent", "vnge-kg")
        g.add((self.plan, PROV.wasGeneratedBy, activity))
        g.add((activity, RDF.type, VNP.ExtractionActivity))
        g.add((activity, PROV.used, s))
        g.add((activity, PROV.wasAssociatedWith, software))
        g.add((activity, VNP.softwareVersion, Literal(__version__)))
        g.add((software, RDF.type, PROV.SoftwareAgent))
        g.add((software, RDFS.label, Literal("vnge-kg extractor", lang="en")))


def _decimal(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def map_plan(
    x: PlanExtraction, text: str, source: SourceInfo, ref: ReferenceIndex | None = None
) -> tuple[URIRef, Graph]:
    """Map one plan's extraction to (plan IRI, graph of the plan's named graph)."""
    mapper = _PlanMapper(x, text, source, ref or ReferenceIndex())
    return mapper.plan, mapper.map()


def plan_graph_iri(plan: URIRef) -> URIRef:
    """The named graph that holds everything extracted from one plan."""
    from kg.rdf.namespaces import graph_iri

    return graph_iri("plan", str(plan)[len(base()) :])
