"""A correction of a sent report in a real browser: the business manager is refused without a note, then
issues version 2; the first version says it was corrected and links to it. Every page is checked with axe."""

import pytest

from neglect_portal.periods import Period
from reports import services
from reports.models import Delivery, QuarterlyReport
from tests import factories as f
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_reports import plan  # noqa: F401  (the quarter's plan, scorecard and board list)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUARTER = Period.parse("2026/27 Q2")


@pytest.fixture
def sent(plan):  # noqa: F811
    """2026/27 Q2's report, issued and e-mailed to Bea."""
    alice = plan.alice.memberships.get()
    report = services.report_start(alice, plan.strategy, QUARTER)
    services.report_update_commentary(alice, report, going_well="Health visitor training is ahead of plan.")
    f.SignedOffQuarterFactory(strategy=plan.strategy, period=QUARTER.label, signed_off_by=plan.alice)
    services.report_issue(alice, report)
    Delivery.objects.create(report=report, name="Bea Example", email="bea@example.org", status="sent", attempts=1)
    QuarterlyReport.objects.filter(pk=report.pk).update(status="sent")
    return report


def test_the_business_manager_issues_a_correction_and_the_first_version_links_to_it(page, sent):
    sign_in(page, "alice@example.org")
    page.goto(f"/reports/{sent.pk}/")
    page.get_by_role("link", name="Correct the report").click()
    assert page.inner_text("h1") == "Correct the 2026/27 Q2 report"
    assert "Bea Example (bea@example.org)" in page.inner_text("main")
    page.get_by_role("button", name="Issue and send the correction").click()
    assert "Enter what has changed in this version of the report" in page.inner_text(".govuk-error-summary")
    assert QuarterlyReport.objects.count() == 1
    assert_accessible(page, "report-correct-with-errors")

    page.get_by_label("What has changed in this version?").fill("CP-01 was misprinted as 118; it is 114.")
    page.get_by_role("button", name="Issue and send the correction").click()
    assert page.inner_text("h1") == "Quarterly report: 2026/27 Q2 (version 2)"
    assert "marked as a correction, to 1 person" in page.inner_text(".govuk-notification-banner")
    assert "CP-01 was misprinted as 118; it is 114." in page.inner_text("[data-test=correction-note]")
    assert_accessible(page, "report-correction")

    page.get_by_role("link", name="Version 1").click()
    assert "This version was corrected on" in page.inner_text("[data-test=corrected-banner]")
    assert page.get_by_role("link", name="Correct the report").count() == 0
    assert_accessible(page, "report-corrected-version")
    page.locator("[data-test=corrected-banner]").get_by_role("link", name="version 2").click()
    assert page.inner_text("h1") == "Quarterly report: 2026/27 Q2 (version 2)"
