import pytest
from django.urls import reverse

from tests import factories as f


def test_the_action_plan_lists_every_action_of_the_active_strategy_with_its_priority(cast, client_for):
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    assert "P1.1" in page and "P2.1" in page and "S1.1" not in page
    assert 'aria-current="page"' in page and ">Actions<" in page.replace("\n", "").replace("  ", "")


def test_the_action_plan_filters_by_priority(cast, client_for):
    page = client_for(cast.steve).get(reverse("actions:list"), {"priority": cast.p2.pk}).content.decode()
    assert "P2.1" in page and "P1.1" not in page


def test_only_the_longest_matching_navigation_entry_is_current(cast, client_for):
    page = client_for(cast.sam).get(reverse("actions:mine")).content.decode()
    assert page.count('aria-current="page"') == 1


@pytest.mark.parametrize("count", [2, 40])
def test_the_action_plan_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    for n in range(count):
        f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead_agency=cast.health, lead=cast.sam)
    client = client_for(cast.steve)
    # The filter's choices include the sponsoring agencies (one query, whatever the size of the plan).
    with django_assert_max_num_queries(16):
        response = client.get(reverse("actions:list"))
    assert response.status_code == 200
