"""The role labels of a task ("Cơ quan chủ trì:", "Phối hợp thực hiện:", "Thời gian thực hiện:"), as
readable words read the way :func:`kg.text.cues.joined` reads labels (words may run together: "Chủtrì");
"cơ quan", "đơn vị", "trì" are written plain (read as written), as they always were."""

from __future__ import annotations

from kg.text.cues import joined

# "Cơ quan …", "Đơn vị …", "Cơ quan, đơn vị …", "Cơ quan/đơn vị …"
_BY = rf"{joined('co quan', 'đon vi')}(?:\s*[,/]\s*{joined('co quan', 'đon vi')})?"
_DOING = joined("thực hiện")
_ADVISING = rf"(?:\s*{joined('tham mưu')})?"  # "Đơn vị chủ trì tham mưu thực hiện:"
LEAD_LABEL = (
    rf"(?:{_BY}\s*)?{joined('chủ tri')}{_ADVISING}(?:\s*{_DOING})?|{_BY}\s*{_DOING}"
    rf"|{_BY}\s*{joined('tham mưu', 'chịu trách nhiệm')}(?:\s*{_DOING})?"  # "Cơ quan chịu trách nhiệm:"
)
PARTNER_LABEL = rf"(?:{_BY}\s*)?{joined('phối hợp')}(?:\s*{_DOING})?"
TIME_LABEL = (
    rf"{joined('thời gian', 'thời hạn')}(?:\s*{joined('thực hiện', 'thự hiện', 'hoàn thành')})?"
    rf"|{joined('tien do')}(?:\s*{joined('thuc hien')})?"
)
