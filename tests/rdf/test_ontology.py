"""The ontology (ontology/vnge.ttl) and its vocabularies (ontology/vocab.ttl).

Checks that both files parse, that a DL reasoner finds them consistent (alone and with a small
ABox shaped like the data the mapping writes) and inconsistent when a disjointness, functional
or datatype axiom is broken, that every term has its Vietnamese and English labels, that every
term of docs/DESIGN.md and every vnp:/vnc: term used in the repository is defined, and that the
HTML documentation builds.

Reasoner: Pellet as bundled with owlready2 (HermiT rejects xsd:date, which is not in the OWL 2
datatype map). owlready2 ≥ 0.50 ships a patched Jena class compiled for Java 25, so Pellet needs
a Java ≥ 25 runtime; :func:`_pellet_java` finds one (``VNGE_JAVA`` overrides). See
ontology/README.md.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import owlready2
import pytest
import rdflib.namespace as rdfns
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.pipeline.sources import extract_to_graph, plan_files
from kg.rdf.mapping import plan_graph_iri
from kg.rdf.namespaces import ELI, OA, ORG, VNC, VNP, concept, mint_iri
from kg.rdf.references import ReferenceIndex

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
VNGE = ONTOLOGY_DIR / "vnge.ttl"
VOCAB = ONTOLOGY_DIR / "vocab.ttl"
DESIGN = ROOT / "docs" / "DESIGN.md"
ONTOLOGY_IRI = URIRef("https://w3id.org/vnge/ontology")

# Pellet in owlready2 ≥ 0.50 contains classes compiled for Java 25 (class file version 69).
PELLET_MIN_JAVA = 25
# DESIGN.md names this term only to reject it ("`vnp:subdivisionType` literal? no: …").
DESIGN_REJECTED_TERMS = {"subdivisionType"}


@functools.cache
def ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(VNGE, format="turtle")
    graph.parse(VOCAB, format="turtle")
    return graph


# --------------------------------------------------------------------------- reasoner


def _java_major(java: str) -> int | None:
    try:
        proc = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


@functools.cache
def _pellet_java() -> str | None:
    """A Java executable new enough for owlready2's Pellet, or None."""
    candidates = [os.environ.get("VNGE_JAVA", "")]
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    candidates.append(shutil.which("java") or "")
    candidates += sorted(str(p) for p in Path("/usr/lib/jvm").glob("*/bin/java"))
    for java in candidates:
        if java and (_java_major(java) or 0) >= PELLET_MIN_JAVA:
            return java
    return None


def _for_pellet(graph: Graph) -> Graph:
    """Pellet 2.3.1 predates RDF 1.1: give it rdf:PlainLiteral where we say rdf:langString.

    Every rdf:langString value is an rdf:PlainLiteral value in OWL 2, so the check is the same.
    """
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, RDF.PlainLiteral if o == RDF.langString else o))
    return out


def run_pellet(graph: Graph, tmp_path: Path, explain: bool = False) -> tuple[str | None, list[str]]:
    """Run Pellet (owlready2) on ``graph``: (None or Pellet's inconsistency message, unsatisfiable classes).

    With ``explain`` the message includes ``pellet explain`` (the axioms that clash).
    """
    java = _pellet_java()
    if java is None:  # a skip fails the run under CI=true (conftest.py): there the reasoner must run
        pytest.skip(
            f"Pellet (owlready2) needs Java >= {PELLET_MIN_JAVA}; none found. "
            "Install one or set VNGE_JAVA to its java executable."
        )
    path = tmp_path / "reasoner-input.nt"
    _for_pellet(graph).serialize(path, format="nt", encoding="utf-8")
    owlready2.JAVA_EXE = java
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    try:
        owlready2.sync_reasoner_pellet(
            world, infer_property_values=False, infer_data_property_values=False, debug=2 if explain else 0
        )
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
    except owlready2.OwlReadyInconsistentOntologyError as e:
        return str(e)[-4000:], []
    finally:
        world.close()
    return None, unsatisfiable


def inconsistency(graph: Graph, tmp_path: Path, explain: bool = False) -> str | None:
    """None when ``graph`` is consistent, else Pellet's message."""
    return run_pellet(graph, tmp_path, explain)[0]


def sample_abox() -> Graph:
    """A small, valid ABox shaped like the mapping's output (one local plan and its parts)."""
    g = Graph()
    plan = mint_iri("doc", "hai-phong/hong-bang", "2022", "258/KH-UBND")
    parent = mint_iri("doc", "vn", "2021", "1790/QĐ-TTg")
    law = mint_iri("doc", "vn", "2006", "73/2006/QH11")
    clause = mint_iri("subdivision", law, "dieu_11/khoan_1")
    unit = mint_iri("unit", "hai-phong/hong-bang")
    province = mint_iri("unit", "hai-phong")
    ubnd = mint_iri("org", "hai-phong/hong-bang", "Ủy ban nhân dân quận Hồng Bàng")
    office = mint_iri("org", "hai-phong/hong-bang", "Phòng Văn hóa và Thông tin")
    group = mint_iri("group", "hai-phong/hong-bang", "các phòng, ban, ngành, đoàn thể")
    person = mint_iri("person", "Nguyễn Thị Hạnh")
    task = mint_iri("part", plan, "task/1")
    lead = mint_iri("part", plan, "assignment/1-lead-1")
    target = mint_iri("part", plan, "target/1")
    citation = mint_iri("part", plan, "citation/1")
    reporting = mint_iri("part", plan, "reporting/1")
    source = mint_iri("source", "c57b8a1548ca722b" * 4)
    annotation = mint_iri("part", plan, "annotation/0badcafe")
    expression = mint_iri("part", plan, "vie")
    activity = mint_iri("activity", "extract/0.1.0/0.2.0/" + "c57b8a1548ca722b" * 4)
    position = URIRef(f"{annotation}#position")
    triples = [
        (plan, RDF.type, VNP.Plan),
        (plan, ELI.number, Literal("258/KH-UBND")),
        (plan, DCTERMS.title, Literal("Kế hoạch truyền thông về bình đẳng giới", lang="vi")),
        (plan, ELI.is_realized_by, expression),
        (expression, RDF.type, ELI.LegalExpression),
        (expression, ELI.title, Literal("Kế hoạch truyền thông về bình đẳng giới", lang="vi")),
        (expression, ELI.language, URIRef("http://publications.europa.eu/resource/authority/language/VIE")),
        (expression, ELI.is_embodied_by, source),
        (plan_graph_iri(plan), PROV.wasGeneratedBy, activity),
        (activity, RDF.type, VNP.ExtractionActivity),
        (activity, PROV.used, source),
        (activity, PROV.used, URIRef("https://w3id.org/vnge/ontology/0.2.0")),
        (law, ELI.in_force, ELI["InForce-inForce"]),
        (law, VNP.inForceAsOf, Literal("2026-11-23", datatype=rdfns.XSD.date)),
        (plan, ELI.date_document, Literal("2022-12-16", datatype=rdfns.XSD.date)),
        (plan, VNP.issuedYear, Literal(2022)),
        (plan, VNP.periodStart, Literal(2022)),
        (plan, VNP.documentType, concept("doctype", "plan")),
        (plan, VNP.datePrecision, concept("precision", "day")),
        (plan, VNP.jurisdiction, unit),
        (plan, VNP.issuedBy, ubnd),
        (plan, VNP.signedBy, person),
        (plan, VNP.implements, parent),
        (plan, VNP.hasLegalBasis, law),
        (plan, VNP.hasCitation, citation),
        (plan, VNP.hasTask, task),
        (plan, VNP.hasTarget, target),
        (plan, VNP.hasReportingDuty, reporting),
        (plan, VNP.distributedTo, group),
        (plan, PROV.wasDerivedFrom, source),
        (parent, RDF.type, VNP.Decision),
        (law, RDF.type, VNP.Law),
        (clause, RDF.type, VNP.Clause),
        (clause, VNP.isPartOf, law),
        (clause, VNP.clauseNumber, Literal("1")),
        (citation, RDF.type, VNP.Citation),
        (citation, VNP.citedDocument, law),
        (citation, VNP.citedSubdivision, clause),
        (citation, VNP.citationKind, concept("citation", "legal-basis")),
        (unit, RDF.type, VNP.District),
        (unit, VNP.parentUnit, province),
        (unit, VNP.level, concept("level", "district")),
        (unit, VNP.unitType, concept("unittype", "urban-district")),
        (province, RDF.type, VNP.Province),
        (ubnd, RDF.type, VNP.Agency),
        (ubnd, ORG.classification, concept("orgtype", "peoples-committee")),
        (ubnd, VNP.scopeUnit, unit),
        (office, RDF.type, VNP.Agency),
        (office, ORG.subOrganizationOf, ubnd),
        (office, VNP.sourceSpelling, Literal("Phong Van hoa va Thong tin")),
        (group, RDF.type, VNP.AgencyGroup),
        (group, VNP.memberCount, Literal(9)),
        (person, RDF.type, VNP.Person),
        (task, RDF.type, VNP.Task),
        (task, VNP.hasAssignment, lead),
        (task, VNP.leadAgency, office),
        (task, VNP.recurrence, concept("recurrence", "annual")),
        (lead, RDF.type, VNP.Assignment),
        (lead, VNP.agent, office),
        (lead, VNP.role, concept("role", "lead")),
        (target, RDF.type, VNP.Target),
        (target, VNP.value, Literal(2)),  # an xsd:integer is an xsd:decimal value
        (target, VNP.targetYear, Literal(2025)),
        (target, VNP.measure, concept("measure", "event")),
        (target, VNP.comparator, concept("comparator", "at-least")),
        (reporting, RDF.type, VNP.ReportingDuty),
        (reporting, VNP.reporter, group),
        (reporting, VNP.reportRecipient, ubnd),
        (reporting, VNP.deadlineDay, Literal(10)),
        (reporting, VNP.deadlineMonth, Literal(12)),
        (source, RDF.type, VNP.SourceFile),
        (source, VNP.sha256, Literal("c57b8a1548ca722b" * 4)),
        (annotation, RDF.type, OA.Annotation),
        (annotation, OA.hasBody, target),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(120)),
    ]
    for triple in triples:
        g.add(triple)
    return g


def _with(*extra: tuple) -> Graph:
    graph = ontology_graph() + sample_abox()
    for triple in extra:
        graph.add(triple)
    return graph


_PLAN = mint_iri("doc", "hai-phong/hong-bang", "2022", "258/KH-UBND")
_OFFICE = mint_iri("org", "hai-phong/hong-bang", "Phòng Văn hóa và Thông tin")
_LAW = mint_iri("doc", "vn", "2006", "73/2006/QH11")
_LEAD = mint_iri("part", _PLAN, "assignment/1-lead-1")
_GROUP = mint_iri("group", "hai-phong/hong-bang", "các phòng, ban, ngành, đoàn thể")
# Each case adds triples that break one axiom (rdflib logs a warning for the ill-typed date when
# the literal is made, hence the lambdas).
BROKEN = {
    "agency-is-also-a-group": lambda: [(_OFFICE, RDF.type, VNP.AgencyGroup)],
    "law-is-also-a-decree": lambda: [(_LAW, RDF.type, VNP.Decree)],
    "two-issue-dates": lambda: [(_PLAN, ELI.date_document, Literal("2022-12-17", datatype=rdfns.XSD.date))],
    "ill-typed-date": lambda: [
        (_LAW, ELI.first_date_entry_in_force, Literal("1/7/2007", datatype=rdfns.XSD.date))
    ],
    "plan-is-its-own-parent": lambda: [(_PLAN, VNP.implements, _PLAN)],
    "assignment-with-two-roles": lambda: [(_LEAD, VNP.role, concept("role", "partner"))],
    "assignment-with-two-agents": lambda: [(_LEAD, VNP.agent, _GROUP)],
    # 0.1's form: a title on the plan itself types it an expression (eli:title's domain)
    "title-of-an-expression-on-the-plan": lambda: [(_PLAN, ELI.title, Literal("Kế hoạch", lang="vi"))],
    "a-law-both-in-force-and-not": lambda: [(_LAW, ELI.in_force, ELI["InForce-notInForce"])],
}


@pytest.mark.slow  # Pellet: ~1-2 s alone, over 5 s on a busy 2-core machine
def test_ontology_and_vocabularies_are_consistent_and_every_class_satisfiable(tmp_path: Path) -> None:
    problem, unsatisfiable = run_pellet(ontology_graph(), tmp_path, explain=True)
    assert problem is None, problem
    assert unsatisfiable == []


@pytest.mark.slow  # Pellet: ~1-2 s alone, over 5 s on a busy 2-core machine
def test_reasoner_detects_an_unsatisfiable_class(tmp_path: Path) -> None:
    graph = ontology_graph() + Graph()
    graph.add((VNP.Plan, RDFS.subClassOf, VNP.Law))  # but Plan and Law are disjoint
    assert run_pellet(graph, tmp_path) == (None, [str(VNP.Plan)])


@pytest.mark.slow  # Pellet: ~1-2 s alone, over 5 s on a busy 2-core machine
def test_sample_abox_is_consistent(tmp_path: Path) -> None:
    problem = inconsistency(_with(), tmp_path, explain=True)
    assert problem is None, problem


@pytest.mark.slow  # Pellet: ~1-2 s alone, over 5 s on a busy 2-core machine
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_reasoner_detects_inconsistency(case: str, tmp_path: Path) -> None:
    assert inconsistency(_with(*BROKEN[case]()), tmp_path) is not None, f"{case} should be inconsistent"


def _reference_graph() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.mark.slow  # Pellet: ~1-2 s alone, over 5 s on a busy 2-core machine
def test_reference_data_is_consistent_with_the_ontology(tmp_path: Path) -> None:
    """data/reference/*.ttl (another layer's files) must respect the ontology's axioms."""
    reference = _reference_graph()
    assert len(reference), "no reference data (data/reference/*.ttl)"
    problem = inconsistency(ontology_graph() + reference, tmp_path, explain=True)
    assert problem is None, f"ontology + data/reference is inconsistent:\n{problem}"


@pytest.mark.slow  # extracts a dozen plans, then Pellet
def test_plans_graph_is_consistent_with_the_ontology(tmp_path: Path) -> None:
    """The graph made from data/plans and tests/heldout/plans (extraction + mapping + reference)
    respects the ontology's axioms."""
    reference = _reference_graph()
    index = ReferenceIndex.from_graph(reference + ontology_graph())
    graph = ontology_graph() + reference
    folders = [ROOT / "data" / "plans", ROOT / "tests" / "heldout" / "plans"]
    plans = [path for folder in folders if folder.is_dir() for path in plan_files(folder)]
    for path in plans:
        extracted = extract_to_graph(path, index)
        graph += extracted.graph if hasattr(extracted, "graph") else extracted[1]
    assert plans
    problem = inconsistency(graph, tmp_path, explain=True)
    assert problem is None, f"ontology + reference + {len(plans)} mapped plans is inconsistent:\n{problem}"


_DL_CHECK_JAVA = """
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class DLCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfile profile = args[1].equals("RL") ? new OWL2RLProfile() : new OWL2DLProfile();
        for (OWLProfileViolation v : profile.checkOntology(o).getViolations())
            System.out.println("VIOLATION " + v);
        System.out.println("AXIOMS " + o.getAxiomCount());
    }
}
"""


def _owlapi_jar() -> Path | None:
    jars = sorted((Path(owlready2.__file__).parent / "pellet").glob("owlapi-distribution-*.jar"))
    return jars[0] if jars else None


def _javac() -> str | None:
    java = _pellet_java() or shutil.which("java")
    javac = Path(java).with_name("javac") if java else None
    return str(javac) if javac and javac.exists() else shutil.which("javac")


@pytest.fixture(scope="module")
def dl_violations(tmp_path_factory: pytest.TempPathFactory):
    """A function (graph, profile "DL" or "RL") → profile violations, by the OWL API (3.4.3, from owlready2)."""
    jar, javac = _owlapi_jar(), _javac()
    if jar is None or javac is None:  # a skip fails the run under CI=true (conftest.py)
        pytest.skip("the OWL 2 DL profile check needs a JDK (javac) and owlready2's OWL API jar")
    classes = tmp_path_factory.mktemp("dlcheck")
    (classes / "DLCheck.java").write_text(_DL_CHECK_JAVA, encoding="utf-8")
    subprocess.run([javac, "-nowarn", "-cp", str(jar), "DLCheck.java"], cwd=classes, check=True, timeout=120)
    java = str(Path(javac).with_name("java"))

    def check(graph: Graph, tmp_path: Path, profile: str = "DL") -> list[str]:
        graph.serialize(tmp_path / "ontology.owl", format="xml")
        proc = subprocess.run(
            [java, "-cp", f"{jar}:{classes}", "DLCheck", str(tmp_path / "ontology.owl"), profile],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0 and "AXIOMS " in proc.stdout, proc.stderr[-2000:]
        return sorted(line for line in proc.stdout.splitlines() if line.startswith("VIOLATION "))

    return check


@pytest.mark.slow  # runs the OWL API in a JVM
def test_ontology_is_in_the_owl2_dl_profile(dl_violations, tmp_path: Path) -> None:
    # OWL API 3.4.3 predates RDF 1.1 and does not know rdf:langString (the range of eli:title).
    violations = [
        v
        for v in dl_violations(ontology_graph(), tmp_path)
        if "Use of unknown datatype: rdf:langString" not in v
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.slow  # runs the OWL API in a JVM
def test_owl2_dl_check_reports_property_punning(dl_violations, tmp_path: Path) -> None:
    graph = ontology_graph() + Graph()
    graph.add((VNP.value, RDF.type, OWL.ObjectProperty))  # vnp:value is a datatype property
    assert any("vnge/ontology#value" in v for v in dl_violations(graph, tmp_path))


# OWL 2 RL violations that remain, each for a stated reason (ontology/README.md, "OWL 2 RL"). All
# class axioms are in the profile; what keeps the files out of it is datatypes and owl:Thing:
# - datatypes outside the OWL 2 RL datatype list: xsd:date (the ranges of the dates; not in the
#   OWL 2 datatype map at all), xsd:duration (skos:notation of the recurrence concepts),
#   rdf:langString (RDF 1.1, newer than OWL 2 and OWL API 3.4.3) and the user-defined datatype
#   vnp:GSOCode (RL allows no datatype definitions);
# - owl:Thing as a domain or range (RL's superclass expressions exclude owl:Thing) on the four
#   properties whose subject or object may be anything: a tautology kept to document them.
_RL_DATATYPES = ("xsd:date", "xsd:duration", "rdf:langString", "<https://w3id.org/vnge/ontology#GSOCode>")
_RL_ANY = (
    "ObjectPropertyDomain(<{}evidence>",
    "ObjectPropertyRange(<{}evidence>",
    "ObjectPropertyRange(<{}mentionOf>",
    "ObjectPropertyRange(<{}mentionedKind>",
)
RL_ACCEPTED = (
    ("Use of unknown datatype: rdf:langString ",)
    + tuple(f"Use of data range not in profile: {d} " for d in _RL_DATATYPES)
    + tuple("requires a superclass expression: owl:Thing [" + axiom.format(VNP) for axiom in _RL_ANY)
)


@pytest.mark.slow  # runs the OWL API in a JVM
def test_ontology_is_in_the_owl2_rl_profile(dl_violations, tmp_path: Path) -> None:
    violations = [
        v
        for v in dl_violations(ontology_graph(), tmp_path, "RL")
        if not any(accepted in v for accepted in RL_ACCEPTED)
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.slow  # runs the OWL API in a JVM
def test_owl2_rl_check_reports_a_union_range(dl_violations, tmp_path: Path) -> None:
    graph = ontology_graph() + Graph()
    union, members = BNode(), BNode()
    Collection(graph, members, [VNP.Programme, VNP.Plan])
    graph.add((union, RDF.type, OWL.Class))
    graph.add((union, OWL.unionOf, members))
    graph.add((VNP.approves, RDFS.range, union))
    violations = dl_violations(graph, tmp_path, "RL")
    assert any("ObjectUnionOf" in v and "approves" in v for v in violations), "\n".join(violations)


def test_no_domain_or_range_is_an_anonymous_class_expression() -> None:
    graph = ontology_graph()
    anonymous = sorted(
        f"{graph.qname(prop)} {graph.qname(axiom)}"
        for axiom in (RDFS.domain, RDFS.range)
        for prop, cls in graph.subject_objects(axiom)
        if isinstance(cls, BNode)
    )
    assert not anonymous, f"domains/ranges given as blank-node class expressions (name a class): {anonymous}"


# --------------------------------------------------------------------------- structure


def test_files_parse_and_declare_the_ontology() -> None:
    vnge = Graph().parse(VNGE, format="turtle")
    vocab = Graph().parse(VOCAB, format="turtle")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in vnge
    assert vnge.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert len(list(vocab.subjects(RDF.type, SKOS.ConceptScheme))) >= 10
    assert not list(vnge.objects(None, OWL.imports)) + list(vocab.objects(None, OWL.imports))


def _vnp_terms(graph: Graph) -> dict[URIRef, URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        s: kind
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(VNP))
    }


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    return [
        str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang
    ]


def _label_problems(graph: Graph, subject: URIRef, predicates: Iterable[URIRef]) -> list[str]:
    problems = []
    for predicate in predicates:
        for lang in ("vi", "en"):
            texts = _texts(graph, subject, predicate, lang)
            if not texts:
                problems.append(f"{subject.n3(graph.namespace_manager)}: no {predicate.n3()}@{lang}")
            problems += [
                f"{subject}: {predicate.n3()} {t!r} is not NFC"
                for t in texts
                if unicodedata.normalize("NFC", t) != t
            ]
    return problems


def test_every_vnp_term_has_vietnamese_and_english_label_and_definition() -> None:
    graph = ontology_graph()
    terms = _vnp_terms(graph)
    assert len(terms) > 100
    problems = [p for t in sorted(terms) for p in _label_problems(graph, t, (RDFS.label, SKOS.definition))]
    assert not problems, "\n".join(problems)


def test_every_vnp_property_has_domain_and_range() -> None:
    graph = ontology_graph()
    problems = [
        f"{term}: no {p.n3()}"
        for term, kind in sorted(_vnp_terms(graph).items())
        if kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in (RDFS.domain, RDFS.range)
        if graph.value(term, p) is None and not (p == RDFS.domain and term == VNP.sourceSpelling)
    ]
    assert not problems, "\n".join(problems)


def test_every_concept_and_scheme_is_labelled_defined_in_both_languages_and_in_its_scheme() -> None:
    graph = ontology_graph()
    concepts = sorted(s for s in graph.subjects(RDF.type, SKOS.Concept) if str(s).startswith(str(VNC)))
    schemes = sorted(graph.subjects(RDF.type, SKOS.ConceptScheme))
    problems = [p for c in concepts + schemes for p in _label_problems(graph, c, (SKOS.prefLabel,))]
    for c in concepts:
        scheme = graph.value(c, SKOS.inScheme)
        name = str(scheme).removeprefix(str(VNC) + "scheme-")
        notations = {str(n) for n in graph.objects(c, SKOS.notation)}
        if scheme is None or (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
            problems.append(f"{c}: skos:inScheme {scheme} is not a declared scheme")
        elif not any(c == concept(name, n) for n in notations):
            problems.append(f"{c}: no skos:notation n with IRI vnc:{name}-n ({sorted(notations)})")
    for c in concepts + schemes:
        problems += [
            f"{c}: no skos:definition@{lang}"
            for lang in ("vi", "en")
            if not _texts(graph, c, SKOS.definition, lang)
        ]
    assert len(concepts) > 50
    assert not problems, "\n".join(problems)


def test_recurrence_concepts_carry_an_iso_duration() -> None:
    graph = ontology_graph()
    durations = {
        str(c).removeprefix(str(VNC)): str(n)
        for c in graph.subjects(SKOS.inScheme, VNC["scheme-recurrence"])
        for n in graph.objects(c, SKOS.notation)
        if isinstance(n, Literal) and n.datatype == rdfns.XSD.duration
    }
    assert durations == {
        "recurrence-annual": "P1Y",
        "recurrence-semiannual": "P6M",
        "recurrence-quarterly": "P3M",
        "recurrence-monthly": "P1M",
    }


# --------------------------------------------------------------------------- coverage


def _design_section(title: str) -> str:
    text = DESIGN.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_every_design_term_is_defined() -> None:
    graph = ontology_graph()
    defined = {str(s).removeprefix(str(VNP)) for s in _vnp_terms(graph)}
    named = set(re.findall(r"vnp:([A-Za-z_]\w*)", DESIGN.read_text(encoding="utf-8")))
    missing = sorted(named - defined - DESIGN_REJECTED_TERMS)
    assert not missing, f"docs/DESIGN.md names terms that ontology/vnge.ttl does not define: {missing}"


def test_every_design_vocabulary_notation_is_a_concept() -> None:
    graph = ontology_graph()
    rows = re.findall(r"^\| `([a-z]+)` \| (.+) \|$", _design_section("Controlled vocabularies"), re.M)
    assert len(rows) >= 10
    missing = [
        f"{scheme}-{notation}"
        for scheme, cell in rows
        if scheme != "indicator"  # reference data, data/reference/indicators.ttl
        for notation in re.findall(r"`([a-z0-9-]+)`", cell)
        if (concept(scheme, notation), RDF.type, SKOS.Concept) not in graph
    ]
    assert not missing, f"DESIGN.md notations without a concept in ontology/vocab.ttl: {missing}"


SCANNED = ("kg", "service", "shapes", "queries", "data/reference", "tests/data", "ontology")
TEXT_SUFFIXES = {".ttl", ".trig", ".nt", ".nq", ".rq", ".sparql", ".html", ".js"}
_PREFIXED = re.compile(r"(?<![\w/#-])(vnp|vnc):([A-Za-z_][\w.-]*)")
_FULL = re.compile(r"(https://w3id\.org/vnge/(?:ontology#|concept/))([A-Za-z_][\w.-]*)")
_NS = {"vnp": str(VNP), "vnc": str(VNC)}


def _terms_in_text(text: str) -> set[str]:
    """Prefixed names and full IRIs; a local name ending in "-" is a prefix being built, not a term."""
    pairs = [(_NS[p], local) for p, local in _PREFIXED.findall(text)] + _FULL.findall(text)
    return {ns + local.rstrip(".") for ns, local in pairs if not local.rstrip(".").endswith("-")}


def _terms_in_python(source: str) -> set[str]:
    """VNP.x, VNP["x"], VNC["x"], concept("scheme", "notation"), and prefixed names in strings."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "VNP":
            found.add(str(VNP) + node.attr)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("VNP", "VNC")
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            found.add(_NS[node.value.id.lower()] + node.slice.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "concept"
            and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        ):
            found.add(str(concept(node.args[0].value, node.args[1].value)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found |= _terms_in_text(node.value)
    return found


def _used_terms() -> dict[str, set[str]]:
    """term IRI → repository files that use it."""
    used: dict[str, set[str]] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.suffix == ".py":
                terms = _terms_in_python(path.read_text(encoding="utf-8"))
            elif path.suffix in TEXT_SUFFIXES:
                terms = _terms_in_text(path.read_text(encoding="utf-8"))
            else:
                continue
            for term in terms:
                used.setdefault(term, set()).add(str(path.relative_to(ROOT)))
    return used


def _defined_terms() -> set[str]:
    """Subjects typed in ontology/, plus the indicator concepts of data/reference/ (DESIGN.md)."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    defined = {str(s) for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for path in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        ref = Graph().parse(path, format="turtle")
        for s in ref.subjects(SKOS.inScheme, VNC["scheme-indicator"]):
            defined.add(str(s))
        if (VNC["scheme-indicator"], RDF.type, SKOS.ConceptScheme) in ref:
            defined.add(str(VNC["scheme-indicator"]))
    return defined


def test_every_term_used_in_the_repository_is_defined() -> None:
    defined = _defined_terms()
    missing = {t: files for t, files in _used_terms().items() if t not in defined}
    lines = [f"{t}  (used in {', '.join(sorted(files))})" for t, files in sorted(missing.items())]
    assert not lines, "terms used but not defined in ontology/ (STYLE point 3):\n" + "\n".join(lines)


def test_term_scanner_finds_prefixed_names_calls_and_iris() -> None:
    source = 'g.add((s, VNP.hasTask, concept("role", "lead")))\nq = "?p vnp:leadAgency ?a ; vnp:role vnc:role-lead ."'
    assert _terms_in_python(source) == {
        str(VNP.hasTask),
        str(VNP.leadAgency),
        str(VNP.role),
        str(concept("role", "lead")),
    }
    ttl = '<https://w3id.org/vnge/ontology#Plan> vnp:nope vnc:level-national.\nLEVEL = "vnc:level-"'
    assert _terms_in_text(ttl) == {str(VNP.Plan), str(VNP.nope), str(concept("level", "national"))}
    assert str(VNP.nope) not in _defined_terms()


# --------------------------------------------------------------------------- docs


@pytest.mark.slow  # two pyLODE builds
def test_docs_build_offline_and_name_classes_in_vietnamese(tmp_path: Path) -> None:
    from kg.rdf.docs import build_docs

    index = build_docs(tmp_path / "docs")
    assert index == tmp_path / "docs" / "index.html"
    html = index.read_text(encoding="utf-8")
    for label in ("Kế hoạch", "Chỉ tiêu", "Nhiệm vụ", "Phân công", "Nhóm cơ quan"):
        assert label in html, f"docs do not show the Vietnamese label {label!r}"
    assert str(VNP.Assignment) in html
    assert "Chủ trì" in html  # a concept of vocab.ttl
    again = build_docs(tmp_path / "again")
    assert again.read_bytes() == index.read_bytes(), "the documentation differs between two builds"


def test_sample_abox_uses_only_defined_terms() -> None:
    defined = _defined_terms()
    used = {str(t) for triple in sample_abox() for t in triple if isinstance(t, URIRef)}
    ours = {t for t in used if t.startswith((str(VNP), str(VNC)))}
    assert ours <= defined, sorted(ours - defined)
