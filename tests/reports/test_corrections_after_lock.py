"""After 2026/27 Q2's report is issued its quarter is locked: a change to its values or updates needs a
reason (pages and API), is recorded with who, when, what and why, and is listed in the next report."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from actions.models import ProgressUpdate
from neglect_portal.periods import Period
from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Measurement
from priorities.models import QuarterCorrection
from reports import services
from tests.reports.conftest import issued_report, membership_of
from tests.spreadsheets.helpers import csv_bytes, problems_in, run_import

NEXT = Period.parse("2026/27 Q3")


@pytest.fixture(autouse=True)
def in_the_next_quarter():
    with freeze_time("2026-11-10 10:00"):
        yield


@pytest.fixture
def locked(world, draft):
    """2026/27 Q2 reported to the board: signed off and issued, so locked."""
    with freeze_time("2026-10-21 09:00"):
        return issued_report(world, going_well="Training is ahead of plan.")


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


def entry_data(world, value, reason=""):
    plans = world.indicators.plans
    return {
        "quarter": "2026/27 Q2",
        f"i{plans.pk}-value": value,
        f"i{plans.pk}-note": "Two large sibling groups became subject to plans in August.",
        "correction_reason": reason,
    }


def plans_value(world, period="2026/27 Q2"):
    return Measurement.objects.current().get(indicator=world.indicators.plans, period=period).value


def test_a_locked_quarters_value_changed_without_a_reason_is_refused_and_nothing_changes(world, locked, client_for):
    url = reverse("outcomes:quarter_entry") + "?quarter=2026/27+Q2"
    response = client_for(world.alice).post(url, entry_data(world, "118"))
    assert "2026/27 Q2 is locked: its report has been issued. Enter why this correction is needed" in (
        response.content.decode()
    )
    assert plans_value(world) == 120 and not QuarterCorrection.objects.exists()


def test_a_correction_with_a_reason_is_recorded_and_listed_in_the_next_report(world, locked, client_for):
    url = reverse("outcomes:quarter_entry") + "?quarter=2026/27+Q2"
    client_for(world.alice).post(url, entry_data(world, "118", "Two children were counted twice."))
    assert plans_value(world) == 118
    correction = QuarterCorrection.objects.get()
    assert (correction.period, correction.change, correction.recorded_by) == ("2026/27 Q2", "120 → 118", world.alice)
    assert correction.reason == "Two children were counted twice."

    report = services.report_start(membership_of(world.steve), world.strategy, NEXT)
    [listed] = report.snapshot["corrections"]
    assert listed["subject"] == "CP-01 Children on a child protection plan for neglect, 2026/27 Q2"
    assert (listed["change"], listed["by"], listed["on"]) == ("120 → 118", "Alice Example", "2026-11-10")
    body = client_for(world.steve).get(reverse("reports:detail", args=[report.pk]))
    page = body.content.decode()
    assert "Corrections to earlier figures" in page and "Two children were counted twice." in page
    # The issued report keeps what the board read.
    locked.refresh_from_db()
    assert locked.snapshot["scorecard"] and "118" not in str(locked.snapshot["corrections"])


def test_a_value_of_a_quarter_not_locked_needs_no_reason_and_is_no_correction(world, locked):
    response = api_for(world.alice).post(
        "/api/v1/measurements/",
        {"indicator": world.indicators.plans.pk, "period": "2026/27 Q1", "value": 111},
        format="json",
    )
    assert response.status_code in (200, 201)
    assert plans_value(world, "2026/27 Q1") == 111 and not QuarterCorrection.objects.exists()


def test_the_api_refuses_a_locked_quarters_change_without_a_reason_and_records_one_with_it(world, locked):
    client = api_for(world.alice)
    measurement = Measurement.objects.current().get(indicator=world.indicators.plans, period="2026/27 Q2")
    url = f"/api/v1/measurements/{measurement.pk}/"
    response = client.patch(url, {"value": 119}, format="json")
    assert response.status_code == 400 and "correction_reason" in response.json()
    assert plans_value(world) == 120
    bulk = {"period": "2026/27 Q2", "measurements": [{"indicator": "CP-01", "value": 119}]}
    assert client.post("/api/v1/measurements/bulk/", bulk, format="json").status_code == 400
    assert plans_value(world) == 120 and not QuarterCorrection.objects.exists()

    response = client.patch(url, {"value": 119, "correction_reason": "Late police figures."}, format="json")
    assert response.status_code == 200 and plans_value(world) == 119
    assert QuarterCorrection.objects.get().reason == "Late police figures."


def test_a_progress_update_dated_in_a_locked_quarter_needs_a_reason(world, locked):
    client = api_for(world.sam)
    update = {
        "action": world.a13.pk,
        "update_date": "2026-09-20",
        "status": "at_risk",
        "narrative": "Toolkit draft delayed by the printer.",
    }
    response = client.post("/api/v1/progress-updates/", update, format="json")
    assert response.status_code == 400 and "correction_reason" in response.json()
    assert not ProgressUpdate.objects.filter(action=world.a13).exists()

    response = client.post(
        "/api/v1/progress-updates/", {**update, "correction_reason": "Sent by e-mail in September."}, format="json"
    )
    assert response.status_code == 201
    correction = QuarterCorrection.objects.get()
    assert correction.subject == "P1.3 Publish the neglect toolkit, progress update of 20 September 2026"
    assert correction.recorded_by == world.sam and correction.recorded_at.date() == datetime.date(2026, 11, 10)


def test_withdrawing_a_locked_quarters_value_is_listed_as_a_correction(world, locked, client_for):
    measurement = Measurement.objects.current().get(indicator=world.indicators.plans, period="2026/27 Q2")
    client_for(world.alice).post(
        reverse("outcomes:measurement_withdraw", args=[measurement.pk]), {"reason": "Entered for the wrong area."}
    )
    correction = QuarterCorrection.objects.get()
    assert (correction.change, correction.reason) == ("120 → withdrawn", "Entered for the wrong area.")


def test_an_import_changing_a_locked_quarters_value_is_refused_by_its_row_and_nothing_is_imported(world, locked):
    headers = ["Indicator code", "Period", "Value"]
    rows = [["CP-01", "2026/27 Q2", "118"], ["CP-01", "2026/27 Q1", "111"]]
    problems = problems_in(world.alice, IndicatorValuesImporter.kind, csv_bytes(headers, rows), "values.csv")
    assert problems == [
        (
            2,
            "Value",
            "2026/27 Q2 is locked: its report has been issued. Correct this value on the indicator's page, with the "
            "reason for the correction",
        )
    ]
    assert plans_value(world) == 120 and plans_value(world, "2026/27 Q1") != 111
    assert not QuarterCorrection.objects.exists()
    # The same figure sent again is no change, so a file that repeats a locked quarter's values still imports.
    run_import(world.alice, IndicatorValuesImporter.kind, csv_bytes(headers, [[*rows[0][:2], "120"]]), "values.csv")
