"""A correction of a sent report: a new version with a note of what changed, its figures built again (the
corrections to the locked quarter included), e-mailed once to each person the earlier version went to and
marked as a correction; the earlier version stays in the archive as it was.

2026/27 Q2's report is issued on 21 October 2026 and e-mailed to Bea and Dana; on 10 November the council
corrects CP-01 for the quarter from 120 to 118 (with a reason, the quarter being locked); on 12 November
Alice, the business manager, issues the correction.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time
from pypdf import PdfReader

from neglect_portal.periods import Period
from outbound.tasks import send_message
from outcomes.services import MeasurementInput, measurement_record
from reports import services
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.reports.conftest import QUARTER, issued_report, membership_of

NOTE = "CP-01 for 2026/27 Q2 was 120; the council has corrected it to 118 (two children were counted twice)."
RECIPIENTS = [["Bea Example <bea@example.org>"], ["Cllr Dana Jones <dana.jones@example.org>"]]


@pytest.fixture
def sent(world, draft, django_capture_on_commit_callbacks):
    """2026/27 Q2's report, issued and e-mailed to the board on 21 October 2026."""
    with freeze_time("2026-10-21 09:00"):
        report = issued_report(world, going_well="Training is ahead of plan.")
        with django_capture_on_commit_callbacks(execute=True):
            services.report_send(membership_of(world.steve), report)
    report.refresh_from_db()
    assert report.status == "sent" and len(mail.outbox) == 2
    mail.outbox.clear()
    return report


@pytest.fixture
def corrected_value(world, sent):
    """CP-01 for 2026/27 Q2 corrected after the lock, with its reason."""
    with freeze_time("2026-11-10 10:00"):
        entry = MeasurementInput(
            world.indicators.plans, QUARTER.label, value=Decimal(118), correction_reason="Counted twice."
        )
        measurement_record(membership_of(world.alice), entry)


@pytest.fixture(autouse=True)
def on_the_twelfth():
    with freeze_time("2026-11-12 14:00"):
        yield


def correct(client, report, note=NOTE):
    return client.post(reverse("reports:correct", args=[report.pk]), {"note": note})


def frozen(report):
    """Everything of a version that the correction must leave alone: its row and its e-mails."""
    row = QuarterlyReport.objects.values().get(pk=report.pk)
    deliveries = list(Delivery.objects.filter(report=report).order_by("pk").values())
    return row, deliveries


def plans_on(snapshot):
    [row] = [row for group in snapshot["scorecard"]["groups"] for row in group["rows"] if row["code"] == "CP-01"]
    return row["latest"]


# --- the correction ------------------------------------------------------------------------------


def test_the_business_manager_corrects_a_sent_report_and_each_recipient_is_sent_it_once_marked_correction(
    world, sent, corrected_value, client_for, django_capture_on_commit_callbacks
):
    before = frozen(sent)
    client = client_for(world.alice)
    form = client.get(reverse("reports:correct", args=[sent.pk])).content.decode()
    assert "Bea Example (bea@example.org)" in form and "Cllr Dana Jones (dana.jones@example.org)" in form

    with django_capture_on_commit_callbacks(execute=True):
        response = correct(client, sent)

    correction = QuarterlyReport.objects.get(corrects=sent)
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[correction.pk])
    assert (correction.version, correction.status, correction.correction_note) == (2, "sent", NOTE)
    assert (correction.issued_by, correction.going_well) == (world.alice, "Training is ahead of plan.")
    # Its figures are built again: the value corrected after the lock is in it, with what changed.
    assert "118" in str(plans_on(correction.snapshot)) and "120" in str(plans_on(sent.snapshot))
    [change] = correction.snapshot["correction"]["changes"]
    assert (change["change"], change["reason"]) == ("120 → 118", "Counted twice.")
    # One e-mail each to the people the report went to, marked as a correction.
    assert sorted(m.to for m in mail.outbox) == RECIPIENTS
    for message in mail.outbox:
        assert message.subject == (
            "Correction: Northshire Safeguarding Children Partnership: neglect strategy report for 2026/27 Q2 "
            "(version 2)"
        )
        assert "CORRECTION (VERSION 2)" in message.body and f"What changed: {NOTE}" in message.body
        assert message.attachments[0][0] == "neglect-report-2026-27-Q2-version-2.pdf"
    assert set(correction.deliveries.values_list("status", flat=True)) == {"sent"}
    # The first version is as it was: its row, its snapshot, its PDF and its e-mails.
    assert frozen(sent) == before


def test_the_corrected_versions_pdf_is_its_own_and_says_correction_with_the_note(
    world, sent, corrected_value, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders it after the commit
        correction = services.report_correct(membership_of(world.alice), sent, note=NOTE)
    correction.refresh_from_db()
    sent.refresh_from_db()
    assert correction.pdf and correction.pdf.name != sent.pdf.name
    assert correction.pdf.name.endswith("version-2.pdf")
    with correction.pdf.open("rb") as stored:
        cover = " ".join(PdfReader(io.BytesIO(stored.read())).pages[0].extract_text().split())
    assert "Correction (version 2)" in cover and "two children were counted twice" in cover


def test_the_correction_is_recorded_in_the_reports_history(world, sent, corrected_value):
    correction = services.report_correct(membership_of(world.alice), sent, note=NOTE)
    [record] = correction.history.all()
    assert (record.history_type, record.history_user, record.correction_note) == ("+", world.alice, NOTE)
    assert (record.version, record.corrects_id, record.history_change_reason) == (2, sent.pk, "Correction of version 1")


def test_an_issued_report_not_yet_e_mailed_is_corrected_without_e_mailing_anyone(world, draft, client_for):
    with freeze_time("2026-10-21 09:00"):
        issued = issued_report(world)
    response = correct(client_for(world.alice), issued)
    correction = QuarterlyReport.objects.get(corrects=issued)
    assert (correction.status, correction.deliveries.count(), mail.outbox) == ("issued", 0, [])
    assert "had not been e-mailed to anyone" in client_for(world.alice).get(response["Location"]).content.decode()


def test_a_correction_of_a_correction_is_version_three_sent_to_the_same_people(
    world, sent, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        correct(client, sent)
    second = QuarterlyReport.objects.get(corrects=sent)
    with django_capture_on_commit_callbacks(execute=True):
        correct(client, second, "The assurance level was misprinted.")
    third = QuarterlyReport.objects.get(corrects=second)
    assert third.version == 3 and third.snapshot["correction"]["corrects_version"] == 2
    assert sorted(m.to for m in mail.outbox[2:]) == RECIPIENTS


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_correction_without_a_note_is_refused_at_the_field_and_nothing_changes(
    world, sent, client_for, note, django_capture_on_commit_callbacks
):
    before = frozen(sent)
    with django_capture_on_commit_callbacks(execute=True):
        response = correct(client_for(world.alice), sent, note)
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert body.count("Enter what has changed in this version of the report") == 2  # the summary and the field
    assert QuarterlyReport.objects.count() == 1 and frozen(sent) == before and mail.outbox == []


@pytest.mark.parametrize("role", ["steve", "sam", "lee", "bea"])
def test_only_the_business_manager_corrects_a_report_others_are_refused_and_nothing_changes(
    world, sent, client_for, role, django_capture_on_commit_callbacks
):
    client = client_for(getattr(world, role))
    assert client.get(reverse("reports:correct", args=[sent.pk])).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert correct(client, sent).status_code == 403
    assert QuarterlyReport.objects.count() == 1 and mail.outbox == []
    page = client.get(reverse("reports:detail", args=[sent.pk])).content.decode()
    assert "Correct the report" not in page


def test_another_partnerships_business_manager_gets_404_and_nothing_changes(world, sent, client_for):
    client = client_for(world.charlie)
    assert client.get(reverse("reports:correct", args=[sent.pk])).status_code == 404
    assert correct(client, sent).status_code == 404
    assert QuarterlyReport.objects.count() == 1 and mail.outbox == []


def test_pressing_twice_makes_one_correction_and_sends_nothing_more(
    world, sent, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        correct(client, sent)
        again = correct(client, sent, "A second press of the button.")
    assert again.status_code == 302 and again["Location"] == reverse("reports:detail", args=[sent.pk])
    assert "has already been corrected by version 2" in client.get(again["Location"]).content.decode()
    assert QuarterlyReport.objects.count() == 2 and len(mail.outbox) == 2
    # The e-mail job run again for each of them (a retried task, the sweeper) sends nothing more.
    correction = QuarterlyReport.objects.get(corrects=sent)
    for delivery in correction.deliveries.all():
        send_message.delay("report_delivery", delivery.pk)
    assert len(mail.outbox) == 2 and set(correction.deliveries.values_list("attempts", flat=True)) == {1}


def test_a_draft_is_not_corrected(world, draft, client_for):
    response = correct(client_for(world.alice), draft)
    assert response.status_code == 302
    assert "A draft is not corrected" in client_for(world.alice).get(response["Location"]).content.decode()
    assert QuarterlyReport.objects.count() == 1


def test_a_corrected_version_is_no_longer_sent_nor_retried(world, sent, client_for):
    failed = sent.deliveries.first()
    Delivery.objects.filter(pk=failed.pk).update(status="failed")
    services.report_correct(membership_of(world.alice), sent, note=NOTE)
    f.RecipientFactory(distribution_list=world.board_list, name="New Member", email="new.member@example.org")
    client = client_for(world.steve)
    client.post(reverse("reports:send", args=[sent.pk]))
    client.post(reverse("reports:retry", args=[sent.pk, failed.pk]))
    assert not sent.deliveries.filter(email="new.member@example.org").exists()
    assert Delivery.objects.get(pk=failed.pk).status == "failed"
    page = client.get(reverse("reports:detail", args=[sent.pk])).content.decode()
    assert ">Retry<" not in page and "new recipient" not in page


# --- the archive and the report page --------------------------------------------------------------


def test_the_archive_lists_the_latest_version_with_a_link_to_the_earlier_one(world, sent, client_for):
    correction = services.report_correct(membership_of(world.alice), sent, note=NOTE)
    body = client_for(world.bea).get(reverse("reports:archive")).content.decode()
    assert body.count('data-test="report-row"') == 1
    assert reverse("reports:detail", args=[correction.pk]) in body
    assert "Version 2, a correction. Earlier:" in body and reverse("reports:detail", args=[sent.pk]) in body


def test_the_latest_version_shows_the_note_and_every_version(world, sent, corrected_value, client_for):
    correction = services.report_correct(membership_of(world.alice), sent, note=NOTE)
    body = client_for(world.bea).get(reverse("reports:detail", args=[correction.pk])).content.decode()
    assert "Quarterly report: 2026/27 Q2 (version 2)" in body
    assert "Correction (version 2)" in body and "two children were counted twice" in body
    assert "Version 2 of 2: a correction of version 1" in body
    assert reverse("reports:detail", args=[sent.pk]) in body and 'data-test="corrected-banner"' not in body


def test_an_earlier_version_says_it_was_corrected_and_links_to_the_latest(world, sent, client_for):
    second = services.report_correct(membership_of(world.alice), sent, note=NOTE)
    with freeze_time("2026-11-20 09:00"):
        third = services.report_correct(membership_of(world.alice), second, note="The assurance was misprinted.")
    client = client_for(world.bea)
    body = client.get(reverse("reports:detail", args=[sent.pk])).content.decode()
    assert 'data-test="corrected-banner"' in body
    assert "This version was corrected on 12 November 2026: see" in body and "version 3</a>, the latest" in body
    assert reverse("reports:detail", args=[third.pk]) in body
    assert (
        "Correct the report"
        not in client_for(world.alice).get(reverse("reports:detail", args=[sent.pk])).content.decode()
    )
    assert (
        "Correct the report" in client_for(world.alice).get(reverse("reports:detail", args=[third.pk])).content.decode()
    )


@pytest.mark.parametrize("count", [1, 8])
def test_the_archive_takes_the_same_number_of_queries_however_many_corrected_reports(
    world, client_for, count, django_assert_max_num_queries
):
    for n in range(count):
        start = datetime.date(2020, 4, 1) + datetime.timedelta(days=92 * n)
        quarter = Period.quarter_of(start)
        first = QuarterlyReport.objects.create(
            strategy=world.strategy, period=quarter.label, period_start=quarter.start, status="sent"
        )
        QuarterlyReport.objects.create(
            strategy=world.strategy,
            period=quarter.label,
            period_start=quarter.start,
            status="sent",
            version=2,
            corrects=first,
            correction_note="Corrected.",
        )
    client = client_for(world.bea)
    client.get(reverse("reports:archive"))
    with django_assert_max_num_queries(10):
        body = client.get(reverse("reports:archive")).content.decode()
    assert body.count('data-test="report-row"') == count and body.count('data-test="report-versions"') == count
