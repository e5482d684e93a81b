"""Small numbers in the quarterly report (decision 48): its PDF, its e-mail and a board member's reading.

On the Northshire world (tests/reports/conftest.py), UC-1 counts unaccompanied children: 12 in 2026/27
Q1, 3 in Q2. The quarter's audit graded its 20 cases: 3 outstanding, 9 good, 6 requires improvement,
2 inadequate, so "12 of the 20 cases" would tell nothing small, but the 3 and the 2 are small. With the
default setting (suppress under 5) the 3s never appear where the report leaves the portal.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from outcomes.models import Unit
from reports.messages import delivery_message
from reports.models import Delivery
from tests import factories as f
from tests.reports.conftest import issued_report


def pdf_text(report) -> str:
    with report.pdf.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def small(world):
    counted = f.IndicatorFactory(
        partnership=world.partnership, code="UC-1", name="Unaccompanied children looked after", unit=Unit.COUNT
    )
    f.MeasurementFactory(indicator=counted, period="2026/27 Q1", value=Decimal(12))
    f.MeasurementFactory(indicator=counted, period="2026/27 Q2", value=Decimal(3))
    audit = world.recommendations.overdue.audit
    audit.case_count, audit.grade_outstanding, audit.grade_good = 20, 3, 9
    audit.grade_requires_improvement, audit.grade_inadequate = 6, 2
    audit.completed_on = datetime.date(2026, 8, 12)  # in the quarter: the report's learning section tells it
    audit.save()
    return world


def set_mode(world, mode):
    world.partnership.suppression_mode = mode
    world.partnership.save()


def scorecard_row(text: str) -> str:
    start = text.index("UC-1")
    return text[start : start + 200]


def test_with_threshold_five_the_pdf_never_shows_the_small_count_nor_what_would_reveal_it(small):
    report = issued_report(small)
    text = pdf_text(report)
    row = scorecard_row(text)
    assert "Unaccompanied children looked after [c]" in row
    assert not re.search(r"(?<![\d/.Q])3(?![\d/])", row.replace("2026/27 Q2", ""))
    assert "Not compared: a figure is suppressed [c]" in row and "down 75%" not in text
    assert "[c]: not shown because it is fewer than 5" in text
    # The audit's sentence tells the good or outstanding (12) and the rest (8): neither small, so it stands; the
    # report never gives the grades one by one.
    assert "12 of the 20 cases" in text or "Three fifths of the 20 cases" in text
    assert "Suppressed in outputs" not in text


def test_the_audit_sentence_is_not_given_when_it_would_tell_a_small_number(small):
    audit = small.recommendations.overdue.audit
    audit.grade_good, audit.grade_requires_improvement, audit.grade_inadequate = 1, 14, 2  # 4 good or better
    audit.save()
    text = pdf_text(issued_report(small))
    assert "How many cases were graded good or outstanding is not shown [c]" in text
    assert "4 of the 20" not in text and "A fifth of the 20" not in text


def test_the_report_e_mail_carries_the_published_pdf(small):
    report = issued_report(small)
    delivery = Delivery.objects.create(report=report, name="Dana Jones", email="dana.jones@example.org")
    message = delivery_message(delivery)
    attachment = message.attachments[0]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(attachment[1])).pages).split())
    assert "Unaccompanied children looked after [c]" in text
    assert "Suppressed in outputs" not in message.body


def test_a_board_member_reads_the_report_page_as_published_and_the_steering_group_as_recorded(small, client_for):
    report = issued_report(small)
    url = reverse("reports:detail", args=[report.pk])
    board = client_for(small.bea).get(url).content.decode()
    assert "[c]" in board and "Suppressed in outputs" not in board
    steering = client_for(small.steve).get(url).content.decode()
    assert "Suppressed in outputs" in steering


def test_rounding_shows_rounded_counts_in_the_pdf(small):
    set_mode(small, "round")
    text = pdf_text(issued_report(small))
    row = scorecard_row(text)
    assert "Unaccompanied children looked after 5 2026/27 Q2" in row
    assert "Down 50%" in row  # from the rounded counts, 10 to 5
    assert "rounded to the nearest 5" in text


def test_show_mode_prints_the_figures_as_they_are(small):
    set_mode(small, "show")
    text = pdf_text(issued_report(small))
    assert "Unaccompanied children looked after 3 2026/27 Q2" in scorecard_row(text)
    assert "[c]" not in text


def test_the_setting_is_frozen_with_the_report(small):
    report = issued_report(small)
    set_mode(small, "show")
    report.refresh_from_db()
    assert report.snapshot["suppression"] == {"threshold": 5, "mode": "suppress"}
    assert "Unaccompanied children looked after [c]" in pdf_text(report)


def test_the_turn_the_curve_plan_of_a_red_indicator_leaves_out_its_small_value_in_the_pdf(small):
    counted = small.partnership.indicators.get(code="UC-1")
    counted.target, counted.polarity = Decimal(2), "lower_better"  # 3 against 2: red, so its plan is reported
    counted.save()
    text = pdf_text(issued_report(small))
    plan = text[text.index("Turning the curve") :]
    plan = plan[plan.index("UC-1") : plan.index("UC-1") + 300]
    assert "Latest [c] in 2026/27 Q2" in plan and "Latest 3" not in plan
