"""Tasks: "Hoạt động N" with role lines (OCR), numbered items with prose roles."""

from kg.extract.agencies import UnitContext
from kg.extract.sections import split_sections
from kg.extract.tasks import extract_tasks
from tests.extract.contexts import EXCERPTS, HONG_BANG, QUANG_NINH


def _tasks(text, ctx):
    return extract_tasks(text, split_sections(text), ctx, [])


def test_ocr_activities_with_lead_lines_and_timeframe():
    text = (EXCERPTS / "hong-bang_activities.ocr.txt").read_text("utf-8")
    tasks = _tasks(text, HONG_BANG)
    assert len(tasks) == 3  # the group heading "1. Tăng cường cung cấp thông tin …" is not a task
    first = tasks[0]
    assert first.title.startswith("Xay dung kế hoạch và trién khai")
    assert [r.name for r in first.lead] == ["Các ban, ngành, đoàn thể quận", "Ủy ban nhân dân các phường"]
    assert (first.timeframe, first.recurrence) == ("Hằng năm", "annual")
    assert [r.name for r in tasks[2].lead] == [
        "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Văn hóa và Thông tin",
        "Hội Liên hiệp Phụ nữ",
        "Ủy ban nhân dân các phường",
    ]
    for t in tasks:
        assert text[t.span[0] : t.span[1]].lower().startswith(("a)", "b)", "c)"))


def test_partner_line_separate_from_lead_line():
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Nhóm nhiệm vụ\n\na) Hoạt động 1: Xây dựng mô hình truyền thông.\n"
        "- Cơ quan chủ trì: Phòng Văn hóa và Thông tin.\n"
        "- Cơ quan phối hợp: Đoàn TNCS Hồ Chí Minh quận, Liên đoàn Lao động quận.\n"
        "- Thời gian thực hiện: 2023-2025.\n"
    )
    t = _tasks(text, HONG_BANG)[0]
    assert [r.name for r in t.lead] == ["Phòng Văn hóa và Thông tin"]
    assert [r.name for r in t.partners] == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Liên đoàn Lao động"]
    assert (t.timeframe, t.start_year, t.end_year) == ("2023-2025", 2023, 2025)


def test_prose_lead_and_partner_in_numbered_items():
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Tăng cường truyền thông trên báo chí\n\n"
        "- Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội "
        "tổ chức tập huấn cho phóng viên.\n\n2. Kiểm tra, giám sát\n\n"
        "- Thanh tra tỉnh đưa nội dung vào kế hoạch thanh tra; các sở, ngành đưa nội dung này vào "
        "kế hoạch kiểm tra.\n"
    )
    tasks = _tasks(text, QUANG_NINH)
    assert [t.title for t in tasks] == ["Tăng cường truyền thông trên báo chí", "Kiểm tra, giám sát"]
    assert [r.name for r in tasks[0].lead] == ["Sở Thông tin và Truyền thông"]
    assert [r.name for r in tasks[0].partners] == ["Sở Lao động - Thương binh và Xã hội"]
    assert [r.name for r in tasks[1].lead] == ["Thanh tra", "Các sở, ngành"]


def test_no_tasks_part_gives_no_tasks():
    assert _tasks("I. MỤC TIÊU\n- Đến năm 2030 đạt 100%.\n", QUANG_NINH) == []


def test_numbered_item_opening_with_its_lead_and_inline_timeframe():
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Phòng Văn hóa và Thông tin chủ trì, phối hợp với Phòng Lao động - "
        "Thương binh và Xã hội, Trung tâm Văn hóa - Thể thao và Truyền thông huyện tổ chức tuyên truyền trên "
        "hệ thống truyền thanh cơ sở. Thời gian thực hiện: Quý III/2022.\n"
    )
    ctx = UnitContext(
        "lai-chau/tam-duong", "huyện Tam Đường", "huyện", "district", "lai-chau", "tỉnh Lai Châu"
    )
    t = _tasks(text, ctx)[0]
    assert [r.name for r in t.lead] == ["Phòng Văn hóa và Thông tin"]
    assert [r.name for r in t.partners] == [
        "Phòng Lao động - Thương binh và Xã hội",
        "Trung tâm Văn hóa, Thể thao và Truyền thông",
    ]
    assert (t.timeframe, t.start_year, t.end_year) == ("Quý III/2022", 2022, 2022)


def test_tasks_laid_out_as_a_table_in_an_annex():
    # a DOCX table as the readers render it: one line per row, cells joined with " | "
    text = (
        "PHỤ LỤC\nSTT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện\n"
        "1 | Tổ chức hội nghị tập huấn về bình đẳng giới | Phòng LĐ-TB&XH | Hội LHPN huyện, UBND các xã | "
        "Quý II/2023\n"
    )
    ctx = UnitContext(
        "lai-chau/tam-duong", "huyện Tam Đường", "huyện", "district", "lai-chau", "tỉnh Lai Châu"
    )
    (t,) = _tasks(text, ctx)
    assert t.title == "Tổ chức hội nghị tập huấn về bình đẳng giới"
    assert [r.name for r in t.lead] == ["Phòng Lao động - Thương binh và Xã hội"]
    assert [(r.name, r.is_group) for r in t.partners] == [
        ("Hội Liên hiệp Phụ nữ", False),
        ("Ủy ban nhân dân các xã", True),
    ]
    assert t.timeframe == "Quý II/2023"


def test_role_labels_with_don_vi_and_thuc_hien():
    text = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền trên hệ thống loa truyền thanh\n"
        "- Đơn vị chủ trì thực hiện: Trung tâm Văn hóa, Thông tin và Thể thao huyện\n"
        "- Đơn vị phối hợp: UBND các xã, thị trấn\n- Thời gian: Quý III/2022\n"
    )
    ctx = UnitContext(
        "lai-chau/tam-duong", "huyện Tam Đường", "huyện", "district", "lai-chau", "tỉnh Lai Châu"
    )
    t = _tasks(text, ctx)[0]
    assert [r.name for r in t.lead] == ["Trung tâm Văn hóa, Thông tin và Thể thao"]
    assert [r.name for r in t.partners] == ["Ủy ban nhân dân các xã, thị trấn"]
    assert t.timeframe == "Quý III/2022"


def test_activities_under_a_content_part_when_there_is_no_tasks_part():
    text = (
        "II. NỘI DUNG TRUYỀN THÔNG\n1. Hoạt động 1: Tổ chức tọa đàm về bình đẳng giới\n"
        "- Chủ trì: Hội Liên hiệp Phụ nữ tỉnh\n- Phối hợp: Sở Văn hóa và Thể thao\n\nIII. TỔ CHỨC THỰC HIỆN\n"
    )
    (t,) = _tasks(text, QUANG_NINH)
    assert t.title == "Tổ chức tọa đàm về bình đẳng giới"
    assert [r.name for r in t.lead] == ["Hội Liên hiệp Phụ nữ"]
    assert [r.name for r in t.partners] == ["Sở Văn hóa và Thể thao"]
