"""One plan as researchers hold it (issue 13): its plain text, its DOCX, a saved page of a legal-documents
site and that page's Markdown conversion give the same facts; none comes from the site's furniture;
the page's properties table fills only what the document lacks, flagged. Fixtures: tests/data/web/
(made by its make_fixtures.py: a plan written for these tests in the genre, not a real document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.extract import extract_plan
from kg.extract.records import to_json_view
from kg.readers import read_text

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
FORMS = ("plan.txt", "plan.docx", "page.html", "page.md")
LISTED_BY_THE_SITE = ("70/2008/NĐ-CP", "55/2009/NĐ-CP", "phòng, chống bạo lực gia đình")


def _facts(view: Any) -> Any:
    """The facts of a JSON view without where they were read (spans, quotes, spellings, warnings)."""
    if isinstance(view, dict):
        return {k: _facts(v) for k, v in view.items()
                if k not in ("span", "quote", "source_text", "text", "warnings", "flags")}
    if isinstance(view, list):
        return [_facts(v) for v in view]
    return view.casefold() if isinstance(view, str) else view


def _view(name: str) -> dict:
    return to_json_view(extract_plan(read_text(WEB / name)))


def test_every_form_gives_the_same_facts() -> None:
    views = {name: _facts(_view(name)) for name in FORMS}
    reference = views["plan.txt"]
    assert reference["document"]["number"] == "45/kh-ubnd" and len(reference["tasks"]) == 2
    assert len(reference["responsibilities"]) == 3 and reference["reporting"] and reference["targets"]
    for name in FORMS[1:]:
        for key in reference:
            assert views[name][key] == reference[key], f"{name}: {key}"


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_nothing_comes_from_the_sites_furniture(name: str) -> None:
    view = _view(name)
    cited = " ".join(f"{c['number']} {c['title']}" for c in view["citations"]).casefold()
    assert "1790/qđ-ttg" in cited and "luật bình đẳng giới" in cited  # what the plan itself cites
    for listed in LISTED_BY_THE_SITE:  # listed by the site as related, never cited by the plan
        assert listed.casefold() not in cited, listed
    assert all(c["number"] != "45/KH-UBND" for c in view["citations"])  # never itself
    assert view["signatory"]["name"] == "Nguyễn Văn An"
    assert [r["text"] for r in view["recipients"]][:1] == ["Bộ Nội vụ"]


# Each kind of furniture a published copy carries, around the plan's own text.
FURNITURE = {
    "related list before": "**Văn bản liên quan**\n\n- 1 Luật Phòng, chống bạo lực gia đình 2022\n"
                           "- 2 Nghị định 70/2008/NĐ-CP quy định chi tiết\n\n",
    "properties table": "| Số hiệu: | 45/KH-UBND | Loại văn bản: | Kế hoạch |\n|---|---|---|---|\n"
                        "| Nơi ban hành: | Tỉnh Khánh Hòa | Người ký: | Nguyễn Văn An |\n\n",
    "navigation and download": "[Trang chủ](https://thuvienphapluat.vn/) » [Văn bản](https://x/)\n\nTải về\n\n"
                               "Văn bản gốc\n\n",
    "related list after": None,  # appended below
    "diagram and articles after": None,
}
AFTER = {
    "related list after": "\n\nLược đồ\n\n**Văn bản được căn cứ**\n\n- 1 Nghị định 55/2009/NĐ-CP xử phạt\n"
                          "- 2 Luật Phòng, chống bạo lực gia đình 2022\n",
    "diagram and articles after": "\n\nLược đồ\n\nBài viết liên quan\n\n- Nghị định 70/2008/NĐ-CP hướng dẫn gì?\n",
}


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_each_kind_of_furniture_leaves_the_facts_unchanged(kind: str) -> None:
    plan = (WEB / "plan.txt").read_text("utf-8")
    text = (FURNITURE[kind] or "") + plan + AFTER.get(kind, "")
    assert _facts(to_json_view(extract_plan(text))) == _facts(to_json_view(extract_plan(plan)))


def test_the_page_fills_only_what_the_document_lacks_and_says_so() -> None:
    page = (WEB / "page.md").read_text("utf-8")
    assert "Số: 45/KH-UBND\n" in page
    without_number = page.replace("Số: 45/KH-UBND\n", "Số: /KH-UBND\n", 1)
    document = extract_plan(without_number).document
    assert document.number == "45/KH-UBND" and "number-from-page" in document.flags
    complete = extract_plan(page).document
    assert complete.number == "45/KH-UBND" and "number-from-page" not in complete.flags


def test_every_span_still_quotes_the_file_as_read() -> None:
    page = (WEB / "page.md").read_text("utf-8")
    x = extract_plan(page)
    spans = [t.span for t in x.tasks] + [r.span for r in x.responsibilities] + [c.span for c in x.citations]
    assert len(spans) >= 8
    for start, end in spans:
        assert 0 <= start < end <= len(page)
    # the quote is the file's own text: markers and hard line breaks included
    quotes = [page[s:e] for s, e in spans]
    assert any("\n" in q for q in quotes)
