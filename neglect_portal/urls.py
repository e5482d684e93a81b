from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from neglect_portal import api
from neglect_portal.admin import superusers_only

# The API's documentation pages are the libraries' own: ReDoc writes its styles into <style>
# elements as it runs and draws in a web worker, so these two pages (and no other) allow that.
API_DOCS_POLICY = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

admin.site.site_header = "Neglect Strategy Portal administration"
admin.site.site_title = "Neglect Strategy Portal"
admin.site.has_permission = superusers_only


def namespace(name, *modules):
    """One URL namespace made of several apps' URL modules, named rather than imported (as ``include`` does)."""
    return include(([path("", include(module)) for module in modules], name))


# Errors in the house style: pages for people, JSON with "detail" under /api/ (see neglect_portal/errors.py).
handler400 = "neglect_portal.errors.bad_request"
handler403 = "neglect_portal.errors.permission_denied"
handler404 = "neglect_portal.errors.page_not_found"
handler500 = "neglect_portal.errors.server_error"

urlpatterns = [
    # The home page (To do or the dashboard) and a priority's page, under the names they have always had.
    path("", namespace("accounts", "reminders.home_urls", "actions.home_urls", "accounts.urls")),
    path("priorities/", namespace("priorities", "priorities.urls", "actions.priority_urls")),
    path("actions/", include("actions.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("audits/", include("audits.urls")),
    path("reports/", namespace("reports", "reports.urls", "reminders.urls")),
    path("changes/", include("changes.urls")),
    path("spreadsheets/", include("spreadsheets.urls")),
    path("files/", include("evidence.urls")),
    path(
        "settings/",
        namespace(
            "settings",
            "accounts.settings_urls",
            "priorities.settings_urls",
            "reports.settings_urls",
            "changes.settings_urls",
        ),
    ),
    path("search/", include("search.urls")),
    path("help/", include("help.urls")),
    path("health/", include("operations.urls")),
    # The admin signs in through the portal's own sign-in, with its second factor and limits.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True), name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api.router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", API_DOCS_POLICY(SpectacularRedocView.as_view(url_name="api-schema")), name="api-docs"),
    # A page, not an API endpoint: its OPTIONS answer would need a template the view does not have.
    path(
        "api/docs/swagger/",
        API_DOCS_POLICY(SpectacularSwaggerView.as_view(url_name="api-schema", http_method_names=["get", "head"])),
        name="api-docs-swagger",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
