"""kg.layout: an item number that a conversion set apart on its own line ("**1.****" then the heading
on the next line, the number and the heading being two bold runs) is joined to its heading."""

from __future__ import annotations

from kg.extract.sections import split_sections
from kg.layout import lay_out

CONVERTED = """**KẾ HOẠCH**

**Triển khai thi hành Luật Thư viện**

**II. NỘI
DUNG KẾ HOẠCH**

**1.****
**Tập huấn nghiệp vụ cho cán bộ thư viện các xã,
phường.

- Cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch.

**2.****
**Kiểm tra việc thi hành Luật

- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
"""


def test_number_alone_on_its_line_joins_its_heading():
    text = lay_out(CONVERTED).text
    assert "1. Tập huấn nghiệp vụ cho cán bộ thư viện các xã, phường." in text
    assert "2. Kiểm tra việc thi hành Luật\n" in text
    items = [s for s in split_sections(text) if s.level == 2]
    assert [s.heading for s in items] == [
        "Tập huấn nghiệp vụ cho cán bộ thư viện các xã, phường",
        "Kiểm tra việc thi hành Luật",
    ]


def test_a_sentence_ending_in_a_number_still_ends_its_line():
    text = lay_out("**Nội dung**\n\nGiai đoạn 1.\nThực hiện trong năm 2026 tại 5 xã,\nphường.\n").text
    assert "Giai đoạn 1.\nThực hiện" in text
