"""What the search page shows: results best first with the matched words marked (and nothing else taken as
markup), a page at a time, a search that cannot be run refused with a message, and a fixed number of queries
however much the partnership holds."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from search import selectors
from search.forms import MAX_CHARACTERS
from tests import factories as f
from tests.services import unavailable

URL = reverse("search:index")


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        unavailable("full-text search needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture(params=["full text", "fallback"])
def engine(request, monkeypatch, db):
    """Each test run with the way of searching of the database, and with the SQLite one on any database."""
    if request.param == "full text":
        if connection.vendor != "postgresql":
            unavailable("full-text search needs PostgreSQL (set DATABASE_URL)")
    else:
        monkeypatch.setattr(selectors, "full_text", lambda: False)
    return request.param


def results(partnership, query, **kwargs):
    return list(selectors.search(partnership, query, **kwargs).page)


# --- ranking and matching ------------------------------------------------------------


def test_a_match_in_the_title_ranks_above_one_in_the_text(cast, engine):
    update = f.ProgressUpdateFactory(action=cast.a11, author=cast.sam, narrative="A cellar full of hoarding was found.")
    body = f.ActionFactory(priority=cast.p1, reference="P1.5", description="Includes hoarding cases.")
    title = f.ActionFactory(priority=cast.p1, reference="P1.6", title="Tackle hoarding")
    urls = [r.url for r in results(cast.partnership, "hoarding")]
    assert urls[0] == reverse("actions:detail", args=[title.pk])
    assert sorted(urls[1:]) == sorted(
        [
            reverse("actions:detail", args=[body.pk]),
            reverse("actions:detail", args=[cast.a11.pk]) + f"#update-{update.pk}",
        ]
    )


def test_words_are_found_in_their_other_forms_and_as_on_a_web_search_engine(cast, postgresql):
    training = f.ActionFactory(priority=cast.p1, reference="P1.7", title="Training for health visitors")
    nurses = f.ActionFactory(priority=cast.p1, reference="P1.8", title="Training for school nurses")
    # "Train health visitors" (P1.1) is found as well.
    assert {r.url for r in results(cast.partnership, "trained")} == {
        reverse("actions:detail", args=[action.pk]) for action in (training, nurses, cast.a11)
    }
    assert [r.title for r in results(cast.partnership, "training -nurses")] == [
        "P1.7 <mark>Training</mark> for health visitors",
        "P1.1 <mark>Train</mark> health visitors",
    ]
    assert len(results(cast.partnership, '"training for health visitors"')) == 1
    assert results(cast.partnership, '"visitors health"') == []


def test_rank_puts_the_closest_match_first(cast, postgresql):
    once = f.AuditFactory(partnership=cast.partnership, title="Home conditions", summary="One case of neglect.")
    often = f.AuditFactory(
        partnership=cast.partnership, title="Neglect and home conditions", summary="Neglect, neglect."
    )
    assert [r.url for r in results(cast.partnership, "neglect home")] == [
        reverse("audits:detail", args=[often.pk]),
        reverse("audits:detail", args=[once.pk]),
    ]


# --- highlighting ----------------------------------------------------------------------


def test_matched_words_are_marked_and_any_markup_in_the_text_shows_as_text(cast, client_for, engine):
    f.ActionFactory(
        priority=cast.p1,
        reference="P1.9",
        title="<script>alert(1)</script> Hoarding clear-out",
        description='Agree a <b>hoarding</b> protocol & <img src=x onerror="alert(1)"> with housing.',
    )
    page = client_for(cast.bea).get(URL, {"q": "hoarding"}).content.decode()
    assert "<script>alert" not in page and "<b>" not in page and "<img src=x" not in page
    assert "P1.9 &lt;script&gt;alert(1)&lt;/script&gt; <mark>Hoarding</mark> clear-out</a>" in page
    if engine == "fallback":
        assert "Agree a &lt;b&gt;<mark>hoarding</mark>&lt;/b&gt; protocol &amp; &lt;img src=x" in page
    else:  # ts_headline leaves markup out of a passage
        assert "Agree a  <mark>hoarding</mark>  protocol &amp;" in page


def test_the_search_itself_is_shown_as_text(cast, client_for, engine):
    page = client_for(cast.bea).get(URL, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "0 results for ‘&lt;script&gt;alert(1)&lt;/script&gt;’" in page


# --- refused searches -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("%$£!? ... ---", "Enter a word or a number to search for, not only symbols"),
        ("   ", "Enter the words to search for"),
        ("", "Enter the words to search for"),
        ("neglect " * 30, f"Search for {MAX_CHARACTERS} characters or fewer"),
        ("neglect\x00", "Null characters are not allowed."),
    ],
)
def test_a_search_that_cannot_be_run_is_refused_with_a_message_and_no_results(cast, client_for, query, message):
    response = client_for(cast.bea).get(URL, {"q": query})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "<title>Error: Search" in page
    assert "results for" not in page and "app-search-result" not in page


def test_the_page_without_a_search_shows_only_the_box(cast, client_for):
    page = client_for(cast.bea).get(URL).content.decode()
    assert "There is a problem" not in page and 'type="search"' in page and "results for" not in page


def test_nothing_found_says_so(cast, client_for, engine):
    page = client_for(cast.bea).get(URL, {"q": "zebra"}).content.decode()
    assert "0 results for ‘zebra’" in page and "check the spelling" in page


# --- pages and queries ------------------------------------------------------------------


def grow(cast, count):
    """``count`` of each kind saying "neglect", in Northshire (and as many in Southshire)."""
    for partnership, priority, agency, author in [
        (cast.partnership, cast.p1, cast.health, cast.sam),
        (cast.other, cast.other_priority, cast.other_agency, cast.charlie),
    ]:
        for n in range(count):
            action = f.ActionFactory(
                priority=priority,
                reference=f"G{priority.pk}.{n}.{count}",
                title=f"Neglect work {n}",
                lead_agency=agency,
            )
            f.ProgressUpdateFactory(action=action, author=author, narrative="Neglect is being tackled.")
            f.IndicatorFactory(partnership=partnership, definition="Children on a plan for neglect.")
            audit = f.AuditFactory(partnership=partnership, title=f"Neglect audit {n}")
            f.FindingFactory(audit=audit, text="Neglect was recognised.")
            f.RecommendationFactory(audit=audit, text="Review neglect cases.")


def test_results_come_a_page_at_a_time_and_one_kind_at_a_time(cast, client_for, engine):
    grow(cast, 4)
    client = client_for(cast.bea)
    first = client.get(URL, {"q": "neglect"}).content.decode()
    assert "25 results for ‘neglect’" in first  # and P2.1 "Roll out the neglect toolkit"
    assert first.count('class="app-search-result"') == 20
    assert 'href="?q=neglect&amp;page=2"' in first
    second = client.get(URL, {"q": "neglect", "page": 2}).content.decode()
    assert second.count('class="app-search-result"') == 5
    audits = client.get(URL, {"q": "neglect", "kind": "audit"}).content.decode()
    assert audits.count('class="app-search-result"') == 4 and "Audits (4)" in audits
    beyond = client.get(URL, {"q": "neglect", "page": "99"}).content.decode()
    assert beyond.count('class="app-search-result"') == 5


@pytest.mark.parametrize("kind", [None, "update"])
def test_a_search_costs_the_same_queries_as_the_partnership_grows_ten_fold(
    cast, client_for, engine, django_assert_max_num_queries, kind
):
    client = client_for(cast.bea)
    params = {"q": "neglect", **({"kind": kind} if kind else {})}
    grow(cast, 3)
    client.get(URL, params)  # the session and the sign-in's own reads settle
    with django_assert_max_num_queries(20) as small:
        assert client.get(URL, params).status_code == 200
    grow(cast, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(URL, params).content.decode()
    assert page.count('class="app-search-result"') == 20


def test_the_search_reads_one_query_per_kind_on_the_page_and_one_more(cast, engine, django_assert_num_queries):
    grow(cast, 2)
    with django_assert_num_queries(1 + 6):
        found = results(cast.partnership, "neglect")
    assert {r.kind.name for r in found} == {"action", "update", "indicator", "audit", "finding", "recommendation"}


def test_an_action_and_an_update_are_shown_with_where_they_belong(cast, engine):
    update = f.ProgressUpdateFactory(
        action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 10, 15), narrative="Toolkit launched."
    )
    (action_result,) = results(cast.partnership, "toolkit", kind="action")
    assert action_result.caption == "Priority 2: Recognising neglect"
    (update_result,) = results(cast.partnership, "launched")
    assert update_result.title == "Progress update of 15 October 2026"
    assert update_result.caption == "P2.1 Roll out the neglect toolkit"
    assert update_result.url == reverse("actions:detail", args=[cast.a21.pk]) + f"#update-{update.pk}"
    assert update_result.excerpt == "Toolkit <mark>launched</mark>."
