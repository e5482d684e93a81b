"""A page of results is kept until the partnership's next write (decision 49): the same search again reads
nothing of the search, shows exactly what it showed, and a write, whoever makes it, is found on the next look.
Each partnership keeps its own."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from actions import services
from actions.models import Status
from search import selectors
from tests import factories as f
from tests.services import unavailable
from tests.test_fragments import UNREACHABLE

URL = reverse("search:index")
TABLES = ("actions_action", "actions_progressupdate", "outcomes_indicator", "audits_")


@pytest.fixture(params=["full text", "fallback"])
def engine(request, monkeypatch, db):
    if request.param == "full text":
        if connection.vendor != "postgresql":
            unavailable("full-text search needs PostgreSQL (set DATABASE_URL)")
    else:
        monkeypatch.setattr(selectors, "full_text", lambda: False)
    return request.param


@pytest.fixture
def found(cast, words, commit):
    f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, narrative="A hoarding case closed, with <Sam & Lee>.")
    commit()


def _look(client, **params):
    """The page's results, and how many of its queries read what the search finds."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL, {"q": "hoarding", **params}).content.decode()
    searched = [q for q in queries.captured_queries if any(table in q["sql"] for table in TABLES)]
    results = page[page.index('id="results"') : page.index("</main>")]
    return results, len(searched)


@pytest.mark.parametrize("params", [{}, {"kind": "update"}, {"page": "1"}, {"page": "7"}])
def test_the_same_search_again_shows_what_it_showed_and_reads_nothing_of_the_search(
    cast, found, client_for, engine, params
):
    client = client_for(cast.bea)
    first, searched = _look(client, **params)
    assert searched >= 2 and "<mark>hoarding</mark>" in first

    again, searched_again = _look(client, **params)

    assert (again, searched_again) == (first, 0)


def test_every_member_of_the_partnership_reads_the_kept_page(cast, found, client_for, engine):
    first, _ = _look(client_for(cast.bea))
    assert _look(client_for(cast.lee)) == (first, 0)


def test_a_write_is_found_on_the_next_look(cast, found, client_for, engine, commit):
    client = client_for(cast.bea)
    before, _ = _look(client)
    assert "7 results" in before

    membership = Membership.objects.get(user=cast.lee, partnership=cast.partnership)
    services.progress_update_add(membership, cast.a21, status=Status.ON_TRACK, narrative="More hoarding found.")
    commit()

    after, searched = _look(client)
    assert "8 results" in after and searched >= 2
    assert f"#update-{cast.a21.updates.latest('pk').pk}" in after


def test_each_partnership_keeps_its_own_and_a_write_there_does_not_move_this_one(
    cast, found, words, client_for, engine, commit
):
    northshire, _ = _look(client_for(cast.bea))
    southshire, searched = _look(client_for(cast.charlie))
    assert searched >= 2 and all(url not in southshire for url in words.northshire)
    assert all(f'href="{url}"' in southshire for url in words.southshire)

    f.ProgressUpdateFactory(action=cast.other_action, author=cast.charlie, narrative="Hoarding in Southshire.")
    commit()

    assert _look(client_for(cast.bea)) == (northshire, 0)
    assert _look(client_for(cast.charlie))[1] >= 2


def test_a_page_asked_for_by_other_than_its_number_is_found_afresh(cast, found, client_for, engine):
    client = client_for(cast.bea)
    first, _ = _look(client, page="last")
    again, searched = _look(client, page="last")
    assert again == first and searched >= 2


def test_a_search_is_found_afresh_inside_a_transaction_that_changed_the_partnership(cast, found, client_for, engine):
    client = client_for(cast.bea)
    _look(client)
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Hoarding, not yet committed.")

    page, searched = _look(client)

    assert "8 results" in page and searched >= 2


def test_a_cache_that_cannot_be_reached_leaves_the_search_made_every_time(cast, found, client_for, engine, settings):
    client = client_for(cast.bea)
    first, _ = _look(client)
    settings.CACHES = UNREACHABLE
    for _ in range(2):
        page, searched = _look(client)
        assert re.sub(r"\s+", " ", page) == re.sub(r"\s+", " ", first) and searched >= 2
