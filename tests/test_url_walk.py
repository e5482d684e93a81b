"""Every URL of the project, with every method its view handles, as every kind of visitor: never a server error.

The routes come from the URL conf (``tests/routes.py``), so a new route is walked without being added here;
a URL parameter the walk cannot fill fails with a message saying where to describe it. For each route:

- nobody answers 500;
- a visitor who is not a signed-in member is sent to sign in (pages) or refused with 401/403 (the API),
  except on the public routes listed in ``PUBLIC``;
- a member given another partnership's object gets 404, never the object: 403 only where their role is
  refused before any object is read (as it is for their own partnership's), and OPTIONS, which reads no
  object, answers as it does for their own.

Each request runs in a transaction that is rolled back, with the visitor's cookies put back afterwards,
so every request meets the same world whatever was walked before it.
"""

import copy
import datetime
import logging
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.invitations import invitation_create
from accounts.middleware import SESSION_KEY
from accounts.models import Role, Sector
from accounts.tokens import token_create
from actions.models import Comment
from evidence.models import EvidenceFile
from neglect_portal.periods import Period
from reports import services as report_services
from reports.models import Delivery
from spreadsheets.models import Upload
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.routes import NoFiller, filler, routes
from tests.security import complete_second_factor, password_only_login
from tests.spreadsheets.helpers import csv_bytes

# --- Who visits -------------------------------------------------------------------------------------------


def anonymous(world):
    return Client()


def member(role):
    def signed_in(world):
        client = Client()
        user = world.members[role]
        client.force_login(user)
        complete_second_factor(client, user)
        session = client.session
        session[SESSION_KEY] = world.own.partnership.pk
        session.save()
        return client

    return signed_in


def password_only(world):
    client = Client()
    password_only_login(client, world.members[Role.ADMIN])
    return client


SIGN_IN = ("accounts:login", "admin:login")


@dataclass(frozen=True)
class Visitor:
    name: str
    client: object  # client(world) -> a django.test.Client signed in (or not) as this visitor
    is_member: bool  # False: must be sent to sign_in_at, or refused by the API, outside PUBLIC
    sign_in_at: tuple = SIGN_IN  # the names of the pages such a visitor may be sent to


# One line per kind of visitor.
VISITORS = [
    Visitor("anonymous", anonymous, is_member=False),
    Visitor("password only, no second factor", password_only, is_member=False, sign_in_at=("accounts:two_factor",)),
    *(Visitor(role.value, member(role), is_member=True) for role in Role),
]

# Routes anyone may open without signing in.
PUBLIC = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "operations:health",
    "operations:health-web",
    "api-schema",  # the API's description is public; its data is not
    "api-docs",
    "api-docs-swagger",
    "accounts:invitation_accept",  # the link in an invitation e-mail, for someone without an account yet
    "help:index",  # anyone may read the help, signed in or not (the error pages link to it)
    "accounts:two_factor",  # the second factor's own pages, for someone who has given their password
    "accounts:two_factor_setup",
    "admin:login",
    "admin-login",  # the admin's sign-in sends people to the portal's
    "admin:logout",  # signing out needs no sign-in: it goes back to the admin, which asks for one
}


# --- The world the visitors walk through --------------------------------------------------------------------


def side(name, slug):
    """A partnership with one of everything its pages and API show, as the demo has."""
    partnership = f.PartnershipFactory(name=f"{name} Safeguarding Children Partnership", slug=slug)
    council = f.AgencyFactory(partnership=partnership, name=f"{name} Council", sector=Sector.LOCAL_AUTHORITY)
    health = f.AgencyFactory(partnership=partnership, name=f"{name} ICB", sector=Sector.HEALTH)
    members = {}
    for role in Role:
        user = f.UserFactory(email=f"{slug}.{role.value}@example.org", first_name=role.label.split()[0])
        f.MembershipFactory(user=user, partnership=partnership, role=role, agency=council)
        members[role] = user
    strategy = f.StrategyFactory(partnership=partnership, title=f"{name} Neglect Strategy 2024–2027")
    priority = f.PriorityFactory(strategy=strategy, number=1, title="Early help", sponsor_agency=health)
    action = f.ActionFactory(
        priority=priority, reference="P1.1", title="Train health visitors", lead_agency=council, lead=members["lead"]
    )
    progress_update = f.ProgressUpdateFactory(action=action, author=members["lead"])
    comment = Comment.objects.create(action=action, author=members["sponsor"], agency=health, text="Any news?")
    # Its content is not stored: downloading it answers 404 on both sides, and the walk leaves no file behind.
    evidence_file = EvidenceFile.objects.create(
        partnership=partnership,
        owner=progress_update,
        file=f"evidence/{slug}/walk.pdf",
        original_name="Evaluation.pdf",
        mime_type="application/pdf",
        kind_extension="pdf",
        size=1024,
        uploaded_by=members["lead"],
    )
    indicator = f.IndicatorFactory(partnership=partnership, priority=priority, source_agency=health)
    measurement = f.MeasurementFactory(indicator=indicator)
    comparator = f.ComparatorValueFactory(indicator=indicator)
    audit = f.AuditFactory(partnership=partnership)
    finding = f.FindingFactory(audit=audit)
    recommendation = f.RecommendationFactory(audit=audit, owner_agency=council)
    agency = council
    token = token_create(members["admin"], "Walk")[0]
    membership = members["lead"].memberships.get()
    invitation = invitation_create(
        members["admin"].memberships.get(), email=f"new.lead@{slug}.example.org", role="lead"
    )
    board = f.DistributionListFactory(partnership=partnership)
    recipient = f.RecipientFactory(
        distribution_list=board, name="Cllr Dana Jones", email=f"dana.jones@{slug}.example.org"
    )
    report = report_services.report_start(
        members["steering"].memberships.get(), strategy, Period.parse("2026/27 Q2"), today=datetime.date(2026, 10, 21)
    )
    delivery = Delivery.objects.create(
        report=report, name="Cllr Dana Jones", email=f"dana.jones@{slug}.example.org", status="failed", attempts=1
    )
    plan = csv_bytes(PLAN_HEADERS, [plan_row("P1.2", agency=f"{name} ICB", lead=members["lead"].email)])
    upload = Upload.objects.create(
        partnership=partnership,
        uploaded_by=members["steering"],
        kind="action_plan",
        original_name="plan.csv",
        size=len(plan),
        content=plan,
    )
    return SimpleNamespace(**{k: v for k, v in locals().items() if k not in ("name", "slug", "plan", "board")})


def build_world():
    own, other = side("Northshire", "northshire"), side("Southshire", "southshire")
    reset_user = own.members["board"]
    world = SimpleNamespace(
        own=own,
        other=other,
        members=own.members,
        password_reset_uid=urlsafe_base64_encode(force_bytes(reset_user.pk)),
        password_reset_token=default_token_generator.make_token(reset_user),
    )
    world.clients = {visitor.name: visitor.client(world) for visitor in VISITORS}
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the whole walk, in a transaction rolled back at the end."""
    quiet = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:  # thousands of expected 403s and 404s would each be logged
        logger.setLevel(logging.ERROR)
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    for logger, level in zip(quiet, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def walk(world, db):
    return world


# --- The walk -----------------------------------------------------------------------------------------------

ROUTES = routes()


def fill(route, world, side_name):
    return {param: filler(route, param).value(world, side_name, route) for param in route.params}


def crosses_partnerships(route):
    return any(filler(route, param).partnership_scoped for param in route.params)


def ask(client, method, path, is_api):
    """One request, rolled back, the client's cookies as they were: (status, where it redirects, error)."""
    kwargs = {}
    if method in ("POST", "PUT", "PATCH"):
        kwargs = (
            {"data": "{}", "content_type": "application/json"} if is_api else {"data": {} if method == "POST" else ""}
        )
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = getattr(client, method.lower())(path, **kwargs)
            transaction.set_rollback(True)
    except Exception as error:  # the test client re-raises what the view raised: a server error
        return 500, "", f"{type(error).__name__}: {error}"
    finally:
        client.cookies = cookies
    if response.streaming:  # reading it to the end closes it, as the test client does for other responses
        b"".join(response.streaming_content)
    return response.status_code, urlsplit(response.get("Location", "")).path, ""


def problems_of_a_non_member(visitor, route, answer, is_api):
    status, location, error = answer
    if status >= 500:
        return error or f"answered {status}"
    if route.name in PUBLIC:
        return None
    if is_api:
        return None if status in (401, 403) else f"answered {status}, not 401/403"
    if status == 302 and location in {reverse(name) for name in visitor.sign_in_at}:
        return None
    return f"answered {status} {location}, not a redirect to sign in"


def problems_of_a_member(method, own, other):
    status, _, error = own
    if status >= 500:
        return error or f"answered {status}"
    if other is None:
        return None
    other_status, _, other_error = other
    if other_status >= 500:
        return f"another partnership's object: {other_error or other_status}"
    if other_status == 404 or (other_status == 403 and status == 403) or (method == "OPTIONS" and other == own):
        return None
    return f"another partnership's object answered {other_status}, not 404"


def problems_of(route, world):
    try:
        own_path = route.path(fill(route, world, "own"))
        other_path = route.path(fill(route, world, "other")) if crosses_partnerships(route) else None
    except NoFiller as missing:
        return [str(missing)]
    is_api = own_path.startswith("/api/")
    problems = []
    for visitor in VISITORS:
        client = world.clients[visitor.name]
        for method in route.methods:
            own = ask(client, method, own_path, is_api)
            if visitor.is_member:
                other = ask(client, method, other_path, is_api) if other_path else None
                problem = problems_of_a_member(method, own, other)
            else:
                problem = problems_of_a_non_member(visitor, route, own, is_api)
            if problem:
                problems.append(f"{visitor.name} {method} {own_path}: {problem}")
    return problems


def section(route):
    """The first part of the path: one test walks the routes of each (a test per route costs more than a route)."""
    return route.pattern.split("/", 1)[0] or "home"


SECTIONS = sorted({section(route) for route in ROUTES})


@pytest.mark.parametrize("name", SECTIONS)
def test_every_route_answers_every_visitor_without_a_server_error_or_another_partnerships_data(walk, name):
    problems = [problem for route in ROUTES if section(route) == name for problem in problems_of(route, walk)]
    assert not problems, "\n".join(problems)


def test_a_route_with_a_parameter_nobody_described_fails_the_walk_saying_what_to_add():
    route = next(route for route in ROUTES if route.name == "reports:retry")
    strange = type(route)(**{**route.__dict__, "name": "reports:new_page", "params": ("colour",)})
    with pytest.raises(
        NoFiller, match=r"URL parameter 'colour' of route reports:new_page .*Add a filler to tests/routes.py"
    ):
        filler(strange, "colour")
