"""The notification centre: each user's own notifications, opening one, marking all read, the e-mail settings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..forms.notifications import NotificationFilterForm, NotificationSettingsForm
from ..models import Notification, NotificationSettings

PAGE_SIZE = 30


@require_GET
def notification_list(request):
    filters = NotificationFilterForm(request.GET or None)
    notifications = filters.filter(Notification.objects.filter(recipient=request.user))
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "tasks/notifications.html", context)


@require_GET
def notification_open(request, pk):
    """Mark it read and go where it points: a page of this site only (a stored link is never trusted blindly)."""
    notification = access.notification_or_404(request.user, pk)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).mark_read()
    if url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None) and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("tasks:notifications")


@require_POST
def notification_read_all(request):
    count = Notification.objects.filter(recipient=request.user).mark_read()
    messages.success(request, _("Đã đánh dấu %(count)d thông báo là đã đọc.") % {"count": count})
    return redirect("tasks:notifications")


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    current = NotificationSettings.objects.filter(user=request.user).first() or NotificationSettings(user=request.user)
    # An empty post is a choice too: nothing by e-mail.
    form = NotificationSettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu lựa chọn thông báo qua thư."))
        return redirect("tasks:notifications")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "tasks/notification_settings.html", {"form": form}, status=status)
