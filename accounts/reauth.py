"""Re-authentication: sensitive changes need the password (or sign-in) within REAUTHENTICATION_TIMEOUT.

Changing one's e-mail, password or second factor, issuing a token, inviting people or changing
roles, and issuing or sending a report use ``RecentAuthenticationRequiredMixin``.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from accounts.session_store import SIGNED_IN_AT

REAUTHENTICATED_AT = "reauthenticated_at"


def mark_reauthenticated(session):
    session[REAUTHENTICATED_AT] = int(time.time())


def recently_authenticated(request):
    session = request.session
    last = max(session.get(SIGNED_IN_AT) or 0, session.get(REAUTHENTICATED_AT) or 0)
    return time.time() - last <= settings.REAUTHENTICATION_TIMEOUT


class RecentAuthenticationRequiredMixin:
    """Sends a signed-in person who has not given their password recently to confirm it first.

    ``reauthenticate_methods`` limits the check to some methods (say, POST only, so the page can be read).
    """

    reauthenticate_methods = None

    def dispatch(self, request, *args, **kwargs):
        methods = self.reauthenticate_methods
        if (
            request.user.is_authenticated
            and (methods is None or request.method in methods)
            and not recently_authenticated(request)
        ):
            target = request.get_full_path() if request.method == "GET" else _page_of_the_form(request)
            return redirect(f"{reverse('accounts:reauthenticate')}?{urlencode({'next': target})}")
        return super().dispatch(request, *args, **kwargs)


def _page_of_the_form(request):
    """Where a refused POST came from, to return to after confirming (the form's own page)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("accounts:home")
