"""Middleware for signed-in sessions and the headers of every response.

- ``SessionTimeoutMiddleware`` ends a session after SESSION_IDLE_TIMEOUT seconds without a request or
  SESSION_ABSOLUTE_TIMEOUT seconds after signing in.
- ``SecondFactorRequiredMiddleware`` lets a person who has given only a password reach nothing but
  the second-factor pages (and the pages anyone may see).
- ``SecurityHeadersMiddleware`` adds Permissions-Policy, and ``Cache-Control: no-store`` to every
  signed-in response and every download.
"""

import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, empty
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.session_store import LAST_SEEN, SIGNED_IN_AT

# Pages a person who has not completed the second factor may still open (anonymous people are
# refused by the views themselves). Everything else needs both factors.
SECOND_FACTOR_EXEMPT = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:invitation_accept",
        "admin-login",
        "admin:logout",
        "api-schema",
        "api-docs",
        "api-docs-swagger",
    }
)
# URL namespaces whose every page is open before the second factor (health).
SECOND_FACTOR_EXEMPT_NAMESPACES = frozenset({"operations"})
# Seconds between writes of "last seen": the idle timeout is this much coarser, and a page view
# does not write the session every time.
LAST_SEEN_RESOLUTION = 60


def session_started(session, now=None):
    """Mark the session as signed in now (at sign-in and after the second factor)."""
    now = int(now or time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now


def session_expired(session, now=None):
    """True when the session has been idle or alive too long; otherwise notes that it was used."""
    now = int(now or time.time())
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is None:
        session_started(session, now)
        return False
    last_seen = session.get(LAST_SEEN, signed_in)
    if now - signed_in > settings.SESSION_ABSOLUTE_TIMEOUT or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return True
    if now - last_seen >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    return False


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and session_expired(request.session):
            logout(request)
            messages.info(
                request, "You were signed out because the session ended. Sign in again to carry on.", fail_silently=True
            )
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Gives ``request.user`` django-otp's ``is_verified()`` and refuses unverified people most routes.

    A session is verified once ``django_otp.login`` has put the device that passed in it. The session
    lives on the server, and resetting a person's second factor ends their sessions, so the device is
    not read again on every request (django-otp's own middleware would cost a query per request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(functools.partial(_with_second_factor, request, user))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if second_factor_exempt(match, view_func):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Complete two-factor sign-in first."}, status=403)
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}")


def _with_second_factor(request, user):
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    if not hasattr(user, "otp_device"):
        user.otp_device = None
    user.is_verified = functools.partial(_session_verified, request, user)
    return user


def _session_verified(request, user):
    return user.is_authenticated and bool(request.session.get(DEVICE_ID_SESSION_KEY))


def second_factor_exempt(match, view_func):
    """Whether a route is open before the second factor: named above, or its view says so."""
    view_class = getattr(view_func, "view_class", None)
    return (
        match.view_name in SECOND_FACTOR_EXEMPT
        or bool(set(match.namespaces) & SECOND_FACTOR_EXEMPT_NAMESPACES)
        or getattr(view_class, "second_factor_exempt", False)
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if _private(request, response):
            response.headers["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response


def _private(request, response):
    if "Content-Disposition" in response.headers or "HTTP_AUTHORIZATION" in request.META:
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class DownloadAuditMiddleware:
    """Every file a signed-in person downloads (exports, report PDFs) goes into the access audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                _record_download(request, disposition)
        return response


def _record_download(request, disposition):
    from accounts import audit

    match = request.resolver_match
    kind = audit.Kind.REPORT_DOWNLOADED if match and match.view_name == "reports:pdf" else audit.Kind.EXPORTED
    filename = disposition.partition("filename=")[2].strip('"')
    audit.record_for_partnership_request(kind, request, detail=filename)
