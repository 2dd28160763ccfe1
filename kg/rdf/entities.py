"""The shared entities, described once: the graph ``{BASE}graph/entities``.

A plan's graph holds what that plan says. Of the entities several plans name — cited documents
(parent plans known only by citation among them), agencies and groups, administrative units the
reference data does not know, signatories — it holds only its own *claims*, on its own nodes: the
citation node (``vnp:citedDocument``) or a mention node (``{plan}/mention/{hash8}``,
``vnp:mentionOf``), with the name, kind, number, date, issuer, unit and member count as that plan
gives them (``vnp:mentionedName``, ``vnp:mentionedKind``, …) and the spelling as written
(``vnp:sourceSpelling``).
:func:`describe` turns every plan's claims about a set of entities into their one description, a
pure function of the claims (so ``kg build``, ``kg ingest`` and ``kg remove`` agree, whatever the
order of the plans): each single-valued property takes the value most plans give (ties: the
smallest), names the cleanest spelling (diacritics kept or restored, no OCR debris, no text of the
citing sentence); a document is labelled by its cleanest title, else by its kind and number
("Kế hoạch 112/KH-UBND").
A document that is a plan of the corpus is described by its own graph: of the claims only what it
implements is added, when its graph does not say so itself. Article-level citations (``vnp:citedSubdivision``)
describe their articles and clauses from their IRIs. Vocabulary: docs/DESIGN.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.lexicon.restore import restore
from kg.rdf.context import DOC_CLASS
from kg.rdf.namespaces import ELI, ORG, VNC, VNP, fold, mint_iri
from kg.rdf.references import number_year

Triple = tuple[URIRef, URIRef, object]
#: a claim: (entity, the plan's node that makes it, property, value)
Claim = tuple[URIRef, URIRef, URIRef, object]

#: the properties of a claim, read from mention and citation nodes
CLAIM_PROPERTIES = (VNP.mentionedKind, VNP.mentionedName, VNP.mentionedNumber, VNP.mentionedDate,
                    VNP.mentionedIssuer, VNP.mentionedUnit, VNP.mentionedCount, VNP.mentionedImplements,
                    VNP.citedSubdivision)
#: the links from a plan's node to the entity it claims about
CLAIM_LINKS = (VNP.mentionOf, VNP.citedDocument)

_KIND_VI = {
    "convention": "Công ước", "constitution": "Hiến pháp", "law": "Luật", "code": "Bộ luật",
    "resolution": "Nghị quyết", "decree": "Nghị định", "decision": "Quyết định", "directive": "Chỉ thị",
    "circular": "Thông tư", "strategy": "Chiến lược", "programme": "Chương trình", "plan": "Kế hoạch",
    "official-letter": "Công văn", "instruction": "Hướng dẫn", "other": "Văn bản",
}
_SUBDIVISION = re.compile(r"^(?P<doc>.+)/dieu-(?P<d>\d+)(?:/khoan-(?P<k>\d+))?$")
# letters of Vietnamese, digits and the punctuation of titles: anything else is OCR debris
_CLEAN_CHARS = re.compile(r"[\w\s,.;:/()\-–—\"'“”‘’&+%]*")


def claim_query(entities: Iterable[str] | None = None, exclude: Iterable[str] = (), *,
                nodes: bool = True) -> str:
    """SELECT ?e ?m ?p ?o: the claims of the plan graphs (all, or about ``entities``), outside the
    graphs ``exclude``; without ``nodes``, SELECT ?e ?p ?o (one row per claim all the same: what
    :func:`describe` reads of them)."""
    links = " ".join(f"<{p}>" for p in CLAIM_LINKS)
    props = " ".join(f"<{p}>" for p in CLAIM_PROPERTIES)
    values = f"VALUES ?e {{ {' '.join(f'<{e}>' for e in sorted(set(entities)))} }}" if entities else ""
    skip = ", ".join(f"<{g}>" for g in sorted(set(exclude)))
    keep = f"FILTER(?g NOT IN ({skip}))" if skip else ""
    node = "?m " if nodes else ""
    return (f"SELECT ?e {node}?p ?o WHERE {{ {values} VALUES ?link {{ {links} }} VALUES ?p {{ {props} }} "
            f"GRAPH ?g {{ ?m ?link ?e . ?m ?p ?o }} {keep} }}")


def claims_in(triples: Iterable[Triple]) -> list[Claim]:
    """The claims of one plan's graph (its triples, e.g. an rdflib Graph), as :func:`claim_query` rows."""
    triples = list(triples)
    about: dict[object, list[URIRef]] = {}
    for s, p, o in triples:
        if p in CLAIM_LINKS and isinstance(o, URIRef):
            about.setdefault(s, []).append(o)
    props = set(CLAIM_PROPERTIES)
    return [(e, s, p, o) for s, p, o in triples if p in props for e in about.get(s, ())]  # type: ignore[misc]


def extractor() -> list[Triple]:
    """The software behind every extraction and derivation activity (kg/rdf/release.py), described
    once; each activity is described in the graph it generated."""
    software = mint_iri("agent", "vnge-kg")
    return [(software, RDF.type, PROV.SoftwareAgent),
            (software, RDFS.label, Literal("vnge-kg extractor", lang="en"))]


def _majority(values: Iterable[object]) -> object | None:
    """The value given most often; ties go to the smallest (by N-Triples form)."""
    values = values if isinstance(values, list) else list(values)
    if len(values) < 2:  # most entities: one plan, one value
        return values[0] if values else None
    counts = Counter(values)
    if len(counts) == 1:
        return values[0]
    return min(counts, key=lambda v: (-counts[v], v.n3() if hasattr(v, "n3") else str(v)))


def _has_diacritics(text: str) -> bool:
    return any(unicodedata.decomposition(ch) or ch in "đĐ" for ch in text if ch.isalpha() and ord(ch) > 127)


def _ocr_like(text: str) -> bool:
    """Whether a document title reads as OCR output that lost its diacritics: at least 6 words of
    letters, more than half of them without any ("Ké hoach thuc hién Chuong trinh…"; a title such as
    "Luật An toàn, vệ sinh lao động" has 3 of 7)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1 and not w.isupper()]
    bare = [w for w in words if not _has_diacritics(w)]
    return len(words) >= 6 and len(bare) > 0.5 * len(words)


def clean_name(names: Iterable[str], titles: bool = False) -> str | None:
    """The cleanest of the spellings ``names`` (deterministic): with diacritics (for document
    ``titles``, restored from the lexicon when a spelling reads as OCR output), without OCR debris
    or text of the citing sentence (a parenthesis), needing no restoration, starting with a capital,
    then the one most plans give, then the shortest, then the first in order."""
    counts = Counter(" ".join(n.split()) for n in names if n.strip())
    if not counts:
        return None

    def candidate(name: str) -> tuple[tuple, str]:
        restored = restore(name) if titles and _ocr_like(name) else name  # "Ké hoach" → "Kế hoạch"
        text = re.sub(r"\s*\([^)]*\)", "", restored).strip() or restored  # "(nay là thành phố Huế)"
        debris = not _CLEAN_CHARS.fullmatch(text)
        return (not _has_diacritics(text), debris, "(" in name, restored != name, text[:1].islower(),
                -counts[name], len(text), text), text

    return min(candidate(n) for n in counts)[1]


def _subdivision(iri: URIRef) -> list[Triple]:
    """An article (``{doc}/dieu-11``) or clause (``…/dieu-11/khoan-1``) and its article, from its IRI."""
    m = _SUBDIVISION.match(str(iri))
    if not m:
        return []
    article = URIRef(f"{m['doc']}/dieu-{m['d']}")
    out: list[Triple] = [(article, RDF.type, VNP.Article), (article, VNP.isPartOf, URIRef(m["doc"])),
                         (article, VNP.articleNumber, Literal(m["d"])),
                         (article, RDFS.label, Literal(f"Điều {m['d']}", lang="vi"))]
    if m["k"]:
        out += [(iri, RDF.type, VNP.Clause), (iri, VNP.isPartOf, article),
                (iri, VNP.clauseNumber, Literal(m["k"])),
                (iri, RDFS.label, Literal(f"khoản {m['k']} Điều {m['d']}", lang="vi"))]
    return out


def _concept(values: Iterable[object], scheme: str) -> URIRef | None:
    prefix = f"{VNC}{scheme}-"
    return _majority(v for v in values if isinstance(v, URIRef) and str(v).startswith(prefix))  # type: ignore[return-value]


def describe(claims: Iterable[Claim], plans: Iterable[object] = (), stated: Iterable[Triple] = ()
             ) -> set[Triple]:
    """The description of every entity ``claims`` are about. ``plans``: the entities that are plans of
    the corpus (described by their own graphs); ``stated``: triples a plan graph already states (not
    repeated here)."""
    by_entity: dict[URIRef, dict[URIRef, list[object]]] = {}
    subdivisions: set[URIRef] = set()
    for entity, _node, prop, value in claims:
        by_entity.setdefault(entity, {}).setdefault(prop, []).append(value)
        if prop == VNP.citedSubdivision and isinstance(value, URIRef):
            subdivisions.add(value)
    plans, stated = set(plans), set(stated)
    names = {e: clean_name((str(v) for v in c.get(VNP.mentionedName, [])),
                           titles=_concept(c.get(VNP.mentionedKind, []), "doctype") is not None)
             for e, c in by_entity.items()}
    out: set[Triple] = set()
    for entity in sorted(by_entity):
        c = by_entity[entity]
        for target in sorted(set(c.get(VNP.mentionedImplements, []))):  # type: ignore[type-var]
            out.add((entity, VNP.implements, target))  # vnp:cites follows (vnp:implements ⊑ vnp:cites)
        if entity in plans:
            continue
        kinds = c.get(VNP.mentionedKind, [])
        if (doctype := _concept(kinds, "doctype")) is not None:
            out |= _document(entity, c, doctype, names)
        else:
            out |= _named(entity, c, names.get(entity))
    for sub in sorted(subdivisions):
        out |= set(_subdivision(sub))
    return out - stated


def _document(doc: URIRef, c: dict[URIRef, list[object]], doctype: URIRef,
              names: dict[URIRef, str | None]) -> set[Triple]:
    """A cited document the reference data does not describe."""
    kind = str(doctype).rsplit("doctype-", 1)[1]
    out: set[Triple] = {(doc, RDF.type, DOC_CLASS.get(kind, VNP.LegalDocument)),
                        (doc, VNP.documentType, doctype)}
    number = _majority(c.get(VNP.mentionedNumber, []))
    title = names.get(doc)
    issuer = _majority(c.get(VNP.mentionedIssuer, []))
    if number is not None:
        out.add((doc, ELI.number, number))
    # the cleanest cited title, else "Kế hoạch 112/KH-UBND"
    label = title or (f"{_KIND_VI.get(kind, 'Văn bản')} {number}" if number is not None else None)
    label = label or _KIND_VI.get(kind, "Văn bản")
    out.add((doc, RDFS.label, Literal(label, lang="vi")))
    if title:
        out.add((doc, DCTERMS.title, Literal(title, lang="vi")))  # eli:title is an expression's
    dates = c.get(VNP.mentionedDate, [])
    full = _majority(d for d in dates if str(getattr(d, "datatype", "")).endswith("#date"))
    if full is not None:
        out.add((doc, ELI.date_document, full))
    year = number_year(str(number) if number is not None else None)
    if year is None and (any_date := _majority(str(d)[:4] for d in dates)) is not None:
        year = str(any_date)
    if year and year.isdigit():
        out.add((doc, VNP.issuedYear, Literal(int(year))))
    if issuer is not None:
        out.add((doc, VNP.issuedBy, issuer))
    if (unit := _majority(c.get(VNP.mentionedUnit, []))) is not None:
        out.add((doc, VNP.jurisdiction, unit))
    return out


def _named(entity: URIRef, c: dict[URIRef, list[object]], name: str | None) -> set[Triple]:
    """An agency, group, administrative unit or person."""
    kinds = c.get(VNP.mentionedKind, [])
    classes = [k for k in kinds if isinstance(k, URIRef) and str(k).startswith(str(VNP))]
    out: set[Triple] = set()
    if (cls := _majority(classes)) is not None:
        out.add((entity, RDF.type, cls))  # type: ignore[arg-type]
    if cls == VNP.AgencyGroup:
        return out | _group(entity, c, name)
    is_unit = cls in (VNP.Country, VNP.Province, VNP.District, VNP.Commune) or _concept(kinds, "level")
    if name:
        out.add((entity, RDFS.label, Literal(name, lang="vi")))
        if cls != VNP.Person:
            out |= {(entity, SKOS.prefLabel, Literal(name, lang="vi")),
                    (entity, SKOS.altLabel, Literal(fold(name)))}
    for prop, scheme in ((ORG.classification, "orgtype"), (VNP.level, "level"), (VNP.unitType, "unittype")):
        if (value := _concept(kinds, scheme)) is not None:
            out.add((entity, prop, value))
    if not is_unit and (unit := _majority(c.get(VNP.mentionedUnit, []))) is not None:
        out.add((entity, VNP.scopeUnit, unit))  # type: ignore[arg-type]
    counts = [v for v in c.get(VNP.mentionedCount, [])]
    if counts:
        out.add((entity, VNP.memberCount, _majority(counts)))  # type: ignore[arg-type]
    return out


def _group(entity: URIRef, c: dict[URIRef, list[object]], name: str | None) -> set[Triple]:
    """A collective: its name, scope and count, and what its members are (organisation type, level and
    unit types, as the plans that name it read them: kg/extract/agencies/collectives.py)."""
    kinds = c.get(VNP.mentionedKind, [])
    out: set[Triple] = {(entity, RDF.type, VNP.AgencyGroup)}
    if name:
        label = Literal(name, lang="vi")
        out |= {(entity, RDFS.label, label), (entity, SKOS.prefLabel, label),
                (entity, SKOS.altLabel, Literal(fold(name)))}
    for prop, scheme in ((VNP.memberClassification, "orgtype"), (VNP.memberLevel, "level")):
        if (value := _concept(kinds, scheme)) is not None:
            out.add((entity, prop, value))
    prefix = f"{VNC}unittype-"
    out |= {(entity, VNP.memberUnitType, k) for k in kinds
            if isinstance(k, URIRef) and str(k).startswith(prefix)}
    if (unit := _majority(c.get(VNP.mentionedUnit, []))) is not None:
        out.add((entity, VNP.scopeUnit, unit))  # type: ignore[arg-type]
    if counts := list(c.get(VNP.mentionedCount, [])):
        out.add((entity, VNP.memberCount, _majority(counts)))  # type: ignore[arg-type]
    return out
