"""Handing over (bàn giao) the work of agencies a reorganisation ended: the list of reorganisations and, for one, the
page where command staff choose who takes over each open task of the programmes they manage."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agencies.models import Reorganisation

from .. import access
from ..forms.handover import HandoverForm
from ..handover import HandoverConflict, hand_over, proposals


@require_GET
def handover_list(request):
    access.require(access.may_hand_over(request.user))
    reorganisations = Reorganisation.objects.prefetch_related("former", "successors", "former_units")
    return render(request, "tasks/handover_list.html", {"reorganisations": reorganisations})


@require_http_methods(["GET", "POST"])
def handover_review(request, pk):
    access.require(access.may_hand_over(request.user))
    reorganisation = get_object_or_404(Reorganisation.objects.prefetch_related("former", "successors"), pk=pk)
    found = proposals(reorganisation, access.managed_programmes(request.user))
    form = HandoverForm(request.POST or None, reorganisation=reorganisation, proposals=found)
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        if not chosen:
            form.add_error(None, _("Chưa chọn cơ quan nhận cho phần việc nào; không có gì thay đổi."))
        else:
            try:
                count = hand_over(reorganisation, chosen, request.user, form.cleaned_data["move_accounts"])
            except HandoverConflict as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Đã bàn giao %(count)d phần việc.") % {"count": count})
                return redirect("tasks:handover", reorganisation.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"reorganisation": reorganisation, "form": form}
    return render(request, "tasks/handover_review.html", context, status=status)
