"""The action tables show drift at a glance: an Overdue tag, the last update (date and who), the due date on one
line, agencies by short name (the full name on hover and for screen readers), and filters by sponsoring agency
and "my agency's priorities" kept in the address."""

import datetime
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from actions.models import Status
from tests import factories as f

TODAY = datetime.date(2026, 11, 20)


def rows(page):
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)[1:]


def row_of(page, reference):
    return next(row for row in rows(page) if f">{reference}</a>" in row)


@freeze_time(TODAY)
def test_an_open_action_past_its_due_date_is_tagged_overdue_and_a_completed_one_is_not(cast, client_for):
    f.ActionFactory(priority=cast.p1, reference="P1.5", lead_agency=cast.health, due_date=datetime.date(2026, 6, 30))
    done = {"status": Status.COMPLETED, "completed_on": datetime.date(2026, 6, 1)}
    f.ActionFactory(
        priority=cast.p1, reference="P1.6", lead_agency=cast.health, due_date=datetime.date(2026, 6, 30), **done
    )
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    assert "Overdue" in row_of(page, "P1.5")
    assert "Overdue" not in row_of(page, "P1.6") and "Overdue" not in row_of(page, "P2.1")
    assert '<td class="govuk-table__cell app-nowrap">30 Jun 2026</td>' in row_of(page, "P1.5")


def test_the_last_update_column_says_when_and_who(cast, client_for):
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, update_date=datetime.date(2026, 10, 2))
    f.ProgressUpdateFactory(action=cast.a21, author=cast.alice, update_date=datetime.date(2026, 11, 3))
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    assert "Last update" in page
    latest = row_of(page, "P2.1")
    assert "3 Nov 2026" in latest and "Alice Example" in latest and "2 Oct 2026" not in latest
    assert "None yet" in row_of(page, "P1.1")


def test_an_agency_with_a_short_name_shows_it_with_the_full_name_on_hover_and_for_screen_readers(cast, client_for):
    cast.health.short_name = "ICB"
    cast.health.save()
    page = client_for(cast.bea).get(reverse("actions:list")).content.decode()
    cell = row_of(page, "P1.1")
    assert '<span title="Northshire ICB" aria-hidden="true">ICB</span>' in cell
    assert '<span class="govuk-visually-hidden">Northshire ICB</span>' in cell
    assert "Northshire Council" in row_of(page, "P2.1")  # no short name: the full name


def test_the_business_manager_gives_an_agency_a_short_name_in_the_settings(cast, client_for):
    url = reverse("settings:agency_update", args=[cast.health.pk])
    data = {"name": "Northshire ICB", "short_name": "ICB", "sector": "health", "is_sponsor": "on"}
    assert client_for(cast.alice).post(url, data).status_code == 302
    cast.health.refresh_from_db()
    assert cast.health.short_name == "ICB"
    refused = client_for(cast.alice).post(url, {**data, "short_name": "I" * 31})
    assert "The short name must be 30 characters or fewer" in refused.content.decode()
    cast.health.refresh_from_db()
    assert cast.health.short_name == "ICB"


def test_the_action_plan_filters_by_sponsoring_agency_kept_in_the_address(cast, client_for):
    client = client_for(cast.bea)
    response = client.get(reverse("actions:list"), {"sponsor_agency": cast.council.pk, "sort": "due"})
    page = response.content.decode()
    assert "P2.1" in page and "P1.1" not in page
    assert re.search(rf'name="sponsor_agency"[^>]*value="{cast.council.pk}"\s*checked', page)
    assert f"sponsor_agency={cast.council.pk}" in page  # the sort and page links keep it


def test_a_sponsor_lists_the_actions_of_the_priorities_their_agency_sponsors(cast, client_for):
    page = client_for(cast.sam).get(reverse("actions:list"), {"mine": "on"}).content.decode()
    assert "Only priorities Northshire ICB sponsors" in page
    assert "P1.1" in page and "P2.1" not in page


def test_someone_without_an_agency_is_not_offered_my_agencys_priorities(cast, client_for):
    membership = cast.bea.memberships.get()
    membership.agency = None
    membership.save()
    page = client_for(cast.bea).get(reverse("actions:list"), {"mine": "on"}).content.decode()
    assert "Only priorities" not in page and "P1.1" in page and "P2.1" in page


def test_a_sponsoring_agency_of_another_partnership_is_refused_and_changes_nothing(cast, client_for):
    response = client_for(cast.bea).get(reverse("actions:list"), {"sponsor_agency": cast.other_agency.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "P1.1" in page and "P2.1" in page


@pytest.mark.parametrize("count", [3, 30])
def test_the_action_tables_run_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    for n in range(count):
        action = f.ActionFactory(priority=cast.p1, reference=f"P1.{n + 10}", lead_agency=cast.health, lead=cast.sam)
        f.ProgressUpdateFactory(action=action, author=cast.sam)
    client = client_for(cast.sam)
    with django_assert_max_num_queries(17):
        page = client.get(reverse("actions:list"), {"mine": "on", "sponsor_agency": cast.health.pk}).content.decode()
    assert page.count("Overdue") >= 0 and "Last update" in page
    with django_assert_max_num_queries(15):
        assert client.get(reverse("priorities:detail", args=[cast.p1.pk])).status_code == 200
