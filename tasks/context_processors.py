from django.utils.functional import SimpleLazyObject

from . import access, roles
from .models import Notification

# The menu entry each part of the site belongs to, by the start of its address.
MENU_PREFIXES = [
    ("/tasks/", "tasks"),
    ("/programmes/", "tasks"),
    ("/reports/", "reports"),
    ("/import/", "import"),
    ("/handover/", "handover"),
    ("/my/", "my"),
    ("/units/", "units"),
    ("/scores/", "scores"),
    ("/notifications/", "notifications"),
]


def navigation(request):
    """What the menu offers, and which entry is the current page's; the role is read once per request."""
    current = "dashboard" if request.path == "/" else None
    current = next((key for prefix, key in MENU_PREFIXES if request.path.startswith(prefix)), current)
    return {
        "can_import": SimpleLazyObject(lambda: access.may_import(request.user)),
        "can_consolidate": SimpleLazyObject(lambda: roles.oversees_units(request.user)),
        "can_see_scores": SimpleLazyObject(lambda: access.may_see_scores(request.user)),
        "can_hand_over": SimpleLazyObject(lambda: access.may_hand_over(request.user)),
        # Lazy: one query on a page that shows the bell (a logged-in user's), none on the others.
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=request.user).unread().count()
        ),
        "current_menu": current,
    }
