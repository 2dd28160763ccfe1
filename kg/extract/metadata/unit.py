"""The plan's own unit (and its province and parent district): from the issuing sentence ("Ủy ban nhân
dân quận Hồng Bàng ban hành …"), the title ("trên địa bàn xã Bình Lư"), the letterhead and the place of
the date line, in that order."""

from __future__ import annotations

import re

from kg.extract.agencies import UnitContext
from kg.lexicon import find_district, find_provinces, province_for, provinces, restore
from kg.text.cues import after_non_letter
from kg.text.normalize import fold_keep, loose
from kg.text.slugs import slugify

REFORM_DATE = "2025-07-01"  # the 34 provinces, no district level (Resolution 202/2025/QH15)
TITLE_WORD = re.compile(r"^[\W_]*k[e€¢]\s*ho[a-z]{0,2}ch[\W_]*$", re.M)
TYPE_MAP = {  # type word → (unittype notation, level)
    "tỉnh": ("province", "province"),
    "quận": ("urban-district", "district"),
    "huyện": ("rural-district", "district"),
    "thị xã": ("town", "district"),
    "xã": ("commune", "commune"),
    "phường": ("ward", "commune"),
    "thị trấn": ("township", "commune"),
    "đặc khu": ("special-zone", "commune"),
}
_TYPES = (
    r"(?P<type>th[a4]nh\s*ph[o06d]|tp\.?|t[i1]nh|qu[a-z]{1,2}n|huy[e€]n|th[i1]\s*x[a4]|th[i1]\s*tr[a4]n|"
    r"ph(?:u|w)[a-z0-9]{0,2}ng|x[a4]|[dp][a4]c\s*khu)"
)
_ISSUING = re.compile(
    r"(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+" + _TYPES + r"(?![a-z])(?P<rest>[^\n.;]{0,60}?)\s+"
    r"(?:ban\s*hanh|xay\s*dung\s+k)"
)
# not the symbol of a number ("Số: 12/KH-UBND" above "TP. Hồ Chí Minh, ngày …"), nor a date line
_LETTERHEAD = re.compile(
    r"(?<![-/\w])(?:uy\s*ban\s*nhan\s*dan|ubnd)[ \t]*\n?[ \t*_]*" + _TYPES
    + r"[ \t]+(?![^\n]*\bngay\s+\d)[^\n*_]{2,40}?(?=[ \t*_]*\n)"
)
_IN_AREA = re.compile(r"(?:dia\s*ban|cua)\s+" + _TYPES + r"(?![a-z])")
_CAP_WORDS = re.compile(r"[ \t]+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]\w*[ \t]*){1,4})")


def _canon_type(folded: str) -> str:
    f = re.sub(r"\s+", " ", folded.strip().rstrip("."))
    if f in ("tp",) or re.fullmatch(r"th[a4]nh ?ph[o06d]", f):
        return "thành phố"
    if re.fullmatch(r"t[i1]nh", f):
        return "tỉnh"
    if re.fullmatch(r"qu[a-z]{1,2}n", f):
        return "quận"
    if re.fullmatch(r"huy[e€]n", f):
        return "huyện"
    if re.fullmatch(r"th[i1] ?x[a4]", f):
        return "thị xã"
    if re.fullmatch(r"th[i1] ?tr[a4]n", f):
        return "thị trấn"
    if f.startswith("ph"):
        return "phường"
    if re.fullmatch(r"x[a4]", f):
        return "xã"
    return "đặc khu"


# words that end a unit name printed in capitals ("TỈNH HÀ TĨNH GIAI ĐOẠN …", "XÃ TÂN PHONG NĂM 2026")
_CAPS_NAME_END = re.compile(
    r"(?:nam\s+\d|giai\s+doan|den\s+nam|dinh\s+huong|tam\s+nhin|thoi\s+(?:ky|diem)|nhu\s+sau|"
    r"ban\s+hanh|ke\s+hoach|thuc\s+hien|ve|va|trong|theo|tai|cua|tu|voi|cho|nham|sau|truoc|"
    r"lan\s+thu|quy\s+[ivx1-4])(?![a-z])"
)


def caps_name_span(text: str, pos: int) -> tuple[int, str] | None:
    """A unit name printed in capitals after a type word ("TỈNH HÀ TĨNH", "THÀNH PHỐ HỒ CHÍ MINH"):
    (end of the name in ``text``, the name) — a province or curated district by the lexicon, else the
    words up to a word that cannot be part of a name, in title case."""
    line = text[pos : pos + 60].split("\n", 1)[0]
    folded = fold_keep(line)
    lead = len(folded) - len(folded.lstrip(" \t*_"))
    found = find_provinces(line)
    if found and found[0][0] == lead:
        return pos + found[0][1], provinces()[found[0][2]].name
    words: list[tuple[str, int]] = []
    for m in re.finditer(r"\S+", line):
        if _CAPS_NAME_END.match(folded, m.start()) or len(words) == 4:
            break
        raw = m.group(0)
        w = raw.strip("*_,.;:()“”\"")
        if not w or not w[0].isalpha() or not w.isupper():
            break
        words.append((w[:1] + w[1:].lower(), pos + m.start() + raw.find(w) + len(w)))
        if raw.endswith((",", ";", ".", ")")):
            break
    for n in range(len(words), 0, -1):
        d = find_district(" ".join(w for w, _ in words[:n]))
        if d:
            return words[n - 1][1], d[2]
    return (words[-1][1], " ".join(w for w, _ in words)) if words else None


def _caps_name(text: str, pos: int) -> str | None:
    span = caps_name_span(text, pos)
    return span[1] if span else None


def _all_caps_after(text: str, pos: int) -> bool:
    letters = [c for c in text[pos : pos + 40].split("\n", 1)[0] if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _proper_after(text: str, pos: int) -> str | None:
    if _all_caps_after(text, pos):
        return _caps_name(text, pos)
    m = _CAP_WORDS.match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    stop = {"Ban", "Kế", "Ke", "Ké", "Thực", "Thuc", "Về", "Ve", "Đến", "Den", "Năm", "Nam"}
    out = []
    for w in words:
        if w in stop or w.isupper() and len(w) > 3:
            break
        out.append(w)
    return " ".join(out) or None


_BR = re.compile(r"<br\s*/?>", re.I)


def left_column(text: str) -> str:
    """The left column of a letterhead printed as a table ("ỦY BAN NHÂN DÂN | CỘNG HÒA …" /
    "TỈNH HÀ TĨNH | Độc lập …", cells with "<br>"): the first cell of each line, one line per cell
    line. Text without cells is returned as it is."""
    if "|" not in text and "<" not in text:
        return text
    out = []
    for line in text.split("\n"):
        cells = [c for c in line.split("|") if c.strip()] if "|" in line else [line]
        out.extend(_BR.split(cells[0]) if cells else [""])
    return "\n".join(out)


_NOT_ISSUING_REST = re.compile(r"^\s*/|(?<![a-z])da$")


def issuing_match(low: str) -> re.Match[str] | None:
    """The "Ủy ban nhân dân <unit> ban hành/xây dựng kế hoạch" sentence (not "của Ủy ban …"). Not a
    narrative of what was issued before ("Ủy ban nhân dân tỉnh/thành phố đã ban hành nhiều chương
    trình"): a type word with an alternative ("tỉnh/thành phố") names no unit, and the issuing
    sentence is performative, never in the past ("đã ban hành")."""
    for m in _ISSUING.finditer(low):
        if _NOT_ISSUING_REST.search(m["rest"]):
            continue
        if not re.search(r"cua\s*$", low[max(0, m.start() - 6) : m.start()]):
            return m
    return None


def find_unit(
    text: str, head: str, low: str, title: str | None, place: str | None, date: str | None, ocr: bool
) -> UnitContext:
    type_word = name = None
    im = issuing_match(low)
    if im:
        type_word = _canon_type(im["type"])
        name = _proper_after(head, im.end("type"))
    if title:
        tlow = loose(title)
        for am in _IN_AREA.finditer(tlow):
            t = _canon_type(am["type"])
            n = _proper_after(title, am.end("type"))
            if n and (type_word is None or t == type_word):
                type_word, name = t, name or n
    if not type_word or not name:  # letterhead "ỦY BAN NHÂN DÂN / HUYỆN TAM ĐƯỜNG"
        letterhead = _letterhead_unit(head, low)
        if letterhead and (not type_word or letterhead[0] == type_word):
            # "Ủy ban nhân dân tỉnh ban hành …" names the type only: the name is the letterhead's
            type_word, name = letterhead
    if type_word and not name and place:
        name = place
    if not type_word:
        return UnitContext(ocr=ocr, date=date)
    # province: named in the preamble (issuer of the parent plan), else anywhere
    prov_slug = None
    # from 1 July 2025 there is no district level (Resolution 202/2025/QH15): a "thành phố" is a
    # centrally governed city, whichever province it was before
    reformed = bool(date) and (date or "") >= REFORM_DATE[: len(date or "")]
    if type_word in ("tỉnh", "thành phố") and name:
        found = find_provinces(name)
        if (
            found
            and found[0][0] == 0
            and (
                type_word == "tỉnh"
                or provinces()[found[0][2]].unit_type == "municipality"
                or found[0][2] == "thua-thien-hue"
                or reformed
            )
        ):
            p = province_for(found[0][2], date)
            canon = provinces()[found[0][2]].name if not ocr else p.name
            nm = canon if fold_keep(canon) == fold_keep(name) or ocr else name
            word = "tỉnh" if p.unit_type == "province" else "thành phố"
            if reformed:
                word = type_word  # as printed: a province that became a city keeps the city's word
            return UnitContext(p.slug, f"{word} {nm}", word, "province", p.slug, f"{word} {nm}", date, ocr)
    found = find_provinces(head) or find_provinces(text[len(head) : len(head) + 12000])
    district = find_district(name, None) if name else None
    if found:
        counts: dict[str, int] = {}
        for _, _, slug in found:
            if name and fold_keep(provinces()[slug].name) == fold_keep(name):
                continue
            counts[slug] = counts.get(slug, 0) + 1
        prov_slug = found[0][2] if not counts else next(s for _, _, s in found if s in counts)
    elif district:
        prov_slug = district[0]
    prov = province_for(prov_slug, date) if prov_slug else None
    if district:
        name = district[2]
    elif name and ocr:
        name = restore(name)
    level = TYPE_MAP.get(type_word, ("", "district"))[1]
    if reformed and type_word == "thành phố":
        level = "province"
    base = prov.slug if prov else None
    slug = slugify(name) if name else None
    if slug and prov and slug == prov.slug.split("-2025")[0]:
        slug = slugify(f"{type_word} {name}")
    path = f"{base}/{slug}" if base and slug else slug
    prov_word = ("tỉnh" if prov.unit_type == "province" else "thành phố") if prov else None
    parent = _parent_district(head, low, ocr) if level == "commune" else None
    parent_path = (f"{base}/{slugify(parent[1])}" if base else slugify(parent[1])) if parent else None
    return UnitContext(
        path=path,
        name=f"{type_word} {name}" if name else None,
        type_word=type_word,
        level=level,
        province=base,
        province_name=f"{prov_word} {prov.name}" if prov else None,
        date=date,
        ocr=ocr,
        parent_path=parent_path,
        parent_name=f"{parent[0]} {parent[1]}" if parent else None,
        parent_type_word=parent[0] if parent else None,
    )


def _letterhead_unit(head: str, low: str) -> tuple[str, str | None] | None:
    """(type word, name) of the issuing unit on the letterhead: the last one of it ("UBND HUYỆN X /
    ỦY BAN NHÂN DÂN XÃ Y"), above the title "KẾ HOẠCH"."""
    title_word = TITLE_WORD.search(low)
    zone = min(600, len(head), title_word.start() if title_word else len(head))
    left = left_column(head[:zone])
    heads = list(_LETTERHEAD.finditer(loose(left)))
    if not heads:
        return None
    lh = heads[-1]
    raw = left[lh.end("type") : lh.end()].strip()
    return _canon_type(lh["type"]), " ".join(w[:1].upper() + w[1:].lower() for w in raw.split()) or None


_PARENT_LETTERHEAD = re.compile(
    r"(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+(?P<type>huyen|quan|thi\s*xa|thanh\s*pho)\s+(?P<name>[^\n]{2,40}?)"
    r"[ \t*_]*\n[ \t*_]*(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+(?:xa|phuong|thi\s*tran)(?![a-z])"
)


_PARENT_ISSUER = re.compile(  # (?<![a-z])cua …, the look-behind after the "c" (kg/text/cues.py)
    after_non_letter(r"(?:cua\s+)")
    + r"(?:uy\s*ban\s*nhan\s*dan|ubnd)\s+(?P<type>huyen|quan|thi\s*xa|thanh\s*pho)\s+(?P<name>)"
)
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_CAPITALISED = re.compile(rf"(?:[{_UPPER}]\w*(?:[ \t]+(?=[{_UPPER}])|\b)){{1,4}}")  # a proper name


def _parent_district(head: str, low: str, ocr: bool) -> tuple[str, str] | None:
    """The district on a commune's two-line letterhead ("UBND HUYỆN BẮC YÊN / ỦY BAN NHÂN DÂN XÃ …")."""
    m = _PARENT_LETTERHEAD.search(low[:600])
    if not m:
        # no district on the letterhead: the district whose People's Committee issued the plan this
        # one implements ("Thực hiện Kế hoạch số … của Ủy ban nhân dân huyện Đăk Hà …")
        m = _PARENT_ISSUER.search(low, 0, len(head))
        if not m:
            return None
        words = _CAPITALISED.match(head, m.start("name"))
        if not words:
            return None
        raw = words.group(0)
        if ocr:
            district = find_district(raw.strip())
            raw = district[2] if district else restore(raw.strip())
        return _canon_type(m["type"]), raw.strip()
    raw = head[m.start("name") : m.end("name")].strip()
    name = " ".join(w[:1].upper() + w[1:].lower() for w in raw.split())
    if ocr:
        district = find_district(name)
        name = district[2] if district else restore(name)
    return _canon_type(m["type"]), name
