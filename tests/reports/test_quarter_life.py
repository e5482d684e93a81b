"""The quarter's life: open → collecting → signed off → locked, around 2026/27 Q2's end (30 September 2026).

Northshire's data collection opens 10 working days before the quarter ends (16 September 2026); the
quarter can be signed off from 1 October, by the business manager (Alice) or the steering group's
named chair; its report can be issued only after that, and issuing it locks the quarter.
"""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from neglect_portal.periods import Period
from priorities import services as priority_services
from priorities.models import Quarter
from priorities.selectors import quarter_status
from reports import services
from reports.models import QuarterlyReport
from tests.reports.conftest import QUARTER, REPORT_DAY, membership_of

SIGN_OFF_DAY = "2026-10-05 10:00"


def state_on(world, day):
    return quarter_status(world.strategy, QUARTER, datetime.date.fromisoformat(day)).state


def test_the_quarter_is_open_then_collecting_from_the_partnerships_working_days_before_it_ends(world):
    assert state_on(world, "2026-09-15") == "open"
    assert state_on(world, "2026-09-16") == "collecting"  # 10 working days before 30 September
    assert state_on(world, "2026-10-20") == "collecting"  # ended, not yet signed off
    world.partnership.reminder_working_days = 3
    world.partnership.save()
    assert state_on(world, "2026-09-24") == "open"
    assert state_on(world, "2026-09-25") == "collecting"


@freeze_time("2026-09-20 09:00")
def test_the_dashboard_and_the_reports_page_show_the_quarter_collecting(world, client_for):
    client = client_for(world.bea)
    for page in ("accounts:dashboard", "reports:archive"):
        body = client.get(reverse(page)).content.decode()
        assert 'data-test="quarter-state">Collecting' in body
        assert "until the quarter ends on 30 September 2026" in body


@freeze_time(SIGN_OFF_DAY)
def test_the_sign_off_page_lists_what_is_missing_and_each_agencys_completeness(world, draft, client_for):
    body = client_for(world.alice).get(reverse("reports:sign_off", args=[draft.pk])).content.decode()
    assert "P1.3 Publish the neglect toolkit" in body  # no update in the quarter
    assert "TR-01 Practitioners trained in the neglect toolkit" in body  # no value for 2026/27 Q2
    assert 'data-test="agency-completeness"' in body and "Northshire ICB" in body
    assert "Why are you signing off with data missing?" in body


@freeze_time(SIGN_OFF_DAY)
def test_signing_off_with_data_missing_needs_a_reason_and_changes_nothing_without_one(world, draft, client_for):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    client = client_for(world.alice)
    response = client.post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert "Enter why the quarter is being signed off with data missing" in response.content.decode()
    assert not Quarter.objects.exists()

    response = client.post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "Health could not supply TR-01."})
    assert response["Location"] == reverse("reports:detail", args=[draft.pk])
    quarter = Quarter.objects.get()
    assert (quarter.signed_off_by, quarter.sign_off_reason) == (world.alice, "Health could not supply TR-01.")
    assert "P1.3 Publish the neglect toolkit (Northshire ICB): no progress update in 2026/27 Q2" in (
        quarter.missing_at_sign_off
    )
    assert state_on(world, "2026-10-05") == "signed_off"


@freeze_time(SIGN_OFF_DAY)
def test_a_report_with_an_empty_summary_cannot_be_signed_off(world, draft, client_for):
    client = client_for(world.alice)
    response = client.post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "Late figures."}, follow=True)
    assert "Write the report&#x27;s summary" in response.content.decode()
    assert not Quarter.objects.exists()


@freeze_time("2026-09-29 10:00")
def test_a_quarter_cannot_be_signed_off_before_it_ends(world, draft, client_for):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    response = client_for(world.alice).post(
        reverse("reports:sign_off", args=[draft.pk]), {"reason": "Early."}, follow=True
    )
    assert "2026/27 Q2 ends on 30 September 2026: it can be signed off from 1 October 2026" in (
        response.content.decode()
    )
    assert not Quarter.objects.exists()


@freeze_time(SIGN_OFF_DAY)
@pytest.mark.parametrize(("role", "status"), [("steve", 403), ("sam", 403), ("bea", 403), ("charlie", 404)])
def test_only_the_business_manager_and_the_named_chair_sign_off(world, draft, client_for, role, status):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    response = client_for(getattr(world, role)).post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "x"})
    assert response.status_code == status
    assert not Quarter.objects.exists()


@freeze_time(SIGN_OFF_DAY)
def test_the_steering_groups_named_chair_signs_off(world, draft, client_for):
    world.partnership.steering_group_chair = world.steve
    world.partnership.save()
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    response = client_for(world.steve).post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "Late data."})
    assert response.status_code == 302
    assert Quarter.objects.get().signed_off_by == world.steve


@freeze_time(SIGN_OFF_DAY)
def test_a_report_is_not_issued_before_sign_off_and_nothing_changes(world, draft, client_for):
    client = client_for(world.steve)
    response = client.post(reverse("reports:issue", args=[draft.pk]), follow=True)
    assert "2026/27 Q2 has not been signed off" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.pdf
    # The confirmation page itself says why, and the report page offers no Issue button yet.
    assert (
        "has not been signed off" in client.get(reverse("reports:issue", args=[draft.pk]), follow=True).content.decode()
    )
    assert (
        reverse("reports:issue", args=[draft.pk])
        not in client.get(reverse("reports:detail", args=[draft.pk])).content.decode()
    )


@freeze_time("2026-12-15 10:00")
def test_a_report_is_not_issued_for_a_quarter_that_has_not_ended(world, client_for):
    current = Period.parse("2026/27 Q3")
    report = services.report_start(membership_of(world.steve), world.strategy, current)
    Quarter.objects.create(
        strategy=world.strategy,
        period=current.label,
        signed_off_at=datetime.datetime(2026, 12, 14, tzinfo=datetime.UTC),
        signed_off_by=world.alice,
    )
    response = client_for(world.alice).post(reverse("reports:issue_send", args=[report.pk]), follow=True)
    assert "2026/27 Q3 has not ended: it ends on 31 December 2026" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft" and not report.deliveries.exists()


@freeze_time(SIGN_OFF_DAY)
def test_issuing_a_signed_off_report_locks_the_quarter_and_prints_the_sign_off(world, draft, client_for):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    services.report_sign_off(membership_of(world.alice), draft, reason="Health could not supply TR-01.")
    assert services.report_issue(membership_of(world.steve), draft) is True
    assert state_on(world, "2026-10-05") == "locked"
    report = QuarterlyReport.objects.get()
    assert report.snapshot["sign_off"]["reason"] == "Health could not supply TR-01."
    body = client_for(world.bea).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Alice Example, 5 October 2026" in body and "because: Health could not supply TR-01." in body


def test_the_signed_off_summary_cannot_then_be_emptied(world, draft):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    services.report_sign_off(membership_of(world.alice), draft, reason="Late figures.", today=REPORT_DAY)
    with pytest.raises(Exception, match="summary cannot be emptied"):
        services.report_update_commentary(membership_of(world.steve), draft, going_well="")
    draft.refresh_from_db()
    assert draft.going_well == "Training is ahead of plan."


@freeze_time(SIGN_OFF_DAY)
def test_the_business_manager_names_the_chair_among_the_partnerships_members(world, client_for):
    client = client_for(world.alice)
    data = {
        "name": world.partnership.name,
        "board_name": "Board",
        "steering_group_name": "Neglect Steering Group",
        "reminder_working_days": "8",
        "report_send_working_days": "15",
        "time_zone": "Europe/London",
        "bank_holiday_region": "ENG",
    }
    # Someone of another partnership, a sponsor and a board member are not of the steering group.
    for outsider in (world.charlie, world.sam, world.bea):
        response = client.post(reverse("settings:partnership"), {**data, "steering_group_chair": outsider.pk})
        assert "Choose an active member of the steering group" in response.content.decode()
        world.partnership.refresh_from_db()
        assert world.partnership.steering_group_chair is None
    chair_field = client.get(reverse("settings:partnership")).content.decode()
    assert "Steve Example" in chair_field and "Sam Example" not in chair_field
    client.post(reverse("settings:partnership"), {**data, "steering_group_chair": world.steve.pk})
    world.partnership.refresh_from_db()
    assert (world.partnership.steering_group_chair, world.partnership.reminder_working_days) == (world.steve, 8)


@freeze_time(SIGN_OFF_DAY)
def test_a_named_chair_who_has_left_the_steering_group_no_longer_signs_off(world, draft, client_for):
    world.partnership.steering_group_chair = world.steve
    world.partnership.save()
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    membership = membership_of(world.steve)
    membership.role = "board"
    membership.save()
    response = client_for(world.steve).post(reverse("reports:sign_off", args=[draft.pk]), {"reason": "Late data."})
    assert response.status_code == 403
    assert not Quarter.objects.exists()


def test_the_data_migration_unnames_a_chair_outside_the_steering_group_and_keeps_the_others(world, cast):
    migration = importlib.import_module("accounts.migrations.0016_steering_group_chair_is_a_member")
    other = cast.charlie.memberships.get().partnership
    world.partnership.steering_group_chair = world.bea  # a board member: not of the steering group
    world.partnership.save()
    other.steering_group_chair = cast.charlie  # the other partnership's business manager
    other.save()
    migration.clear_chairs_outside_the_steering_group(django_apps, None)
    world.partnership.refresh_from_db()
    other.refresh_from_db()
    assert (world.partnership.steering_group_chair, other.steering_group_chair) == (None, cast.charlie)
    assert membership_of(world.bea).role == "board"  # only the name is cleared


def signed_off(world, draft):
    services.report_update_commentary(membership_of(world.steve), draft, going_well="Training is ahead of plan.")
    services.report_sign_off(membership_of(world.alice), draft, reason="Health could not supply TR-01.")


@freeze_time(SIGN_OFF_DAY)
def test_the_business_manager_withdraws_a_sign_off_with_a_reason_and_the_quarter_collects_again(
    world, draft, client_for
):
    signed_off(world, draft)
    client = client_for(world.alice)
    page = client.get(reverse("reports:detail", args=[draft.pk])).content.decode()
    assert reverse("reports:sign_off_withdraw", args=[draft.pk]) in page
    response = client.post(reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "  "})
    assert "Enter why the sign-off is being withdrawn" in response.content.decode()
    assert Quarter.objects.get().signed_off_at is not None

    response = client.post(
        reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "The ICB has sent TR-01."}, follow=True
    )
    body = response.content.decode()
    assert "The sign-off of 2026/27 Q2 has been withdrawn" in body
    assert "withdrawn by Alice Example on 5 October 2026, because: The ICB has sent TR-01." in body
    assert state_on(world, "2026-10-05") == "collecting"
    quarter = Quarter.objects.get()
    assert (quarter.signed_off_by, quarter.sign_off_reason, quarter.missing_at_sign_off) == (None, "", [])
    latest = quarter.history.first()
    assert (latest.history_user, latest.history_change_reason) == (world.alice, "Sign-off withdrawn")
    assert latest.sign_off_withdrawal_reason == "The ICB has sent TR-01."
    assert quarter.history.filter(signed_off_at__isnull=False).exists()  # the sign-off stays in the history
    # Not issued until signed off again, which the chair or business manager can then do.
    response = client_for(world.steve).post(reverse("reports:issue", args=[draft.pk]), follow=True)
    assert "2026/27 Q2 has not been signed off" in response.content.decode()
    services.report_sign_off(membership_of(world.alice), draft, reason="Signed off again.")
    assert state_on(world, "2026-10-05") == "signed_off"


@freeze_time(SIGN_OFF_DAY)
def test_the_named_chair_withdraws_a_sign_off_and_others_cannot(world, draft, client_for):
    signed_off(world, draft)
    for person, status in (("steve", 403), ("sam", 403), ("bea", 403), ("charlie", 404)):
        response = client_for(getattr(world, person)).post(
            reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "x"}
        )
        assert response.status_code == status
    assert Quarter.objects.get().signed_off_at is not None
    world.partnership.steering_group_chair = world.steve
    world.partnership.save()
    response = client_for(world.steve).post(reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "x"})
    assert response.status_code == 302
    assert Quarter.objects.get().signed_off_at is None


@freeze_time(SIGN_OFF_DAY)
def test_a_sign_off_cannot_be_withdrawn_once_the_report_is_issued(world, draft, client_for):
    signed_off(world, draft)
    services.report_issue(membership_of(world.steve), draft)
    client = client_for(world.alice)
    page = client.get(reverse("reports:detail", args=[draft.pk])).content.decode()
    assert reverse("reports:sign_off_withdraw", args=[draft.pk]) not in page
    response = client.post(reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "Too late."}, follow=True)
    assert "its quarter is locked" in response.content.decode()
    quarter = Quarter.objects.get()
    assert quarter.signed_off_at is not None and quarter.locked_at is not None
    # The rule is the quarter's, whatever door asks: the lock alone refuses it.
    with pytest.raises(ValidationError, match="is locked: its report was issued on 5 October 2026"):
        priority_services.quarter_sign_off_withdraw(
            membership_of(world.alice), world.strategy, QUARTER, reason="Too late."
        )
    assert Quarter.objects.get().signed_off_at is not None


@freeze_time(SIGN_OFF_DAY)
def test_a_quarter_not_signed_off_has_no_sign_off_to_withdraw(world, draft, client_for):
    response = client_for(world.alice).post(
        reverse("reports:sign_off_withdraw", args=[draft.pk]), {"reason": "x"}, follow=True
    )
    assert "2026/27 Q2 has not been signed off: there is no sign-off to withdraw." in response.content.decode()
    assert not Quarter.objects.exists()
