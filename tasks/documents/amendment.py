"""A new version of a stored programme ("sửa đổi, bổ sung"): what changed, cell by cell, and applying it.

Tasks are matched by section numeral and number, then (for renumbered ones) by the same wording. A kept task
keeps its id, so its progress reports, evidence, overrides and history stay with it; a removed task that has
reports is archived, one that has none is deleted.
"""

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agencies.text import fold

from ..models import Assignment, Programme, ProgressReport, Section, Task
from ..models.task import task_reference
from .store import ProgrammeWriter

# Positions are moved out of the way first, so that reordering never meets the unique constraints midway.
_SHIFT = 10000

TASK_CELLS = [
    "number",
    "content",
    "lead_as_written",
    "support_as_written",
    "timeframe_as_written",
    "deliverable",
    "extra_cells",
]
PROGRAMME_CELLS = ["kind", "title", "place", "issued_on_as_written", "signer_name", "signer_title"]


class StaleAmendment(Exception):
    """The stored programme changed after its diff was shown: the confirmation would apply other changes."""

    def __init__(self):
        super().__init__(
            _("Chương trình vừa được thay đổi sau khi anh/chị mở trang này; hãy xem lại các thay đổi rồi xác nhận.")
        )


@dataclass
class CellChange:
    label: str
    before: str
    after: str


@dataclass
class TaskChange:
    task: Task
    doc: object  # the TaskDoc it becomes
    numeral: str  # the section it is in after the amendment
    cells: list[CellChange] = field(default_factory=list)


@dataclass
class Amendment:
    programme: Programme
    doc: object  # the ProgrammeDoc of the new version
    header: list[CellChange]
    kept: list[TaskChange]  # every matched task; the ones with cells are the changed ones
    added: list[tuple[str, object]]  # (section numeral, TaskDoc)
    removed: list[Task]  # each annotated with has_reports

    @property
    def changed(self):
        return [change for change in self.kept if change.cells]

    @property
    def archived(self):
        return [task for task in self.removed if task.has_reports]

    @property
    def is_empty(self):
        return not (self.header or self.changed or self.added or self.removed)

    def lines(self):
        """The changes as plain lines, for the command line and the digest."""
        lines = [f"{c.label}: «{c.before}» → «{c.after}»" for c in self.header]
        lines += [_("Thêm nhiệm vụ %(number)s: %(content)s") % _named(numeral, doc) for numeral, doc in self.added]
        for task in self.removed:
            verb = _("Lưu trữ (đã có báo cáo)") if task.has_reports else _("Bỏ")
            lines.append(f"{verb} {task.reference}: {task.content[:80]}")
        for change in self.changed:
            for cell in change.cells:
                lines.append(
                    _("Sửa %(number)s, %(label)s: «%(before)s» → «%(after)s»")
                    % {
                        "number": task_reference(change.numeral, change.doc.number),
                        "label": cell.label,
                        "before": cell.before,
                        "after": cell.after,
                    }
                )
        return lines

    def digest(self):
        """A fingerprint of the changes: the confirmation applies only the diff that was shown."""
        return hashlib.sha256("\n".join(self.lines()).encode()).hexdigest()[:16]

    def check_digest(self, shown):
        """Raises StaleAmendment unless `shown` is the digest of these changes."""
        if shown != self.digest():
            raise StaleAmendment


def _named(numeral, doc):
    return {"number": task_reference(numeral, doc.number), "content": doc.content[:80]}


def _as_cell(value):
    if isinstance(value, list):  # time cells, or [header, cell] pairs of the other columns
        return " | ".join(": ".join(item) if isinstance(item, list) else item for item in value)
    return str(value or "")


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def compare(programme, doc):
    """What importing `doc` over the stored `programme` would change; reads only, in a fixed number of queries."""
    stored = list(
        Task.objects.current()
        .filter(section__programme=programme)
        .select_related("section")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("agency")))
        .annotate(has_reports=Exists(ProgressReport.objects.filter(task=OuterRef("pk"))))
        .order_by("section__position", "position")
    )
    rows = [(s.numeral, task_doc) for s in doc.sections for task_doc in s.tasks]
    matched = _match(stored, rows)
    kept, added = [], []
    for index, (numeral, task_doc) in enumerate(rows):
        task = matched.get(index)
        if task is None:
            added.append((numeral, task_doc))
            continue
        cells = []
        if task.section.numeral != numeral:
            cells.append(CellChange(_label(Task, "section"), task.section.numeral, numeral))
        for name in TASK_CELLS:
            before, after = _as_cell(getattr(task, name)), _as_cell(getattr(task_doc, name))
            if before != after:
                cells.append(CellChange(_label(Task, name), before, after))
        kept.append(TaskChange(task, task_doc, numeral, cells))

    header = [
        CellChange(_label(Programme, name), _as_cell(getattr(programme, name)), _as_cell(getattr(doc, name)))
        for name in PROGRAMME_CELLS
        if _as_cell(getattr(programme, name)) != _as_cell(getattr(doc, name))
    ]
    kept_pks = {change.task.pk for change in kept}
    removed = [t for t in stored if t.pk not in kept_pks]
    return Amendment(programme, doc, header, kept, added, removed)


def _match(stored, rows):
    """{row index: stored task}. A task is the same task if its wording is the same (wherever it moved), or if
    it keeps its place and most of its wording; otherwise it is removed and the row added, so reported progress
    never passes to a different task."""
    matched, free = {}, {t.pk: t for t in stored}
    by_wording = {}
    for task in stored:
        by_wording.setdefault(fold(task.content), []).append(task)
    for index, (_numeral, task_doc) in enumerate(rows):
        same = [t for t in by_wording.get(fold(task_doc.content), []) if t.pk in free]
        if same:
            matched[index] = free.pop(same[0].pk)
    by_place = {(t.section.numeral, t.number): t for t in free.values()}
    for index, (numeral, task_doc) in enumerate(rows):
        task = by_place.get((numeral, task_doc.number))
        if index not in matched and task and task.pk in free and _alike(task.content, task_doc.content, SAME_PLACE):
            matched[index] = free.pop(task.pk)
    for index, (_numeral, task_doc) in enumerate(rows):
        if index in matched:
            continue
        task = next((t for t in free.values() if _alike(t.content, task_doc.content, MOVED)), None)
        if task:
            matched[index] = free.pop(task.pk)
    return matched


# How much of the wording must stay for a row to be the same task: less where it keeps its number.
SAME_PLACE, MOVED = 0.6, 0.85


def _alike(before, after, threshold):
    matcher = SequenceMatcher(None, fold(before), fold(after), autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


@transaction.atomic
def apply_amendment(amendment, *, reason):
    """Bring the stored programme to the new version. Returns the agencies created for review.

    `reason` goes into the history of every task the amendment touches and onto the archived ones.
    """
    programme, doc = amendment.programme, amendment.doc
    writer = ProgrammeWriter(doc, existing=programme)
    for name, value in writer.programme_fields().items():
        if name == "coordinating_agency" and value is None:
            continue  # a version that names none keeps its coordinator: its command staff keep the programme
        setattr(programme, name, value)
    programme.save()
    writer.write_front_matter(programme)

    now = timezone.now()
    for task in amendment.removed:
        if task.has_reports:
            task.archived_at, task.archived_reason, task.version = now, reason, task.version + 1
            task._change_reason = reason
            task.save()
        else:
            task.delete()

    sections = _write_sections(programme, doc)
    # Out of the way first, so that renumbering never meets the unique constraints midway.
    Task.objects.current().filter(section__programme=programme).update(
        position=F("position") + _SHIFT, number=Concat(Value("~"), Cast("pk", CharField()))
    )
    places = {
        id(task_doc): (sections[s.numeral], position)
        for s in doc.sections
        for position, task_doc in enumerate(s.tasks, 1)
    }

    relinked, reassigned = [], []
    for change in amendment.kept:
        task = change.task
        task.section, task.position = places[id(change.doc)]
        writer.fill_task(task, change.doc)
        if change.cells:
            task.version += 1  # a form opened before the amendment must not overwrite it
            task._change_reason = reason
            task.save()
        else:
            Task.objects.filter(pk=task.pk).update(section=task.section, position=task.position, number=task.number)
        if _agencies(task) != (change.doc.lead, change.doc.support):
            task.assignments.all().delete()
            reassigned.append((task, change.doc))
        relinked.append((task, change.doc))
    Task.phases.through.objects.filter(task__in=[task for task, _doc in relinked]).delete()

    for _numeral, task_doc in amendment.added:
        task = Task(section=places[id(task_doc)][0], position=places[id(task_doc)][1])
        writer.fill_task(task, task_doc)
        task._change_reason = reason
        task.save()
        relinked.append((task, task_doc))
        reassigned.append((task, task_doc))
    writer.link_phases(relinked)
    writer.assign(reassigned)

    # Sections the new version no longer has go, unless archived tasks still stand in them.
    leftover = programme.sections.exclude(pk__in=[s.pk for s in sections.values()])
    leftover.filter(tasks__isnull=True).delete()
    for position, section in enumerate(leftover.order_by("position"), len(sections) + 1):
        Section.objects.filter(pk=section.pk).update(position=position)
    return writer.new_agencies


def _write_sections(programme, doc):
    """{numeral: Section} in the new order; sections are matched by numeral."""
    existing = {s.numeral: s for s in programme.sections.all()}
    programme.sections.update(position=F("position") + _SHIFT)
    sections = {}
    for position, section_doc in enumerate(doc.sections, 1):
        section = existing.get(section_doc.numeral) or Section(programme=programme, numeral=section_doc.numeral)
        section.title, section.position = section_doc.title, position
        section.save()
        sections[section_doc.numeral] = section
    return sections


def _agencies(task):
    """(lead names, support names) as the prefetched assignments have them, in order."""
    return [a.name for a in task.lead_agencies], [a.name for a in task.support_agencies]
