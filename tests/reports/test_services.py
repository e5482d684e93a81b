"""The life of a report: draft, issued (frozen), sent; each step once, and only by those allowed."""

import datetime
import email
import email.policy
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from actions.models import Status
from neglect_portal.periods import Period
from reports import selectors, services
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.reports.conftest import QUARTER, REPORT_DAY, issued_report, membership_of, signed_off

COMMENTARY = {
    "going_well": "Health visitor training is ahead of plan.",
    "worrying": "Recruitment of family support workers has stalled.",
    "decisions": "Agree to fund two agency workers until March.",
    "issues_and_risks": "Capacity in the council's training team.",
}


def pdf_text(report) -> str:
    with report.pdf.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    # Words as a reader meets them, whatever the line breaks of the layout.
    return " ".join(" ".join(page.extract_text() for page in pages).split())


# --- draft ---------------------------------------------------------------------------


def test_starting_a_report_makes_a_draft_with_its_figures_built(world, draft):
    assert draft.status == "draft" and draft.period == "2026/27 Q2"
    assert draft.period_start == datetime.date(2026, 7, 1)
    assert draft.snapshot["summary"]["actions"]["total"] == 9 and draft.snapshot_at is not None


def test_starting_the_same_quarter_again_returns_the_same_report(world, draft):
    again = services.report_start(membership_of(world.alice), world.strategy, QUARTER, today=REPORT_DAY)
    assert again.pk == draft.pk and QuarterlyReport.objects.count() == 1


def test_a_report_cannot_be_started_for_a_quarter_that_has_not_begun(world):
    with pytest.raises(ValidationError) as refused:
        services.report_start(membership_of(world.steve), world.strategy, QUARTER.shift(2), today=REPORT_DAY)
    assert "already begun" in str(refused.value)
    assert not QuarterlyReport.objects.exists()


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_the_business_manager_and_steering_group_start_reports(world, role):
    with pytest.raises(PermissionDenied):
        services.report_start(membership_of(getattr(world, role)), world.strategy, QUARTER, today=REPORT_DAY)
    assert not QuarterlyReport.objects.exists()


def test_another_partnerships_admin_cannot_start_a_report_of_this_strategy(world):
    with pytest.raises(PermissionDenied):
        services.report_start(membership_of(world.charlie), world.strategy, QUARTER, today=REPORT_DAY)


def test_refreshing_a_draft_takes_in_what_changed_since(world, draft):
    world.a13.status = Status.COMPLETED
    world.a13.completed_on = datetime.date(2026, 9, 20)
    world.a13.save()
    services.report_refresh(membership_of(world.steve), draft, today=REPORT_DAY)
    draft.refresh_from_db()
    assert draft.snapshot["summary"]["actions"]["completed_in_quarter"] == 2


def test_the_steering_group_writes_the_commentary_and_its_history_is_kept(world, draft):
    services.report_update_commentary(membership_of(world.steve), draft, **COMMENTARY)
    draft.refresh_from_db()
    assert draft.decisions == COMMENTARY["decisions"]
    assert draft.history.first().history_user == world.steve
    assert selectors.report_content(draft)["summary"]["commentary"].items() >= COMMENTARY.items()


def test_a_board_member_cannot_write_the_commentary(world, draft):
    with pytest.raises(PermissionDenied):
        services.report_update_commentary(membership_of(world.bea), draft, going_well="Sneaky")
    draft.refresh_from_db()
    assert draft.going_well == ""


# --- issued ----------------------------------------------------------------------------


def test_issuing_freezes_the_figures_and_commentary_and_stores_the_pdf(world, draft):
    report = issued_report(world, **COMMENTARY)
    assert report.status == "issued" and report.issued_by == world.steve and report.issued_at
    assert report.snapshot["summary"]["commentary"].items() >= COMMENTARY.items()
    assert report.pdf.name.startswith("reports/2026/northshire-neglect-report-2026-27-Q2")


def test_issuing_twice_does_nothing_the_second_time(world, draft):
    signed_off(world)
    assert services.report_issue(membership_of(world.steve), draft, today=REPORT_DAY) is True
    services.report_pdf_store(draft.pk)
    first = QuarterlyReport.objects.get()
    assert services.report_issue(membership_of(world.alice), draft, today=REPORT_DAY) is False
    second = QuarterlyReport.objects.get()
    assert (second.issued_by, second.issued_at, second.pdf.name) == (world.steve, first.issued_at, first.pdf.name)


def test_a_report_issued_by_someone_else_while_the_figures_were_built_keeps_theirs(world, draft, monkeypatch):
    """Two people press Issue at once: the one whose claim lands first wins, the other changes nothing."""
    signed_off(world)
    real_data = services.selectors.report_data

    def slow_data(*args, **kwargs):
        monkeypatch.setattr(services.selectors, "report_data", real_data)
        services.report_issue(membership_of(world.alice), QuarterlyReport.objects.get(pk=draft.pk), today=REPORT_DAY)
        return real_data(*args, **kwargs)

    monkeypatch.setattr(services.selectors, "report_data", slow_data)
    assert services.report_issue(membership_of(world.steve), draft, today=REPORT_DAY) is False
    report = QuarterlyReport.objects.get()
    assert report.issued_by == world.alice


def test_two_workers_storing_one_reports_pdf_leave_one_file(world, draft, monkeypatch):
    signed_off(world)
    services.report_issue(membership_of(world.steve), draft, today=REPORT_DAY)
    real_pdf = services.report_pdf

    def slow_pdf(data, **kwargs):
        monkeypatch.setattr(services, "report_pdf", real_pdf)
        services.report_pdf_store(draft.pk)  # the other worker, finishing first
        return real_pdf(data, **kwargs)

    monkeypatch.setattr(services, "report_pdf", slow_pdf)
    services.report_pdf_store(draft.pk)
    report = QuarterlyReport.objects.get()
    # The second worker's PDF was not left behind.
    stored = report.pdf.storage.listdir("reports/2026")[1]
    assert stored == [report.pdf.name.rsplit("/", 1)[1]]


def test_later_changes_to_actions_and_values_do_not_change_an_issued_report(world, draft):
    report = issued_report(world, **COMMENTARY)
    frozen = selectors.report_content(report)
    world.a12.status = Status.COMPLETED
    world.a12.save()
    f.ProgressUpdateFactory(action=world.a13, update_date=datetime.date(2026, 9, 30), author=world.sam)
    world.indicators.plans.measurements.filter(period="2026/27 Q2").update(value=10)
    report.refresh_from_db()
    assert selectors.report_content(report) == frozen
    assert frozen["summary"]["actions"]["off_track_or_at_risk"] == 2


def test_an_issued_reports_commentary_and_figures_can_no_longer_change(world, draft):
    report = issued_report(world, **COMMENTARY)
    with pytest.raises(ValidationError):
        services.report_update_commentary(membership_of(world.steve), report, going_well="Rewritten")
    with pytest.raises(ValidationError):
        services.report_refresh(membership_of(world.steve), report, today=REPORT_DAY)
    report.refresh_from_db()
    assert report.going_well == COMMENTARY["going_well"]
    assert report.snapshot["cover"]["produced_on"] == "2026-10-21"


def test_the_pdf_text_carries_the_headline_figures_and_commentary(world, draft):
    text = pdf_text(issued_report(world, **COMMENTARY))
    assert "Neglect strategy report to the board: 2026/27 Q2" in text
    assert "Northshire Safeguarding Children Partnership" in text
    assert "Actions in the plan 9" in text and "Completed this quarter 1" in text and "Overdue 1" in text
    assert "Off track (Red) 1" in text and "At risk (Amber) 1" in text
    assert "Recruitment has stalled: no applicants." in text
    assert COMMENTARY["decisions"] in text
    assert "Page 2 of" in text


@pytest.mark.parametrize("role", ["sam", "lee", "bea", "charlie"])
def test_only_the_steering_group_issues_and_a_refusal_changes_nothing(world, draft, role):
    with pytest.raises(PermissionDenied):
        services.report_issue(membership_of(getattr(world, role)), draft, today=REPORT_DAY)
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.pdf


# --- sent ----------------------------------------------------------------------------------


def send(world, report, django_capture_on_commit_callbacks, user=None):
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_send(membership_of(user or world.steve), report)


def test_sending_e_mails_each_active_recipient_once_with_the_pdf(world, draft, django_capture_on_commit_callbacks):
    report = issued_report(world, **COMMENTARY)
    created = send(world, report, django_capture_on_commit_callbacks)
    assert len(created) == 2
    report.refresh_from_db()
    assert report.status == "sent" and report.sent_at
    deliveries = Delivery.objects.order_by("email")
    assert [(d.email, d.status, d.attempts) for d in deliveries] == [
        ("bea@example.org", "sent", 1),
        ("dana.jones@example.org", "sent", 1),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Bea Example <bea@example.org>",
        "Cllr Dana Jones <dana.jones@example.org>",
    ]


def test_the_e_mail_has_the_summary_in_html_and_text_the_pdf_and_a_link(
    world, draft, django_capture_on_commit_callbacks
):
    report = issued_report(world, **COMMENTARY)
    send(world, report, django_capture_on_commit_callbacks)
    message = email.message_from_bytes(mail.outbox[0].message().as_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Northshire Safeguarding Children Partnership: neglect strategy report for 2026/27 Q2"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert COMMENTARY["going_well"] in body and COMMENTARY["decisions"] in body
        assert f"http://127.0.0.1:8000/reports/{report.pk}/" in body
        assert "portal account" in body
    assert "Off track (Red) 1" in text
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "neglect-report-2026-27-Q2.pdf"
    assert attachment.get_content().startswith(b"%PDF")


def test_sending_again_sends_nothing_and_a_new_recipient_gets_it_alone(
    world, draft, django_capture_on_commit_callbacks
):
    report = issued_report(world)
    send(world, report, django_capture_on_commit_callbacks)
    assert send(world, report, django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 2
    f.RecipientFactory(distribution_list=world.board_list, name="New Member", email="new.member@example.org")
    report.refresh_from_db()
    assert [r.email for r in selectors.new_recipients(report)] == ["new.member@example.org"]
    created = send(world, report, django_capture_on_commit_callbacks)
    assert [Delivery.objects.get(pk=pk).email for pk in created] == ["new.member@example.org"]
    assert len(mail.outbox) == 3 and mail.outbox[2].to == ["New Member <new.member@example.org>"]


def test_a_recipient_whose_address_differs_only_in_case_is_not_sent_it_twice(
    world, draft, django_capture_on_commit_callbacks
):
    report = issued_report(world)
    send(world, report, django_capture_on_commit_callbacks)
    world.recipients[1].email = "Dana.Jones@example.org"
    world.recipients[1].save()
    assert send(world, report, django_capture_on_commit_callbacks) == []


def test_the_e_mails_are_queued_only_when_the_sending_commits(world, draft, django_capture_on_commit_callbacks):
    report = issued_report(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_send(membership_of(world.steve), report)
    assert len(callbacks) == 2 and mail.outbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}


def test_a_draft_cannot_be_sent(world, draft, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        send(world, draft, django_capture_on_commit_callbacks)
    assert not Delivery.objects.exists() and mail.outbox == []


def test_a_report_cannot_be_sent_to_an_empty_distribution_list(world, draft, django_capture_on_commit_callbacks):
    report = issued_report(world)
    world.board_list.recipients.update(is_active=False)
    with pytest.raises(ValidationError, match="no active recipients"):
        send(world, report, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == "issued"


@pytest.mark.parametrize("role", ["sam", "lee", "bea", "charlie"])
def test_only_the_steering_group_sends_and_a_refusal_sends_nothing(
    world, draft, role, django_capture_on_commit_callbacks
):
    report = issued_report(world)
    with pytest.raises(PermissionDenied):
        send(world, report, django_capture_on_commit_callbacks, user=getattr(world, role))
    assert not Delivery.objects.exists() and mail.outbox == []


def test_issue_and_send_now_does_both_in_one_go(world, draft, django_capture_on_commit_callbacks):
    signed_off(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_issue_and_send(membership_of(world.alice), draft, today=REPORT_DAY)
    draft.refresh_from_db()
    assert draft.status == "sent" and draft.issued_by == world.alice
    assert len(mail.outbox) == 2


def test_a_failed_e_mail_can_be_retried(world, draft, django_capture_on_commit_callbacks):
    report = issued_report(world)
    delivery = Delivery.objects.create(report=report, name="Bea", email="bea@example.org", status="failed", attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_retry(membership_of(world.steve), delivery)
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2
    with pytest.raises(ValidationError):
        services.delivery_retry(membership_of(world.steve), delivery)


def test_a_board_member_cannot_retry_an_e_mail(world, draft):
    report = issued_report(world)
    delivery = Delivery.objects.create(report=report, name="Bea", email="bea@example.org", status="failed")
    with pytest.raises(PermissionDenied):
        services.delivery_retry(membership_of(world.bea), delivery)
    delivery.refresh_from_db()
    assert delivery.status == "failed"


# --- the schedule's own path -----------------------------------------------------------------


def test_producing_a_report_creates_issues_and_sends_it_once(world, django_capture_on_commit_callbacks):
    signed_off(world)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_produce(world.strategy, QUARTER, today=REPORT_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.report_produce(world.strategy, QUARTER, today=REPORT_DAY)
    assert again.pk == report.pk and report.status == "sent" and report.issued_by is None
    assert len(mail.outbox) == 2


def test_producing_keeps_a_report_the_steering_group_has_issued(world, draft, django_capture_on_commit_callbacks):
    report = issued_report(world, **COMMENTARY)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_produce(world.strategy, QUARTER, today=datetime.date(2026, 10, 30))
    report.refresh_from_db()
    assert report.issued_by == world.steve and report.snapshot["cover"]["produced_on"] == "2026-10-21"
    assert report.status == "sent"


def test_producing_can_leave_the_sending_for_later(world):
    signed_off(world, Period.parse("2026/27 Q1"))
    report = services.report_produce(world.strategy, Period.parse("2026/27 Q1"), today=REPORT_DAY, send=False)
    assert report.status == "issued" and not Delivery.objects.exists()
