"""A new partnership's pages show what to do next, with links for those who may do it."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.models import Role
from help.getting_started import getting_started
from tests import factories as f

STEPS = ["Add the partner agencies", "Invite people", "Create the strategy", "Add the priorities", "Add indicators"]


@pytest.fixture
def newcomer(db):
    """Westshire has just been created: one business manager, nothing else."""
    partnership = f.PartnershipFactory(name="Westshire Safeguarding Children Partnership", slug="westshire")
    manager = f.UserFactory(email="wendy@example.org", first_name="Wendy", last_name="Manager")
    f.MembershipFactory(user=manager, partnership=partnership, role=Role.ADMIN, agency=None)
    return partnership, manager


def _settings_url(name):
    try:
        return reverse(f"settings:{name}")
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("url_name", ["accounts:home", "outcomes:scorecard", "audits:list"])
def test_a_new_partnerships_pages_show_the_next_steps(client, newcomer, url_name):
    _, manager = newcomer
    client.force_login(manager)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-test="getting-started"' in page
    assert "Setting up Westshire Safeguarding Children Partnership" in page
    for step in STEPS:
        assert step in page
    assert "No active strategy" not in page
    assert f'href="{reverse("outcomes:indicator_create")}"' in page
    agencies = _settings_url("agencies")
    if agencies:
        assert f'href="{agencies}"' in page


@pytest.mark.urls("tests.help.no_settings_urls")
def test_without_the_settings_pages_the_steps_stay_unlinked_and_nothing_breaks(newcomer):
    _, manager = newcomer
    steps = {step.key: step for step in getting_started(manager.memberships.get())}
    assert steps["agencies"].url is None and steps["people"].url is None
    assert steps["strategy"].url == reverse("priorities:strategy_create")  # the strategy's own page instead
    assert steps["indicators"].url == reverse("outcomes:indicator_create")


def test_the_steps_done_are_marked_and_the_priorities_step_links_to_the_strategy(client, newcomer):
    partnership, manager = newcomer
    agency = f.AgencyFactory(partnership=partnership, name="Westshire Council")
    f.MembershipFactory(partnership=partnership, role=Role.LEAD, agency=agency)
    strategy = f.StrategyFactory(partnership=partnership, title="Westshire Neglect Strategy")
    client.force_login(manager)
    page = client.get(reverse("accounts:home")).content.decode()
    assert len(re.findall(r">\s*Done\s*<", page)) == 3
    assert f'href="{reverse("priorities:create", args=[strategy.pk])}"' in page


def test_a_lead_is_told_who_is_setting_up_and_given_no_links(client, newcomer):
    partnership, _ = newcomer
    lead = f.UserFactory(email="lena@example.org")
    f.MembershipFactory(user=lead, partnership=partnership, role=Role.LEAD)
    client.force_login(lead)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Your partnership business manager is setting up the portal" in page
    assert 'href="mailto:wendy@example.org"' in page
    assert "govuk-task-list__link" not in page


def test_a_steering_member_may_start_the_strategy_and_indicators(client, newcomer):
    partnership, _ = newcomer
    steering = f.UserFactory(email="stella@example.org")
    f.MembershipFactory(user=steering, partnership=partnership, role=Role.STEERING)
    client.force_login(steering)
    page = client.get(reverse("outcomes:scorecard")).content.decode()
    assert f'href="{reverse("priorities:strategy_create")}"' in page
    assert f'href="{reverse("outcomes:indicator_create")}"' in page
    assert "<span>Invite people</span>" in page  # the business manager's step


def test_a_set_up_partnership_shows_no_steps(client_for, cast):
    f.IndicatorFactory(partnership=cast.partnership)
    for url_name in ["accounts:home", "outcomes:scorecard"]:
        page = client_for(cast.alice).get(reverse(url_name)).content.decode()
        assert 'data-test="getting-started"' not in page


def test_a_strategy_without_indicators_reminds_only_the_plan_editors_on_the_dashboard(client_for, cast):
    assert "Add indicators" in client_for(cast.steve).get(reverse("accounts:home")).content.decode()
    assert 'data-test="getting-started"' not in client_for(cast.lee).get(reverse("accounts:home")).content.decode()


def test_the_steps_cost_a_fixed_number_of_queries(client, newcomer, django_assert_max_num_queries):
    partnership, manager = newcomer
    for n in range(5):
        f.AgencyFactory(partnership=partnership, name=f"Agency {n}")
        f.MembershipFactory(partnership=partnership, role=Role.LEAD)
    client.force_login(manager)
    with django_assert_max_num_queries(14):
        client.get(reverse("accounts:home"))
