"""Display names of agencies and collectives as written: markup out, abbreviations spelled out."""

from __future__ import annotations

import re

from kg.extract.agencies.context import UnitContext
from kg.lexicon import restore

_SCHOOL_LEVELS = {  # school levels written as abbreviations after "Trường"
    "MN": "Mầm non",
    "TH": "Tiểu học",
    "THCS": "Trung học cơ sở",
    "THPT": "Trung học phổ thông",
    "PTDTNT": "Phổ thông Dân tộc nội trú",
    "PTDTBT": "Phổ thông Dân tộc bán trú",
}
_SCHOOL_LEVEL = re.compile(r"\b([Tt]r(?:ường|uong))\s+(" + "|".join(_SCHOOL_LEVELS) + r")\b")


def display(text: str, ctx: UnitContext) -> str:
    text = re.sub(r"[*_#]+", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;.:-–")
    text = re.sub(r"(chính trị|chinh tri)\s*-?\s*(xã hội|xa hoi)", r"\1 - \2", text)
    text = re.sub(r"\bUBND\b", "Ủy ban nhân dân", text)
    text = re.sub(r"\b(?:HĐND|HDND)\b", "Hội đồng nhân dân", text)
    text = re.sub(
        r"\b(?:tổ chức|to chuc) (?:CTXH|CT-XH|chính trị xã hội|chinh tri xa hoi)",
        "tổ chức chính trị - xã hội",
        text,
    )
    text = re.sub(r"\bCTXH\b", "chính trị - xã hội", text)
    text = _SCHOOL_LEVEL.sub(lambda m: m.group(1) + " " + _SCHOOL_LEVELS[m.group(2).upper()], text)
    if ctx.ocr:
        text = restore(text)
    return text[:1].upper() + text[1:]
