"""A priority's table of actions and an action's page from the partnership's fragment cache (decisions 49 and 56): a
second look reads them in fewer queries, each reader still sees only what their role allows, and every write shows
on the next look straight away.

``commit()`` runs what the test's transaction would run when it commits: Django's test transaction never does,
and the cache is only used once a partnership's writes are committed.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from actions import services
from actions.models import Status
from evidence import services as evidence_services
from tests import factories as f
from tests.evidence.conftest import PDF, upload
from tests.outcomes.helpers import text


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def priority_url(cast):
    return reverse("priorities:detail", args=[cast.p2.pk])


def action_url(cast):
    return reverse("actions:detail", args=[cast.a21.pk])


def queries(client, url, query=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query or {}).status_code == 200
    return len(captured)


def membership(user):
    return user.memberships.get()


def test_a_second_look_at_a_priority_reads_its_table_from_the_cache_in_fewer_queries(cast, client_for, commit):
    commit()
    client = client_for(cast.steve)
    drawn = queries(client, priority_url(cast))
    assert queries(client, priority_url(cast)) <= drawn - 3  # the rows, their number, the agencies to filter by


def test_a_second_look_at_an_action_reads_it_from_the_cache_in_fewer_queries(cast, client_for, commit):
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    commit()
    client = client_for(cast.steve)
    drawn = queries(client, action_url(cast))
    # the action whole, its updates, their files, its history, its recommendations, its comments' number
    assert queries(client, action_url(cast)) <= drawn - 5


@pytest.mark.parametrize("count", [2, 40])
def test_the_pages_from_the_cache_run_the_same_queries_whatever_the_size_of_the_plan(
    cast, client_for, commit, django_assert_max_num_queries, count
):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p2, reference=f"X{n}", lead=cast.lee)
        f.ProgressUpdateFactory(action=action, author=cast.lee)
        f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative=f"Update {n}.")
    commit()
    client = client_for(cast.alice)
    for url in (priority_url(cast), action_url(cast)):
        client.get(url)
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_the_add_an_action_button_drawn_for_the_steering_group_is_never_shown_to_the_board(cast, client_for, commit):
    commit()
    assert "Add an action" in text(client_for(cast.steve).get(priority_url(cast)))
    assert "Add an action" not in text(client_for(cast.bea).get(priority_url(cast)))
    assert "Add an action" in text(client_for(cast.alice).get(priority_url(cast)))


def test_evidence_links_drawn_for_someone_who_may_update_an_action_are_never_shown_to_others(cast, client_for, commit):
    update = f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    evidence_services.evidence_attach(membership(cast.lee), update, upload("Toolkit evaluation.pdf", PDF))
    commit()
    for _ in range(2):  # drawn, then from the cache
        lee = text(client_for(cast.lee).get(action_url(cast)))
        assert "Toolkit evaluation.pdf" in lee and "Add an evidence file" in lee and "Remove" in lee
        for reader in (cast.bea, cast.sam):  # the board; a sponsor of another priority
            page = text(client_for(reader).get(action_url(cast)))
            assert "Toolkit evaluation.pdf" in page
            assert "Add an evidence file" not in page and "Remove" not in page
            assert "Add a progress update" not in page


def test_each_reader_may_withdraw_only_their_own_comments_however_the_page_was_drawn(cast, client_for, commit):
    services.comment_add(membership(cast.lee), cast.a21, "Is the toolkit printed yet?")
    services.comment_add(membership(cast.steve), cast.a21, "Printed next week.")
    commit()
    for _ in range(2):
        lee = client_for(cast.lee).get(action_url(cast)).content.decode()
        steve = client_for(cast.steve).get(action_url(cast)).content.decode()
        bea = client_for(cast.bea).get(action_url(cast)).content.decode()
        assert lee.count("Withdraw<span") == steve.count("Withdraw<span") == 1
        assert "Withdraw<span" not in bea and "Printed next week." in bea
        assert 'name="text"' in lee and 'name="text"' not in bea  # the comment box: the board reads the discussion


def test_the_cached_parts_hold_no_form_token_nor_anything_of_the_reader(cast, client_for, commit):
    commit()
    steve_table = client_for(cast.steve).get(priority_url(cast)).context["table"]
    steve_action = client_for(cast.steve).get(action_url(cast)).context["record"]
    for part in (steve_table, steve_action["record"], steve_action["history"]):
        assert "csrfmiddlewaretoken" not in part and "Steve" not in part
    assert client_for(cast.alice).get(priority_url(cast)).context["table"] == steve_table
    assert client_for(cast.alice).get(action_url(cast)).context["record"] == steve_action


def test_another_partnership_never_sees_a_page_drawn_for_this_one(cast, client_for, commit):
    commit()
    client_for(cast.steve).get(action_url(cast))
    client_for(cast.steve).get(priority_url(cast))
    charlie = client_for(cast.charlie)
    assert charlie.get(action_url(cast)).status_code == 404
    assert charlie.get(priority_url(cast)).status_code == 404
    own = text(charlie.get(reverse("priorities:detail", args=[cast.other_priority.pk])))
    assert "S1.1" in own and "P2.1" not in own


def _add_update(cast):
    services.progress_update_add(membership(cast.lee), cast.a21, status=Status.AT_RISK, narrative="Staff shortages.")


def _change_action(cast):
    services.action_update(membership(cast.alice), cast.a21, title="Roll out the revised neglect toolkit")


def _withdraw_action(cast):
    services.action_withdraw(membership(cast.alice), cast.a21, "Merged into P1.1.")


def _add_comment(cast):
    services.comment_add(membership(cast.steve), cast.a21, "Who prints the toolkit?")


def _attach_evidence(cast):
    update = f.ProgressUpdateFactory(action=cast.a21, author=cast.lee)
    evidence_services.evidence_attach(membership(cast.lee), update, upload("Toolkit evaluation.pdf", PDF))


def _rename_lead(cast):
    cast.lee.last_name = "Leadbetter"
    cast.lee.save()


def _link_recommendation(cast):
    audit = f.AuditFactory(partnership=cast.partnership, title="Neglect audit 2026")
    recommendation = f.RecommendationFactory(audit=audit, reference="R1", text="Use the toolkit in every school.")
    recommendation.actions.add(cast.a21)


WRITES = [
    (_add_update, action_url, "Staff shortages.", None),
    (_add_update, priority_url, None, "None yet"),
    (_change_action, action_url, "The action What will be done Roll out the revised neglect toolkit", None),
    (_change_action, priority_url, "Roll out the revised neglect toolkit", None),
    (_withdraw_action, action_url, "Merged into P1.1.", None),
    (_withdraw_action, priority_url, None, "Roll out the neglect toolkit"),
    (_add_comment, action_url, "Who prints the toolkit?", "No comments yet."),
    (_attach_evidence, action_url, "Toolkit evaluation.pdf", None),
    (_rename_lead, action_url, "Lee Leadbetter", None),
    (_rename_lead, priority_url, "Lee Leadbetter", None),
    (_link_recommendation, action_url, "Use the toolkit in every school.", None),
]


@pytest.mark.parametrize(
    ("write", "page", "shown", "gone"),
    WRITES,
    ids=[f"{w[0].__name__.strip('_')}-{w[1].__name__.removesuffix('_url')}" for w in WRITES],
)
def test_a_write_shows_on_the_next_look_at_the_page(cast, client_for, commit, write, page, shown, gone):
    commit()
    client = client_for(cast.steve)
    before = text(client.get(page(cast)))
    assert (shown is None or shown not in before) and (gone is None or gone in before)
    write(cast)
    commit()
    after = text(client.get(page(cast)))
    assert shown is None or shown in after
    assert gone is None or gone not in after


def test_a_write_not_yet_committed_is_seen_by_its_own_transaction(cast, client_for, commit):
    commit()
    client = client_for(cast.steve)
    client.get(action_url(cast))
    _add_update(cast)
    assert "Staff shortages." in text(client.get(action_url(cast)))


@pytest.mark.parametrize(
    "query",
    [
        {"lead_agency": "OTHER"},  # a choice the filters refuse
        {"sort": "due", "utm_source": "email"},  # a parameter the page does not write
        {"overdue": "yes"},  # a value the page does not write
        {"page": "01"},
    ],
)
def test_a_refused_or_hand_typed_query_is_drawn_for_the_person_who_asked_and_not_kept(cast, client_for, commit, query):
    query = {k: cast.other_agency.pk if v == "OTHER" else v for k, v in query.items()}
    commit()
    client = client_for(cast.steve)
    client.get(reverse("priorities:list"))  # the first look of a session asks more of it
    assert queries(client, priority_url(cast), query) == queries(client, priority_url(cast), query)
    kept = {"status": "on_track", "lead_agency": cast.council.pk, "overdue": "on", "filter": "Filter actions"}
    assert queries(client, priority_url(cast), kept) > queries(client, priority_url(cast), kept)


@pytest.mark.parametrize(("day", "overdue"), [("2027-01-31", False), ("2027-02-01", True)])
def test_an_action_falls_overdue_in_its_priority_table_the_day_after_its_due_date_without_a_write(
    cast, client_for, commit, day, overdue
):
    commit()
    with freeze_time("2027-01-31 12:00"):
        client_for(cast.steve).get(priority_url(cast))  # drawn on its due date
    with freeze_time(f"{day} 12:30"):
        page = client_for(cast.steve).get(priority_url(cast)).content.decode()
        assert ('govuk-tag--red">Overdue' in page) is overdue


def test_a_page_of_the_table_past_the_last_is_not_found_however_often_it_is_asked_for(cast, client_for, commit):
    commit()
    client = client_for(cast.steve)
    assert client.get(priority_url(cast), {"page": "9"}).status_code == 404
    assert client.get(priority_url(cast), {"page": "9"}).status_code == 404
