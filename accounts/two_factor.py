"""Two-factor sign-in (django-otp): an authenticator app (TOTP) and ten single-use recovery codes.

Every write of a person's second factor, and ending their sessions, lives here.
"""

import base64

import django_otp
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit
from accounts.models_security import PersonSession
from accounts.reauth import mark_reauthenticated

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def setup_device(user):
    """The unconfirmed authenticator-app device a person is setting up (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def setup_key(device):
    """The device's secret in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def setup_qr_data_uri(device):
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#0b0c0c")


def _sign_in_with(request, device):
    django_otp.login(request, device)
    # A new session id once both factors are given, as at any change of privilege.
    request.session.cycle_key()
    mark_reauthenticated(request.session)


@transaction.atomic
def second_factor_confirm(request, device, code):
    """Confirm the app with its first code; returns the new recovery codes, or None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user, confirmed=False)
    if not device.verify_token(code):
        audit.record_request(audit.Kind.SECOND_FACTOR_FAILED, request=request)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    codes = _new_recovery_codes(request.user)
    _sign_in_with(request, device)
    audit.record_request(audit.Kind.SECOND_FACTOR_SET_UP, request=request)
    return codes


def second_factor_verify(request, code):
    """Complete sign-in with a code from the app or a recovery code; returns the device, or None."""
    with transaction.atomic():
        device = next((d for d in devices_for_user(request.user, for_verify=True) if d.verify_token(code)), None)
    if device is None:
        audit.record_request(audit.Kind.SECOND_FACTOR_FAILED, request=request)
        return None
    _sign_in_with(request, device)
    if isinstance(device, StaticDevice):
        audit.record_request(audit.Kind.RECOVERY_CODE_USED, request=request)
    return device


@transaction.atomic
def recovery_codes_renew(request):
    codes = _new_recovery_codes(request.user)
    audit.record_request(audit.Kind.RECOVERY_CODES_RENEWED, request=request)
    return codes


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_reset(person, request, partnership=None):
    """Remove all of ``person``'s second factors: at their next sign-in they set up a new app.

    Done by the person themselves (a new phone) or by their business manager (a lost phone); their
    other sessions end, so nobody stays signed in on the old factor.
    """
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=person).delete()
    keep = request.session.session_key if request.user == person else None
    sessions_end(person, keep_session_key=keep)
    audit.record_request(
        audit.Kind.SECOND_FACTOR_RESET,
        request=request,
        email=person.email,
        partnership=partnership,
    )


def sessions_end(user, keep_session_key=None):
    """End the person's sessions, all of them or all but ``keep_session_key``; returns how many."""
    sessions = PersonSession.objects.filter(user=user)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    count, _ = sessions.delete()
    return count
