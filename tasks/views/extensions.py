"""Extension requests on a task: the lead agency asks, command staff decide, anyone who sees the task reads them."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import access
from ..forms.extension import ExtensionDecisionForm, ExtensionRequestForm
from ..models import ExtensionRequest
from .task_pages import task_form_page

DECIDED = {
    ExtensionRequest.State.APPROVED: gettext_lazy("Đã đồng ý gia hạn như đề xuất."),
    ExtensionRequest.State.AMENDED: gettext_lazy("Đã đồng ý gia hạn đến hạn khác."),
    ExtensionRequest.State.REFUSED: gettext_lazy("Đã không đồng ý gia hạn."),
}


@require_http_methods(["GET", "POST"])
def extension_request(request, pk):
    task = access.task_or_404(request.user, pk)
    access.require(access.may_request_extension(request.user, task))
    form = ExtensionRequestForm(request.POST or None, request.FILES or None, task=task, user=request.user)
    sent = _("Đã gửi đề xuất gia hạn; Ban CHQS sẽ xem xét, quyết định.")
    return task_form_page(request, task, form, "tasks/extension_request.html", sent)


@require_http_methods(["GET", "POST"])
def extension_decide(request, pk, request_pk):
    task = access.task_or_404(request.user, pk)
    access.require(access.may_decide_extension(request.user, task))
    extension = get_object_or_404(task.extension_requests.select_related("agency", "asked_by"), pk=request_pk)
    extension.task = task  # the one already read, with its deadline in force
    if not extension.is_pending:
        messages.info(request, _("Đề xuất gia hạn này đã được quyết định trước đó."))
        return redirect(task)
    form = ExtensionDecisionForm(request.POST or None, request=extension, user=request.user)
    return task_form_page(request, task, form, "tasks/extension_decide.html", decided_message, {"extension": extension})


def decided_message(extension):
    return DECIDED[extension.state]


@require_GET
def extension_file(request, pk, request_pk):
    task = access.task_or_404(request.user, pk, archived=True)
    extension = get_object_or_404(task.extension_requests, pk=request_pk)
    if not extension.file:
        raise Http404
    return FileResponse(extension.file.open("rb"), as_attachment=True, filename=extension.original_name)
