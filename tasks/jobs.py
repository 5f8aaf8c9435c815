"""Reading an uploaded file (a programme at /import/, an offline progress sheet), as a job that a worker takes: a
hostile file costs a worker at most its time limit, never the web process. The draft's page waits for the result."""

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from ptds import jobs

from . import roles
from .documents import ProgrammeFormatError, head_of, read_programme_file
from .documents.store import prepared
from .models import ImportDraft
from .offline import SheetError, read_filled


def _programme(raw, name, uploader):
    doc = prepared(read_programme_file(raw, name, ocr=True))  # a scan too: reviewed before anything is saved
    # The importer's own agency follows the programme unless they choose another on the review page: command staff
    # see only the programmes their agency follows, so the tasks they import are theirs to see.
    if agency := roles.agency_of(uploader):
        doc.coordinating_agency = agency.name
    return {
        "document": doc.to_dict(),
        "source_text": doc.source_text,
        "columns": doc.columns,
        "columns_guessed": doc.columns_guessed,
    }


def _progress_sheet(raw, name, uploader):
    rows = read_filled(raw, name)
    if not rows:
        raise SheetError(
            _("Tệp «%(name)s» chưa có dòng nào được điền; hãy điền các cột nền vàng rồi tải lên lại.") % {"name": name}
        )
    return {"document": {"rows": rows}}


READERS = {ImportDraft.Kind.PROGRAMME: _programme, ImportDraft.Kind.PROGRESS: _progress_sheet}


@jobs.job
def read_upload(draft_pk, owner=None):
    """Read the draft's file into it; a file the readers refuse leaves the draft refused, with their message."""
    draft = ImportDraft.objects.filter(pk=draft_pk, state=ImportDraft.State.READING).first()
    if draft is None:  # deleted meanwhile (expired), or read by an earlier attempt
        return
    with draft.upload.open("rb") as file:
        raw, _name = head_of(file)
    try:
        read = READERS[draft.kind](raw, draft.file_name, draft.uploaded_by)
    except (ProgrammeFormatError, SheetError) as refusal:
        draft.state, draft.error = ImportDraft.State.FAILED, str(refusal)
    else:
        draft.state = ImportDraft.State.READY
        for field, value in read.items():
            setattr(draft, field, value)
    draft.upload.delete(save=False)
    draft.save()


def request_reading(kind, upload, user):
    """A draft for the uploaded file, its reading queued; QueueFull (ptds.jobs) and nothing written when the person
    or the portal has too many jobs waiting."""
    with transaction.atomic():
        draft = ImportDraft.objects.create(
            kind=kind,
            uploaded_by=user,
            file_name=upload.name[:255],
            upload=upload,
            state=ImportDraft.State.READING,
        )
        jobs.enqueue(read_upload, draft.pk, owner=user)
    return draft


@receiver(task_finished)
def record_failure(sender, task_result, **kwargs):
    """A reading that failed for good (its time limit, a lost worker, an error) says why on the draft's page."""
    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != read_upload.module_path:
        return
    draft = ImportDraft.objects.filter(pk=task_result.args[0], state=ImportDraft.State.READING).first()
    if draft:
        draft.upload.delete(save=False)
        draft.state, draft.error = ImportDraft.State.FAILED, jobs.failed_because(task_result)
        draft.save()
