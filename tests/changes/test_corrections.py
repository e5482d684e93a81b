"""A value of a locked quarter corrected with a reason: What changed says what it was, what it is and why."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from changes.selectors import changes_since
from tests.reports.conftest import draft, issued_report, world  # noqa: F401 (fixtures)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_correction_to_a_locked_quarter_is_listed_with_its_reason(world, draft, client_for):  # noqa: F811
    with freeze_time("2026-10-21 09:00"):
        issued_report(world, going_well="Training is ahead of plan.")
    plans = world.indicators.plans
    with freeze_time("2026-11-10 10:00"):
        client_for(world.alice).post(
            reverse("outcomes:quarter_entry") + "?quarter=2026/27+Q2",
            {
                "quarter": "2026/27 Q2",
                f"i{plans.pk}-value": "118",
                f"i{plans.pk}-note": "Two large sibling groups became subject to plans in August.",
                "correction_reason": "Two children were counted twice.",
            },
        )
        changes = changes_since(world.partnership, datetime.date(2026, 11, 1))
    corrected = [
        change for section in changes.sections for change in section.changes if change.kind == "Value corrected"
    ]
    assert [(change.detail, change.reason, change.who) for change in corrected] == [
        ("120 → 118", "Two children were counted twice.", str(world.alice))
    ]
