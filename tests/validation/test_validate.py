"""kg.validation (run, report): the report object, its renderings, the audit graph, bad input,
partial graphs, mapping output, and the findings expected on the five seed plans."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace

from kg.errors import DataFileError, StoreError
from kg.rdf.namespaces import OA, SH, VNP, graph_iri
from kg.validation import (
    ValidationReport,
    load_audits,
    load_dataset,
    load_shapes,
    render,
    report_graph,
    run_validation,
    validate_store,
    write_audit_graph,
)

ROOT = Path(__file__).resolve().parents[2]
B = "https://w3id.org/vnge/"
VNSH = Namespace("https://w3id.org/vnge/shapes#")

# A plan like Bình Lư's (seed 004): unsigned copy, a target without a value, citing NĐ 55/2009.
TRIG = """
@prefix vnp: <https://w3id.org/vnge/ontology#> .
@prefix vnc: <https://w3id.org/vnge/concept/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/vnge/> .

<graph/reference> {
  <eli/vn/2009/55-2009-nd-cp> a vnp:Decree ; eli:number "55/2009/NĐ-CP" ;
      eli:date_no_longer_in_force "2022-01-01"^^xsd:date ; vnp:replacedBy <eli/vn/2021/125-2021-nd-cp> .
  <eli/vn/2021/125-2021-nd-cp> a vnp:Decree ; eli:number "125/2021/NĐ-CP" .
}
<graph/plan/eli/vn/lai-chau/binh-lu/2026/kh-1> {
  <eli/vn/lai-chau/binh-lu/2026/kh-1> a vnp:Plan ; prov:wasDerivedFrom <source/s1> ;
      rdfs:label "Kế hoạch (không số) của Ủy ban nhân dân xã Bình Lư"@vi ;
      vnp:issuedYear 2026 ; vnp:issuedMonth 4 ; vnp:issuedBy <id/org/lai-chau/binh-lu/ubnd> ;
      vnp:hasResponsibility <eli/vn/lai-chau/binh-lu/2026/kh-1/responsibility/1> ;
      vnp:hasTarget <eli/vn/lai-chau/binh-lu/2026/kh-1/target/4> ;
      vnp:hasCitation <eli/vn/lai-chau/binh-lu/2026/kh-1/citation/1> .
  <source/s1> a vnp:SourceFile .
  <id/org/lai-chau/binh-lu/ubnd> a vnp:Agency .
  <eli/vn/lai-chau/binh-lu/2026/kh-1/responsibility/1> a vnp:Responsibility ; vnp:agent <id/org/lai-chau/binh-lu/ubnd> .
  <eli/vn/lai-chau/binh-lu/2026/kh-1/target/4> a vnp:Target ; vnp:targetYear 2030 .
  <eli/vn/lai-chau/binh-lu/2026/kh-1/citation/1> a vnp:Citation ; vnp:citedDocument <eli/vn/2009/55-2009-nd-cp> ;
      vnp:citationKind vnc:citation-content .
  <eli/vn/lai-chau/binh-lu/2026/kh-1/target/4> vnp:evidence <source/s1#char=100,190> .
  <source/s1#char=100,190>
      oa:exact "4. Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số về giới trong truyền thông." .
}
"""
PLAN = B + "eli/vn/lai-chau/binh-lu/2026/kh-1"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "plan.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(dataset: Path) -> ValidationReport:
    return validate_store(load_dataset(dataset))


def test_report_conforms_only_without_violations(report: ValidationReport) -> None:
    assert not report.conforms
    kinds = {(f.shape.rsplit("#", 1)[-1], f.severity) for f in report.findings}
    assert ("TargetValueShape", "Violation") in kinds
    assert ("PlanNumberShape", "Warning") in kinds and ("PlanDateShape", "Warning") in kinds
    assert ("audit-citation-repealed-before", "Violation") in kinds  # April 2026 > 1 Jan 2022
    clean = ValidationReport(findings=[f for f in report.findings if f.severity != "Violation"])
    assert clean.conforms and clean.count("Warning") >= 2


def test_finding_cites_the_plan_text(report: ValidationReport) -> None:
    target = [f for f in report.findings if f.shape == str(VNSH.TargetValueShape)]
    assert len(target) == 1
    assert target[0].quote and "đạt truyền thông áp dụng Bộ chỉ số" in target[0].quote
    assert target[0].annotation == B + "source/s1#char=100,190"
    assert target[0].plan == PLAN
    assert target[0].message_vi.startswith("Chỉ tiêu không có giá trị") and target[0].message_en


def test_text_report_is_grouped_by_plan_with_quotes(report: ValidationReport) -> None:
    text = render(report, "text")
    assert text.startswith("does NOT conform: 1 plans,")
    assert "== Kế hoạch (không số) của Ủy ban nhân dân xã Bình Lư" in text
    assert "« 4. Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số" in text
    assert text.index("[Violation]") < text.index("[Warning]")  # worst first within a plan
    assert "125/2021/NĐ-CP" in text


def test_json_report(report: ValidationReport) -> None:
    data = json.loads(render(report, "json"))
    assert data["conforms"] is False and data["counts"]["Violation"] == report.count("Violation")
    (plan,) = data["plans"]
    assert plan["plan"] == PLAN and plan["label"].startswith("Kế hoạch")
    quoted = [f for f in plan["findings"] if f["quote"]]
    assert quoted and all(set(f["message"]) == {"vi", "en"} for f in plan["findings"])


def test_turtle_report_is_a_shacl_report(report: ValidationReport) -> None:
    g = Graph().parse(data=render(report, "turtle"), format="turtle")
    results = list(g.subjects(None, SH.ValidationResult))
    assert len(results) == len(report.findings)
    assert (None, SH.conforms, None) in g
    for r in results:
        assert g.value(r, SH.focusNode) is not None and g.value(r, SH.resultSeverity) is not None
        assert {m.language for m in g.objects(r, SH.resultMessage)} == {"vi", "en"}
    assert len(list(g.objects(None, VNP.evidence))) >= 1


def test_unknown_format_is_refused(report: ValidationReport) -> None:
    with pytest.raises(ValueError, match="text, turtle, json"):
        render(report, "csv")


def test_same_input_same_report(dataset: Path, report: ValidationReport) -> None:
    again = validate_store(load_dataset(dataset))
    assert again.findings == report.findings
    assert render(again, "turtle") == render(report, "turtle")


def test_audit_graph_is_written_replaced_and_queryable(tmp_path: Path, report: ValidationReport) -> None:
    store_path = tmp_path / "store"
    store = ox.Store(str(store_path))
    store.load(TRIG.encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    n = write_audit_graph(str(store_path), report)
    assert n == len(report_graph(report))
    again = write_audit_graph(str(store_path), report)  # replaced, not appended
    store = ox.Store.read_only(str(store_path))
    audit = ox.NamedNode(str(graph_iri("audit")))
    assert again == n == len(list(store.quads_for_pattern(None, None, None, audit)))
    rows = list(
        store.query(
            f"""SELECT ?severity ?quote WHERE {{ GRAPH <{graph_iri("audit")}> {{
                  ?r a <{SH.ValidationResult}> ; <{SH.resultSeverity}> ?severity ; <{VNP.evidence}> ?a ;
                     <{VNP.auditedPlan}> <{PLAN}> }}
                ?a <{OA.exact}> ?quote }}""",
            use_default_graph_as_union=True,
        )
    )
    assert [(r["severity"].value, "Bộ chỉ số" in r["quote"].value) for r in rows] == [
        (str(SH.Violation), True)
    ]


# ---------------------------------------------------------------- bad input


def test_malformed_shapes_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n<urn:a> sh:path <urn:b> ;\n  sh:minCount .\n", "utf-8"
    )
    with pytest.raises(DataFileError) as e:
        load_shapes([bad])
    assert str(bad) in str(e.value) and e.value.line == 4


def test_malformed_data_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text('<urn:g> {\n  <urn:a> <urn:b> "unterminated .\n}\n', "utf-8")
    with pytest.raises(DataFileError) as e:
        load_dataset(bad)
    assert str(bad) in str(e.value) and e.value.line == 2


AUDIT = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix vnsh: <https://w3id.org/vnge/shapes#> .
vnsh:audit-x a sh:NodeShape ;
    rdfs:label "t"@vi , "t"@en ; rdfs:comment "c"@en ;
    sh:severity SEVERITY ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:message "v"@vi , "e"@en ;
        sh:prefixes <https://w3id.org/vnge/shapes/audits> ;
        sh:select \"\"\"SELECT ?this WHERE {
  ?this ?p \"\"\" ] .
"""


def test_malformed_audit_query_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.ttl"
    bad.write_text(AUDIT.replace("SEVERITY", "sh:Warning"), "utf-8")
    with pytest.raises(DataFileError, match="not a valid SPARQL query") as e:
        load_audits([bad])
    assert str(bad) in str(e.value) and e.value.line in (9, 10)  # the query's second line
    bad.write_text(AUDIT.replace("SEVERITY", "sh:Bad").replace("?p \"", "?p ?o } \""), "utf-8")
    with pytest.raises(DataFileError, match="severity"):
        load_audits([bad])
    bad.write_text(AUDIT.replace("SEVERITY", "sh:Warning").replace('sh:message "v"@vi ,', "sh:message"), "utf-8")
    with pytest.raises(DataFileError, match=r"lacks sh:message@vi"):
        load_audits([bad])
    bad.write_text(AUDIT.replace("SEVERITY", "sh:Warning").replace("audit-x", "audit-y"), "utf-8")
    with pytest.raises(DataFileError, match="vnsh:audit-x"):
        load_audits([bad])
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:a> sh:select .\n", "utf-8")
    with pytest.raises(DataFileError, match="Turtle") as e:
        load_audits([bad])
    assert e.value.line == 2


def test_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="build it first"):
        run_validation(str(tmp_path / "nowhere"))


def test_partial_graph_reports_instead_of_crashing() -> None:
    """A plan graph with almost nothing in it, and an ill-typed date: findings, no crash."""
    trig = f"""<{graph_iri("plan", "eli/vn/x/kh")}> {{
      <{B}eli/vn/x/kh> <http://www.w3.org/ns/prov#wasDerivedFrom> <{B}source/x> ;
          <http://data.europa.eu/eli/ontology#date_document> "24/11/2021"^^<http://www.w3.org/2001/XMLSchema#date> ;
          <https://w3id.org/vnge/ontology#hasTask> <{B}eli/vn/x/kh/task/1> .
    }}"""
    store = ox.Store()
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    report = validate_store(store)
    assert report.errors == []
    shapes = {f.shape.rsplit("#", 1)[-1] for f in report.findings}
    assert {"PlanIssuerShape", "PlanAssignsWorkShape", "PlanOntologyShape"} <= shapes
    assert not report.conforms


def test_empty_store_conforms() -> None:
    report = validate_store(ox.Store())
    assert report.conforms and report.findings == [] and report.plans == {}


# ---------------------------------------------------------------- mapping output


def test_mapping_output_meets_the_ontology_shapes() -> None:
    """Records as the extraction returns them, through kg.rdf.mapping: no ontology-level violation."""
    from kg.extract.records import (
        AgencyRef,
        DocRef,
        DocumentMeta,
        PlanExtraction,
        ReportingDuty,
        Responsibility,
        Target,
        Task,
    )
    from kg.pipeline.entities import ntriples
    from kg.pipeline.sources import parse_turtle_files
    from kg.rdf.context import SourceInfo
    from kg.rdf.entities import claims_in, describe
    from kg.rdf.mapping import map_plan, plan_graph_iri
    from kg.rdf.references import ReferenceIndex

    text = (
        "ỦY BAN NHÂN DÂN XÃ BÌNH LƯ\nSố: /KH-UBND\nBình Lư, ngày tháng 4 năm 2026\n"
        "Thực hiện Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ.\n"
        "4. Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số về giới trong truyền thông.\n"
        "1. Tăng cường truyền thông chính sách, pháp luật về bình đẳng giới\n"
        "2. Phòng Văn hóa - Xã hội: tham mưu Ủy ban nhân dân xã triển khai Kế hoạch.\n"
        "Báo cáo định kỳ gửi về Ủy ban nhân dân xã trước ngày 20/11 hằng năm.\n"
    )

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return (i, i + len(s))

    ubnd = AgencyRef(
        "Ủy ban nhân dân xã Bình Lư", "Ủy ban nhân dân xã", "lai-chau/binh-lu", "peoples-committee"
    )
    phong = AgencyRef("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội", "lai-chau/binh-lu", "office")
    x = PlanExtraction(
        document=DocumentMeta(
            None,
            "2026-04",
            "month",
            "Bình Lư",
            ubnd,
            "xã Bình Lư",
            "lai-chau/binh-lu",
            "commune",
            "commune",
            "Thực hiện Chương trình Truyền thông về bình đẳng giới",
            (2026, 2030),
            span=span("Số: /KH-UBND"),
        ),
        citations=[
            DocRef(
                "1790/QĐ-TTg",
                "decision",
                None,
                "2021-10-23",
                None,
                relation="implements",
                span=span("Quyết định số 1790/QĐ-TTg"),
            )
        ],
        targets=[
            Target(
                "Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số về giới trong truyền thông.",
                "media-gender-indicators-official",
                None,
                None,
                None,
                None,
                2030,
                None,
                None,
                None,
                span=span(
                    "4. Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số về giới trong truyền thông."
                ),
            ),
        ],
        tasks=[
            Task(
                "Tăng cường truyền thông chính sách, pháp luật về bình đẳng giới", span=span("1. Tăng cường")
            )
        ],
        responsibilities=[Responsibility(phong, ("tham mưu",), (0,), span=span("2. Phòng Văn hóa"))],
        reporting=[
            ReportingDuty((phong,), (ubnd,), "--11-20", "annual", "kết quả", span=span("Báo cáo định kỳ"))
        ],
    )
    reference = parse_turtle_files(sorted((ROOT / "data" / "reference").glob("*.ttl")))
    plan, graph = map_plan(
        x, text, SourceInfo("ab" * 32, "binh-lu.txt", "text/plain"), ReferenceIndex.from_graph(reference)
    )
    store = ox.Store()
    store.load(
        graph.serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(plan_graph_iri(plan))),
    )
    store.load(
        reference.serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(graph_iri("reference"))),
    )
    store.load(  # the shared entities the plan names, described from its claims (kg/rdf/entities.py)
        ntriples(describe(claims_in(graph))).encode("utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(str(graph_iri("entities"))),
    )
    report = validate_store(store)
    assert report.errors == []
    ontology = [f for f in report.findings if "Ontology" in f.shape]
    assert ontology == []
    kinds = {(f.shape.rsplit("#", 1)[-1], f.severity) for f in report.findings}
    assert ("TargetValueShape", "Violation") in kinds
    assert ("PlanNumberShape", "Warning") in kinds and ("PlanDateShape", "Warning") in kinds
    assert not any(k[0] == "audit-task-without-lead" for k in kinds)  # covered by the office's responsibility
    quoted = [f for f in report.findings if f.shape.endswith("TargetValueShape")][0]
    assert quoted.quote and quoted.quote.startswith("4. Phấn đấu đến năm 2030 đạt truyền thông")


# ---------------------------------------------------------------- the five seed plans
# Expected findings written by reading data/plans/ (see each test's docstring for the sentence).

SEED = {
    "000": "hai-phong_hong-bang_2022-12-16_258-kh-ubnd.ocr.txt",
    "001": "bac-kan_tp-bac-kan_2022-03_unnumbered.txt",
    "002": "hue_2026_unnumbered.txt",
    "003": "quang-ninh_2021-11-24_unnumbered.txt",
    "004": "lai-chau_binh-lu_2026-04_unnumbered.txt",
}


@pytest.fixture(scope="module")
def seed(built_store) -> tuple[ValidationReport, dict[str, str]]:
    """(report on the store built from data/, {seed number: plan IRI})."""
    path, _ = built_store
    report = run_validation(str(path))
    store = ox.Store.read_only(str(path))
    rows = store.query(
        "SELECT ?plan ?file WHERE { ?plan <http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
        "?s <https://w3id.org/vnge/ontology#fileName> ?file }",
        use_default_graph_as_union=True,
    )
    files = {r["file"].value: r["plan"].value for r in rows}
    return report, {k: files[f] for k, f in SEED.items() if f in files}


def kinds_of(seed: tuple[ValidationReport, dict[str, str]], key: str) -> list[tuple[str, str, str]]:
    report, plans = seed
    assert key in plans, f"seed {key} ({SEED[key]}) is not in the built store"
    return [
        (f.shape.rsplit("#", 1)[-1], f.severity, f"{f.message_en} {f.quote or ''}")
        for f in report.findings
        if f.plan == plans[key]
    ]


def test_seed_validation_reports_every_plan_without_errors(seed) -> None:
    """Every seed plan is checked; mapping output meets the ontology shapes; and no plan gets a false
    "no lead agency" Violation: 000 names "Chủ trì" everywhere, 001–004 assign per agency (Huế's
    activity 7 names two leads in passing)."""
    report, plans = seed
    assert sorted(plans) == sorted(SEED)
    assert report.errors == []
    assert set(plans.values()) <= set(report.plans)
    assert not [f for f in report.findings if "Ontology" in f.shape], (
        "mapping output breaks the ontology shapes"
    )
    assert not [f for f in report.findings if f.shape.endswith("task-without-lead")], "false lead Violation"


def test_seed_unsigned_copies_are_warnings(seed) -> None:
    """001, 002, 004 have "Số: /KH-UBND" or no number line and a blank day; 003 has no number line."""
    for key in ("001", "002", "004"):
        kinds = {k[:2] for k in kinds_of(seed, key)}
        assert {("PlanNumberShape", "Warning"), ("PlanDateShape", "Warning")} <= kinds, key
    qn = {k[:2] for k in kinds_of(seed, "003")}
    assert ("PlanNumberShape", "Warning") in qn and ("PlanDateShape", "Warning") not in qn
    hb = {k[:2] for k in kinds_of(seed, "000")}
    assert ("PlanNumberShape", "Warning") not in hb and ("PlanDateShape", "Warning") not in hb


def test_seed_bac_kan_aims_lower_than_the_nation(seed) -> None:
    """001: "Hằng năm … tổ chức ít nhất 01 cuộc truyền thông" where Decision 1790 sets 02."""
    weaker = [k for k in kinds_of(seed, "001") if k[0] == "audit-weaker-target"]
    assert len(weaker) == 1 and weaker[0][1] == "Violation" and "01 cuộc" in weaker[0][2]
    # 000 "ít nhất 02 cuộc", "15–20%"; 004 "10–15%"; 003 "ít nhất 02 cuộc" for the agencies next to
    # "Mỗi thôn, bản, khu phố … ít nhất 01 cuộc" for each village: none is a weaker plan
    for key in ("000", "003", "004"):
        assert not [k for k in kinds_of(seed, key) if k[0] == "audit-weaker-target"], key


def test_seed_binh_lu_target_without_value(seed) -> None:
    """004: "Phấn đấu đến năm 2030 đạt truyền thông áp dụng Bộ chỉ số về giới trong truyền thông." """
    hits = [k for k in kinds_of(seed, "004") if k[0] == "TargetValueShape"]
    assert len(hits) == 1 and hits[0][1] == "Violation" and "Bộ chỉ số về giới" in hits[0][2]


def test_seed_quang_ninh_cites_replaced_documents(seed) -> None:
    """003 (24/11/2021) cites NĐ 55/2009/NĐ-CP (replaced from 01/01/2022 by NĐ 125/2021/NĐ-CP) and the
    2007 law on domestic violence (replaced from 01/7/2023 by Luật 13/2022/QH15): Warnings, not Violations."""
    kinds = kinds_of(seed, "003")
    since = " ".join(k[2] for k in kinds if k[0] == "audit-citation-repealed-since")
    assert "125/2021/NĐ-CP" in since and "13/2022/QH15" in since
    assert not [k for k in kinds if k[0] == "audit-citation-repealed-before"]


def test_seed_quang_ninh_department_merged_since(seed) -> None:
    """003: "1. Sở Lao động - Thương binh và Xã hội" has duties; it was merged into Sở Nội vụ in 2025."""
    merged = [k for k in kinds_of(seed, "003") if k[0] == "audit-agency-defunct-since"]
    assert merged and all(k[1] == "Warning" for k in merged) and "Sở Nội vụ" in merged[0][2]


def test_seed_reporting_duties_without_deadline(seed) -> None:
    """000: "Phòng Lao động … báo cáo UBND quận, Sở LĐTBXH" and 004: "định kỳ báo cáo Sở Nội vụ, UBND
    tỉnh theo quy định" set no deadline (Warning); Huế's chain 10/12 → 15/12 is in order."""
    for key in ("000", "004"):
        assert ("ReportingDeadlineShape", "Warning") in {k[:2] for k in kinds_of(seed, key)}, key
    assert not [k for k in kinds_of(seed, "002") if k[0] == "audit-reporting-chain"]


@pytest.mark.slow
def test_worker_processes_give_the_same_report(built_store, seed) -> None:
    """pySHACL per plan in two spawned processes (each opening the store read-only) = the default
    (compiled) engine in-process."""
    path, _ = built_store
    parallel = run_validation(str(path), workers=2, engine="pyshacl")
    report, _ = seed
    assert parallel.findings == report.findings and parallel.errors == []
