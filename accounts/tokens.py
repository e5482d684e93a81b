"""Personal API tokens: made and revoked on /account/tokens/, stored only as a SHA-256 digest.

A token is ``np_`` and 43 random characters. It is shown once, when it is made; the portal keeps
its first characters (to tell tokens apart), its digest, its name and its expiry. A token stops
working when it expires, is revoked, or its person is deactivated.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts import audit
from accounts.models_security import APIToken

PREFIX = "np_"
KEYWORD = "Token"
# Write "last used" (and the audit's "token used") at most this often per token.
USE_RESOLUTION = datetime.timedelta(minutes=5)


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(user, name, days=None, request=None):
    """Make a token for ``user``; returns ``(token, raw)``: ``raw`` is shown once and never stored."""
    days = days or settings.API_TOKEN_DEFAULT_DAYS
    raw = PREFIX + secrets.token_urlsafe(32)
    token = APIToken.objects.create(
        user=user,
        name=name,
        prefix=raw[len(PREFIX) : len(PREFIX) + 5],
        digest=_digest(raw),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    audit.record_request(audit.Kind.TOKEN_CREATED, request=request, user=user, detail=name)
    return token, raw


@transaction.atomic
def token_revoke(user, token_id, request=None):
    """Revoke one of ``user``'s own tokens; returns it, or None when it is not theirs or already revoked."""
    token = APIToken.objects.select_for_update().filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        return None
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record_request(audit.Kind.TOKEN_REVOKED, request=request, user=user, detail=token.name)
    return token


def token_authenticate(raw, request=None):
    """The usable token matching ``raw`` with its person, or None."""
    if not raw or not raw.startswith(PREFIX):
        return None
    now = timezone.now()
    token = APIToken.objects.usable(now).select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > USE_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        audit.record_request(audit.Kind.TOKEN_USED, request=request, user=token.user, detail=token.name)
    return token


class APITokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token np_…`` for the API."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Give one token after the word Token.")
        try:
            raw = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed("The token is not valid.") from error
        token = token_authenticate(raw, request=request._request)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid, has expired or was revoked.")
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


class APITokenScheme(OpenApiAuthenticationExtension):
    """How the API's documentation describes the token."""

    target_class = "accounts.tokens.APITokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A personal token from /account/tokens/, sent as `Token np_…`.",
        }
