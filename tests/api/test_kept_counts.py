"""A list's count is kept until the next write to the reader's partnerships (``fragments.kept_count``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from actions import services
from actions.models import ProgressUpdate, Status
from neglect_portal import fragments
from tests import factories as f
from tests.test_fragments import UNREACHABLE

UPDATES = "/api/v1/progress-updates/"


@pytest.fixture
def updates(cast, commit):
    for n in range(3):
        f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative=f"Update {n}")
    f.ProgressUpdateFactory(action=cast.other_action, narrative="Southshire's own")
    commit()


def _list(client, **params):
    with CaptureQueriesContext(connection) as queries:
        body = client.get(UPDATES, params).json()
    counts = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT COUNT(")]
    return body["count"], len(counts)


def test_the_second_look_at_a_list_counts_nothing_and_a_write_is_counted_on_the_next(cast, updates, api_for, commit):
    client = api_for(cast.steve)
    assert _list(client) == (3, 1)
    assert _list(client) == (3, 0)  # kept: the partnership has not changed

    membership = Membership.objects.get(user=cast.lee, partnership=cast.partnership)
    services.progress_update_add(membership, cast.a21, status=Status.ON_TRACK, narrative="Met the schools' leads.")
    commit()

    assert _list(client) == (4, 1)  # the write moved the partnership on: counted afresh


def test_each_filter_has_its_own_count(cast, updates, api_for):
    client = api_for(cast.steve)
    f.ProgressUpdateFactory(action=cast.a11, narrative="Health visitors trained")

    assert _list(client)[0] == 4
    assert _list(client, action=cast.a11.pk)[0] == 1
    assert _list(client, action=cast.a21.pk)[0] == 3


def test_another_partnership_counts_its_own_and_a_write_there_does_not_move_this_one(cast, updates, api_for, commit):
    assert _list(api_for(cast.charlie)) == (1, 1)
    assert _list(api_for(cast.steve)) == (3, 1)

    f.ProgressUpdateFactory(action=cast.other_action, narrative="Southshire again")
    commit()

    assert _list(api_for(cast.charlie)) == (2, 1)
    assert _list(api_for(cast.steve)) == (3, 0)


def test_a_count_is_made_afresh_inside_a_transaction_that_changed_the_partnership(cast, updates, api_for):
    client = api_for(cast.steve)
    assert _list(client) == (3, 1)
    f.ProgressUpdateFactory(action=cast.a21, narrative="Not yet committed")  # the test's own open transaction

    assert _list(client) == (4, 1)


def test_a_cache_that_cannot_be_reached_leaves_the_count_made_every_time(cast, updates, settings):
    settings.CACHES = UNREACHABLE
    made = []

    def count():
        made.append(1)
        return 3

    for _ in range(2):
        assert fragments.kept_count(ProgressUpdate, [cast.partnership.pk], "SELECT 1", count) == 3
    assert len(made) == 2
