from django.utils.functional import SimpleLazyObject

from . import access, roles

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
        "current_menu": current,
    }
