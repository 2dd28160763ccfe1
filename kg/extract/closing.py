"""The closing block: recipients ("Nơi nhận:" lines) and the signatory.

The block reads::

    Nơi nhận:                          TM. ỦY BAN NHÂN DÂN
    - Sở LĐ-TB&XH;                     KT. CHỦ TỊCH
    - Lưu: VT, LĐTBXH.                 PHÓ CHỦ TỊCH
                                       Nguyễn Thị Huế

In copies the two columns are often interleaved line by line (OCR: "- S¢ Lao dong-TBXH HP; KT
CHU TICH"). The signatory title is printed without "TM. ỦY BAN NHÂN DÂN" ("KT. CHỦ TỊCH PHÓ
CHỦ TỊCH"); the name is the last line that looks like a person's name.
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import Recipient, Signatory
from kg.extract.sections import Section
from kg.lexicon import restore
from kg.text.normalize import loose, squash

_TITLE_WORDS = re.compile(
    r"(?P<tm>tm\.?\s*(?:uy\s*ban\s*nhan\s*dan|ubnd))|(?P<kt>(?<![a-z])kt\.?\s*ch[uw]\s*t[i1]ch)|"
    r"(?P<pct>(?<![a-z])ph[o0]\s*ch[uw]\s*t[i1]ch)|(?P<ct>(?<![a-z])ch[uw]\s*t[i1]ch)"
)
_RECIPIENT_HEAD = re.compile(r"n[o0]i\s*nh[a-z]{1,3}n?\s*[:*]+", re.M)
_RECIPIENT_LINE = re.compile(r"^[ \t*]*[-+•][ \t]*(?P<body>[^\n]+)$", re.M)
_NAME = re.compile(r"^[ \t*_]*(?P<name>(?:[A-ZĐ][^\s\d*_]*[ \t]+){1,4}[A-ZĐ][^\s\d*_]*)[ \t*_]*$", re.M)
_NOT_NAME = re.compile(r"(?:uy\s*ban|chu\s*tich|noi\s*nhan|luu|ke\s*hoach|nhan\s*dan|tm\.|kt\.)")


def extract_closing(
    text: str, sections: list[Section], ctx: UnitContext, warnings: list[str]
) -> tuple[Signatory | None, list[Recipient]]:
    """(signatory, recipients) of the plan; (None, []) when there is no closing block."""
    low = loose(text)
    head = None
    for m in _RECIPIENT_HEAD.finditer(low):
        head = m  # the last "Nơi nhận:" (the closing block)
    start = head.start() if head else max(0, len(text) - 1500)
    recipients = _recipients(text, low, head.end() if head else None, ctx)
    signatory = _signatory(text, low, start, ctx)
    if signatory is None:
        warnings.append("closing: no signatory name found after the signature block")
    return signatory, recipients


def _recipients(text: str, low: str, pos: int | None, ctx: UnitContext) -> list[Recipient]:
    if pos is None:
        return []
    out = []
    for m in _RECIPIENT_LINE.finditer(text, pos):
        body = m.group("body")
        tw = _TITLE_WORDS.search(loose(body))
        if tw:  # interleaved signature column
            body = body[: tw.start()]
        entry = squash(body).strip(" ;.,")
        if not entry or re.match(r"(?:lưu|luu)\b", loose(entry)):
            continue
        refs = resolve_agencies(entry, m.start("body"), ctx, explicit=False)
        agency = refs[0] if refs else None
        out.append(Recipient(entry, agency, (m.start("body"), m.start("body") + len(body.rstrip()))))
    return out


def _signatory(text: str, low: str, start: int, ctx: UnitContext) -> Signatory | None:
    titles = list(_TITLE_WORDS.finditer(low, start))
    parts: list[str] = []
    for t in titles:
        if t["tm"]:
            continue
        if t["kt"]:
            parts.append("KT. CHỦ TỊCH")
        elif t["pct"]:
            parts.append("PHÓ CHỦ TỊCH")
        elif t["ct"] and not parts:
            parts.append("CHỦ TỊCH")
    title = " ".join(dict.fromkeys(parts)) or None
    after = titles[-1].end() if titles else start
    name = None
    name_span = None
    for m in _NAME.finditer(text, after):
        candidate = m.group("name")
        if _NOT_NAME.search(loose(candidate)) or len(candidate.split()) < 2:
            continue
        name, name_span = candidate, (m.start("name"), m.end("name"))
    if not name or name_span is None:
        return None
    if ctx.ocr:
        name = restore(name, names=True)
    span_start = titles[0].start() if titles else name_span[0]
    return Signatory(squash(name), title, (min(span_start, name_span[0]), name_span[1]))
