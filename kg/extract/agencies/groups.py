"""Collectives ("các phòng, ban, ngành, đoàn thể quận", "UBND 09 phường", "Trưởng các bản") and, in explicit
role lists, unknown bodies: what is left of an agency phrase once the known agencies are found."""

from __future__ import annotations

import re

from kg.extract.agencies.context import UnitContext
from kg.extract.agencies.display import display
from kg.extract.agencies.units import TYPE_RE, types_of
from kg.extract.records import AgencyRef
from kg.lexicon import name_pattern
from kg.text.cues import after_non_letter
from kg.text.normalize import loose

_MEMBER_WORDS = (
    "to chuc chinh tri - xa hoi",
    "to chuc chinh tri xa hoi",
    "to chuc ctxh",
    "co quan thong tin dai chung",
    "co quan bao chi",
    "doan the",
    "phong",
    "ban",
    "nganh",
    "so",
    "co quan",
    "don vi",
    "dia phuong",
    "to chuc",
    "doanh nghiep",
    "truong hoc",
    "truong",
    "hoi",
    "doan",
    "to chuc thanh vien",
    "ca nhan",
)
_MEMBER_RE = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(f"(?P<m{i}>{name_pattern(w)})" for i, w in enumerate(_MEMBER_WORDS))
    + r")(?![a-z])"
)
_CAC = r"c(?!huc|uoc)[a-z€¢&]{1,2}c"  # "các" and its OCR forms; not "chức", "cuộc" ("tổ chức sơ kết")
_GROUP_START = re.compile(r"^\s*(?:[-+•]\s*)?(?:de\s*nghi\s+)?" + _CAC + r"\s+")
_GROUP_INNER = re.compile(  # "(?<![a-z])(các …", the look-behind after the "c": a search skips to the c
    r"(c(?<![a-z]c)" + _CAC[1:] + r"\s+)" + r"(?=" + _MEMBER_RE.pattern.replace("(?P<m", "(?P<n") + ")"
)
_VILLAGE = r"(?:ban|thon|lang|xom|ap|to\s*dan\s*pho|khu\s*vuc|khu\s*pho|tieu\s*khu|khu\s*dan\s*cu)"
# (the look-behinds after the first letter, as in kg/text/cues.py: a search skips ahead to that letter)
VILLAGE_HEADS = re.compile(  # (?<![a-z])truong …
    after_non_letter("truong") + r"\s+(?:cac\s+)?" + _VILLAGE
    + r"(?:\s*(?:,|va)\s*" + _VILLAGE + r")*(?![a-z])"
)
PRESS = re.compile(after_non_letter("bao") + r"\s*,\s*dai(?![a-z])")  # "báo, đài": the press, one collective
_UNIT_WORD_TAIL = re.compile(
    r"\s+(?:tỉnh|huyện|quận|thành phố|thị xã|xã|phường|thị trấn|tinh|huyen|quan|thanh pho)$"
)
_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_NAMED_UNIT = re.compile(  # a public service unit with a proper name, every word capitalised
    rf"\s*(?:Báo|Tạp chí|Bệnh viện|Nhà văn hóa|Thư viện|Bảo tàng)(?:[ \t]+[{_CAP}][\w]*){{1,4}}\s*"
)
# a named body not in the gazetteer ("Chi cục Biển đảo và Thủy sản", "Cục Thủy sản và Kiểm ngư"): a type
# word, then capitalised name words (each may carry one lower-case syllable: "Biển đảo"), "và" between
_BODY_TYPES = (
    "Tổng cục", "Chi cục", "Cục", "Học viện", "Viện", "Trung tâm", "Liên minh", "Hiệp hội", "Ban Quản lý",
    "Bệnh viện", "Tạp chí", "Nhà văn hóa", "Thư viện", "Bảo tàng", "Kho bạc Nhà nước",
)
# (?<![\w])(?:Tổng cục|…), each type word's look-behind after its first letter
_BODY_TYPE = "(?:" + "|".join(rf"{w[0]}(?<![\w]{w[0]}){w[1:]}" for w in _BODY_TYPES) + ")"
_NAME_WORD = rf"[{_CAP}][\w]*(?:[ \t]+[a-zđ\u00e0-\u1ef9][\w]*)?"
NAMED_BODY = re.compile(rf"{_BODY_TYPE}[ \t]+{_NAME_WORD}(?:[ \t]+(?:và[ \t]+)?{_NAME_WORD}){{0,4}}")
_BARE_MEMBER = re.compile(r"(?:so|phong|ban|nganh|co\s*quan)")
_VAGUE = {"co quan", "don vi", "to chuc", "doanh nghiep", "ca nhan", "dia phuong"}
_SPLIT = re.compile(r"\s*(?:[,;:]|\((?:qua|thong qua)[^)]*\)|\s(?:va|và)\s)\s*|\s*[()]\s*")
_BARE_UNITS = re.compile(
    r"\s*(?:c[a4&e]c\s+(?P<count0>)|(?P<count>\d{1,3})\s+)(?P<types>(?:" + TYPE_RE + r")(?![a-z])"
    r"(?:\s*(?:,|/|va(?![a-z]))\s*(?:" + TYPE_RE + r")(?![a-z]))*)\s*[.;]?"
)
_ENDS_WITH_UNIT = re.compile(  # written with its diacritics: "địa phương", "cơ quan" are no unit words
    r"(?<!\w)(?:cấp\s+)?(?:tỉnh|huyện|quận|xã|phường|thành phố|thị xã|thị trấn|đặc khu)\s*$", re.IGNORECASE
)
_VERB_CUT = re.compile(
    r"\s(?:chu\s*dong|xay\s*dung|gui|bao\s*c[a-z]{1,2}o|thong\s*tin\s*,|thuc\s*hien|trien\s*khai|co\s*trach|"
    r"chiu\s*trach|can\s*c(?:u|tr|ir)|phoi\s*hop|chu\s*tri|tham\s*muu|kip\s*thoi|dua|kiem\s*tra|huong\s*dan|"
    r"long\s*ghep|bien\s*tap|tu\s*van|ra\s*soat|theo|van\s*dong|dang\s*tai|duy\s*tri|phu\s*trach|kien\s*toan|"
    r"tang\s*cuong|nang\s*cao|day\s*manh|chi\s*dao|quan\s*triet|bo\s*tri|tiep\s*tuc|tich\s*cuc|nghien\s*cuu|"
    r"ban\s*hanh|dam\s*bao|bao\s*dam|to\s*chuc\s+(?:thuc\s*hien|trien\s*khai))(?![a-z])"
)

_CAPITAL_FIRST = re.compile(r"\s*[A-ZĐ]")
_DIGIT = re.compile(r"\d")
_COUNT = re.compile(r"(?<![\w¢€])(\d{1,3})\s+")  # "09 phường"

_GROUP_ORGTYPE = (
    ("so", "department"),
    ("phong", "office"),
    ("ban", "office"),
    ("nganh", "office"),
    ("doan the", "mass-organisation"),
    ("to chuc chinh tri", "mass-organisation"),
    ("doanh nghiep", "enterprise"),
    ("co quan thong tin", "public-service-unit"),
    ("co quan bao chi", "public-service-unit"),
    ("truong", "public-service-unit"),
)


def _group_orgtype(members: list[str]) -> str:
    for key, orgtype in _GROUP_ORGTYPE:
        if any(m.startswith(key) for m in members):
            return orgtype
    return "other"


def leftover_groups(
    text: str,
    offset: int,
    covered: list[tuple[int, int]],
    ctx: UnitContext,
    explicit: bool,
    keep_unknown: bool,
) -> list[AgencyRef]:
    """Collectives (and, in explicit lists, unknown bodies) in the parts no known agency covers."""
    out: list[AgencyRef] = []
    pos = 0
    gaps = []
    for s, e in sorted(covered) + [(len(text), len(text))]:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    for gs, ge in gaps:
        splits = list(_SPLIT.finditer(text, gs, ge))
        piece_starts = [gs] + [m.end() for m in splits]
        piece_ends = [m.start() for m in splits] + [ge]
        group: list[int] | None = None  # [start, end, member words...]
        members: list[str] = []

        def close() -> None:
            nonlocal group, members
            if group is not None:
                _emit_group(text, offset, group[0], group[1], members, ctx, explicit, out, len(group) > 2)
            group, members = None, []

        for k, (ps, pe) in enumerate(zip(piece_starts, piece_ends, strict=False)):
            piece = text[ps:pe]
            lp = loose(piece)
            folded = lp.strip()
            if not folded:
                continue
            vcut = _VERB_CUT.search(folded)
            bare = _BARE_UNITS.match(folded[: vcut.start()] if vcut else folded)
            if bare and bare.end() == len((folded[: vcut.start()] if vcut else folded).rstrip()):
                close()  # "09 phường", "các xã, phường": the people's committees of those units
                count = int(bare["count"]) if bare["count"] else None
                name = "Ủy ban nhân dân các " + ", ".join(types_of(bare["types"]))
                out.append(
                    AgencyRef(
                        name,
                        piece.strip(),
                        ctx.path,
                        "peoples-committee",
                        True,
                        count,
                        (offset + ps, offset + pe),
                    )
                )
                continue
            continuing = group is not None and _MEMBER_RE.match(folded) is not None
            if continuing and group is not None and _ENDS_WITH_UNIT.search(text[group[0] : group[1]]):
                # "các sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc …": the unit word closed
                # the first collective; "các" goes on to the second
                close()
                group = [ps + len(piece) - len(piece.lstrip()), pe, 1]
                members = _members(folded)
                continue
            inner = None if continuing else _GROUP_INNER.search(lp)
            if not continuing and (
                _GROUP_START.match(folded) or inner or _bare_list(text, folded, piece_starts, piece_ends, k)
            ):
                close()
                lead = (
                    len(piece) - len(piece.lstrip())
                    if _GROUP_START.match(folded) or not inner
                    else inner.start(1)
                )
                group = [ps + lead, pe]
                members = _members(folded)
            elif group is not None and _MEMBER_RE.match(folded):
                group[1] = pe
                members += _members(folded)
            else:
                close()
                named_unit = _NAMED_UNIT.fullmatch(piece)  # "Báo Đồng Khởi" in running text
                if (
                    (keep_unknown or named_unit)
                    and _CAPITAL_FIRST.match(piece)
                    and len(piece.split()) >= 2
                    and not _DIGIT.search(piece)
                ):
                    name = _UNIT_WORD_TAIL.sub("", display(piece, ctx)) or display(piece, ctx)
                    orgtype = "public-service-unit" if named_unit else "other"
                    out.append(
                        AgencyRef(
                            name, piece.strip(), ctx.path, orgtype, False, None, (offset + ps, offset + pe)
                        )
                    )
        close()
    return out


def _bare_list(text: str, folded: str, starts: list[int], ends: list[int], k: int) -> bool:
    """A collective written without "các": a bare member word listed with more ("Sở, ban, ngành liên
    quan", "phòng, ban chuyên môn")."""
    if k + 1 >= len(starts) or not _BARE_MEMBER.fullmatch(folded):
        return False
    if text[ends[k] : starts[k + 1]].strip() != ",":
        return False
    return _MEMBER_RE.match(loose(text[starts[k + 1] : ends[k + 1]]).strip()) is not None


def _members(folded: str) -> list[str]:
    out = []
    for m in _MEMBER_RE.finditer(folded):
        word = _MEMBER_WORDS[int((m.lastgroup or "m0")[1:])]
        if word == "ban" and folded[max(0, m.start() - 4) : m.start()].rstrip().endswith("dia"):
            continue  # "trên địa bàn" (area), not "ban" (board)
        out.append(word)
    return out


def _emit_group(
    text: str,
    offset: int,
    start: int,
    end: int,
    members: list[str],
    ctx: UnitContext,
    explicit: bool,
    out: list[AgencyRef],
    add_cac: bool = False,
) -> None:
    cut = _VERB_CUT.search(loose(text[start:end]))
    if cut:
        end = start + cut.start()
    raw = text[start:end]
    folded = loose(raw)
    members = _members(folded)
    words = set(members)
    if not words:
        return
    if not explicit and words <= _VAGUE:
        return
    name = display(raw, ctx)
    count = None
    m = _COUNT.search(raw)
    if m:
        count = int(m.group(1))
        name = display(raw[: m.start()] + raw[m.end() :], ctx)
    name = _lower_members(name)
    if add_cac:
        name = "Các " + name[:1].lower() + name[1:]
    out.append(
        AgencyRef(
            name, raw.strip(), ctx.path, _group_orgtype(members), True, count, (offset + start, offset + end)
        )
    )


def _lower_members(name: str) -> str:
    """One spelling per collective: member words in lower case ("Các Phòng, Ban" → "Các phòng, ban")."""
    folded = loose(name)
    if len(folded) != len(name):
        return name
    chars = list(name)
    for m in _MEMBER_RE.finditer(folded):
        chars[m.start() : m.end()] = name[m.start() : m.end()].lower()
    out = "".join(chars)
    return out[:1].upper() + out[1:]
