from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import fold_name


class AgencyQuerySet(models.QuerySet):
    def current(self, on=None):
        """Agencies that exist on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def needing_review(self):
        return self.filter(needs_review=True)

    def under(self, root, depth=3):
        """The agency and the bodies under it, down to `depth` levels (a province, its departments, their units)."""
        condition, path = Q(pk=root.pk), "parent"
        for _level in range(depth):
            condition |= Q(**{path: root})
            path += "__parent"
        return self.filter(condition)

    def with_groups_of(self, agency):
        """The agency itself and every group phrase it belongs to."""
        return self.filter(Q(pk=agency.pk) | Q(kind=Agency.Kind.GROUP, members=agency)).distinct()


class Agency(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Ủy ban nhân dân")
        MILITARY = "military", _("Cơ quan quân sự")
        POLICE = "police", _("Công an")
        DEPARTMENT = "department", _("Sở, phòng, ban chuyên môn")
        UNIT = "unit", _("Đơn vị sự nghiệp, tổ chức khác")
        LOCALITY = "locality", _("Địa phương")
        GROUP = "group", _("Nhóm cơ quan (cụm từ chung)")

    name = models.CharField(_("tên chính thức"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    folded_name = models.CharField(max_length=255, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("cơ quan thành viên"),
        symmetrical=False,
        blank=True,
        related_name="member_of",
        help_text=_("Chỉ dùng cho nhóm cơ quan (cụm từ chung)."),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    needs_review = models.BooleanField(
        _("cần rà soát"),
        default=False,
        help_text=_("Tạo tự động khi nhập chương trình có tên cơ quan chưa có trong danh mục."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            ),
            models.CheckConstraint(condition=~Q(successor=models.F("pk")), name="agency_not_own_successor"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold_name(self.name)
        super().save(*args, **kwargs)

    @property
    def is_group(self):
        return self.kind == self.Kind.GROUP

    def current_successor(self):
        """Follow the succession chain (merges, renames) to the agency that answers today."""
        agency, seen = self, {self.pk}
        while agency.successor_id and agency.successor_id not in seen:
            seen.add(agency.successor_id)
            agency = agency.successor
        return agency


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=255)
    folded_name = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold_name(self.name)
        super().save(*args, **kwargs)


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self):
        return f"{self.user} – {self.agency or '-'}"
