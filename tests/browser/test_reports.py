"""The quarterly report in a real browser: the steering group writes and issues it, a board member reads it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Status
from outcomes.models import Polarity, RBACategory
from reports.models import QuarterlyReport
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(cast):
    """A quarter's worth of plan, scorecard and audit for Northshire, and a board distribution list."""
    date = datetime.date
    cast.a21.status = Status.OFF_TRACK
    cast.a21.save()
    f.ProgressUpdateFactory(
        action=cast.a21,
        update_date=date(2026, 8, 12),
        status=Status.OFF_TRACK,
        author=cast.lee,
        narrative="Printing delayed: the toolkit goes out in October.",
    )
    f.ProgressUpdateFactory(action=cast.a11, update_date=date(2026, 9, 2), author=cast.sam)
    plans = f.IndicatorFactory(
        partnership=cast.partnership,
        code="CP-01",
        name="Children on a plan for neglect",
        rba_category=RBACategory.BETTER_OFF,
        polarity=Polarity.LOWER_BETTER,
        target=Decimal(100),
    )
    for period, value in [("2026/27 Q1", 104), ("2026/27 Q2", 118)]:
        f.MeasurementFactory(indicator=plans, period=period, value=value, note="Two large sibling groups.")
    audit = f.AuditFactory(partnership=cast.partnership, title="Neglect in adolescence")
    f.RecommendationFactory(audit=audit, reference="R1").actions.set([cast.a21])
    board = f.DistributionListFactory(partnership=cast.partnership, name="Northshire board")
    f.RecipientFactory(distribution_list=board, name="Bea Example", email="bea@example.org", user=cast.bea)
    return cast


def test_the_steering_group_writes_and_issues_the_report_and_a_board_member_reads_it(page, plan):
    sign_in(page, "steve@example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    assert page.inner_text("h1") == "Quarterly reports"
    page.get_by_role("link", name="Start a report").click()
    page.get_by_label("2026/27 Q2").check()
    page.get_by_role("button", name="Start the report").click()
    assert page.inner_text("h1") == "Quarterly report: 2026/27 Q2"
    assert "Draft" in page.inner_text("[data-test=report-status]")

    page.get_by_role("link", name="Change the commentary").click()
    page.get_by_label("What is going well").fill("Health visitor training is ahead of plan.")
    page.get_by_label("What is worrying").fill("The neglect toolkit is late.")
    page.get_by_label("Decisions asked of the board").fill("Agree to fund a second print run.")
    page.get_by_role("button", name="Save the commentary").click()
    assert "The commentary has been saved." in page.inner_text(".govuk-notification-banner")
    assert "Agree to fund a second print run." in page.inner_text("main")
    assert_accessible(page, "report-draft")

    # The business manager signs the quarter off (its own journey is in tests/reports/test_quarter_life.py).
    f.SignedOffQuarterFactory(strategy=plan.strategy, period="2026/27 Q2", signed_off_by=plan.alice)
    page.reload()
    page.get_by_role("link", name="Issue the report").click()
    assert_accessible(page, "report-issue-confirm")
    page.get_by_role("button", name="Issue the report").click()
    assert "Its figures and commentary are now frozen." in page.inner_text(".govuk-notification-banner")
    assert "Issued" in page.inner_text("[data-test=report-status]")
    assert QuarterlyReport.objects.get().status == "issued"

    page.context.clear_cookies()
    sign_in(page, "bea@example.org")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    assert_accessible(page, "report-archive")
    page.get_by_role("link", name="2026/27 Q2 report").click()
    main = page.inner_text("main")
    assert "Agree to fund a second print run." in main
    assert "Printing delayed: the toolkit goes out in October." in main
    assert "The story behind the curve: Two large sibling groups." in main
    assert page.get_by_role("link", name="Change the commentary").count() == 0
    assert page.get_by_role("link", name="Download the PDF").count() == 1
    assert_accessible(page, "report")


def test_a_board_member_cannot_open_a_draft(page, plan):
    report = QuarterlyReport.objects.create(
        strategy=plan.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1)
    )
    sign_in(page, "bea@example.org")
    response = page.goto(f"/reports/{report.pk}/")
    assert response.status == 403
    page.goto("/reports/")
    assert "There are no issued reports yet." in page.inner_text("main")


def test_the_pdf_page_checks_again_by_itself_until_the_file_is_ready(page, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # no PDF stored by an earlier run
    report = QuarterlyReport.objects.create(
        strategy=plan.strategy, period="2026/27 Q2", period_start=datetime.date(2026, 7, 1)
    )
    sign_in(page, "steve@example.org")
    page.goto(reverse("reports:pdf", args=[report.pk]))
    assert "is being prepared" in page.inner_text("main")
    assert page.get_by_text("It checks again by itself every 3 seconds.").is_visible()
    assert_accessible(page, "report-pdf-waiting")
    # The worker (here, in-process) has stored the file: the page's next check offers it.
    page.get_by_role("link", name="Download the PDF").wait_for(timeout=15_000)
    assert "is ready" in page.inner_text("main")
