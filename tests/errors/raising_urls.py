"""The portal's URLs plus pages that fail on purpose, for the tests of the error pages (DEBUG is off)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from neglect_portal.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def raising_page(request):
    raise RuntimeError("A page that fails")


def suspicious_page(request):
    raise SuspiciousOperation("A request the portal refuses to read")


def refused_page(request):
    raise PermissionDenied


@api_view(["GET"])
@permission_classes([AllowAny])
def raising_api(request):
    raise RuntimeError("An API that fails")


urlpatterns = [
    path("raise/", raising_page),
    path("suspicious/", suspicious_page),
    path("refused/", refused_page),
    path("api/v1/raise/", raising_api),
    *urlpatterns,
]
