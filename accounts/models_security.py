"""Security records of people: their sessions, API tokens and the demo second factor.

Imported by ``accounts.models``; kept apart so the people and partnership models stay small.
"""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django_otp.models import Device

DEMO_CODE = "123456"


class PersonSession(AbstractBaseSession):
    """A session in the database, with whose it is, so a person can list and end their own sessions.

    The session key is never shown: pages list when and from where, and end sessions by person.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="sessions")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    signed_in_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def get_session_store_class(cls):
        from accounts.session_store import SessionStore

        return SessionStore

    class Meta:
        verbose_name = "session"


class APITokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens that are neither revoked nor expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class APIToken(models.Model):
    """A person's API token. Only a SHA-256 digest of it is stored; the token is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="The first characters, to tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = APITokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class DemoDevice(Device):
    """The demo people's second factor: accepts the code 123456, and only while DEMO_SECOND_FACTOR is on.

    ``make run`` turns the setting on; production refuses to start with it (see accounts.checks).
    """

    def verify_token(self, token):
        return bool(settings.DEMO_SECOND_FACTOR) and str(token).strip() == DEMO_CODE

    class Meta:
        verbose_name = "demo second factor"
