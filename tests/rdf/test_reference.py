"""Checks of the curated reference data in data/reference/*.ttl.

The files are hand-written Turtle; these tests pin what the rest of the pipeline relies on:
every fact has a source, labels are NFC Vietnamese with diacritic-free variants, dates are
xsd:date and consistent across succession events, the IRIs are exactly what
``kg.rdf.namespaces.mint_iri`` makes for their keys (so extraction and reference meet), and the
key legal facts of /work/shared/notes/legal-facts.md are present with their values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib.namespace as _ns
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.rdf.namespaces import DEFAULT_BASE, ELI, ORG, VNC, VNP, concept, fold, mint_iri, number_slug

ROOT = Path(__file__).resolve().parents[2]
PROV_USED = URIRef("http://www.w3.org/ns/prov#used")
REFERENCE = ROOT / "data" / "reference"
PLANS = ROOT / "data" / "plans"
TTL_FILES = sorted(REFERENCE.glob("*.ttl"))

DOC_CLASSES = {
    VNP.LegalDocument,
    VNP.InternationalConvention,
    VNP.Constitution,
    VNP.Law,
    VNP.Resolution,
    VNP.Decree,
    VNP.Decision,
    VNP.Directive,
    VNP.Circular,
    VNP.Strategy,
    VNP.Programme,
    VNP.Plan,
    VNP.OfficialLetter,
}
UNIT_CLASSES = {VNP.AdministrativeUnit, VNP.Country, VNP.Province, VNP.District, VNP.Commune}
CHANGE_CLASSES = {VNP.AgencyChange, VNP.UnitChange}
DATE_PROPERTIES = (
    ELI.date_document,
    ELI.first_date_entry_in_force,
    ELI.date_no_longer_in_force,
    VNP.validFrom,
    VNP.validUntil,
    VNP.effectiveDate,
)
# Controlled vocabularies of docs/DESIGN.md that the reference data may use (indicator is ours).
NOTATIONS = {
    "doctype": "convention constitution law code resolution decree decision directive circular strategy "
    "programme plan official-letter instruction other",
    "level": "national province district commune",
    "unittype": "country province municipality rural-district urban-district town provincial-city commune "
    "ward township special-zone",
    "orgtype": "government national-assembly ministry peoples-committee peoples-council department office "
    "mass-organisation fatherland-front party public-service-unit police military court-procuracy "
    "enterprise international other",
    "comparator": "at-least exactly at-most range",
    "change": "increase decrease",
    "scope": "whole-unit per-sub-unit per-agency",
    "measure": "percent event news-item model person unit document other",
    "recurrence": "annual semiannual quarterly monthly once",
    "unitchange": "merged-fully merged-partly renamed unchanged merger split name-change type-change "
    "parent-change abolition",
    "function": "whole-unit area-administration provincial-authority",
    "indicator": "ge-law-communication-sessions action-month-plans ge-awareness-increase "
    "media-gender-indicators media-gender-indicators-pilot media-gender-indicators-official "
    "community-conventions-nondiscriminatory",
}
LEVEL_OF_CLASS = {
    VNP.Country: "national",
    VNP.Province: "province",
    VNP.District: "district",
    VNP.Commune: "commune",
}
UNIT_PATHS = {
    "vn",
    "hai-phong",
    "hai-phong/hong-bang",
    "hai-duong",
    "hai-phong-2025",
    "bac-kan",
    "bac-kan/thanh-pho-bac-kan",
    "thai-nguyen",
    "thai-nguyen-2025",
    "thua-thien-hue",
    "hue",
    "quang-ninh",
    "lai-chau",
    "lai-chau/binh-lu",
}
# Documents without a (verified) number: (jurisdiction, year, short name) as mint_iri keys.
UNNUMBERED_DOC_KEYS = {
    ("vn", "2007", "Luật Phòng, chống bạo lực gia đình"),
    ("vn", "2012", "Bộ luật Lao động"),
    ("vn", "2019", "Bộ luật Lao động"),
    ("vn", "2013", "hien-phap"),
    ("un", "1979", "cedaw"),
    ("vn", "2021", "chien-luoc-quoc-gia-ve-binh-dang-gioi-giai-doan-2021-2030"),
    ("vn", "2021", "chuong-trinh-truyen-thong-binh-dang-gioi-den-2030"),
}


@pytest.fixture(autouse=True)
def _default_base(monkeypatch: pytest.MonkeyPatch) -> None:
    # The Turtle files use @base <https://w3id.org/vnge/>: compare against the default base.
    monkeypatch.delenv("VNGE_BASE", raising=False)


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in TTL_FILES:
        g.parse(path, format="turtle")
    return g


def _date(iso: str) -> Literal:
    return Literal(iso, datatype=_ns.XSD.date)


def _doc(number: str, year: str, jurisdiction: str = "vn") -> URIRef:
    return mint_iri("doc", jurisdiction, year, number_slug(number))


def _subjects_of(g: Graph, classes: set[URIRef]) -> set[URIRef]:
    return {s for c in classes for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}


def _path(iri: URIRef, kind: str) -> str:
    prefix = DEFAULT_BASE + kind
    assert str(iri).startswith(prefix), f"{iri} is not under {prefix}"
    return str(iri)[len(prefix) :]


def _vi(g: Graph, s: URIRef, p: URIRef) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "vi"]


# ------------------------------------------------------------------ files and literals


def test_the_four_reference_files_exist() -> None:
    names = {p.name for p in TTL_FILES}
    assert {"documents.ttl", "indicators.ttl", "units.ttl", "agencies.ttl"} <= names


@pytest.mark.parametrize("path", TTL_FILES, ids=lambda p: p.name)
def test_each_file_parses_and_is_not_empty(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    assert len(g) > 50, f"{path.name} holds only {len(g)} triples"


def test_every_literal_and_iri_is_nfc(graph: Graph) -> None:
    bad = [t for triple in graph for t in triple if str(t) != unicodedata.normalize("NFC", str(t))]
    assert not bad, f"not NFC: {bad[:5]}"


def test_untagged_alt_and_hidden_labels_are_diacritic_free(graph: Graph) -> None:
    bad = [
        (s, o)
        for p in (SKOS.altLabel, SKOS.hiddenLabel)
        for s, o in graph.subject_objects(p)
        if isinstance(o, Literal) and o.language is None and not str(o).isascii()
    ]
    assert not bad, f"untagged labels must be ASCII (diacritic-free): {bad[:5]}"


def test_every_described_entity_has_a_vietnamese_label(graph: Graph) -> None:
    entities = _subjects_of(graph, DOC_CLASSES | UNIT_CLASSES | CHANGE_CLASSES | {VNP.Agency, VNP.Target})
    entities |= set(graph.subjects(SKOS.inScheme, VNC["scheme-indicator"]))  # type: ignore[arg-type]
    missing = sorted(s for s in entities if not _vi(graph, s, RDFS.label))
    assert not missing, f"no rdfs:label@vi: {missing}"


def test_at_most_one_preflabel_per_language(graph: Graph) -> None:
    labelled = set(graph.subjects(SKOS.prefLabel))
    assert labelled
    for s in labelled:
        langs = [o.language for o in graph.objects(s, SKOS.prefLabel)]  # type: ignore[union-attr]
        assert "vi" in langs, f"{s} has no skos:prefLabel@vi"
        assert len(langs) == len(set(langs)), f"{s} has two prefLabels in one language: {langs}"


def test_units_and_agencies_have_a_folded_alt_label(graph: Graph) -> None:
    named = _subjects_of(graph, UNIT_CLASSES | {VNP.Agency})
    assert named
    for s in named:
        (pref,) = _vi(graph, s, SKOS.prefLabel)
        plain = {fold(str(o)) for o in graph.objects(s, SKOS.altLabel) if o.language is None}  # type: ignore[union-attr]
        assert fold(pref) in plain, f"{s}: no diacritic-free skos:altLabel for {pref!r}"


# ------------------------------------------------------------------ sources and dates


def test_every_fact_bearing_node_has_a_source(graph: Graph) -> None:
    nodes = _subjects_of(graph, DOC_CLASSES | UNIT_CLASSES | CHANGE_CLASSES | {VNP.Agency, VNP.Target})
    nodes |= set(graph.subjects(SKOS.inScheme, VNC["scheme-indicator"]))  # type: ignore[arg-type]
    assert len(nodes) > 80
    missing = sorted(s for s in nodes if (s, DCTERMS.source, None) not in graph)
    assert not missing, f"no dcterms:source: {missing}"


def test_plan_sources_are_the_seed_files(graph: Graph) -> None:
    shas = {hashlib.sha256(p.read_bytes()).hexdigest() for p in PLANS.glob("*.txt")}
    cited = {
        _path(o, "source/")
        for o in graph.objects(None, DCTERMS.source)
        if str(o).startswith(DEFAULT_BASE + "source/")
    }
    assert cited, "no plan file is cited"
    assert cited <= shas, f"source IRIs that match no file in data/plans: {cited - shas}"


def test_web_sources_are_http_iris(graph: Graph) -> None:
    sources = list(graph.objects(None, DCTERMS.source))
    assert sources
    for o in sources:
        assert isinstance(o, URIRef), f"dcterms:source must be an IRI: {o!r}"
        assert str(o).startswith(("http://", "https://")) and " " not in str(o), o


#: Official publishers (issue 14, item 5): the legal-document portals of the Government and the
#: National Assembly, the statistics office that issues the unit codes, and thuvienphapluat.vn's
#: document pages (its /van-ban/ path; its news pages are not the document). A fact can also cite a
#: node of the graph: the legal document that states it, or a plan's source file.
OFFICIAL_HOSTS = ("vbpl.vn", "chinhphu.vn", "quochoi.vn", "gso.gov.vn", "nso.gov.vn")


def _official(iri: str) -> bool:
    if iri.startswith(DEFAULT_BASE):
        return True
    url = urlsplit(iri)
    host = url.hostname or ""
    if host == "thuvienphapluat.vn":
        return url.path.startswith("/van-ban/")
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def test_every_source_is_official_or_a_node_of_the_graph(graph: Graph) -> None:
    """No reference fact cites a secondary web site (vietjack.me, timtailieu.net, brt.vn, a province's
    council page for another province's merger, news sites): it cites the document that states it."""
    bad = sorted({str(o) for o in graph.objects(None, DCTERMS.source) if not _official(str(o))})
    assert not bad, f"{len(bad)} non-official sources, e.g. {bad[:3]}"
    internal = [o for o in graph.objects(None, DCTERMS.source) if str(o).startswith(DEFAULT_BASE)]
    assert all((o, None, None) in graph for o in internal if "/source/" not in str(o))


def test_the_official_source_check_tells_sites_apart() -> None:
    assert _official("https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1")
    assert _official("https://congbao.chinhphu.vn/van-ban/x.htm") and _official("https://danhmuchanhchinh.gso.gov.vn/")
    assert _official("https://thuvienphapluat.vn/van-ban/van-hoa-xa-hoi/x-492218.aspx")
    assert not _official("https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/x")
    assert not _official("https://news.thuvienphapluat.vn/tintuc/x")
    assert not _official("http://hdnd.dongnai.gov.vn/Pages/x.html") and not _official("https://vietjack.me/x")
    assert not _official("https://notchinhphu.vn/x") and not _official("https://chinhphu.vn.example.com/x")


def test_dates_are_valid_xsd_dates(graph: Graph) -> None:
    count = 0
    for p in DATE_PROPERTIES:
        for s, o in graph.subject_objects(p):
            assert isinstance(o, Literal) and o.datatype == _ns.XSD.date, f"{s} {p}: {o!r} is not xsd:date"
            assert isinstance(o.toPython(), dt.date), f"{s} {p}: {o!r} is not a valid date"
            count += 1
    assert count > 40


def test_change_events_have_a_date_or_say_why_not(graph: Graph) -> None:
    events = _subjects_of(graph, CHANGE_CLASSES)
    assert events
    for e in events:
        dated = (e, VNP.effectiveDate, None) in graph
        assert dated or (e, VNP.verificationNote, None) in graph, f"{e}: no date and no verificationNote"


def test_validity_dates_agree_with_change_dates(graph: Graph) -> None:
    checked = 0
    for e in _subjects_of(graph, CHANGE_CLASSES):
        when = graph.value(e, VNP.effectiveDate)
        if when is None:
            continue
        day = when.toPython()  # type: ignore[union-attr]
        for p in (VNP.originalUnit, ORG.originalOrganization):
            for old in graph.objects(e, p):
                until = graph.value(old, VNP.validUntil)
                if until is not None:
                    assert until.toPython() == day - dt.timedelta(days=1), f"{old} ends {until}, {e} on {day}"  # type: ignore[union-attr]
                    checked += 1
        for p in (VNP.resultingUnit, ORG.resultingOrganization):
            for new in graph.objects(e, p):
                since = graph.value(new, VNP.validFrom)
                if since is not None:
                    assert since.toPython() == day, f"{new} starts {since}, {e} on {day}"  # type: ignore[union-attr]
                    checked += 1
    assert checked >= 15


# ------------------------------------------------------------------ documents


def test_replacements_are_dated_or_explained(graph: Graph) -> None:
    replaced = list(graph.subject_objects(VNP.replacedBy))
    assert replaced
    for old, new in replaced:
        assert (new, VNP.replaces, old) in graph, f"{new} vnp:replaces {old} is missing"
        ended = graph.value(old, ELI.date_no_longer_in_force)
        explained = (old, RDFS.comment, None) in graph or (old, VNP.verificationNote, None) in graph
        assert ended is not None or explained, f"{old} is replaced without an end date or a comment"
        started = graph.value(new, ELI.first_date_entry_in_force)
        if ended is not None and started is not None:
            assert ended == started, f"{old} ends {ended} but {new} starts {started}"
    for new, old in graph.subject_objects(VNP.replaces):
        assert (old, VNP.replacedBy, new) in graph


def test_in_force_status_matches_end_dates(graph: Graph) -> None:
    documents = _subjects_of(graph, DOC_CLASSES)
    assert any((s, ELI.date_no_longer_in_force, None) in graph for s in documents)
    for s in documents:
        ended = (s, ELI.date_no_longer_in_force, None) in graph
        status = graph.value(s, VNP.inForce)
        if ended:
            assert status is not None and status.toPython() is False, f"{s} ended but not inForce false"
        if status is not None and status.toPython() is False:
            assert ended, f"{s} is inForce false without eli:date_no_longer_in_force"


def test_decree_55_2009_replaced_by_125_2021_from_2022(graph: Graph) -> None:
    old, new = _doc("55/2009/NĐ-CP", "2009"), _doc("125/2021/NĐ-CP", "2021")
    assert (old, VNP.replacedBy, new) in graph
    assert graph.value(old, ELI.date_no_longer_in_force) == _date("2022-01-01")
    assert graph.value(new, ELI.first_date_entry_in_force) == _date("2022-01-01")
    assert graph.value(new, ELI.date_document) == _date("2021-12-28")
    assert graph.value(new, ELI.number) == Literal("125/2021/NĐ-CP")


def test_domestic_violence_law_2007_replaced_from_july_2023(graph: Graph) -> None:
    old = mint_iri("doc", "vn", "2007", "Luật Phòng, chống bạo lực gia đình")
    new = _doc("13/2022/QH15", "2022")
    assert (old, VNP.replacedBy, new) in graph
    assert graph.value(old, ELI.date_no_longer_in_force) == _date("2023-07-01")
    assert graph.value(new, ELI.first_date_entry_in_force) == _date("2023-07-01")
    assert graph.value(old, VNP.inForce) == Literal(False)


def test_replacement_of_167_2013_by_144_2021_is_dated_and_marked_recalled(graph: Graph) -> None:
    """Issue 18, item 4: the replacement the notes could not verify (row c) is recorded from
    knowledge, with a note saying so."""
    old, new = _doc("167/2013/NĐ-CP", "2013"), _doc("144/2021/NĐ-CP", "2021")
    assert (old, VNP.replacedBy, new) in graph and (new, VNP.replaces, old) in graph
    assert graph.value(old, ELI.date_no_longer_in_force) == graph.value(new, ELI.first_date_entry_in_force)
    assert graph.value(new, ELI.first_date_entry_in_force) == _date("2022-01-01")
    for doc in (old, new):
        assert "recalled" in str(graph.value(doc, VNP.verificationNote)).lower(), doc


# ------------------------------------------------------------------ in force on a date (issue 18, item 4)

_ENTRY_NOTE = re.compile(r"entry[ -]into[ -]force|in force (?:from|on)", re.IGNORECASE)


def _notes(g: Graph, s: URIRef) -> str:
    return " ".join(str(o) for o in g.objects(s, VNP.verificationNote))


def _successors(g: Graph, s: URIRef) -> set[URIRef]:
    return (set(g.objects(s, VNP.replacedBy)) | set(g.subjects(VNP.replaces, s))  # type: ignore[arg-type]
            | set(g.subjects(VNP.repeals, s)))


def test_every_document_has_an_entry_into_force_date_or_says_why_not(graph: Graph) -> None:
    """A date, with an official source; else a verificationNote about the entry into force (not only
    the generic note on where the document was read)."""
    documents = _subjects_of(graph, DOC_CLASSES)
    dated = {s for s in documents if (s, ELI.first_date_entry_in_force, None) in graph}
    assert len(dated) >= 2 * len(documents) // 3, f"only {len(dated)} of {len(documents)} documents are dated"
    silent = sorted(s for s in documents - dated if not _ENTRY_NOTE.search(_notes(graph, s)))
    assert not silent, f"no entry-into-force date and no note saying why: {silent}"
    for s in dated:
        sources = [str(o) for o in graph.objects(s, DCTERMS.source)]
        assert any(_official(o) and "/source/" not in o for o in sources), f"{s}: no official source"


def test_end_dates_name_a_successor_or_say_why_not(graph: Graph) -> None:
    ended = set(graph.subjects(ELI.date_no_longer_in_force))
    assert ended
    for s in ended:
        assert _successors(graph, s) or (s, VNP.verificationNote, None) in graph, f"{s}: ended, no successor"  # type: ignore[arg-type]


def test_in_force_dates_are_in_order(graph: Graph) -> None:
    """Issued ≤ in force ≤ no longer in force, and a successor takes effect when its predecessor ends."""
    checked = 0
    for s in _subjects_of(graph, DOC_CLASSES):
        issued, start, end = (graph.value(s, p) for p in
                              (ELI.date_document, ELI.first_date_entry_in_force, ELI.date_no_longer_in_force))
        days = [d.toPython() for d in (issued, start, end) if d is not None]  # type: ignore[union-attr]
        assert days == sorted(days), f"{s}: issued {issued}, in force {start}, ended {end}"
        checked += start is not None and end is not None
        for new in _successors(graph, s):
            since = graph.value(new, ELI.first_date_entry_in_force)
            assert end is None or since is None or since == end, f"{s} ends {end}, {new} starts {since}"
    assert checked >= 3


def test_in_force_facts_of_the_key_documents(graph: Graph) -> None:
    law_2006, constitution = _doc("73/2006/QH11", "2006"), mint_iri("doc", "vn", "2013", "hien-phap")
    assert graph.value(law_2006, ELI.first_date_entry_in_force) == _date("2007-07-01")
    assert graph.value(constitution, ELI.first_date_entry_in_force) == _date("2014-01-01")
    # a treaty: its entry into force for Viet Nam (30 days after ratification), not the treaty's own
    cedaw = mint_iri("doc", "un", "1979", "cedaw")
    assert graph.value(cedaw, ELI.first_date_entry_in_force) == _date("1982-03-19")
    assert "1981" in str(graph.value(cedaw, RDFS.comment)) and _notes(graph, cedaw)
    labour_2012 = mint_iri("doc", "vn", "2012", "Bộ luật Lao động")
    assert graph.value(labour_2012, ELI.first_date_entry_in_force) == _date("2013-05-01")


def test_document_iris_are_minted_from_their_keys(graph: Graph) -> None:
    docs = _subjects_of(graph, DOC_CLASSES)
    numbered = {s for s in docs if (s, ELI.number, None) in graph}
    for s in numbered:
        number = str(graph.value(s, ELI.number))
        year = str(graph.value(s, ELI.date_document))[:4]
        unit = graph.value(s, VNP.jurisdiction)
        path = None if unit is None else _path(unit, "id/dvhc/")  # type: ignore[arg-type]
        where = "vn" if path in (None, "vn") else "vn/" + path
        assert s == _doc(number, year, where), f"{s} is not mint_iri of ({where}, {year}, {number})"
        # the mapping passes the number as written: it must mint the same IRI
        assert s == mint_iri("doc", where, year, number), f"raw number {number!r} mints another IRI"
    unnumbered = docs - numbered
    assert unnumbered == {mint_iri("doc", *key) for key in UNNUMBERED_DOC_KEYS}


NATIONAL_SYMBOL = re.compile(r"(?:^|[/-])(?:QH\d+|NĐ-CP|NQ-CP|QĐ-TTg|CT-TTg|CT/TW|QĐ-UBDT)$")


def test_only_national_numbers_are_curated(graph: Graph) -> None:
    # A local number ("112/KH-UBND") recurs in every province; the mapping resolves numbers
    # without issuer or year, so a local entry here would capture other provinces' citations.
    numbers = [str(o) for o in graph.objects(None, ELI.number)]
    assert len(numbers) >= 15
    local = [n for n in numbers if not NATIONAL_SYMBOL.search(n)]
    assert not local, f"numbers without a national issuer symbol: {local}"


def test_documents_have_type_issue_year_and_doctype(graph: Graph) -> None:
    documents = _subjects_of(graph, DOC_CLASSES)
    assert documents
    for s in documents:
        assert (s, VNP.documentType, None) in graph, s
        year = graph.value(s, VNP.issuedYear)
        assert year is not None and year.datatype == _ns.XSD.integer, s  # type: ignore[union-attr]
        issued = graph.value(s, ELI.date_document)
        if issued is not None:
            assert str(issued)[:4] == str(year), f"{s}: issuedYear {year} vs date {issued}"


def test_decision_1790_approves_the_programme(graph: Graph) -> None:
    decision = _doc("1790/QĐ-TTg", "2021")
    programme = mint_iri("doc", "vn", "2021", "chuong-trinh-truyen-thong-binh-dang-gioi-den-2030")
    assert (decision, VNP.approves, programme) in graph
    assert (programme, RDF.type, VNP.Programme) in graph
    assert graph.value(decision, ELI.date_document) == _date("2021-10-23")
    assert graph.value(decision, VNP.issuedBy) == mint_iri("org", "vn", "Thủ tướng Chính phủ")


def test_plans_cite_names_that_resolve_by_label(graph: Graph) -> None:
    # Names the seed plans use without a number must be labels of the right documents.
    by_label: dict[str, set[URIRef]] = {}
    for p in (SKOS.altLabel, RDFS.label, ELI.title):
        for s, o in graph.subject_objects(p):
            by_label.setdefault(fold(str(o)), set()).add(s)  # type: ignore[arg-type]
    assert (
        mint_iri("doc", "vn", "2007", "Luật Phòng, chống bạo lực gia đình")
        in by_label[fold("Luật phòng chống bạo lực gia đình")]
    )
    assert by_label[fold("Luật bình đẳng giới")] == {_doc("73/2006/QH11", "2006")}
    assert mint_iri("doc", "vn", "2019", "Bộ luật Lao động") in by_label[fold("Bộ Luật lao động")]
    assert by_label[fold("Chiến lược quốc gia về bình đẳng giới")] == {
        mint_iri("doc", "vn", "2021", "chien-luoc-quoc-gia-ve-binh-dang-gioi-giai-doan-2021-2030")
    }
    assert by_label[fold("Công ước CEDAW")] == {mint_iri("doc", "un", "1979", "cedaw")}


# ------------------------------------------------------------------ indicators and targets


def test_indicator_concepts(graph: Graph) -> None:
    scheme = VNC["scheme-indicator"]
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert concepts == {concept("indicator", n) for n in NOTATIONS["indicator"].split()}
    for c in concepts:
        assert graph.value(c, SKOS.notation) == Literal(str(c).rsplit("indicator-", 1)[1])
        assert {o.language for o in graph.objects(c, SKOS.prefLabel)} == {"vi", "en"}  # type: ignore[union-attr]
        assert _vi(graph, c, SKOS.definition), c
        keywords = _vi(graph, c, SKOS.altLabel)
        assert keywords, f"{c} has no keywords"
        hidden = {str(o) for o in graph.objects(c, SKOS.hiddenLabel)}
        assert hidden == {fold(k) for k in keywords}, f"{c}: hiddenLabels are not the folded keywords"
    pilot, official = (
        concept("indicator", "media-gender-indicators-pilot"),
        concept("indicator", "media-gender-indicators-official"),
    )
    broad = concept("indicator", "media-gender-indicators")
    assert (pilot, SKOS.broader, broad) in graph and (official, SKOS.broader, broad) in graph


def test_indicator_keywords_recognise_the_national_sentences(graph: Graph) -> None:
    """Each 1790 target sentence holds a keyword of its own indicator and none of another family's."""

    def family(c: URIRef) -> URIRef:
        return graph.value(c, SKOS.broader) or c  # type: ignore[return-value]

    keywords = {
        c: {fold(k) for k in _vi(graph, c, SKOS.altLabel)}
        for c in graph.subjects(SKOS.inScheme, VNC["scheme-indicator"])
    }
    decision = _doc("1790/QĐ-TTg", "2021")
    targets = list(graph.objects(decision, VNP.hasTarget))
    assert targets and keywords
    for t in targets:
        own = graph.value(t, VNP.indicator)
        sentence = fold(str(graph.value(t, RDFS.label)))
        hits = {c for c, words in keywords.items() if any(w in sentence for w in words)}
        assert own in hits, f"{t}: no keyword of {own} in {sentence!r}"
        assert {family(c) for c in hits} == {family(own)}, f"{t}: keywords of other indicators match: {hits}"  # type: ignore[arg-type]


# (local id, indicator, value, value max, measure, comparator, target year, baseline, recurrence, change,
#  scope)
TARGETS_1790 = {
    ("1", "ge-law-communication-sessions", 2, None, "event", "at-least", None, None, "annual", None, "per-agency"),
    ("2", "action-month-plans", 100, None, "percent", "exactly", 2025, None, "annual", None, "whole-unit"),
    ("3", "ge-awareness-increase", 10, 15, "percent", "range", 2030, 2025, None, "increase", "whole-unit"),
    ("4-2025", "media-gender-indicators-pilot", 70, None, "percent", "at-least", 2025, None, None, None, "whole-unit"),
    ("4-2030", "media-gender-indicators-official", 90, None, "percent", "exactly", 2030, None, None, None, "whole-unit"),
    ("5-2025", "community-conventions-nondiscriminatory", 95, None, "percent", "exactly", 2025, None, None, None, "whole-unit"),
    ("5-2030", "community-conventions-nondiscriminatory", 100, None, "percent", "exactly", 2030, None, None, None, "whole-unit"),
}


def _number(g: Graph, node: URIRef, p: URIRef) -> object:
    value = g.value(node, p)
    return None if value is None else value.toPython()  # type: ignore[union-attr]


def _notation(g: Graph, node: URIRef, p: URIRef) -> str | None:
    value = g.value(node, p)
    return None if value is None else str(value).split("/")[-1].split("-", 1)[1]


def test_decision_1790_targets_have_the_values_of_the_notes(graph: Graph) -> None:
    decision = _doc("1790/QĐ-TTg", "2021")
    found = set()
    for t in graph.objects(decision, VNP.hasTarget):
        assert (t, RDF.type, VNP.Target) in graph
        local = str(t)[len(str(decision)) + 1 :]
        assert t == mint_iri("part", str(decision), local)

        found.add(
            (
                local.removeprefix("target/"),
                _notation(graph, t, VNP.indicator),
                _number(graph, t, VNP.value),
                _number(graph, t, VNP.valueMax),
                _notation(graph, t, VNP.measure),
                _notation(graph, t, VNP.comparator),
                _number(graph, t, VNP.targetYear),
                _number(graph, t, VNP.baselineYear),
                _notation(graph, t, VNP.recurrence),
                _notation(graph, t, VNP.changeDirection),
                _notation(graph, t, VNP.targetScope),
            )
        )
    assert found == TARGETS_1790
    # five sentences of Mục I, seven measurable milestones
    assert len({row[0].split("-")[0] for row in found}) == 5


# ------------------------------------------------------------------ units, agencies, successions


def test_unit_iris_and_levels(graph: Graph) -> None:
    units = _subjects_of(graph, UNIT_CLASSES)
    assert units == {mint_iri("unit", p) for p in UNIT_PATHS}
    for u in units:
        classes = {c for c in graph.objects(u, RDF.type) if c in LEVEL_OF_CLASS}
        assert len(classes) == 1, f"{u}: {classes}"
        assert graph.value(u, VNP.level) == concept("level", LEVEL_OF_CLASS[classes.pop()])
        parent = graph.value(u, VNP.parentUnit)
        path = _path(u, "id/dvhc/")
        if "/" in path:
            assert parent == mint_iri("unit", path.rsplit("/", 1)[0]), f"{u}: parent {parent}"
        elif path != "vn":
            assert parent == mint_iri("unit", "vn"), f"{u}: parent {parent}"


def test_agency_iris_use_scope_and_canonical_name(graph: Graph) -> None:
    agencies = _subjects_of(graph, {VNP.Agency})
    assert len(agencies) >= 30
    for a in agencies:
        (name,) = _vi(graph, a, SKOS.prefLabel)
        unit = graph.value(a, VNP.scopeUnit)
        scope = "vn" if unit is None else _path(unit, "id/dvhc/")  # type: ignore[arg-type]
        assert a == mint_iri("org", scope, name), f"{a} is not mint_iri('org', {scope!r}, {name!r})"
        assert (a, ORG.classification, None) in graph, a
    assert mint_iri("org", "quang-ninh", "Sở Lao động - Thương binh và Xã hội") in agencies
    assert mint_iri("org", "vn", "Bộ Nội vụ") in agencies


def test_merged_successors_of_bac_kan_and_hai_phong(graph: Graph) -> None:
    cases = {
        "thai-nguyen-2025": ("bac-kan", "thai-nguyen"),
        "hai-phong-2025": ("hai-phong", "hai-duong"),
    }
    for new_path, old_paths in cases.items():
        new = mint_iri("unit", new_path)
        assert (new, RDF.type, VNP.Province) in graph
        assert graph.value(new, VNP.validFrom) == _date("2025-07-01")
        for old_path in old_paths:
            old = mint_iri("unit", old_path)
            assert (old, VNP.succeededBy, new) in graph, f"{old_path} → {new_path}"
            assert graph.value(old, VNP.validUntil) == _date("2025-06-30")
        merger = [
            e
            for e in graph.subjects(VNP.resultingUnit, new)
            if {mint_iri("unit", p) for p in old_paths[:2]} <= set(graph.objects(e, VNP.originalUnit))
        ]
        assert len(merger) == 1, f"no single merger event into {new_path}"
    hue = mint_iri("unit", "hue")
    assert (mint_iri("unit", "thua-thien-hue"), VNP.succeededBy, hue) in graph
    assert graph.value(hue, VNP.validFrom) == _date("2025-01-01")


def test_an_abolished_district_passes_functions_not_the_whole_province(graph: Graph) -> None:
    """Issue 18 item 4: a district that ended with the district level is not "succeeded" by the whole
    new province; the province takes the functions moved up to it, under the event's legal basis."""
    for district, province in (("hai-phong/hong-bang", "hai-phong-2025"),
                               ("bac-kan/thanh-pho-bac-kan", "thai-nguyen-2025")):
        old, new = mint_iri("unit", district), mint_iri("unit", province)
        assert (old, VNP.succeededBy, None) not in graph
        assert graph.value(old, VNP.validUntil) == _date("2025-06-30")
        (node,) = graph.subjects(VNP.predecessor, old)
        assert (node, VNP.successor, new) in graph
        assert (node, VNP.successionFunction, concept("function", "provincial-authority")) in graph
        (event,) = graph.subjects(VNP.hasSuccession, node)
        assert (event, VNP.changeKind, concept("unitchange", "abolition")) in graph
        assert (event, PROV.used, mint_iri("doc", "vn", "2025", "72/2025/QH15")) in graph


def test_every_succession_shortcut_has_its_change_event(graph: Graph) -> None:
    pairs = set(graph.subject_objects(VNP.succeededBy))
    assert len(pairs) >= 15
    events = set()
    for e in _subjects_of(graph, CHANGE_CLASSES):
        olds = set(graph.objects(e, VNP.originalUnit)) | set(graph.objects(e, ORG.originalOrganization))
        news = set(graph.objects(e, VNP.resultingUnit)) | set(graph.objects(e, ORG.resultingOrganization))
        assert olds, f"{e} has no original unit/organisation"
        events |= {(o, n) for o in olds for n in news}
    assert pairs == events


def test_kind_changes_are_general_dated_and_sourced(graph: Graph) -> None:
    """Issue 14: the district offices' changes are stated once, by kind of agency and unit level,
    never for a named district or agency, each with its date, legal basis and source."""
    kinds = set(graph.subjects(RDF.type, VNP.AgencyKindChange))
    district = concept("level", "district")
    labour = [k for k in kinds if (k, VNP.appliesToName, Literal("Phòng Lao động - Thương binh và Xã hội", lang="vi"))
              in graph and (k, VNP.appliesToLevel, district) in graph]
    assert len(labour) == 1 and (labour[0], VNP.successorName, Literal("Phòng Nội vụ", lang="vi")) in graph
    assert graph.value(labour[0], VNP.effectiveDate) == _date("2025-03-01")
    ended = [k for k in kinds if (k, VNP.appliesToLevel, district) in graph and (k, VNP.successorNote, None) in graph]
    assert [graph.value(k, VNP.effectiveDate) for k in ended] == [_date("2025-07-01")]
    for k in kinds:
        assert graph.value(k, VNP.appliesToLevel) is not None and graph.value(k, VNP.effectiveDate) is not None, k
        assert (k, PROV_USED, None) in graph and (k, DCTERMS.source, None) in graph, k
        assert (k, VNP.successorName, None) in graph or (k, VNP.successorNote, None) in graph, k
        named = [o for _, _, o in graph.triples((k, None, None))
                 if str(o).startswith((DEFAULT_BASE + "id/dvhc/", DEFAULT_BASE + "id/org/"))]
        assert not named, f"{k} names {named}"


def test_ministry_merger_of_2025(graph: Graph) -> None:
    old, new = (
        mint_iri("org", "vn", "Bộ Lao động - Thương binh và Xã hội"),
        mint_iri("org", "vn", "Bộ Nội vụ"),
    )
    event = mint_iri("change", "2025-03-01-bo-ldtbxh-bo-noi-vu")
    assert (event, RDF.type, VNP.AgencyChange) in graph
    assert (event, ORG.originalOrganization, old) in graph and (
        event,
        ORG.resultingOrganization,
        new,
    ) in graph
    assert graph.value(event, VNP.effectiveDate) == _date("2025-03-01")
    assert graph.value(old, VNP.validUntil) == _date("2025-02-28")


def test_no_dangling_references_and_known_vocabulary(graph: Graph) -> None:
    subjects = set(graph.subjects())
    assert subjects
    for s, p, o in graph:
        if not isinstance(o, URIRef) or p in (DCTERMS.source, RDF.type):
            continue
        if str(o).startswith(str(VNC)):
            scheme, _, notation = str(o)[len(str(VNC)) :].partition("-")
            if scheme != "scheme":
                assert notation in NOTATIONS.get(scheme, "").split(), f"unknown concept {o} ({s} {p})"
        elif str(o).startswith(DEFAULT_BASE):
            assert o in subjects, f"{s} {p} → {o}, which is not described"


def test_readme_lists_files_and_plan_sources() -> None:
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    plans = sorted(PLANS.glob("*.txt"))
    assert TTL_FILES and plans
    for path in TTL_FILES:
        assert path.name in readme, f"README.md does not describe {path.name}"
    for plan in plans:
        assert hashlib.sha256(plan.read_bytes()).hexdigest() in readme, (
            f"README.md lacks the sha256 of {plan.name}"
        )
