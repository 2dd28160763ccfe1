"""Parents through what a plan carries out (issue 13 item 5): "Kế hoạch thực hiện Chương trình X" implements
the document the reference data says approved X (``vnp:approves``); "Căn cứ" alone stays a legal basis.
The plan's text is written here; the reference data is the curated ``data/reference/documents.ttl``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.extract import extract_plan
from kg.rdf.context import SourceInfo
from kg.rdf.mapping import map_plan
from kg.rdf.namespaces import VNP
from kg.rdf.references import ReferenceIndex

DOCUMENTS = Path(__file__).resolve().parents[2] / "data" / "reference" / "documents.ttl"
SOURCE = SourceInfo(sha256="cd" * 32, file_name="p.txt", media_type="text/plain")


@pytest.fixture(scope="module")
def ref() -> ReferenceIndex:
    return ReferenceIndex.from_graph(Graph().parse(DOCUMENTS, format="turtle"))


def _implemented(text: str, ref: ReferenceIndex) -> set[str]:
    plan, g = map_plan(extract_plan(text), text, SOURCE, ref)
    return {str(o) for o in g.objects(plan, VNP.implements)}


def _plan(title: str, opening: str) -> str:
    return (
        "ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\nSố: 21/KH-UBND\nTân Hòa, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
        f"{title}\n\n{opening}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao nhận thức.\n"
    )


def test_a_plan_that_carries_out_a_known_programme_implements_its_approving_decision(ref):
    text = _plan(
        "Thực hiện Chương trình truyền thông về bình đẳng giới đến năm 2030 trên địa bàn xã năm 2026",
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
    )
    assert {i.rsplit("/", 1)[-1] for i in _implemented(text, ref)} == {"1790-qd-ttg"}


def test_a_known_strategy_is_resolved_the_same_way(ref):
    text = _plan(
        "Triển khai Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030 trên địa bàn xã",
        "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
    )
    assert len(_implemented(text, ref)) == 1


def test_a_plan_with_a_parent_of_its_own_or_no_known_programme_gets_none(ref):
    own = _plan(
        "Thực hiện Chương trình truyền thông về bình đẳng giới đến năm 2030 trên địa bàn xã năm 2026",
        "Thực hiện Kế hoạch số 40/KH-UBND ngày 05/02/2026 của Ủy ban nhân dân tỉnh về truyền thông;",
    )
    assert {i.rsplit("/", 1)[-1] for i in _implemented(own, ref)} == {"40-kh-ubnd"}
    unknown = _plan("Thực hiện Chương trình phát triển du lịch cộng đồng năm 2026", "Căn cứ Luật Du lịch;")
    assert _implemented(unknown, ref) == set()
