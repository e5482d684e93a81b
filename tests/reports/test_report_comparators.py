"""The quarterly report's scorecard sets England and the neighbours' average beside each indicator.

Built on the Northshire world (tests/reports/conftest.py: 2026/27 Q2, reported on 21 October 2026).
A report says what was so at its quarter's end: a comparator published after it is left out.
"""

import datetime
from decimal import Decimal

from django.urls import reverse

from tests import factories as f
from tests.reports.conftest import issued_report
from tests.reports.test_board_content import pdf_text


def comparators(world):
    plans, training = world.indicators.plans, world.indicators.training
    f.ComparatorValueFactory(indicator=plans, period="2025/26", value=Decimal(41), published=datetime.date(2026, 9, 29))
    f.ComparatorValueFactory(
        indicator=plans, kind="neighbours", period="2025/26", value=Decimal(48), published=datetime.date(2026, 9, 29)
    )
    # Published after the quarter's end: the report for 2026/27 Q2 does not know it.
    f.ComparatorValueFactory(
        indicator=plans, period="2026/27 Q1", value=Decimal(99), published=datetime.date(2026, 10, 10)
    )
    # TR-01's latest value is for 2026/27 Q1 (ended 30 June 2026): 2023/24 ended more than two years before.
    f.ComparatorValueFactory(
        indicator=training,
        period="2023/24",
        value=Decimal(35),
        published=datetime.date(2024, 10, 31),
        is_illustrative=True,
    )


def test_the_report_page_and_pdf_show_england_and_neighbours_marking_old_and_illustrative_figures(world, client):
    comparators(world)
    report = issued_report(world)
    rows = {row["code"]: row for group in report.snapshot["scorecard"]["groups"] for row in group["rows"]}
    assert [(c["short"], c["period"], c["value"]) for c in rows["CP-01"]["comparisons"]] == [
        ("England", "2025/26", "41"),
        ("neighbours", "2025/26", "48"),
    ]
    assert [(c["period"], c["stale"], c["is_illustrative"]) for c in rows["TR-01"]["comparisons"]] == [
        ("2023/24", True, True)
    ]

    client.force_login(world.bea)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "England 41 / neighbours 48" in page and "England 99" not in page
    assert '2023/24, illustrative</span><strong class="govuk-tag govuk-tag--orange">Older than two years' in page

    text = pdf_text(report)
    assert "England 41 / neighbours 48" in text
    assert "England 35" in text and "2023/24, illustrative" in text and "Older than two years" in text
