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
_NOT_NAME = re.compile(
    r"(?:uy\s*ban|chu\s*tich|noi\s*nhan|(?<![a-z])luu\s*:|ke\s*hoach|nhan\s*dan|tm\.|kt\.)"
)


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


# a line of the signature block, printed in capitals: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
# "Q. CHỦ TỊCH", "TL. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
_ROLE = (
    r"(?:ph[o0]\s*)?(?:ch[uw]\s*t[i1]ch|gi[a4]m\s*d[o0]c|tr[uw][o0]ng\s*ban|ch[a4]nh\s*v[a4]n\s*ph[o0]ng|"
    r"b[i1]\s*th[uw])"
)
_ROLE_LINE = re.compile(r"(?:(?:tm|kt|q|tl|tuq)(?:\s*\.?\s+|\.)\S.{0,40}|" + _ROLE + r")")
# a line, or a cell's line (cells split by "|", lines by "<br>")
_LINE = re.compile(r"(?:<br\s*/?>)*(?P<line>(?:(?!<br\s*/?>)[^|\n])+)", re.I)
# first words that make a capitalised line something other than a person's name
# (surnames that are also such words stay out of it: Chu, Lưu, Quan, Tống, Văn, Đoàn, Trương, Điêu, Cấn)
_NOT_FIRST = {
    "so", "uy", "ban", "phong", "phu", "danh", "muc", "noi", "ke", "quyet", "pho", "tm", "kt", "bieu",
    "mau", "thuc", "tinh", "thanh", "huyen", "xa", "phuong", "bo", "cuc", "hoi", "cong", "vien", "benh",
    "dai", "bao", "ngan", "kho", "cac", "nhu", "trung", "thi", "dac", "nguoi", "ky", "da", "ghi", "nhan",
    "kinh", "gui",
}
_PERSON = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)?")


def _is_person(line: str) -> bool:
    """A line that is a person's name: 2–6 capitalised words of letters ("Rơ Châm H'Nhiên", "A
    Khiêm"), not a heading, an agency, a role or a place in brackets."""
    words = line.split()
    if not 2 <= len(words) <= 6 or not all(_PERSON.fullmatch(w) for w in words):
        return False
    return loose(words[0]) not in _NOT_FIRST and not _NOT_NAME.search(loose(line))


def _clean(line: str) -> str:
    return line.strip().strip("*_#|").strip()


def _role_title(role_lines: list[str]) -> str | None:
    """The title as printed without the authority ("TM. ỦY BAN NHÂN DÂN"): "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"."""
    parts: list[str] = []
    for line in role_lines:
        words = list(_TITLE_WORDS.finditer(loose(line)))
        for t in words:
            if t["kt"]:
                parts.append("KT. CHỦ TỊCH")
            elif t["pct"]:
                parts.append("PHÓ CHỦ TỊCH")
            elif t["ct"]:
                parts.append("CHỦ TỊCH")
        if not words and not re.match(r"tm\b", loose(line)):
            parts.append(squash(line).upper())  # another role as printed ("Q. GIÁM ĐỐC")
    return " ".join(dict.fromkeys(parts)) or None


def _signature_blocks(text: str, start: int) -> list[tuple[int, list[str], str, tuple[int, int]]]:
    """Signature blocks after ``start``: (start, role lines, name, name span). A block is one or more
    lines of roles in capitals followed, within a few lines, by a person's name."""
    out = []
    roles: list[str] = []
    block_start = 0
    after_roles = 0  # non-empty lines seen since the last role line
    for m in _LINE.finditer(text, start):
        raw = m.group("line")
        if not roles and len(raw) > 60:
            continue  # a body line: neither a role nor (without roles before it) a name
        line = _clean(raw)
        if not line:
            continue
        if len(line) <= 48 and line.upper() == line and _ROLE_LINE.fullmatch(loose(line)):
            if not roles or after_roles:
                roles, block_start = [], m.start("line")
            roles.append(line)
            after_roles = 0
            continue
        if roles:
            if _is_person(line):
                s = m.start("line") + raw.find(line)
                out.append((block_start, roles, line, (s, s + len(line))))
                roles = []
            else:
                after_roles += 1
                if after_roles > 2:  # "(Đã ký)", a stamp: the name follows within two lines
                    roles = []
    return out


def _signatory(text: str, low: str, start: int, ctx: UnitContext) -> Signatory | None:
    first = _RECIPIENT_HEAD.search(low)  # the block is beside the (first) "Nơi nhận", before or after it
    blocks = _signature_blocks(text, max(0, first.start() - 800) if first else 0)
    if blocks:  # the first block: a decision's signature comes before the plan it promulgates
        block_start, roles, name, name_span = blocks[0]
        if ctx.ocr:
            name = restore(name, names=True)
        return Signatory(squash(name), _role_title(roles), (block_start, name_span[1]))
    return _interleaved_signatory(text, low, start, ctx)


def _interleaved_signatory(text: str, low: str, start: int, ctx: UnitContext) -> Signatory | None:
    """A signature column interleaved with the recipients' (OCR: "- Sở LĐ-TB&XH HP; KT CHU TICH"):
    the title words after "Nơi nhận", then the first person's name after them."""
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
    for m in _NAME.finditer(text, after, min(len(text), after + 1500)):
        candidate = m.group("name")
        if not _is_person(squash(candidate)):
            continue
        name, name_span = candidate, (m.start("name"), m.end("name"))
        if ctx.ocr:
            name = restore(name, names=True)
        span_start = titles[0].start() if titles else name_span[0]
        return Signatory(squash(name), title, (min(span_start, name_span[0]), name_span[1]))
    return None
