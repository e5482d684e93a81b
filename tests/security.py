"""Signing test clients in with or without the second factor."""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


def authenticator(user):
    """The person's confirmed authenticator-app device (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device):
    """The code the person's app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def complete_second_factor(client, user):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()


def password_only_login(client, user, password=PASSWORD, **extra):
    """Signed in through the sign-in page with the password only: the second factor is still to come."""
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": password}, **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    return response
