"""Every extractor has one shape and one error contract (issue 12): ``extract_<part>(text, sections, ctx,
*earlier results, warnings)``, and a crash in any of them is the same warning, never a silent []."""

from __future__ import annotations

import importlib
import inspect

import pytest

import kg.extract
from kg.extract import extract_plan

TEXT = """KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026

I. MỤC TIÊU
- Đến năm 2026, 100% xã tổ chức ít nhất 01 hội nghị tuyên truyền.

II. NHIỆM VỤ
1. Phòng Văn hóa - Xã hội chủ trì tổ chức tuyên truyền.

III. KINH PHÍ
Ngân sách nhà nước.
"""
PARTS = {  # name in kg.extract → the part named in the warning
    "extract_citations": "citations",
    "extract_tasks": "tasks",
    "extract_responsibilities": "responsibilities",
    "extract_reporting": "reporting",
    "extract_closing": "closing",
    "extract_targets": "targets",
    "extract_objectives": "objectives",
    "extract_funding": "funding",
    "extract_metadata": "metadata",
    "split_sections": "sections",
}


@pytest.mark.parametrize("name", sorted(PARTS))
def test_a_crash_in_any_extractor_is_a_warning_and_the_rest_of_the_plan_is_kept(monkeypatch, name) -> None:
    def crash(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.extract, name, crash)
    x = extract_plan(TEXT)
    assert f"{PARTS[name]}: skipped after an internal error (RuntimeError: boom)" in x.warnings
    if name != "extract_targets":
        assert x.targets, "the other parts are still extracted"
    if name not in ("extract_tasks", "split_sections"):
        assert x.tasks


@pytest.mark.parametrize("name", sorted(set(PARTS) - {"extract_metadata", "split_sections"}))
def test_every_extractor_has_the_common_shape(name) -> None:
    params = list(inspect.signature(getattr(kg.extract, name)).parameters)
    assert params[:3] == ["text", "sections", "ctx"] and params[-1] == "warnings", params


@pytest.mark.parametrize(
    ("module", "helper", "part"),
    [("kg.extract.targets", "item_targets", "targets"), ("kg.extract.objectives", "objective_items", "objectives"),
     ("kg.extract.funding", "_sources", "funding")],
)
def test_targets_objectives_and_funding_no_longer_swallow_a_crash(monkeypatch, module, helper, part) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module(module), helper, crash)
    x = extract_plan(TEXT)
    assert f"{part}: skipped after an internal error (RuntimeError: boom)" in x.warnings
    with pytest.raises(RuntimeError):
        getattr(kg.extract, f"extract_{part}")(TEXT)
