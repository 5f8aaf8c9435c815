"""Records of the portal's own work: uploads waiting for review, reminders sent."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from ptds.files import random_path


def upload_path(draft, filename):
    return random_path("uploads")  # the uploader's own name is kept in file_name


class ImportDraftQuerySet(models.QuerySet):
    def ready(self):
        """Read, waiting for review (not being read, refused or being saved)."""
        return self.filter(state=ImportDraft.State.READY)

    def expired(self, now=None):
        """Drafts uploaded more than PTDS_DRAFT_HOURS ago: their pages answer 404, clean_drafts deletes them."""
        return self.filter(created_at__lt=(now or timezone.now()) - datetime.timedelta(hours=settings.PTDS_DRAFT_HOURS))


class ImportDraft(models.Model):
    """An uploaded file, read by a worker (tasks/jobs.py) and waiting for its uploader to review it; nothing else is
    saved until they confirm it, and then a worker saves it too. Its states: reading, then ready (or failed, the file
    refused); confirmed: saving, then saved (or ready again, with the reason nothing was saved in `error`)."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Chương trình, kế hoạch")
        PROGRESS = "progress", _("Báo cáo tiến độ từ Excel")

    class State(models.TextChoices):
        READING = "reading", _("Đang đọc tệp")
        READY = "ready", _("Chờ xem lại")
        FAILED = "failed", _("Không đọc được")
        SAVING = "saving", _("Đang lưu")
        SAVED = "saved", _("Đã lưu")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.READY)
    # Why the file was refused (failed), or why the last confirmation saved nothing (ready again).
    error = models.TextField(_("lỗi"), blank=True)
    # The uploaded file until a worker has read it (through the storage API: the worker may be another machine).
    upload = models.FileField(_("tệp tải lên"), upload_to=upload_path, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    document = models.JSONField(_("nội dung đọc được"), default=dict, blank=True)
    # What the file was read from, to read it again with the columns the user maps (empty for the portal's JSON).
    source_text = models.TextField(_("văn bản đọc từ tệp"), blank=True)
    columns = models.JSONField(_("các cột của bảng nhiệm vụ"), default=list, blank=True)
    columns_guessed = models.BooleanField(_("cột nội dung được đoán"), default=False)
    # Once saved: what the person is told, and where they are sent, when their browser next asks for the draft.
    result_message = models.TextField(_("kết quả lưu"), blank=True)
    result_url = models.CharField(_("trang kết quả"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản nhập chờ duyệt")
        verbose_name_plural = _("bản nhập chờ duyệt")

    def __str__(self):
        return self.file_name

    def discard(self):
        """Delete the draft and the uploaded file it still holds."""
        if self.upload:
            self.upload.delete(save=False)
        self.delete()

    @property
    def is_expired(self):
        return self.created_at < timezone.now() - datetime.timedelta(hours=settings.PTDS_DRAFT_HOURS)


class ReminderLog(models.Model):
    """A reminder e-mail that went out (tasks/reminders.py): one per day, kind and agency, so a rerun sends nothing."""

    class Kind(models.TextChoices):
        AGENCY_DUE = "agency_due", _("Nhắc cơ quan: nhiệm vụ quá hạn, sắp đến hạn")
        STAFF_UNREPORTED = "staff_unreported", _("Nhắc Ban CHQS: cơ quan chưa báo cáo trong quý")

    day = models.DateField(_("ngày nhắc"))
    kind = models.CharField(_("loại thư"), max_length=20, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan có cán bộ nhận thư nhắc việc, hoặc cơ quan thường trực nhận danh sách chưa báo cáo."),
    )
    recipients = models.TextField(_("địa chỉ nhận"))
    item_count = models.PositiveIntegerField(
        _("số mục"), help_text=_("Số nhiệm vụ (thư nhắc cơ quan) hoặc số cơ quan chưa báo cáo (thư nhắc Ban CHQS).")
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư nhắc việc đã gửi")
        verbose_name_plural = _("thư nhắc việc đã gửi")
        ordering = ["-day", "kind", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "agency"], name="reminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} – {self.get_kind_display()} – {self.agency}"
