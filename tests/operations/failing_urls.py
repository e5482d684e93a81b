"""A page that fails, for the tests of what a server error reports (Sentry, ADMINS, logs)."""

import logging

from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def failing_page(request):
    logging.getLogger("reports.delivery").error("Could not deliver to %s", "bea.board@example.org")
    raise RuntimeError("Sending to bea.board@example.org failed")


urlpatterns = [path("failing/", failing_page)]
