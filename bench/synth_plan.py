"""One synthetic plan: its facts as extraction records and the plan-like text they are quoted from.

Facts are drawn from a per-plan ``random.Random`` and written into a text that follows the shape
of a real Kế hoạch (letterhead, number and date, "Căn cứ …" / "Thực hiện …", Mục tiêu, Nhiệm vụ,
Tổ chức thực hiện, Nơi nhận, signature); every record carries the span of its sentence in that
text, so ``kg.rdf.mapping.map_plan`` writes the same annotations it writes for a real plan, and the
text can be fed to the extractor to time it. Injected defects (for the audits): targets weaker
than the national target, citations of repealed documents, reporting deadlines later than the
parent's. Not real data: units and people have made-up names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kg.extract.records import (
    AgencyRef,
    DocRef,
    DocumentMeta,
    Funding,
    Objective,
    PlanExtraction,
    Recipient,
    ReportingDuty,
    Responsibility,
    Signatory,
    Target,
    Task,
)

WEAK_TARGET = 0.08  # share of plans with one target weaker than the national one
REPEALED = 0.10  # share of plans citing a repealed document
LATE_REPORT = 0.08  # share of plans whose report is due after the parent's deadline

# (number, kind, title, ISO date, issuing agency in id/org/vn) — all in data/reference.
NATIONAL = (
    ("73/2006/QH11", "law", "Luật Bình đẳng giới", "2006-11-29", "Quốc hội"),
    (
        "1790/QĐ-TTg",
        "decision",
        "phê duyệt Chương trình Truyền thông về bình đẳng giới đến năm 2030",
        "2021-10-23",
        "Thủ tướng Chính phủ",
    ),
    (
        "28/NQ-CP",
        "resolution",
        "ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030",
        "2021-03-03",
        "Chính phủ",
    ),
    (
        "48/2009/NĐ-CP",
        "decree",
        "quy định về các biện pháp bảo đảm bình đẳng giới",
        "2009-05-19",
        "Chính phủ",
    ),
    (
        "70/2008/NĐ-CP",
        "decree",
        "quy định chi tiết thi hành một số điều của Luật Bình đẳng giới",
        "2008-06-04",
        "Chính phủ",
    ),
    (
        "125/2021/NĐ-CP",
        "decree",
        "quy định xử phạt vi phạm hành chính về bình đẳng giới",
        "2021-12-28",
        "Chính phủ",
    ),
    (
        "2282/QĐ-TTg",
        "decision",
        "phê duyệt Chương trình phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        "2020-12-31",
        "Thủ tướng Chính phủ",
    ),
    (
        "1719/QĐ-TTg",
        "decision",
        "phê duyệt Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
        "vùng đồng bào dân tộc thiểu số và miền núi",
        "2021-10-14",
        "Thủ tướng Chính phủ",
    ),
    ("21-CT/TW", "directive", "về tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới", "2018-01-20", None),
    (
        "08/2020/CT-TTg",
        "directive",
        "về tăng cường phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        "2020-03-04",
        "Thủ tướng Chính phủ",
    ),
)
REPEALED_DOCS = (
    (
        "55/2009/NĐ-CP",
        "decree",
        "quy định xử phạt vi phạm hành chính về bình đẳng giới",
        "2009-06-10",
        "Chính phủ",
    ),
)
# Decision 1790's targets (data/reference/indicators.ttl): indicator, measure, comparator,
# national value, year (None = every year), sentence template.
NATIONAL_TARGETS = (
    (
        "ge-law-communication-sessions",
        "event",
        "at-least",
        2,
        None,
        "Hằng năm, các cơ quan, tổ chức, doanh nghiệp và người dân trên địa bàn được truyền thông, phổ biến "
        "thông tin về pháp luật, chính sách về bình đẳng giới ít nhất {v:02d} cuộc.",
    ),
    (
        "action-month-plans",
        "percent",
        "exactly",
        100,
        2025,
        "Đến năm 2025 đạt {v}% cơ quan, đơn vị xây dựng kế hoạch, triển khai hoạt động Tháng hành động "
        "vì bình "
        "đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới hằng năm.",
    ),
    (
        "media-gender-indicators-pilot",
        "percent",
        "at-least",
        70,
        2025,
        "Phấn đấu đến năm 2025 đạt ít nhất {v}% cơ quan truyền thông áp dụng thí điểm Bộ chỉ số về giới "
        "trong truyền thông.",
    ),
    (
        "media-gender-indicators-official",
        "percent",
        "exactly",
        90,
        2030,
        "Đến năm 2030 đạt {v}% cơ quan truyền thông chính thức áp dụng Bộ chỉ số về giới trong truyền thông.",
    ),
    (
        "community-conventions-nondiscriminatory",
        "percent",
        "exactly",
        95,
        2025,
        "Đến năm 2025 đạt {v}% các hương ước, quy ước của cộng đồng đã được thông qua không có sự phân biệt "
        "đối xử về giới.",
    ),
    (
        "community-conventions-nondiscriminatory",
        "percent",
        "exactly",
        100,
        2030,
        "Đến năm 2030 đạt {v}% các hương ước, quy ước của cộng đồng đã được thông qua không có sự phân biệt "
        "đối xử về giới.",
    ),
)
ACTIVITIES = (
    "truyền thông, phổ biến pháp luật về bình đẳng giới",
    "hội nghị tập huấn kiến thức về giới",
    "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "xây dựng, nhân rộng mô hình truyền thông về bình đẳng giới tại cộng đồng",
    "tọa đàm, nói chuyện chuyên đề về phòng, chống bạo lực gia đình",
    "đăng tải tin, bài, phóng sự về bình đẳng giới trên Cổng thông tin điện tử",
    "rà soát hương ước, quy ước bảo đảm không có phân biệt đối xử về giới",
    "lồng ghép nội dung bình đẳng giới vào hoạt động giáo dục ngoại khóa",
    "phát thanh chuyên mục về bình đẳng giới trên hệ thống loa truyền thanh",
    "kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới",
    "cung cấp tài liệu truyền thông về bình đẳng giới cho cán bộ cơ sở",
    "thi tìm hiểu pháp luật về bình đẳng giới",
)
AUDIENCES = (
    "cán bộ, công chức, viên chức",
    "hội viên phụ nữ",
    "đoàn viên, thanh niên",
    "học sinh",
    "người dân vùng đồng bào dân tộc thiểu số",
    "người lao động trong doanh nghiệp",
    "người có uy tín trong cộng đồng",
    "cộng tác viên truyền thông cơ sở",
)
DUTIES = (
    "Chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện Kế hoạch",
    "Hướng dẫn, theo dõi, đôn đốc việc thực hiện Kế hoạch",
    "Tổng hợp kết quả, báo cáo định kỳ",
    "Bố trí kinh phí thực hiện các hoạt động truyền thông theo phân cấp ngân sách",
    "Lồng ghép nội dung bình đẳng giới vào hoạt động chuyên môn của ngành",
    "Tăng cường tin, bài tuyên truyền về bình đẳng giới trên các phương tiện thông tin đại chúng",
    "Vận động hội viên, đoàn viên tham gia các hoạt động truyền thông",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu")
GIVEN = ("Hùng", "Lan", "Hương", "Dũng", "Hà", "Tuấn", "Mai", "Sơn", "Thảo", "Bình", "Nga", "Phúc")


@dataclass(frozen=True)
class Unit:
    """An administrative unit of the synthetic hierarchy."""

    path: str  # "tan-phu/an-khanh"
    name: str  # "huyện An Khánh"
    level: str  # province | district | commune
    unit_type: str  # vnc:scheme-unittype notation
    parent: Unit | None


@dataclass(frozen=True)
class PlanRef:
    """What a child plan needs of its parent plan."""

    number: str
    date: str
    unit: Unit
    issuer: AgencyRef
    deadline: tuple[int, int]  # (month, day) of the yearly report the parent sends up


class _Text:
    """The plan text under construction; ``add`` returns the span of the piece it appends."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str, gap: str = "\n") -> tuple[int, int]:
        start = self.size
        self.parts.append(piece + gap)
        self.size += len(piece) + len(gap)
        return (start, start + len(piece))

    def __str__(self) -> str:
        return "".join(self.parts)


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"ngày {int(d):02d} tháng {int(m):02d} năm {y}"


def _short_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d):02d}/{int(m):02d}/{y}"


def ubnd(unit: Unit) -> AgencyRef:
    return AgencyRef(f"Ủy ban nhân dân {unit.name}", f"UBND {unit.name}", unit.path, "peoples-committee")


def _agencies(unit: Unit) -> list[AgencyRef]:
    """The agencies of a unit that plans name, the labour/social one (lead of the plan) first."""
    short = unit.name.split(" ", 1)[0]  # tỉnh / huyện / xã ...
    if unit.level == "province":
        names = (
            ("Sở Lao động - Thương binh và Xã hội", "department"),
            ("Sở Thông tin và Truyền thông", "department"),
            ("Sở Văn hóa, Thể thao và Du lịch", "department"),
            ("Sở Giáo dục và Đào tạo", "department"),
            ("Sở Tư pháp", "department"),
            ("Sở Y tế", "department"),
            ("Sở Nội vụ", "department"),
            (f"Hội Liên hiệp Phụ nữ {short}", "mass-organisation"),
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {short}", "fatherland-front"),
            (f"Đài Phát thanh và Truyền hình {short}", "public-service-unit"),
            (f"Công an {short}", "police"),
            (f"Liên đoàn Lao động {short}", "mass-organisation"),
        )
    elif unit.level == "district":
        names = (
            ("Phòng Lao động - Thương binh và Xã hội", "office"),
            ("Phòng Văn hóa và Thông tin", "office"),
            ("Phòng Giáo dục và Đào tạo", "office"),
            ("Phòng Tư pháp", "office"),
            ("Phòng Y tế", "office"),
            ("Trung tâm Văn hóa - Thông tin và Thể thao", "public-service-unit"),
            (f"Hội Liên hiệp Phụ nữ {short}", "mass-organisation"),
            (f"Công an {short}", "police"),
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {short}", "fatherland-front"),
        )
    else:
        names = (
            ("Công chức Văn hóa - Xã hội", "other"),
            (f"Hội Liên hiệp Phụ nữ {short}", "mass-organisation"),
            (f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {short}", "mass-organisation"),
            (f"Công an {short}", "police"),
            (f"Đài Truyền thanh {short}", "public-service-unit"),
            (f"Trạm Y tế {short}", "public-service-unit"),
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {short}", "fatherland-front"),
        )
    return [AgencyRef(n, n, unit.path, t) for n, t in names]


@dataclass
class _Plan:
    rnd: random.Random
    unit: Unit
    number: str
    date: str
    parent: PlanRef | None
    t: _Text = field(default_factory=_Text)


def _doc_ref(t: _Text, lead: str, entry: tuple, relation: str, rnd: random.Random) -> DocRef:
    number, kind, title, date, issuer = entry
    word = {
        "law": "Luật",
        "decision": "Quyết định số",
        "resolution": "Nghị quyết số",
        "decree": "Nghị định số",
        "directive": "Chỉ thị số",
    }[kind]
    articles: tuple[str, ...] = ()
    if kind == "law":
        text = f"{lead} {title} {_vn_date(date)};"
        ref_title = title
        if rnd.random() < 0.3:
            articles = (f"Điều {rnd.randint(5, 40)}",)
            text = f"{lead} {articles[0]} {title} {_vn_date(date)};"
    else:
        by = f" của {issuer}" if issuer else ""
        text = f"{lead} {word} {number} {_vn_date(date)}{by} {title};"
        ref_title = None
    agency = AgencyRef(issuer, issuer, "vn", "government") if issuer else None
    return DocRef(
        number if kind != "law" else number,
        kind,
        ref_title,
        date,
        agency,
        articles,
        relation,
        span=t.add(text),
    )


def _citations(p: _Plan) -> tuple[list[DocRef], list[DocRef]]:
    """(implements, citations) — 5 to 30 citations, the implemented documents included."""
    rnd, t = p.rnd, p.t
    cites: list[DocRef] = []
    n_national = rnd.randint(3, len(NATIONAL) - 1)
    chosen = [NATIONAL[0]] + rnd.sample(NATIONAL[2:], n_national - 1)
    if rnd.random() < REPEALED:
        chosen.insert(1, REPEALED_DOCS[0])
    for entry in chosen:
        cites.append(_doc_ref(t, "Căn cứ", entry, "legal-basis", rnd))
    province = p.unit
    while province.parent is not None:
        province = province.parent
    for _ in range(rnd.randint(0, 12)):  # local documents of the province
        number = f"{rnd.randint(1, 3999)}/QĐ-UBND"
        date = f"{rnd.randint(2016, 2021)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        issuer = ubnd(province)
        span = t.add(
            f"Căn cứ Quyết định số {number} {_vn_date(date)} của {issuer.source_text} về công tác "
            f"bình đẳng giới trên địa bàn;"
        )
        cites.append(DocRef(number, "decision", None, date, issuer, (), "legal-basis", span=span))
    implements = [_doc_ref(t, "Thực hiện", NATIONAL[1], "implements", rnd)]
    if p.parent is not None:
        q = p.parent
        span = t.add(
            f"Thực hiện Kế hoạch số {q.number} ngày {_short_date(q.date)} của {q.issuer.source_text} về "
            f"thực hiện Chương trình truyền thông về bình đẳng giới đến năm 2030 trên địa bàn {q.unit.name},"
        )
        implements.append(DocRef(q.number, "plan", None, q.date, q.issuer, (), "implements", span=span))
    while len(cites) + len(implements) < 5:
        number = f"{rnd.randint(1, 999)}/KH-UBND"
        span = t.add(f"Căn cứ Kế hoạch số {number} năm 2021 của {ubnd(province).source_text};")
        cites.append(DocRef(number, "plan", None, "2021", ubnd(province), (), "legal-basis", span=span))
    return implements, cites + implements


def _targets(p: _Plan) -> list[Target]:
    rnd, t = p.rnd, p.t
    t.add("1. Mục tiêu cụ thể")
    weak = rnd.random() < WEAK_TARGET
    out = []
    for k in range(rnd.randint(5, 15)):
        indicator, measure, comparator, national, year, text = NATIONAL_TARGETS[k % len(NATIONAL_TARGETS)]
        if k >= len(NATIONAL_TARGETS):  # yearly milestones of the same indicators
            year = 2022 + k % 4 if year is not None else None
        value = national if measure == "percent" else national + rnd.randint(0, 2)
        if weak and k == 1:
            value = national - rnd.randint(5, 30)
        out.append(
            Target(
                text.format(v=value),
                indicator,
                float(value),
                None,
                measure,
                comparator,
                year,
                None,
                "annual" if year is None else None,
                None,
                span=t.add(f"- {text.format(v=value)}"),
            )
        )
    return out


def _tasks(p: _Plan, agencies: list[AgencyRef]) -> list[Task]:
    rnd, t = p.rnd, p.t
    t.add("II. NHIỆM VỤ VÀ GIẢI PHÁP")
    out = []
    for k in range(rnd.randint(20, 60)):
        activity, audience = rnd.choice(ACTIVITIES), rnd.choice(AUDIENCES)
        lead = rnd.choice(agencies)
        partners = tuple(rnd.sample([a for a in agencies if a != lead], rnd.randint(1, 3)))
        start = rnd.randint(2022, 2025)
        timeframe = "Hằng năm" if rnd.random() < 0.5 else f"Năm {start}"
        title = f"Tổ chức {activity} cho {audience}"
        span = t.add(
            f"{k + 1}. {title}.\n- Cơ quan chủ trì: {lead.name}.\n- Cơ quan phối hợp: "
            f"{', '.join(a.name for a in partners)}.\n- Thời gian thực hiện: {timeframe}."
        )
        recurrence = "annual" if timeframe == "Hằng năm" else None
        years = (2022, 2030) if recurrence else (start, start)
        out.append(Task(title, (lead,), partners, timeframe, years[0], years[1], recurrence, span=span))
    return out


def _reporting(p: _Plan, lead: AgencyRef, issuer: AgencyRef) -> tuple[list[ReportingDuty], tuple[int, int]]:
    rnd, t, q = p.rnd, p.t, p.parent
    if q is None:
        month, day = 12, 15
        recipient = AgencyRef(
            "Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội", "vn", "ministry"
        )
    else:
        month, day = q.deadline
        day -= rnd.randint(3, 10)
        if rnd.random() < LATE_REPORT:  # injected: due after the parent must report
            day = q.deadline[1] + rnd.randint(2, 10)
        recipient = q.issuer
    span = t.add(
        f"{lead.name} tổng hợp, tham mưu {issuer.name} báo cáo kết quả thực hiện Kế hoạch về "
        f"{recipient.name} trước ngày {day:02d} tháng {month:02d} hằng năm."
    )
    duties = [
        ReportingDuty(
            (lead, issuer),
            (recipient,),
            f"--{month:02d}-{day:02d}",
            "annual",
            "kết quả thực hiện Kế hoạch",
            span=span,
        )
    ]
    if rnd.random() < 0.4:
        span = t.add(f"Định kỳ 6 tháng, {lead.name} báo cáo {recipient.name} trước ngày 10 tháng 6.")
        duties.append(ReportingDuty((lead,), (recipient,), "--06-10", "semiannual", None, span=span))
    return duties, (month, day)


def synth_plan(
    rnd: random.Random, unit: Unit, number: str, date: str, parent: PlanRef | None
) -> tuple[PlanExtraction, str, PlanRef]:
    """One plan's records and text, and what its children need to cite it."""
    p = _Plan(rnd, unit, number, date, parent)
    t = p.t
    issuer = ubnd(unit)
    agencies = _agencies(unit)
    start = t.add(f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}\n\nSố: {number}")
    t.add(f"{unit.name.split(' ', 1)[1]}, {_vn_date(date)}\n\nKẾ HOẠCH")
    title = f"Thực hiện Chương trình truyền thông về bình đẳng giới đến năm 2030 trên địa bàn {unit.name}"
    end = t.add(title)
    implements, citations = _citations(p)
    t.add("I. MỤC ĐÍCH, YÊU CẦU, MỤC TIÊU")
    objectives = [
        Objective(o, general, span=t.add(o))
        for o, general in (
            (f"Nâng cao nhận thức về bình đẳng giới của cán bộ và nhân dân trên địa bàn {unit.name}.", True),
            ("Tạo chuyển biến về hành vi thực hiện bình đẳng giới trong gia đình và cộng đồng.", False),
        )
    ]
    targets = _targets(p)
    tasks = _tasks(p, agencies)
    t.add("III. KINH PHÍ THỰC HIỆN")
    funding = [
        Funding(f, k, span=t.add(f))
        for f, k in (
            (
                "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước "
                "theo phân cấp hiện hành.",
                "state-budget",
            ),
            ("Huy động các nguồn xã hội hóa và lồng ghép các chương trình khác.", "socialised"),
        )
    ]
    t.add("IV. TỔ CHỨC THỰC HIỆN")
    responsibilities = []
    for k, a in enumerate(agencies[: rnd.randint(4, len(agencies))]):
        duties = tuple(rnd.sample(DUTIES, rnd.randint(2, 4)))
        span = t.add(f"{k + 1}. {a.name}: " + "; ".join(duties) + ".")
        covered = tuple(i for i, task in enumerate(tasks) if task.lead[0] == a)
        responsibilities.append(Responsibility(a, duties, covered, span=span))
    reporting, deadline = _reporting(p, agencies[0], issuer)
    t.add("Nơi nhận:")
    recipients = [Recipient(f"- {a.name};", a, span=t.add(f"- {a.name};")) for a in agencies[:3]]
    name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
    t.add("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    signatory = Signatory(name, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", span=t.add(name))
    doc = DocumentMeta(
        number,
        date,
        "day",
        unit.name.split(" ", 1)[1],
        issuer,
        unit.name,
        unit.path,
        unit.level,
        unit.unit_type,
        title,
        (2022, 2030),
        span=(start[0], end[1]),
    )
    x = PlanExtraction(
        doc,
        implements,
        citations,
        objectives,
        targets,
        tasks,
        responsibilities,
        reporting,
        funding,
        signatory,
        recipients,
    )
    return x, str(t), PlanRef(number, date, unit, issuer, deadline)
