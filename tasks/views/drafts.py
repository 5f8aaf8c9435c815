"""Uploads waiting for review (import and offline drafts): an expired one answers 404 with a word of why; one still
being read or saved, or refused by the reader, shows that; a saved one sends the person to what was saved."""

import functools

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render

from ..access import DraftExpired
from ..models import ImportDraft


def expired_drafts_answer_404(view):
    """The view's draft, looked up by access.draft_or_404, has expired: 404, and a page saying to upload again."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DraftExpired as expired:
            upload = "tasks:my_upload" if expired.draft.kind == ImportDraft.Kind.PROGRESS else "tasks:import"
            context = {"draft": expired.draft, "hours": settings.PTDS_DRAFT_HOURS, "upload": upload}
            return render(request, "tasks/draft_expired.html", context, status=404)

    return wrapped


def waiting_for(request, draft):
    """The page of a draft a worker is reading or saving (it refreshes itself) or could not read (the reader's
    message). A saved draft has served: the person goes to what it saved, told what it did, and the draft goes."""
    if draft.state == ImportDraft.State.SAVED:
        messages.success(request, draft.result_message)
        draft.delete()
        return redirect(draft.result_url)
    upload = "tasks:my_upload" if draft.kind == ImportDraft.Kind.PROGRESS else "tasks:import"
    return render(request, "tasks/draft_waiting.html", {"draft": draft, "upload": upload})
