"""Two-factor sign-in: set-up at first sign-in, codes, recovery codes, resets, the demo code."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccessEvent, DemoDevice
from tests.security import authenticator, current_code, password_only_login

Kind = AccessEvent.Kind


def test_first_sign_in_sets_up_an_authenticator_app_and_shows_ten_recovery_codes(client, cast):
    response = password_only_login(client, cast.sam)
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))

    # Nothing else opens before the second factor.
    home = client.get(reverse("accounts:home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("accounts:two_factor"))

    page = client.get(response["Location"]).content.decode()
    assert "Set up two-factor sign-in" in page and 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=cast.sam, confirmed=False)

    wrong = client.post(response["Location"], {"code": "000000"})
    assert "The code is wrong or has expired" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    time.sleep(1.1)  # after a wrong code django-otp makes the next wait a second, then longer each time
    done = client.post(response["Location"], {"code": current_code(device)})
    assert done.status_code == 200 and done["Cache-Control"] == "no-store, private"
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("accounts:home")).status_code == 200
    kinds = set(AccessEvent.objects.filter(actor=cast.sam).values_list("kind", flat=True))
    assert {Kind.SIGNED_IN, Kind.SECOND_FACTOR_FAILED, Kind.SECOND_FACTOR_SET_UP} <= kinds


def test_a_person_with_an_app_enters_its_code_and_a_wrong_code_is_refused(client, cast):
    device = authenticator(cast.sam)
    response = password_only_login(client, cast.sam)
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    wrong = client.post(response["Location"], {"code": "12"})
    assert wrong.status_code == 200
    assert "The code is wrong or has expired" in wrong.content.decode()
    assert client.get(reverse("accounts:home")).status_code == 302

    time.sleep(1.1)
    ok = client.post(response["Location"], {"code": current_code(device)})
    assert ok.status_code == 302 and ok["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).status_code == 200


def test_a_recovery_code_works_once(client, cast):
    authenticator(cast.sam)
    client.force_login(cast.sam)
    page = client.post(reverse("accounts:recovery_codes_renew")).content.decode()
    code = re.findall(r"<li><code>(\w+)</code></li>", page)[0]
    client.logout()

    first = password_only_login(client, cast.sam)
    assert client.post(first["Location"], {"code": code}).status_code == 302
    assert AccessEvent.objects.filter(actor=cast.sam, kind=Kind.RECOVERY_CODE_USED).exists()
    client.logout()

    again = password_only_login(client, cast.sam)
    assert "The code is wrong" in client.post(again["Location"], {"code": code}).content.decode()
    assert StaticToken.objects.filter(device__user=cast.sam).count() == 9


def test_the_session_id_changes_at_sign_in_and_again_after_the_second_factor(client, cast):
    device = authenticator(cast.sam)
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    response = password_only_login(client, cast.sam)
    after_password = client.session.session_key
    client.post(response["Location"], {"code": current_code(device)})
    after_code = client.session.session_key
    assert len({before, after_password, after_code}) == 3


def test_the_business_manager_resets_a_members_second_factor_and_it_is_recorded(client, cast):
    authenticator(cast.lee)
    client.force_login(cast.alice)
    url = reverse("settings:person_second_factor_reset", args=[cast.lee.memberships.get().pk])
    assert "Reset the second factor of Lee Example" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.lee).exists()
    event = AccessEvent.objects.get(kind=Kind.SECOND_FACTOR_RESET)
    assert event.actor == cast.alice and event.partnership == cast.partnership and event.subject == "lee@example.org"


@pytest.mark.parametrize("who", ["sam", "charlie_for_lee"])
def test_only_the_business_manager_of_the_persons_partnership_may_reset_it(client, cast, who):
    authenticator(cast.lee)
    client.force_login(cast.sam if who == "sam" else cast.charlie)
    response = client.post(reverse("settings:person_second_factor_reset", args=[cast.lee.memberships.get().pk]))
    assert response.status_code == (403 if who == "sam" else 404)
    assert TOTPDevice.objects.filter(user=cast.lee).exists()


def test_the_demo_code_opens_only_while_the_demo_setting_is_on(client, cast, settings):
    DemoDevice.objects.create(user=cast.sam, name="Demo code", confirmed=True)
    settings.DEMO_SECOND_FACTOR = False
    response = password_only_login(client, cast.sam)
    assert "The code is wrong" in client.post(response["Location"], {"code": "123456"}).content.decode()
    settings.DEMO_SECOND_FACTOR = True
    assert client.post(response["Location"], {"code": "123456"}).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_changing_the_second_factor_needs_the_password_within_fifteen_minutes(client, cast):
    from freezegun import freeze_time

    authenticator(cast.sam)
    with freeze_time("2026-06-01 09:00"):
        client.force_login(cast.sam)
    with freeze_time("2026-06-01 09:14"):
        assert client.post(reverse("accounts:recovery_codes_renew")).status_code == 200
    with freeze_time("2026-06-01 09:16"):
        response = client.post(reverse("accounts:second_factor_replace"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:reauthenticate"))
        assert TOTPDevice.objects.filter(user=cast.sam).exists()
        wrong = client.post(response["Location"], {"password": "nope"})
        assert "Your password is wrong" in wrong.content.decode()
        client.post(response["Location"], {"password": "correct-horse-battery"})
        response = client.post(reverse("accounts:second_factor_replace"))
        assert response["Location"] == reverse("accounts:two_factor_setup")
        assert not TOTPDevice.objects.filter(user=cast.sam, confirmed=True).exists()
