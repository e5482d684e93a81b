"""The portal's error answers: house-style pages for people, JSON with ``detail`` for the API.

Django calls the ``handler400``/``403``/``404``/``500`` named in the root URL conf. A request under
``/api/`` gets JSON; any other gets the page of the same number. The 500 page is rendered without
a request context and without touching the database, since either may be what failed.
"""

from django.http import JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from rest_framework.views import exception_handler

API_PREFIX = "/api/"

API_DETAIL = {
    400: "The request could not be understood.",
    403: "You do not have permission to do this.",
    404: "Not found.",
    500: "Something went wrong on our side. Try again later.",
}


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _api_answer(status, detail=None):
    return JsonResponse({"detail": detail or API_DETAIL[status]}, status=status)


@requires_csrf_token
def bad_request(request, exception):
    if is_api(request):
        return _api_answer(400)
    return defaults.bad_request(request, exception)


@requires_csrf_token
def permission_denied(request, exception):
    """The refusal names its reason when the view gave one (``PermissionDenied("You cannot ...")``)."""
    if is_api(request):
        return _api_answer(403, str(exception) or None)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception):
    if is_api(request):
        return _api_answer(404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    if is_api(request):
        return _api_answer(500)
    template = loader.get_template("500.html")
    return defaults.HttpResponseServerError(template.render())


def csrf_failure(request, reason=""):
    """A form sent from a page that is too old (or without cookies): the 403 page, saying what to do."""
    exception = "This form has expired or your browser did not send its cookie. Go back, reload the page and try again."
    if is_api(request):
        return _api_answer(403, f"CSRF check failed: {reason}")
    return defaults.permission_denied(request, Exception(exception))


def api_exception_handler(exc, context):
    """DRF's answers, with any refusal given as a list turned into ``{"detail": ...}``.

    Field errors stay as they are (``{"field": ["message"]}``) so a client can show each on its
    field; exceptions DRF does not know propagate to :func:`server_error` (logged, then JSON 500).
    """
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": " ".join(str(item) for item in response.data)}
    return response
