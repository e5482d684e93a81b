"""Search finds only what the member's current partnership holds: every role, two partnerships with the same
words, and a person who belongs to both. Run on PostgreSQL in CI (full-text search) and on SQLite locally."""

import re

import pytest
from django.urls import reverse

from accounts.middleware import SESSION_KEY
from accounts.models import Role
from tests import factories as f
from tests.search.conftest import WORD

RESULT_LINK = re.compile(r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="([^"]+)"')


def found(client, query=WORD, **params):
    response = client.get(reverse("search:index"), {"q": query, **params})
    assert response.status_code == 200
    return RESULT_LINK.findall(response.content.decode())


@pytest.mark.parametrize("role", ["alice", "steve", "sam", "lee", "bea"])
def test_every_role_finds_every_kind_of_its_own_partnership_and_nothing_of_the_other(cast, words, client_for, role):
    links = found(client_for(getattr(cast, role)))
    assert sorted(links) == sorted(words.northshire)


def test_the_other_partnerships_member_finds_only_theirs(cast, words, client_for):
    assert sorted(found(client_for(cast.charlie))) == sorted(words.southshire)


def test_a_person_in_both_partnerships_finds_only_those_of_the_one_they_work_in(cast, words, client_for):
    f.MembershipFactory(user=cast.alice, partnership=cast.other, role=Role.BOARD, agency=cast.other_agency)
    client = client_for(cast.alice)
    for partnership, expected in [(cast.other, words.southshire), (cast.partnership, words.northshire)]:
        session = client.session
        session[SESSION_KEY] = partnership.pk
        session.save()
        assert sorted(found(client)) == sorted(expected)


def test_a_person_no_longer_a_member_finds_nothing(cast, words, client_for):
    cast.bea.memberships.update(is_active=False)
    response = client_for(cast.bea).get(reverse("search:index"), {"q": WORD})
    assert response.status_code == 302
    assert "hoarding" not in response.content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in(words, client):
    response = client.get(reverse("search:index"), {"q": WORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_each_kind_is_counted_and_can_be_shown_alone(cast, words, client_for):
    client = client_for(cast.bea)
    page = client.get(reverse("search:index"), {"q": WORD}).content.decode()
    for label in ["All (6)", "Actions (1)", "Progress updates (1)", "Indicators (1)", "Audits (1)", "Findings (1)"]:
        assert label in page
    assert found(client, kind="update") == [words.northshire[1]]
    assert sorted(found(client, kind="nonsense")) == sorted(words.northshire)
