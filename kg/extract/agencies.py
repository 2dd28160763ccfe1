"""Agency phrases → canonical :class:`AgencyRef` records, scoped to their administrative unit.

A phrase such as "Phong Lao dong - Thuong binh va Xa hoi, Hoi LHPN quan, Uy ban nhan dan 09
phuong" is resolved in three steps:

1. known agencies are found with the gazetteer (any spelling, abbreviations, OCR);
2. the unit words after each one ("quận", "thành phố Hải Phòng", "các xã, phường", "09 phường",
   "HP") give its unit, or turn a people's committee into a collective ("UBND 09 phường" →
   group "Ủy ban nhân dân các phường", member_count 9);
3. what is left is split on commas and "và": "các phòng, ban, ngành, đoàn thể quận" becomes
   one typed group; other named bodies are kept as written.

Names follow tests/expected/README.md: official full name without unit words, except people's
committees/councils which keep their unit ("Ủy ban nhân dân quận Hồng Bàng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.records import AgencyRef
from kg.lexicon import (
    AgencyEntry,
    find_agencies,
    find_district,
    find_provinces,
    name_pattern,
    province_for,
    restore,
)
from kg.text.normalize import fold_keep, loose


@dataclass(frozen=True)
class UnitContext:
    """The plan's own unit and its province, used to scope agencies."""

    path: str | None = None  # "hai-phong/hong-bang"
    name: str | None = None  # "quận Hồng Bàng"
    type_word: str | None = None  # "quận"
    level: str | None = None
    province: str | None = None  # slug, date-adjusted: "hai-phong"
    province_name: str | None = None  # "thành phố Hải Phòng"
    date: str | None = None
    ocr: bool = False
    parent_path: str | None = None  # the district above a commune (before the 2025 reform): "son-la/bac-yen"
    parent_name: str | None = None  # "huyện Bắc Yên"
    parent_type_word: str | None = None  # "huyện"


# unit type words (folded, OCR tolerant) → canonical type word
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    (r"th[a4]nh\s*ph[o06d]|tp\.?", "thành phố"),
    (r"th[i1]\s*x[a4&]|tx\.?", "thị xã"),
    (r"th[i1]\s*tr[a4]n", "thị trấn"),
    (r"[dp][a4]c\s*khu", "đặc khu"),
    (r"t[i1]nh", "tỉnh"),
    (r"qu[a-z€¢&]{0,2}n", "quận"),
    (r"huy[e€¢]n", "huyện"),
    (r"ph(?:u|w|ư)[a-z0-9]{0,2}ng", "phường"),
    (r"x[a4&]", "xã"),
)
_TYPE_RE = "|".join(f"(?:{p})" for p, _ in _TYPE_WORDS)
_QUAL = re.compile(
    r"\s*(?:(?P<cac>c[a4&e]c)\s+)?(?P<count>\d{1,3}\s+)?"
    r"(?P<types>(?:" + _TYPE_RE + r")(?![a-z])(?:\s*(?:,|/|va(?![a-z]))\s*(?:" + _TYPE_RE + r")(?![a-z]))*)"
)
_PROPER = re.compile(r"[ \t]+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*(?:[ \t]+|$)){1,4})")
_COUNT_ONLY = re.compile(r"[ \t]*(?P<count>\d{1,3})\s+(?P<types>" + _TYPE_RE + r")(?![a-z])")

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
_GROUP_START = re.compile(r"^\s*(?:[-+•]\s*)?(?:de\s*nghi\s+)?c[a-z€¢&]{1,2}c\s+")
_GROUP_INNER = re.compile(
    r"(?<![a-z])(c[a-z€¢&]{1,2}c\s+)" + r"(?=" + _MEMBER_RE.pattern.replace("(?P<m", "(?P<n") + ")"
)
_VILLAGE = r"(?:ban|thon|lang|xom|ap|to\s*dan\s*pho|khu\s*vuc|khu\s*pho|tieu\s*khu|khu\s*dan\s*cu)"
_VILLAGE_HEADS = re.compile(
    r"(?<![a-z])truong\s+(?:cac\s+)?" + _VILLAGE + r"(?:\s*(?:,|va)\s*" + _VILLAGE + r")*(?![a-z])"
)
_UNIT_WORD_TAIL = re.compile(
    r"\s+(?:tỉnh|huyện|quận|thành phố|thị xã|xã|phường|thị trấn|tinh|huyen|quan|thanh pho)$"
)
_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_NAMED_UNIT = re.compile(  # a public service unit with a proper name, every word capitalised
    rf"\s*(?:Báo|Tạp chí|Bệnh viện|Nhà văn hóa|Thư viện|Bảo tàng)(?:[ \t]+[{_CAP}][\w]*){{1,4}}\s*"
)
_VAGUE = {"co quan", "don vi", "to chuc", "doanh nghiep", "ca nhan", "dia phuong"}
_SPLIT = re.compile(r"\s*(?:[,;:]|\((?:qua|thong qua)[^)]*\)|\s(?:va|và)\s)\s*|\s*[()]\s*")
_BARE_UNITS = re.compile(
    r"\s*(?:c[a4&e]c\s+(?P<count0>)|(?P<count>\d{1,3})\s+)(?P<types>(?:" + _TYPE_RE + r")(?![a-z])"
    r"(?:\s*(?:,|/|va(?![a-z]))\s*(?:" + _TYPE_RE + r")(?![a-z]))*)\s*[.;]?"
)
_VERB_CUT = re.compile(
    r"\s(?:chu\s*dong|xay\s*dung|gui|bao\s*c[a-z]{1,2}o|thong\s*tin\s*,|thuc\s*hien|trien\s*khai|co\s*trach|"
    r"chiu\s*trach|can\s*c(?:u|tr|ir)|phoi\s*hop|chu\s*tri|tham\s*muu|kip\s*thoi|dua|kiem\s*tra|huong\s*dan|"
    r"long\s*ghep|bien\s*tap|tu\s*van|ra\s*soat|theo\s*doi|van\s*dong|dang\s*tai|duy\s*tri|phu\s*trach)(?![a-z])"
)
_UNIT_TAIL = re.compile(r"(?:\s+(?:" + _TYPE_RE + r")(?![a-z])(?:\s+[a-z]+){0,3})?\s*$")

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


def _canon_type(folded: str) -> str:
    for pattern, word in _TYPE_WORDS:
        if re.fullmatch(pattern, folded.strip()):
            return word
    return folded


def _types_of(folded: str) -> list[str]:
    return [_canon_type(t) for t in re.findall(_TYPE_RE, folded)]


def _unit_for(
    entry: AgencyEntry, qual_types: list[str], proper: str | None, ctx: UnitContext
) -> tuple[str | None, str | None]:
    """(unit path, unit display name) of an agency given the unit words after it."""
    if entry.scope == "national":
        return "vn", "Việt Nam"
    if proper:
        provs = find_provinces(proper)
        if provs and provs[0][0] == 0:
            p = province_for(provs[0][2], ctx.date)
            word = "tỉnh" if p.unit_type == "province" else "thành phố"
            if qual_types and qual_types[0] == "thành phố" and p.unit_type == "province":
                pass  # "thành phố Bắc Kạn" is the provincial city, not the province
            else:
                return p.slug, f"{word} {p.name}"
        district = find_district(proper.strip(), ctx.province)
        name = district[2] if district else (restore(proper.strip()) if ctx.ocr else proper.strip())
        word = qual_types[0] if qual_types else ""
        if ctx.name and fold_keep(ctx.name).endswith(fold_keep(name)):
            return ctx.path, ctx.name
        base = ctx.province or "vn"
        from kg.rdf.namespaces import slugify

        slug = slugify(name)
        if ctx.province and slug == ctx.province.split("-2025")[0]:
            slug = slugify(f"{word} {name}")
        return f"{base}/{slug}", f"{word} {name}".strip()
    if entry.scope == "province":
        return ctx.province, ctx.province_name
    if qual_types:
        word = qual_types[0]
        own = ctx.type_word
        if own and word == own:
            return ctx.path, ctx.name
        if ctx.parent_type_word and word == ctx.parent_type_word:
            return ctx.parent_path, ctx.parent_name
        if ctx.province_name and ctx.province_name.startswith(word):
            return ctx.province, ctx.province_name
    return ctx.path, ctx.name


def _name_with_unit(entry: AgencyEntry, unit_name: str | None) -> str:
    if entry.orgtype in ("peoples-committee", "peoples-council") and entry.name in (
        "Ủy ban nhân dân",
        "Hội đồng nhân dân",
    ):
        return f"{entry.name} {unit_name}" if unit_name else entry.name
    return entry.name


def _group_orgtype(members: list[str]) -> str:
    for key, orgtype in _GROUP_ORGTYPE:
        if any(m.startswith(key) for m in members):
            return orgtype
    return "other"


_SCHOOL_LEVELS = {  # school levels written as abbreviations after "Trường"
    "MN": "Mầm non",
    "TH": "Tiểu học",
    "THCS": "Trung học cơ sở",
    "THPT": "Trung học phổ thông",
    "PTDTNT": "Phổ thông Dân tộc nội trú",
    "PTDTBT": "Phổ thông Dân tộc bán trú",
}
_SCHOOL_LEVEL = re.compile(r"\b([Tt]r(?:ường|uong))\s+(" + "|".join(_SCHOOL_LEVELS) + r")\b")


def _display(text: str, ctx: UnitContext) -> str:
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


def resolve_agencies(
    text: str, offset: int, ctx: UnitContext, explicit: bool = True, keep_unknown: bool | None = None
) -> list[AgencyRef]:
    """Agencies and collectives named in ``text`` (which starts at ``offset`` in the plan).

    See :func:`_resolve`; results are memoised per phrase (role lines repeat across tasks).
    """
    refs = _resolve_cached(text, ctx, explicit, explicit if keep_unknown is None else keep_unknown)
    if not offset:
        return list(refs)
    return [
        AgencyRef(
            r.name,
            r.source_text,
            r.unit,
            r.orgtype,
            r.is_group,
            r.member_count,
            (r.span[0] + offset, r.span[1] + offset),
        )
        for r in refs
    ]


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, ctx: UnitContext, explicit: bool, keep_unknown: bool) -> tuple[AgencyRef, ...]:
    return tuple(_resolve(text, 0, ctx, explicit, keep_unknown))


def _resolve(
    text: str, offset: int, ctx: UnitContext, explicit: bool = True, keep_unknown: bool | None = None
) -> list[AgencyRef]:
    """Agencies and collectives named in ``text`` (which starts at ``offset`` in the plan).

    explicit: an explicit role line ("Cơ quan chủ trì: …") where every item is an agent, also
    generic collectives ("các doanh nghiệp"); otherwise only known agencies and collectives
    of government bodies are returned (running text).
    keep_unknown: keep capitalised unknown bodies as agencies (default: same as ``explicit``).
    """
    if keep_unknown is None:
        keep_unknown = explicit
    refs: list[AgencyRef] = []
    low = loose(text)
    covered: list[tuple[int, int]] = []
    for start, end, entry in find_agencies(text):
        if re.search(r"(?:thuoc|cua)\s*$", low[max(0, start - 8) : start]):
            continue  # "các trường học thuộc UBND xã": part of a collective's name
        stop = end
        qual_types: list[str] = []
        proper: str | None = None
        count: int | None = None
        is_group = False
        q = _QUAL.match(low, end)
        if q:
            qual_types = _types_of(q["types"])
            count = int(q["count"]) if q["count"] else None
            is_group = bool(q["cac"] or count or len(qual_types) > 1)
            stop = q.end()
            if not is_group:
                p = _PROPER.match(text, stop)
                if p and not find_agencies(p.group(1))[:1]:
                    proper = p.group(1).strip()
                    stop = p.start(1) + len(p.group(1).rstrip())
        else:
            provs = find_provinces(text[end : end + 40])
            if provs and not text[end : end + provs[0][0]].strip():
                proper = text[end : end + provs[0][1]].strip()
                stop = end + provs[0][1]
        if entry.orgtype == "public-service-unit" and not qual_types:
            p = _PROPER.match(text, end)
            if p and not find_agencies(p.group(1))[:1]:
                proper_name = p.group(1).strip()
                stop = p.start(1) + len(p.group(1).rstrip())
                proper = None
                entry = AgencyEntry(
                    f"{entry.name} {restore(proper_name) if ctx.ocr else proper_name}",
                    entry.orgtype,
                    entry.scope,
                    entry.english,
                )
        covered.append((start, stop))
        source = text[start:stop].strip()
        span = (offset + start, offset + stop)
        if is_group and (entry.orgtype in ("peoples-committee", "peoples-council") or q["cac"]):
            # "UBND các xã, thị trấn", "Trạm Y tế các xã, thị trấn": one body in each unit named
            name = f"{entry.name} các {', '.join(qual_types)}"
            refs.append(AgencyRef(name, source, ctx.path, entry.orgtype, True, count, span))
            continue
        unit, unit_name = _unit_for(entry, qual_types, proper, ctx)
        name = _name_with_unit(entry, unit_name)
        refs.append(AgencyRef(name, source, unit, entry.orgtype, False, None, span))
    for h in _VILLAGE_HEADS.finditer(low):  # "Trưởng các bản", "Trưởng thôn, làng, tổ dân phố"
        if any(s0 <= h.start() < e0 for s0, e0 in covered):
            continue
        raw = text[h.start() : h.end()]
        refs.append(
            AgencyRef(
                _display(raw, ctx), raw, ctx.path, "other", True, None, (offset + h.start(), offset + h.end())
            )
        )
        covered.append((h.start(), h.end()))
    refs.extend(_leftover_groups(text, offset, covered, ctx, explicit, keep_unknown))
    refs.sort(key=lambda r: r.span)
    return _dedupe(_merge_party_boards(refs, text, offset))


def _merge_party_boards(refs: list[AgencyRef], text: str, offset: int) -> list[AgencyRef]:
    """ "Ban Tuyên giáo Tỉnh ủy": a board of a party committee is one agency with the committee's name."""
    out: list[AgencyRef] = []
    for r in refs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.orgtype == "party"
            and prev.name.startswith("Ban ")
            and r.orgtype == "party"
            and r.name.endswith(("ủy", "uỷ"))
            and not text[prev.span[1] - offset : r.span[0] - offset].strip()
        ):
            out[-1] = AgencyRef(
                f"{prev.name} {r.name}",
                f"{prev.source_text} {r.source_text}",
                prev.unit,
                "party",
                False,
                None,
                (prev.span[0], r.span[1]),
            )
            continue
        out.append(r)
    return out


def _leftover_groups(
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
        piece_starts = [gs] + [m.end() for m in _SPLIT.finditer(text, gs, ge)]
        piece_ends = [m.start() for m in _SPLIT.finditer(text, gs, ge)] + [ge]
        group: list[int] | None = None  # [start, end, member words...]
        members: list[str] = []

        def close() -> None:
            nonlocal group, members
            if group is not None:
                _emit_group(text, offset, group[0], group[1], members, ctx, explicit, out)
            group, members = None, []

        for ps, pe in zip(piece_starts, piece_ends, strict=False):
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
                name = "Ủy ban nhân dân các " + ", ".join(_types_of(bare["types"]))
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
            inner = None if continuing else _GROUP_INNER.search(lp)
            if not continuing and (_GROUP_START.match(folded) or inner):
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
                    and re.match(r"\s*[A-ZĐ]", piece)
                    and len(piece.split()) >= 2
                    and not re.search(r"\d", piece)
                ):
                    name = _UNIT_WORD_TAIL.sub("", _display(piece, ctx)) or _display(piece, ctx)
                    orgtype = "public-service-unit" if named_unit else "other"
                    out.append(
                        AgencyRef(
                            name, piece.strip(), ctx.path, orgtype, False, None, (offset + ps, offset + pe)
                        )
                    )
        close()
    return out


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
    name = _display(raw, ctx)
    count = None
    m = re.search(r"(?<![\w¢€])(\d{1,3})\s+", raw)
    if m:
        count = int(m.group(1))
        name = _display(raw[: m.start()] + raw[m.end() :], ctx)
    name = _lower_members(name)
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


def _dedupe(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        key = fold_keep(r.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
