"""What happens at sign-in, sign-out and failed sign-in: the session's marks and the access audit.

Connected in ``AccountsConfig.ready``. Django and axes send these signals from every way of signing
in (the sign-in page, the admin, the test client), so the marks cannot be missed.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from accounts import audit
from accounts.security import session_started
from accounts.session_store import ADDRESS, BROWSER


def on_signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_started(request.session)
    request.session[ADDRESS] = audit.client_address(request)
    request.session[BROWSER] = request.META.get("HTTP_USER_AGENT", "")[:300]
    audit.record_request(audit.Kind.SIGNED_IN, request=request, user=user)


def on_signed_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        audit.record_request(audit.Kind.SIGNED_OUT, request=request, user=user)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the account named: the credentials' other values (the password) are never kept.
    audit.record_request(
        audit.Kind.SIGN_IN_FAILED, request=request, user=None, email=str(credentials.get("username", ""))
    )


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit.record_request(audit.Kind.LOCKED_OUT, request=request, user=None, email=str(username or ""))


def connect():
    user_logged_in.connect(on_signed_in, dispatch_uid="accounts.signed_in")
    user_logged_out.connect(on_signed_out, dispatch_uid="accounts.signed_out")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="accounts.sign_in_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="accounts.locked_out")
