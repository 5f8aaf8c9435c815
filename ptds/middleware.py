"""Site-wide response headers, and the portal's error pages with DEBUG on."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import Resolver404
from django.utils.cache import patch_cache_control
from django.views import defaults

logger = logging.getLogger("django.request")


class NoStoreMiddleware:
    """Every page and download Django answers is `Cache-Control: no-store`: a programme, a report or an evidence
    file must not stay in a shared computer's browser cache (nor a proxy's) after its user logs out.

    The login page and /healthz too (nothing to gain from caching them). Static files never reach it: WhiteNoise,
    listed before it, answers them with its own long-lived headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response


class ErrorPagesMiddleware:
    """The portal's own error pages (templates/404.html, 400.html, 500.html) with DEBUG on too, for everyone but
    superusers, who keep Django's debug pages with the traceback.

    `make run` serves with DEBUG on: without this, an officer opening another agency's task there met Django's
    yellow English page. Running it without DEBUG instead would need a secret key, host names, HTTPS and collected
    static files on a developer's machine. With DEBUG off Django renders the same templates itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # An address no URL matches never reaches a view: Django has already answered with its debug page.
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None and _plain_user(request):
            return defaults.page_not_found(request, Resolver404())
        return response

    def process_exception(self, request, exception):
        if not _plain_user(request):
            return None
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django renders 403.html with DEBUG on as well
        if isinstance(exception, SuspiciousOperation | BadRequest):
            logger.warning("Bad request: %s", exception, extra={"status_code": 400, "request": request})
            return defaults.bad_request(request, exception)
        logger.error(
            "Server error: %s", request.path, exc_info=exception, extra={"status_code": 500, "request": request}
        )
        return defaults.server_error(request)


def _plain_user(request):
    """With DEBUG on, whether this user sees the portal's error page rather than Django's debug page."""
    user = getattr(request, "user", None)
    return settings.DEBUG and not (user is not None and user.is_superuser)
