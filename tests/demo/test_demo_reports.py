"""The demo leaves each partnership with an issued report for the last quarter of its figures and a draft."""

import pytest
from django.core import mail
from freezegun import freeze_time

from demo.services import demo_load
from reports.models import Delivery, QuarterlyReport

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-23 09:00:00")
def test_each_demo_partnership_has_an_issued_report_for_2026_27_q2_and_a_draft_for_now():
    demo_load()
    issued = QuarterlyReport.objects.filter(period="2026/27 Q2").select_related("strategy__partnership")
    assert sorted(r.strategy.partnership.slug for r in issued) == ["halton", "hounslow", "staffordshire", "walsall"]
    for report in issued:
        assert report.status == "issued" and report.pdf and report.issued_by is not None
        assert report.snapshot["cover"]["produced_on"] == "2026-10-21"
        assert report.decisions and report.snapshot["summary"]["commentary"]["decisions"] == report.decisions
    drafts = QuarterlyReport.objects.filter(period="2026/27 Q3", status="draft")
    assert drafts.count() == 4 and all(d.snapshot for d in drafts)
    # The loader sends nothing.
    assert not Delivery.objects.exists() and mail.outbox == []


@freeze_time("2026-11-23 09:00:00")
def test_walsalls_demo_report_shows_the_work_of_its_steering_group():
    demo_load()
    report = QuarterlyReport.objects.get(strategy__partnership__slug="walsall", period="2026/27 Q2")
    assert report.issued_by.email == "walsall.chair@example.org"
    assert "AWARE app" in report.snapshot["summary"]["commentary"]["worrying"]
    assert report.snapshot["summary"]["actions"]["total"] == 19
