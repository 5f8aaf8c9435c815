"""Site-wide pages and hooks: the health check, the favicon, the CSRF failure page, django-axes' lockout page and
the client address it records."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico before reading the page's <link rel="icon">. Resolved per request: with the
    manifest storage of production the hashed name exists only after collectstatic."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a login refused after too many wrong passwords (HTTP 429, as axes would)."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def client_address(request):
    """Who sent a login attempt, behind nginx (DJANGO_BEHIND_PROXY): the proxy's X-Real-IP, set from the peer."""
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token (or from an expired page): the portal's page, with its menu."""
    return render(request, "403_csrf.html", status=403)
