"""Directives and conversation ("ý kiến chỉ đạo", "yêu cầu giải trình") on a task or a whole programme.

Entries are append-only: a thread is a record of who said what when, so nothing here edits or deletes one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from ptds.files import random_path

from .. import roles
from .programme import Programme
from .task import Assignment, Task


def entry_path(entry, filename):
    return random_path("thread", f".{entry.file_kind}")


class ThreadEntryQuerySet(models.QuerySet):
    def of(self, subject):
        """The thread of a task or of a programme, oldest first, with what each entry shows."""
        field = "task" if isinstance(subject, Task) else "programme"
        return self.filter(**{field: subject}).select_related("author", "agency").order_by("created_at", "pk")

    def open_requests(self):
        """Explanation requests no reply has answered yet."""
        return self.filter(kind=ThreadEntry.Kind.EXPLANATION_REQUEST, replies__isnull=True)

    def awaiting_reply(self, user):
        """The open requests addressed to an officer's agency: those on the current tasks it leads (directly or
        through a group phrase), soonest due first. Nobody else answers them."""
        agency = roles.agency_of(user) if roles.role_of(user) == roles.OFFICER else None
        if agency is None:
            return self.none()
        led = Task.objects.visible_to(user).assigned_to(agency, role=Assignment.Role.LEAD)
        return (
            self.open_requests()
            .filter(task__in=led)
            .select_related("task__section__programme", "agency", "author")
            .order_by("reply_due", "pk")
        )


class ThreadEntry(models.Model):
    class Kind(models.TextChoices):
        DIRECTIVE = "directive", _("Ý kiến chỉ đạo")
        EXPLANATION_REQUEST = "explanation_request", _("Yêu cầu giải trình")
        REPLY = "reply", _("Giải trình, trả lời")
        NOTE = "note", _("Ghi chú")

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="thread_entries")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="thread_entries"
    )
    kind = models.CharField(_("loại ý kiến"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người viết"), on_delete=models.PROTECT, related_name="+"
    )
    # The author's agency when writing: accounts move with reorganisations, the record must not.
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung"))
    reply_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answers = models.ForeignKey(
        "self",
        verbose_name=_("trả lời yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    file = models.FileField(_("tệp kèm theo"), upload_to=entry_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_kind = models.CharField(_("loại tệp"), max_length=10, blank=True)
    size = models.PositiveIntegerField(_("dung lượng"), null=True, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    objects = ThreadEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến chỉ đạo, trao đổi")
        verbose_name_plural = _("ý kiến chỉ đạo, trao đổi")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(task__isnull=False, programme__isnull=True) | Q(task__isnull=True, programme__isnull=False),
                name="thread_entry_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(kind="explanation_request", reply_due__isnull=False)
                | (~Q(kind="explanation_request") & Q(reply_due__isnull=True)),
                name="thread_entry_reply_due_on_requests",
            ),
            models.CheckConstraint(
                condition=Q(kind="reply", answers__isnull=False) | (~Q(kind="reply") & Q(answers__isnull=True)),
                name="thread_entry_reply_answers_a_request",
            ),
            # One reply answers a request; the form offers open requests only, this holds under concurrent posts.
            models.UniqueConstraint(fields=["answers"], name="thread_entry_one_reply"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def subject(self):
        return self.task or self.programme

    @property
    def reply_overdue(self):
        """An explanation request past its reply deadline (whether it is still open is the thread's to say)."""
        return bool(self.reply_due) and self.reply_due < timezone.localdate()


def with_open_flags(entries):
    """The thread's entries, each explanation request marked `is_open` unless a reply in the thread answers it."""
    answered = {entry.answers_id for entry in entries if entry.answers_id}
    for entry in entries:
        entry.is_open = entry.kind == ThreadEntry.Kind.EXPLANATION_REQUEST and entry.pk not in answered
    return entries
