"""Completion acceptance on a task: the lead agency sends its finished work, the programme's command staff accept it
(graded or not) or return it; everyone who sees the task reads the outcome in its report history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import access
from ..forms.completion import CompletionDecisionForm, CompletionForm
from ..status import Acceptance
from .task_pages import saved_message, task_form_page

DECIDED = {
    Acceptance.ACCEPTED: gettext_lazy("Đã xác nhận hoàn thành nhiệm vụ."),
    Acceptance.RETURNED: gettext_lazy("Đã trả lại; nhiệm vụ trở lại tình trạng đang thực hiện."),
}


@require_http_methods(["GET", "POST"])
def task_completion(request, pk):
    task = access.task_or_404(request.user, pk)
    access.require(access.may_ask_completion(request.user, task))
    accepts = access.may_decide_completion(request.user, task)
    form = CompletionForm(
        request.POST or None, request.FILES or None, task=task, user=request.user, sets_status=True, accepts=accepts
    )
    return task_form_page(request, task, form, "tasks/completion.html", saved_message, {"accepts": accepts})


@require_http_methods(["GET", "POST"])
def completion_decide(request, pk, report_pk):
    task = access.task_or_404(request.user, pk)
    access.require(access.may_decide_completion(request.user, task))
    reports = task.progress_reports.select_related("agency", "author").prefetch_related("evidence")
    report = get_object_or_404(reports, pk=report_pk, sets_status=True)
    if not report.is_awaiting:
        messages.info(request, _("Báo cáo này đã được xác nhận hoặc trả lại trước đó."))
        return redirect(task)
    form = CompletionDecisionForm(request.POST or None, report=report, user=request.user)
    return task_form_page(request, task, form, "tasks/completion_decide.html", decided_message, {"report": report})


def decided_message(report):
    return DECIDED[report.acceptance]
