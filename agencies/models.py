import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import fold, fold_name


class UnitQuerySet(models.QuerySet):
    def current(self, on=None):
        """Units that exist on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def by_name(self, name):
        """The unit of that name, written with or without accents ("xa mot" is "Xã Một"); None if there is none."""
        wanted = fold(name)
        return next((unit for unit in self if fold(unit.name) == wanted), None)

    def named_in(self, text, place="", on=None):
        """The unit a document's issuer names ("UBND thành phố Thái Nguyên"), else the one its place names
        ("Bắc Giang": the highest level of that name, since a "Sở" writes only the province); None if neither.

        `on`: the document's date, so a 2024 plan of Bắc Giang names the province that then existed."""
        units = list(self.current(on) if on else self.all())
        issuer = f" {fold(text)} "
        by_name = [u for u in units if f" {fold(u.name)} " in issuer]
        if by_name:
            return max(by_name, key=lambda u: len(u.name))
        written = f" {fold(text)} {fold(place)} "
        by_place = [u for u in units if u.place_name and f" {fold(u.place_name)} " in written]
        return min(by_place, key=lambda u: (u.level, u.pk), default=None)


class AdministrativeUnit(models.Model):
    """A level of government: a province, a commune or ward, or (until 30 June 2025) a district-level city."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh (đến 30/6/2025)")
        COMMUNE = "commune", _("Xã, phường, đặc khu")

    LEVELS = {Kind.PROVINCE: 1, Kind.DISTRICT: 2, Kind.COMMUNE: 3}

    name = models.CharField(_("tên đơn vị hành chính"), max_length=160, unique=True)
    place_name = models.CharField(
        _("địa danh"), max_length=120, blank=True, help_text=_('Tên riêng, không kèm cấp: "Thái Nguyên".')
    )
    kind = models.CharField(_("cấp"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Đơn vị nhận lại địa bàn khi sáp nhập (như tỉnh Bắc Giang vào tỉnh Bắc Ninh)."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    @property
    def level(self):
        return self.LEVELS[self.kind]

    def lineage(self):
        """The unit and the units above it, nearest first (names resolve in this order)."""
        unit, chain = self, [self]
        while unit.parent_id and unit.parent_id not in {u.pk for u in chain}:
            unit = unit.parent
            chain.append(unit)
        return chain


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


def units_at_or_below(unit):
    """Ids of the unit and every unit below it, with the units merged into any of them and theirs below: the tree
    units_overseen_by follows. One query."""
    return _reached(AdministrativeUnit.objects.values_list("pk", "parent_id", "successor_id"), [unit.pk])


def _reached(links, roots):
    """The roots and the units below them, going down from each unit's parent and successor (rows of `links`)."""
    below = {}
    for pk, parent, successor, *_rest in links:
        for upper in {parent, successor} - {None}:
            below.setdefault(upper, []).append(pk)
    found, todo = set(), list(roots)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(below.get(pk, ()))
    return found


class AgencyQuerySet(models.QuerySet):
    def current(self, on=None):
        """Agencies that exist on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

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


class Agency(models.Model):
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
