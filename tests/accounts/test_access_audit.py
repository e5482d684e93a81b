"""The access audit: each event recorded with who, when and from where; the business manager's page; the jobs."""

import datetime
import logging

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import security_jobs as services
from accounts.models import AccessEvent, APIToken, PersonSession
from accounts.tokens import token_create
from tests.security import authenticator, current_code, password_only_login

Kind = AccessEvent.Kind
SECRETS = ("correct-horse-battery", "wrong-password-123")


def kinds(**filters):
    return set(AccessEvent.objects.filter(**filters).values_list("kind", flat=True))


def test_sign_ins_failures_and_lockouts_are_recorded_with_the_address(client, cast, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client.post(reverse("accounts:login"), {"username": "lee@example.org", "password": "wrong-password-123"})
    client.post(reverse("accounts:login"), {"username": "lee@example.org", "password": "wrong-password-123"})
    failed = AccessEvent.objects.filter(kind=Kind.SIGN_IN_FAILED).first()
    assert failed.subject == "lee@example.org" and failed.ip_address == "127.0.0.1" and failed.actor is None
    assert Kind.LOCKED_OUT in kinds()

    device = authenticator(cast.sam)
    response = password_only_login(client, cast.sam, REMOTE_ADDR="192.0.2.7")
    client.post(response["Location"], {"code": current_code(device)}, REMOTE_ADDR="192.0.2.7")
    signed_in = AccessEvent.objects.get(kind=Kind.SIGNED_IN)
    assert signed_in.actor == cast.sam and signed_in.ip_address == "192.0.2.7"


def test_the_address_behind_a_trusted_proxy_is_the_clients(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("accounts:login"),
        {"username": "lee@example.org", "password": "nope"},
        HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9",
        REMOTE_ADDR="10.0.0.2",
    )
    assert AccessEvent.objects.get(kind=Kind.SIGN_IN_FAILED).ip_address == "203.0.113.9"


def test_tokens_exports_reports_and_second_factor_changes_are_recorded(client, cast):
    client.force_login(cast.steve)
    client.post(reverse("accounts:tokens"), {"name": "Script", "days": "30"})
    client.get(reverse("spreadsheets:action_plan_export"))
    client.post(reverse("accounts:recovery_codes_renew"))
    events = kinds(actor=cast.steve)
    assert {Kind.TOKEN_CREATED, Kind.EXPORTED, Kind.RECOVERY_CODES_RENEWED} <= events
    export = AccessEvent.objects.get(kind=Kind.EXPORTED)
    assert export.partnership == cast.partnership and export.detail.endswith(".xlsx")


def test_report_views_and_pdf_downloads_are_recorded(client, cast):
    from accounts.models import Membership
    from neglect_portal.periods import Period
    from reports import services as reports

    membership = Membership.objects.get(user=cast.alice)
    report = reports.report_start(
        membership, cast.strategy, Period.parse("2026/27 Q1"), today=datetime.date(2026, 7, 1)
    )
    client.force_login(cast.alice)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    # The first asks a worker for the PDF (here, in-process) and says it is being prepared; the second downloads it.
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 200
    download = client.get(reverse("reports:pdf", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert {Kind.REPORT_VIEWED, Kind.REPORT_DOWNLOADED} <= kinds(actor=cast.alice, partnership=cast.partnership)


def test_the_business_manager_sees_filters_and_exports_the_partnerships_events_only(client, cast):
    client.force_login(cast.lee)
    client.force_login(cast.charlie)
    client.logout()
    client.force_login(cast.alice)
    page = client.get(reverse("settings:audit")).content.decode()
    assert "lee@example.org" in page and "charlie@example.org" not in page

    page = client.get(reverse("settings:audit"), {"person": "lee", "kind": Kind.SIGNED_IN}).content.decode()
    assert "lee@example.org" in page and "alice@example.org" not in page

    bad = client.get(reverse("settings:audit"), {"date_from": "31/12/2026", "date_to": "1/1/2026"})
    assert "The last day must be on or after the first day" in bad.content.decode()

    export = client.get(reverse("settings:audit"), {"format": "csv", "person": "lee"})
    assert export["Content-Disposition"].startswith("attachment")
    body = b"".join(export.streaming_content).decode()
    assert body.startswith("When,Event,By,About,Address,Detail")
    assert "lee@example.org" in body and "charlie" not in body


def test_only_the_business_manager_opens_the_audit(client, cast):
    client.force_login(cast.steve)
    assert client.get(reverse("settings:audit")).status_code == 403


def test_the_audit_page_runs_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.alice)
    for _ in range(30):
        AccessEvent.objects.create(kind=Kind.SIGNED_IN, actor=cast.lee, subject=cast.lee.email)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("settings:audit")).status_code == 200


def test_old_events_are_pruned_after_the_retention_period(cast, settings):
    settings.ACCESS_AUDIT_RETENTION_DAYS = 730
    now = timezone.now()
    old = AccessEvent.objects.create(kind=Kind.SIGNED_IN, at=now - datetime.timedelta(days=731))
    recent = AccessEvent.objects.create(kind=Kind.SIGNED_IN, at=now - datetime.timedelta(days=729))
    assert services.access_audit_prune(now) == 1
    assert not AccessEvent.objects.filter(pk=old.pk).exists() and AccessEvent.objects.filter(pk=recent.pk).exists()


def test_an_unused_account_is_warned_fourteen_days_ahead_then_deactivated(cast, django_capture_on_commit_callbacks):
    start = timezone.now()
    type(cast.lee).objects.filter(pk=cast.lee.pk).update(last_login=start)
    type(cast.lee).objects.exclude(pk=cast.lee.pk).update(last_login=start + datetime.timedelta(days=170))
    token_create(cast.lee, "Script")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.dormant_accounts_handle(start + datetime.timedelta(days=165))["warned"] == 0
        assert services.dormant_accounts_handle(start + datetime.timedelta(days=166))["warned"] == 1
        assert services.dormant_accounts_handle(start + datetime.timedelta(days=167))["warned"] == 0
    assert [m.to for m in mail.outbox] == [["lee@example.org"]]
    assert "will be closed" in mail.outbox[0].subject

    assert services.dormant_accounts_handle(start + datetime.timedelta(days=179))["deactivated"] == 0
    assert services.dormant_accounts_handle(start + datetime.timedelta(days=180, hours=1))["deactivated"] == 1
    cast.lee.refresh_from_db()
    assert not cast.lee.is_active
    assert APIToken.objects.get(user=cast.lee).revoked_at is not None
    assert not PersonSession.objects.filter(user=cast.lee).exists()
    assert Kind.DORMANT_DEACTIVATED in kinds(actor=cast.lee)


def test_signing_in_again_after_the_warning_keeps_the_account(cast, django_capture_on_commit_callbacks):
    start = timezone.now()
    type(cast.lee).objects.update(last_login=start)
    with django_capture_on_commit_callbacks(execute=True):
        services.dormant_accounts_handle(start + datetime.timedelta(days=167))
    type(cast.lee).objects.filter(pk=cast.lee.pk).update(last_login=start + datetime.timedelta(days=170))
    result = services.dormant_accounts_handle(start + datetime.timedelta(days=181))
    cast.lee.refresh_from_db()
    assert cast.lee.is_active and result["deactivated"] == 5  # the five others were warned and never came back


def test_the_daily_jobs_are_in_beats_schedule(db):
    from django_celery_beat.models import PeriodicTask

    tasks = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"accounts.tasks.prune_access_audit", "accounts.tasks.deactivate_dormant_accounts"} <= tasks


def test_no_password_code_or_token_reaches_the_logs_or_the_audit(client, cast, caplog):
    caplog.set_level(logging.DEBUG)
    device = authenticator(cast.sam)
    client.post(reverse("accounts:login"), {"username": "sam@example.org", "password": "wrong-password-123"})
    response = password_only_login(client, cast.sam)
    code = current_code(device)
    client.post(response["Location"], {"code": code})
    page = client.post(reverse("accounts:tokens"), {"name": "Script", "days": "30"}).content.decode()
    raw = page.split('data-test="new-token">')[1].split("<")[0]
    session_key = client.session.session_key
    logged = caplog.text + str(list(AccessEvent.objects.values()))
    for secret in (*SECRETS, code, raw, session_key):
        assert secret not in logged
