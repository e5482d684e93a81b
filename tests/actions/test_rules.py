"""The action plan's rules, written once in ``ActionQuerySet`` and used by every page, the API, the report and reminders."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from actions.models import Action, Status
from neglect_portal.periods import Period
from tests import factories as f

QUARTER = Period.parse("2026/27 Q3")  # 1 October to 31 December 2026


def _late(cast, reference, due, status=Status.ON_TRACK):
    return f.ActionFactory(
        priority=cast.p1, reference=reference, status=status, start_date=datetime.date(2024, 4, 1), due_date=due
    )


def test_an_open_action_is_overdue_from_the_day_after_its_due_date(cast):
    due = datetime.date(2026, 11, 30)
    action = _late(cast, "P1.2", due)
    for day, overdue in [(due, False), (due + datetime.timedelta(days=1), True)]:
        assert Action.objects.filter(pk=action.pk).overdue(on=day).exists() is overdue
        assert action.is_overdue(day) is overdue


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELLED])
def test_a_completed_or_cancelled_action_is_never_overdue(cast, status):
    action = _late(cast, "P1.2", datetime.date(2025, 3, 31), status=status)
    assert not Action.objects.filter(pk=action.pk).overdue(on=datetime.date(2026, 11, 23)).exists()
    assert not action.is_overdue(datetime.date(2026, 11, 23))


def test_only_an_update_dated_in_the_quarter_counts_as_an_update_in_it(cast):
    before = f.ActionFactory(priority=cast.p1, reference="P1.2")
    after = f.ActionFactory(priority=cast.p1, reference="P1.3")
    closed = f.ActionFactory(priority=cast.p1, reference="P1.4", status=Status.COMPLETED)
    f.ProgressUpdateFactory(action=before, author=cast.sam, update_date=datetime.date(2026, 9, 30))
    f.ProgressUpdateFactory(action=after, author=cast.sam, update_date=datetime.date(2027, 1, 1))
    f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, update_date=datetime.date(2026, 10, 1))
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 12, 31))

    missing = Action.objects.for_partnership(cast.partnership).without_update_in(QUARTER)

    assert set(missing) == {before, after}
    assert closed not in missing


@freeze_time("2026-11-23")
def test_the_api_and_the_action_table_pick_the_same_overdue_actions(cast, client_for):
    late = _late(cast, "P1.2", datetime.date(2026, 11, 22))
    _late(cast, "P1.3", datetime.date(2026, 11, 23))
    _late(cast, "P1.4", datetime.date(2025, 3, 31), status=Status.COMPLETED)
    client = client_for(cast.steve)

    api = client.get("/api/v1/actions/", {"overdue": "true"}).json()["results"]
    page = client.get(reverse("priorities:detail", args=[cast.p1.pk]), {"overdue": "on"})

    assert [row["reference"] for row in api] == [late.reference]
    assert [action.reference for action in page.context["actions"]] == [late.reference]


@freeze_time("2026-11-23")
def test_an_unticked_overdue_box_shows_every_action_and_the_api_false_shows_those_not_overdue(cast, client_for):
    _late(cast, "P1.2", datetime.date(2026, 11, 22))
    client = client_for(cast.steve)

    api = client.get("/api/v1/actions/", {"overdue": "false", "priority": cast.p1.pk}).json()["results"]
    page = client.get(reverse("priorities:detail", args=[cast.p1.pk]), {"status": ""})

    assert [row["reference"] for row in api] == ["P1.1"]
    assert [action.reference for action in page.context["actions"]] == ["P1.1", "P1.2"]
