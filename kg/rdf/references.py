"""What the curated reference data knows (``data/reference/``): resolving cited documents to it.

A cited document resolves by number when the number carries its year or a national issuer's
symbol, else by its title; docs/DESIGN.md "Resolving citations" states the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from kg.extract.records import DocRef
from kg.rdf.namespaces import ELI, VNP, fold
from kg.rdf.unit_index import UnitIndex

_NATIONAL_SYMBOL = re.compile(r"[/-](?:QH\d*|NĐ-CP|NQ-CP|QĐ-TTg|CT-TTg|CT/TW|NQ/TW|QĐ-UBDT)\b", re.I)


def number_key(number: str) -> str:
    """Normalise a document number for lookups: ``"59 /KH-UBND"`` → ``"59/kh-ubnd"``."""
    return re.sub(r"\s+", "", fold(number))


def year_of(date: str | None) -> str | None:
    """The year of an ISO date (``"2022-03"`` → ``"2022"``), or None."""
    return date[:4] if date and re.match(r"\d{4}", date) else None


def number_year(number: str | None) -> str | None:
    """The year a document number carries (``"55/2009/NĐ-CP"`` → ``"2009"``), or None."""
    m = re.search(r"/((?:19|20)\d\d)/", number or "")
    return m.group(1) if m else None


def _near(a: str, b: str) -> bool:
    """Equal words, or words of 3+ letters with the same first letter one edit apart."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


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
    # the coded units a plan's unit resolves to (kg/rdf/unit_resolution.py): the imported official
    # lists when there are, else the curated units that carry a code
    units: UnitIndex = field(default_factory=UnitIndex)
    # folded name of a programme or strategy → the document that approved it ("vnp:approves")
    approver_by_name: dict[str, URIRef] = field(default_factory=dict)
    # folded words of a programme or strategy's names → that programme or strategy (approved by a
    # document of the reference data): a citation of it resolves through OCR slips ("bình đẳng gii")
    approved_by_words: dict[tuple[str, ...], URIRef] = field(default_factory=dict)

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
        # titled documents (dcterms:title of the work; the ontology's own header has one too)
        documents |= {s for s in graph.subjects(DCTERMS.title) if (s, VNP.documentType, None) in graph}
        for prop in (SKOS.altLabel, SKOS.prefLabel, RDFS.label, DCTERMS.title):
            for s, o in graph.subject_objects(prop):
                if s in documents:
                    hits = index.by_label.setdefault(fold(str(o)), [])
                    if s not in hits:
                        hits.append(s)  # type: ignore[arg-type]
        for hits in index.by_label.values():
            hits.sort()
        index.units = UnitIndex.from_graph(graph)
        for approver, approved in graph.subject_objects(VNP.approves):
            for prop in (SKOS.altLabel, RDFS.label, DCTERMS.title):
                for name in graph.objects(approved, prop):
                    key = " ".join(re.findall(r"[a-z0-9]+", fold(str(name))))
                    if len(key.split()) >= 4:  # a name, not a word ("Chương trình")
                        index.approver_by_name.setdefault(key, approver)  # type: ignore[arg-type]
                        index.approved_by_words.setdefault(tuple(key.split()), approved)  # type: ignore[arg-type]
        return index

    def approved_named(self, title: str) -> URIRef | None:
        """The programme or strategy of the reference data that ``title`` names, word for word up to
        one OCR slip per word (a letter lost, added or changed, "gii" for "giới"); None if not one."""
        words = tuple(re.findall(r"[a-z0-9]+", fold(title)))
        hits = {doc for key, doc in self.approved_by_words.items()
                if len(key) == len(words) and all(_near(a, b) for a, b in zip(key, words, strict=True))}
        return hits.pop() if len(hits) == 1 else None

    def approver_named_in(self, text: str) -> URIRef | None:
        """The document that approved the programme or strategy ``text`` names (its longest name found),
        e.g. QĐ 1790/QĐ-TTg for "… thực hiện Chương trình truyền thông về bình đẳng giới …"."""
        words = " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "
        hits = [(len(k), a) for k, a in self.approver_by_name.items() if f" {k} " in words]
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def resolve(self, ref: DocRef, on_date: str | None = None) -> URIRef | None:
        if ref.number:
            # Local numbers ("112/KH-UBND") recur in every province and year: only numbers that
            # carry their year or a national issuer's symbol identify one document on their own.
            if not (number_year(ref.number) or _NATIONAL_SYMBOL.search(ref.number)):
                return None
            hit = self.by_number.get(number_key(ref.number))
            if hit is not None or number_year(ref.number):
                return hit
        if not ref.title:
            return None
        candidates = self.by_label.get(fold(ref.title), [])
        if not candidates and ref.kind in ("programme", "strategy"):
            return self.approved_named(ref.title)
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        year = year_of(ref.date)
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
