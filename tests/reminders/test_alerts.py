"""Alerts: an indicator turning red, an action becoming overdue or changed to Red, told once to each person
concerned, straight away or in a daily digest, and never to anyone outside the partnership.

The cast's P1 is sponsored by Sam (named sponsor lead, health); P2 by the council, whose sponsor is Sue.
Lee leads P2.1. Indicator N1 has its figures from the council (so Sue owns it) and belongs to P1 (Sam).
"""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from freezegun import freeze_time

from accounts.models import AlertDelivery, Membership, Role
from actions.models import Action
from actions.services import progress_update_add
from outcomes.models import Polarity
from outcomes.services import MeasurementInput, measurement_record, measurements_record_many
from reminders.models import Alert, AlertEmail, AlertNotice
from reminders.tasks import send_alerts
from tests import factories as f


@pytest.fixture
def alerting(cast, settings):
    settings.SITE_URL = "https://portal.example.org"
    cast.sue = f.UserFactory(email="sue@example.org", first_name="Sue", last_name="Example")
    f.MembershipFactory(user=cast.sue, partnership=cast.partnership, role=Role.SPONSOR, agency=cast.council)
    cast.n1 = f.IndicatorFactory(
        partnership=cast.partnership,
        code="N1",
        name="Children seen within 10 days",
        polarity=Polarity.HIGHER_BETTER,
        target=Decimal(80),
        amber_tolerance=Decimal(5),
        source_agency=cast.council,
        priority=cast.p1,
    )
    cast.steering = Membership.objects.get(user=cast.steve, partnership=cast.partnership)
    return cast


def record(cast, period, value, indicator=None):
    return measurement_record(
        cast.steering, MeasurementInput(indicator=indicator or cast.n1, period=period, value=value)
    )


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def choose(user, delivery):
    user.alert_delivery = delivery
    user.save(update_fields=["alert_delivery"])


def run_job(day, capture):
    """The daily job as beat runs it, on ``day``, with its after-commit sends."""
    with freeze_time(day), capture(execute=True):
        return send_alerts()


# --- an indicator turns red --------------------------------------------------------------------


def test_an_indicator_turning_red_emails_its_owner_and_its_priority_sponsor_once_each(
    alerting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q1", 78)  # amber: nobody is told
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q2", 70)
    assert sent_to() == ["Sam Example <sam@example.org>", "Sue Example <sue@example.org>"]
    message = mail.outbox[0]
    assert message.subject == "Northshire Safeguarding Children Partnership: N1 Children seen within 10 days turned red"
    assert "Its value for 2025/26 Q2 is short of its target by more than the amber tolerance." in message.body
    assert "It was Amber in 2025/26 Q1." in message.body
    assert f"https://portal.example.org/outcomes/indicators/{alerting.n1.pk}/" in message.body
    html = message.alternatives[0][0]
    assert f'href="https://portal.example.org/outcomes/indicators/{alerting.n1.pk}/"' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"

    # Corrected while still red, then red again next quarter: nothing turned red, nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q2", 65)
        record(alerting, "2025/26 Q3", 60)
    assert len(mail.outbox) == 2
    assert Alert.objects.get().occasion == "2025/26 Q2"


def test_a_correction_that_turns_the_latest_value_red_is_an_alert(alerting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q2", 85)
        record(alerting, "2025/26 Q2", 60)
    assert len(mail.outbox) == 2
    assert "It was Green in 2025/26 Q2." in mail.outbox[0].body


def test_a_red_value_for_an_earlier_period_does_not_make_the_indicator_red(
    alerting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q2", 85)
        record(alerting, "2025/26 Q1", 50)  # filled in later: the latest value is still green
    assert mail.outbox == [] and not Alert.objects.exists()


def test_an_indicator_without_a_target_a_context_measure_or_one_off_the_scorecard_is_never_red(
    alerting, django_capture_on_commit_callbacks
):
    context = f.IndicatorFactory(partnership=alerting.partnership, code="C1", is_context=True, target=Decimal(80))
    untargeted = f.IndicatorFactory(partnership=alerting.partnership, code="C2", source_agency=alerting.council)
    alerting.n1.is_active = False
    alerting.n1.save()
    with django_capture_on_commit_callbacks(execute=True):
        for indicator in (context, untargeted, alerting.n1):
            record(alerting, "2025/26 Q1", 1, indicator=indicator)
    assert mail.outbox == [] and not Alert.objects.exists()


def test_a_batch_of_values_tells_each_indicator_that_turned_red_in_one_e_mail_per_person(
    alerting, django_capture_on_commit_callbacks
):
    n2 = f.IndicatorFactory(
        partnership=alerting.partnership,
        code="N2",
        target=Decimal(10),
        polarity=Polarity.LOWER_BETTER,
        priority=alerting.p2,
        source_agency=alerting.health,
    )
    entries = [
        MeasurementInput(alerting.n1, "2025/26 Q1", Decimal("57.5")),
        MeasurementInput(n2, "2025/26 Q1", Decimal("33.5")),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        measurements_record_many(alerting.steering, entries)
    subjects = sorted((m.to[0], m.subject.split(": ", 1)[1]) for m in mail.outbox)
    assert subjects == [
        ("Sam Example <sam@example.org>", "N1 Children seen within 10 days turned red"),
        # Sam is also the sponsor from health, which supplies N2's figures.
        ("Sam Example <sam@example.org>", f"N2 {n2.name} turned red"),
        ("Sue Example <sue@example.org>", "N1 Children seen within 10 days turned red"),
        ("Sue Example <sue@example.org>", f"N2 {n2.name} turned red"),
    ]
    # Nobody's e-mail gives a figure: the portal shows them, with the partnership's small-number rule.
    # (Figures with a decimal point, which no generated name, address or link can hold.)
    assert all("57.5" not in m.body and "33.5" not in m.body for m in mail.outbox)


def test_the_person_who_entered_the_value_is_not_told_of_their_own_entry(alerting, django_capture_on_commit_callbacks):
    sue = Membership.objects.get(user=alerting.sue, partnership=alerting.partnership)
    with django_capture_on_commit_callbacks(execute=True):
        measurement_record(sue, MeasurementInput(indicator=alerting.n1, period="2025/26 Q1", value=50))
    assert sent_to() == ["Sam Example <sam@example.org>"]


# --- an action changed to Red ----------------------------------------------------------------------


def test_a_progress_update_changing_an_action_to_red_tells_its_lead_and_sponsor(
    alerting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update = progress_update_add(
            alerting.steering, alerting.a21, status="off_track", narrative="The toolkit launch has slipped."
        )
    assert sent_to() == ["Lee Example <lee@example.org>", "Sue Example <sue@example.org>"]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.endswith("P2.1 Roll out the neglect toolkit changed to Red")
    assert "changed it from On track (Green) to Off track (Red)" in body
    assert f"https://portal.example.org/actions/{alerting.a21.pk}/#update-{update.pk}" in body
    assert "The toolkit launch has slipped." not in body  # the narrative stays in the portal

    # Still Red at the next update: not a change, nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_add(alerting.steering, alerting.a21, status="off_track", narrative="Still late.")
    assert len(mail.outbox) == 2


def test_the_lead_changing_their_own_action_to_red_is_not_told_of_it(alerting, django_capture_on_commit_callbacks):
    lee = Membership.objects.get(user=alerting.lee, partnership=alerting.partnership)
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_add(lee, alerting.a21, status="off_track", narrative="We are behind.")
    assert sent_to() == ["Sue Example <sue@example.org>"]
    assert "You are a sponsor from the agency that sponsors its priority." in mail.outbox[0].body


# --- an action becomes overdue: the daily job ------------------------------------------------------


def test_an_action_that_becomes_overdue_is_told_once_however_often_the_job_runs(
    alerting, django_capture_on_commit_callbacks
):
    run_job("2027-01-31 08:00", django_capture_on_commit_callbacks)  # due today: not overdue yet
    assert mail.outbox == []
    run_job("2027-02-01 07:00", django_capture_on_commit_callbacks)
    run_job("2027-02-01 07:00", django_capture_on_commit_callbacks)
    run_job("2027-02-02 07:00", django_capture_on_commit_callbacks)
    assert sent_to() == ["Lee Example <lee@example.org>", "Sue Example <sue@example.org>"]
    assert mail.outbox[0].subject.endswith("P2.1 Roll out the neglect toolkit is overdue")
    assert "It was due on 31 January 2027 and is not complete." in mail.outbox[0].body
    assert AlertNotice.objects.count() == 2 and AlertEmail.objects.filter(status="sent").count() == 2


def test_a_new_due_date_that_passes_is_a_new_alert(alerting, django_capture_on_commit_callbacks):
    run_job("2027-02-01", django_capture_on_commit_callbacks)
    Action.objects.filter(pk=alerting.a21.pk).update(due_date=datetime.date(2027, 3, 31))
    run_job("2027-04-01", django_capture_on_commit_callbacks)
    assert len([m for m in mail.outbox if "P2.1" in m.subject]) == 4
    assert sorted(Alert.objects.filter(action=alerting.a21).values_list("occasion", flat=True)) == [
        "2027-01-31",
        "2027-03-31",
    ]


def test_actions_overdue_for_more_than_a_week_when_first_seen_are_not_news(
    alerting, django_capture_on_commit_callbacks
):
    run_job("2027-02-09", django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not Alert.objects.exists()


def test_a_completed_or_withdrawn_action_is_never_overdue(alerting, django_capture_on_commit_callbacks):
    Action.objects.filter(pk=alerting.a21.pk).update(status="completed")
    run_job("2027-02-01", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_person_of_another_partnership_never_gets_an_alert(alerting, django_capture_on_commit_callbacks):
    # Charlie of Southshire named as the lead by a fault in the data: he is no member of Northshire.
    Action.objects.filter(pk=alerting.a21.pk).update(lead=alerting.charlie)
    # Southshire's own action falls due the same day, led by Charlie: only he hears of it.
    Action.objects.filter(pk=alerting.other_action.pk).update(
        lead=alerting.charlie, due_date=datetime.date(2027, 1, 31), start_date=datetime.date(2026, 4, 1)
    )
    run_job("2027-02-01", django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m.subject for m in mail.outbox}
    assert sorted(by_address) == ["Charlie Example <charlie@example.org>", "Sue Example <sue@example.org>"]
    assert "S1.1" in by_address["Charlie Example <charlie@example.org>"]
    assert "P2.1" in by_address["Sue Example <sue@example.org>"]


# --- the daily digest ---------------------------------------------------------------------------------


def test_the_daily_digest_groups_a_persons_alerts_in_one_e_mail_sent_once(alerting, django_capture_on_commit_callbacks):
    choose(alerting.sam, AlertDelivery.DAILY)
    alerting.a11.lead = alerting.lee
    alerting.a11.save()
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q1", 50)
        progress_update_add(alerting.steering, alerting.a11, status="off_track", narrative="Training postponed.")
    # Sue and Lee hear straight away; Sam waits for the morning.
    assert sent_to() == ["Lee Example <lee@example.org>", "Sue Example <sue@example.org>"]
    mail.outbox.clear()

    run_job("2027-02-01 07:00", django_capture_on_commit_callbacks)
    run_job("2027-02-01 07:30", django_capture_on_commit_callbacks)
    # P2.1 became overdue the same morning: Sam is not its sponsor, so his digest has the two alerts.
    digests = [m for m in mail.outbox if "sam@example.org" in m.to[0]]
    assert len(digests) == 1
    digest = digests[0]
    assert digest.subject == "Northshire Safeguarding Children Partnership: 2 alerts for 1 February 2027"
    assert "N1 Children seen within 10 days turned red" in digest.body
    assert "P1.1 Train health visitors changed to Red" in digest.body
    assert "one e-mail a day with your alerts" in digest.body

    run_job("2027-02-02 07:00", django_capture_on_commit_callbacks)
    assert len([m for m in mail.outbox if "sam@example.org" in m.to[0]]) == 1


def test_an_alert_after_the_days_digest_waits_for_the_next_one(alerting, django_capture_on_commit_callbacks):
    choose(alerting.sam, AlertDelivery.DAILY)

    def sams():
        return [m for m in mail.outbox if "sam@example.org" in m.to[0]]

    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q1", 50)
    run_job("2027-02-01 07:00", django_capture_on_commit_callbacks)
    assert len(sams()) == 1 and "N1" in sams()[0].body
    with freeze_time("2027-02-01 09:00"), django_capture_on_commit_callbacks(execute=True):
        progress_update_add(alerting.steering, alerting.a11, status="off_track", narrative="Postponed.")
    run_job("2027-02-01 18:00", django_capture_on_commit_callbacks)  # run again the same day: nothing new
    assert len(sams()) == 1
    run_job("2027-02-02 07:00", django_capture_on_commit_callbacks)
    assert len(sams()) == 2
    assert "P1.1 Train health visitors changed to Red" in sams()[1].body and "N1" not in sams()[1].body


def test_a_person_who_chose_no_e_mails_gets_none(alerting, django_capture_on_commit_callbacks):
    choose(alerting.sue, AlertDelivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q1", 50)
    run_job("2027-02-01", django_capture_on_commit_callbacks)
    assert "sue@example.org" not in " ".join(sent_to())
    assert not AlertNotice.objects.filter(user=alerting.sue).exists()


def test_waiting_alerts_are_dropped_when_their_person_stops_e_mails_or_leaves(
    alerting, django_capture_on_commit_callbacks
):
    choose(alerting.sam, AlertDelivery.DAILY)
    choose(alerting.sue, AlertDelivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        record(alerting, "2025/26 Q1", 50)
    choose(alerting.sam, AlertDelivery.NONE)
    Membership.objects.filter(user=alerting.sue).update(is_active=False)
    run_job("2025-12-01", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert AlertNotice.objects.filter(dropped_at__isnull=False).count() == 2
    assert not AlertEmail.objects.exists()


def test_the_alerts_job_is_in_beats_schedule_every_morning(db):
    from django_celery_beat.models import PeriodicTask

    job = PeriodicTask.objects.select_related("crontab").get(name="Send alerts and daily digests")
    assert job.task == "reminders.tasks.send_alerts" and job.enabled
    assert (job.crontab.hour, job.crontab.minute, str(job.crontab.timezone)) == ("7", "0", "Europe/London")
