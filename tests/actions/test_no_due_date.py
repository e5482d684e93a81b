"""An action imported with "Ongoing" (or "Quarterly", "Continuous", "TBC") as its due date has no due date: it is
flagged "No due date: review" on the plan, on its page and in To do, is never overdue, sorts last, and every page,
report, export and API answer copes with it until someone gives it a date."""

import datetime
import importlib
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook
from rest_framework.test import APIClient

from actions.imports import ActionPlanImporter
from actions.models import Action
from neglect_portal.periods import Period
from reports import selectors as report_selectors
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.actions.test_pages import _edit_data
from tests.spreadsheets.helpers import run_import, xlsx_bytes

# The API's throttles bind their clock when first imported: import them before any test freezes it.
importlib.import_module("rest_framework.throttling")

PLAN = ActionPlanImporter.kind
TODAY = datetime.date(2026, 11, 20)  # 2026/27 Q3
DUE = PLAN_HEADERS.index("Due date")


@pytest.fixture
def ongoing(cast):
    """P2.2: open, no due date, led by Lee; P2.3 overdue; P2.4 due later."""
    undated = f.ActionFactory(priority=cast.p2, reference="P2.2", lead=cast.lee, due_date=None, title="Ongoing work")
    f.ActionFactory(priority=cast.p2, reference="P2.3", lead=cast.lee, due_date=datetime.date(2026, 10, 31))
    f.ActionFactory(priority=cast.p2, reference="P2.4", lead=cast.lee, due_date=datetime.date(2027, 6, 30))
    return undated


@pytest.mark.parametrize("written", ["Ongoing", "Quarterly", "Continuous", "TBC", "on-going"])
def test_a_due_date_written_as_ongoing_imports_as_no_due_date_flagged_for_review(cast, written):
    row = plan_row("P1.2")
    row[DUE] = written

    result = run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [row]), "plan.xlsx")

    assert result.counts["new"] == 1
    action = Action.objects.get(priority=cast.p1, reference="P1.2")
    assert action.due_date is None and action.needs_due_date and not action.is_overdue()
    assert action in Action.objects.without_due_date() and action not in Action.objects.overdue()


@freeze_time(TODAY)
def test_the_action_plan_flags_an_action_with_no_due_date_never_overdue_and_sorts_it_last(cast, client_for, ongoing):
    client = client_for(cast.steve)
    page = client.get(reverse("actions:list")).content.decode()
    row = page[page.index(">P2.2<") : page.index("</tr>", page.index(">P2.2<"))]
    assert "No due date" in row and "No due date: review" in row and "Overdue" not in row

    for sort in ("due", "-due"):
        ordered = client.get(reverse("actions:list"), {"sort": sort}).content.decode()
        assert ordered.index(">P2.2<") > max(ordered.index(">P2.3<"), ordered.index(">P2.4<")), sort

    only = client.get(reverse("actions:list"), {"no_due_date": "on"}).content.decode()
    assert ">P2.2<" in only and ">P2.3<" not in only and ">P1.1<" not in only


@freeze_time(TODAY)
def test_the_actions_page_says_it_has_no_due_date_to_review(cast, client_for, ongoing):
    page = client_for(cast.lee).get(reverse("actions:detail", args=[ongoing.pk])).content.decode()

    assert "No due date: review" in page and "change the action to give it one" in page


@freeze_time(TODAY)
def test_to_do_asks_the_lead_and_the_business_manager_to_review_an_action_with_no_due_date(cast, client_for, ongoing):
    for person in (cast.lee, cast.alice):
        page = client_for(person).get(reverse("accounts:todo")).content.decode()
        assert "No due date: review it and give it one" in page, person
        assert page.index(">P2.3<") < page.index(">P2.2<")  # overdue first, then the one to review
    assert "No due date: review" not in client_for(cast.sam).get(reverse("accounts:todo")).content.decode()


@freeze_time(TODAY)
def test_giving_the_first_due_date_needs_no_reason_and_keeps_no_original(cast, client_for, ongoing):
    shown = Action.objects.get(pk=ongoing.pk)
    shown.due_date = datetime.date(2027, 3, 31)  # the form, with the date typed in
    data = _edit_data(shown)

    response = client_for(cast.steve).post(reverse("actions:update", args=[ongoing.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    ongoing.refresh_from_db()
    assert ongoing.due_date == datetime.date(2027, 3, 31) and ongoing.original_due_date is None
    assert not ongoing.needs_due_date


@freeze_time(TODAY)
def test_the_report_lists_an_action_with_no_due_date_without_calling_it_overdue_or_due(cast, ongoing):
    Action.objects.filter(pk=ongoing.pk).update(status="off_track")
    data = report_selectors.report_data(cast.strategy, Period.parse("2026/27 Q2"), today=TODAY)

    exceptions = [a for p in data["priorities"] for a in p["exceptions"]]
    listed = next(a for a in exceptions if a["reference"] == "P2.2")
    assert listed["due_date"] is None and listed["overdue"] is False
    assert "P2.2" not in [a["reference"] for a in data["forward_look"]["actions"]]


@freeze_time(TODAY)
def test_the_export_writes_no_due_date_and_imports_back_unchanged(cast, client_for, ongoing):
    client = client_for(cast.steve)
    data = client.get(reverse("spreadsheets:action_plan_export")).content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[1] == "P2.2")
    assert row[DUE] == "No due date"

    result = run_import(cast.steve, PLAN, data, "plan.xlsx")

    assert result.counts["changed"] == 0
    assert Action.objects.get(pk=ongoing.pk).due_date is None


def test_the_api_reads_no_due_date_as_null_and_asks_for_a_date_to_add_or_change_one(cast, ongoing):
    client = APIClient()
    client.force_login(cast.steve)
    body = client.get(f"/api/v1/actions/{ongoing.pk}/").json()
    assert body["due_date"] is None and body["needs_due_date"] is True and body["is_overdue"] is False
    listed = client.get("/api/v1/actions/", {"no_due_date": "true"}).json()["results"]
    assert [a["reference"] for a in listed] == ["P2.2"]

    response = client.patch(f"/api/v1/actions/{cast.a21.pk}/", {"due_date": None}, format="json")
    assert response.status_code == 400 and response.json()["due_date"] == ["Enter the due date"]
    cast.a21.refresh_from_db()
    assert cast.a21.due_date == datetime.date(2027, 1, 31)

    created = client.post(
        "/api/v1/actions/",
        {
            "priority": cast.p1.pk,
            "reference": "P1.9",
            "title": "A new action",
            "success_measure": "Measured",
            "lead_agency": cast.health.pk,
            "start_date": "2026-04-01",
            "due_date": None,
        },
        format="json",
    )
    assert created.status_code == 400 and created.json()["due_date"] == ["Enter the due date"]
    assert not Action.objects.filter(reference="P1.9").exists()


@freeze_time(TODAY)
def test_the_business_managers_dashboard_counts_the_actions_to_review_and_links_to_them(cast, client_for, ongoing):
    page = client_for(cast.alice).get(reverse("accounts:dashboard")).content.decode()

    assert "1 open action has no due date" in page
    assert f'href="{reverse("actions:list")}?no_due_date=on"' in page
    Action.objects.filter(pk=ongoing.pk).update(due_date=datetime.date(2027, 3, 31))
    assert "no due date" not in client_for(cast.alice).get(reverse("accounts:dashboard")).content.decode()


def test_what_changed_lists_an_action_imported_with_no_due_date_as_such(cast):
    from changes.selectors import changes_since

    row = plan_row("P1.2")
    row[DUE] = "Ongoing"
    run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [row]), "plan.xlsx")

    changes = changes_since(cast.partnership, datetime.date.today() - datetime.timedelta(days=1))
    added = [c for section in changes.sections for c in section.changes if c.subject.startswith("P1.2")]
    assert [c.detail for c in added] == ["No due date, On track (Green)"]
