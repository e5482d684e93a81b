"""A report's page is drawn from its frozen data once for each part and way of reading its figures, then kept:
the next reader's page reads no frozen data, yet shows the report exactly as it is now (a correction, a draft's
new commentary or refreshed figures at once).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import Role
from reports import services
from reports.models import QuarterlyReport
from tests import factories as f
from tests.reports.conftest import issued_report, membership_of
from tests.reports.test_report_parts import grown


def content(response) -> str:
    """The report's own content on the page (not what the reader may do with it, nor its e-mails)."""
    body = response.content.decode()
    start = body.index('<div data-test="report-content">')
    end = body.find('<section class="app-no-print" aria-labelledby="deliveries">', start)
    return body[start : end if end > 0 else body.index("</main>")]


def data_read(queries) -> list[str]:
    """The queries that read a report's frozen data."""
    return [query["sql"] for query in queries.captured_queries if '"snapshot"' in query["sql"]]


@pytest.fixture
def dana(world):
    """A second board member."""
    user = f.UserFactory(email="dana@example.org", first_name="Dana", last_name="Jones")
    f.MembershipFactory(user=user, partnership=world.partnership, role=Role.BOARD)
    return user


@pytest.fixture
def issued(world, draft):
    with freeze_time("2026-10-21 09:00"):
        return issued_report(world, going_well="Training is ahead of plan.")


@pytest.mark.parametrize("part", ["", "scorecard", "plans", "appendix"])
def test_an_issued_reports_page_is_drawn_once_and_the_next_reader_gets_the_same_page_without_its_data(
    world, issued, dana, client_for, part
):
    issued.snapshot = grown(issued.snapshot, plans=6)  # big enough to come in parts, with pages of plans
    issued.save(update_fields=["snapshot"])
    url = reverse("reports:detail", args=[issued.pk]) + (f"?part={part}&page=2" if part else "")
    first, second = client_for(world.bea), client_for(dana)

    with CaptureQueriesContext(connection) as drawn:
        once = first.get(url)
    with CaptureQueriesContext(connection) as kept:
        again = second.get(url)

    assert data_read(drawn) and data_read(kept) == []
    assert content(again) == content(once) and 'data-test="report-parts"' in content(once)


def test_a_board_member_and_the_steering_group_each_get_the_figures_as_they_read_them(world, issued, dana, client_for):
    url = reverse("reports:detail", args=[issued.pk])
    as_published = content(client_for(world.bea).get(url))
    as_recorded = content(client_for(world.steve).get(url))

    assert content(client_for(dana).get(url)) == as_published
    assert content(client_for(world.alice).get(url)) == as_recorded


def test_a_correction_shows_on_the_page_of_the_version_it_corrects_and_has_its_own(world, issued, client_for):
    client = client_for(world.alice)
    first = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert 'data-test="corrected-banner"' not in first

    with freeze_time("2026-11-12 14:00"):
        correction = services.report_correct(membership_of(world.alice), issued, note="Two children counted twice.")

    kept = client.get(reverse("reports:detail", args=[issued.pk])).content.decode()
    assert 'data-test="corrected-banner"' in kept and "version 2" in kept
    assert "Two children counted twice." not in kept
    new = client.get(reverse("reports:detail", args=[correction.pk])).content.decode()
    assert "Two children counted twice." in new and "Quarterly report: 2026/27 Q2 (version 2)" in new


def test_a_drafts_page_shows_its_new_commentary_and_refreshed_figures_at_once(world, draft, client_for):
    client = client_for(world.steve)
    url = reverse("reports:detail", args=[draft.pk])
    assert "Health visitors are all trained." not in client.get(url).content.decode()

    services.report_update_commentary(membership_of(world.steve), draft, going_well="Health visitors are all trained.")
    assert "Health visitors are all trained." in client.get(url).content.decode()

    world.strategy.priorities.filter(number=1).update(title="Early help that reaches every family")
    with freeze_time(draft.snapshot_at + datetime.timedelta(minutes=5)):
        services.report_refresh(membership_of(world.steve), QuarterlyReport.objects.get(pk=draft.pk))
    assert "Early help that reaches every family" in client.get(url).content.decode()
