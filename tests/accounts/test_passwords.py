import re

import pytest
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "a-brand-new-passphrase"


def _sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_a_known_address_is_sent_a_reset_link(client, cast, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portal.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "sam@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.org"]
    assert message.subject == "Reset your Neglect Strategy Portal password"
    assert "https://portal.example.org/password/reset/" in message.body


def test_an_unknown_address_gets_the_same_page_and_no_e_mail(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:password_reset_done"), 302)]
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_an_empty_address_gets_a_field_specific_message(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Reset your password" in page
    assert "Enter your e-mail address" in page


def test_following_the_link_and_setting_a_new_password_lets_the_person_sign_in(
    client, cast, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "sam@example.org"})
    link = re.search(r"https://portal.example.org(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session marker
    form_url = response["Location"]
    assert "Set a new password" in client.get(form_url).content.decode()

    response = client.post(form_url, {"new_password1": "", "new_password2": ""})
    assert "Enter a new password" in response.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")

    client.logout()
    assert _sign_in(client, "sam@example.org", "correct-horse-battery").status_code == 200
    assert _sign_in(client, "sam@example.org", NEW_PASSWORD).status_code == 302


def test_a_used_or_forged_link_is_refused(client, cast):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "not-a-token"]))
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_changing_the_password_needs_the_current_one(client, cast):
    client.force_login(cast.sam)
    url = reverse("accounts:password_change")
    response = client.post(url, {"old_password": "", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "Enter your current password" in response.content.decode()

    response = client.post(
        url, {"old_password": "wrong-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Change your password" in page
    assert "Your current password is wrong" in page
    cast.sam.refresh_from_db()
    assert cast.sam.check_password("correct-horse-battery")
    assert not cast.sam.check_password(NEW_PASSWORD)


def test_changing_the_password_with_the_current_one_works(client, cast):
    client.force_login(cast.sam)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-battery", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    cast.sam.refresh_from_db()
    assert cast.sam.check_password(NEW_PASSWORD)


def test_changing_the_password_needs_a_signed_in_user(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name, heading",
    [
        ("accounts:password_reset", "Reset your password"),
        ("accounts:password_reset_done", "Check your e-mail"),
        ("accounts:password_reset_complete", "Your password has been changed"),
    ],
)
def test_the_public_password_pages_render(client, db, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_the_signed_in_password_pages_render_and_are_linked(client, cast):
    assert "Forgotten your password?" in client.get(reverse("accounts:login")).content.decode()
    client.force_login(cast.sam)
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "Change your password" in page and reverse("accounts:password_change") in page
    assert "Current password" in page
    page = client.get(reverse("accounts:password_change_done")).content.decode()
    assert "Your password has been changed" in page
