"""Agencies, the other names they are written with, and the accounts that belong to them."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ..text import fold_name
from .units import AdministrativeUnit, _reached
from .validity import Validity, ValidityQuerySet


class AgencyQuerySet(ValidityQuerySet):
    def needing_review(self):
        return self.filter(needs_review=True)

    def named(self, name, unit):
        """The agency of that official name in the unit, or placed in no unit (not yet placed)."""
        return self.filter(Q(unit=unit) | Q(unit=None), folded_name=fold_name(name)).order_by("unit").first()

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


class Agency(Validity):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Ủy ban nhân dân")
        MILITARY = "military", _("Cơ quan quân sự")
        POLICE = "police", _("Công an")
        DEPARTMENT = "department", _("Sở, phòng, ban chuyên môn")
        UNIT = "unit", _("Đơn vị sự nghiệp, tổ chức khác")
        LOCALITY = "locality", _("Địa phương")
        GROUP = "group", _("Nhóm cơ quan (cụm từ chung)")

    name = models.CharField(_("tên chính thức"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    folded_name = models.CharField(max_length=255, editable=False)
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
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("Cấp hành chính của cơ quan: tên gọi tắt của nó chỉ có nghĩa trong đơn vị này và các cấp dưới."),
    )
    oversees_unit = models.BooleanField(
        _("theo dõi toàn đơn vị hành chính"),
        default=False,
        help_text=_(
            "Ủy ban nhân dân và cơ quan quân sự của đơn vị: lãnh đạo, Ban CHQS của cơ quan này theo dõi mọi chương "
            "trình của đơn vị và các cấp dưới. Các sở, ngành chỉ theo dõi chương trình mình thường trực."
        ),
    )
    area = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("địa bàn phụ trách"),
        blank=True,
        related_name="covering_agencies",
        help_text=_("Cho Ban Chỉ huy Phòng thủ khu vực: các xã, phường nó theo dõi thay cho cả tỉnh."),
    )
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

    class Meta(Validity.Meta):
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            *Validity.Meta.constraints,
            models.CheckConstraint(condition=~Q(successor=models.F("pk")), name="agency_not_own_successor"),
            # Two communes may each have a "Công an xã" their plans name so; within a unit a name is one agency.
            models.UniqueConstraint(fields=["unit", "folded_name"], name="agency_unique_name_in_unit"),
            models.UniqueConstraint(
                fields=["folded_name"], condition=Q(unit=None), name="agency_unique_name_outside_units"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold_name(self.name)
        super().save(*args, **kwargs)
        if not kwargs.get("update_fields") or "unit" in kwargs["update_fields"]:
            self.aliases.exclude(unit=self.unit_id).update(unit=self.unit_id)  # its names move with it

    def add_alias(self, name):
        """Remember another name for the agency within its unit; (alias, created). A name the unit already gives
        to another agency stays that agency's: the alias returned says whose."""
        return AgencyAlias.objects.get_or_create(
            unit=self.unit, folded_name=fold_name(name), defaults={"agency": self, "name": name}
        )

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
    """Another name of an agency, meant within its unit ("Thanh tra Sở" of one department is not another's)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=255)
    folded_name = models.CharField(max_length=255, editable=False)
    # The agency's unit, kept here so that a name is unique within a unit (set on save).
    unit = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.CASCADE, editable=False)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "folded_name"], name="alias_unique_in_unit"),
            models.UniqueConstraint(fields=["folded_name"], condition=Q(unit=None), name="alias_unique_outside_units"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold_name(self.name)
        self.unit_id = self.agency.unit_id
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


def units_overseen_by(agency):
    """Ids of the units whose programmes the agency's leadership and command staff follow: for a unit's committee
    and military command (`oversees_unit`), its unit (or, for a regional defence command, the communes of its area)
    and every unit below, with the units merged into any of them and theirs below; none for other agencies. One
    query; a province has about a hundred units."""
    if agency.unit_id is None or not agency.oversees_unit:
        return set()
    area = Agency.area.through.objects.filter(agency=agency, administrativeunit=OuterRef("pk"))
    links = list(
        AdministrativeUnit.objects.annotate(covered=Exists(area)).values_list(
            "pk", "parent_id", "successor_id", "covered"
        )
    )
    covered = [pk for pk, _parent, _successor, in_area in links if in_area]
    return _reached(links, covered or [agency.unit_id])
