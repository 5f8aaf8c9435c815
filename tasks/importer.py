"""Stores a read programme (a ProgrammeDoc) and turns a stored one back into a ProgrammeDoc."""

from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.directory import AgencyDirectory
from agencies.models import Agency, AgencyAlias
from agencies.text import fold_name

from .document import PhaseDoc, ProgrammeDoc, ProgrammeFormatError, SectionDoc, TaskDoc
from .models import Assignment, LegalBasis, Objective, Phase, Programme, Section, Task
from .timeframe import Schedule, ScheduleKind


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
        AgencyAlias.objects.get_or_create(folded_name=fold_name(written), defaults={"agency": agency, "name": written})
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
def save_programme(doc, *, replace=False):
    """Store the programme in one transaction. Returns (programme, agencies created for review)."""
    existing = existing_programme(doc)
    if existing and not replace:
        raise ProgrammeExists(
            _(
                "%(programme)s của %(issuer)s năm %(year)d đã có trong hệ thống; "
                "dùng --replace nếu muốn thay thế bản đã nhập."
            )
            % {"programme": existing, "issuer": existing.issuer or "-", "year": existing.year}
        )
    if existing:
        existing.delete()

    directory = AgencyDirectory.load()
    resolve_agencies(doc, directory)
    new_agencies = []

    def agency_named(name):
        agency = directory.find(name)
        if agency is None:
            agency = Agency.objects.create(
                name=name,
                needs_review=True,
                kind=Agency.Kind.GROUP if name.lower().startswith("các ") else Agency.Kind.DEPARTMENT,
                note=_("Tạo tự động khi nhập %(number)s: chưa có trong danh mục cơ quan.") % {"number": doc.number},
            )
            directory.add(agency)
            new_agencies.append(agency)
        return agency

    programme = Programme.objects.create(
        kind=doc.kind,
        number=doc.number,
        title=doc.title,
        issuer=doc.issuer,
        place=doc.place,
        issued_on=doc.issued_on,
        issued_on_as_written=doc.issued_on_as_written,
        year=doc.year,
        signer_name=doc.signer_name,
        signer_title=doc.signer_title,
        coordinating_agency=agency_named(doc.coordinating_agency) if doc.coordinating_agency else None,
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(programme=programme, position=i, text=text) for i, text in enumerate(doc.legal_bases, 1)
    )
    phases = {}
    for number, phase_doc in enumerate(doc.phases, 1):
        phases[number] = Phase.objects.create(
            programme=programme,
            number=number,
            name=phase_doc.name,
            label_as_written=phase_doc.label_as_written,
            start=phase_doc.start,
            end=phase_doc.end,
        )
        Objective.objects.bulk_create(
            Objective(phase=phases[number], position=i, text=text) for i, text in enumerate(phase_doc.objectives, 1)
        )

    sections = Section.objects.bulk_create(
        Section(programme=programme, position=i, numeral=s.numeral, title=s.title)
        for i, s in enumerate(doc.sections, 1)
    )
    task_docs, tasks = [], []
    for section, section_doc in zip(sections, doc.sections, strict=True):
        for position, task_doc in enumerate(section_doc.tasks, 1):
            task_docs.append(task_doc)
            tasks.append(_task(section, position, task_doc))
    tasks = bulk_create_with_history(tasks, Task)  # the audit trail starts with the import

    task_phases, assignments = [], []
    for task, task_doc in zip(tasks, task_docs, strict=True):
        for number in task.schedule.phases:
            if number not in phases:
                raise ProgrammeFormatError(
                    _("Nhiệm vụ %(task)s ghi giai đoạn %(phase)d nhưng chương trình không có giai đoạn này.")
                    % {"task": task_doc.number, "phase": number}
                )
            task_phases.append(Task.phases.through(task=task, phase=phases[number]))
        for role, names in ((Assignment.Role.LEAD, task_doc.lead), (Assignment.Role.SUPPORT, task_doc.support)):
            agencies = _unique(agency_named(name) for name in names)
            assignments += [
                Assignment(task=task, agency=agency, role=role, position=i) for i, agency in enumerate(agencies, 1)
            ]
    Task.phases.through.objects.bulk_create(task_phases)
    bulk_create_with_history(assignments, Assignment)
    return programme, new_agencies


def _task(section, position, doc):
    schedule = doc.schedule or Schedule(kind=ScheduleKind.UNSPECIFIED)
    notes = []
    if schedule.needs_review:
        notes.append(
            _("Chưa đọc được thời gian thực hiện: «%(words)s».")
            % {"words": " | ".join(w for w in doc.timeframe_as_written if w)}
        )
    if not doc.lead:
        notes.append(_("Văn bản không ghi cơ quan chủ trì."))
    task = Task(
        section=section,
        position=position,
        number=doc.number,
        content=doc.content,
        deliverable=doc.deliverable,
        lead_as_written=doc.lead_as_written,
        support_as_written=doc.support_as_written,
        timeframe_as_written=doc.timeframe_as_written,
        schedule_kind=schedule.kind,
        due_on=schedule.due,
        recurrence=schedule.recurrence or "",
        conditional=schedule.conditional or "",
        review_note="\n".join(notes),
    )
    task.search_text = task.folded_words()  # bulk_create skips save()
    task.schedule = schedule  # kept for the phase links made after the bulk insert
    return task


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
        lead=[a.name for a in task.lead_agencies],
        support=[a.name for a in task.support_agencies],
        schedule=Schedule(
            kind=task.schedule_kind,
            due=task.due_on,
            phases=tuple(p.number for p in task.phases.all()),
            recurrence=task.recurrence or None,
            conditional=task.conditional or None,
        ),
    )
