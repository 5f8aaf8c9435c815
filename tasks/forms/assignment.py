"""Command staff's forms: assigning a task, and drawing up a subordinate plan from a programme's tasks."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from ptds.forms import DateInput, ModelMultipleChoiceField, searchable, style_fields

from .. import roles
from ..models import Assignment, ExtensionRequest, Notification, Programme, Task
from ..notifications import notify
from ..planning import create_child_programme, default_title
from .base import CheckboxList, TaskChoiceField, TaskMultipleChoiceField, VersionedForm


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        agency = obj.profile.agency
        return f"{obj.get_full_name() or obj.username} – {agency.short_name or agency.name}"


class AssignmentForm(VersionedForm):
    lead = ModelMultipleChoiceField(
        label=gettext_lazy("Cơ quan chủ trì"),
        queryset=Agency.objects.all(),
        error_messages={"required": gettext_lazy("Cần ít nhất một cơ quan chủ trì.")},
    )
    support = ModelMultipleChoiceField(
        label=gettext_lazy("Cơ quan phối hợp"),
        queryset=Agency.objects.all(),
        required=False,
    )
    due_override = forms.DateField(label=gettext_lazy("Hạn hoàn thành mới"), required=False, widget=DateInput)
    due_override_reason = forms.CharField(
        label=gettext_lazy("Lý do điều chỉnh hạn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_officer = OfficerChoiceField(
        label=gettext_lazy("Cán bộ phụ trách"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Chưa giao cán bộ"),
        help_text=gettext_lazy("Cán bộ của các cơ quan chủ trì, phối hợp nhiệm vụ."),
    )
    parent_task = TaskChoiceField(
        label=gettext_lazy("Thực hiện nhiệm vụ cấp trên"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=gettext_lazy("Không gắn nhiệm vụ cấp trên"),
        help_text=gettext_lazy("Nhiệm vụ của chương trình cấp trên mà nhiệm vụ này triển khai thực hiện."),
        error_messages={"invalid_choice": gettext_lazy("Nhiệm vụ cấp trên phải thuộc chương trình cấp trên.")},
    )

    def __init__(self, *args, task, user, **kwargs):
        self.user = user
        initial = kwargs.setdefault("initial", {})
        initial.update(
            lead=task.lead_agencies,
            support=task.support_agencies,
            due_override=task.due_override,
            due_override_reason=task.due_override_reason,
            responsible_officer=task.responsible_officer,
            parent_task=task.parent_task_id,
        )
        super().__init__(*args, task=task, **kwargs)
        self.user = user
        self.fields["lead"].queryset = self.fields["support"].queryset = offered_agencies(task)
        self.fields["responsible_officer"].queryset = task_officers(task)
        self.fields["due_override"].help_text = current_deadline(task)
        searchable(self.fields["lead"], self.fields["support"], self.fields["responsible_officer"])
        parent = task.section.programme.parent_id
        # Only the parent programme's current tasks the user may see: the choice is also the server-side check.
        # A parent the user may not see (linked by an administrator) is not offered, and the link stays as it is.
        if parent and Programme.objects.visible_to(user).filter(pk=parent).exists():
            self.fields["parent_task"].queryset = (
                Task.objects.visible_to(user)
                .filter(section__programme=parent)
                .exclude(pk=task.pk)
                .select_related("section")
            )
        else:
            del self.fields["parent_task"]

    def clean(self):
        data = super().clean()
        if data.get("due_override") != self.task.due_override and not data.get("due_override_reason", "").strip():
            self.add_error("due_override_reason", _("Cần ghi lý do khi thay đổi hạn hoàn thành."))
        return data

    @transaction.atomic
    def save(self):
        task = self.lock_task()
        data = self.cleaned_data
        fields = {
            "due_override": data["due_override"],
            "due_override_reason": data["due_override_reason"].strip() if data["due_override"] else "",
            "responsible_officer_id": data["responsible_officer"] and data["responsible_officer"].pk,
        }
        if "parent_task" in self.fields:
            fields["parent_task_id"] = data["parent_task"] and data["parent_task"].pk
        changed = {name: value for name, value in fields.items() if getattr(task, name) != value}
        previous_due = task.effective_due
        for name, value in changed.items():
            setattr(task, name, value)
        if changed:
            task.save()
            if "due_override" in changed:  # set or cleared: dated beside the extensions granted
                reason = data["due_override_reason"].strip()
                ExtensionRequest.record_direct(task, self.user, previous_due, reason)
        else:  # the version still moves (against lost updates), but an unchanged task gets no history entry
            Task.objects.filter(pk=task.pk).update(version=task.version)
        added = {
            role: self._reassign(task, role, agencies)
            for role, agencies in ((Assignment.Role.LEAD, data["lead"]), (Assignment.Role.SUPPORT, data["support"]))
        }
        self._notify(task, added, changed)
        return task

    def _notify(self, task, added, changed):
        """Tell the agencies just added (and an officer just put in charge), and everyone on the task of a new
        deadline."""
        officer = self.cleaned_data["responsible_officer"] if "responsible_officer_id" in changed else None
        if any(added.values()) or officer:
            parts = [
                _("%(role)s: %(agencies)s") % {"role": role.label, "agencies": ", ".join(map(str, agencies))}
                for role, agencies in added.items()
                if agencies
            ]
            if officer:
                parts.append(_("cán bộ phụ trách: %(name)s") % {"name": officer.get_full_name() or officer.username})
            agencies = [agency.pk for agencies in added.values() for agency in agencies]
            notify(
                Notification.Kind.ASSIGNED,
                task=task,
                actor=self.user,
                agencies=agencies,
                user_ids=[officer.pk] if officer else (),
                detail="; ".join(parts),
            )
        if "due_override" in changed:
            due = task.effective_due
            detail = _("hạn mới %(due)s") % {"due": date_format(due, "d/m/Y")} if due else _("không còn hạn")
            if task.due_override_reason:
                detail += f": {task.due_override_reason}"
            notify(Notification.Kind.DEADLINE_CHANGED, task=task, actor=self.user, detail=detail)

    @staticmethod
    def _reassign(task, role, agencies):
        """Only the agencies that go and come are written, so the audit trail holds nothing for one that stays;
        those that stay keep their place in the order written, new ones go last. Returns those that came."""
        current = list(task.assignments.filter(role=role).select_related("agency"))
        for assignment in current:
            if assignment.agency not in agencies:
                assignment.delete()  # one by one, so the audit trail records each
        kept = [a for a in current if a.agency in agencies]
        for position, assignment in enumerate(kept, 1):
            if assignment.position != position:  # closing a gap is no change of who does what: no history
                Assignment.objects.filter(pk=assignment.pk).update(position=position)
        added = [agency for agency in agencies if agency not in {a.agency for a in kept}]
        for position, agency in enumerate(added, len(kept) + 1):
            Assignment.objects.create(task=task, role=role, agency=agency, position=position)
        return added


def offered_agencies(task):
    """The agencies a task may be given to: those named anywhere in its programme and those of its unit, of the
    unit above and of the units below (a province's departments and communes); for a programme of no unit, the
    bodies under the coordinating agency's parent. The task's own first."""
    programme = task.section.programme
    own = [a.agency_id for a in task.assignments.all()]
    named = Assignment.objects.filter(task__section__programme=programme).values("agency")
    offered = Q(pk__in=named) | Q(pk__in=own)
    if unit := programme.unit_id:
        near = Q(unit=unit) | Q(unit__children=unit) | Q(unit__parent=unit)
        offered |= Q(pk__in=Agency.objects.current().filter(near).values("pk"))
    elif coordinator := programme.coordinating_agency:
        root = coordinator.parent or coordinator
        offered |= Q(pk__in=Agency.objects.current().under(root).values("pk"))
    first = Case(When(pk__in=own, then=Value(0)), default=Value(1))
    return Agency.objects.filter(offered).order_by(first, "name")


def task_officers(task):
    """Officers (not leadership, not administrators) of the agencies named on the task, or members of its group
    phrases; and whoever holds the task now, so that saving the other fields keeps them."""
    named = [a.agency_id for a in task.assignments.all()]
    members = Agency.members.through.objects.filter(from_agency__in=named).values("to_agency")
    officers = roles.members(roles.OFFICER).filter(Q(profile__agency__in=named) | Q(profile__agency__in=members))
    if task.responsible_officer_id:
        held = get_user_model().objects.filter(pk=task.responsible_officer_id, profile__agency__isnull=False)
        officers = officers | held.select_related("profile__agency")
    return officers.distinct().order_by("profile__agency__name", "first_name", "username")


def current_deadline(task):
    """What "Hạn hoàn thành mới" would replace, said beside it."""
    if task.effective_due is None:
        return _("Hiện nhiệm vụ chưa có hạn hoàn thành.")
    text = _("Hạn hiện hành: %(due)s") % {"due": date_format(task.effective_due, "d/m/Y")}
    if task.due_override and task.due_on:
        text += _(" (theo văn bản: %(due)s)") % {"due": date_format(task.due_on, "d/m/Y")}
    return text


class ChildProgrammeForm(forms.Form):
    """A subordinate level's plan from chosen tasks of the parent programme; tasks.planning does the copying."""

    kind = forms.CharField(label=gettext_lazy("Loại văn bản"), max_length=120, initial=gettext_lazy("Kế hoạch"))
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    title = forms.CharField(label=gettext_lazy("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    year = forms.IntegerField(label=gettext_lazy("Năm ban hành"), min_value=2000, max_value=2100)
    coordinating_agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan thường trực, theo dõi"),
        queryset=Agency.objects.exclude(kind=Agency.Kind.GROUP).order_by("name"),  # a group phrase coordinates nothing
        empty_label=gettext_lazy("Chọn cơ quan"),
    )
    tasks = TaskMultipleChoiceField(
        label=gettext_lazy("Nhiệm vụ giao cấp dưới thực hiện"),
        queryset=Task.objects.none(),
        widget=CheckboxList(attrs={"class": "border rounded p-2 small"}),
        error_messages={
            "required": gettext_lazy("Hãy chọn ít nhất một nhiệm vụ của chương trình cấp trên."),
            "invalid_choice": gettext_lazy("Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên."),
            "invalid_pk_value": gettext_lazy("Chỉ chọn được nhiệm vụ hiện hành của chương trình cấp trên."),
        },
    )

    def __init__(self, *args, parent, user, **kwargs):
        self.parent, self.user = parent, user
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = default_title(parent)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["coordinating_agency"].initial = roles.agency_of(user)
        searchable(self.fields["coordinating_agency"])
        self.fields["tasks"].queryset = (
            Task.objects.current()
            .filter(section__programme=parent)
            .select_related("section")
            .order_by("section__position", "position")
        )
        style_fields(self)

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split())  # stored without spaces, as by_number looks it up

    def save(self):
        """The new programme; raises ValidationError (a number taken meanwhile) for the view to show."""
        data = self.cleaned_data
        return create_child_programme(
            self.parent,
            data["tasks"],
            kind=data["kind"],
            number=data["number"],
            title=data["title"],
            issuer=data["issuer"],
            year=data["year"],
            coordinating_agency=data["coordinating_agency"],
            user=self.user,
        )
