"""The Beta banner sends feedback to someone other than the person reading it."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("person", "told"),
    [
        ("alice", "Tell the team that runs the portal for your partnership what would make it better."),
        ("steve", "Tell your partnership business manager what would make it better."),
        ("lee", "Tell your partnership business manager what would make it better."),
    ],
)
def test_the_beta_banner_names_who_to_tell(cast, client_for, person, told):
    page = client_for(getattr(cast, person)).get(reverse("help:index")).content.decode()
    assert told in page
