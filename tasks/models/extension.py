"""Extension requests ("đề xuất gia hạn"): the lead agency asks, the programme's command staff decide."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from ptds.files import random_path

from .. import roles
from .task import Task

DECIDED_TWICE = _(
    "Đề xuất gia hạn này vừa được người khác quyết định sau khi anh/chị mở trang; quyết định của anh/chị chưa được "
    "lưu. Hãy tải lại trang để xem quyết định đó."
)


def extension_path(request, filename):
    return random_path("extensions", f".{request.kind}")


class ExtensionRequestQuerySet(models.QuerySet):
    def asked(self):
        """The requests an agency made: not command staff's direct changes of the deadline."""
        return self.exclude(state=ExtensionRequest.State.DIRECT)

    def awaiting(self, user):
        """The requests waiting for this user's decision: command staff, on the programmes their agency coordinates
        (what they oversee below is decided by its own command staff)."""
        if roles.role_of(user) != roles.COMMAND_STAFF:
            return self.none()
        return self.filter(
            state=ExtensionRequest.State.PENDING,
            task__in=Task.objects.visible_to(user),
            task__section__programme__coordinating_agency=roles.agency_of(user),
        )


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        APPROVED = "approved", _("Đồng ý như đề xuất")
        AMENDED = "amended", _("Đồng ý hạn khác")
        REFUSED = "refused", _("Không đồng ý")
        # Not a request: command staff changed the deadline themselves (the assign form), recorded here so that the
        # task's history and the as-of rule see every change of the deadline in one place.
        DIRECT = "direct", _("Ban CHQS điều chỉnh hạn trực tiếp")

    GRANTED = (State.APPROVED, State.AMENDED)
    # What set a deadline in force, from granted_due at decided_at: a grant, or a direct change.
    MOVED = (*GRANTED, State.DIRECT)

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extension_requests")
    # A direct change names the command's agency (none for an administrator of a programme without one).
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan đề xuất"), null=True, blank=True, on_delete=models.PROTECT
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("đề xuất lúc"), auto_now_add=True)
    # The deadline in force before: when asked, then when granted or changed directly (what the change replaced,
    # which the as-of rule gives back for a day before it).
    previous_due = models.DateField(_("hạn trước đó"), null=True, blank=True)
    requested_due = models.DateField(_("hạn đề xuất"), null=True, blank=True)  # none for a direct change
    reason = models.TextField(_("lý do đề xuất"))
    file = models.FileField(_("tệp kèm theo"), upload_to=extension_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    kind = models.CharField(_("loại tệp"), max_length=10, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    # The deadline it set in force: a grant's, or a direct change's (none when cleared on a task without one).
    granted_due = models.DateField(_("hạn được chấp thuận"), null=True, blank=True)
    decision_reason = models.TextField(_("ý kiến của Ban CHQS"), blank=True)

    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề xuất gia hạn")
        verbose_name_plural = _("đề xuất gia hạn")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            # One request waits per task at a time; the form says so first, this holds under concurrent posts.
            models.UniqueConstraint(fields=["task"], condition=Q(state="pending"), name="extension_one_pending"),
            models.CheckConstraint(
                condition=Q(state__in=["approved", "amended"], granted_due__isnull=False)
                | ~Q(state__in=["approved", "amended"]),
                name="extension_granted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state="direct") | Q(requested_due__isnull=False, agency__isnull=False),
                name="extension_asked_has_date_and_agency",
            ),
            models.CheckConstraint(
                condition=~Q(state="direct") | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="extension_direct_is_decided",
            ),
        ]

    def __str__(self):
        due = self.requested_due or self.granted_due
        return f"{self.task}: {due:%d/%m/%Y}" if due else str(self.task)

    @property
    def is_pending(self):
        return self.state == self.State.PENDING

    @property
    def is_direct(self):
        return self.state == self.State.DIRECT

    @classmethod
    def record_direct(cls, task, user, previous_due, reason):
        """Record command staff's own change of the task's deadline (already set on `task`), decided at once."""
        return cls.objects.create(
            task=task,
            agency=roles.agency_of(user) or task.section.programme.coordinating_agency,
            asked_by=user,
            previous_due=previous_due,
            reason=reason,
            state=cls.State.DIRECT,
            decided_by=user,
            decided_at=timezone.now(),
            granted_due=task.effective_due,
        )

    @transaction.atomic
    def decide(self, user, state, reason, granted_due=None):
        """Record the decision once (the row locked: of two command staff deciding at once, the second is told);
        a grant sets the task's deadline override, the same field and history as a direct change."""
        current = ExtensionRequest.objects.select_for_update().get(pk=self.pk)
        if not current.is_pending:
            raise ValidationError(DECIDED_TWICE, code="decided")
        if state == self.State.APPROVED:
            granted_due = current.requested_due
        elif state == self.State.REFUSED:
            granted_due = None
        current.state, current.decided_by, current.decided_at = state, user, timezone.now()
        current.granted_due, current.decision_reason = granted_due, reason
        if granted_due:
            task = Task.objects.select_for_update().get(pk=current.task_id)
            # What the grant replaces: a direct change while the request waited moved it since it was asked.
            current.previous_due = task.effective_due
            task.due_override = granted_due
            task.due_override_reason = _t("Gia hạn theo đề xuất của %(agency)s: %(reason)s") % {
                "agency": current.agency.short_name or current.agency.name,
                "reason": reason,
            }
            task.version += 1  # a form opened before the grant must not write the old deadline back
            task.save()
        current.save()
        return current
