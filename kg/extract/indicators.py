"""Map a target sentence to a national indicator of Decision 1790/QĐ-TTg (Mục I).

The five national targets (docs/DESIGN.md, "National indicators"; the texts are in the
team's legal notes) are rephrased by every local plan, so the rules match each concept's
key terms on folded, OCR-tolerant text (:func:`kg.text.normalize.loose`), never whole sentences:

- ``ge-law-communication-sessions`` (T1): sessions ("cuộc", "buổi", "hội nghị") of
  communication / dissemination about the law and policy on gender equality;
- ``action-month-plans`` (T2): the "Tháng hành động vì bình đẳng giới" (Action Month), unless
  the target counts sessions about the law held during that month (then T1);
- ``ge-awareness-increase`` (T3): awareness ("nhận thức") rising ("tăng", "so với");
- ``media-gender-indicators`` (T4): media applying the "Bộ chỉ số về giới trong truyền thông";
- ``community-conventions-nondiscriminatory`` (T5): community conventions ("hương ước,
  quy ước") without gender discrimination.

OCR loses diacritics and confuses vowels with other letters or digits ("huong udc, quy udc",
"nhan thirc", "B6 chi s6 vé gidi"), so the key words are written with their diacritics and each
marked vowel matches any one or two characters (:func:`kg.text.cues.cue`).
"""

from __future__ import annotations

import re

from kg.text.cues import SPACE_OR_COMMA, fold_rules, words

T1 = "ge-law-communication-sessions"
T2 = "action-month-plans"
T3 = "ge-awareness-increase"
T4 = "media-gender-indicators"
T5 = "community-conventions-nondiscriminatory"
INDICATORS: tuple[str, ...] = (T1, T2, T3, T4, T5)

def _rx(*phrases: str) -> re.Pattern[str]:
    return re.compile(words(*phrases, space=SPACE_OR_COMMA, wide=True))


_MEDIA_INDEX = _rx("bộ chỉ số về giới", "chỉ số về giới trong truyền thông", "bộ chỉ số giới")
_MEDIA_APPLY = re.compile(_rx("cơ quan truyền thông").pattern + r".{0,80}?" + _rx("áp dụng").pattern, re.S)
# "ước" written with its first letter: a wildcard would take "được hưởng các" for "hương ước"
_CONVENTIONS = re.compile(r"\b(?:h[a-z0-9']{1,4}ng|qu[yi])[\s,]+u[a-z0-9']{0,2}c\b")
_ACTION_MONTH = _rx("tháng hành động")
_AWARENESS = _rx("nhận thức", "hiểu biết")
_RISE = re.compile(words("tăng") + "|" + _rx("so với", "nâng cao").pattern)
_LAW = _rx("pháp luật", "chính sách")
_COMMUNICATE = _rx("truyền thông", "phổ biến", "tuyên truyền", "cập nhật thông tin", "tập huấn")
_SESSION = re.compile(words("cuộc", "buổi", "hội nghị"))


def match_indicator(sentence: str, unit: str | None = None) -> str | None:
    """The ``vnc:indicator-*`` notation a target sentence measures, or None.

    ``unit`` is the measure of the target's value (``vnc:scheme-measure`` notation), when
    known: communication sessions (T1) are counted in events, so a count of news items
    about the law is not T1.

    >>> match_indicator("Đến năm 2030 đạt 100% các hương ước, quy ước của cộng đồng", "percent")
    'community-conventions-nondiscriminatory'
    """
    low = fold_rules(sentence)
    if _MEDIA_INDEX.search(low) or _MEDIA_APPLY.search(low):
        return T4
    if _CONVENTIONS.search(low):
        return T5
    law_talk = _LAW.search(low) is not None and _COMMUNICATE.search(low) is not None
    if _ACTION_MONTH.search(low) and not (unit == "event" and law_talk):
        return T2
    if _AWARENESS.search(low) and _RISE.search(low) and unit in (None, "percent"):
        return T3
    if law_talk:
        if unit == "event" or (unit is None and _SESSION.search(low)):
            return T1
    return None


def indicator_of(segment: str, clause: str, unit: str | None, year: int | None) -> str | None:
    found = match_indicator(segment, unit) or match_indicator(clause, unit)
    if found != T4:
        return found
    phase = _phase(fold_rules(segment))
    if phase is None and year is not None:
        # the programme's phases: pilot application to 2025, official application to 2030
        phase = "pilot" if year <= 2025 else "official"
    phase = phase or _phase(fold_rules(clause))
    return f"{T4}-{phase}" if phase else T4


_PILOT = _rx("thí điểm")
_OFFICIAL = re.compile(r"\bch[a-z0-9]{1,2}nh\s+th[a-z0-9]{1,3}\b")


def _phase(low: str) -> str | None:
    pilot, official = _PILOT.search(low), _OFFICIAL.search(low)
    if pilot and not official:
        return "pilot"
    if official and not pilot:
        return "official"
