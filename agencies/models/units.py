"""Administrative units: the levels of government programmes belong to, and the tree their leadership follows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..text import fold
from .validity import Validity, ValidityQuerySet


class UnitQuerySet(ValidityQuerySet):
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


class AdministrativeUnit(Validity):
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

    class Meta(Validity.Meta):
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["name"]
        constraints = [
            *Validity.Meta.constraints,
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
