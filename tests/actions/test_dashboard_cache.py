"""The dashboard from the partnership's fragment cache (decision 49): a second look reads it in fewer queries, and
every write, whichever way it comes, shows on the next look straight away.

``commit()`` runs what the test's transaction would run when it commits: Django's test transaction never does,
and the cache is only used once a partnership's writes are committed.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from actions import services
from actions.models import Status
from actions.services import ImportedUpdate
from tests import factories as f
from tests.outcomes.helpers import text

DASHBOARD = reverse("accounts:dashboard")


def queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured)


def membership(user):
    return user.memberships.get()


def test_a_second_look_at_the_dashboard_reads_it_from_the_cache_in_fewer_queries(cast, client_for, commit):
    commit()
    client = client_for(cast.steve)
    drawn = queries(client)
    assert queries(client) <= drawn - 4  # the strategy, the priorities' counts, the updates, the quarters


@pytest.mark.parametrize("count", [2, 40])
def test_the_dashboard_from_the_cache_runs_the_same_queries_whatever_the_size_of_the_plan(
    cast, client_for, commit, django_assert_max_num_queries, count
):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"X{n}", lead=cast.lee)
        f.ProgressUpdateFactory(action=action, author=cast.lee)
    commit()
    client = client_for(cast.alice)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(10):
        assert client.get(DASHBOARD).status_code == 200


def _add_update(cast):
    services.progress_update_add(membership(cast.sam), cast.a11, status=Status.AT_RISK, narrative="Staff shortages.")


def _change_action(cast):
    services.action_update(membership(cast.alice), cast.a21, title="Roll out the revised neglect toolkit")


def _withdraw_action(cast):
    services.action_withdraw(membership(cast.alice), cast.a21, "Merged into P1.1.")


def _import_updates(cast):
    update = ImportedUpdate(Status.COMPLETED, "Imported: toolkit in every school.", datetime.date(2026, 10, 1))
    services.progress_updates_import(membership(cast.alice), [(cast.a21, update)])


def _rename_sponsor(cast):
    cast.sam.last_name = "Sponsorson"
    cast.sam.save()


WRITES = [
    (_add_update, "Staff shortages.", None),
    (_change_action, "Roll out the revised neglect toolkit", None),
    (_withdraw_action, None, "Roll out the neglect toolkit"),
    (_import_updates, "Imported: toolkit in every school.", None),
    (_rename_sponsor, "Sam Sponsorson", None),
]


@pytest.mark.parametrize(("write", "shown", "gone"), WRITES, ids=[w[0].__name__.strip("_") for w in WRITES])
def test_a_write_shows_on_the_next_look_at_the_dashboard(cast, client_for, commit, write, shown, gone):
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    commit()
    client = client_for(cast.steve)
    before = text(client.get(DASHBOARD))
    assert (shown is None or shown not in before) and (gone is None or gone in before)
    write(cast)
    commit()
    after = text(client.get(DASHBOARD))
    assert shown is None or shown in after
    assert gone is None or gone not in after


def test_a_write_not_yet_committed_is_seen_by_its_own_transaction(cast, client_for, commit):
    commit()
    client = client_for(cast.steve)
    client.get(DASHBOARD)
    _add_update(cast)
    assert "Staff shortages." in text(client.get(DASHBOARD))


def test_two_partnerships_never_see_each_others_dashboard(cast, client_for, commit):
    f.ProgressUpdateFactory(action=cast.other_action, author=cast.charlie, narrative="Southshire news.")
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Northshire news.")
    commit()
    for _ in range(2):  # drawn, then from the cache
        northshire = text(client_for(cast.steve).get(DASHBOARD))
        southshire = text(client_for(cast.charlie).get(DASHBOARD))
        assert "Northshire news." in northshire and "Southshire" not in northshire
        assert "Southshire news." in southshire and "Northshire news." not in southshire


def test_the_cached_part_holds_no_form_token_and_each_reader_keeps_their_own_steps(cast, client_for, commit):
    f.StrategyFactory(partnership=cast.partnership, title="Draft strategy", status="draft")
    commit()
    steering = client_for(cast.steve).get(DASHBOARD)  # drawn while the steering group reads it
    lead_page = client_for(cast.bea).get(DASHBOARD)
    for part in (steering.context["plan"]["plan"], steering.context["plan"]["updates"]):
        assert "csrfmiddlewaretoken" not in part and "Steve" not in part
    assert lead_page.context["plan"] == steering.context["plan"]
    assert 'name="csrfmiddlewaretoken"' in lead_page.content.decode()


@pytest.mark.parametrize(("day", "overdue"), [("2027-01-31", ["0", "0"]), ("2027-02-01", ["0", "1"])])
def test_an_action_falls_overdue_on_the_dashboard_the_day_after_its_due_date_without_a_write(
    cast, client_for, commit, day, overdue
):
    commit()
    with freeze_time("2027-01-31 12:00"):
        client = client_for(cast.steve)
        client.get(DASHBOARD)  # drawn on its due date
    with freeze_time(f"{day} 12:30"):
        client = client_for(cast.steve)
        assert re.findall(r'data-test="overdue">(\d+)<', client.get(DASHBOARD).content.decode()) == overdue


@pytest.mark.django_db(transaction=True)
def test_with_real_commits_a_progress_update_shows_on_the_next_look_at_the_dashboard(cast, client_for):
    """No test transaction here: every request and every service commits, as in production."""
    client = client_for(cast.steve)
    client.get(DASHBOARD)
    assert "Staff shortages." not in text(client.get(DASHBOARD))  # from the cache
    _add_update(cast)
    assert "Staff shortages." in text(client.get(DASHBOARD))
