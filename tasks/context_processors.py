from django.utils.functional import SimpleLazyObject

from . import roles


def navigation(request):
    """What the menu offers; the role is read once per request (roles.role_of caches the user's groups)."""
    return {"can_import": SimpleLazyObject(lambda: roles.role_of(request.user) in (roles.ADMIN, roles.COMMAND_STAFF))}
