"""A believable province around the two seed programmes (`seed --demo-users`), marked as demo data wherever a record
has room for it ("Dữ liệu mẫu để dùng thử": units, agencies, the reorganisation, programme titles).

Tỉnh Thái Nguyên with its standard bodies (agencies/province.py), the regional defence command over the wards that
took over the former city, 20 communes and wards with their committee, military command and police; the province's
plan that 04/CTr-UBND carries out, each commune's plan drawn from it (tasks/planning.py), progress over the past
quarters (some communes regular, some late, two silent this quarter), and the 2025 handover of the city programme
(tasks/handover.py), the demo accounts moving with their agencies. Dates of reports count back from today.

Built once: a second run finds the province's plan and only applies the demo reorganisation again (the seed's agency
fixtures have just reset the city police's end date).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from agencies.directory import sync_reorganisations
from agencies.models import AdministrativeUnit, Agency, Profile, Reorganisation
from agencies.province import load_province

from . import search
from .demo import demo_account, write_report
from .documents.data import PhaseDoc, ProgrammeDoc, SectionDoc, TaskDoc
from .documents.store import save_programme
from .documents.timeframe import read_timeframe
from .handover import hand_over, proposals
from .models import Assignment, Programme, Task
from .periods import quarter_of
from .planning import create_child_programme, default_title
from .roles import COMMAND_STAFF, LEADERSHIP
from .status import Progress

DEMO_NOTE = "Dữ liệu mẫu để dùng thử"
PROVINCE = "Thái Nguyên"
REGIONAL_COMMAND = "Ban Chỉ huy Phòng thủ khu vực 1 - Thái Nguyên"
CITY_PROGRAMME = "04/CTr-UBND"
REGULAR, LATE, SILENT = "regular", "late", "silent"
IN_PROGRESS, DONE = Progress.IN_PROGRESS, Progress.DONE

# (unit, covered by the regional command: the wards and communes that took over the former city, reporting habit);
# the first two are xa1 and xa2 of the demo accounts.
COMMUNES = [
    ("Phường Phan Đình Phùng", True, REGULAR),
    ("Xã Tân Cương", True, SILENT),
    ("Phường Linh Sơn", True, REGULAR),
    ("Phường Tích Lương", True, REGULAR),
    ("Phường Gia Sàng", True, LATE),
    ("Phường Quyết Thắng", True, REGULAR),
    ("Phường Quan Triều", True, LATE),
    ("Xã Đại Phúc", True, REGULAR),
    ("Phường Sông Công", False, REGULAR),
    ("Phường Bá Xuyên", False, LATE),
    ("Phường Bách Quang", False, REGULAR),
    ("Phường Phổ Yên", False, REGULAR),
    ("Phường Vạn Xuân", False, LATE),
    ("Phường Trung Thành", False, REGULAR),
    ("Phường Phúc Thuận", False, SILENT),
    ("Xã Đại Từ", False, REGULAR),
    ("Xã Phú Bình", False, LATE),
    ("Xã Đồng Hỷ", False, REGULAR),
    ("Xã Định Hóa", False, REGULAR),
    ("Phường Đức Xuân", False, LATE),
]
# Each commune's bodies: key: (name before "xã X", short name before "xã", kind, oversees the commune, the province's
# group phrase for them).
COMMUNE_BODIES = {
    "ubnd": ("Ủy ban nhân dân", "UBND", Agency.Kind.COMMITTEE, True, "Ủy ban nhân dân cấp xã"),
    "chqs": ("Ban Chỉ huy quân sự", "Ban CHQS", Agency.Kind.MILITARY, True, "Ban Chỉ huy quân sự cấp xã"),
    "congan": ("Công an", "Công an", Agency.Kind.POLICE, False, "Công an cấp xã"),
}
# The former city's group phrases for its communes, which the bodies of the regional command's area answer to.
CITY_GROUPS = {"ubnd": "Ủy ban nhân dân các xã, phường", "chqs": "Ban Chỉ huy quân sự các xã, phường"}

PLAN = {
    "number": "01/KH-UBND",
    "kind": "Kế hoạch",
    "title": "Triển khai Chiến lược quốc gia phòng thủ dân sự trên địa bàn tỉnh Thái Nguyên giai đoạn 2025 - 2030 "
    f"({DEMO_NOTE})",
    "issuer": "UBND tỉnh Thái Nguyên",
    "place": "Thái Nguyên",
    "issued_on": datetime.date(2024, 11, 13),
    "year": 2024,
    "signer_name": "Nguyễn Văn Mẫu",
    "signer_title": "KT. CHỦ TỊCH - PHÓ CHỦ TỊCH",
    "coordinating_agency": "Bộ Chỉ huy quân sự tỉnh Thái Nguyên",
    "legal_bases": [
        "Căn cứ Luật Phòng thủ dân sự ngày 20/6/2023;",
        "Thực hiện Quyết định số 1343/QĐ-TTg ngày 14/11/2023 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia "
        "phòng thủ dân sự đến năm 2030 và những năm tiếp theo;",
    ],
}
PHASES = [
    PhaseDoc("Giai đoạn 1", "Đến năm 2025", None, datetime.date(2025, 12, 31)),
    PhaseDoc("Giai đoạn 2", "Từ năm 2026 đến năm 2030", datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)),
]
# (numeral, title, [(number, content, lead, support, time, deliverable)]), agencies written as plans write them.
SECTIONS = [
    ("I", "Kiện toàn tổ chức, cơ chế chỉ huy phòng thủ dân sự", [
        ("1", "Kiện toàn Ban Chỉ huy phòng thủ dân sự tỉnh sau sắp xếp tổ chức bộ máy", "Bộ CHQS tỉnh", "Sở Nội vụ",
         "Quý III/2025", "Quyết định kiện toàn"),
        ("2", "Ban hành quy chế hoạt động của Ban Chỉ huy phòng thủ dân sự tỉnh", "Bộ CHQS tỉnh", "Sở Tư pháp",
         "Năm 2025", "Quy chế"),
        ("3", "Kiện toàn Ban Chỉ huy phòng thủ dân sự cấp xã", "UBND cấp xã", "Ban CHQS cấp xã", "Quý IV/2025",
         "Quyết định kiện toàn"),
    ]),
    ("II", "Xây dựng kế hoạch, phương án phòng thủ dân sự", [
        ("4", "Xây dựng kế hoạch phòng thủ dân sự tỉnh", "Bộ CHQS tỉnh", "Các sở, ban, ngành tỉnh", "Năm 2026",
         "Kế hoạch"),
        ("5", 'Xây dựng, cập nhật phương án ứng phó sự cố, thiên tai theo phương châm "4 tại chỗ"', "UBND cấp xã",
         "Ban CHQS cấp xã; Công an cấp xã", "Hằng năm", "Phương án"),
        ("6", "Xây dựng phương án chữa cháy và cứu nạn, cứu hộ tại khu dân cư", "Công an tỉnh", "Công an cấp xã",
         "Quý II/2026", "Phương án"),
        ("7", "Rà soát, cắm biển cảnh báo khu vực có nguy cơ sạt lở đất, lũ quét, ngập úng", "Sở NN&MT",
         "UBND cấp xã", "Năm 2026", "Bản đồ khu vực nguy cơ"),
    ]),
    ("III", "Tuyên truyền, bồi dưỡng, huấn luyện, diễn tập", [
        ("8", "Tuyên truyền, phổ biến kiến thức, kỹ năng phòng thủ dân sự cho Nhân dân", "Sở VHTTDL",
         "Sở KH&CN; UBND cấp xã", "Thường xuyên", ""),
        ("9", "Đưa nội dung phòng thủ dân sự vào giáo dục quốc phòng và an ninh trong nhà trường", "Sở GD&ĐT",
         "Bộ CHQS tỉnh", "2026 - 2030", ""),
        ("10", "Bồi dưỡng kiến thức phòng thủ dân sự cho cán bộ lãnh đạo, quản lý các cấp", "Bộ CHQS tỉnh",
         "Sở Nội vụ", "Hằng năm", ""),
        ("11", "Tổ chức diễn tập phòng thủ dân sự cấp xã", "Ban CHQS cấp xã", "Công an cấp xã; UBND cấp xã",
         "Năm 2026", "Báo cáo kết quả diễn tập"),
    ]),
    ("IV", "Bảo đảm nguồn lực, chế độ báo cáo", [
        ("12", "Xây dựng phương án bảo đảm y tế, cấp cứu, vận chuyển người bị nạn", "Sở Y tế",
         "Bộ CHQS tỉnh; Công an tỉnh", "Năm 2026", "Phương án"),
        ("13", "Bố trí kinh phí, thành lập Quỹ phòng thủ dân sự tỉnh", "Sở Tài chính", "Bộ CHQS tỉnh",
         "Năm 2025", "Quyết định thành lập Quỹ"),
        ("14", "Báo cáo kết quả thực hiện kế hoạch về Bộ CHQS tỉnh", "Các sở, ban, ngành tỉnh; UBND cấp xã",
         "", "Hằng quý", "Báo cáo"),
    ]),
]  # fmt: skip
# A commune's plan: the province's tasks it carries out, with the commune's bodies leading and supporting them.
COMMUNE_TASKS = [
    ("I.3", "ubnd", ["chqs"]),
    ("II.5", "chqs", ["ubnd", "congan"]),
    ("II.6", "congan", ["chqs"]),
    ("III.11", "chqs", ["congan", "ubnd"]),
    ("IV.14", "chqs", []),
]
# The city programme's tasks carrying out the province's: {city task: province task}.
CITY_LINKS = {"I.1": "I.1", "V.2": "II.4", "VIII.5": "IV.12"}

# The 2025 handover of the city programme: where each former city agency's open work goes.
SUCCESSORS = {
    "Ban Chỉ huy quân sự thành phố Thái Nguyên": REGIONAL_COMMAND,
    "Công an thành phố Thái Nguyên": "Công an tỉnh Thái Nguyên",
    "Phòng Y tế thành phố Thái Nguyên": "Sở Y tế tỉnh Thái Nguyên",
    "Phòng Tài nguyên và Môi trường thành phố Thái Nguyên": "Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên",
    "Phòng Giáo dục và Đào tạo thành phố Thái Nguyên": "Sở Giáo dục và Đào tạo tỉnh Thái Nguyên",
    "Phòng Tài chính - Kế hoạch thành phố Thái Nguyên": "Sở Tài chính tỉnh Thái Nguyên",
    "Văn phòng HĐND và UBND thành phố Thái Nguyên": "Văn phòng Ủy ban nhân dân tỉnh Thái Nguyên",
    "Trung tâm Văn hóa và Truyền thông thành phố Thái Nguyên": "Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên",
    "Ủy ban nhân dân thành phố Thái Nguyên": "Ủy ban nhân dân tỉnh Thái Nguyên",
}
# The district police ended before the fixtures' 1 July: the demo records it (the fixtures leave it open).
REORGANISATIONS = [
    {
        "kind": Reorganisation.Kind.MERGED,
        "effective_on": "2025-03-01",
        "basis": f"Không tổ chức Công an cấp huyện từ ngày 01/3/2025 ({DEMO_NOTE})",
        "former": ["Công an thành phố Thái Nguyên"],
        "successors": ["Công an tỉnh Thái Nguyên"],
        "note": DEMO_NOTE,
    }
]

# username: (role, agency, full name); password ptds-demo. The other communes' command staff (xa3_chqs, ...) only
# sign their commune's reports and cannot log in.
ACCOUNTS = {
    "tinh_chqs": (COMMAND_STAFF, "Bộ Chỉ huy quân sự tỉnh Thái Nguyên", "Đỗ Văn Tham Mưu"),
    "tinh_lanhdao": (LEADERSHIP, "Ủy ban nhân dân tỉnh Thái Nguyên", "Hà Thị Tỉnh Ủy"),
    "xa1_chqs": (COMMAND_STAFF, "Ban Chỉ huy quân sự phường Phan Đình Phùng", "Lương Văn Dân Quân"),
    "xa1_lanhdao": (LEADERSHIP, "Ủy ban nhân dân phường Phan Đình Phùng", "Vũ Thị Phường Trưởng"),
    "xa2_chqs": (COMMAND_STAFF, "Ban Chỉ huy quân sự xã Tân Cương", "Ma Văn Tự Vệ"),
    "xa2_lanhdao": (LEADERSHIP, "Ủy ban nhân dân xã Tân Cương", "Đinh Thị Chè Xanh"),
}
# Progress, by quarters counted back from this one (0). Quarterly reports on IV.14: the quarters reported and how many
# days after the quarter's end the report came (negative: before).
QUARTERLY = {REGULAR: ([0, 1, 2, 3, 4], -3), LATE: ([1, 2, 4], 12), SILENT: ([2, 3, 4], -3)}
# Other reports: (task, quarter, status, percent, result, evidence file); a done task is completed 20 days before
# its deadline by those who report regularly, 40 days after it by the others.
REPORTS = {
    REGULAR: [
        ("I.3", 4, DONE, 100, "Đã ban hành quyết định kiện toàn Ban Chỉ huy phòng thủ dân sự.", "Quyet-dinh.pdf"),
        ("II.6", 1, IN_PROGRESS, 70, "Đã khảo sát các khu dân cư, đang hoàn thiện phương án.", ""),
        ("III.11", 0, IN_PROGRESS, 40, "Đã xây dựng kịch bản diễn tập, chờ phê duyệt.", ""),
    ],
    LATE: [
        ("I.3", 2, DONE, 100, "Đã kiện toàn Ban Chỉ huy phòng thủ dân sự (chậm so với kế hoạch).", ""),
        ("II.6", 2, IN_PROGRESS, 30, "Đang rà soát lực lượng chữa cháy tại chỗ.", ""),
    ],
    SILENT: [("I.3", 3, IN_PROGRESS, 50, "Đang lấy ý kiến dự thảo quyết định kiện toàn.", "")],
}
PROVINCE_REPORTS = [
    ("I.1", 5, DONE, 100, "Đã kiện toàn Ban Chỉ huy phòng thủ dân sự tỉnh.", "QD-kien-toan-BCH-tinh.pdf"),
    ("II.4", 1, IN_PROGRESS, 60, "Đã tổng hợp phương án của các sở, ngành; đang xây dựng dự thảo kế hoạch.", ""),
    ("IV.13", 2, IN_PROGRESS, 30, "Đang xây dựng dự thảo quy chế quản lý Quỹ phòng thủ dân sự tỉnh.", ""),
]


@transaction.atomic
def build_province(groups, today=None):
    """Build the demo province once; the number of commune plans made (0 when the province's plan already exists)."""
    if Programme.objects.filter(number=PLAN["number"], issuer=PLAN["issuer"], year=PLAN["year"]).exists():
        sync_reorganisations(REORGANISATIONS)  # applied again: the seed's agency fixtures reopened the city police
        return 0
    today = today or timezone.localdate()
    load_province(PROVINCE)
    sync_reorganisations(REORGANISATIONS)
    agencies = {a.name: a for a in Agency.objects.filter(unit__name=f"Tỉnh {PROVINCE}")}
    province = agencies[PLAN["coordinating_agency"]].unit
    communes = [(_commune(province, name, agencies), covered, habit) for name, covered, habit in COMMUNES]
    _regional_command(province, agencies, [commune for commune, covered, _habit in communes if covered])
    plan = _province_plan()
    accounts = {
        username: demo_account(username, groups[role], Agency.objects.get(name=agency), full_name)
        for username, (role, agency, full_name) in ACCOUNTS.items()
    }
    province_tasks = _by_reference(plan)
    _write(province_tasks, accounts["tinh_chqs"], PROVINCE_REPORTS, -20, today)
    for number, ((unit, bodies), _covered, habit) in enumerate(communes, 1):
        author = accounts.get(f"xa{number}_chqs") or demo_account(
            f"xa{number}_chqs", groups[COMMAND_STAFF], bodies["chqs"], f"Trợ lý {bodies['chqs'].name}", password=None
        )
        tasks = _by_reference(_commune_plan(plan, province_tasks, number, unit, bodies, author))
        _write(tasks, author, REPORTS[habit], -20 if habit == REGULAR else 40, today)
        _write_quarterly(tasks["IV.14"], author, *QUARTERLY[habit], today)
    _hand_over_city()
    return len(communes)


def _commune(province, name, agencies):
    """The commune's unit and its bodies {key: agency}, members of the province's group phrases for communes."""
    level, place = name.split(" ", 1)
    unit = AdministrativeUnit.objects.create(
        name=name,
        place_name=place,
        kind=AdministrativeUnit.Kind.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
        note=DEMO_NOTE,
    )
    bodies = {}
    for key, (prefix, short, kind, oversees, group) in COMMUNE_BODIES.items():
        bodies[key] = Agency.objects.create(
            name=f"{prefix} {level.lower()} {place}",
            short_name=f"{short} {level.lower()}",
            kind=kind,
            unit=unit,
            oversees_unit=oversees,
            valid_from=unit.valid_from,
            note=DEMO_NOTE,
        )
        agencies[f"{group} tỉnh {PROVINCE}"].members.add(bodies[key])
    return unit, bodies


def _regional_command(province, agencies, covered):
    """The regional defence command under Bộ CHQS tỉnh, over the communes that took over the former city ([(unit,
    bodies)]); their bodies answer to the city programme's phrases for its communes ("UBND các xã, phường")."""
    command = Agency.objects.create(
        name=REGIONAL_COMMAND,
        short_name="Ban CHPTKV 1",
        kind=Agency.Kind.MILITARY,
        unit=province,
        oversees_unit=True,
        parent=agencies[f"Bộ Chỉ huy quân sự tỉnh {PROVINCE}"],
        valid_from=datetime.date(2025, 7, 1),
        note=DEMO_NOTE,
    )
    command.area.set(unit for unit, _bodies in covered)
    agencies[f"Các Ban Chỉ huy Phòng thủ khu vực tỉnh {PROVINCE}"].members.add(command)
    for key, group in CITY_GROUPS.items():
        Agency.objects.get(name=group).members.add(*(bodies[key] for _unit, bodies in covered))


def _province_plan():
    """The province's plan, stored as an import stores it (agencies resolved in the province), parent of 04/CTr-UBND;
    a few city tasks carry out its tasks."""
    sections = [
        SectionDoc(
            numeral,
            title,
            [
                TaskDoc(number, content, lead, support, [time], deliverable, schedule=read_timeframe([time]))
                for number, content, lead, support, time, deliverable in rows
            ],
        )
        for numeral, title, rows in SECTIONS
    ]
    plan, _new = save_programme(ProgrammeDoc(**PLAN, phases=PHASES, sections=sections))
    city = Programme.objects.get(number=CITY_PROGRAMME)
    city.parent = plan
    city.save(update_fields=["parent"])
    tasks = _by_reference(plan)
    for reference, task in _by_reference(city).items():
        if reference in CITY_LINKS:
            task.parent_task = tasks[CITY_LINKS[reference]]
            task.save(update_fields=["parent_task"])
    return plan


def _commune_plan(plan, tasks, number, unit, bodies, author):
    """The commune's plan drawn from the province's (as its command staff would on the child-plan page), its own
    bodies leading and supporting."""
    level_place = unit.name[:1].lower() + unit.name[1:]
    child = create_child_programme(
        plan,
        [tasks[reference] for reference, _lead, _support in COMMUNE_TASKS],
        kind="Kế hoạch",
        number=f"{10 + 3 * number}/KH-UBND",
        title=f"{default_title(plan)} trên địa bàn {level_place} ({DEMO_NOTE})",
        issuer=f"UBND {level_place}",
        year=2025,
        coordinating_agency=bodies["chqs"],
        user=author,
    )
    child.unit = unit
    child.save(update_fields=["unit"])
    copies = {task.parent_task_id: task for task in Task.objects.filter(section__programme=child)}
    for reference, lead, support in COMMUNE_TASKS:
        task = copies[tasks[reference].pk]
        task.assignments.all().delete()
        for role, keys in ((Assignment.Role.LEAD, [lead]), (Assignment.Role.SUPPORT, support)):
            for position, key in enumerate(keys, 1):
                assignment = Assignment(task=task, agency=bodies[key], role=role, position=position)
                assignment._history_user = author  # the audit trail names who adapted the plan
                assignment.save()
        task.lead_as_written = bodies[lead].short_name
        task.support_as_written = "; ".join(bodies[key].short_name for key in support)
        task._history_user = author
        written = ["lead_as_written", "support_as_written"]
        task.save(update_fields=[*written, *(search.SEARCHED[field] for field in written)])
    return child


def _hand_over_city():
    """Hand over the city programme's open work by each reorganisation of the city's agencies, accounts moving with
    their agency (and the successors joining the city's group phrases, so officers keep the tasks those name).
    lanhdao, leadership of no agency so far, becomes the former city committee's."""
    city = Programme.objects.filter(number=CITY_PROGRAMME)
    successors = {a.name: a for a in Agency.objects.filter(name__in=SUCCESSORS.values())}
    for reorganisation in Reorganisation.objects.filter(former__unit__name="Thành phố Thái Nguyên").distinct():
        chosen = [(p, successors[SUCCESSORS[p.former.name]]) for p in proposals(reorganisation, city)]
        hand_over(reorganisation, chosen, move_accounts=True)
    committee = Agency.objects.get(name="Ủy ban nhân dân thành phố Thái Nguyên")
    Profile.objects.filter(user__username="lanhdao").update(agency=committee)


def _write(tasks, user, rows, shift, today):
    """Reports on a programme's tasks ({reference: task}), each in the middle of its quarter counted back (not after
    today)."""
    for reference, back, status, percent, result, file in rows:
        quarter = _quarter_back(today, back)
        day = min(quarter.start + datetime.timedelta(days=45), today)
        done = {}
        if status == DONE:
            completed = min(tasks[reference].deadline + datetime.timedelta(days=shift), day)
            done = {"completed_on": completed, "document_kind": "Quyết định", "document_date": completed}
        write_report(tasks[reference], user, day, file, status=status, percent=percent, result=result, **done)


def _write_quarterly(task, user, quarters, days_after, today):
    for back in quarters:
        quarter = _quarter_back(today, back)
        day = max(min(quarter.end + datetime.timedelta(days=days_after), today), quarter.start)
        result = f"Báo cáo {quarter.label}: đã triển khai các nhiệm vụ phòng thủ dân sự theo kế hoạch."
        write_report(task, user, day, "", status=IN_PROGRESS, percent=100, result=result, period=quarter.key)


def _quarter_back(today, back):
    quarter = quarter_of(today)
    for _step in range(back):
        quarter = quarter_of(quarter.start - datetime.timedelta(days=1))
    return quarter


def _by_reference(programme):
    tasks = Task.objects.current().filter(section__programme=programme).select_related("section").with_status()
    return {task.reference: task for task in tasks}
