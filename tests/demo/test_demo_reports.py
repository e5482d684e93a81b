"""The demo leaves each partnership with an issued report for the last quarter of its figures and a draft."""

import pytest
from django.core import mail
from freezegun import freeze_time

from demo.services import demo_load
from reports.models import Delivery, QuarterlyReport

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-23 09:00:00")
def test_each_demo_partnership_has_an_issued_report_for_2026_27_q2_and_a_draft_for_now(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # each PDF is rendered once the report is committed
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


@freeze_time("2026-11-23 09:00:00")
def test_the_demo_reports_carry_the_sources_voice_and_learning_and_each_actions_status_at_quarter_end():
    demo_load()
    reports = {
        r.strategy.partnership.slug: r.snapshot
        for r in QuarterlyReport.objects.filter(period="2026/27 Q2").select_related("strategy__partnership")
    }
    walsall = reports["walsall"]
    assert "joint targeted area inspection" in walsall["summary"]["commentary"]["learning"]
    assert "seeing and hearing children" in walsall["summary"]["commentary"]["voice"]
    assert walsall["board"]["recommendation_label"] == "To note"
    assert "seven recommendations" in reports["staffordshire"]["summary"]["commentary"]["learning"]
    # STS-08 is a survey of families and professionals, not an audit: the commentary says so.
    going_well = reports["staffordshire"]["summary"]["commentary"]["going_well"]
    assert "child protection planning survey felt that agencies worked together" in going_well
    assert "audited cases" not in going_well
    assert reports["hounslow"]["summary"]["commentary"]["voice"].startswith("Illustrative:")
    # P4.4 went at risk in October: when Q2 closed its June update had it on track.
    exceptions = [e["reference"] for p in walsall["priorities"] for e in p["exceptions"]]
    assert "P4.4" not in exceptions
    # Illustrative values are marked as such, never told as the story behind the curve.
    rows = [row for group in walsall["scorecard"]["groups"] for row in group["rows"] if row["latest"]]
    assert any(row["latest"]["is_illustrative"] for row in rows)
    assert not any("Illustrative value" in row["latest"]["note"] for row in rows)


@freeze_time("2026-11-23 09:00:00")
def test_a_demo_reports_pdf_renders_in_under_three_seconds_of_processor_time_on_a_shared_machine():
    import time

    from reports.pdf import _pdf_of, report_pdf

    demo_load()
    report = QuarterlyReport.objects.get(period="2026/27 Q2", strategy__partnership__slug="walsall")
    _pdf_of.cache_clear()
    report_pdf(report.snapshot)  # the fonts are loaded once per worker process
    _pdf_of.cache_clear()
    # Processor time of this process, the best of three: the machine running the tests is shared, its clock
    # time is not ours, and two test processes on two cores slow each other's processor time too. Alone on
    # this machine it takes under 2 s; beside another test process up to about 2.5 s, so the bound is 3 s.
    took = []
    for _ in range(3):
        _pdf_of.cache_clear()
        started = time.process_time()
        pdf = report_pdf(report.snapshot)
        took.append(time.process_time() - started)
    assert pdf.startswith(b"%PDF") and min(took) < 3
