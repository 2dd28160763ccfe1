"""Targets linked to the tasks that deliver them (kg/extract/targets/delivery.py): only a task whose
opening clause names the target's indicator."""

from __future__ import annotations

from kg.extract.records import Target, Task
from kg.extract.targets.delivery import deliveries
from tests.conftest import select


def target(indicator: str | None) -> Target:
    return Target("…", indicator, 100, None, "percent", "exactly", 2025, None, None, None)


TASKS = [
    Task("Hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"),
    # the indicator's words only after the opening clause: not clear enough
    Task("Tổ chức truyền thông trên báo, đài; lồng ghép nội dung trong Tháng hành động vì bình đẳng giới"),
    Task("Áp dụng Bộ chỉ số về giới trong truyền thông tại Đài Truyền thanh huyện"),
    Task("Rà soát, sửa đổi hương ước, quy ước của các thôn, bản"),
]


def test_a_task_delivers_the_targets_its_opening_clause_names() -> None:
    targets = [target("action-month-plans"), target("media-gender-indicators-pilot"),
               target("media-gender-indicators-official"), target(None), target("ge-awareness-increase"),
               target("community-conventions-nondiscriminatory")]
    assert deliveries(targets, TASKS) == [(0, 0), (1, 2), (2, 2), (5, 3)]


def test_deliveries_in_the_graph_of_the_seeds(store) -> None:
    """Quận Hồng Bàng: the Action Month target (100% … xây dựng kế hoạch, triển khai hoạt động Tháng hành
    động) is delivered by its first task, which is that plan; the media-index targets by task 14."""
    rows = select(store, """PREFIX vnp: <https://w3id.org/vnge/ontology#>
      SELECT ?t ?k WHERE { ?t vnp:deliveredBy ?k FILTER(CONTAINS(STR(?t), "hong-bang")) }""")
    got = sorted((r["t"].rsplit("/", 1)[-1], r["k"].rsplit("/", 1)[-1]) for r in rows)
    assert ("2", "1") in got and ("4", "14") in got and ("5", "14") in got
    assert all(t != "1" for t, _ in got)  # the sessions target: no task opens with the law sessions
