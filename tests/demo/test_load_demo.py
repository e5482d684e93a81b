"""The demo loader builds the four partnerships from the source documents, and is safe to re-run."""

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import Membership, Partnership, Sector, User
from audits.models import Audit
from demo.services import DEMO_PASSWORD, demo_load
from outcomes.models import Measurement
from priorities.models import Priority
from reports.models import Recipient

pytestmark = pytest.mark.django_db


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_loading_twice_changes_no_row_count_including_history():
    demo_load()
    first = _row_counts()
    demo_load()
    assert _row_counts() == first
    assert first["accounts.Partnership"] == 4


def test_loading_twice_returns_the_same_counts():
    assert demo_load() == demo_load()


def test_walsall_priorities_are_sponsored_by_one_walsall_health_the_council_and_the_steering_chair():
    demo_load()
    priorities = {p.number: p for p in Priority.objects.filter(strategy__partnership__slug="walsall")}
    assert sorted(priorities) == [1, 2, 3, 4]
    assert priorities[1].sponsor_agency.name == "One Walsall"
    assert priorities[1].sponsor_agency.sector == Sector.VOLUNTARY
    assert priorities[2].sponsor_agency.sector == Sector.HEALTH
    assert priorities[3].sponsor_agency.sector == Sector.LOCAL_AUTHORITY
    assert priorities[4].sponsor_agency.name.startswith("Walsall Council")
    assert "Chair" in priorities[4].sponsor_lead.job_title


def test_halton_published_neglect_figures_are_not_illustrative():
    demo_load()
    published = Measurement.objects.filter(
        indicator__partnership__slug="halton", period__in=["2017/18", "2018/19", "2019/20"]
    )
    assert not published.filter(is_illustrative=True).exists()
    assert sorted(published.values_list("value", flat=True)) == [
        Decimal(value) for value in (73, 147, 195, 690, 868, 895)
    ]


def test_every_demo_person_can_sign_in_with_the_demo_password():
    demo_load()
    users = User.objects.filter(memberships__partnership__in=Partnership.objects.all()).distinct()
    assert users.count() == Membership.objects.count()
    for user in users:
        assert user.is_active and user.check_password(DEMO_PASSWORD)
    request = RequestFactory().post("/sign-in/")
    assert authenticate(request, username="walsall.admin@example.org", password=DEMO_PASSWORD) is not None


def test_every_demo_email_address_is_at_example_org():
    demo_load()
    emails = list(User.objects.values_list("email", flat=True)) + list(
        Recipient.objects.values_list("email", flat=True)
    )
    assert emails and all(email.endswith("@example.org") for email in emails)


def test_a_changed_password_survives_a_reload():
    demo_load()
    user = User.objects.get(email="halton.admin@example.org")
    user.set_password("a-new-secret-123")
    user.save()
    demo_load()
    user.refresh_from_db()
    assert user.check_password("a-new-secret-123")


def test_the_command_prints_how_to_sign_in(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "http://127.0.0.1:8000/sign-in/" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert "walsall.admin@example.org" in out.getvalue()


def test_the_quiet_command_prints_only_how_to_sign_in():
    out = StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    assert out.getvalue().startswith("Sign in at http://127.0.0.1:8000/sign-in/")


def test_the_sign_in_address_is_the_one_the_portal_serves(settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    assert out.getvalue().startswith("Sign in at http://127.0.0.1:8123/sign-in/")


def test_the_staffordshire_serious_case_review_has_its_seven_recommendations_with_nothing_invented():
    demo_load()
    review = Audit.objects.get(partnership__slug="staffordshire", kind=Audit.Kind.CASE_REVIEW)
    assert "a total of seven recommendations" in review.scope
    recommendations = list(review.recommendations.order_by("reference"))
    assert [r.reference for r in recommendations] == [f"R{n}" for n in range(1, 8)]
    # The source gives no wording, owner, date or completion: none is made up.
    assert all(r.status == "in_progress" and r.due_date is None and r.owner_agency is None for r in recommendations)
    assert all("not each recommendation's wording" in r.text for r in recommendations)
    assert not any(r.actions.exists() for r in recommendations)
