"""Stores a read programme (a ProgrammeDoc) and turns a stored one back into a ProgrammeDoc."""

from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.directory import AgencyDirectory
from agencies.lists import is_collective
from agencies.models import AdministrativeUnit, Agency
from agencies.text import fold_name

from ..models import Assignment, LegalBasis, Objective, Phase, Programme, Section, Task
from ..models.task import task_reference
from .data import PhaseDoc, ProgrammeDoc, ProgrammeFormatError, SectionDoc, TaskDoc
from .timeframe import Recurrence, Schedule, ScheduleKind


class ProgrammeExists(ProgrammeFormatError):
    pass


def resolve_agencies(doc, directory):
    """Name each task's agencies as the directory knows them; unknown names stay as written."""
    for task in doc.tasks:
        if not task.lead:
            task.lead = _unique(
                n.agency.name if n.agency else n.as_written for n in directory.resolve(task.lead_as_written)
            )
        if not task.support:
            task.support = _unique(
                n.agency.name if n.agency else n.as_written for n in directory.resolve(task.support_as_written)
            )
    if not doc.coordinating_agency and doc.coordination_text:
        agency = directory.mentioned_in(doc.coordination_text)
        doc.coordinating_agency = agency.name if agency else ""


def unknown_agencies(doc, directory):
    """Names in the resolved document that the directory does not know, in the order they first appear."""
    names = [doc.coordinating_agency] if doc.coordinating_agency else []
    for task in doc.tasks:
        names += task.lead + task.support
    return [name for name in _unique(names) if directory.find(name) is None]


def suggestions(name, agencies, limit=5):
    """The known agencies whose folded names look most like `name` (accents and case ignored)."""
    folded = fold_name(name)
    scored = [(SequenceMatcher(None, folded, agency.folded_name).ratio(), agency) for agency in agencies]
    return [agency for score, agency in sorted(scored, key=lambda item: -item[0])[:limit] if score > 0.4]


def apply_mapping(doc, mapping):
    """Name mapped agencies as the directory does and remember the written name as an alias for next time."""
    for written, agency in mapping.items():
        agency.add_alias(written)
        rename = {written: agency.name}
        for task in doc.tasks:
            task.lead = _unique(rename.get(n, n) for n in task.lead)
            task.support = _unique(rename.get(n, n) for n in task.support)
        if doc.coordinating_agency == written:
            doc.coordinating_agency = agency.name


def _unique(names):
    return list(dict.fromkeys(names))


def existing_programme(doc):
    return Programme.objects.filter(number=doc.number, issuer=doc.issuer, year=doc.year).first()


@transaction.atomic
def save_programme(doc):
    """Store a new programme in one transaction. Returns (programme, agencies created for review).

    A programme already stored is refused: its new version is an amendment (documents/amendment.py).
    """
    existing = existing_programme(doc)
    if existing:
        raise ProgrammeExists(
            _(
                "%(programme)s của %(issuer)s năm %(year)d đã có trong hệ thống; "
                "văn bản mới là bản sửa đổi, bổ sung: hãy nhập theo cách cập nhật (--amend) để giữ tiến độ đã báo cáo."
            )
            % {"programme": existing, "issuer": existing.issuer or "-", "year": existing.year}
        )
    writer = ProgrammeWriter(doc)
    programme = Programme.objects.create(**writer.programme_fields())
    writer.write_front_matter(programme)
    sections = Section.objects.bulk_create(
        Section(programme=programme, position=i, numeral=s.numeral, title=s.title)
        for i, s in enumerate(doc.sections, 1)
    )
    task_docs, tasks = [], []
    for section, section_doc in zip(sections, doc.sections, strict=True):
        for position, task_doc in enumerate(section_doc.tasks, 1):
            task = Task(section=section, position=position)
            writer.fill_task(task, task_doc)
            task_docs.append(task_doc)
            tasks.append(task)
    tasks = bulk_create_with_history(tasks, Task)  # the audit trail starts with the import
    writer.link_tasks(zip(tasks, task_docs, strict=True))
    return programme, writer.new_agencies


def programme_unit(doc):
    """The administrative unit that issues the document: the one its issuer line names ("UBND thành phố Thái
    Nguyên"), else its place ("Bắc Giang"), else that of the agency it names as issuer; None if none is known."""
    on = doc.issued_on
    unit = AdministrativeUnit.objects.named_in(doc.issuer, doc.place, on=on)
    if unit is None and doc.issuer:
        issuer = AgencyDirectory.load().mentioned_in(doc.issuer)
        unit = issuer.unit if issuer else None
    return unit


def directory_for(doc, existing=None):
    """The names the document's agencies resolve against: those of its unit and the units above it."""
    unit = existing.unit if existing is not None and existing.unit_id else programme_unit(doc)
    return AgencyDirectory.load(unit)


def prepared(doc):
    """The read document with its agencies resolved, refused now if it would not fit the database (not when the
    reviewed draft is saved)."""
    resolve_agencies(doc, directory_for(doc, existing_programme(doc)))
    check_fits(doc)
    return doc


def check_fits(doc):
    """Refuse, naming the place, a text longer than the column that keeps it (PostgreSQL would fail the save).

    Call it once the agencies are resolved: their names become agencies and aliases too. Also refused: a text the
    database cannot hold (a lone surrogate), and a section numeral or task number written twice.
    """
    _check_encodable(doc)
    _check_unique(doc)
    cells = [
        (_("Văn bản"), None, Programme, name, getattr(doc, name))
        for name in ("kind", "number", "issuer", "place", "issued_on_as_written", "signer_name", "signer_title")
    ]
    cells.append((_("Văn bản"), None, Agency, "name", doc.coordinating_agency))
    for number, phase in enumerate(doc.phases, 1):
        where = _("Giai đoạn %(number)d") % {"number": number}
        cells += [(where, None, Phase, name, getattr(phase, name)) for name in ("name", "label_as_written")]
    for section in doc.sections:
        cells.append(
            (_("Mục %(numeral)s") % {"numeral": section.numeral}, section.line, Section, "numeral", section.numeral)
        )
        for task in section.tasks:
            where = _("Nhiệm vụ %(number)s") % {"number": task_reference(section.numeral, task.number)}
            schedule = task.schedule or Schedule(kind=ScheduleKind.UNSPECIFIED)
            cells += [
                (where, task.line, Task, "number", task.number),
                (where, task.line, Task, "conditional", schedule.conditional),
            ]
            cells += [(where, task.line, Agency, "name", name) for name in task.lead + task.support]
    for where, line, model, name, value in cells:
        field = model._meta.get_field(name)
        if value and len(value) > field.max_length:
            place = _("Dòng %(line)d, %(where)s") % {"line": line, "where": where} if line else where
            raise ProgrammeFormatError(
                _("%(place)s: %(field)s «%(value)s» dài %(length)d ký tự, quá giới hạn %(limit)d ký tự.")
                % {
                    "place": place,
                    "field": field.verbose_name,
                    "value": Truncator(value).chars(40),
                    "length": len(value),
                    "limit": field.max_length,
                },
                line,
            )


def _texts_of(value, path=""):
    """(path, text) for every text of a document's JSON form, its path as written there ("sections[2].title")."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_of(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_of(item, f"{path}[{index}]")


def _check_encodable(doc):
    """A text that is not Unicode text (a lone surrogate such as "\\ud800", from JSON or a broken PDF font) cannot be
    stored (PostgreSQL) nor shown again (SQLite keeps it; the page cannot send it)."""
    for path, text in _texts_of({**doc.to_dict(), "source_text": doc.source_text}):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ProgrammeFormatError(
                _("«%(path)s» có ký tự không hợp lệ (U+%(code)04X ở vị trí %(position)d), không lưu được.")
                % {"path": path, "code": ord(text[error.start]), "position": error.start + 1}
            ) from None


def _check_unique(doc):
    """A numeral twice in the programme, or a task number twice in a section, cannot be stored: name them."""
    twice = _repeated(section.numeral for section in doc.sections)
    if twice:
        raise ProgrammeFormatError(
            _("Số mục trùng nhau: %(numerals)s; mỗi mục phải có số riêng.")
            % {"numerals": ", ".join(f"«{numeral}»" for numeral in twice)}
        )
    for section in doc.sections:
        twice = _repeated(task.number for task in section.tasks)
        if twice:
            references = ", ".join(f"«{task_reference(section.numeral, number)}»" for number in twice)
            raise ProgrammeFormatError(
                _("Số nhiệm vụ trùng nhau trong mục %(numeral)s: %(tasks)s; mỗi nhiệm vụ phải có số riêng.")
                % {"numeral": section.numeral or "—", "tasks": references}
            )


def _repeated(values):
    seen, twice = set(), []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


class ProgrammeWriter:
    """Writes the parts of a read programme; shared by a first import and an amendment."""

    def __init__(self, doc, existing=None):
        self.doc = doc
        self.unit = existing.unit if existing is not None and existing.unit_id else programme_unit(doc)
        self.directory = AgencyDirectory.load(self.unit)
        resolve_agencies(doc, self.directory)
        check_fits(doc)
        self.new_agencies = []
        self.phases = {}

    def agency(self, name):
        """The directory's agency of that name, created (flagged for review) when it is new."""
        agency = self.directory.find(name)
        if agency is None:
            agency = Agency.objects.create(
                name=name,
                unit=self.unit,
                needs_review=True,
                kind=Agency.Kind.GROUP if is_collective(name) else Agency.Kind.DEPARTMENT,  # "cơ quan liên quan"
                note=_("Tạo tự động khi nhập %(number)s: chưa có trong danh mục cơ quan.")
                % {"number": self.doc.number},
            )
            self.directory.add(agency)
            self.new_agencies.append(agency)
        return agency

    def programme_fields(self):
        doc = self.doc
        return {
            "kind": doc.kind,
            "number": doc.number,
            "title": doc.title,
            "issuer": doc.issuer,
            "place": doc.place,
            "issued_on": doc.issued_on,
            "issued_on_as_written": doc.issued_on_as_written,
            "year": doc.year,
            "signer_name": doc.signer_name,
            "signer_title": doc.signer_title,
            "coordinating_agency": self.agency(doc.coordinating_agency) if doc.coordinating_agency else None,
            "unit": self.unit,
        }

    def write_front_matter(self, programme):
        """Legal bases, phases and objectives as the document now has them (phases kept by number)."""
        programme.legal_bases.all().delete()
        LegalBasis.objects.bulk_create(
            LegalBasis(programme=programme, position=i, text=text) for i, text in enumerate(self.doc.legal_bases, 1)
        )
        for number, phase_doc in enumerate(self.doc.phases, 1):
            phase, _created = Phase.objects.update_or_create(
                programme=programme,
                number=number,
                defaults={
                    "name": phase_doc.name,
                    "label_as_written": phase_doc.label_as_written,
                    "start": phase_doc.start,
                    "end": phase_doc.end,
                },
            )
            phase.objectives.all().delete()
            Objective.objects.bulk_create(
                Objective(phase=phase, position=i, text=text) for i, text in enumerate(phase_doc.objectives, 1)
            )
            self.phases[number] = phase
        programme.phases.filter(number__gt=len(self.doc.phases)).delete()

    def fill_task(self, task, doc):
        """Set the task's fields from the document's row; what command staff decided (overrides) is not touched."""
        schedule = doc.schedule or Schedule(kind=ScheduleKind.UNSPECIFIED)
        notes = []
        if schedule.needs_review:
            notes.append(
                _("Chưa đọc được thời gian thực hiện: «%(words)s».")
                % {"words": " | ".join(w for w in doc.timeframe_as_written if w)}
            )
        if not doc.lead:
            notes.append(_("Văn bản không ghi cơ quan chủ trì."))
        task.number = doc.number
        task.content = doc.content
        task.deliverable = doc.deliverable
        task.extra_cells = doc.extra_cells
        task.lead_as_written = doc.lead_as_written
        task.support_as_written = doc.support_as_written
        task.timeframe_as_written = doc.timeframe_as_written
        task.schedule_kind = schedule.kind
        task.due_on = schedule.due
        task.starts_on = schedule.start
        task.recurrence = schedule.recurrence or ""
        if schedule.recurrence != Recurrence.PERIODIC:  # "Định kỳ" alone: command staff set the interval
            task.period_months = schedule.period_months
        task.conditional = schedule.conditional or ""
        task.review_note = "\n".join(notes)
        task.index_words()  # bulk_create skips save()

    def link_tasks(self, pairs):
        """Phases and agencies of stored tasks, from their rows: [(task, task_doc)], in bulk."""
        pairs = list(pairs)
        self.link_phases(pairs)
        self.assign(pairs)

    def link_phases(self, pairs):
        links = []
        for task, task_doc in pairs:
            schedule = task_doc.schedule or Schedule(kind=ScheduleKind.UNSPECIFIED)
            for number in schedule.phases:
                if number not in self.phases:
                    raise ProgrammeFormatError(
                        _("Nhiệm vụ %(task)s ghi giai đoạn %(phase)d nhưng chương trình không có giai đoạn này.")
                        % {"task": task_doc.number, "phase": number}
                    )
                links.append(Task.phases.through(task=task, phase=self.phases[number]))
        Task.phases.through.objects.bulk_create(links)

    def assign(self, pairs):
        assignments = []
        for task, task_doc in pairs:
            for role, names in ((Assignment.Role.LEAD, task_doc.lead), (Assignment.Role.SUPPORT, task_doc.support)):
                agencies = _unique(self.agency(name) for name in names)
                assignments += [
                    Assignment(task=task, agency=agency, role=role, position=i) for i, agency in enumerate(agencies, 1)
                ]
        bulk_create_with_history(assignments, Assignment)


def programme_to_doc(programme):
    """The stored programme as a ProgrammeDoc, in a fixed number of queries."""
    programme = (
        Programme.objects.select_related("coordinating_agency")
        .prefetch_related(
            "legal_bases",
            Prefetch("phases", queryset=Phase.objects.prefetch_related("objectives")),
            Prefetch(
                "sections",
                queryset=Section.objects.prefetch_related(
                    Prefetch("tasks", queryset=Task.objects.with_document().order_by("position"))
                ),
            ),
        )
        .get(pk=programme.pk)
    )
    return ProgrammeDoc(
        number=programme.number,
        kind=programme.kind,
        title=programme.title,
        year=programme.year,
        issuer=programme.issuer,
        place=programme.place,
        issued_on=programme.issued_on,
        issued_on_as_written=programme.issued_on_as_written,
        signer_name=programme.signer_name,
        signer_title=programme.signer_title,
        coordinating_agency=programme.coordinating_agency.name if programme.coordinating_agency else "",
        legal_bases=[basis.text for basis in programme.legal_bases.all()],
        phases=[
            PhaseDoc(p.name, p.label_as_written, p.start, p.end, [o.text for o in p.objectives.all()])
            for p in programme.phases.all()
        ],
        sections=[
            SectionDoc(s.numeral, s.title, [_task_doc(t) for t in s.tasks.all()]) for s in programme.sections.all()
        ],
    )


def _task_doc(task):
    return TaskDoc(
        number=task.number,
        content=task.content,
        lead_as_written=task.lead_as_written,
        support_as_written=task.support_as_written,
        timeframe_as_written=list(task.timeframe_as_written),
        deliverable=task.deliverable,
        extra_cells=[list(pair) for pair in task.extra_cells],
        lead=[a.name for a in task.lead_agencies],
        support=[a.name for a in task.support_agencies],
        schedule=Schedule(
            kind=task.schedule_kind,
            due=task.due_on,
            phases=tuple(p.number for p in task.phases.all()),
            recurrence=task.recurrence or None,
            conditional=task.conditional or None,
            start=task.starts_on,
            every_months=task.period_months if task.recurrence == Recurrence.EVERY_N_MONTHS else None,
        ),
    )
