"""The business manager's settings: the partnership, agencies and people, and what each refuses."""

from django.urls import reverse

from accounts.models import AccessEvent, Agency, Membership, Partnership, Role
from tests.security import authenticator, current_code


def test_the_hub_links_to_every_settings_page_that_exists(cast, client_for):
    page = client_for(cast.alice).get(reverse("settings:hub")).content.decode()
    for name in ("settings:partnership", "settings:agencies", "settings:people", "settings:distribution_list"):
        assert f'href="{reverse(name)}"' in page


def test_the_business_manager_changes_the_partnership_and_the_history_says_who(cast, client_for):
    data = {
        "name": "Northshire Children's Partnership",
        "short_name": "NCP",
        "board_name": "Northshire Executive",
        "steering_group_name": "Neglect Group",
        "reminder_working_days": "7",
        "report_send_working_days": "12",
        "time_zone": "Europe/London",
        "bank_holiday_region": "SCT",
    }
    assert client_for(cast.alice).post(reverse("settings:partnership"), data).status_code == 302
    partnership = Partnership.objects.get(pk=cast.partnership.pk)
    assert (partnership.short_name, partnership.reminder_working_days, partnership.bank_holiday_region) == (
        "NCP",
        7,
        "SCT",
    )
    page = client_for(cast.alice).get(reverse("settings:partnership")).content.decode()
    assert "Alice Example" in page and "Neglect Group" in page
    assert "Version:" not in page  # the version is the portal's own count, not a setting


def test_settings_saved_from_a_page_opened_before_another_save_are_refused_and_show_the_other_change(cast, client_for):
    second_manager = cast.alice.__class__.objects.create_user(email="ada@example.org", first_name="Ada")
    Membership.objects.create(user=second_manager, partnership=cast.partnership, role=Role.ADMIN)
    data = {
        "name": cast.partnership.name,
        "board_name": "Northshire Executive",
        "steering_group_name": "Neglect Group",
        "reminder_working_days": "10",
        "report_send_working_days": "15",
        "time_zone": "Europe/London",
        "bank_holiday_region": "ENG",
        "suppression_threshold": "5",
        "suppression_mode": cast.partnership.suppression_mode,
        "evidence_quota_mb": "500",
        "version": str(cast.partnership.version),  # both pages opened at this version
    }
    assert client_for(cast.alice).post(reverse("settings:partnership"), data).status_code == 302

    response = client_for(second_manager).post(
        reverse("settings:partnership"), {**data, "board_name": "Northshire Board", "reminder_working_days": "5"}
    )

    assert response.status_code == 409
    partnership = Partnership.objects.get(pk=cast.partnership.pk)
    assert (partnership.board_name, partnership.reminder_working_days) == ("Northshire Executive", 10)
    page = response.content.decode()
    assert "Someone else changed this partnership while you were editing it" in page and "Alice Example" in page
    form = response.context["form"]
    assert form["reminder_working_days"].value() == 5 and form["version"].value() == partnership.version


def test_a_bad_partnership_setting_is_refused_on_its_field(cast, client_for):
    data = {
        "name": cast.other.name,
        "board_name": "",
        "steering_group_name": "Group",
        "reminder_working_days": "0",
        "report_send_working_days": "x",
        "time_zone": "Mars/Olympus",
        "bank_holiday_region": "ENG",
    }
    page = client_for(cast.alice).post(reverse("settings:partnership"), data).content.decode()
    for message in (
        "Another partnership already has this name",
        "Enter the name of the board",
        "The data collection window must be 1 or more",
        "The report send day must be a whole number",
        "Select a valid choice",
    ):
        assert message in page
    assert Partnership.objects.get(pk=cast.partnership.pk).name == cast.partnership.name


def test_agencies_are_added_renamed_and_a_duplicate_name_is_refused(cast, client_for):
    client = client_for(cast.alice)
    client.post(
        reverse("settings:agency_create"), {"name": "Northshire Schools", "sector": "education", "is_sponsor": "on"}
    )
    assert Agency.objects.get(name="Northshire Schools").is_sponsor
    page = client.post(reverse("settings:agency_create"), {"name": "northshire police", "sector": "police"})
    assert "already has an agency with this name" in page.content.decode()
    assert Agency.objects.filter(partnership=cast.partnership).count() == 4


def test_retiring_an_agency_that_sponsors_a_priority_is_refused(cast, client_for):
    response = client_for(cast.alice).post(reverse("settings:agency_retire", args=[cast.health.pk]))
    assert response.status_code == 200
    assert "sponsors a priority" in response.content.decode()
    assert Agency.objects.get(pk=cast.health.pk).retired_at is None


def test_a_retired_agency_keeps_its_history_and_is_offered_to_no_one_new(cast, client_for):
    client = client_for(cast.alice)
    assert client.post(reverse("settings:agency_retire", args=[cast.police.pk])).status_code == 302
    assert Agency.objects.filter(pk=cast.police.pk, retired_at__isnull=False).exists()
    assert "Retired agencies" in client.get(reverse("settings:agencies")).content.decode()
    assert "Northshire Police" not in client.get(reverse("settings:invite")).content.decode()


def test_the_people_page_lists_role_agency_status_and_invitations(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.alice)
    client.get(reverse("settings:people"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("settings:people")).content.decode()
    assert "Lee Example" in page and "Action lead" in page and "Northshire Council" in page
    assert "Charlie" not in page


def test_a_deactivated_leaver_cannot_sign_in_and_their_open_actions_are_listed(cast, client_for, client):
    lee = cast.lee.memberships.get()
    response = client_for(cast.alice).post(reverse("settings:person_deactivate", args=[lee.pk]))
    assert response.status_code == 302
    page = client_for(cast.alice).get(reverse("settings:person", args=[lee.pk])).content.decode()
    assert "P2.1 Roll out the neglect toolkit" in page and "Reassign these actions" in page
    assert AccessEvent.objects.filter(kind="deactivated", subject="lee@example.org", actor=cast.alice).exists()
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "lee@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 200 and "Your access to the portal has ended" in response.content.decode()
    client.force_login(cast.lee)
    assert client.get(reverse("actions:detail", args=[cast.a21.pk])).status_code == 302  # no partnership to work in


def test_a_person_deactivated_in_one_partnership_still_signs_in_to_the_other(cast, client_for, client):
    Membership.objects.create(user=cast.lee, partnership=cast.other, role=Role.BOARD)
    client_for(cast.alice).post(
        reverse("settings:person_deactivate", args=[cast.lee.memberships.get(partnership=cast.partnership).pk])
    )
    client.logout()
    device = authenticator(cast.lee)
    response = client.post(
        reverse("accounts:login"), {"username": "lee@example.org", "password": "correct-horse-battery"}
    )
    client.post(response["Location"], {"code": current_code(device)})
    page = client.get(reverse("accounts:home")).content.decode()
    assert "Southshire" in page and "Northshire Neglect Strategy" not in page


def test_the_last_business_manager_cannot_be_deactivated_or_demoted(cast, client_for):
    alice = cast.alice.memberships.get()
    client = client_for(cast.alice)
    page = client.post(reverse("settings:person_deactivate", args=[alice.pk])).content.decode()
    assert "must keep at least one business manager" in page
    page = client.post(reverse("settings:person", args=[alice.pk]), {"role": "steering", "agency": ""}).content.decode()
    assert "must keep at least one business manager" in page
    assert Membership.objects.filter(pk=alice.pk, role=Role.ADMIN, is_active=True).exists()


def test_a_role_change_is_in_the_audit_of_access(cast, client_for):
    lee = cast.lee.memberships.get()
    client_for(cast.alice).post(
        reverse("settings:person", args=[lee.pk]), {"role": "sponsor", "agency": cast.health.pk}
    )
    event = AccessEvent.objects.get(kind="role_changed")
    assert (event.actor, event.subject) == (cast.alice, "lee@example.org")
    assert event.detail == "Action lead, Northshire Council → Priority sponsor, Northshire ICB"


def test_a_retired_agency_is_offered_for_nothing_new_but_stays_on_what_it_leads(cast, client_for):
    from django.utils import timezone

    Agency.objects.filter(pk=cast.police.pk).update(retired_at=timezone.now())
    client = client_for(cast.alice)
    new_priority = client.get(reverse("priorities:create", args=[cast.strategy.pk])).content.decode()
    new_action = client.get(reverse("actions:create", args=[cast.p1.pk])).content.decode()
    assert "Northshire Police" not in new_priority and "Northshire Police" not in new_action
    from actions.models import Action

    Action.objects.filter(pk=cast.a11.pk).update(lead_agency=cast.police)
    change = client.get(reverse("actions:update", args=[cast.a11.pk])).content.decode()
    assert "Northshire Police" in change
