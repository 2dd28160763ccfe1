"""Where a citation stands in the plan, as far as its relation goes.

- The opening: the preamble before part "I." ("Căn cứ …", "Thực hiện …"). For a Quyết định with the
  plan attached, the decision's operative part ("QUYẾT ĐỊNH:", Điều 1–3) is not an opening.
- The plan's own number ("Số: 15/KH-UBND", a page's "Số hiệu"): the plan never cites itself
  ("(Kèm theo Kế hoạch số 15/KH-UBND …)" above an appendix).
- What the plan says it implements through its title or its issuing sentence: "Kế hoạch thực hiện
  Chương trình X" with "Căn cứ Quyết định số … phê duyệt Chương trình X" among the citations makes
  that decision the parent (the decision, not the programme: tests/real/README.md). "Căn cứ"
  alone stays a legal basis.
"""

from __future__ import annotations

import re

from kg.text.normalize import fold_keep

__all__ = ["approves", "number_key", "opening_end", "operative_zone", "own_numbers", "title_objects"]

_FIRST_PART = re.compile(r"^[ \t*_#]*i[ \t]*[.)][ \t]+\S", re.M)
_DECISION_LINE = re.compile(r"^[ \t*_#]*quy[e€]t\s*d[i1]nh[ \t*_]*$", re.M)
_OPERATIVE = re.compile(r"^[ \t*_#]*quy[e€]t\s*d[i1]nh[ \t*_]*:", re.M)
_KE_HOACH_LINE = re.compile(r"^[\W_]*k[e€]\s*ho[a-z]{0,2}ch[\W_]*$", re.M)
_OWN_NUMBER = re.compile(
    r"(?<![a-z])s[o0]\s*(?:hieu\s*)?[:.]\s*(?P<num>\d{1,5}\s*/\s*[a-z0-9&đ\- ]+?)\s*(?:\||\n|,|$)"
)
# the note under an attached plan or an appendix: "(Kèm theo Quyết định số 1627/QĐ-UBND …)"
_ATTACHED_NOTE = (
    r"[ \t*_]*\(\s*(?:ban\s*hanh\s*)?kem\s*theo\s*(?:quyet\s*dinh|ke\s*hoach|qd|kh)\s*(?:so\s*)?[:.]?\s*"
    r"(?P<num>\d{1,5}\s*/\s*[a-z0-9&đ\-]+)"
)
_ATTACHED_TO = re.compile("^" + _ATTACHED_NOTE, re.M)
# the same after a line break: a search led by a literal "\n" skips ahead fast (a "^" under re.M is tried at
# every position of the text)
_ATTACHED_AFTER_BREAK = re.compile("\n" + _ATTACHED_NOTE)
_PAGE_NUMBER = re.compile(r"s[o0]\s*hieu\s*[:|]?\s*(?P<num>\d{1,5}\s*/\s*[a-z0-9&đ\-]+)")


def opening_end(low: str, plan_head_end: int) -> int:
    """End of the plan's opening: its first part "I." (or ``plan_head_end`` when that comes first)."""
    m = _FIRST_PART.search(low, 0, plan_head_end)
    return m.start() if m else plan_head_end


def operative_zone(low: str, limit: int) -> tuple[int, int] | None:
    """The operative part of a decision that promulgates the plan: from "QUYẾT ĐỊNH:" to the attached
    plan's "KẾ HOẠCH" line (or ``limit``)."""
    head = _DECISION_LINE.search(low, 0, min(len(low), 3000))
    if not head or _KE_HOACH_LINE.search(low, 0, head.start()):
        return None
    op = _OPERATIVE.search(low, head.end())
    if not op:
        return None
    plan = _KE_HOACH_LINE.search(low, op.end())
    return op.start(), plan.start() if plan else limit


def number_key(number: str | None) -> str:
    """A document number compared without case, diacritics, spaces or leading zeros."""
    return _SPACES.sub("", fold_keep(number or "")).lstrip("0")


_SPACES = re.compile(r"\s+")


def own_numbers(low: str) -> set[str]:
    """The plan's own number(s): the "Số:" of the letterhead, the "(Kèm theo … số …)" notes of an
    attached plan or an appendix, a page's "Số hiệu"."""
    out = set()
    m = _OWN_NUMBER.search(low, 0, min(len(low), 800))
    if m:
        out.add(number_key(m["num"]))
    # the notes at the start of a line: _ATTACHED_TO.finditer(low), the first line apart (a note ends with a
    # letter or digit, never a line break: the next one starts after it either way)
    first = _ATTACHED_TO.match(low)
    after = _ATTACHED_AFTER_BREAK.finditer(low, first.end() if first else 0)
    for m in ([first] if first else []) + list(after):
        out.add(number_key(m["num"]))
    for m in _PAGE_NUMBER.finditer(low):
        out.add(number_key(m["num"]))
    return out


# "thực hiện Chương trình X", "triển khai thi hành Luật Y" in the title or issuing sentence
_OBJECT = re.compile(
    r"(?:thuc\s*hien|trien\s*khai|thi\s*hanh)\s+(?P<kind>chuong\s*trinh|chien\s*luoc|de\s*an|bo\s*luat|luat|"
    r"quy\s*hoach)\s+(?P<name>[^;:()\n]{6,220})"
)
_NAME_END = re.compile(
    r"\s(?:tren\s*dia\s*ban|cua\s+(?:uy\s*ban|ubnd|tinh|thanh\s*pho|xa|phuong)|nhu\s*sau)(?![a-z])"
)
_STOP = {"ve", "cua", "va", "nam", "giai", "doan", "den", "tren", "dia", "ban", "the", "cac", "so", "dinh"}
_STOP |= {"huong"}
_ISSUING = re.compile(r"ban\s*hanh\s+ke\s*hoach\s+")


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z]+", fold_keep(text)) if t not in _STOP)


def title_objects(low: str, title: str | None, opening: int) -> list[tuple[str, frozenset[str]]]:
    """(kind, content words of the name) of the unnumbered documents the plan says it carries out, in
    its title and in its issuing sentence ("… ban hành Kế hoạch thực hiện Chương trình X")."""
    phrases = [fold_keep(title)] if title else []
    for m in _ISSUING.finditer(low, 0, opening):
        phrases.append(low[m.start() : m.end() + 300])
    out = []
    for phrase in phrases:
        for m in _OBJECT.finditer(phrase):
            name = m["name"]
            if re.match(r"s[o0]\s*\d", name):
                continue  # a numbered document: it is named as such and found as a citation
            end = _NAME_END.search(name)
            name = name[: end.start()] if end else name
            words = _tokens(name)
            if len(words) >= 2:
                out.append((re.sub(r"\s+", " ", m["kind"]), words))
    return out


def approves(title: str | None, kind: str, words: frozenset[str]) -> bool:
    """Whether a cited document's ``title`` approves or schedules the document (kind, words):
    "… phê duyệt Chương trình X", "… ban hành Kế hoạch triển khai thi hành Luật X"."""
    low = fold_keep(title or "")
    kind_re = r"\s*".join(kind.split())
    # the title opens with the approval: "Quyết định (về việc) phê duyệt …", "Nghị quyết ban hành …"
    m = re.match(r"\S+(?:\s\S+)?\s+(?:ve\s*(?:viec\s+)?)?(?:phe\s*duyet|ban\s*hanh)\s+(?:[a-z]+\s+){0,6}?"
                 + kind_re + r"\s", low)
    if not m:
        return False
    got = _tokens(low[m.end() :])
    return bool(got) and len(words & got) / len(words) >= 0.8
