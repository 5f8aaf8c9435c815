"""The rows of a filled "my tasks" sheet, each checked by the web progress form's rules before anything is saved."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import access, offline
from .forms.progress import ProgressForm, SheetProgressForm
from .models import ProgressReport, Task
from .periods import parse_period
from .status import Progress


def reportable(agency):
    """The tasks a sheet may report on: the current tasks naming the agency, ready to show and check."""
    return Task.objects.current().assigned_to(agency).with_status().with_document()


@dataclass
class SheetRow:
    """A filled row of the sheet: its task if the officer may report on it, the web form built from it."""

    number: int
    data: dict
    task: Task | None = None
    form: ProgressForm | None = None
    errors: list = field(default_factory=list)
    shown: dict = field(default_factory=dict)

    @property
    def valid(self):
        return self.form is not None and not self.errors


def check_rows(user, agency, rows):
    """Every row checked by the rules of the web form, the tasks of all rows fetched at once."""
    tasks = reportable(agency).in_bulk({row["task"] for row in rows if isinstance(row.get("task"), int)})
    headers = offline.headers()
    first_rows, checked = {}, []
    for data in rows:
        row = SheetRow(number=data.get("row", 0), data=data, task=tasks.get(data.get("task")))
        checked.append(row)
        refused = _refusal(row, first_rows)
        reporting = None if refused else access.reporting_role(user, row.task)
        if refused or not reporting.may_report:
            row.errors.append(refused or _not_ours(row))
            row.shown = _shown_as_read(data)
            continue
        first_rows[row.task.pk] = row.number
        form_data = {key: data.get(key) or "" for key in offline.INPUT_FIELDS}
        row.form = SheetProgressForm(
            {**form_data, "version": row.task.version}, task=row.task, user=user, sets_status=reporting.sets_status
        )
        errors = dict(row.form.errors)
        # What could not be read is said once, in the words of the sheet, instead of what the form made of it.
        errors.update({key: [message] for key, message in (data.get("errors") or {}).items()})
        if data.get("period") and not row.task.is_recurring:
            errors["period"] = [_("chỉ ghi cho nhiệm vụ thường xuyên, định kỳ.")]
        for key in [*offline.INPUT_FIELDS, *(key for key in errors if key not in offline.INPUT_FIELDS)]:
            row.errors.extend(f"{headers[key]}: {error}" if key in headers else error for error in errors.get(key, []))
        row.shown = _shown_as_recorded(row.form) if row.valid else _shown_as_read(data)
    return checked


def _not_ours(row):
    return _("Dòng %(row)d: nhiệm vụ này không thuộc cơ quan của anh/chị; dòng bị từ chối.") % {"row": row.number}


def _refusal(row, first_rows):
    """Why a row may not report at all (the message names the row), or None."""
    if row.data.get("task") is None:
        if row.data.get("task_ref"):
            return _("Dòng %(row)d: không đọc được mã nhiệm vụ «%(ref)s»; dòng bị từ chối.") % {
                "row": row.number,
                "ref": row.data["task_ref"],
            }
        return _("Dòng %(row)d: không có mã nhiệm vụ; dòng bị từ chối.") % {"row": row.number}
    if row.task is None:
        return _not_ours(row)
    if row.task.pk in first_rows:
        return _(
            "Dòng %(row)d: nhiệm vụ này đã có ở dòng %(first)d; mỗi nhiệm vụ chỉ báo cáo một dòng, dòng bị từ chối."
        ) % {"row": row.number, "first": first_rows[row.task.pk]}
    return None


def _shown_as_recorded(form):
    """What the report will say: the form's instance, as save() would write it."""
    report = form.instance
    return {
        "status": report.get_status_display(),
        "percent": form.cleaned_data["percent"],
        "result": report.result,
        "completed_on": form.cleaned_data.get("completed_on"),
        "document": report.document,
        "period": parse_period(report.period).label if report.period else "",
    }


def _shown_as_read(data):
    """What the row holds, for a row that will not be recorded."""
    status = data.get("status") or ""
    cited = ProgressReport(
        document_kind=data.get("document_kind") or "",
        document_number=data.get("document_number") or "",
        document_date=_day(data.get("document_date")),
    )
    return {
        "status": Progress(status).label if status in Progress.values else "",
        "percent": data.get("percent") or "",
        "result": data.get("result") or "",
        "completed_on": _day(data.get("completed_on")),
        "document": cited.document,
        "period": data.get("period") or "",
    }


def _day(iso):
    """A date of a row as read (ISO text); None when there is none or it could not be read."""
    try:
        return datetime.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
