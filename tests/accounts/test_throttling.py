"""Throttles and rate limits: 429 with Retry-After; spraying one password across accounts is locked out."""

from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AccessEvent, AccountEmail
from tests import factories as f


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_the_api_answers_429_with_retry_after_past_the_per_person_rate(cast, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "5/minute", "anon": "2/minute"},
    }
    client = api_for(cast.sam)
    statuses = [client.get("/api/v1/actions/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    response = client.get("/api/v1/actions/")
    assert int(response["Retry-After"]) > 0
    # Another person has their own allowance.
    assert api_for(cast.lee).get("/api/v1/actions/").status_code == 200


def test_the_api_throttles_an_anonymous_address(db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "5/minute", "anon": "2/minute"},
    }
    client = APIClient()
    statuses = [client.get("/api/schema/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "Retry-After" in client.get("/api/schema/")


def test_spraying_one_password_across_ten_accounts_from_one_address_is_locked_out(client, db):
    people = [f.UserFactory(email=f"person{i}@example.org") for i in range(10)]
    statuses = [
        client.post(reverse("accounts:login"), {"username": person.email, "password": "Summer2026!"}).status_code
        for person in people
    ]
    assert 429 in statuses or 403 in statuses
    # Locked: even the right password of an eleventh account is refused from this address.
    response = client.post(
        reverse("accounts:login"), {"username": people[0].email, "password": "correct-horse-battery"}
    )
    assert response.status_code in (403, 429)
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.LOCKED_OUT).exists()
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.SIGN_IN_FAILED).count() >= 5


def test_sign_in_attempts_are_limited_per_account_from_many_addresses(client, cast, settings):
    settings.SIGN_IN_LIMIT_PER_ACCOUNT = 3
    settings.AXES_FAILURE_LIMIT = 100
    statuses = [
        client.post(
            reverse("accounts:login"),
            {"username": "sam@example.org", "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{i}",
        ).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_password_reset_is_limited_per_account_and_answers_429(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(reverse("accounts:password_reset"), {"email": "sam@example.org"}).status_code for _ in range(5)
        ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    response = client.post(reverse("accounts:password_reset"), {"email": "sam@example.org"})
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()


def test_password_reset_mail_is_sent_after_the_request_by_a_job(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "sam@example.org"})
        assert response.status_code == 302
        assert mail.outbox == []
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the job hands the e-mail to the outbound engine
        callbacks[0]()
    assert mail.outbox[0].to == ["sam@example.org"]
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-generated"
    assert AccountEmail.objects.get(user=cast.sam, kind="password_reset").status == "sent"
