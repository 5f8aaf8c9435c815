"""The notification centre: what happened that concerns a user, in the portal and, for the kinds they choose, in
the daily e-mail. Who gets which kind is tasks/notifications.py's rule; a notification is never edited but to mark
it read or e-mailed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programme import Programme
from .task import Task


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Được giao nhiệm vụ")
        DEADLINE_CHANGED = "deadline_changed", _("Thay đổi hạn hoàn thành")
        EXTENSION_ASKED = "extension_asked", _("Đề xuất gia hạn")
        EXTENSION_DECIDED = "extension_decided", _("Quyết định gia hạn")
        COMPLETION_ASKED = "completion_asked", _("Đề nghị xác nhận hoàn thành")
        COMPLETION_ACCEPTED = "completion_accepted", _("Xác nhận hoàn thành")
        COMPLETION_RETURNED = "completion_returned", _("Trả lại, chưa xác nhận hoàn thành")
        DIRECTIVE = "directive", _("Ý kiến chỉ đạo")
        EXPLANATION_REQUESTED = "explanation_requested", _("Yêu cầu giải trình")
        EXPLANATION_ANSWERED = "explanation_answered", _("Giải trình, trả lời")
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")

    # Raised by the daily run, once a day per task and recipient; the agency's reminder e-mail carries them.
    DAILY = (Kind.DUE_SOON, Kind.OVERDUE)

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại thông báo"), max_length=30, choices=Kind.choices)
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(_("đường dẫn"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    # The local day it was raised: the daily kinds are once a day.
    day = models.DateField(_("ngày"), default=timezone.localdate)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_on = models.DateField(_("đã gửi thư ngày"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_latest"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]
        constraints = [
            # A rerun of the daily job the same day adds nothing (its INSERT ignores these conflicts).
            models.UniqueConstraint(
                fields=["recipient", "kind", "task", "day"],
                condition=Q(kind__in=["due_soon", "overdue"]),
                name="notification_daily_once",
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.text[:60]}"


DEFAULT_EMAIL_KINDS = [
    Notification.Kind.OVERDUE,
    Notification.Kind.DUE_SOON,
    Notification.Kind.EXPLANATION_REQUESTED,
    Notification.Kind.EXTENSION_DECIDED,
    Notification.Kind.COMPLETION_RETURNED,
]


def default_email_kinds():
    return [str(kind) for kind in DEFAULT_EMAIL_KINDS]


class NotificationSettingsQuerySet(models.QuerySet):
    def email_kinds(self, user_ids):
        """Each user's kinds that also come by e-mail (the default for those who never chose), in one query."""
        chosen = dict(self.filter(user__in=user_ids).values_list("user", "email_kinds"))
        return {pk: set(chosen.get(pk, default_email_kinds())) for pk in user_ids}


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_kinds = models.JSONField(_("loại thông báo gửi cả qua thư"), default=default_email_kinds, blank=True)

    objects = NotificationSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self):
        return str(self.user)
