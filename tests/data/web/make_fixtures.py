"""Make the web-shaped fixtures in this folder: one plan, as researchers hold it.

Run from the repository root: ``.venv/bin/python tests/data/web/make_fixtures.py``. Output is
committed; tests never run this script.

The plan (``PLAN`` below) was written for these tests in the genre of a provincial 1790 plan; it is
not a real document. It is written out as:

- ``plan.txt``: the plain text (one paragraph per line), as a clean copy would be;
- ``plan.docx``: a Word file (letterhead and signature in two-column layout tables, the task table
  as a table);
- ``page.html``: a saved page of a legal-documents site: navigation, the page title, a properties
  table, a "Văn bản liên quan" list naming documents the plan does not cite, the document (its
  letterhead and signature as tables, paragraphs with <b>/<i>), then a "Lược đồ" and more lists;
- ``page.md``: that page converted to Markdown the way trafilatura does (emphasis markers,
  paragraphs hard-wrapped near 80 characters, table cells one per line between ``|`` lines, a
  Markdown pipe table for the properties).

The site lists Nghị định 70/2008/NĐ-CP, Luật Phòng, chống bạo lực gia đình 2022 and Nghị định
55/2009/NĐ-CP as related documents; the plan itself cites none of them.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent

LETTERHEAD = (["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc"])
NUMBER_LINE = ("Số: 45/KH-UBND", "Khánh Hòa, ngày 03 tháng 12 năm 2025")
KIND = "KẾ HOẠCH"
TITLE = "Thực hiện Chương trình Truyền thông về bình đẳng giới trên địa bàn tỉnh Khánh Hòa năm 2026"

# (style, text): style "p" a paragraph, "h" a bold heading, "i" an italic paragraph
BODY = [
    ("p", "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;"),
    ("p", "Căn cứ Quyết định số 1790/QĐ-TTg ngày 23 tháng 10 năm 2021 của Thủ tướng Chính phủ phê duyệt "
          "Chương trình Truyền thông về bình đẳng giới đến năm 2030;"),
    ("p", "Thực hiện Kế hoạch số 120/KH-BNV ngày 15 tháng 9 năm 2025 của Bộ Nội vụ về truyền thông bình "
          "đẳng giới năm 2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:"),
    ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("p", "- Nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về bình đẳng giới."),
    ("p", "- Xác định rõ nhiệm vụ, cơ quan chủ trì và cơ quan phối hợp trong tổ chức thực hiện."),
    ("h", "II. MỤC TIÊU"),
    ("p", "- Đến năm 2026, 100% sở, ban, ngành và Ủy ban nhân dân các xã, phường tổ chức ít nhất 01 hoạt "
          "động truyền thông về bình đẳng giới."),
    ("p", "- Hằng năm, ít nhất 80% cán bộ làm công tác truyền thông được tập huấn về bình đẳng giới."),
    ("h", "III. NHIỆM VỤ"),
    ("p", "1. Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới."),
    ("p", "Cơ quan chủ trì: Sở Nội vụ."),
    ("p", "Cơ quan phối hợp: Sở Văn hóa, Thể thao và Du lịch; Hội Liên hiệp Phụ nữ tỉnh."),
    ("p", "Thời gian thực hiện: Tháng 11 năm 2026."),
    ("p", "2. Tập huấn kiến thức về bình đẳng giới cho cán bộ làm công tác truyền thông."),
    ("p", "Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch."),
    ("p", "Cơ quan phối hợp: Sở Nội vụ; Báo và Phát thanh, Truyền hình Khánh Hòa."),
    ("p", "Thời gian thực hiện: Quý II năm 2026."),
    ("h", "IV. KINH PHÍ"),
    ("p", "Kinh phí thực hiện Kế hoạch từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn "
          "huy động hợp pháp khác."),
    ("h", "V. TỔ CHỨC THỰC HIỆN"),
    ("p", "1. Sở Nội vụ: Chủ trì, hướng dẫn, theo dõi việc thực hiện Kế hoạch; tổng hợp kết quả, báo cáo "
          "Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 năm 2026."),
    ("p", "2. Sở Văn hóa, Thể thao và Du lịch: Chỉ đạo các cơ quan báo chí tăng cường thông tin, tuyên "
          "truyền về bình đẳng giới."),
    ("p", "3. Ủy ban nhân dân các xã, phường: Xây dựng kế hoạch thực hiện tại địa phương; báo cáo kết quả "
          "về Sở Nội vụ trước ngày 30 tháng 11 năm 2026."),
]
RECIPIENTS = ["Nơi nhận:", "- Bộ Nội vụ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành;",
              "- UBND các xã, phường;", "- Lưu: VT, NC."]
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"]

PROPERTIES = [("Số hiệu:", "45/KH-UBND", "Loại văn bản:", "Kế hoạch"),
              ("Nơi ban hành:", "Tỉnh Khánh Hòa", "Người ký:", "Nguyễn Văn An"),
              ("Ngày ban hành:", "03/12/2025", "Ngày hiệu lực:", "Đã biết"),
              ("Ngày công báo:", "Đang cập nhật", "Số công báo:", "Đang cập nhật"),
              ("Tình trạng:", "Đã biết", "", "")]
PAGE_TITLE = ("Kế hoạch 45/KH-UBND năm 2025 thực hiện Chương trình Truyền thông về bình đẳng giới trên địa "
              "bàn tỉnh Khánh Hòa năm 2026")
RELATED = ["Luật Bình đẳng giới 2006", "Nghị định 70/2008/NĐ-CP hướng dẫn Luật Bình đẳng giới",
           "Quyết định 1790/QĐ-TTg năm 2021 phê duyệt Chương trình Truyền thông về bình đẳng giới"]
RELATED_AFTER = ["Luật Phòng, chống bạo lực gia đình 2022", "Nghị định 55/2009/NĐ-CP xử phạt vi phạm "
                 "hành chính về bình đẳng giới"]


def plain_text() -> str:
    lines = [*LETTERHEAD[0], *LETTERHEAD[1], *NUMBER_LINE, KIND, TITLE]
    lines += [text for _, text in BODY]
    lines += RECIPIENTS + [line for line in SIGNATURE if line]
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: int = 30) -> list[str]:
    """Hard-wrap the way the conversions do: a short first line, then lines near 80 characters."""
    out, line, limit = [], "", first
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > limit:
            out.append(line)
            line, limit = word, 80
        else:
            line = f"{line} {word}" if line else word
    return [*out, line]


def markdown_page() -> str:
    md = ["[Trang chủ](https://thuvienphapluat.vn/) » [Văn bản pháp luật](https://thuvienphapluat.vn/"
          "van-ban/) » [Văn hóa - Xã hội](https://thuvienphapluat.vn/van-ban/Van-hoa-Xa-hoi/)", "",
          f"# {PAGE_TITLE}", ""]
    rows = ["| " + " | ".join(row) + " |" for row in PROPERTIES]
    md += [rows[0], "|---|---|---|---|", *rows[1:]]
    md += ["", "Tải về", "", "**Văn bản liên quan**", ""]
    md += [f"- {i} {name}" for i, name in enumerate(RELATED, 1)]
    md += ["", "Nội dung", "", "|"]
    md += [f"**{LETTERHEAD[0][0]}**", LETTERHEAD[0][1], "--------", "|"]
    md += [f"**{_wrap(LETTERHEAD[1][0], 14)[0]}", f"{_wrap(LETTERHEAD[1][0], 14)[1]}**", LETTERHEAD[1][1],
           "---------------", "|", "|", NUMBER_LINE[0], "|"]
    date = _wrap(NUMBER_LINE[1], 20)
    md += [f"*{date[0]}", f"{' '.join(date[1:])}*", "|", "", f"**{KIND}**", ""]
    md += [*(w.upper() for w in _wrap(TITLE, 60)), ""]
    for style, text in BODY:
        lines = _wrap(text, 12 if style == "h" else 30)
        if style == "h":  # headings split over lines, as in "**I. MỤC" / "ĐÍCH, YÊU CẦU**"
            lines[0] = "**" + lines[0]
            lines[-1] = lines[-1] + "**"
        md += [*lines, ""]
    md += ["|", *RECIPIENTS, "|", f"**{SIGNATURE[0]}**", f"**{SIGNATURE[1]} **", SIGNATURE[2],
           f"**{SIGNATURE[4]}**", "|", ""]
    md += ["Lược đồ", "", "**Văn bản liên quan**", ""]
    md += [f"- {i} {name}" for i, name in enumerate(RELATED_AFTER, 1)]
    md += ["", "Bài viết liên quan", "", "- [Tháng hành động vì bình đẳng giới năm 2025]"
           "(https://thuvienphapluat.vn/tintuc/)", ""]
    return "\n".join(md)


def html_page() -> str:
    e = html.escape
    props = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in PROPERTIES)
    related = "".join(f"<li><a href='/van-ban/{i}'>{i} {e(n)}</a></li>" for i, n in enumerate(RELATED, 1))
    related_after = "".join(f"<li><a href='/vb/{i}'>{i} {e(n)}</a></li>" for i, n in enumerate(RELATED_AFTER, 1))
    body = "".join(
        f"<p><b>{e(t)}</b></p>" if s == "h" else f"<p>{e(t)}</p>" for s, t in BODY)
    letterhead = (
        "<table><tr><td><p><b>ỦY BAN NHÂN DÂN<br/>TỈNH KHÁNH HÒA</b><br/>--------</p></td>"
        "<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b>Độc lập - Tự do - Hạnh phúc</b>"
        "<br/>---------------</p></td></tr>"
        f"<tr><td><p>{e(NUMBER_LINE[0])}</p></td><td><p><i>{e(NUMBER_LINE[1])}</i></p></td></tr></table>")
    signature = (
        "<table><tr><td><p><b><i>Nơi nhận:</i></b><br/>" + "<br/>".join(e(r) for r in RECIPIENTS[1:])
        + "</p></td><td><p><b>TM. ỦY BAN NHÂN DÂN<br/>KT. CHỦ TỊCH<br/>PHÓ CHỦ TỊCH</b><br/><br/><br/>"
        f"<b>{e(SIGNATURE[4])}</b></p></td></tr></table>")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(PAGE_TITLE)}</title>
<script>window.dataLayer = window.dataLayer || [];</script>
<style>.content1 {{ font-family: Times New Roman; }}</style></head>
<body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/van-ban/">Văn bản pháp luật</a></li>
<li><a href="/hoi-dap/">Hỏi đáp pháp luật</a></li><li><a href="/login">Đăng nhập</a></li></ul></nav>
<div id="main"><h1>{e(PAGE_TITLE)}</h1>
<div class="properties"><table>{props}</table></div>
<div class="tools"><a href="#">Tải về</a> <a href="#">Bản in</a></div>
<div class="related"><h2>Văn bản liên quan</h2><ul>{related}</ul></div>
<div class="content1"><div>
{letterhead}
<p align="center"><b>{e(KIND)}</b></p>
<p align="center"><b>{e(TITLE.upper())}</b></p>
{body}
{signature}
</div></div>
<div class="tabs"><h2>Lược đồ</h2><h2>Văn bản liên quan</h2><ul>{related_after}</ul></div>
</div>
<footer><p>Bản quyền thuộc về trang. Đăng ký nhận tin.</p></footer>
</body></html>
"""


def docx_file(path: Path) -> None:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(LETTERHEAD[0])
    table.cell(0, 1).text = "\n".join(LETTERHEAD[1])
    table.cell(1, 0).text = NUMBER_LINE[0]
    table.cell(1, 1).text = NUMBER_LINE[1]
    doc.add_paragraph(KIND)
    doc.add_paragraph(TITLE)
    for _, text in BODY:
        doc.add_paragraph(text)
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "\n".join(RECIPIENTS)
    sign.cell(0, 1).text = "\n".join(line for line in SIGNATURE if line)
    doc.core_properties.created = datetime(2025, 12, 3)
    doc.save(str(path))


def main() -> None:
    (OUT / "plan.txt").write_text(plain_text(), encoding="utf-8")
    (OUT / "page.md").write_text(markdown_page(), encoding="utf-8")
    (OUT / "page.html").write_text(html_page(), encoding="utf-8")
    docx_file(OUT / "plan.docx")


if __name__ == "__main__":
    main()
    print(f"wrote plan.txt, page.md, page.html, plan.docx in {OUT}")  # noqa: T201
