"""A small province after 2025 for the tests of the tree: the province, two communes and a department.

    Tỉnh Thử Nghiệm (UBND tỉnh, Bộ CHQS tỉnh oversee it; Sở Y tế is one of its departments)
    ├── Xã Một   (UBND xã, Ban CHQS xã oversee it; Công an xã Một)
    └── Phường Hai (UBND phường, Ban CHQS phường)

Programmes: the province's (coordinated by Bộ CHQS tỉnh), Sở Y tế's plan and each commune's plan, all three carrying
out the province's. Personas (username: role, agency) are in PERSONAS; their password is the demo one.
"""

import datetime

from django.contrib.auth import get_user_model

from agencies.models import AdministrativeUnit, Agency, Profile
from tasks.documents.timeframe import ScheduleKind
from tasks.models import Assignment, Programme, Section, Task
from tasks.roles import COMMAND_STAFF, LEADERSHIP, OFFICER, ensure_role_groups

Kind = Agency.Kind
# key: (name, kind, unit key, oversees its unit)
AGENCIES = {
    "ubnd_tinh": ("Ủy ban nhân dân tỉnh Thử Nghiệm", Kind.COMMITTEE, "tinh", True),
    "bo_chqs": ("Bộ Chỉ huy quân sự tỉnh Thử Nghiệm", Kind.MILITARY, "tinh", True),
    "so_yte": ("Sở Y tế tỉnh Thử Nghiệm", Kind.DEPARTMENT, "tinh", False),
    "ubnd_xa1": ("Ủy ban nhân dân xã Một", Kind.COMMITTEE, "xa1", True),
    "chqs_xa1": ("Ban Chỉ huy quân sự xã Một", Kind.MILITARY, "xa1", True),
    "congan_xa1": ("Công an xã Một", Kind.POLICE, "xa1", False),
    "ubnd_xa2": ("Ủy ban nhân dân phường Hai", Kind.COMMITTEE, "xa2", True),
    "chqs_xa2": ("Ban Chỉ huy quân sự phường Hai", Kind.MILITARY, "xa2", True),
}
# key: (number, unit key, coordinating agency, parent key, [(lead, support or None)])
PROGRAMMES = {
    "tinh": ("10/KH-UBND", "tinh", "bo_chqs", None, [("so_yte", None), ("congan_xa1", "so_yte"), ("bo_chqs", None)]),
    "soyte": ("20/KH-SYT", "tinh", "so_yte", "tinh", [("so_yte", None)]),
    "xa1": ("30/KH-UBND", "xa1", "chqs_xa1", "tinh", [("congan_xa1", "chqs_xa1"), ("chqs_xa1", None)]),
    "xa2": ("40/KH-UBND", "xa2", "chqs_xa2", "tinh", [("chqs_xa2", None)]),
}
PERSONAS = {
    "tinh_lanhdao": (LEADERSHIP, "ubnd_tinh"),
    "tinh_chqs": (COMMAND_STAFF, "bo_chqs"),
    "soyte_lanhdao": (LEADERSHIP, "so_yte"),
    "soyte": (OFFICER, "so_yte"),
    "xa1_lanhdao": (LEADERSHIP, "ubnd_xa1"),
    "xa1_chqs": (COMMAND_STAFF, "chqs_xa1"),
    "xa1_congan": (OFFICER, "congan_xa1"),
    "xa2_lanhdao": (LEADERSHIP, "ubnd_xa2"),
}


class Province:
    def __init__(self):
        province = AdministrativeUnit.objects.create(
            name="Tỉnh Thử Nghiệm", place_name="Thử Nghiệm", kind=AdministrativeUnit.Kind.PROVINCE
        )
        commune = AdministrativeUnit.Kind.COMMUNE
        self.units = {
            "tinh": province,
            "xa1": AdministrativeUnit.objects.create(name="Xã Một", place_name="Một", kind=commune, parent=province),
            "xa2": AdministrativeUnit.objects.create(
                name="Phường Hai", place_name="Hai", kind=commune, parent=province
            ),
        }
        self.agencies = {
            key: Agency.objects.create(name=name, kind=kind, unit=self.units[unit], oversees_unit=oversees)
            for key, (name, kind, unit, oversees) in AGENCIES.items()
        }
        self.programmes, self.tasks = {}, {}
        for key, (number, unit, coordinator, parent, rows) in PROGRAMMES.items():
            programme = Programme.objects.create(
                kind="Kế hoạch",
                number=number,
                title=f"Kế hoạch phòng thủ dân sự {number}",
                year=2026,
                unit=self.units[unit],
                coordinating_agency=self.agencies[coordinator],
                parent=self.programmes.get(parent),
            )
            section = Section.objects.create(programme=programme, position=1, numeral="I", title="Nhiệm vụ")
            self.programmes[key] = programme
            self.tasks[key] = [self._task(section, i, lead, support) for i, (lead, support) in enumerate(rows, 1)]
        groups = ensure_role_groups()
        self.users = {}
        for username, (role, agency) in PERSONAS.items():
            user = get_user_model().objects.create_user(username, password="ptds-demo")
            user.groups.add(groups[role])
            Profile.objects.create(user=user, agency=self.agencies[agency])
            self.users[username] = user

    def add_commune(self, key, name, tasks=1):
        """Another commune under the province with its committee (key) and a plan of `tasks` tasks it leads."""
        unit = AdministrativeUnit.objects.create(
            name=name, place_name=name, kind=AdministrativeUnit.Kind.COMMUNE, parent=self.units["tinh"]
        )
        self.units[key] = unit
        self.agencies[key] = Agency.objects.create(
            name=f"Ủy ban nhân dân {name}", kind=Kind.COMMITTEE, unit=unit, oversees_unit=True
        )
        programme = Programme.objects.create(
            kind="Kế hoạch",
            number=f"{100 + len(self.programmes)}/KH-UBND",
            title=f"Kế hoạch phòng thủ dân sự {name}",
            year=2026,
            unit=unit,
            coordinating_agency=self.agencies[key],
            parent=self.programmes["tinh"],
        )
        section = Section.objects.create(programme=programme, position=1, numeral="I", title="Nhiệm vụ")
        self.programmes[key] = programme
        self.tasks[key] = [self._task(section, i, key, None) for i in range(1, tasks + 1)]
        return programme

    def _task(self, section, position, lead, support):
        task = Task.objects.create(
            section=section,
            position=position,
            number=str(position),
            content=f"Nhiệm vụ {position} của {section.programme.number}",
            lead_as_written=self.agencies[lead].name,
            schedule_kind=ScheduleKind.DUE_DATE,
            due_on=datetime.date(2026, 12, 31),
        )
        Assignment.objects.create(task=task, agency=self.agencies[lead], role=Assignment.Role.LEAD, position=1)
        if support:
            Assignment.objects.create(
                task=task, agency=self.agencies[support], role=Assignment.Role.SUPPORT, position=1
            )
        return task

    def tasks_of(self, *programmes):
        return {task.pk for key in programmes for task in self.tasks[key]}

    def tasks_naming(self, agency_key):
        agency = self.agencies[agency_key]
        return {t.pk for tasks in self.tasks.values() for t in tasks if t.assignments.filter(agency=agency).exists()}
