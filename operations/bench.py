"""What ``make bench`` adds to the portal while it measures it: a server-side timer and a bare view.

Only the benchmark's settings (``neglect_portal.settings.bench``) use them; a deployment never does.
"""

import time

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from neglect_portal.urls import handler400, handler403, handler404, handler500  # noqa: F401  (the same error pages)


def server_timing(get_response):
    """Answers each request with the server time it took (``X-Bench-Ms``) and its queries (``X-Bench-Queries``)."""

    def timed(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = get_response(request)
        response["X-Bench-Ms"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        response["X-Bench-Queries"] = str(queries)
        return response

    return timed


def bare(request):
    """The least a Django view can do: the yardstick each page's throughput is compared with."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("neglect_portal.urls")),
]
