"""Sessions: 30 minutes idle, 12 hours at most, listed on a page, ended by password changes and on demand."""

from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import AccessEvent, PersonSession
from tests.security import complete_second_factor, password_only_login

NEW_PASSWORD = "a-brand-new-passphrase"


def home_status(client):
    return client.get(reverse("accounts:home")).status_code


def test_a_session_ends_after_thirty_minutes_without_a_request(client, cast):
    with freeze_time("2026-06-01 09:00"):
        client.force_login(cast.sam)
    with freeze_time("2026-06-01 09:29"):
        assert home_status(client) == 200
    with freeze_time("2026-06-01 09:58"):
        assert home_status(client) == 200  # 29 minutes after the last request
    with freeze_time("2026-06-01 10:29"):
        response = client.get(reverse("accounts:home"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_session_ends_twelve_hours_after_signing_in_however_busy(client, cast):
    with freeze_time("2026-06-01 08:00") as clock:
        client.force_login(cast.sam)
        for _ in range(47):
            clock.tick(15 * 60)
            assert home_status(client) == 200
        clock.tick(16 * 60)  # 12 h 1 min after signing in
        assert home_status(client) == 302


def test_the_timeouts_are_settings(client, cast, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    with freeze_time("2026-06-01 09:00"):
        client.force_login(cast.sam)
    with freeze_time("2026-06-01 09:06"):
        assert home_status(client) == 302


def test_changing_the_password_ends_the_persons_other_sessions_and_keeps_this_one(client, cast):
    laptop, phone = Client(), Client()
    laptop.force_login(cast.sam)
    phone.force_login(cast.sam)
    client.force_login(cast.sam)
    assert PersonSession.objects.filter(user=cast.sam).count() == 3

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-battery", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert home_status(client) == 200
    assert home_status(laptop) == 302 and home_status(phone) == 302
    assert PersonSession.objects.filter(user=cast.sam).count() == 1
    assert AccessEvent.objects.filter(actor=cast.sam, kind=AccessEvent.Kind.PASSWORD_CHANGED).exists()


def test_the_sessions_page_lists_ones_own_sessions_without_their_ids(client, cast):
    other = Client(HTTP_USER_AGENT="Firefox on the office PC")
    password_only_login(other, cast.sam)
    complete_second_factor(other, cast.sam)
    Client().force_login(cast.lee)
    client.force_login(cast.sam)
    response = client.get(reverse("accounts:sessions"))
    page = response.content.decode()
    assert page.count('<tr class="govuk-table__row">') == 3  # the header and two sessions
    assert "Firefox on the office PC" in page and "This session" in page
    for key in PersonSession.objects.values_list("session_key", flat=True):
        assert key not in page


def test_signing_out_of_other_sessions_keeps_this_one(client, cast):
    other = Client()
    other.force_login(cast.sam)
    client.force_login(cast.sam)
    client.post(reverse("accounts:sessions"), {"which": "others"})
    assert home_status(client) == 200 and home_status(other) == 302
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.SESSIONS_ENDED, actor=cast.sam).exists()


def test_signing_out_everywhere_ends_every_session(client, cast):
    other = Client()
    other.force_login(cast.sam)
    client.force_login(cast.sam)
    response = client.post(reverse("accounts:sessions"), {"which": "all"})
    assert response["Location"] == reverse("accounts:login")
    assert home_status(client) == 302 and home_status(other) == 302
    assert not PersonSession.objects.filter(user=cast.sam).exists()


def test_signing_out_ends_the_session(client, cast):
    client.force_login(cast.sam)
    client.post(reverse("accounts:logout"))
    assert home_status(client) == 302
    assert not PersonSession.objects.filter(user=cast.sam).exists()
