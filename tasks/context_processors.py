from django.utils.functional import SimpleLazyObject

from . import access


def navigation(request):
    """What the menu offers; the role is read once per request (roles.cached_on)."""
    return {"can_import": SimpleLazyObject(lambda: access.may_import(request.user))}
