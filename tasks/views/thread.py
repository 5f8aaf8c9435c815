"""Directives and conversation on a task or a programme: read by whoever sees it, written as access.py allows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import access
from ..forms.thread import ThreadEntryForm
from ..models import ThreadEntry
from ..models.thread import with_open_flags

Kind = ThreadEntry.Kind
SAVED = {
    Kind.DIRECTIVE: gettext_lazy("Đã ghi ý kiến chỉ đạo."),
    Kind.EXPLANATION_REQUEST: gettext_lazy("Đã gửi yêu cầu giải trình đến cơ quan chủ trì."),
    Kind.REPLY: gettext_lazy("Đã gửi giải trình, trả lời."),
    Kind.NOTE: gettext_lazy("Đã ghi chú."),
}


def entry_form(request, subject):
    """The form for the kinds the user may write here, or None; a post of a kind they may not write is a 403."""
    kinds = access.entry_kinds(request.user, subject)
    if request.method == "POST":
        posted = request.POST.get("kind")
        access.require(kinds and (posted not in Kind.values or posted in kinds))
    if not kinds:
        return None
    return ThreadEntryForm(request.POST or None, request.FILES or None, subject=subject, user=request.user, kinds=kinds)


def _saved(request, form):
    """Save a valid posted entry and say so; False when there is nothing to save, or it was refused at the last
    moment (a request answered meanwhile: the form then carries the reason)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        entry = form.save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, SAVED[entry.kind])
    return True


@require_http_methods(["GET", "POST"])
def task_thread(request, pk):
    """The task's entry form on its own (the task page embeds it; a refused post comes back here with its errors)."""
    task = access.task_or_404(request.user, pk, archived=True)
    form = access.require(entry_form(request, task))
    if _saved(request, form):
        return redirect(f"{task.get_absolute_url()}#thread")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "tasks/thread_entry.html", {"task": task, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def programme_thread(request, pk):
    """A whole programme's directives and notes, and the form to add one."""
    programme = access.programme_or_404(request.user, pk)
    form = entry_form(request, programme)
    if form is not None and _saved(request, form):
        return redirect("tasks:programme_thread", programme.pk)
    entries = with_open_flags(list(ThreadEntry.objects.of(programme)))
    status = 400 if form is not None and form.is_bound and form.errors else 200
    context = {"programme": programme, "entries": entries, "thread_form": form}
    return render(request, "tasks/programme_thread.html", context, status=status)


@require_GET
def entry_file(request, pk):
    """An entry's file, for whoever sees its task or programme; to anyone else it does not exist."""
    entry = get_object_or_404(ThreadEntry, pk=pk)
    if entry.task_id:
        access.task_or_404(request.user, entry.task_id, archived=True)
    else:
        access.programme_or_404(request.user, entry.programme_id)
    if not entry.file:
        raise Http404
    return FileResponse(entry.file.open("rb"), as_attachment=True, filename=entry.original_name)
