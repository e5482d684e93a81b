"""Invitations: a single-use link valid for 7 days to set one's own password; re-send and revoke."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.invitations import invitation_create
from accounts.models import AccessEvent, Invitation, Membership, Partnership, Role, User


@pytest.fixture
def alice_membership(cast):
    return cast.alice.memberships.get()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST, then run what was to happen after the commit (the invitation e-mail), as a real request would."""

    def posting(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return posting


@pytest.fixture
def invite(post):
    def inviting(client, email="nina@example.org", role="lead", agency=""):
        return post(client, reverse("settings:invite"), {"email": email, "role": role, "agency": agency})

    return inviting


def link_in(message):
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def path_of(link):
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


NEW_PERSON = {
    "first_name": "Nina",
    "last_name": "Newton",
    "password1": "a-long-pass-phrase",
    "password2": "a-long-pass-phrase",
}


@override_settings(SITE_URL="https://portal.example.org")
def test_an_invited_person_sets_their_own_password_once_and_signs_in(
    cast, client_for, client, mailoutbox, invite, post
):
    response = invite(client_for(cast.alice), agency=cast.council.pk)
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["nina@example.org"]
    link = link_in(message)
    assert link.startswith("https://portal.example.org/invitations/")
    client.logout()
    page = client.get(path_of(link))
    assert "Join Northshire Safeguarding Children Partnership" in page.content.decode()
    response = client.post(path_of(link), NEW_PERSON)
    assert response.status_code == 302
    nina = User.objects.get(email="nina@example.org")
    assert nina.check_password("a-long-pass-phrase") and nina.get_full_name() == "Nina Newton"
    membership = nina.memberships.get()
    assert (membership.partnership, membership.role, membership.agency) == (cast.partnership, Role.LEAD, cast.council)
    # Signed in with the new password; the second factor is set up before anything else opens.
    home = client.get(reverse("accounts:home"), follow=True)
    assert home.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    client.logout()
    again = client.post(path_of(link), NEW_PERSON)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert User.objects.filter(email="nina@example.org").count() == 1
    kinds = set(
        AccessEvent.objects.filter(subject="nina@example.org").exclude(partnership=None).values_list("kind", flat=True)
    )
    assert kinds == {"invited", "invitation_accepted"}


def test_an_expired_link_is_refused_and_the_business_manager_can_send_it_again(
    cast, client_for, client, mailoutbox, invite, post
):
    invite(client_for(cast.alice))
    old_link = link_in(mailoutbox[0])
    client.logout()
    with freeze_time(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client.post(path_of(old_link), NEW_PERSON)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not User.objects.filter(email="nina@example.org").exists()
    invitation = Invitation.objects.get(email="nina@example.org")
    post(client_for(cast.alice), reverse("settings:invitation_resend", args=[invitation.pk]))
    new_link = link_in(mailoutbox[1])
    client.logout()
    assert "newer invitation" in client.get(path_of(old_link)).content.decode()
    assert client.post(path_of(new_link), NEW_PERSON).status_code == 302


def test_a_revoked_invitation_cannot_be_used(cast, client_for, client, mailoutbox, invite, post):
    invite(client_for(cast.alice))
    invitation = Invitation.objects.get(email="nina@example.org")
    client_for(cast.alice).post(reverse("settings:invitation_revoke", args=[invitation.pk]))
    client.logout()
    response = client.post(path_of(link_in(mailoutbox[0])), NEW_PERSON)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert not User.objects.filter(email="nina@example.org").exists()


def test_a_tampered_link_is_refused_in_words(client, db):
    response = client.get("/invitations/not-a-real-token/")
    assert response.status_code == 410 and "not valid" in response.content.decode()


def test_someone_already_in_another_partnership_joins_with_their_existing_account(
    cast, client_for, client, mailoutbox, invite, post
):
    invite(client_for(cast.alice), email="Charlie@Example.org", role="board")
    link = path_of(link_in(mailoutbox[0]))
    assert "already have an account" in mailoutbox[0].body
    client.logout()
    page = client.get(link).content.decode()
    assert "Sign in to accept" in page
    client.force_login(cast.charlie)
    response = client.post(link, {})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="charlie@example.org").count() == 1
    assert set(cast.charlie.memberships.values_list("partnership__slug", "role")) == {
        ("southshire", "admin"),
        ("northshire", "board"),
    }


def test_a_person_signed_in_as_someone_else_cannot_accept_for_them(cast, client_for, client, mailoutbox, invite, post):
    invite(client_for(cast.alice), email="charlie@example.org", role="board")
    client.force_login(cast.sam)
    response = client.post(path_of(link_in(mailoutbox[0])), {})
    assert "this invitation is for charlie@example.org" in response.content.decode()
    assert not cast.charlie.memberships.filter(partnership=cast.partnership).exists()


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"email": "lee@example.org", "role": "lead"}, "already a member of the partnership"),
        ({"email": "not-an-address", "role": "lead"}, "Enter an e-mail address like name@example.org"),
        ({"email": "x@example.org", "role": "superuser"}, "You cannot give this role"),
        ({"email": "x@example.org", "role": ""}, "Choose a role"),
    ],
)
def test_a_bad_invitation_is_refused_on_its_field_and_nothing_is_sent(
    cast, client_for, mailoutbox, data, field_message, invite, post
):
    response = client_for(cast.alice).post(reverse("settings:invite"), {"agency": "", **data})
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not Invitation.objects.exists() and not mailoutbox


def test_inviting_the_same_address_twice_is_refused(cast, client_for, mailoutbox, invite, post):
    invite(client_for(cast.alice))
    response = invite(client_for(cast.alice), email="NINA@example.org")
    assert "already been invited" in response.content.decode()
    assert Invitation.objects.count() == 1 and len(mailoutbox) == 1


def test_an_agency_of_another_partnership_cannot_be_given(cast, client_for, mailoutbox, invite, post):
    response = invite(client_for(cast.alice), agency=cast.other_agency.pk)
    assert "Choose one of the partnership" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_invitation_email_is_sent_after_the_commit(
    cast, alice_membership, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_create(alice_membership, email="late@example.org", role=Role.BOARD)
    assert not mailoutbox and len(callbacks) == 1
    callbacks[0]()
    assert mailoutbox[0].to == ["late@example.org"]
    assert Invitation.objects.get(email="late@example.org").emails.get().status == "sent"


@override_settings(SITE_URL="https://portal.example.org")
def test_a_platform_operator_creates_a_partnership_and_its_business_manager_is_invited(
    db, mailoutbox, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_partnership", name="Eastshire Safeguarding Children Partnership", admin_email="bm@example.org"
        )
    partnership = Partnership.objects.get(slug="eastshire-safeguarding-children-partnership")
    invitation = Invitation.objects.get(partnership=partnership)
    assert (invitation.email, invitation.role, invitation.invited_by) == ("bm@example.org", Role.ADMIN, None)
    (message,) = mailoutbox
    assert "Eastshire" in message.subject and link_in(message).startswith("https://portal.example.org/")
    assert link_in(message) in capsys.readouterr().out
    assert not Membership.objects.filter(partnership=partnership).exists()


def test_creating_a_partnership_whose_name_is_taken_is_refused(cast, mailoutbox):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_partnership", name=cast.partnership.name, admin_email="bm@example.org")
    assert not mailoutbox and Partnership.objects.count() == 2


def test_an_email_whose_link_was_replaced_before_it_went_is_not_sent(
    cast, alice_membership, django_capture_on_commit_callbacks, mailoutbox
):
    from accounts.invitations import invitation_resend

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invitation_create(alice_membership, email="twice@example.org", role=Role.BOARD)
        invitation_resend(alice_membership, invitation)
    for callback in callbacks:
        callback()
    (message,) = mailoutbox
    assert link_in(message).startswith("http") and message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert list(invitation.emails.values_list("status", flat=True)) == ["sent"]  # the first was withdrawn


def test_the_people_page_says_whether_the_invitation_email_went(cast, client_for, invite, mailoutbox):
    invite(client_for(cast.alice))
    assert "E-mailed" in client_for(cast.alice).get(reverse("settings:people")).content.decode()
