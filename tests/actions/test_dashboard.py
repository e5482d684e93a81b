import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from actions import selectors, services
from actions.models import Status
from tests import factories as f

TODAY = datetime.date(2026, 11, 23)  # 2026/27 Q3


def _row(board, priority):
    return next(row for row in board.priorities if row.priority == priority)


def test_the_dashboard_shows_each_priority_with_its_sponsor_counts_and_recent_updates(cast):
    f.ActionFactory(
        priority=cast.p1, reference="P1.2", due_date=datetime.date(2026, 6, 30), start_date=TODAY.replace(year=2025)
    )
    f.ProgressUpdateFactory(
        action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 10, 15), narrative="Toolkit launched."
    )
    f.ProgressUpdateFactory(action=cast.other_action, author=cast.charlie, narrative="Southshire news.")

    board = selectors.dashboard(cast.partnership, TODAY)

    assert board.strategy == cast.strategy
    p1, p2 = _row(board, cast.p1), _row(board, cast.p2)
    assert (p1.total, p1.overdue, p1.without_update) == (2, 1, 2)
    assert (p2.total, p2.overdue, p2.without_update) == (1, 0, 0)
    assert {s.status: s.count for s in p1.segments}[Status.ON_TRACK] == 2
    assert [u.narrative for u in board.recent_updates] == ["Toolkit launched."]


def test_the_dashboard_page_shows_the_bar_in_words_and_the_updates_with_ref_and_author(cast, client_for):
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    page = client_for(cast.bea).get(reverse("accounts:dashboard")).content.decode()
    assert "app-brag-bar" in page and "app-key" in page
    assert "On track (Green): 1" in page
    assert "P2.1" in page and "Toolkit launched." in page and "Lee Example" in page
    assert "Southshire" not in page
    # a browser's tab and a screen reader name the page and the partnership
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title == f"Dashboard – {cast.bea.memberships.get().partnership.name} – Neglect Strategy Portal"


def test_each_recent_update_links_to_its_place_on_the_action_and_says_the_status_it_set(cast, client_for):
    sam = cast.sam.memberships.get()
    changed = services.progress_update_add(sam, cast.a11, status=Status.AT_RISK, narrative="Staff shortages.")
    kept = services.progress_update_add(sam, cast.a11, status=Status.AT_RISK, narrative="Still short.")
    response = client_for(cast.bea).get(reverse("accounts:dashboard"))
    page = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    html = response.content.decode()
    for update in (changed, kept):
        assert f'href="{reverse("actions:detail", args=[cast.a11.pk])}#update-{update.pk}"' in html
    assert "by Sam Example – status changed from On track (Green) to At risk (Amber) Staff shortages." in page
    assert "by Sam Example – At risk (Amber) Still short." in page


def test_a_progress_update_that_sets_at_risk_shows_on_the_dashboard_bar(cast, client_for):
    sam = cast.sam.memberships.get()
    services.progress_update_add(sam, cast.a11, status=Status.AT_RISK, narrative="Staff shortages.")
    page = client_for(cast.alice).get(reverse("accounts:dashboard")).content.decode()
    assert "app-brag-bar__segment--yellow" in page
    assert "At risk (Amber): 1" in page


@pytest.mark.parametrize("role", ["alice", "steve", "sam", "lee", "bea"])
def test_the_dashboard_renders_for_every_role(cast, client_for, role):
    response = client_for(getattr(cast, role)).get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert "Recent progress updates" in response.content.decode()


def _add_actions(cast, count):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1 if n % 2 else cast.p2, reference=f"X{n}", lead=cast.lee)
        f.ProgressUpdateFactory(action=action, author=cast.lee)


@pytest.mark.parametrize("count", [2, 40])
def test_the_dashboard_query_count_does_not_grow_with_the_data(cast, client_for, django_assert_max_num_queries, count):
    _add_actions(cast, count)
    client = client_for(cast.alice)
    with django_assert_max_num_queries(3):
        selectors.dashboard(cast.partnership, TODAY)
    # 12, the state of the strategy's quarters, and the e-mails that could not be sent (for the business manager)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("accounts:dashboard")).status_code == 200
