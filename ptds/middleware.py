"""Site-wide response headers."""

from django.utils.cache import patch_cache_control


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
