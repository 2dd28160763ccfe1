"""A Quyết định that promulgates the plan (Nghị định 30/2020/NĐ-CP: the decision, then the plan
"(Kèm theo Quyết định số … ngày …)", often unsigned).

The document is ONE plan: identified by the decision's number, date and signatory (its letterhead and
signature block), titled by the attached plan's "KẾ HOẠCH" line; where that heading is lost, by the
decision's "Ban hành kèm theo Quyết định này Kế hoạch …", else by the decision's own summary
("Về việc ban hành Kế hoạch …").
"""

from __future__ import annotations

import re

from kg.extract.metadata.unit import TITLE_WORD

__all__ = ["DECISION_WORD", "attached_plan_heading", "promulgated_title", "summary_title"]

DECISION_WORD = re.compile(r"^[\W_]*quy[e€]t\s*d[i1]nh[\W_]*$", re.M)
_ATTACHED_NOTE = re.compile(r"\(\s*(?:ban\s*hanh\s*)?kem\s*theo\s*(?:quyet\s*dinh|qd)")
_ARTICLE_1 = re.compile(r"(?<![a-z])dieu\s*1\s*[.:]")
_PROMULGATES = re.compile(
    r"(?:ban\s*hanh\s*kem\s*theo\s*(?:quyet\s*dinh|qd)\s*nay|phe\s*duyet)\s*(?:ban\s+)?ke\s*hoach\s+"
    r"(?:so\s*[^\s]*\s+)?"
)
_SUMMARY_PREFIX = re.compile(r"^\W*(?:ve\s*viec\s+|ve\s+)?(?:ban\s*hanh|phe\s*duyet)\s+ke\s*hoach\s+")


def attached_plan_heading(low: str, after: int) -> re.Match[str] | None:
    """The attached plan's "KẾ HOẠCH" line after the decision: the first one followed, within a few
    lines, by the note "(Kèm theo Quyết định số …)"."""
    for m in TITLE_WORD.finditer(low, after):
        if _ATTACHED_NOTE.search(low, m.end(), m.end() + 900):
            return m
    return None


_TITLE_STOP = re.compile(r"\.(?:\s|$)|;|\n|\s\(")


def promulgated_title(text: str, low: str, after: int) -> tuple[str, int, int] | None:
    """The plan named in Điều 1 ("Ban hành kèm theo Quyết định này Kế hoạch <title>.", "Phê duyệt Kế
    hoạch <title>"): (title, start, end)."""
    article = _ARTICLE_1.search(low, after)
    m = _PROMULGATES.search(low, article.end(), article.end() + 200) if article else None
    if not m:
        return None
    end = m.end()
    stop_at = min(len(low), end + 400)
    for stop in _TITLE_STOP.finditer(low, end):  # "(chi tiết tại Kế hoạch kèm theo)"
        if stop.group(0) == "\n" and text[stop.end() : stop.end() + 40].lstrip(" \t")[:1].islower():
            continue  # the title wrapped onto the next line (a PDF's text): "… sản phẩm hàng" / "hóa …"
        stop_at = stop.start()
        break
    title = text[end:stop_at].strip(" *_")
    return (title, end, stop_at) if title else None


def summary_title(summary: str, folded: str) -> str:
    """The decision's summary without "Về việc ban hành Kế hoạch" (the plan's own title)."""
    m = _SUMMARY_PREFIX.match(folded)
    return summary[m.end() :] if m else summary
