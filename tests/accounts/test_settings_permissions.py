"""Every /settings/ page × every role: only the partnership's business manager opens or writes them.

Other roles of Northshire get 403 and change nothing; Charlie, business manager of Southshire, gets
404 for every Northshire agency, person and invitation; a person in two partnerships administers only
the one where they are the business manager.
"""

import pytest
from django.urls import reverse

from accounts.invitations import invitation_create
from accounts.models import AccessEvent, Agency, Invitation, Membership, Role
from reports.models import DistributionList, Recipient

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]
NOT_ADMINS = ["steve", "sam", "lee", "bea"]


@pytest.fixture
def invitation(cast, django_capture_on_commit_callbacks):
    alice = cast.alice.memberships.get()
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(alice, email="new.person@example.org", role=Role.LEAD, agency=cast.council)


def lee_membership(cast):
    return cast.lee.memberships.get()


# name -> (URL, whether it names an object of Northshire)
PAGES = {
    "hub": (lambda c, i: reverse("settings:hub"), False),
    "partnership": (lambda c, i: reverse("settings:partnership"), False),
    "agencies": (lambda c, i: reverse("settings:agencies"), False),
    "agency_create": (lambda c, i: reverse("settings:agency_create"), False),
    "agency_update": (lambda c, i: reverse("settings:agency_update", args=[c.police.pk]), True),
    "agency_retire": (lambda c, i: reverse("settings:agency_retire", args=[c.police.pk]), True),
    "people": (lambda c, i: reverse("settings:people"), False),
    "invite": (lambda c, i: reverse("settings:invite"), False),
    "person": (lambda c, i: reverse("settings:person", args=[lee_membership(c).pk]), True),
    "person_deactivate": (lambda c, i: reverse("settings:person_deactivate", args=[lee_membership(c).pk]), True),
    "distribution_list": (lambda c, i: reverse("settings:distribution_list"), False),
}


def expected(role, names_object):
    if role == "alice":
        return 200
    if role == "charlie":
        return 404 if names_object else 200
    return 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_only_the_business_manager_opens_the_settings_pages(cast, client_for, invitation, role, page):
    url, names_object = PAGES[page]
    response = client_for(getattr(cast, role)).get(url(cast, invitation))
    assert response.status_code == expected(role, names_object)
    if role == "charlie" and response.status_code == 200:
        assert "Northshire" not in response.content.decode()


def board_recipient(cast):
    board, _ = DistributionList.objects.get_or_create(partnership=cast.partnership, kind="board", name="Board")
    recipient, _ = Recipient.objects.get_or_create(distribution_list=board, name="Chair", email="chair@example.org")
    return recipient


def state(cast):
    return (
        list(Recipient.objects.order_by("pk").values_list("email", "is_active")),
        list(Agency.objects.order_by("pk").values_list("name", "sector", "is_sponsor", "retired_at")),
        list(Membership.objects.order_by("pk").values_list("role", "agency", "is_active")),
        list(Invitation.objects.order_by("pk").values_list("email", "nonce", "revoked_at")),
        cast.partnership.__class__.objects.get(pk=cast.partnership.pk).name,
        AccessEvent.objects.exclude(partnership=None).count(),  # signing in (personal events) is not a write
    )


# name -> (URL, POST data, whether it names an object of Northshire)
WRITES = {
    "partnership": (
        lambda c, i: reverse("settings:partnership"),
        {
            "name": "Renamed",
            "board_name": "Board",
            "steering_group_name": "Group",
            "reminder_working_days": "5",
            "report_send_working_days": "10",
            "time_zone": "Europe/London",
            "bank_holiday_region": "ENG",
        },
        False,
    ),
    "agency_create": (
        lambda c, i: reverse("settings:agency_create"),
        {"name": "Northshire Schools", "sector": "education"},
        False,
    ),
    "agency_update": (
        lambda c, i: reverse("settings:agency_update", args=[c.police.pk]),
        {"name": "Renamed Police", "sector": "police"},
        True,
    ),
    "agency_retire": (lambda c, i: reverse("settings:agency_retire", args=[c.police.pk]), {}, True),
    "invite": (
        lambda c, i: reverse("settings:invite"),
        {"email": "someone.else@example.org", "role": "lead", "agency": ""},
        False,
    ),
    "person": (
        lambda c, i: reverse("settings:person", args=[lee_membership(c).pk]),
        {"role": "sponsor", "agency": ""},
        True,
    ),
    "person_deactivate": (
        lambda c, i: reverse("settings:person_deactivate", args=[lee_membership(c).pk]),
        {},
        True,
    ),
    "invitation_resend": (lambda c, i: reverse("settings:invitation_resend", args=[i.pk]), {}, True),
    "recipient_add": (
        lambda c, i: reverse("settings:distribution_list"),
        {"name": "Board Member", "email": "board.member@example.org", "organisation": "ICB", "user": ""},
        False,
    ),
    "recipient_remove": (lambda c, i: reverse("settings:recipient_remove", args=[board_recipient(c).pk]), {}, True),
    "invitation_revoke": (lambda c, i: reverse("settings:invitation_revoke", args=[i.pk]), {}, True),
}


# Charlie (another partnership's business manager) is only tried on writes that name a Northshire object:
# the others are his own partnership's settings pages, where he may write.
REFUSED_WRITES = [
    (role, write) for write, (_, _, names_object) in WRITES.items() for role in NOT_ADMINS + ["charlie"] * names_object
]


@pytest.mark.parametrize(("role", "write"), REFUSED_WRITES)
def test_a_refused_settings_write_answers_403_or_404_and_changes_nothing(cast, client_for, invitation, role, write):
    url, data, _ = WRITES[write]
    target = url(cast, invitation)
    before = state(cast)
    response = client_for(getattr(cast, role)).post(target, data)
    assert response.status_code == (404 if role == "charlie" else 403)
    assert state(cast) == before


@pytest.mark.parametrize("write", list(WRITES))
def test_the_business_manager_writes_each_setting(cast, client_for, invitation, write, mailoutbox):
    url, data, _ = WRITES[write]
    target = url(cast, invitation)
    before = state(cast)
    response = client_for(cast.alice).post(target, data)
    assert response.status_code == 302
    assert state(cast) != before


def test_a_person_in_two_partnerships_administers_only_where_they_are_the_business_manager(cast, client):
    Membership.objects.create(user=cast.sam, partnership=cast.other, role=Role.ADMIN)
    client.force_login(cast.sam)
    northshire, southshire = (
        cast.sam.memberships.get(partnership=cast.partnership),
        cast.sam.memberships.get(partnership=cast.other),
    )
    client.post(reverse("accounts:choose_partnership"), {"membership": northshire.pk})
    assert client.get(reverse("settings:agencies")).status_code == 403
    client.post(reverse("accounts:choose_partnership"), {"membership": southshire.pk})
    page = client.get(reverse("settings:agencies"))
    assert page.status_code == 200 and "Southshire Council" in page.content.decode()
    response = client.post(
        reverse("settings:agency_update", args=[cast.police.pk]), {"name": "Taken over", "sector": "police"}
    )
    assert response.status_code == 404
    assert Agency.objects.get(pk=cast.police.pk).name == "Northshire Police"


def test_the_settings_entry_of_the_menu_is_only_for_the_business_manager(cast, client_for):
    assert "/settings/" in client_for(cast.alice).get(reverse("accounts:home")).content.decode()
    assert 'href="/settings/"' not in client_for(cast.steve).get(reverse("accounts:home")).content.decode()
