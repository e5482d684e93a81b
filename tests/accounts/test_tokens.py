"""Personal API tokens: made on /account/tokens/ and shown once, stored hashed, expiring, revocable."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.test import APIClient

from accounts.models import AccessEvent, APIToken
from accounts.tokens import token_create

Kind = AccessEvent.Kind


def api_with(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_a_token_is_made_on_the_page_shown_once_and_stored_only_as_a_digest(client, cast):
    client.force_login(cast.sam)
    response = client.post(reverse("accounts:tokens"), {"name": "Council data upload", "days": "90"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store, private"
    raw = re.search(r'data-test="new-token">(np_[\w-]+)<', response.content.decode()).group(1)
    token = APIToken.objects.get(user=cast.sam)
    assert token.name == "Council data upload"
    assert raw not in str(APIToken.objects.values().get())
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()
    assert raw not in client.get(reverse("accounts:tokens")).content.decode()

    assert api_with(raw).get("/api/v1/actions/").status_code == 200
    assert AccessEvent.objects.filter(actor=cast.sam, kind=Kind.TOKEN_CREATED, detail="Council data upload").exists()
    assert AccessEvent.objects.filter(actor=cast.sam, kind=Kind.TOKEN_USED).exists()


def test_a_token_lasts_ninety_days_by_default_and_a_name_and_sensible_expiry_are_needed(client, cast):
    client.force_login(cast.sam)
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert 'value="90"' in page
    response = client.post(reverse("accounts:tokens"), {"name": "", "days": "5000"})
    page = response.content.decode()
    assert "Enter a name for the token" in page and "A token can last at most 365 days" in page
    assert not APIToken.objects.exists()


def test_an_expired_token_is_refused(cast):
    with freeze_time("2026-01-01"):
        _, raw = token_create(cast.sam, "Short", days=1)
    with freeze_time("2026-01-01 23:00"):
        assert api_with(raw).get("/api/v1/actions/").status_code == 200
    with freeze_time("2026-01-02 00:01"):
        assert api_with(raw).get("/api/v1/actions/").status_code in (401, 403)


def test_a_revoked_token_is_refused_at_once(client, cast):
    token, raw = token_create(cast.sam, "Laptop script")
    client.force_login(cast.sam)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert api_with(raw).get("/api/v1/actions/").status_code in (401, 403)
    assert AccessEvent.objects.filter(kind=Kind.TOKEN_REVOKED, actor=cast.sam).exists()


def test_nobody_revokes_another_persons_token(client, cast):
    token, raw = token_create(cast.sam, "Sam's")
    client.force_login(cast.lee)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert api_with(raw).get("/api/v1/actions/").status_code == 200


def test_a_deactivated_persons_token_is_refused_at_once(cast):
    _, raw = token_create(cast.sam, "Script")
    assert api_with(raw).get("/api/v1/actions/").status_code == 200
    cast.sam.is_active = False
    cast.sam.save()
    assert api_with(raw).get("/api/v1/actions/").status_code in (401, 403)


def test_a_made_up_token_is_refused(db):
    assert api_with("np_not-a-real-token").get("/api/v1/actions/").status_code in (401, 403)
    assert api_with("abc").get("/api/v1/actions/").status_code in (401, 403)


def test_making_a_token_needs_the_password_within_fifteen_minutes(client, cast):
    with freeze_time("2026-06-01 09:00"):
        client.force_login(cast.sam)
    with freeze_time("2026-06-01 09:20"):
        assert client.get(reverse("accounts:tokens")).status_code == 200
        response = client.post(reverse("accounts:tokens"), {"name": "Late", "days": "30"})
        assert response["Location"].startswith(reverse("accounts:reauthenticate"))
        assert not APIToken.objects.exists()
