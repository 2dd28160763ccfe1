"""What a target's value means: the relation to it, the change it measures, and the scope it holds for.

The comparator a rule reads (:mod:`.comparators`) mixes two things that the graph keeps apart:

- the **relation** to the value (vnc:scheme-comparator): "ít nhất", "trở lên" → at-least; "không quá",
  "dưới" → at-most; "đạt" → exactly; a range stated as the level ("15-20%") → range;
- the **change** the value measures (vnc:scheme-change): "tăng 10% so với năm 2025" → an increase
  by 10, "giảm ít nhất 50% … so với năm 2022" → a decrease by at least 50. A level reached after a
  change ("giảm từ 23 … xuống 18", "tăng … lên 75 tuổi") is a level: no change, and the number it
  starts from ("từ 23") is the **baseline value**.

The **scope** (vnc:scheme-scope) says what the value is counted over:

- per sub-unit: a count for each commune, village … ("Mỗi thôn, bản, khu phố tổ chức ít nhất 01
  cuộc", "Đài Truyền thanh các xã, thị trấn phát ít nhất …");
- per agency: a count for each agency, organisation or institution ("Hằng năm, các cơ quan, tổ chức,
  doanh nghiệp … ít nhất 02 cuộc", "mỗi cơ sở giáo dục tổ chức ít nhất 02 cuộc");
- whole unit: a share ("70% cơ quan truyền thông": a share of all of the unit's), or a count with no
  distributive subject ("Tổ chức ít nhất 02 hội nghị"): one figure for the plan's unit.

The subject is read before the value, in the same clause: a distributive word ("mỗi", "từng",
"các", "tất cả", "100%") followed by a unit word or an agency word; the first such subject decides.
"""

from __future__ import annotations

import re

from kg.extract.records import CHANGES, relation_and_change
from kg.text.cues import SPACE_OR_COMMA, words

__all__ = ["CHANGES", "find_scope", "relation_and_change"]

# words naming a lower-level administrative unit or a residential area ("thôn", "tổ dân phố"); short words
# are written plain where a wildcard would take others ("ap" not "top", "soc" not "sắc"); "bản" (village)
# is :data:`_VILLAGE`: folded, it is also "ban" (a board, "các ban, ngành")
_SUB_UNIT = (
    "thôn", "buôn", "ap", "soc", "làng", "khu phố", "tổ dân phố", "khu dân cư", "cụm dân cư", "khu vực",
    "xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "địa phương", "đơn vị hành chính",
)
# words naming an agency, an organisation or an institution ("sở" only as "sở, ban, ngành": folded, a
# single "so" is also "số"; "truong" plain: a wildcard would take "trong")
_AGENCY = (
    "cơ quan", "đơn vị", "sở ban ngành", "ban ngành", "ngành", "đoàn thể", "tổ chức", "doanh nghiệp", "phòng",
    "cơ sở giáo dục", "cơ sở y tế", "cơ sở", "truong", "truong hoc", "bệnh viện", "đài", "đài truyền thanh",
    "trung tâm", "hợp tác xã",
)
# "mỗi", "từng", "mọi" plain ("tong" is "tổng", "mai" no "mọi"); "các" as OCR reads it too ("c4c")
_DISTRIBUTIVE = words("moi", "tung", "các", "tất cả các", "tất cả", wide=True) + "|100\\s*%"
# "bản" (a village, in the north-west) unless it is a board of "ban, ngành"
_VILLAGE = r"\bb[a-z0-9']n\b(?![\s,]+ng[a-z0-9']{1,2}nh)"
_SUBJECT = re.compile(
    r"(?:" + _DISTRIBUTIVE + r")\s+(?:" + words("số", wide=True) + r"\s+)?"
    + r"(?:" + words("đài truyền thanh", wide=True) + r"\s+(?:" + words("các", wide=True) + r"\s+)?)?"
    + r"(?:(?P<unit>" + words(*_SUB_UNIT, space=SPACE_OR_COMMA) + "|" + _VILLAGE + r")|(?P<agency>"
    + words(*_AGENCY, space=SPACE_OR_COMMA) + r"))"
)
# a share: the share's own subject ("70% cơ quan …") is what is counted, the whole unit's
_SHARE = "percent"


def find_scope(low: str, seg_start: int, value_start: int | None, unit: str | None) -> str | None:
    """The scope of the value at ``value_start`` in the folded clause ``low`` (None: no value)."""
    if value_start is None:
        return None
    if unit == _SHARE:
        return "whole-unit"
    m = _SUBJECT.search(low, seg_start, value_start)
    if m is None and seg_start:
        m = _SUBJECT.search(low, 0, value_start)  # the clause's subject, stated before an earlier value
    if m is None:
        return "whole-unit"
    return "per-sub-unit" if m["unit"] else "per-agency"
