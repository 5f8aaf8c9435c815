"""Reading an uploaded file (a programme at /import/, an offline progress sheet), and saving it once reviewed, as
jobs that a worker takes: a hostile file costs a worker at most its time limit, a programme of thousands of tasks is
saved in the worker's transaction, never in the web process. The draft's page waits for the result."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from agencies.models import Agency
from ptds import jobs

from . import access, roles
from .documents import ProgrammeFormatError, head_of, read_programme_file
from .documents.amendment import StaleAmendment, apply_amendment, compare
from .documents.data import ProgrammeDoc
from .documents.store import apply_mapping, existing_programme, prepared, save_programme
from .forms.imports import ParentProgrammeForm
from .models import ImportDraft, Programme
from .offline import SheetError, read_filled
from .sheet_rows import check_rows


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


class Refused(Exception):
    """What changed since the review and keeps the confirmed draft from being saved; the message says what to do."""


def _programme_saved(draft, choices):
    """Store the reviewed programme, or apply the amendment whose changes were shown, as the review page does.

    The choices were checked in the request; what could have changed since is checked again here.
    """
    user = draft.uploaded_by
    if not access.may_import(user):
        raise Refused(_("Anh/chị không còn quyền nhập chương trình, kế hoạch."))
    doc = ProgrammeDoc.from_dict(draft.document)
    mapping = choices["mapping"]
    agencies = Agency.objects.in_bulk(set(mapping.values()))
    parent_form = ParentProgrammeForm({"parent-parent": choices["parent"]}, doc=doc, user=user, prefix="parent")
    if len(agencies) < len(set(mapping.values())) or not parent_form.is_valid():
        raise Refused(_("Cơ quan hoặc chương trình cấp trên đã chọn không còn chọn được; hãy xem lại rồi xác nhận."))
    parent = parent_form.cleaned_data["parent"]
    apply_mapping(doc, {written: agencies[pk] for written, pk in mapping.items()})
    if choices["amends"] is None:
        programme, new_agencies = save_programme(doc)  # refuses a programme stored meanwhile
        Programme.objects.filter(pk=programme.pk).update(parent=parent)
        message = _("Đã nhập %(programme)s: %(tasks)d nhiệm vụ; %(new)d cơ quan mới cần rà soát.") % {
            "programme": programme,
            "tasks": len(doc.tasks),
            "new": len(new_agencies),
        }
        return message, f"{reverse('tasks:list')}?programme={programme.pk}"
    existing = existing_programme(doc)
    if existing is None or existing.pk != choices["amends"] or not access.may_manage(user, existing):
        raise StaleAmendment
    amendment = compare(existing, doc)
    amendment.check_digest(choices["digest"])
    amendment.programme.parent = parent  # saved with the rest of the programme
    new_agencies = apply_amendment(
        amendment,
        reason=_("Sửa đổi, bổ sung theo tệp %(file)s do %(user)s nhập.")
        % {"file": draft.file_name, "user": user.get_full_name() or user.get_username()},
    )
    message = _(
        "Đã cập nhật %(programme)s theo văn bản sửa đổi, bổ sung: %(added)d nhiệm vụ thêm, %(changed)d sửa, "
        "%(removed)d bỏ (%(archived)d được lưu trữ vì đã có báo cáo); %(new)d cơ quan mới cần rà soát."
    ) % {
        "programme": amendment.programme,
        "added": len(amendment.added),
        "changed": len(amendment.changed),
        "removed": len(amendment.removed),
        "archived": len(amendment.archived),
        "new": len(new_agencies),
    }
    return message, f"{reverse('tasks:list')}?programme={existing.pk}"


NO_VALID_ROWS = gettext_lazy("Không có dòng hợp lệ nào; không có gì được ghi. Hãy sửa tệp rồi tải lên lại.")


def _reports_saved(draft, choices):
    """Save the sheet's valid rows, each by the web form's rules, checked again as they stand now."""
    agency = access.officer_agency(draft.uploaded_by)
    if agency is None:
        raise Refused(_("Anh/chị không còn là cán bộ của cơ quan nên không ghi được báo cáo tiến độ."))
    rows = check_rows(draft.uploaded_by, agency, draft.document.get("rows") or [])
    valid = [row for row in rows if row.valid]
    if not valid:
        raise Refused(NO_VALID_ROWS)
    for row in valid:
        row.form.save()  # a task saved by someone else meanwhile: ValidationError
    message = _("Đã ghi %(saved)d báo cáo tiến độ; %(failed)d dòng lỗi không được ghi.") % {
        "saved": len(valid),
        "failed": len(rows) - len(valid),
    }
    return message, reverse("tasks:my")


SAVERS = {ImportDraft.Kind.PROGRAMME: _programme_saved, ImportDraft.Kind.PROGRESS: _reports_saved}


@jobs.job
def save_draft(draft_pk, choices, owner=None):
    """Save a confirmed draft in one transaction. A refusal (something changed since the review) saves nothing and
    brings the draft back to its review page, saying why; an error rolls back and is tried again (ptds.jobs)."""
    try:
        with transaction.atomic():
            draft = (
                ImportDraft.objects.select_for_update(of=("self",))  # an expiring draft is not deleted midway
                .select_related("uploaded_by")
                .filter(pk=draft_pk, state=ImportDraft.State.SAVING)
                .first()
            )
            if draft is None:  # deleted meanwhile (expired), or saved by an earlier attempt
                return
            message, url = SAVERS[draft.kind](draft, choices)
            ImportDraft.objects.filter(pk=draft_pk).update(
                state=ImportDraft.State.SAVED, result_message=message, result_url=url, document={}, source_text=""
            )
    except (ProgrammeFormatError, StaleAmendment, Refused, ValidationError) as refusal:
        reason = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
        ImportDraft.objects.filter(pk=draft_pk, state=ImportDraft.State.SAVING).update(
            state=ImportDraft.State.READY, error=reason
        )


def request_saving(draft, choices, user):
    """Queue the saving of the reviewed draft with the choices made on its page, once: confirming again while it
    is saving queues nothing. QueueFull (ptds.jobs) and nothing written when too many jobs are waiting."""
    with transaction.atomic():
        ready = ImportDraft.objects.filter(pk=draft.pk, state=ImportDraft.State.READY)
        if ready.update(state=ImportDraft.State.SAVING, error=""):
            jobs.enqueue(save_draft, draft.pk, choices, owner=user)


# A job that failed for good (its time limit, a lost worker, an error) leaves its draft where its page says why: a
# reading as a refused file, a saving as the review page again, nothing saved.
AFTER_FAILURE = {
    read_upload.module_path: (ImportDraft.State.READING, ImportDraft.State.FAILED),
    save_draft.module_path: (ImportDraft.State.SAVING, ImportDraft.State.READY),
}


@receiver(task_finished)
def record_failure(sender, task_result, **kwargs):
    states = AFTER_FAILURE.get(task_result.task.module_path)
    if task_result.status != TaskResultStatus.FAILED or states is None:
        return
    draft = ImportDraft.objects.filter(pk=task_result.args[0], state=states[0]).first()
    if draft:
        draft.upload.delete(save=False)  # a file still unread
        draft.state, draft.error = states[1], jobs.failed_because(task_result)
        draft.save()
