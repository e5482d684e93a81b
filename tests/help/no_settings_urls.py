"""The portal's URLs without the /settings/ pages, to show the first-run path never breaks on a missing page."""

from neglect_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [pattern for pattern in portal_urlpatterns if str(pattern.pattern) != "settings/"]
