"""The cast every test reuses.

Northshire partnership (``cast.partnership``) with agencies council, health
and police, an active strategy with two priorities (P1 sponsored by health,
P2 by the council), one action under each:

- Alice is the partnership business manager (admin).
- Steve sits on the steering group.
- Sam is the sponsor from health: he may update every action of P1.
- Lee leads action P2.1 (council) and may update only that.
- Bea is a board member: she reads everything and changes nothing.
- Charlie belongs to another partnership (Southshire) and should have no
  access to anything of Northshire's.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

# DRF's throttles keep ``time.time`` as a class attribute when their module is first imported. Imported
# here, before any test freezes the clock, they keep the real one: imported inside a frozen test they
# would keep freezegun's, which fails once the freeze ends.
from rest_framework import throttling  # noqa: F401

from accounts.models import Role, Sector
from tests import factories as f
from tests.security import complete_second_factor

_force_login = Client.force_login


@pytest.fixture(autouse=True)
def force_login_completes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` signs in with both factors, as a person who has set up an app.

    Tests of the second factor itself use ``tests.security.password_only_login``.
    """

    def force_login(client, user, backend=None):
        _force_login(client, user, backend)
        complete_second_factor(client, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Throttles and rate limits count in the cache: each test starts with none used."""
    cache.clear()
    yield


@pytest.fixture
def commit(db):
    """``commit()`` does what the test's transaction would do when it commits (its on-commit callbacks), which it
    never does in a test: what was written so far is then as a later request sees it (the fragment cache)."""

    def run():
        connection = transaction.get_connection()
        callbacks, connection.run_on_commit = connection.run_on_commit, []
        for _, callback, robust in callbacks:
            try:
                callback()
            except Exception:
                if not robust:  # a robust callback's error is logged by a real commit, and the commit stands
                    raise

    return run


@pytest.fixture
def cast(db):
    partnership = f.PartnershipFactory(name="Northshire Safeguarding Children Partnership", slug="northshire")
    council = f.AgencyFactory(partnership=partnership, name="Northshire Council", sector=Sector.LOCAL_AUTHORITY)
    health = f.AgencyFactory(partnership=partnership, name="Northshire ICB", sector=Sector.HEALTH)
    police = f.AgencyFactory(partnership=partnership, name="Northshire Police", sector=Sector.POLICE)

    def member(email, first, role, agency=None, partnership=partnership):
        user = f.UserFactory(email=email, first_name=first, last_name="Example")
        f.MembershipFactory(user=user, partnership=partnership, role=role, agency=agency)
        return user

    alice = member("alice@example.org", "Alice", Role.ADMIN, council)
    steve = member("steve@example.org", "Steve", Role.STEERING, police)
    sam = member("sam@example.org", "Sam", Role.SPONSOR, health)
    lee = member("lee@example.org", "Lee", Role.LEAD, council)
    bea = member("bea@example.org", "Bea", Role.BOARD, police)

    strategy = f.StrategyFactory(partnership=partnership, title="Northshire Neglect Strategy 2024–2027")
    p1 = f.PriorityFactory(strategy=strategy, number=1, title="Early help", sponsor_agency=health, sponsor_lead=sam)
    p2 = f.PriorityFactory(strategy=strategy, number=2, title="Recognising neglect", sponsor_agency=council)
    a11 = f.ActionFactory(priority=p1, reference="P1.1", title="Train health visitors", lead_agency=health)
    a21 = f.ActionFactory(
        priority=p2,
        reference="P2.1",
        title="Roll out the neglect toolkit",
        lead_agency=council,
        lead=lee,
        due_date=datetime.date(2027, 1, 31),
    )

    other = f.PartnershipFactory(name="Southshire Safeguarding Children Partnership", slug="southshire")
    other_agency = f.AgencyFactory(partnership=other, name="Southshire Council")
    charlie = member("charlie@example.org", "Charlie", Role.ADMIN, other_agency, partnership=other)
    other_strategy = f.StrategyFactory(partnership=other, title="Southshire Neglect Strategy")
    other_priority = f.PriorityFactory(strategy=other_strategy, number=1, sponsor_agency=other_agency)
    other_action = f.ActionFactory(priority=other_priority, reference="S1.1", lead_agency=other_agency)

    return SimpleNamespace(
        partnership=partnership,
        council=council,
        health=health,
        police=police,
        alice=alice,
        steve=steve,
        sam=sam,
        lee=lee,
        bea=bea,
        charlie=charlie,
        strategy=strategy,
        p1=p1,
        p2=p2,
        a11=a11,
        a21=a21,
        other=other,
        other_agency=other_agency,
        other_strategy=other_strategy,
        other_priority=other_priority,
        other_action=other_action,
    )


@pytest.fixture
def client_for(client):
    """Sign a test client in as one of the cast: ``client_for(cast.sam)``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
