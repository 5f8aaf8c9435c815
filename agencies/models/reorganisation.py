"""Reorganisations: agencies (and units) dissolved, merged, renamed or split on a date."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .agency import Agency
from .units import AdministrativeUnit


class Reorganisation(models.Model):
    """A dated change of agencies (and of the units they serve): dissolved, merged, renamed or split.

    Applying it ends the former agencies the day before and names the successor of each that has one; the tasks
    they held are handed over separately, task by task (tasks/handover.py)."""

    class Kind(models.TextChoices):
        DISSOLVED = "dissolved", _("Giải thể, chấm dứt hoạt động")
        MERGED = "merged", _("Hợp nhất, sáp nhập")
        RENAMED = "renamed", _("Đổi tên")
        SPLIT = "split", _("Chia tách")

    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("có hiệu lực từ"))
    basis = models.CharField(_("theo văn bản"), max_length=255, help_text=_("Ví dụ: Quyết định số 2786/QĐ-BQP."))
    former = models.ManyToManyField(Agency, verbose_name=_("cơ quan cũ"), blank=True, related_name="reorganised_in")
    successors = models.ManyToManyField(
        Agency,
        verbose_name=_("cơ quan kế thừa"),
        blank=True,
        related_name="succeeding_in",
        help_text=_("Để trống khi việc của cơ quan cũ chia cho nhiều nơi: chọn nơi nhận từng nhiệm vụ khi bàn giao."),
    )
    former_units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("đơn vị hành chính cũ"), blank=True, related_name="reorganised_in"
    )
    successor_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="succeeding_in",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        ordering = ["-effective_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.basis}, {self.effective_on:%d/%m/%Y})"

    def apply(self):
        """End the former agencies and units the day before it takes effect and name their successor where there is
        one; running it again changes nothing."""
        last_day = self.effective_on - datetime.timedelta(days=1)
        successors = list(self.successors.all())
        single = successors[0] if len(successors) == 1 else None
        for agency in self.former.all():
            agency.valid_to = agency.valid_to or last_day
            agency.successor = agency.successor or (single if single != agency else None)
            agency.save(update_fields=["valid_to", "successor"])
        for unit in self.former_units.all():
            unit.valid_to = unit.valid_to or last_day
            unit.successor = unit.successor or self.successor_unit
            unit.save(update_fields=["valid_to", "successor"])
