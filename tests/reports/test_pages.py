"""The report pages: every role of the cast, reading and writing; refusals change nothing."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from neglect_portal.periods import Period
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.reports.conftest import REPORT_DAY, issued_report, signed_off

ROLES = ["alice", "steve", "sam", "lee", "bea", "charlie"]
PREPARERS = {"alice", "steve"}


def expected(role, allowed):
    if role == "charlie":
        return 404
    return 200 if role in allowed else 403


@pytest.fixture
def issued(world, draft):
    return issued_report(world, going_well="Training is ahead of plan.", decisions="Fund two posts.")


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_opens_the_archive_of_their_own_partnership(world, draft, client_for, role):
    response = client_for(getattr(world, role)).get(reverse("reports:archive"))
    assert response.status_code == 200
    body = response.content.decode()
    # Drafts are listed for those who prepare reports only; nothing of Northshire reaches Charlie.
    assert (reverse("reports:detail", args=[draft.pk]) in body) == (role in PREPARERS)
    assert ("Northshire" in body) == (role != "charlie")
    # Charlie is Southshire's business manager: he may start Southshire's reports.
    assert ("Start a report" in body) == (role in {*PREPARERS, "charlie"})


@pytest.mark.parametrize("role", ROLES)
def test_every_member_reads_an_issued_report_and_its_pdf(world, issued, client_for, role):
    client = client_for(getattr(world, role))
    page = client.get(reverse("reports:detail", args=[issued.pk]))
    pdf = client.get(reverse("reports:pdf", args=[issued.pk]))
    assert page.status_code == pdf.status_code == (404 if role == "charlie" else 200)
    if role != "charlie":
        assert "Training is ahead of plan." in page.content.decode()
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        assert 'filename="northshire-neglect-report-2026-27-Q2.pdf"' in pdf["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_read_only_by_those_who_prepare_it(world, draft, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("reports:detail", args=[draft.pk])).status_code == expected(role, PREPARERS)
    assert client.get(reverse("reports:pdf", args=[draft.pk])).status_code == expected(role, PREPARERS)


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_board_members_sponsors_and_leads_see_issued_reports_in_the_archive(world, issued, client_for, role):
    body = client_for(getattr(world, role)).get(reverse("reports:archive")).content.decode()
    assert "2026/27 Q2" in body and "Issued" in body


def test_the_report_page_shows_the_report_from_its_data(world, issued, client_for):
    body = client_for(world.bea).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "Quarterly report: 2026/27 Q2" in body
    assert "Recruitment has stalled: no applicants." in body  # the exception list's latest update
    assert "The story behind the curve:" in body and "Two large sibling groups" in body
    assert "Neglect in adolescence" in body and "Looking ahead to 2026/27 Q3" in body
    assert 'data-test="actions-total">9<' in body
    # Board members see neither the steering group's buttons nor the e-mails.
    assert "Issue the report" not in body and "E-mails to the board" not in body


def test_the_steering_group_sees_each_e_mail_and_can_retry_a_failed_one(world, issued, client_for):
    Delivery.objects.create(report=issued, name="Bea Example", email="bea@example.org", status="sent", attempts=1)
    Delivery.objects.create(
        report=issued,
        name="Cllr Dana Jones",
        email="dana.jones@example.org",
        status="failed",
        attempts=1,
        last_error="(550, b'5.1.1 Mailbox does not exist')",
    )
    body = client_for(world.steve).get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "E-mails to the board" in body and "Mailbox does not exist" in body
    assert body.count('data-test="delivery"') == 2 and body.count(">Retry<") == 1


def test_the_archive_counts_each_reports_e_mails_by_outcome(world, issued, client_for):
    for n in range(12):
        Delivery.objects.create(report=issued, name=f"P{n}", email=f"p{n}@example.org", status="sent")
    Delivery.objects.create(report=issued, name="X", email="x@example.org", status="failed")
    body = client_for(world.bea).get(reverse("reports:archive")).content.decode()
    assert "12 sent, 1 failed" in body


def test_the_business_manager_is_sent_to_the_distribution_list_in_settings(world, draft, client_for):
    body = client_for(world.alice).get(reverse("reports:archive")).content.decode()
    assert reverse("settings:distribution_list") in body and "/admin/" not in body
    assert "2 active recipients" in body


# --- writing ---------------------------------------------------------------------------------

WRITES = ["commentary", "refresh", "issue", "issue_send"]


def write(client, name, report, data=None):
    return client.post(reverse(f"reports:{name}", args=[report.pk]), data or {})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["commentary", "issue", "issue_send"])
def test_the_forms_and_confirmations_open_only_for_the_steering_group(world, draft, client_for, role, name):
    signed_off(world)
    response = client_for(getattr(world, role)).get(reverse(f"reports:{name}", args=[draft.pk]))
    assert response.status_code == expected(role, PREPARERS)


@pytest.mark.parametrize("role", ["sam", "lee", "bea", "charlie"])
@pytest.mark.parametrize("name", WRITES)
def test_a_refused_change_to_a_draft_changes_nothing(
    world, draft, client_for, role, name, django_capture_on_commit_callbacks
):
    before = QuarterlyReport.objects.values().get(pk=draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client_for(getattr(world, role)), name, draft, {"going_well": "Sneaky"})
    assert response.status_code == expected(role, PREPARERS)
    assert QuarterlyReport.objects.values().get(pk=draft.pk) == before
    assert not Delivery.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("role", ["sam", "lee", "bea", "charlie"])
def test_a_refused_send_or_retry_changes_nothing(world, issued, client_for, role, django_capture_on_commit_callbacks):
    failed = Delivery.objects.create(report=issued, name="Bea", email="bea@example.org", status="failed")
    client = client_for(getattr(world, role))
    with django_capture_on_commit_callbacks(execute=True):
        send = write(client, "send", issued)
        retry = client.post(reverse("reports:retry", args=[issued.pk, failed.pk]))
    assert send.status_code == retry.status_code == expected(role, PREPARERS)
    assert list(Delivery.objects.values_list("status", flat=True)) == ["failed"] and mail.outbox == []


def test_the_steering_group_writes_the_commentary_and_sees_it_on_the_page(world, draft, client_for):
    client = client_for(world.steve)
    response = write(client, "commentary", draft, {"going_well": "Training is ahead.", "decisions": "Fund posts."})
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[draft.pk])
    body = client.get(response["Location"]).content.decode()
    assert "The commentary has been saved." in body and "Training is ahead." in body


def test_too_long_a_commentary_is_refused_with_an_error_summary_naming_the_field(world, draft, client_for):
    response = write(client_for(world.steve), "commentary", draft, {"worrying": "x" * 5001})
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert 'href="#id_worrying"' in body and "What is worrying must be 5,000 characters or fewer" in body
    draft.refresh_from_db()
    assert draft.worrying == ""


def test_the_steering_group_refreshes_the_figures(world, draft, client_for):
    f.ProgressUpdateFactory(action=world.a13, update_date=datetime.date(2026, 9, 30), author=world.sam)
    response = write(client_for(world.alice), "refresh", draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.snapshot["cover"]["missing_updates"] == []


def test_the_issue_confirmation_warns_of_missing_data_then_issues(world, draft, client_for):
    signed_off(world)
    client = client_for(world.steve)
    body = client.get(reverse("reports:issue", args=[draft.pk])).content.decode()
    assert "The data is not complete" in body and "Some of the commentary is empty" in body
    response = write(client, "issue", draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "issued"  # its PDF is rendered by a worker once this has committed


def test_issue_and_send_now_e_mails_the_board(world, draft, client_for, django_capture_on_commit_callbacks):
    signed_off(world)
    client = client_for(world.steve)
    body = client.get(reverse("reports:issue_send", args=[draft.pk])).content.decode()
    assert "Cllr Dana Jones (dana.jones@example.org)" in body and "Former member" not in body
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, "issue_send", draft)
    assert response.status_code == 302
    assert "being e-mailed to 2 people" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 2


def test_an_issued_report_refuses_new_commentary_and_says_why(world, issued, client_for):
    client = client_for(world.steve)
    response = write(client, "commentary", issued, {"going_well": "Rewritten"})
    assert response.status_code == 302
    assert "can no longer change" in client.get(response["Location"]).content.decode()
    issued.refresh_from_db()
    assert issued.going_well == "Training is ahead of plan."
    assert client.get(reverse("reports:commentary", args=[issued.pk])).status_code == 302


def test_sending_to_new_recipients_sends_only_to_them(world, issued, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.steve)
    with django_capture_on_commit_callbacks(execute=True):
        write(client, "send", issued)
    f.RecipientFactory(distribution_list=world.board_list, name="New Member", email="new.member@example.org")
    page = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "Send to 1 new recipient" in page
    with django_capture_on_commit_callbacks(execute=True):
        write(client, "send", issued)
    assert [m.to for m in mail.outbox[2:]] == [["New Member <new.member@example.org>"]]


def test_the_steering_group_starts_a_report_for_a_quarter_without_one(world, client_for):
    client = client_for(world.steve)
    body = client.get(reverse("reports:start")).content.decode()
    # The quarter being collected and the one just closed; not every quarter back to the strategy's start.
    assert "2026/27 Q3" in body and "2026/27 Q2" in body
    assert "2026/27 Q1" not in body and "2024/25 Q1" not in body
    response = client.post(reverse("reports:start"), {"period": "2026/27 Q2"})
    report = QuarterlyReport.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.period == "2026/27 Q2" and report.status == "draft"


def test_starting_a_report_without_choosing_a_quarter_says_so(world, client_for):
    response = client_for(world.steve).post(reverse("reports:start"), {})
    assert "Choose the quarter the report is for" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_the_steering_group_starts_reports(world, client_for, role):
    response = client_for(getattr(world, role)).post(reverse("reports:start"), {"period": "2026/27 Q1"})
    assert response.status_code == 403 and not QuarterlyReport.objects.exists()


# --- queries --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 15])
def test_the_archive_takes_the_same_number_of_queries_however_many_reports(
    world, client_for, count, django_assert_max_num_queries
):
    client = client_for(world.bea)
    for n in range(count):
        quarter = Period.parse("2020/21 Q1").shift(n)
        report = QuarterlyReport.objects.create(
            strategy=world.strategy,
            period=quarter.label,
            period_start=quarter.start,
            status="sent",
            issued_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )
        Delivery.objects.create(report=report, name="Bea", email="bea@example.org", status="sent")
    client.get(reverse("reports:archive"))  # the first request after signing in also saves the session
    with django_assert_max_num_queries(9):  # 7, and the active strategy and its quarters' state
        response = client.get(reverse("reports:archive"))
    assert response.content.decode().count('data-test="report-row"') == count


@pytest.mark.parametrize("copies", [1, 10])
def test_the_report_page_takes_the_same_number_of_queries_however_many_e_mails(
    world, issued, client_for, copies, django_assert_max_num_queries
):
    for n in range(copies):
        Delivery.objects.create(report=issued, name=f"P{n}", email=f"p{n}@example.org", status="sent")
    client = client_for(world.steve)
    client.get(reverse("reports:archive"))
    # 9, the quarter's state, the access audit's record of the view, and the frozen data it is drawn from the
    # first time (then kept: tests/reports/test_report_page_cache.py).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:detail", args=[issued.pk]))
    assert response.content.decode().count('data-test="delivery"') == copies


def test_the_report_page_is_built_from_the_frozen_data_in_few_queries(
    world, issued, client_for, django_assert_max_num_queries
):
    world.a12.delete()
    client = client_for(world.bea)
    client.get(reverse("reports:archive"))
    # 6, the quarter's state, the access audit's record of the view, and the frozen data it is drawn from.
    with django_assert_max_num_queries(9):
        body = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert "P1.2 Recruit family support workers" in body
    assert REPORT_DAY.strftime("%-d %B %Y") in body


def test_an_issued_reports_pdf_is_drawn_again_from_its_frozen_data_if_the_file_is_lost(world, issued, client_for):
    issued.pdf.delete(save=False)
    waiting = client_for(world.bea).get(reverse("reports:pdf", args=[issued.pk]))
    assert waiting.status_code == 200 and "is being prepared" in waiting.content.decode()
    response = client_for(world.bea).get(reverse("reports:pdf", args=[issued.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_issue_and_send_with_no_one_to_send_to_issues_and_says_it_was_not_sent(world, draft, client_for):
    signed_off(world)
    world.board_list.recipients.update(is_active=False)
    client = client_for(world.steve)
    response = write(client, "issue_send", draft)
    body = client.get(response["Location"]).content.decode()
    assert "The report has been issued but not sent." in body and "no active recipients" in body
    draft.refresh_from_db()
    assert draft.status == "issued"


@pytest.mark.parametrize(
    ("method", "name"), [("post", "detail"), ("post", "pdf"), ("get", "refresh"), ("get", "retry")]
)
def test_a_method_a_report_page_does_not_handle_answers_405_and_changes_nothing(
    world, issued, client_for, method, name
):
    failed = Delivery.objects.create(report=issued, name="Bea", email="bea@example.org", status="failed")
    args = [issued.pk, failed.pk] if name == "retry" else [issued.pk]
    before = QuarterlyReport.objects.values().get(pk=issued.pk)
    response = getattr(client_for(world.steve), method)(reverse(f"reports:{name}", args=args))
    assert response.status_code == 405
    assert QuarterlyReport.objects.values().get(pk=issued.pk) == before
    assert Delivery.objects.get(pk=failed.pk).status == "failed"


HANDLED = {"detail": "get", "pdf": "get", "refresh": "post", "retry": "post"}


@pytest.mark.parametrize("name", list(HANDLED))
def test_another_partnerships_report_answers_404_to_every_method_the_page_handles(world, issued, client_for, name):
    failed = Delivery.objects.create(report=issued, name="Bea", email="bea@example.org", status="failed")
    args = [issued.pk, failed.pk] if name == "retry" else [issued.pk]
    client = client_for(world.charlie)
    for method in ("get", "post", "options"):
        response = getattr(client, method)(reverse(f"reports:{name}", args=args))
        assert response.status_code == (404 if method in (HANDLED[name], "options") else 405), method


def commentary_form(client, report) -> dict:
    """The commentary form as the page gives it: every field, the hidden time it was opened at included."""
    html = client.get(reverse("reports:commentary", args=[report.pk])).content.decode()
    seen = re.search(r'name="seen" value="([^"]*)"', html)
    data = {name: getattr(report, name) for name in ("going_well", "worrying", "decisions", "issues_and_risks")}
    data |= {"voice": report.voice, "learning": report.learning, "board_recommendation": "", "assurance_level": ""}
    return {**data, "seen": seen.group(1) if seen else ""}


def signed_in(user) -> Client:
    """A browser session of its own (``client_for`` signs one shared client in)."""
    client = Client()
    client.force_login(user)
    return client


def test_two_people_writing_the_commentary_the_second_sees_the_first_ones_change_and_does_not_overwrite_it(
    world, draft
):
    steve, alice = signed_in(world.steve), signed_in(world.alice)
    steves, alices = commentary_form(steve, draft), commentary_form(alice, draft)  # both open the same form
    steves["going_well"] = "Training is ahead of plan."
    assert steve.post(reverse("reports:commentary", args=[draft.pk]), steves).status_code == 302

    alices["worrying"] = "Two posts are still vacant."
    response = alice.post(reverse("reports:commentary", args=[draft.pk]), alices)

    assert response.status_code == 409
    draft.refresh_from_db()
    assert (draft.going_well, draft.worrying) == ("Training is ahead of plan.", "")  # nothing of Alice's saved
    body = response.content.decode()
    assert "Someone else changed this commentary while you were editing it" in body
    assert "Steve Example" in body and "Training is ahead of plan." in body  # who changed what
    assert "with your changes put back in: <strong>What is worrying</strong>" in body
    # Saving the form shown again keeps both changes.
    again = response.context["form"].initial
    assert (again["going_well"], again["worrying"]) == ("Training is ahead of plan.", "Two posts are still vacant.")
    assert alice.post(reverse("reports:commentary", args=[draft.pk]), again).status_code == 302
    draft.refresh_from_db()
    assert (draft.going_well, draft.worrying) == ("Training is ahead of plan.", "Two posts are still vacant.")


def test_a_commentary_form_with_a_made_up_time_is_refused_and_nothing_changes(world, draft, client_for):
    client = client_for(world.steve)
    data = {**commentary_form(client, draft), "going_well": "Rewritten", "seen": "yesterday"}
    response = client.post(reverse("reports:commentary", args=[draft.pk]), data)
    assert response.status_code == 200 and "open the commentary again" in response.content.decode()
    draft.refresh_from_db()
    assert draft.going_well == ""
