"""Tests of the scorer (kg/evaluate/) and of the hand-checked expected files (tests/expected/)."""

from __future__ import annotations

import copy
import json
import sys
import types
import unicodedata
from pathlib import Path

import pytest

import kg.extract.records
from kg.evaluate import (
    BARS,
    FACT_TYPES,
    Counts,
    check_expected,
    format_table,
    greedy_match,
    main,
    norm,
    norm_number,
    score_plan,
)
from kg.evaluate.run import _plan_file

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = ROOT / "tests" / "expected"
PLANS_DIR = ROOT / "data" / "plans"
EXPECTED_FILES = sorted(EXPECTED_DIR.glob("*.json"))

LD = "Phòng Lao động - Thương binh và Xã hội"
VH = "Phòng Văn hóa và Thông tin"
UBP = "Ủy ban nhân dân các phường"


def _view(**parts: object) -> dict:
    """A minimal JSON view; unspecified sections are empty."""
    base: dict = {
        "document": {},
        "implements": [],
        "citations": [],
        "targets": [],
        "tasks": [],
        "responsibilities": [],
        "reporting": [],
        "funding": [],
        "signatory": None,
    }
    base.update(parts)
    return base


def _task(title: str, lead: list[str], partners: list[str] | None = None) -> dict:
    return {"title": title, "lead": lead, "partners": partners or [], "timeframe": None}


TASK_A = "Xây dựng và triển khai các mô hình truyền thông phù hợp với các nhóm đối tượng"
TASK_B = "Tổ chức kiểm tra, giám sát công tác tuyên truyền, phổ biến pháp luật về bình đẳng giới"


# --- the scorer ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXPECTED_FILES, ids=lambda p: p.stem)
def test_expected_file_against_itself_scores_one(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    scores = score_plan(data, data)
    assert set(scores) == set(FACT_TYPES)
    for fact, c in scores.items():
        assert c.expected == c.found == c.matched, fact
        assert c.f1 == 1.0, fact


def test_missing_lead_lowers_recall_not_precision() -> None:
    expected = _view(tasks=[_task(TASK_A, [LD, VH])])
    actual = _view(tasks=[_task(TASK_A, [LD])])
    lead = score_plan(expected, actual)["lead"]
    assert (lead.expected, lead.found, lead.matched) == (2, 1, 1)
    assert lead.precision == 1.0
    assert lead.recall == 0.5


def test_extra_wrong_partner_lowers_precision_not_recall() -> None:
    expected = _view(tasks=[_task(TASK_A, [LD], [UBP])])
    actual = _view(tasks=[_task(TASK_A, [LD], [UBP, "Phòng Tư pháp"])])
    partners = score_plan(expected, actual)["partners"]
    assert partners.recall == 1.0
    assert partners.precision == 0.5
    assert round(partners.f1, 3) == 0.667


def test_leads_of_an_unmatched_task_count_as_missed() -> None:
    expected = _view(tasks=[_task(TASK_A, [LD])])
    actual = _view(tasks=[_task("Một hoạt động hoàn toàn khác không liên quan", [LD])])
    scores = score_plan(expected, actual)
    assert scores["tasks"].matched == 0
    assert scores["lead"].matched == 0
    assert scores["lead"].f1 == 0.0


def test_diacritic_free_names_match_their_diacritic_forms() -> None:
    expected = _view(
        tasks=[_task(TASK_A, [LD, "Đoàn Thanh niên Cộng sản Hồ Chí Minh"], [UBP])],
        responsibilities=[{"agency": "Hội Liên hiệp Phụ nữ", "duties": []}],
        signatory={"name": "Dương Đức Hoan", "title": None},
    )
    actual = _view(
        tasks=[
            _task(
                "Xay dung va trien khai cac mo hinh truyen thong phu hop voi cac nhom doi tuong",
                ["Phong Lao dong - Thuong binh va Xa hoi", "Doan Thanh nien Cong san Ho Chi Minh"],
                ["UY BAN NHAN DAN CAC PHUONG"],
            )
        ],
        responsibilities=[{"agency": "Hoi Lien hiep Phu nu", "duties": []}],
        signatory={"name": "Duong Duc Hoan", "title": None},
    )
    scores = score_plan(expected, actual)
    for fact in ("tasks", "lead", "partners", "responsibilities", "signatory"):
        assert scores[fact].f1 == 1.0, fact


def test_names_differing_in_words_do_not_match() -> None:
    expected = _view(responsibilities=[{"agency": VH, "duties": []}])
    actual = _view(responsibilities=[{"agency": "Phòng Văn hóa - Thông tin", "duties": []}])
    assert score_plan(expected, actual)["responsibilities"].matched == 0


def test_one_to_one_matching_cannot_double_count() -> None:
    # two found tasks resembling one expected task: only one may match
    expected = _view(tasks=[_task(TASK_A, [LD])])
    actual = _view(tasks=[_task(TASK_A, [LD]), _task(TASK_A + " hằng năm", [LD])])
    scores = score_plan(expected, actual)
    assert (scores["tasks"].expected, scores["tasks"].found, scores["tasks"].matched) == (1, 2, 1)
    assert scores["lead"].matched == 1
    # one found citation cannot satisfy two expected citations with the same number
    cit = {"number": "59/KH-UBND", "title": "Kế hoạch", "kind": "plan", "articles": []}
    scores = score_plan(_view(citations=[cit, dict(cit)]), _view(citations=[cit]))
    assert scores["citations"].matched == 1
    assert scores["citations"].recall == 0.5


def test_greedy_match_prefers_the_best_pair() -> None:
    sims = {(0, 0): 0.6, (0, 1): 0.9, (1, 1): 0.8}
    pairs = greedy_match([0, 1], [0, 1], lambda e, a: sims.get((e, a)))
    assert pairs == [(0, 1)]  # (0,1) taken first; expected 1 has no other candidate


def test_document_numbers_ignore_spaces_and_diacritics() -> None:
    assert norm_number("59 /KH-UBND") == norm_number("59/KH-UBND")
    assert norm_number("1790/QĐ-TTg") == norm_number("1790/QD-TTG")
    assert norm_number("59/KH-UBND") != norm_number("58/KH-UBND")
    expected = _view(implements=[{"number": "59/KH-UBND", "date": "2022-03-14", "issuer": "X"}])
    actual = _view(implements=[{"number": "59 /KH-UBND", "date": None, "issuer": None}])
    assert score_plan(expected, actual)["parent"].f1 == 1.0


def test_parent_without_number_matches_by_issuer_and_date() -> None:
    parent = {"number": None, "date": "2022-02-23", "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn"}
    found = dict(parent, issuer="Uy ban nhan dan tinh Bac Kan")
    assert score_plan(_view(implements=[parent]), _view(implements=[found]))["parent"].matched == 1
    other = dict(found, date="2022-02-24")
    assert score_plan(_view(implements=[parent]), _view(implements=[other]))["parent"].matched == 0


def test_citations_without_number_match_by_title_and_articles_are_scored() -> None:
    expected = _view(
        citations=[
            {
                "number": None,
                "title": "Luật Bình đẳng giới",
                "kind": "law",
                "articles": ["Điều 11", "Điều 12"],
            },
            {"number": None, "title": "Luật Giáo dục", "kind": "law", "articles": []},
        ]
    )
    actual = _view(
        citations=[
            {"number": None, "title": "Luật bình đẳng giới năm 2006", "kind": "law", "articles": ["Điều 11"]},
            {"number": None, "title": "Luật Giáo dục nghề nghiệp", "kind": "decree", "articles": []},
        ]
    )
    scores = score_plan(expected, actual)
    assert scores["citations"].matched == 1  # "Giáo dục" is not "Giáo dục nghề nghiệp"
    assert (scores["citation_articles"].expected, scores["citation_articles"].matched) == (2, 1)
    assert scores["citation_kind"].matched == 1


def test_metadata_fields_and_title_overlap() -> None:
    doc = {
        "number": "258/KH-UBND",
        "date": "2022-12-16",
        "issuer": "Ủy ban nhân dân quận Hồng Bàng",
        "unit": "quận Hồng Bàng",
        "level": "district",
        "title": "Thực hiện Chương trình truyền thông về bình đẳng giới trên địa bàn quận Hồng Bàng đến năm 2030",
        "period": [2022, 2030],
    }
    found = dict(doc, title="KẾ HOẠCH " + doc["title"].upper(), level="province", date=None)
    c = score_plan(_view(document=doc), _view(document=found))["metadata"]
    assert (c.expected, c.found, c.matched) == (7, 6, 5)  # date missing, level wrong


def test_targets_match_on_value_and_year_with_text_as_tie_break() -> None:
    t1 = {
        "text": "Hằng năm mỗi cơ sở giáo dục tổ chức ít nhất 02 cuộc truyền thông",
        "indicator": None,
        "value": 2,
        "value_max": None,
        "unit": "event",
        "comparator": "at-least",
        "year": None,
        "baseline_year": None,
        "recurrence": "annual",
        "population": None,
    }
    t2 = dict(
        t1, text="Hàng năm các sở, ban, ngành tổ chức ít nhất 02 cuộc truyền thông", comparator="exactly"
    )
    found = [dict(t2, value=2.0), dict(t1)]  # reversed order
    scores = score_plan(_view(targets=[t1, t2]), _view(targets=found))
    assert scores["targets"].matched == 2
    assert scores["target_fields"].matched == scores["target_fields"].expected  # pairing followed the text
    wrong_year = dict(t1, year=2025)
    assert score_plan(_view(targets=[t1]), _view(targets=[wrong_year]))["targets"].matched == 0


def test_reporting_needs_same_deadline_and_shared_agencies() -> None:
    duty = {
        "from": [UBP],
        "to": ["Ủy ban nhân dân quận Hồng Bàng"],
        "deadline": "--12-10",
        "recurrence": "annual",
    }
    ok = dict(duty, to=["Ủy ban nhân dân quận Hồng Bàng", LD])
    late = dict(duty, deadline="--12-15")
    assert score_plan(_view(reporting=[duty]), _view(reporting=[ok]))["reporting"].matched == 1
    assert score_plan(_view(reporting=[duty]), _view(reporting=[late]))["reporting"].matched == 0


def test_counts_conventions() -> None:
    assert Counts(0, 0, 0).f1 == 1.0
    assert Counts(3, 0, 0).f1 == 0.0
    assert Counts(0, 2, 0).precision == 0.0
    assert (Counts(1, 2, 1) + Counts(3, 2, 1)).f1 == 0.5


def test_table_reports_failed_bars() -> None:
    data = json.loads(EXPECTED_FILES[0].read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["citations"] = []
    text = format_table({"good": score_plan(data, data), "bad": score_plan(data, broken)})
    assert "bar citations F1 >= 0.95 on bad: FAILS" in text
    assert "bar citations F1 >= 0.95 on good: holds" in text
    assert f"bars: {2 * len(BARS) - 1}/{2 * len(BARS)} hold" in text


def test_main_returns_2_when_the_extractor_is_missing(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "kg.extract", None)
    assert main(PLANS_DIR, EXPECTED_DIR) == 2
    assert "not importable" in capsys.readouterr().out


def test_main_runs_the_extractor_on_each_plan(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    expected = json.loads(EXPECTED_FILES[0].read_text(encoding="utf-8"))
    plans, exp = tmp_path / "plans", tmp_path / "expected"
    plans.mkdir()
    exp.mkdir()
    (plans / "p1.txt").write_text("plan text", encoding="utf-8")
    (exp / "p1.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    seen: list[Path] = []
    fake = types.ModuleType("kg.extract")
    fake.extract_file = lambda path: seen.append(path) or expected  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.extract", fake)
    monkeypatch.setattr(kg.extract.records, "to_json_view", lambda x: x)
    assert main(plans, exp) == 0
    out = capsys.readouterr().out
    assert seen == [plans / "p1.txt"]
    assert f"bars: {len(BARS)}/{len(BARS)} hold" in out


# --- the expected files ----------------------------------------------------------------------


def test_every_plan_has_an_expected_file() -> None:
    plans = {p.name.removesuffix(".txt") for p in PLANS_DIR.glob("*.txt")}
    assert plans == {p.stem for p in EXPECTED_FILES}


def test_check_expected_reports_problems() -> None:
    bad = {"document": {"level": "city"}, "tasks": [{"title": unicodedata.normalize("NFD", "Hoạt động")}]}
    problems = check_expected(bad)
    assert any("missing key 'citations'" in p for p in problems)
    assert any("document lacks 'number'" in p for p in problems)
    assert any("level" in p for p in problems)
    assert any("tasks[0] lacks" in p for p in problems)
    assert any("NFC" in p for p in problems)


def _agency_names(data: dict) -> list[str]:
    names = [data["document"]["issuer"]] if data["document"]["issuer"] else []
    names += [p["issuer"] for p in data["implements"] if p["issuer"]]
    for t in data["tasks"]:
        names += t["lead"] + t["partners"]
    names += [r["agency"] for r in data["responsibilities"]]
    for r in data["reporting"]:
        names += r["from"] + r["to"]
    return names


@pytest.mark.parametrize("path", EXPECTED_FILES, ids=lambda p: p.stem)
def test_expected_file_is_valid(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert check_expected(data) == []
    doctypes = {"convention", "constitution", "law", "code", "resolution", "decree", "decision", "directive"}
    doctypes |= {"circular", "strategy", "programme", "plan", "official-letter", "instruction", "other"}
    assert all(c["kind"] in doctypes for c in data["citations"])
    assert all(isinstance(t["value"], int | float | type(None)) for t in data["targets"])
    for name in _agency_names(data):
        # canonical names: expanded abbreviations, no counts, capitalised
        for abbreviation in ("UBND", "LĐTBXH", "TNCS", "MTTQ", "HĐND", " 09 "):
            assert abbreviation not in name, name
        assert name[0].isupper(), name


def _bigram_recall(quote: str, text_tokens: list[str]) -> float:
    bigrams = set(zip(text_tokens, text_tokens[1:], strict=False))
    words = norm(quote).split()
    pairs = list(zip(words, words[1:], strict=False))
    return sum(p in bigrams for p in pairs) / len(pairs)


@pytest.mark.parametrize("path", EXPECTED_FILES, ids=lambda p: p.stem)
def test_expected_quotes_and_numbers_come_from_the_plan(path: Path) -> None:
    """Task titles and target texts are quotes of the plan; cited numbers occur in it.

    The OCR plan lost its diacritics and some letters, so there a quote only has to share most of
    its word pairs with the plan text.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    text = norm(_plan_file(PLANS_DIR, path.stem).read_text(encoding="utf-8"))
    quotes = [t["title"] for t in data["tasks"]] + [t["text"] for t in data["targets"]]
    assert quotes
    for quote in quotes:
        if path.stem.endswith(".ocr"):
            assert _bigram_recall(quote, text.split()) >= 0.5, quote
        else:
            assert norm(quote) in text, quote
    for c in data["citations"] + data["implements"]:
        if c["number"]:
            assert norm_number(c["number"]) in text.replace(" ", ""), c["number"]


@pytest.mark.parametrize("path", EXPECTED_FILES, ids=lambda p: p.stem)
def test_expected_unnumbered_citations_are_distinguishable(path: Path) -> None:
    """No two expected citations without a number may match each other by title."""
    unnumbered = [c for c in json.loads(path.read_text(encoding="utf-8"))["citations"] if not c["number"]]
    # none, or one, is fine: the check is on pairs
    pairs = [(a, b) for i, a in enumerate(unnumbered) for b in unnumbered[i + 1 :]]
    clashes = [(a, b) for a, b in pairs if score_plan(_view(citations=[a]), _view(citations=[b]))["citations"].matched]
    assert clashes == []


def test_citation_title_with_a_date_still_names_the_document() -> None:
    """'Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006' cited with the date inside the title."""
    expected = _view(
        citations=[{"number": None, "title": "Luật Bình đẳng giới", "kind": "law", "articles": []}]
    )
    found = {"number": None, "title": "Luật Bình đẳng giới ngày 29 tháng 11", "kind": "law", "articles": []}
    assert score_plan(expected, _view(citations=[found]))["citations"].matched == 1
    truncated = dict(found, title="Luật Phòng")  # "Luật Phòng, chống bạo lực gia đình" cut at the comma
    other = _view(citations=[{"number": None, "title": "Luật Phòng, chống bạo lực gia đình", "kind": "law"}])
    assert score_plan(other, _view(citations=[truncated]))["citations"].matched == 0


def test_citation_titles_expand_common_abbreviations() -> None:
    title = "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"
    expected = _view(citations=[{"number": None, "title": title, "kind": "law", "articles": []}])
    found = {"number": None, "title": "Luật bầu cử Đại biểu Quốc hội, đại biểu HĐND", "kind": "law"}
    assert score_plan(expected, _view(citations=[found]))["citations"].matched == 1
