"""An indicator's turn-the-curve plan: its page, who may change it, its history and its cost.

Cast (tests/conftest.py): Alice is the business manager, Steve steering group, Sam the sponsor of P1
(Northshire ICB, its named sponsor lead), Lee an action lead of the council, Bea a board member;
Charlie is of Southshire. TR-1 (tests/outcomes/conftest.py) is linked to P1.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from outcomes.curve.history import curve_plan_history
from outcomes.curve.services import curve_plan_save
from outcomes.models import CurvePlan, Unit
from tests import factories as f
from tests.outcomes.helpers import text, values

pytestmark = pytest.mark.django_db

FALLING = [
    ("2024/25 Q3", 60),
    ("2024/25 Q4", 58),
    ("2025/26 Q1", 56),
    ("2025/26 Q2", 54),
    ("2025/26 Q3", 52),
    ("2025/26 Q4", 50),
    ("2026/27 Q1", 48),
    ("2026/27 Q2", 46),
]


def membership(user):
    return user.memberships.get()


@pytest.fixture
def red(cast, today):
    """CP-1, a percentage linked to P1, falling 2 points a quarter for eight quarters against a target of 75."""
    indicator = f.IndicatorFactory(
        partnership=cast.partnership,
        code="CP-1",
        name="Assessments completed on time",
        unit=Unit.PERCENTAGE,
        priority=cast.p1,
        target=Decimal("75"),
        amber_tolerance=Decimal("5"),
    )
    return values(indicator, FALLING)


def plan_url(indicator, name="curve_plan"):
    return reverse(f"outcomes:{name}", args=[indicator.pk])


def write_plan(cast, indicator, **overrides):
    fields = {
        "story": "Fewer health visitors since the spring.",
        "other_partners": "Parent carer forum: tells us what help reaches families",
        "what_works": "Early, joined-up help.",
        "evidence_links": "Graded Care Profile 2 evaluation https://example.org/gcp2",
        "partner_agencies": [cast.health, cast.council],
        "actions": [cast.a11],
        **overrides,
    }
    return curve_plan_save(membership(cast.steve), indicator, **fields)


def test_the_plan_page_shows_the_forecast_its_method_and_the_linked_actions(cast, red, client_for):
    write_plan(cast, red)
    response = client_for(cast.bea).get(plan_url(red))
    assert response.status_code == 200
    words = text(response)
    # 60 falling by 2 a quarter: the trend continued reaches 44, 42, 40, 38.
    assert "2026/27 Q3 44% Forecast" in words
    assert "2027/28 Q2 38% Forecast" in words
    assert "last 8 published values" in words
    assert "assumes nothing changes" in words
    # The chart's alternative text.
    assert "trend continued as a dashed line to 38% in 2027/28 Q2" in response.content.decode()
    assert "Fewer health visitors since the spring." in words
    assert "Northshire Council" in words and "Northshire ICB" in words
    assert "Parent carer forum: tells us what help reaches families" in words
    assert 'href="https://example.org/gcp2"' in response.content.decode()
    assert "P1.1 Train health visitors" in words
    assert reverse("actions:detail", args=[cast.a11.pk]) in response.content.decode()


def test_with_fewer_than_four_values_no_forecast_is_drawn_and_the_page_says_why(cast, framework, client_for):
    response = client_for(cast.bea).get(plan_url(framework.training))
    words = text(response)
    assert "No forecast is drawn: a trend needs at least 4 published values" in words
    assert "only 2 published values" in words
    assert "Forecast" not in words.replace("No forecast", "")


def test_create_an_action_is_offered_under_the_indicators_priority(cast, red, client_for):
    response = client_for(cast.steve).get(plan_url(red))
    assert reverse("actions:create", args=[cast.p1.pk]) in response.content.decode()
    assert "Create an action under Priority 1: Early help" in text(response)


def test_the_indicator_page_and_a_red_row_of_the_scorecard_link_to_the_plan(cast, red, client_for):
    client = client_for(cast.bea)
    assert plan_url(red) in client.get(reverse("outcomes:indicator", args=[red.pk])).content.decode()
    scorecard = client.get(reverse("outcomes:scorecard")).content.decode()
    assert f'href="{plan_url(red)}"' in scorecard


@pytest.mark.parametrize("who", ["alice", "steve", "sam"])
def test_the_business_manager_steering_group_and_the_priority_sponsor_change_the_plan(cast, red, client_for, who):
    client = client_for(getattr(cast, who))
    assert client.get(plan_url(red, "curve_plan_update")).status_code == 200
    response = client.post(
        plan_url(red, "curve_plan_update"),
        {"story": f"Written by {who}.", "actions": [cast.a11.pk], "version": 0},
    )
    assert response.status_code == 302
    plan = CurvePlan.objects.get(indicator=red)
    assert plan.story == f"Written by {who}."
    assert list(plan.actions.all()) == [cast.a11]


@pytest.mark.parametrize("who", ["lee", "bea"])
def test_a_lead_of_another_agency_and_a_board_member_read_the_plan_but_cannot_change_it(cast, red, client_for, who):
    write_plan(cast, red)
    client = client_for(getattr(cast, who))
    assert client.get(plan_url(red)).status_code == 200
    assert plan_url(red, "curve_plan_update") not in client.get(plan_url(red)).content.decode()
    assert client.get(plan_url(red, "curve_plan_update")).status_code == 403
    response = client.post(plan_url(red, "curve_plan_update"), {"story": "Changed.", "version": 1})
    assert response.status_code == 403
    assert CurvePlan.objects.get(indicator=red).story == "Fewer health visitors since the spring."
    with pytest.raises(PermissionDenied):
        curve_plan_save(membership(getattr(cast, who)), red, story="Changed.")


def test_the_sponsor_of_another_priority_cannot_change_the_plan(cast, red):
    red.priority = cast.p2  # sponsored by the council, not Sam's ICB
    red.save()
    with pytest.raises(PermissionDenied):
        curve_plan_save(membership(cast.sam), red, story="Mine.")


@pytest.mark.parametrize("name", ["curve_plan", "curve_plan_update", "curve_plan_history"])
def test_another_partnerships_plan_answers_404(cast, red, client_for, name):
    write_plan(cast, red)
    assert client_for(cast.charlie).get(plan_url(red, name)).status_code == 404


def test_only_the_steering_group_chooses_a_plan_for_the_board_report(cast, red, client_for):
    write_plan(cast, red)
    form = client_for(cast.sam).get(plan_url(red, "curve_plan_update"))
    assert "Include in the board report" not in text(form)
    with pytest.raises(PermissionDenied):
        curve_plan_save(membership(cast.sam), red, in_board_report=True)
    curve_plan_save(membership(cast.steve), red, in_board_report=True)
    assert CurvePlan.objects.get(indicator=red).in_board_report


def test_an_evidence_line_without_a_web_address_is_refused_by_its_line_and_nothing_changes(cast, red, client_for):
    write_plan(cast, red)
    response = client_for(cast.steve).post(
        plan_url(red, "curve_plan_update"),
        {"story": "New story.", "evidence_links": "A good study https://example.org/a\nAnother study", "version": 1},
    )
    assert response.status_code == 200
    assert "Line 2 of the evidence links has no web address" in text(response)
    assert CurvePlan.objects.get(indicator=red).story == "Fewer health visitors since the spring."


def test_a_choice_that_is_no_agency_or_action_is_refused_in_words_and_nothing_changes(cast, red, client_for):
    response = client_for(cast.steve).post(
        plan_url(red, "curve_plan_update"),
        {"story": "New story.", "partner_agencies": ["abc"], "actions": ["not-an-action"], "version": 0},
    )
    assert response.status_code == 200
    assert "Choose agencies from the list" in text(response)
    assert "Choose actions from the list" in text(response)
    assert "is not a valid value" not in text(response)
    assert not CurvePlan.objects.filter(indicator=red).exists()


def test_another_partnerships_action_cannot_be_linked(cast, red):
    with pytest.raises(ValidationError) as refused:
        write_plan(cast, red, actions=[cast.other_action])
    assert "actions" in refused.value.message_dict
    assert not CurvePlan.objects.filter(indicator=red).exists()


def test_a_change_from_an_out_of_date_copy_is_refused_showing_what_changed(cast, red, client_for):
    write_plan(cast, red)
    curve_plan_save(membership(cast.alice), red, version=1, story="Alice's newer story.")
    response = client_for(cast.steve).post(plan_url(red, "curve_plan_update"), {"story": "Steve's.", "version": 1})
    assert response.status_code == 409
    assert "Alice's newer story." in text(response)
    assert CurvePlan.objects.get(indicator=red).story == "Alice's newer story."


def test_the_history_shows_each_version_who_changed_what_and_the_links(cast, red, client_for):
    write_plan(cast, red)
    curve_plan_save(membership(cast.sam), red, version=1, story="More families moved in.", actions=[cast.a11, cast.a21])
    response = client_for(cast.bea).get(plan_url(red, "curve_plan_history"))
    words = text(response)
    assert "Plan started" in words and "Plan changed" in words
    assert "The story behind the curve: Fewer health visitors since the spring. → More families moved in." in words
    assert "Linked actions: P1.1 → P1.1, P2.1" in words
    assert "Sam Example" in words and "Steve Example" in words
    assert words.index("More families moved in.") < words.index("Plan started")  # newest first


def test_saving_the_same_plan_again_adds_no_version(cast, red):
    plan = write_plan(cast, red)
    before = (plan.version, plan.history.count())
    plan = write_plan(cast, red, version=plan.version)
    assert (plan.version, plan.history.count()) == before


@pytest.mark.parametrize("size", [2, 12])
def test_the_plan_page_runs_the_same_queries_whatever_the_number_of_values_and_actions(
    cast, client_for, django_assert_max_num_queries, size, today
):
    indicator = f.IndicatorFactory(partnership=cast.partnership, code="BIG-1", priority=cast.p1)
    values(indicator, [(f"{2015 + n // 4}/{(2016 + n // 4) % 100:02d} Q{n % 4 + 1}", n) for n in range(size * 3)])
    actions = [
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 2}", lead=cast.sam, due_date=datetime.date(2026, 1, 1))
        for n in range(size)
    ]
    write_plan(
        cast, indicator, actions=actions, partner_agencies=[cast.health, cast.council, cast.police][: size // 4 + 1]
    )
    client = client_for(cast.bea)
    with django_assert_max_num_queries(14):
        response = client.get(plan_url(indicator))
    assert text(response).count("Overdue") == size


def test_one_save_is_one_entry_of_the_history_with_its_links(cast, red):
    write_plan(cast, red)
    (entry,) = curve_plan_history(CurvePlan.objects.get(indicator=red))
    assert entry.subject == "Plan started"
    changes = {change.field: (change.old, change.new) for change in entry.changes}
    assert changes["Partner agencies"] == (None, "Northshire Council, Northshire ICB")
    assert changes["Linked actions"] == (None, "P1.1")
    assert changes["The story behind the curve"] == (None, "Fewer health visitors since the spring.")
