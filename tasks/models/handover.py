"""Work handed over ("bàn giao") to a successor agency by a reorganisation, kept so that a report of a period before
it still counts the task under the agency then in force, and the task page says where the task came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Reorganisation

from .programme import Programme
from .task import Task


class Handover(models.Model):
    class Part(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        SUPPORT = "support", _("Phối hợp")
        COORDINATOR = "coordinator", _("Thường trực, theo dõi chương trình")

    reorganisation = models.ForeignKey(
        Reorganisation, verbose_name=_("theo"), on_delete=models.PROTECT, related_name="handovers"
    )
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="handovers")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="handovers")
    part = models.CharField(_("vai trò"), max_length=20, choices=Part.choices)
    from_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan cũ"), on_delete=models.PROTECT, related_name="handed_over"
    )
    to_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan nhận"), on_delete=models.PROTECT, related_name="taken_over"
    )
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(_("thực hiện lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bàn giao nhiệm vụ")
        verbose_name_plural = _("bàn giao nhiệm vụ")
        ordering = ["reorganisation__effective_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(task__isnull=False, programme__isnull=True) | Q(task__isnull=True, programme__isnull=False),
                name="handover_of_task_or_programme",
            ),
        ]

    def __str__(self):
        return self.sentence

    @property
    def sentence(self):
        """ "Chuyển từ Công an thành phố Thái Nguyên sang Công an tỉnh Thái Nguyên theo …, từ 01/07/2025"."""
        return _t("Chuyển từ %(former)s sang %(successor)s theo %(basis)s, từ %(day)s") % {
            "former": self.from_agency.name,
            "successor": self.to_agency.name,
            "basis": self.reorganisation.basis,
            "day": date_format(self.reorganisation.effective_on, "d/m/Y"),
        }


def agencies_on(task, role, day):
    """The task's agencies in `role` as they stood on `day` (handovers prefetched with their reorganisation): a
    handover that took effect after that day gives the part back to the agency that held it then."""
    agencies = task.agencies(role)
    later = [h for h in task.handovers.all() if h.part == role and h.reorganisation.effective_on > day]
    for handover in sorted(later, key=lambda h: (h.reorganisation.effective_on, h.pk), reverse=True):
        if handover.to_agency in agencies:
            agencies[agencies.index(handover.to_agency)] = handover.from_agency
        else:  # two former agencies merged into one: both are named again
            agencies.append(handover.from_agency)
    return list(dict.fromkeys(agencies))
