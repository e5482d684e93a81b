"""What changed, for a board member and in its export: a small count entered or corrected is not shown
(decision 48); the steering group sees it as recorded."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from tests import factories as f
from tests.outcomes.helpers import text

SINCE = "2026-10-01"


@pytest.fixture
def changed(cast):
    with freeze_time(datetime.datetime(2026, 10, 10, 10, tzinfo=datetime.UTC)):
        counted = f.IndicatorFactory(partnership=cast.partnership, code="UC-1", name="Unaccompanied children")
        f.MeasurementFactory(indicator=counted, period="2026/27 Q1", value=Decimal(12))
        f.MeasurementFactory(indicator=counted, period="2026/27 Q2", value=Decimal(3))
    return counted


@freeze_time("2026-10-15 10:00")
def test_a_board_member_and_the_export_never_see_the_small_count(cast, changed, client_for):
    page = text(client_for(cast.bea).get(reverse("changes:list"), {"since": SINCE}))
    assert "UC-1 Unaccompanied children, 2026/27 Q2" in page and "[c]" in page
    response = client_for(cast.steve).get(reverse("changes:export"), {"since": SINCE})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    details = {row[3]: row[4] for row in rows if row[3] and str(row[3]).startswith("UC-1")}
    assert details == {
        "UC-1 Unaccompanied children, 2026/27 Q2": "[c]",
        "UC-1 Unaccompanied children, 2026/27 Q1": "12",
    }


@freeze_time("2026-10-15 10:00")
def test_the_steering_group_sees_the_value_as_recorded(cast, changed, client_for):
    page = text(client_for(cast.steve).get(reverse("changes:list"), {"since": SINCE}))
    assert "[c]" not in page
