from django.urls import reverse

from accounts.models import Membership, Role
from tests.security import authenticator, current_code


def test_the_home_page_asks_a_visitor_to_sign_in(client, db):
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_sign_in_page_renders_with_the_govuk_design_system(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b"govuk-header" in response.content and b"Sign in" in response.content


def test_a_member_signs_in_and_sees_the_strategy_and_its_sponsors(client, cast):
    device = authenticator(cast.sam)
    response = client.post(
        reverse("accounts:login"), {"username": "sam@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response.status_code == 302
    # A sponsor's home page is their to-do list; the strategy's dashboard is one click away.
    assert "To do" in client.get(reverse("accounts:home")).content.decode()
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Northshire Neglect Strategy 2024–2027" in page
    assert "Sponsored by Northshire ICB" in page
    assert "Southshire" not in page


def test_a_wrong_password_gets_a_clear_message_in_the_error_summary(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter a correct e-mail address and password" in response.content.decode()


def test_a_person_in_two_partnerships_chooses_one_and_the_choice_is_remembered(client, cast):
    Membership.objects.create(user=cast.sam, partnership=cast.other, role=Role.BOARD)
    client.force_login(cast.sam)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302 and reverse("accounts:choose_partnership") in response["Location"]
    southshire = cast.sam.memberships.get(partnership=cast.other)
    client.post(reverse("accounts:choose_partnership"), {"membership": southshire.pk})
    page = client.get(reverse("accounts:home")).content.decode()
    assert "Southshire Neglect Strategy" in page and "Northshire Neglect Strategy" not in page


def test_choosing_a_partnership_one_does_not_belong_to_is_refused(client, cast):
    client.force_login(cast.sam)
    charlies = cast.charlie.memberships.get()
    response = client.post(reverse("accounts:choose_partnership"), {"membership": charlies.pk})
    assert response.status_code == 200
    assert "Choose a partnership from the list" in response.content.decode()
