"""Agencies of a task named in its prose (no "Chủ trì:" / "Phối hợp:" role lines).

The lead is an agency that is the subject of a clause ("Thanh tra thành phố đưa nội dung …"), or is
named before a prose "chủ trì" ("Giao Phòng X chủ trì"), or after a passive "do X thực hiện";
partners are named agencies after "phối hợp với" or before "… phối hợp thực hiện".
"""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext, resolve_agencies
from kg.extract.records import AgencyRef
from kg.lexicon import agency_at
from kg.text.cues import ANY_SPACE, after_non_letter, cue, joined
from kg.text.normalize import fold_keep
from kg.text.scan import line_start_matches

_CLAUSE_START = re.compile(r"(?:^[ \t]*(?:[-+•]|[a-zđ]\))[ \t]*(?:[^:\n]{0,40}:\s*)?|;\s+|\.\s+)", re.M)
_CLAUSE_START_AFTER_BREAK = re.compile(r"\n[ \t]*(?:[-+•]|[a-zđ]\))[ \t]*(?:[^:\n]{0,40}:\s*)?|;\s+|\.\s+")
_CHU_TRI = re.compile(after_non_letter(cue("chủ tri", space=ANY_SPACE)) + r"(?![a-z])")
_LEAD_OPENER = re.compile(r"(?:^|\s)(?:[Gg]iao|do|[ĐđDd][ềe]\s*ngh[ịi]|[.;:])\s+|\n\s*\n")
_PARTNER_AFTER = re.compile(  # "… phối hợp thực hiện"
    after_non_letter(joined("phối hợp")) + r"\s+" + joined("thuc hien", "trien khai", "to chuc")
)
_CLAUSE_OPENER = re.compile(r"[.;:]\s+|\n\s*\n")
_GOVERNMENT_GROUPS = {"peoples-committee", "office", "department"}  # named collectives, not "các đoàn thể"
# cooperation named as the object of the task, not a role: "duy trì / tăng cường (sự) phối hợp với",
# "quy chế / cơ chế / mối phối hợp với"
_COOPERATION = re.compile(
    r"(?<![a-z])(?:" + joined("duy trì", "tăng cường", "đẩy mạnh", "mở rộng", "quy chế", "cơ chế", "mối")
    + r")(?:\s+" + joined("sự", "công tác", "quan hệ") + r")?\s+$"
)
_GIAO = re.compile(r"(?:[Hh][ằà]ng năm,\s*)?[Gg]iao\s+")
_ADVERBIAL = re.compile(  # "Hằng năm, ", "Định kỳ 6 tháng, ", "Trong quý I/2026, ", "Đồng thời, "
    r"[ \t]*(?:"
    + joined("định kỳ", "hằng", "hàng", "trong", "từ", "sau", "trước", "đến", "đồng thời", "ngoài ra")
    + r")(?![a-z])[^,.;:\n]{0,24},[ \t]+"
)
_AND_GAP = re.compile(r"\s*(?:,|và|va)\s*")
_COORDINATE = re.compile(r"[\s,]*" + joined("phối hợp"))
_WITH_OTHERS = re.compile(  # "… phối hợp (chặt chẽ) với"
    r"[\s,]*" + joined("phối hợp") + r"\s*(?:" + joined("chat che") + r"\s*)?" + joined("với")
)
_NAMED_GROUP = re.compile(r"(?:Các|Trưởng)\s")
_GROUP_AT = re.compile(  # "(Đề nghị) các …"
    r"(?:" + joined("đe nghi", "be nghi") + r"\s+)?" + joined("các") + r"\s"
)
_PARTNER_CUE = re.compile(  # "phối hợp (chặt chẽ) với"
    joined("phối hợp") + r"\s*(?:" + joined("chat che") + r"\s*)?" + joined("với") + r"\s+"
)


def chu_tri_leads(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """Agencies named right before a prose "chủ trì" ("Giao Phòng X chủ trì", "Nhiệm vụ này do X chủ trì")."""
    out: list[AgencyRef] = []
    for m in _CHU_TRI.finditer(low, start, end):
        lo = max(start, m.start() - 160)
        window = text[lo : m.start()]  # original spelling: "giao" (assign) is not "giáo" (giáo dục)
        cut = max((c.end() for c in _LEAD_OPENER.finditer(window)), default=0)
        phrase_start = lo + cut
        out += resolve_agencies(text[phrase_start : m.start()], phrase_start, ctx, explicit=False)
    return out


_DO_VERB = re.compile(
    after_non_letter(joined("thuc hien", "dam nhiem", "dam nhan", "phu trach")) + r"(?![a-z])"
)
_DO = re.compile(r"(?:^|\s)do\s+")  # original spelling: "do" (by), not "đó"/"đo"
_ROLE_WORD = re.compile(cue("chủ tri", space=ANY_SPACE) + "|" + joined("phối hợp") + "|[.;:]")


def passive_leads(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """The agent of a passive "(Nhiệm vụ này) do X thực hiện / đảm nhiệm / phụ trách"."""
    out: list[AgencyRef] = []
    for m in _DO_VERB.finditer(low, start, end):
        lo = max(start, m.start() - 120)
        do = max(_DO.finditer(text, lo, m.start()), key=lambda d: d.start(), default=None)
        if do is None or _ROLE_WORD.search(low, do.end(), m.start()):
            continue  # "do A chủ trì, B phối hợp thực hiện" is read by the "chủ trì" rule
        refs = resolve_agencies(text[do.end() : m.start()], do.end(), ctx, explicit=False)
        if refs and refs[0].span[0] == do.end():
            out.append(refs[0])
    return out


def partners_before(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    """Agencies of a clause ending in "… phối hợp thực hiện" ("Hội LHPN xã, Đoàn TN xã phối hợp …")."""
    out: list[AgencyRef] = []
    for m in _PARTNER_AFTER.finditer(low, start, end):
        lo = max(start, m.start() - 160)
        cut = max((c.end() for c in _CLAUSE_OPENER.finditer(low, lo, m.start())), default=lo)
        out += resolve_agencies(text[cut : m.start()], cut, ctx, explicit=False)
    return out


def clause_subjects(
    text: str,
    low: str,
    start: int,
    end: int,
    ctx: UnitContext,
    item_start: int | None = None,
    extra: int | None = None,
) -> list[AgencyRef]:
    """Agencies that open a clause (the grammatical subject of the task sentence)."""
    out = []
    lo = 0
    folded = fold_keep(text)  # the whole plan's folding is memoised; offsets stay the plan's
    starts = [m.end() for m in line_start_matches(_CLAUSE_START, _CLAUSE_START_AFTER_BREAK, text, start, end)]
    if extra is not None and extra < end:
        starts.insert(0, extra + len(text[extra:end]) - len(text[extra:end].lstrip()))
    if item_start is not None:
        starts.insert(0, item_start)
    for pos in starts:
        giao = _GIAO.match(text, pos)  # "giao các trường học … lồng ghép": the assignee leads
        if giao:
            pos = giao.end()
        when = _ADVERBIAL.match(low, pos)  # "Định kỳ hằng năm, Sở A …": the subject after a time phrase
        if when and text[when.end() : when.end() + 1].isupper() and agency_at(folded, when.end()) is not None:
            pos = when.end()
        if not _GROUP_AT.match(low, pos) and agency_at(folded, pos - lo) is None:
            continue
        chunk = text[pos : min(end, pos + 120)]
        # the subject of a clause: collectives count too ("các cơ quan, đơn vị và Trưởng thôn … tổ chức …")
        refs = resolve_agencies(chunk, pos, ctx, explicit=True, keep_unknown=False)
        if not refs or refs[0].span[0] != pos:
            continue
        subject = [refs[0]]
        for r in refs[1:]:  # "A, B và C <verb>": a subject of several agents
            gap = text[subject[-1].span[1] : r.span[0]]
            if not _AND_GAP.fullmatch(gap):
                break
            subject.append(r)
        after = subject[-1].span[1]
        coordinate = _COORDINATE.match(low, after)
        if coordinate and _WITH_OTHERS.match(low, after):
            # "Sở A phối hợp với Công an tỉnh kiểm tra …": A acts (a named agency, not "các cơ quan")
            out += [r for r in subject if not r.is_group or r.orgtype != "other"]
            continue
        if not _followed_by_verb(text, after) or coordinate:
            continue  # "A, B phối hợp (thực hiện)": partners, not leads
        out += [
            r for r in subject if not r.is_group or giao or r.orgtype != "other" or _NAMED_GROUP.match(r.name)
        ]
    return out


def _followed_by_verb(text: str, pos: int) -> bool:
    """A verb follows the subject; a comma then a lowercase word is a list of activity nouns
    ("Thanh tra, kiểm tra, sơ kết …"), not "<agency> <verb>"."""
    nxt = text[pos : pos + 30].lstrip(" ")
    return bool(nxt) and nxt[0].islower()


def cued_partners(text: str, low: str, start: int, end: int, ctx: UnitContext) -> list[AgencyRef]:
    out = []
    for m in _PARTNER_CUE.finditer(low, start, end):
        if _COOPERATION.search(low, max(start, m.start() - 24), m.start()):
            continue  # "duy trì (sự) phối hợp với …", "quy chế phối hợp với …": the cooperation is the task
        chunk_end = min(end, m.end() + 120)
        stop = re.search(
            r"\s(?:trien\s*khai|to\s*chuc|thuc\s*hien|xay\s*dung|de\s|huong\s*dan|treo|chi\s*dao)|[;.(:]|\n\s*\n",
            low[m.end() : chunk_end],
        )
        chunk_end = m.end() + stop.start() if stop else chunk_end
        refs = resolve_agencies(text[m.end() : chunk_end], m.end(), ctx, explicit=False)
        out += [r for r in refs if not r.is_group or r.orgtype in _GOVERNMENT_GROUPS]
    return out
