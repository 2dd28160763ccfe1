"""The role labels of a task ("Cơ quan chủ trì:", "Phối hợp thực hiện:", "Thời gian thực hiện:") and the
role words of its prose ("chủ trì", "phối hợp với"), as readable words (:mod:`kg.text.cues`).

Labels and role words are read with OCR's run-together words ("Chủtrì") and wide vowels; "cơ quan",
"đơn vị" and "trì" are written plain (read as written), as they always were.
"""

from __future__ import annotations

from kg.text.cues import ANY_SPACE, cue


def joined(*phrases: str) -> str:
    """Regex source of any of ``phrases``, words possibly run together, every marked vowel wide."""
    return "(?:" + "|".join(cue(p, space=ANY_SPACE, wide=True) for p in phrases) + ")"


_BY = joined("co quan", "đon vi")  # "Cơ quan …", "Đơn vị …"
_DOING = joined("thực hiện")
LEAD_LABEL = rf"(?:{_BY}\s*)?{joined('chủ tri')}(?:\s*{_DOING})?|{_BY}\s*{_DOING}"
PARTNER_LABEL = rf"(?:{_BY}\s*)?{joined('phối hợp')}(?:\s*{_DOING})?"
TIME_LABEL = (
    rf"{joined('thời gian')}(?:\s*{joined('thực hiện', 'thự hiện', 'hoàn thành')})?"
    rf"|{joined('tien do')}(?:\s*{joined('thuc hien')})?"
)
