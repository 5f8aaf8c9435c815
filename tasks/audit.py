"""A task's audit trail read as people read it: who changed which field from what to what, newest first.

The records are django-simple-history's; here they are only put into words. A save that changed nothing
writes no record at the source (the forms skip it), and any such record left from before is not shown.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Assignment, ProgressReport, Task
from .status import Acceptance

ACTIONS = {"+": gettext_lazy("Tạo mới"), "~": gettext_lazy("Sửa"), "-": gettext_lazy("Xoá")}
ASSIGNMENT_ACTIONS = {"+": gettext_lazy("Thêm"), "-": gettext_lazy("Bỏ")}
DECISIONS = {
    Acceptance.ACCEPTED: gettext_lazy("Ban CHQS xác nhận hoàn thành"),
    Acceptance.RETURNED: gettext_lazy("Ban CHQS trả lại"),
}
ROLE_NAMES = {
    Assignment.Role.LEAD: gettext_lazy("Cơ quan chủ trì"),
    Assignment.Role.SUPPORT: gettext_lazy("Cơ quan phối hợp"),
}
# Kept for searching, never typed by anyone: not a change people make.
HIDDEN_FIELDS = ["search_text"]
ARROW = " \u2192 "


def person(user):
    """The name people know: "Trần Văn Chỉ Huy", the username only for an account without one."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username


def audit_trail(task):
    """Changes to the task, its assignments and its reports, newest first: dicts of when, who, subject, action,
    detail. Four queries whatever the number of changes (a fifth when officers or parent tasks changed)."""
    entries = []
    records = list(task.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None or record.history_type != "~":
            changes.append((record, []))
            continue
        diff = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes
        if diff or record.history_change_reason:
            changes.append((record, diff))
    names = _referenced_names([change for _record, diff in changes for change in diff])
    for record, diff in changes:
        detail = "; ".join(_change_line(change, names) for change in diff)
        if record.history_change_reason:
            detail = f"{detail}; {record.history_change_reason}" if detail else record.history_change_reason
        entries.append(_entry(record, _("Nhiệm vụ"), ACTIONS[record.history_type], detail))
    assignments = Assignment.history.filter(task_id=task.pk).select_related("history_user", "agency")
    for record in assignments:
        if record.history_type == "~":
            continue  # only its place in the list moved (an amendment renumbering): no change of who does what
        detail = f"{ROLE_NAMES[record.role]}: {record.agency}"
        entries.append(_entry(record, _("Phân công"), ASSIGNMENT_ACTIONS[record.history_type], detail))
    reports = ProgressReport.history.filter(task_id=task.pk).select_related("history_user", "agency")
    for record in reports:
        if record.history_type == "~" and record.decided_at:
            action = DECISIONS.get(record.acceptance, ACTIONS["~"])
            grade = _("Xếp loại: %(grade)s") % {"grade": record.get_grade_display()} if record.grade else ""
            detail = " · ".join(part for part in (grade, record.decision_note) if part)
        else:
            action = ACTIONS[record.history_type]
            detail = f"{record.agency}: {record.get_status_display()}, {record.percent}%"
        entries.append(_entry(record, _("Báo cáo tiến độ"), action, detail))
    return sorted(entries, key=lambda e: e["when"], reverse=True)


def _entry(record, subject, action, detail):
    return {
        "when": record.history_date,
        "who": person(record.history_user),
        "subject": subject,
        "action": action,
        "detail": detail,
    }


def _referenced_names(changes):
    """The names behind the ids a change names (officers, parent tasks), one query per kind at most."""
    ids = {"responsible_officer": set(), "parent_task": set()}
    for change in changes:
        if change.field in ids:
            ids[change.field].update(v for v in (change.old, change.new) if v is not None)
    names = {}
    if ids["responsible_officer"]:
        users = get_user_model().objects.filter(pk__in=ids["responsible_officer"])
        names["responsible_officer"] = {u.pk: person(u) for u in users}
    if ids["parent_task"]:
        tasks = Task.objects.filter(pk__in=ids["parent_task"]).select_related("section__programme")
        names["parent_task"] = {t.pk: f"{t.reference} ({t.section.programme.number})" for t in tasks}
    return names


def _change_line(change, names):
    field = Task._meta.get_field(change.field)
    old, new = (_value(field, value, names) for value in (change.old, change.new))
    return f"{field.verbose_name}: {old}{ARROW}{new}"


def _value(field, value, names):
    if value in (None, "", [], {}):
        return "—"
    if field.name in names:
        return names[field.name].get(value, "—")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return _day(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    return Truncator(str(value)).chars(80)


def _day(value):
    return date_format(value, "d/m/Y")
