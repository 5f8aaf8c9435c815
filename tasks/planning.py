"""A subordinate level's plan drawn from its parent programme: the chosen tasks, copied and linked to their originals.

The copy takes what the parent document says (content, timeframe, agencies as written); what the parent's command
staff decided for themselves (deadline overrides, responsible officer, review notes) stays with the parent.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import AdministrativeUnit

from .models import Assignment, Phase, Programme, Section, Task

PHASE_FIELDS = ["number", "name", "label_as_written", "start", "end"]
SECTION_FIELDS = ["numeral", "title"]
TASK_FIELDS = [
    "position",
    "number",
    "content",
    "deliverable",
    "lead_as_written",
    "support_as_written",
    "timeframe_as_written",
    "schedule_kind",
    "due_on",
    "starts_on",
    "recurrence",
    "period_months",
    "conditional",
]
ASSIGNMENT_FIELDS = ["agency_id", "role", "position"]


def default_title(parent):
    """ "Thực hiện chương trình hành động số 04/CTr-UBND của UBND thành phố": the parent as a sentence cites it."""
    cited = f"{parent.kind[:1].lower()}{parent.kind[1:]} số {parent.number}"
    if parent.issuer:
        cited += f" của {parent.issuer}"
    return _("Thực hiện %(programme)s") % {"programme": cited}


def create_child_programme(parent, tasks, *, kind, number, title, issuer, year, coordinating_agency, user):
    """The new programme, with `parent` as its parent and a copy of each of `tasks` (current tasks of `parent`).

    Raises ValidationError (by field where it has one) and writes nothing if the tasks or the number will not do.
    """
    wanted = {task.pk for task in tasks}
    if not wanted:
        raise ValidationError({"tasks": _("Hãy chọn ít nhất một nhiệm vụ của chương trình cấp trên.")})
    tasks = list(
        Task.objects.current()
        .filter(pk__in=wanted, section__programme=parent)
        .select_related("section")
        .prefetch_related("phases", "assignments")
        .order_by("section__position", "position")
    )
    if len(tasks) != len(wanted):
        raise ValidationError({"tasks": _("Chỉ chọn được nhiệm vụ hiện hành của %(parent)s.") % {"parent": parent}})
    if Programme.objects.filter(number=number, issuer=issuer, year=year).exists():
        raise _number_taken(number, issuer, year)
    with transaction.atomic():
        try:
            programme = Programme.objects.create(
                parent=parent,
                kind=kind,
                number=number,
                title=title,
                issuer=issuer,
                year=year,
                coordinating_agency=coordinating_agency,
                # The subordinate level's unit: the one its issuer names, else its coordinating agency's.
                unit=AdministrativeUnit.objects.named_in(issuer) or getattr(coordinating_agency, "unit", None),
            )
        except IntegrityError as error:  # the same number saved meanwhile by someone else; the block rolls back
            raise _number_taken(number, issuer, year) from error
        phases = {
            phase.number: Phase.objects.create(programme=programme, **_fields(phase, PHASE_FIELDS))
            for phase in parent.phases.all()
        }
        sections = {}
        for task in tasks:
            if task.section_id not in sections:  # the chosen tasks' sections, renumbered in the parent's order
                sections[task.section_id] = Section.objects.create(
                    programme=programme, position=len(sections) + 1, **_fields(task.section, SECTION_FIELDS)
                )
            _copy_task(task, sections[task.section_id], phases, user)
    return programme


def _fields(instance, names):
    return {name: getattr(instance, name) for name in names}


def _number_taken(number, issuer, year):
    message = _("Đã có văn bản số %(number)s của %(issuer)s năm %(year)d; hãy kiểm tra lại số, ký hiệu.")
    return ValidationError({"number": message % {"number": number, "issuer": issuer or "—", "year": year}})


def _copy_task(task, section, phases, user):
    copy = Task(section=section, parent_task=task, **_fields(task, TASK_FIELDS))
    copy._history_user = user  # the audit trail names who drew up the plan, in a request or not
    copy.save()
    copy.phases.set([phases[phase.number] for phase in task.phases.all()])
    for assignment in task.assignments.all():
        new = Assignment(task=copy, **_fields(assignment, ASSIGNMENT_FIELDS))
        new._history_user = user
        new.save()
