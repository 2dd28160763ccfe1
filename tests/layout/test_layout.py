"""kg.layout: the logical document behind a converted text, and its offset map back to the text as read.

Properties checked on real published plans (../shared/real-plans, read in place) and on small
fixtures written here in the shapes those conversions take: every copied character maps to the same
character of the source, positions map monotonically, and any logical span maps back to a source
span holding the same letters in the same order (conversion debris aside).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.layout import lay_out
from kg.layout.blocks import looks_converted

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real-plans"

LETTERHEAD = """|
**ỦY BAN NHÂN
DÂN **
TỈNH KHÁNH HÒA
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 45/KH-UBND
|
*Khánh Hòa, ngày
3 tháng 12 năm 2025*
|

** **

**KẾ HOẠCH**

TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI TRÊN ĐỊA BÀN TỈNH
NĂM 2026

Căn cứ Quyết định số
1790/QĐ-TTg ngày 23 tháng 10 năm 2021 của Thủ tướng Chính phủ phê duyệt Chương trình
Truyền thông về bình đẳng giới đến năm 2030 giai đoạn 2021
- 2030;

**I. MỤC
ĐÍCH, YÊU CẦU**

- Nâng cao nhận thức
của người dân.
- Bảo đảm sự tham gia của
các sở, ngành.

**V. TỔ CHỨC
THỰC HIỆN**

1. Sở Nội vụ: chủ trì, theo dõi
việc thực hiện; báo cáo UBND tỉnh trước ngày 15/12/2026.

|
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN
DÂN**
**KT. CHỦ TỊCH **
PHÓ CHỦ TỊCH
**Nguyễn Văn A**
|

**PHỤ LỤC**

|
**STT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
|
1
|
Tổ chức hội nghị
tập huấn về bình đẳng giới
|
Sở Nội vụ
|
Sở Y tế; UBND các xã, phường
|
"""


def _letters(text: str) -> str:
    """The text without what a conversion adds or the layout drops: blanks, markers, pipes, rules."""
    return re.sub(r"[-_=~]{3,}|[\s*|]", "", text)


def _check_map(source: str) -> None:
    layout = lay_out(source)
    text, offsets = layout.text, layout.offsets
    assert layout.converted
    previous = 0
    for i, piece_start in enumerate(offsets.starts):
        for k in range(offsets.lengths[i]):
            pos = offsets.source_pos(piece_start + k)
            assert pos >= previous, "positions map monotonically"
            previous = pos
            if offsets.copied[i]:
                assert source[pos] == text[piece_start + k]
    assert "".join(text.split()) and _letters(text) == _letters(source)


def test_the_letterhead_table_becomes_lines_and_wraps_are_joined() -> None:
    text = lay_out(LETTERHEAD).text
    lines = [line for line in text.split("\n") if line]
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 45/KH-UBND", "Khánh Hòa, ngày 3 tháng 12 năm 2025"]
    assert "TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI TRÊN ĐỊA BÀN TỈNH NĂM 2026" in lines
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "V. TỔ CHỨC THỰC HIỆN" in lines
    assert any(line.endswith("giai đoạn 2021 - 2030;") for line in lines)  # a wrapped range, not an item
    assert "- Nâng cao nhận thức của người dân." in lines
    assert "- Bảo đảm sự tham gia của các sở, ngành." in lines
    assert lines[lines.index("Nơi nhận:") + 3:lines.index("Nơi nhận:") + 7] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    assert "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp" in lines
    assert "1 | Tổ chức hội nghị tập huấn về bình đẳng giới | Sở Nội vụ | Sở Y tế; UBND các xã, phường" in lines
    assert "*" not in text and "|\n" not in text


def test_the_offset_map_of_the_fixture() -> None:
    _check_map(LETTERHEAD)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_logical_span_quotes_the_same_letters_in_the_source(data) -> None:
    layout = lay_out(LETTERHEAD)
    start = data.draw(st.integers(0, len(layout.text)))
    end = data.draw(st.integers(start, len(layout.text)))
    s, e = layout.source_span(start, end)
    assert 0 <= s <= e <= len(LETTERHEAD)
    assert _letters(LETTERHEAD[s:e]) == _letters(layout.text[start:end])


def test_plain_texts_are_left_alone() -> None:
    for path in sorted((ROOT / "data" / "plans").glob("*.txt")):
        text = path.read_text("utf-8")
        layout = lay_out(text)
        if not layout.converted:
            assert layout.text == text and layout.source_span(3, 9) == (3, 9)
    assert not looks_converted("Kế hoạch\nSố: 12/KH-UBND\nI. MỤC TIÊU\n- Một | hai\n")


def _real_plans() -> list[Path]:
    if not REAL.is_dir():
        message = f"the real plans are not at {REAL} (../shared/real-plans beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return sorted(REAL.glob("[0-9]*.txt"))


def test_every_real_plan_maps_back_exactly() -> None:
    plans = _real_plans()
    assert len(plans) == 13
    for path in plans:
        _check_map(path.read_text("utf-8"))


def test_real_plan_spans_quote_the_same_letters() -> None:
    import random

    rng = random.Random(7)
    plans = _real_plans()
    assert plans
    for path in plans:
        source = path.read_text("utf-8")
        layout = lay_out(source)
        for _ in range(200):
            start = rng.randrange(len(layout.text))
            end = min(len(layout.text), start + rng.randrange(1, 400))
            s, e = layout.source_span(start, end)
            assert _letters(source[s:e]) == _letters(layout.text[start:end]), (path.name, start, end)


def test_a_pipe_table_cell_with_br_gives_one_line_per_part() -> None:
    source = ("| **ỦY BAN NHÂN DÂN**<br>TỈNH LAI CHÂU | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|---|---|\n"
              "| Số:<br/>7360/KH-UBND | *Lai Châu, ngày 19 tháng 11 năm 2025* |\n\n**KẾ HOẠCH**\n\nA\n\nB\n\nC\n")
    layout = lay_out(source)
    lines = layout.text.split("\n")
    assert "<br" not in layout.text and "TỈNH LAI CHÂU" in lines
    number = layout.text.index("7360/KH-UBND")
    start, end = layout.source_span(number, number + len("7360/KH-UBND"))
    assert source[start:end] == "7360/KH-UBND"
