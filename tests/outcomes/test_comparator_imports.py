"""Importing comparator figures from a CSV of the documented layout, all or nothing, shown where the figures are.

Layout: ``indicator_code, comparator, period, value, source, published``. Looked at on 23 November 2026.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from outcomes.comparator_imports import ComparatorValuesImporter
from outcomes.models import ComparatorValue
from tests import factories as f
from tests.outcomes.helpers import text
from tests.spreadsheets.helpers import csv_bytes, problems_in, run_import, template_workbook

pytestmark = pytest.mark.usefixtures("today")

KIND = ComparatorValuesImporter.kind
HEADERS = ["indicator_code", "comparator", "period", "value", "source", "published"]
CIN = "DfE Characteristics of children in need 2025/26"


def recorded():
    return sorted(
        ComparatorValue.objects.current().values_list("indicator__code", "kind", "name", "period", "value", "source")
    )


def test_a_good_csv_adds_and_corrects_figures_and_they_show_on_the_scorecard_and_indicator_page(
    cast, framework, client_for
):
    f.ComparatorValueFactory(indicator=framework.training, period="2025/26", value=Decimal("40"), source=CIN)
    rows = [
        ["TR-1", "England", "2025/26", "42.1", CIN, "30/10/2026"],
        ["tr-1", "Statistical neighbours' average", "2025/26", "47", CIN, "2026-10-30"],
        ["TR-1", "Neighbour: Sandwell", "2026/27 Q1", "61", "Sandwell SCP scorecard", "15/09/2026"],
        ["SC-1", "Region: West Midlands", "Q2 2026/27", "58.5%", "West Midlands benchmarking club", "01/11/2026"],
        ["TR-1", "England", "2023/24", "35", "DfE Characteristics of children in need 2023/24", "31/10/2024"],
    ]
    result = run_import(cast.steve, KIND, csv_bytes(HEADERS, rows), "comparators.csv")

    assert result.counts == {"new": 4, "changed": 1, "unchanged": 0}
    assert result.summary == "4 comparator figures added, 1 corrected and 0 unchanged"
    assert recorded() == [
        ("SC-1", "region", "West Midlands", "2026/27 Q2", Decimal("58.5"), "West Midlands benchmarking club"),
        ("TR-1", "england", "", "2023/24", Decimal("35"), "DfE Characteristics of children in need 2023/24"),
        ("TR-1", "england", "", "2025/26", Decimal("42.1"), CIN),
        ("TR-1", "neighbour", "Sandwell", "2026/27 Q1", Decimal("61"), "Sandwell SCP scorecard"),
        ("TR-1", "neighbours", "", "2025/26", Decimal("47"), CIN),
    ]
    assert ComparatorValue.objects.get(period="2025/26", kind="england").published == datetime.date(2026, 10, 30)

    client = client_for(cast.bea)
    scorecard = text(client.get(reverse("outcomes:scorecard")))
    # TR-1's latest value is for 2026/27 Q2; the latest comparable England and neighbours' figures are 2025/26's.
    assert "England 42.1 / neighbours 47 2025/26" in scorecard
    page = text(client.get(reverse("outcomes:indicator", args=[framework.training.pk])))
    assert "2023/24 35 Older than two years" in page
    assert "2025/26 42.1 DfE" in page and "Sandwell, newest first" in page


def test_a_figure_older_than_two_years_is_marked_on_the_scorecard(cast, framework, client_for):
    rows = [["TR-1", "England", "2023/24", "35", "DfE CIN 2023/24", "31/10/2024"]]
    run_import(cast.alice, KIND, csv_bytes(HEADERS, rows), "comparators.csv")
    page = text(client_for(cast.bea).get(reverse("outcomes:scorecard")))
    assert "England 35 2023/24 Older than two years" in page


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row_and_column(cast, framework):
    rows = [
        ["TR-1", "England", "2025/26", "42.1", CIN, "30/10/2026"],  # good, but not imported
        ["XX-9", "England", "2025/26", "42.1", CIN, "30/10/2026"],
        ["TR-1", "Wales", "2025/26", "42.1", CIN, "30/10/2026"],
        ["TR-1", "England", "2025/26 Q7", "42.1", CIN, "30/10/2026"],
        ["TR-1", "Statistical neighbours", "2025/26", "about forty", CIN, "30/10/2026"],
        ["TR-1", "Neighbour: Dudley", "2025/26", "40", CIN, "31/02/2026"],
        ["TR-1", "Region: West Midlands", "2025/26", "40", "", "30/10/2026"],
        ["SOUTH-1", "England", "2025/26", "40", CIN, "30/10/2026"],
        ["TR-1", "England", "2025/26", "43", CIN, "30/10/2026"],  # the same figure as row 2
    ]
    problems = problems_in(cast.steve, KIND, csv_bytes(HEADERS, rows), "comparators.csv")
    assert problems == [
        (
            3,
            "indicator_code",
            "There is no indicator with the code XX-9 in Northshire Safeguarding Children Partnership",
        ),
        (
            4,
            "comparator",
            "“Wales” is not a comparator: use England, Statistical neighbours, Region (or Region: West Midlands), "
            "or Neighbour: followed by the area, like Neighbour: Sandwell",
        ),
        (
            5,
            "period",
            "“2025/26 Q7” is not a period: write it like 2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, "
            "a quarter's last day such as 30/06/2023, or 2023/24",
        ),
        (6, "value", "Enter the value as a number, like 42.1"),
        (7, "published", "Enter the date it was published, like 31/10/2025"),
        (8, "source", "Enter the source, like DfE Children in need statistics"),
        (
            9,
            "indicator_code",
            "There is no indicator with the code SOUTH-1 in Northshire Safeguarding Children Partnership",
        ),
        (10, "period", "TR-1 England 2025/26 is also in row 2"),
    ]
    assert recorded() == []


def test_a_figure_not_yet_ended_or_published_in_the_future_is_refused(cast, framework):
    rows = [
        ["TR-1", "England", "2026/27 Q3", "42", CIN, "30/10/2026"],
        ["TR-1", "England", "2025/26", "42", CIN, "30/12/2026"],
        ["CO-1", "England", "2025/26", "-4", CIN, "30/10/2026"],
    ]
    problems = problems_in(cast.steve, KIND, csv_bytes(HEADERS, rows), "comparators.csv")
    assert [(row, column) for row, column, _ in problems] == [(2, "period"), (3, "published"), (4, "value")]
    assert problems[2][2] == "The value cannot be negative"
    assert recorded() == []


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_only_the_business_manager_and_steering_group_import_comparators(cast, framework, client_for, who):
    response = client_for(getattr(cast, who)).get(reverse("spreadsheets:comparator_values_import"))
    assert response.status_code == 403


def test_the_import_page_and_its_template_say_the_layout(cast, framework, client_for):
    client = client_for(cast.alice)
    page = text(client.get(reverse("spreadsheets:comparator_values_import")))
    assert "indicator_code, comparator, period, value, source and published" in page
    book = template_workbook(client, KIND)
    assert [cell.value for cell in book["Comparator figures"][1]][:6] == HEADERS
