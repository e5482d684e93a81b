"""The Django admin is the platform operators' alone: every other person is refused, staff flag or not."""

import pytest
from django.urls import reverse

from accounts.models import User


@pytest.mark.parametrize("role", ["alice", "steve", "sam", "lee", "bea", "charlie"])
def test_the_admin_refuses_every_member_even_a_business_manager_marked_staff(cast, client, role):
    person = getattr(cast, role)
    User.objects.filter(pk=person.pk).update(is_staff=True)
    client.force_login(person)
    for url in (reverse("admin:index"), reverse("admin:accounts_membership_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_superuser_uses_the_admin_and_api_tokens_are_not_there(client, db):
    operator = User.objects.create_superuser(email="operator@example.org", password="operator-pass-2026")
    client.force_login(operator)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert "Partnerships" in page.content.decode() and "Tokens" not in page.content.decode()


def test_a_platform_operator_creates_a_partnership_in_the_admin_and_its_manager_is_invited(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import Invitation, Partnership

    operator = User.objects.create_superuser(email="operator@example.org", password="operator-pass-2026")
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_partnership_add"),
            {
                "name": "Eastshire Safeguarding Children Partnership",
                "short_name": "",
                "slug": "eastshire",
                "admin_email": "bm@example.org",
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(partnership=Partnership.objects.get(slug="eastshire"))
    assert (invitation.email, invitation.role, invitation.invited_by) == ("bm@example.org", "admin", operator)
    assert mailoutbox[0].to == ["bm@example.org"]
