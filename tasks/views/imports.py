"""Importing a programme: upload, review of what was read (or of an amendment's changes), confirmation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agencies.models import Agency
from ptds.jobs import QueueFull

from .. import access, roles
from ..documents.amendment import StaleAmendment, compare
from ..documents.data import ProgrammeDoc
from ..documents.store import directory_for, existing_programme, unknown_agencies
from ..documents.timeframe import ScheduleKind
from ..forms.imports import AgencyMappingForm, ImportUploadForm, ParentProgrammeForm
from ..forms.review import AgencySplitForm, ColumnMappingForm, DocumentHeaderForm
from ..jobs import request_reading, request_saving
from ..models import ImportDraft
from .drafts import expired_drafts_answer_404, waiting_for


@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Command staff upload a programme; it is read and shown for review, nothing is saved yet."""
    access.require(access.may_import(request.user))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = request_reading(ImportDraft.Kind.PROGRAMME, form.cleaned_data["file"], request.user)
        except QueueFull as full:
            form.add_error("file", str(full))
            return render(request, "tasks/import_upload.html", {"form": form}, status=429)
        return redirect("tasks:import_review", draft.pk)
    return render(request, "tasks/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@expired_drafts_answer_404
def import_review(request, pk):
    """Every row as read, the agencies it names and what needs a decision; saved in one go on confirmation, by a
    worker (tasks/jobs.py save_draft) while this page waits.

    A programme already stored is shown as the changes its new version makes, and updated on confirmation.
    """
    access.require(access.may_import(request.user))
    draft = access.draft_or_404(request.user, pk, ImportDraft.Kind.PROGRAMME, ImportDraft.objects.all())
    if draft.state != ImportDraft.State.READY:
        return waiting_for(request, draft)
    doc = ProgrammeDoc.from_dict(draft.document)
    existing = existing_programme(doc)
    unknown = unknown_agencies(doc, directory_for(doc, existing))
    agencies = list(Agency.objects.order_by("name"))
    form = AgencyMappingForm(request.POST or None, unknown=unknown, agencies=agencies)
    may_amend = existing is None or access.may_manage(request.user, existing)
    # Another agency's programme is named, never shown: no diff of its tasks, no parent of its own.
    amendment = compare(existing, doc) if existing and may_amend else None
    parent_form = ParentProgrammeForm(
        request.POST or None, doc=doc, user=request.user, existing=existing if may_amend else None, prefix="parent"
    )
    header_form = DocumentHeaderForm(draft=draft)
    if request.method == "POST" and (unconfirmed := _unconfirmed(draft, header_form)):
        form.add_error(None, unconfirmed)
    refused = None
    if request.method == "POST" and form.is_valid() and parent_form.is_valid() and may_amend:
        parent = parent_form.cleaned_data["parent"]
        choices = {
            "mapping": {written: agency.pk for written, agency in form.mapping().items()},
            "parent": parent.pk if parent else None,
            "amends": existing.pk if existing else None,
            "digest": request.POST.get("digest"),
        }
        try:
            if amendment:  # the diff shown (mapping agencies changes none of its cells, written as they are)
                amendment.check_digest(choices["digest"])
            request_saving(draft, choices, request.user)
        except (StaleAmendment, QueueFull) as refusal:
            form.add_error(None, str(refusal))
            refused = refusal
        else:
            return redirect("tasks:import_review", draft.pk)  # the page waits for the worker
    for task in doc.tasks:
        task.kind_label = ScheduleKind(task.schedule.kind).label if task.schedule else ""
    context = {
        "draft": draft,
        "columns_form": ColumnMappingForm(draft=draft) if draft.columns else None,
        "header_form": header_form,
        "split_form": AgencySplitForm(draft=draft),
        "doc": doc,
        "form": form,
        "parent_form": parent_form,
        "unknown": set(unknown),
        "existing": existing,
        "amendment": amendment,
        "may_amend": may_amend,
        "unreadable": [task for task in doc.tasks if task.schedule and task.schedule.needs_review],
        "hidden_after_save": _hidden_after_save(request.user, doc),
    }
    failed = form.errors or parent_form.errors or not may_amend
    status = 429 if isinstance(refused, QueueFull) else 400 if failed else 200
    return render(request, "tasks/import_review.html", context, status=status)


def _hidden_after_save(user, doc):
    """Command staff who choose another agency to follow the programme will not see it once saved: say so."""
    agency = roles.agency_of(user)
    return roles.role_of(user) == roles.COMMAND_STAFF and agency is not None and doc.coordinating_agency != agency.name


def _unconfirmed(draft, header_form):
    """What the user must settle on the review page before anything is saved, or None."""
    if draft.columns_guessed:
        return _("Hãy xác nhận các cột của bảng nhiệm vụ (phía trên) trước khi lưu; chưa lưu gì.")
    if header_form.blocking:
        return _("Văn bản chưa có %(fields)s: hãy bổ sung ở phần «Thông tin văn bản» trước khi lưu; chưa lưu gì.") % {
            "fields": ", ".join(str(label).lower() for label in header_form.blocking)
        }
    return None


@require_POST
def import_columns(request, pk):
    """The column-mapping step: read the uploaded file again with the columns the user chose."""
    return _correct_draft(
        request,
        pk,
        ColumnMappingForm,
        _("Đã đọc lại bảng nhiệm vụ theo các cột đã chọn; hãy xem lại rồi xác nhận."),
        drafts=ImportDraft.objects.ready().exclude(source_text=""),
    )


@require_POST
def import_header(request, pk):
    """The document's header corrected or completed by the user (number, date, kind, title, issuer, ...)."""
    return _correct_draft(request, pk, DocumentHeaderForm, _("Đã lưu thông tin văn bản; hãy xem lại rồi xác nhận."))


@require_POST
def import_agencies(request, pk):
    """The agency cells split again as the user corrected them."""
    return _correct_draft(request, pk, AgencySplitForm, _("Đã lưu cách tách cơ quan; hãy xem lại rồi xác nhận."))


@expired_drafts_answer_404
def _correct_draft(request, pk, form_class, success, drafts=None):
    """A correction to the uploader's draft, saved if valid; back to the review page either way."""
    access.require(access.may_import(request.user))
    draft = access.draft_or_404(request.user, pk, ImportDraft.Kind.PROGRAMME, drafts)
    form = form_class(request.POST, draft=draft)
    if form.is_valid():
        form.save()
        messages.success(request, success)
    else:
        errors = [str(e) for e in form.non_field_errors()]
        errors += [f"{form.fields[name].label}: {' '.join(e)}" for name, e in form.errors.items() if name != "__all__"]
        messages.error(request, " ".join(errors) + " " + _("Chưa lưu gì."))
    return redirect("tasks:import_review", draft.pk)
