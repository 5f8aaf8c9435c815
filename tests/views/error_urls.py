"""The portal's URLs and two that fail, for the error-page tests: a server error and a bad request."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from ptds.urls import urlpatterns as portal


def broken(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("forged input")


urlpatterns = [*portal, path("broken/", broken), path("suspicious/", suspicious)]
