"""The source text of the dossier rebuilt from the quoted spans (service/pages/dossier/evidence.py):
nested, identical and overlapping spans, short gaps joined, mismatched offsets shown apart."""

from __future__ import annotations

import lxml.html

from service.pages.dossier.evidence import Evidence, passages

TEXT = "Điều 1. Tổ chức ít nhất 02 cuộc truyền thông mỗi năm.\n\n\nChủ trì: Sở Nội vụ. Phối hợp: Hội LHPN."


def span(name: str, start: int, end: int, body: str = "") -> Evidence:
    return Evidence(f"https://x.test/plan/annotation/{name}", body or f"https://x.test/plan/{name}", start, end,
                    TEXT[start:end])


def marks(html: str) -> dict[str, str]:
    doc = lxml.html.fragment_fromstring(f"<p>{html}</p>")
    return {m.get("id"): m.text_content() for m in doc.iter("mark")}


def test_nested_and_identical_spans_each_get_their_whole_sentence() -> None:
    task = span("task", 0, len(TEXT))
    lead = span("lead", TEXT.index("Sở Nội vụ"), TEXT.index("Sở Nội vụ") + len("Sở Nội vụ"))
    target = span("target", 8, TEXT.index("năm.") + 4)
    objective = span("objective", 8, TEXT.index("năm.") + 4)
    shown, apart = passages([task, lead, target, objective], {})
    assert len(shown) == 1 and not apart
    found = marks(shown[0].html)
    assert found["ev-lead"] == "Sở Nội vụ"
    assert found["ev-target"] == found["ev-objective"] == TEXT[8:TEXT.index("năm.") + 4]
    assert " ".join(found["ev-task"].split()) == " ".join(TEXT.split())  # blank lines collapsed, text kept


def test_overlapping_spans_are_cut_at_the_enclosing_end_and_gaps_split_passages() -> None:
    first = span("a", 0, 20)
    overlapping = span("b", 10, 30)
    far = span("c", 60, 70)
    shown, _ = passages([first, overlapping, far], {})
    assert [(p.start, p.end) for p in shown] == [(0, 30), (60, 70)]
    found = marks(shown[0].html)
    assert found["ev-a"] == TEXT[0:20] and found["ev-b"] == TEXT[10:20]  # b cut where a ends
    assert lxml.html.fragment_fromstring(f"<p>{shown[0].html}</p>").text_content() == TEXT[0:30]


def test_a_quote_whose_offsets_do_not_match_is_shown_apart_and_markup_is_escaped() -> None:
    odd = Evidence("https://x.test/plan/annotation/odd", "https://x.test/plan/t", 0, 5, "<b>not five</b>")
    shown, apart = passages([odd], {"https://x.test/plan/t": 'a "title"'})
    assert not shown and apart == [odd]
    tricky = Evidence("https://x.test/plan/annotation/x", "https://x.test/plan/t", 0, 8, "<i>&</i>")
    shown, _ = passages([tricky], {"https://x.test/plan/t": 'a "title"'})
    assert "&lt;i&gt;&amp;&lt;/i&gt;" in shown[0].html and 'title="a &#34;title&#34;"' in shown[0].html
