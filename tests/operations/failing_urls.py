"""A page that fails, for the tests of what a server error reports (Sentry, ADMINS, logs)."""

import logging

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from neglect_portal.urls import urlpatterns as portal_urlpatterns


@csrf_exempt
def failing_page(request):
    logging.getLogger("reports.delivery").error("Could not deliver to %s", "bea.board@example.org")
    raise RuntimeError("Sending to bea.board@example.org failed")


# The portal's own routes too: the server-error page links back to them.
urlpatterns = [path("failing/", failing_page), *portal_urlpatterns]
