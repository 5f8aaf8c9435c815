"""A programme or plan as signed: its legal bases, phases with their objectives, and sections."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import AdministrativeUnit, Agency

from .task import Assignment, Task


class ProgrammeNotFound(LookupError):
    """No programme, or several, have the number asked for; the message is for the user."""


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The programmes in which the user may see at least one task."""
        return self.filter(pk__in=Task.objects.visible_to(user).values("section__programme"))

    def overseen(self, agency, units):
        """Ids of the programmes the agency coordinates or that its units (ids) issued, and of the parent programmes
        these implement: a commune reads the province's programme it carries out."""
        own = self.filter(Q(coordinating_agency=agency) | Q(unit__in=units))
        return self.filter(Q(pk__in=own.values("pk")) | Q(children__in=own.values("pk"))).values("pk")

    def by_number(self, number, year=None, issuer=None):
        """The one programme numbered so ("04/CTr-UBND"; spaces ignored), narrowed by year or issuer if needed."""
        programmes = self.filter(number="".join(number.split()))
        if year:
            programmes = programmes.filter(year=year)
        if issuer:
            programmes = programmes.filter(issuer=issuer)
        found = list(programmes[:2])
        if not found:
            raise ProgrammeNotFound(_("Không có chương trình số %(number)s.") % {"number": number})
        if len(found) > 1:
            raise ProgrammeNotFound(
                _("Có nhiều chương trình số %(number)s; hãy chọn bằng --year hoặc --issuer.") % {"number": number}
            )
        return found[0]


class Programme(models.Model):
    """An action programme or plan as issued: the signed document's own words."""

    kind = models.CharField(_("loại văn bản"), max_length=120)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    title = models.TextField(_("trích yếu"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_on_as_written = models.CharField(_("ngày ban hành (như văn bản)"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("năm ban hành"))
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện chương trình cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    coordinating_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thường trực, theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_programmes",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("Cấp ban hành: lãnh đạo, Ban CHQS của đơn vị này và các cấp trên theo dõi chương trình."),
    )
    imported_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("chương trình, kế hoạch")
        verbose_name_plural = _("chương trình, kế hoạch")
        ordering = ["-year", "number"]
        constraints = [
            # Numbers restart every year at every issuer, so all three make the document's identity.
            models.UniqueConstraint(fields=["number", "issuer", "year"], name="programme_unique_number"),
        ]

    def __str__(self):
        return f"{self.kind} số {self.number}"

    def lead_agencies(self):
        """Agencies leading a current task of the programme, named directly or as members of a lead group phrase.

        The group phrases themselves are left out: only a member agency can report.
        """
        leads = Assignment.objects.filter(
            task__in=Task.objects.current().filter(section__programme=self), role=Assignment.Role.LEAD
        ).values("agency")
        return (
            Agency.objects.exclude(kind=Agency.Kind.GROUP).filter(Q(pk__in=leads) | Q(member_of__in=leads)).distinct()
        )


class LegalBasis(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("căn cứ"))

    class Meta:
        verbose_name = _("căn cứ ban hành")
        verbose_name_plural = _("căn cứ ban hành")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "position"], name="legal_basis_unique_position")]

    def __str__(self):
        return self.text[:80]


class Phase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("giai đoạn số"))
    name = models.CharField(_("tên"), max_length=120)
    label_as_written = models.CharField(_("tiêu đề cột (như văn bản)"), max_length=255, blank=True)
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống nếu không có thời hạn."))

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="phase_unique_number"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="phase_valid_range",
            ),
        ]

    def __str__(self):
        return self.name


class Objective(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nhiệm vụ trọng tâm"))

    class Meta:
        verbose_name = _("mục tiêu giai đoạn")
        verbose_name_plural = _("mục tiêu giai đoạn")
        ordering = ["phase", "position"]
        constraints = [models.UniqueConstraint(fields=["phase", "position"], name="objective_unique_position")]

    def __str__(self):
        return self.text[:80]


class Section(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    numeral = models.CharField(_("số La Mã"), max_length=10)
    title = models.TextField(_("tên mục"))

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "numeral"], name="section_unique_numeral"),
            models.UniqueConstraint(fields=["programme", "position"], name="section_unique_position"),
        ]

    def __str__(self):
        return f"{self.numeral}. {self.title}" if self.numeral else self.title
