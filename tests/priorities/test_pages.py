import pytest
from django.urls import reverse

from tests import factories as f

ROLES = ["alice", "steve", "sam", "lee", "bea"]


@pytest.mark.parametrize("role", ROLES)
def test_the_priority_list_renders_for_every_role(cast, client_for, role):
    listing = client_for(getattr(cast, role)).get(reverse("priorities:list")).content.decode()
    assert "Priority 1: Early help" in listing and "Southshire" not in listing


@pytest.mark.parametrize("count", [2, 40])
def test_the_priority_list_query_count_does_not_grow_with_the_data(
    cast, client_for, django_assert_max_num_queries, count
):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"X{n}", lead=cast.lee)
        f.ProgressUpdateFactory(action=action, author=cast.lee)
    client = client_for(cast.alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("priorities:list")).status_code == 200
