"""Handing over ("bàn giao") what former agencies held to their successors after a reorganisation.

`proposals()` lists, for the programmes a user manages, each open task's lead or supporting part and each
programme's coordination still held by one of the reorganisation's former agencies, with the successor proposed;
`hand_over()` carries out the choices in one transaction. The task keeps its reports, files and history; a
Handover row says where it came from, so reports before the date still count it under the former agency.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Profile

from .models import Assignment, Handover, Programme, Task
from .status import Status

OPEN = [s for s in Status if not s.is_done]


@dataclass
class Proposal:
    key: str  # the form field's name: "task-<assignment pk>" or "programme-<programme pk>"
    programme: Programme
    task: Task | None
    part: Handover.Part
    former: Agency
    proposed: Agency | None  # None: the reorganisation names no one successor fitting it; staff choose


def proposals(reorganisation, programmes):
    """What the reorganisation's former agencies still hold in `programmes` (a Programme queryset): the current,
    unfinished tasks' lead and supporting parts and the coordination of the programmes, in document order."""
    former = list(reorganisation.former.all())
    successors = list(reorganisation.successors.all())
    coordinated = programmes.filter(coordinating_agency__in=former).select_related("coordinating_agency")
    found = [
        Proposal(
            f"programme-{programme.pk}",
            programme,
            None,
            Handover.Part.COORDINATOR,
            programme.coordinating_agency,
            propose(programme.coordinating_agency, successors),
        )
        for programme in coordinated
    ]
    open_tasks = Task.objects.current().filter(section__programme__in=programmes).with_status().filter(status__in=OPEN)
    assignments = (
        Assignment.objects.filter(task__in=open_tasks.values("pk"), agency__in=former)
        .select_related("agency", "task__section__programme")
        .order_by("task__section__programme", "task__section__position", "task__position", "role", "position")
    )
    found += [
        Proposal(
            f"task-{a.pk}",
            a.task.section.programme,
            a.task,
            Handover.Part(a.role),
            a.agency,
            propose(a.agency, successors),
        )
        for a in assignments
    ]
    return found


def propose(former, successors):
    """The successor a former agency's work goes to: the only one, or the only one of the same kind (police to
    police); None when staff must choose."""
    if len(successors) == 1:
        return successors[0]
    alike = [agency for agency in successors if agency.kind == former.kind]
    return alike[0] if len(alike) == 1 else None


class HandoverConflict(Exception):
    """A part changed hands since the page was shown; nothing was saved. The message is for the user."""


@transaction.atomic
def hand_over(reorganisation, chosen, user=None, move_accounts=False):
    """Carry out [(Proposal, successor)] in one transaction; the number of parts handed over.

    The successors join the group phrases their former agency belonged to. With `move_accounts`, the accounts of a
    former agency whose every part went to one successor move there too."""
    reason = _("Bàn giao theo %(basis)s") % {"basis": reorganisation.basis}
    went_to = {}
    for proposal, successor in chosen:
        if proposal.task is not None:
            _hand_over_task_part(proposal, successor, reason)
        else:
            _hand_over_coordination(proposal, successor)
        Handover.objects.create(
            reorganisation=reorganisation,
            task=proposal.task,
            programme=None if proposal.task else proposal.programme,
            part=proposal.part,
            from_agency=proposal.former,
            to_agency=successor,
            made_by=user,
        )
        went_to.setdefault(proposal.former.pk, set()).add(successor.pk)
    for former, successors in went_to.items():
        # The group phrases the former agency was named through ("Các phòng, ban, …") now name its successors too.
        groups = Agency.objects.filter(kind=Agency.Kind.GROUP, members=former)
        for group in groups:
            group.members.add(*successors)
        if move_accounts and len(successors) == 1:
            Profile.objects.filter(agency=former).update(agency=next(iter(successors)))
    return len(chosen)


def _hand_over_task_part(proposal, successor, reason):
    task = Task.objects.select_for_update().get(pk=proposal.task.pk)
    key = int(proposal.key.removeprefix("task-"))
    assignment = Assignment.objects.filter(pk=key, task=task, agency=proposal.former, role=proposal.part).first()
    if assignment is None:
        raise HandoverConflict(
            _(
                "Nhiệm vụ %(task)s vừa được phân công lại sau khi anh/chị mở trang; chưa có gì được lưu. "
                "Hãy tải lại trang."
            )
            % {"task": task.reference}
        )
    assignment._change_reason = reason
    if task.assignments.filter(role=assignment.role, agency=successor).exists():
        assignment.delete()  # the successor already had that part: the two become one
    else:
        assignment.agency = successor
        assignment.save(update_fields=["agency"])
    task.version += 1
    task._change_reason = reason
    task.save(update_fields=["version"])


def _hand_over_coordination(proposal, successor):
    updated = Programme.objects.filter(pk=proposal.programme.pk, coordinating_agency=proposal.former).update(
        coordinating_agency=successor
    )
    if not updated:
        raise HandoverConflict(
            _("%(programme)s vừa đổi cơ quan thường trực sau khi anh/chị mở trang; chưa có gì được lưu.")
            % {"programme": proposal.programme}
        )
