"""Fills the configured database (DATABASE_URL) with a city's worth of synthetic programmes for the benchmarks.

Runs migrate and `seed --demo-users` first (both safe to run again), then adds, from a seeded random generator
(the same data for the same day; deadlines and reports are placed around today):
- agencies up to 300: wards' and communes' committees, military commands, police, schools, health stations,
  provincial departments and companies, and groups of them ("Trường học trên địa bàn thành phố") with members;
- 50 programmes with their phases, objectives and sections, mostly coordinated by Ban CHQS thành phố;
- 10,000 tasks with lead and supporting agencies, every kind of timeframe, deadlines past and future;
- 50,000 progress reports from the programmes' start to today (the lead's set the status, the others' do not);
- demo accounts, password ptds-demo: officers canbo001.. (one per agency for 60 agencies), command staff
  chqs01.. (of each coordinating agency), leadership lanhdao01..03.
Everything in bulk and in one transaction, history records included (as the importer writes them).
--scale 0.1 makes a tenth of everything for a quick check. Refuses a database that holds more than the seed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ptds_bench .venv/bin/python bench/generate.py [--scale 1]
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from words import ACTIONS, DELIVERABLES, DOCUMENT_KINDS, EXTRAS, OBJECTS, RESULTS, SCOPES, SECTION_TOPICS, roman

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ptds.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from agencies.models import Agency, Profile  # noqa: E402
from agencies.text import fold_name  # noqa: E402
from tasks.documents.timeframe import Recurrence, ScheduleKind  # noqa: E402
from tasks.models import Assignment, Objective, Phase, Programme, ProgressReport, Section, Task  # noqa: E402
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER  # noqa: E402
from tasks.status import Acceptance, Progress  # noqa: E402

PASSWORD = "ptds-demo"
AGENCIES, PROGRAMMES, TASKS, REPORTS = 300, 50, 10_000, 50_000
OFFICERS, CITY_STAFF, LEADERS = 60, 3, 3
BATCH = 1000
CITY = "thành phố Thái Nguyên"
CITY_COMMAND = "Ban Chỉ huy quân sự thành phố Thái Nguyên"

WARDS = [
    "Phan Đình Phùng",
    "Hoàng Văn Thụ",
    "Trưng Vương",
    "Quang Trung",
    "Đồng Quang",
    "Gia Sàng",
    "Túc Duyên",
    "Tân Thịnh",
    "Tân Lập",
    "Thịnh Đán",
    "Quang Vinh",
    "Quán Triều",
    "Tân Long",
    "Hương Sơn",
    "Phú Xá",
    "Trung Thành",
    "Tân Thành",
    "Cam Giá",
    "Tích Lương",
    "Chùa Hang",
    "Đồng Bẩm",
]
COMMUNES = [
    "Linh Sơn",
    "Huống Thượng",
    "Cao Ngạn",
    "Phúc Xuân",
    "Phúc Trìu",
    "Phúc Hà",
    "Quyết Thắng",
    "Thịnh Đức",
    "Tân Cương",
    "Sơn Cẩm",
    "Đồng Liên",
    "Lương Sơn",
    "Sơn Cẩm Hạ",
]
CITY_LEVEL = [  # (name, short name, kind)
    ("Sở Xây dựng tỉnh Thái Nguyên", "Sở Xây dựng", "department"),
    ("Sở Y tế tỉnh Thái Nguyên", "Sở Y tế", "department"),
    ("Sở Tài chính tỉnh Thái Nguyên", "Sở Tài chính", "department"),
    ("Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên", "Sở Nông nghiệp và Môi trường", "department"),
    ("Sở Công Thương tỉnh Thái Nguyên", "Sở Công Thương", "department"),
    ("Sở Giáo dục và Đào tạo tỉnh Thái Nguyên", "Sở GD&ĐT", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên", "Sở VH-TT&DL", "department"),
    ("Sở Nội vụ tỉnh Thái Nguyên", "Sở Nội vụ", "department"),
    ("Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "Sở KH&CN Thái Nguyên", "department"),
    ("Bộ Chỉ huy quân sự tỉnh Thái Nguyên", "Bộ CHQS tỉnh", "military"),
    ("Công an tỉnh Thái Nguyên", "Công an tỉnh", "police"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị thành phố Thái Nguyên", "Phòng Kinh tế, Hạ tầng và Đô thị", "department"),
    ("Phòng Văn hóa - Xã hội thành phố Thái Nguyên", "Phòng Văn hóa - Xã hội", "department"),
    ("Phòng Nội vụ thành phố Thái Nguyên", "Phòng Nội vụ", "department"),
    ("Thanh tra thành phố Thái Nguyên", "Thanh tra thành phố", "department"),
    ("Công ty Điện lực Thái Nguyên", "Điện lực Thái Nguyên", "unit"),
    ("Công ty Cổ phần Nước sạch Thái Nguyên", "Nước sạch Thái Nguyên", "unit"),
    ("Bệnh viện Đa khoa Trung ương Thái Nguyên", "Bệnh viện Trung ương", "unit"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh Thái Nguyên", "CDC Thái Nguyên", "unit"),
    ("Đài Phát thanh - Truyền hình Thái Nguyên", "Đài PT-TH", "unit"),
    ("Công ty TNHH MTV Khai thác thủy lợi Thái Nguyên", "Thủy lợi Thái Nguyên", "unit"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Thái Nguyên", "UBMTTQ thành phố", "unit"),
    ("Thành đoàn Thái Nguyên", "Thành đoàn", "unit"),
    ("Hội Liên hiệp Phụ nữ thành phố Thái Nguyên", "Hội LHPN thành phố", "unit"),
    ("Hội Chữ thập đỏ thành phố Thái Nguyên", "Hội CTĐ thành phố", "unit"),
]
LOCAL_LEVEL = [  # (name, short name, kind, group it belongs to); {p} is "phường Gia Sàng", {n} is "Gia Sàng"
    ("Ủy ban nhân dân {p}", "UBND {p}", "locality", "Ủy ban nhân dân các xã, phường"),
    ("Ban Chỉ huy quân sự {p}", "Ban CHQS {p}", "military", "Ban Chỉ huy quân sự các xã, phường"),
    ("Công an {p}", "", "police", "Công an các xã, phường"),
    ("Trạm Y tế {p}", "", "unit", "Trạm Y tế các xã, phường"),
    ("Trường Trung học cơ sở {n}", "Trường THCS {n}", "unit", "Các trường học trên địa bàn thành phố"),
    ("Trường Tiểu học {n}", "Trường TH {n}", "unit", "Các trường học trên địa bàn thành phố"),
    ("Trường Mầm non {n}", "Trường MN {n}", "unit", "Các trường học trên địa bàn thành phố"),
    ("Hội Chữ thập đỏ {p}", "Hội CTĐ {p}", "unit", "Các tổ chức chính trị - xã hội"),
]
NEW_GROUPS = [
    "Công an các xã, phường",
    "Trạm Y tế các xã, phường",
    "Các trường học trên địa bàn thành phố",
    "Các tổ chức chính trị - xã hội",
    "Các sở, ngành của tỉnh",
]
TITLES = [  # the subject line ("trích yếu"), which follows the kind: "Kế hoạch" + "Diễn tập ..."
    "Thực hiện Chiến lược quốc gia phòng thủ dân sự trên địa bàn {place}",
    "Phòng thủ dân sự năm {year} của {place}",
    "Ứng phó sự cố, thiên tai và tìm kiếm cứu nạn trên địa bàn {place} năm {year}",
    "Diễn tập phòng thủ dân sự {place} năm {year}",
    "Tuyên truyền, phổ biến kiến thức phòng thủ dân sự giai đoạn {year} - 2030",
    "Phòng, chống thiên tai và tìm kiếm cứu nạn {place} năm {year}",
    "Triển khai Luật Phòng thủ dân sự năm 2023 trên địa bàn {place}",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Dương", "Ngô", "Lương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Thanh", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hương", "Lan", "Long", "Nam", "Phương", "Sơn", "Tâm"]
POSITIONS = ["Chuyên viên", "Phó Trưởng phòng", "Cán bộ chuyên trách", "Chỉ huy phó", "Văn thư"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", "--demo-users", "--without-province", verbosity=0, stdout=open(os.devnull, "w"))
    print(f"migrate, seed: {time.perf_counter() - started:.1f} s")
    if Programme.objects.count() > 2:
        sys.exit("This database already holds more than the seed: generate into an empty one.")
    with transaction.atomic():
        Generator(random.Random(args.seed), args.scale, timezone.localdate()).run()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # autovacuum would, a while after a bulk load; the benchmarks run at once
    print(f"{connection.vendor} database {connection.settings_dict['NAME']}, scale {args.scale}:")
    for label, count in counts():
        print(f"  {label:30} {count:>12}")
    print(f"Generated in {time.perf_counter() - started:.1f} s. Accounts: password {PASSWORD}.")


def counts():
    users = get_user_model().objects
    return [
        ("agencies (of which groups)", f"{Agency.objects.count()} ({Agency.objects.filter(kind='group').count()})"),
        ("programmes", f"{Programme.objects.count()}"),
        ("phases, sections", f"{Phase.objects.count()}, {Section.objects.count()}"),
        ("tasks", f"{Task.objects.count():,}"),
        ("assignments", f"{Assignment.objects.count():,}"),
        ("progress reports", f"{ProgressReport.objects.count():,}"),
        ("  of which setting the status", f"{ProgressReport.objects.filter(sets_status=True).count():,}"),
        ("officers", f"{users.filter(groups__name=OFFICER).count()}"),
        ("command staff", f"{users.filter(groups__name=COMMAND_STAFF).count()}"),
        ("leadership", f"{users.filter(groups__name=LEADERSHIP).count()}"),
    ]


def scaled(number, scale, least=1):
    return max(least, round(number * scale))


class Generator:
    def __init__(self, rng, scale, today):
        self.rng, self.scale, self.today = rng, scale, today

    def run(self):
        for step in (self.make_agencies, self.make_users, self.make_programmes, self.make_tasks, self.make_reports):
            started = time.perf_counter()
            step()
            print(f"{step.__name__.replace('_', ' ')}: {time.perf_counter() - started:.1f} s")

    # --- agencies -------------------------------------------------------------------------------------------

    def make_agencies(self):
        existing = Agency.objects.count()
        wanted = max(0, scaled(AGENCIES, self.scale, 0) - existing)
        groups = NEW_GROUPS[: max(0, min(len(NEW_GROUPS), wanted // 20))]
        singles = self.agency_rows()[: wanted - len(groups)]
        new = [
            Agency(name=name, short_name=short, kind=kind, folded_name=fold_name(name))  # save() is skipped
            for name, short, kind, _group in singles
        ] + [Agency(name=name, kind=Agency.Kind.GROUP, folded_name=fold_name(name)) for name in groups]
        Agency.objects.bulk_create(new, batch_size=BATCH)
        by_name = {a.name: a for a in Agency.objects.all()}
        members = [(group, name) for name, _short, _kind, group in singles if group]
        members += [("Các sở, ngành của tỉnh", name) for name, _short, _kind in CITY_LEVEL if "tỉnh" in name]
        Agency.members.through.objects.bulk_create(
            [
                Agency.members.through(from_agency=by_name[group], to_agency=by_name[name])
                for group, name in members
                if group in by_name and name in by_name
            ],
            ignore_conflicts=True,
        )
        # Tasks go to the city's agencies, seeded and generated (a city's programmes, as before the city level
        # ended in 2025), not to the Bắc Giang ones.
        current = Agency.objects.exclude(name__icontains="Bắc Giang").order_by("pk")
        self.singles = list(current.exclude(kind=Agency.Kind.GROUP))
        self.groups = list(current.filter(kind=Agency.Kind.GROUP))
        self.city_command = by_name[CITY_COMMAND]

    def agency_rows(self):
        """City-level bodies first, then each ward's and commune's, so a smaller scale still has a mix."""
        rows = [(name, short, kind, None) for name, short, kind in CITY_LEVEL]
        places = [("phường", n) for n in WARDS] + [("xã", n) for n in COMMUNES]
        for level, name in places:
            place = f"{level} {name}"
            for template, short, kind, group in LOCAL_LEVEL:
                rows.append((template.format(p=place, n=name), short.format(p=place, n=name), kind, group))
        return rows

    # --- users ----------------------------------------------------------------------------------------------

    def make_users(self):
        """Officers for some agencies, command staff of the coordinating agencies, leadership; one password."""
        rng = self.rng
        local_commands = [
            a for a in self.singles if a.name.startswith(("Ban Chỉ huy quân sự phường", "Ban Chỉ huy quân sự xã"))
        ]
        self.coordinators = [self.city_command] + local_commands[: scaled(5, self.scale, 0)]
        officer_agencies = rng.sample(self.singles, min(len(self.singles), scaled(OFFICERS, self.scale)))
        plan = [(f"canbo{i:03}", OFFICER, agency) for i, agency in enumerate(officer_agencies, 1)]
        plan += [(f"chqs{i:02}", COMMAND_STAFF, self.city_command) for i in range(1, CITY_STAFF + 1)]
        plan += [
            (f"chqs{i:02}", COMMAND_STAFF, agency) for i, agency in enumerate(self.coordinators[1:], CITY_STAFF + 1)
        ]
        plan += [(f"lanhdao{i:02}", LEADERSHIP, None) for i in range(1, LEADERS + 1)]
        password = make_password(PASSWORD)  # hashed once: a million PBKDF2 rounds per user would take minutes
        User = get_user_model()
        users = User.objects.bulk_create(
            [
                User(
                    username=name,
                    password=password,
                    first_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                )
                for name, _role, _agency in plan
            ]
        )
        groups = {g.name: g for g in Group.objects.all()}
        User.groups.through.objects.bulk_create(
            [User.groups.through(user=u, group=groups[role]) for u, (_n, role, _a) in zip(users, plan, strict=True)]
        )
        Profile.objects.bulk_create(
            [
                Profile(user=u, agency=agency, position=rng.choice(POSITIONS) if agency else "Lãnh đạo")
                for u, (_n, _role, agency) in zip(users, plan, strict=True)
            ]
        )
        self.officer_of = {agency.pk: u for u, (_n, role, agency) in zip(users, plan, strict=True) if role == OFFICER}
        self.staff_of = {}
        for u, (_n, role, agency) in zip(users, plan, strict=True):
            if role == COMMAND_STAFF:
                self.staff_of.setdefault(agency.pk, u)

    # --- programmes -----------------------------------------------------------------------------------------

    def make_programmes(self):
        rng = self.rng
        numbers = set()
        self.programmes = []
        for _i in range(scaled(PROGRAMMES, self.scale)):
            # Most are the city's, coordinated by its military command; some are a ward's own plan.
            local = len(self.coordinators) > 1 and rng.random() < 0.2
            coordinator = rng.choice(self.coordinators[1:]) if local else self.city_command
            place = coordinator.name.removeprefix("Ban Chỉ huy quân sự ") if local else CITY
            issuer = f"Ủy ban nhân dân {place}" if local else "UBND thành phố Thái Nguyên"
            year = rng.choice([2024, 2025, 2025, 2026])
            issued_on = min(self.today, datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)))
            kind = rng.choice(["Kế hoạch", "Kế hoạch", "Chương trình"])
            number = None
            while number is None or (number, issuer, year) in numbers:
                number = f"{rng.randint(5, 480)}/{'KH' if kind == 'Kế hoạch' else 'CTr'}-UBND"
            numbers.add((number, issuer, year))
            self.programmes.append(
                Programme(
                    kind=kind,
                    number=number,
                    year=year,
                    issuer=issuer,
                    place="TP. Thái Nguyên",
                    title=rng.choice(TITLES).format(place=place, year=year),
                    issued_on=issued_on,
                    issued_on_as_written=f"ngày {issued_on.day} tháng {issued_on.month} năm {year}",
                    signer_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                    coordinating_agency=coordinator,
                )
            )
        Programme.objects.bulk_create(self.programmes)
        phases, sections = [], []
        for programme in self.programmes:
            y = programme.year
            spans = [
                (programme.issued_on, datetime.date(y + 1, 12, 31)),
                (datetime.date(y + 2, 1, 1), datetime.date(2030, 12, 31)),
                (datetime.date(2031, 1, 1), None),
            ]
            for number, (start, end) in enumerate(spans, 1):
                label = f"Giai đoạn {number} ({start.year} - {end.year})" if end else f"Giai đoạn {number} (sau 2030)"
                phases.append(
                    Phase(
                        programme=programme,
                        number=number,
                        name=f"Giai đoạn {number}",
                        label_as_written=label,
                        start=start,
                        end=end,
                    )
                )
        Phase.objects.bulk_create(phases)
        Objective.objects.bulk_create(
            Objective(phase=phase, position=i, text=f"Hoàn thành {self.rng.choice(OBJECTS)} {self.rng.choice(SCOPES)}.")
            for phase in phases
            for i in range(1, self.rng.randint(2, 4))
        )
        self.phases = defaultdict(dict)
        for phase in phases:
            self.phases[phase.programme_id][phase.number] = phase
        # Uneven programmes, as in life: a few large ones, many small ones.
        weights = [rng.lognormvariate(0, 0.9) for _p in self.programmes]
        total = scaled(TASKS, self.scale)
        self.sizes = Counter(range(len(self.programmes)))  # at least one task each
        self.sizes.update(rng.choices(range(len(self.programmes)), weights, k=max(0, total - len(self.programmes))))
        for index, programme in enumerate(self.programmes):
            count = min(len(SECTION_TOPICS), 2 + self.sizes[index] // 25)
            for position, topic in enumerate(rng.sample(SECTION_TOPICS, count), 1):
                sections.append(Section(programme=programme, position=position, numeral=roman(position), title=topic))
        Section.objects.bulk_create(sections)
        self.sections = defaultdict(list)
        for section in sections:
            self.sections[section.programme_id].append(section)

    # --- tasks ----------------------------------------------------------------------------------------------

    def make_tasks(self):
        rng = self.rng
        tasks, self.plans = [], []  # plans: (task, lead agencies, support agencies, phase numbers)
        for index, programme in enumerate(self.programmes):
            sections = self.sections[programme.pk]
            weights = [rng.uniform(0.5, 2.0) for _s in sections]
            positions = Counter()
            for _i in range(self.sizes[index]):
                section = rng.choices(sections, weights)[0]
                positions[section.pk] += 1
                task, leads, supports, phase_numbers = self.make_task(programme, section, positions[section.pk])
                tasks.append(task)
                self.plans.append((task, leads, supports, phase_numbers))
        bulk_create_with_history(tasks, Task, batch_size=BATCH)
        links = [
            Task.phases.through(task=task, phase=self.phases[task.section.programme_id][n])
            for task, _leads, _supports, numbers in self.plans
            for n in numbers
        ]
        Task.phases.through.objects.bulk_create(links, batch_size=BATCH)
        assignments = []
        for task, leads, supports, _numbers in self.plans:
            for role, agencies in ((Assignment.Role.LEAD, leads), (Assignment.Role.SUPPORT, supports)):
                assignments += [
                    Assignment(task=task, agency=a, role=role, position=i) for i, a in enumerate(agencies, 1)
                ]
        bulk_create_with_history(assignments, Assignment, batch_size=BATCH)

    def make_task(self, programme, section, position):
        rng = self.rng
        sentences = [f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(SCOPES)}."]
        sentences += rng.sample(EXTRAS, rng.choice([0, 0, 1, 1, 2]))
        pool = self.singles
        # A few tasks name a group phrase ("UBND các xã, phường") instead of agencies one by one.
        leads = (
            [rng.choice(self.groups)]
            if self.groups and rng.random() < 0.03
            else rng.sample(pool, rng.choice([1] * 6 + [2]))
        )
        supports = [a for a in rng.sample(pool, rng.choice([0, 1, 1, 2, 3])) if a not in leads]
        if self.groups and rng.random() < 0.05:
            supports.append(rng.choice([g for g in self.groups if g not in leads]))
        phases = self.phases[programme.pk]
        kind = rng.choices(
            [
                ScheduleKind.DUE_DATE,
                ScheduleKind.PHASE,
                ScheduleKind.ONGOING,
                ScheduleKind.RECURRING,
                ScheduleKind.UNSPECIFIED,
            ],
            [38, 27, 20, 10, 5],
        )[0]
        due, numbers, recurrence, period_months, conditional = None, [], "", None, ""
        if kind == ScheduleKind.DUE_DATE:
            text, due = self.due_words(programme)
            numbers = [n for n, p in phases.items() if p.start <= due and (p.end is None or due <= p.end)][:1]
            timeframe = [text, "", ""]
        elif kind == ScheduleKind.PHASE:
            numbers = rng.choice([[1], [1], [1, 2], [2], [2, 3]])
            timeframe = ["x" if n in numbers else "" for n in (1, 2, 3)]
            due = phases[max(numbers)].end
        elif kind == ScheduleKind.ONGOING:
            timeframe = ["Thường xuyên", "", ""]
        elif kind == ScheduleKind.RECURRING:
            timeframe, recurrence = rng.choice(
                [
                    (["Hằng năm", "", ""], Recurrence.YEARLY),
                    (["Hằng năm hoặc đột xuất", "", ""], Recurrence.YEARLY_OR_AD_HOC),
                    (["Định kỳ", "", ""], Recurrence.PERIODIC),
                ]
            )
            period_months = 6 if recurrence == Recurrence.PERIODIC else None
        else:
            timeframe = ["", "", ""]
            conditional = "Sau khi có văn bản chỉ đạo của cấp trên" if rng.random() < 0.5 else ""
        override = due is not None and rng.random() < 0.03
        lead_officer = self.officer_of.get(leads[0].pk)
        task = Task(
            section=section,
            position=position,
            number=str(position),
            content=" ".join(sentences),
            deliverable=rng.choice(DELIVERABLES),
            lead_as_written=", ".join(a.short_name or a.name for a in leads),
            support_as_written=", ".join(a.short_name or a.name for a in supports),
            timeframe_as_written=timeframe,
            schedule_kind=kind,
            due_on=due,
            recurrence=recurrence,
            period_months=period_months,
            conditional=conditional,
            due_override=due + datetime.timedelta(days=rng.choice([30, 60, 90])) if override else None,
            due_override_reason="Điều chỉnh theo đề nghị của cơ quan chủ trì." if override else "",
            responsible_officer=lead_officer if lead_officer and rng.random() < 0.3 else None,
        )
        task.index_words()  # bulk_create skips save()
        return task, leads, supports, numbers

    def due_words(self, programme):
        """A deadline as the documents write it, from the programme's year to two years on."""
        rng = self.rng
        year = rng.randint(programme.year, programme.year + 2)
        shape = rng.choice(["quarter", "quarter", "month", "year"])
        if shape == "quarter":
            quarter = rng.randint(1, 4)
            end = datetime.date(year, 3 * quarter, 1) + datetime.timedelta(days=31)
            return f"Quý {roman(quarter)} năm {year}", end.replace(day=1) - datetime.timedelta(days=1)
        if shape == "month":
            month = rng.randint(1, 12)
            end = (datetime.date(year, month, 28) + datetime.timedelta(days=4)).replace(day=1)
            return f"Tháng {month} năm {year}", end - datetime.timedelta(days=1)
        return f"Năm {year}", datetime.date(year, 12, 31)

    # --- progress reports -----------------------------------------------------------------------------------

    def make_reports(self):
        """Reports over the tasks: about a third never reported on, the others unevenly, dated up to today."""
        rng = self.rng
        active = [plan for plan in self.plans if rng.random() < 0.7]
        weights = [rng.expovariate(1) for _p in active]
        per_task = Counter(rng.choices(range(len(active)), weights, k=scaled(REPORTS, self.scale)))
        reports = []
        for index, count in sorted(per_task.items()):
            reports += self.task_reports(*active[index], count)
        bulk_create_with_history(reports, ProgressReport, batch_size=BATCH)

    def task_reports(self, task, leads, supports, _numbers, count):
        rng = self.rng
        programme = task.section.programme
        start = programme.issued_on
        span = max(1, (self.today - start).days)
        days = sorted(start + datetime.timedelta(days=rng.randint(0, span)) for _i in range(count))
        finishes = not task.is_recurring and rng.random() < 0.45
        staff = self.staff_of[programme.coordinating_agency_id]
        # A group phrase does not report: its members do, or command staff for it (and so set the status).
        leads = [a for a in leads if not a.is_group] or [programme.coordinating_agency]
        supports = [a for a in supports if not a.is_group]
        reports = []
        for step, day in enumerate(days, 1):
            by_support = bool(supports) and rng.random() < 0.25
            agency = rng.choice(supports) if by_support else leads[0]
            percent = min(95, max(5, 5 * round(20 * step / (len(days) + 1))))  # grows report after report
            if not by_support and step == len(days) and finishes:
                status, percent = Progress.DONE, 100
            else:
                status = Progress.PAUSED if rng.random() < 0.03 else Progress.IN_PROGRESS
            document = rng.random() < 0.4
            done = status == Progress.DONE
            confirmed = done and rng.random() < 0.5
            reports.append(
                ProgressReport(
                    task=task,
                    agency=agency,
                    sets_status=not by_support,
                    status=status,
                    percent=percent,
                    author=self.officer_of.get(agency.pk) or staff,
                    result=" ".join(rng.sample(RESULTS, rng.choice([1, 1, 2]))),
                    reported_on=day,
                    completed_on=day if done else None,
                    period=f"{day.year}-Q{(day.month - 1) // 3 + 1}" if task.is_recurring else "",
                    document_kind=rng.choice(DOCUMENT_KINDS) if document else "",
                    document_number=f"{rng.randint(1, 450)}/KH-UBND" if document else "",
                    document_date=day - datetime.timedelta(days=rng.randint(0, 20)) if document else None,
                    acceptance=Acceptance.ACCEPTED if confirmed else "",
                    decided_by=staff if confirmed else None,
                    decided_at=timezone.now() if confirmed else None,
                )
            )
        return reports


if __name__ == "__main__":
    main()
