"""Importing an action plan: new and changed actions through the actions services, all or nothing."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied

from actions.imports import ActionPlanImporter
from actions.models import Action, Status
from priorities.models import Strategy
from spreadsheets import services
from spreadsheets.models import Upload
from spreadsheets.readers import FileRefused
from tests.actions.helpers import PLAN_HEADERS, TEMPLATE_PLAN_HEADERS, plan_row
from tests.spreadsheets.helpers import (
    csv_bytes,
    instructions,
    membership,
    problems_in,
    run_import,
    template_workbook,
    xlsx_bytes,
)

PLAN = ActionPlanImporter.kind


def snapshot():
    return sorted(
        Action.objects.values_list("priority_id", "reference", "title", "due_date", "status", "lead_id", "description")
    )


def test_a_good_xlsx_file_adds_new_actions_and_changes_existing_ones(cast):
    rows = [
        plan_row("P1.2", description="Sessions for every GP practice"),
        plan_row(
            "P2.1",
            2,
            "Roll out the neglect toolkit",
            agency="Northshire Council",
            lead="lee@example.org",
            due=datetime.date(2027, 6, 30),
            status="At risk",
            reason="Training budget agreed late",
        ),
    ]
    result = run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, rows), "plan.xlsx")

    assert result.counts == {"new": 1, "changed": 1, "unchanged": 0}
    assert result.summary == "1 action added, 1 changed and 0 unchanged"
    added = Action.objects.get(priority=cast.p1, reference="P1.2")
    assert (added.title, added.description, added.lead_agency, added.lead) == (
        "Run neglect awareness sessions in GP practices",
        "Sessions for every GP practice",
        cast.health,
        cast.sam,
    )
    assert (added.start_date, added.due_date, added.status) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
        "on_track",
    )
    changed = Action.objects.get(pk=cast.a21.pk)
    assert (changed.due_date, changed.original_due_date, changed.due_date_change_reason, changed.status) == (
        datetime.date(2027, 6, 30),
        datetime.date(2027, 1, 31),
        "Training budget agreed late",
        "at_risk",
    )
    assert changed.history.first().history_user == cast.steve
    assert added.history.first().history_user == cast.steve
    assert Upload.objects.get().status == Upload.Status.IMPORTED


def test_a_good_csv_file_imports_with_text_dates_and_status_values(cast):
    data = csv_bytes(
        PLAN_HEADERS,
        [plan_row("P1.2", start="01/04/2026", due="2027-03-31", status="on_track"), plan_row("P1.3", status="")],
    )
    assert run_import(cast.alice, PLAN, data, "plan.csv").counts["new"] == 2
    actions = Action.objects.filter(priority=cast.p1, reference__in=["P1.2", "P1.3"]).order_by("reference")
    assert [(a.due_date, a.status) for a in actions] == [
        (datetime.date(2027, 3, 31), Status.ON_TRACK),
        (datetime.date(2027, 3, 31), Status.NOT_STARTED),
    ]


@pytest.mark.parametrize("bad_position", [0, 2, 4], ids=["first row", "middle row", "last row"])
def test_a_file_with_one_bad_row_imports_nothing_and_names_the_bad_cell(cast, bad_position):
    rows = [plan_row(f"P1.{n + 2}") for n in range(5)]
    rows[bad_position] = plan_row(f"P1.{bad_position + 2}", due="the end of March")
    before = snapshot()

    problems = problems_in(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, rows))

    assert problems == [
        (bad_position + 2, "Due date", "Enter a date like 31/03/2027, a month like March 2027, or Ongoing")
    ]
    assert snapshot() == before
    assert Upload.objects.get().content == b""  # kept for its problems only


def test_every_problem_in_the_file_is_listed_by_row_and_column(cast):
    rows = [
        plan_row("P1.2", agency=None),
        plan_row("P1.3", 7, lead="not-an-address"),
        plan_row("P1.4", title="", status="Nearly there"),
        plan_row("P1.5", lead="nobody@example.org", start=datetime.date(2027, 4, 1)),
        plan_row("P1.2"),
        plan_row(
            "P2.1", 2, "Roll out the neglect toolkit", agency="Northshire Council", due=datetime.date(2027, 9, 30)
        ),
        plan_row("P1.6", priority="first"),
        plan_row("P1.7" * 6, measure=None),
    ]
    problems = problems_in(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, rows))

    assert problems == [
        (2, "Lead agency", "Enter the lead agency"),
        (3, "Priority number", "Northshire Neglect Strategy 2024–2027 has no priority 7: use 1, 2"),
        (3, "Lead e-mail", "Enter the lead’s e-mail address, like name@example.org"),
        (4, "What will be done", "Enter what will be done"),
        (
            4,
            "Status",
            "“Nearly there” is not a status: use Not started, On track, At risk, Off track, Completed, Cancelled, "
            "or Green, Amber, Red or Blue (completed)",
        ),
        (
            5,
            "Lead e-mail",
            "No member of Northshire Safeguarding Children Partnership has the e-mail address nobody@example.org",
        ),
        (5, "Due date", "The due date must be on or after the start date"),
        (6, "Reference", "P1.2 of priority 1 is also in row 2"),
        (7, "Reason for due date change", "Enter why the due date of P2.1 is changing"),
        (8, "Priority number", "Enter the priority as a number, like 1"),
        (9, "Reference", "The reference must be 20 characters or fewer (it has 24)"),
        (9, "How success will be measured", "Enter how success will be measured"),
    ]


def test_a_row_that_matches_the_plan_is_counted_unchanged_and_writes_nothing(cast):
    row = plan_row(
        "p2.1",
        2,
        "Roll out the neglect toolkit",
        measure="Measured by audit.",
        agency="northshire council",
        lead="LEE@example.org",
        start=datetime.date(2025, 4, 1),
        due=datetime.date(2027, 1, 31),
        status="On track",
        reason="anything: the due date is not changing",
    )
    history = cast.a21.history.count()
    result = run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [row]), "plan.xlsx")
    assert result.counts == {"new": 0, "changed": 0, "unchanged": 1}
    assert cast.a21.history.count() == history


def test_columns_left_out_of_the_file_leave_those_fields_as_they_are(cast):
    cast.a21.description = "Toolkit with guidance"
    cast.a21.save()
    headers = ["Priority number", "Reference", "What will be done", "How success will be measured", "Lead agency"]
    headers += ["Start date", "Due date"]
    row = [2, "P2.1", "Roll out the new neglect toolkit", "Measured by audit.", "Northshire Council"]
    row += [datetime.date(2025, 4, 1), datetime.date(2027, 1, 31)]

    run_import(cast.steve, PLAN, xlsx_bytes(headers, [row]), "plan.xlsx")

    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.title, action.description, action.lead, action.status) == (
        "Roll out the new neglect toolkit",
        "Toolkit with guidance",
        cast.lee,
        "on_track",
    )


def test_an_empty_lead_cell_removes_the_lead_and_an_empty_status_keeps_the_status(cast):
    row = plan_row("P2.1", 2, "Roll out the neglect toolkit", measure="Measured by audit.", agency="Northshire Council")
    row[6], row[7], row[8], row[9] = None, datetime.date(2025, 4, 1), datetime.date(2027, 1, 31), None
    run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [row]), "plan.xlsx")
    action = Action.objects.get(pk=cast.a21.pk)
    assert (action.lead, action.status) == (None, "on_track")


def test_the_lead_of_an_action_stays_its_lead_after_leaving_the_partnership(cast):
    membership(cast.lee).delete()
    row = plan_row("P2.1", 2, "Roll out the toolkit", agency="Northshire Council", lead="lee@example.org")
    row[7], row[8] = datetime.date(2025, 4, 1), datetime.date(2027, 1, 31)
    run_import(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [row]), "plan.xlsx")
    assert Action.objects.get(pk=cast.a21.pk).lead == cast.lee
    assert problems_in(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [plan_row("P1.9", lead="lee@example.org")]))[0][
        1:
    ] == (
        "Lead e-mail",
        "No member of Northshire Safeguarding Children Partnership has the e-mail address lee@example.org",
    )


@pytest.mark.parametrize("role", ["sam", "lee", "bea"])
def test_only_plan_editors_may_import_an_action_plan(cast, role):
    with pytest.raises(PermissionDenied):
        services.upload_create(
            membership(getattr(cast, role)), PLAN, "plan.xlsx", xlsx_bytes(PLAN_HEADERS, [plan_row()])
        )
    assert Upload.objects.count() == 0


def test_without_an_active_strategy_the_file_is_refused_with_the_reason(cast):
    Strategy.objects.filter(pk=cast.strategy.pk).update(status=Strategy.Status.ARCHIVED)
    with pytest.raises(FileRefused, match="The partnership has no active strategy"):
        services.upload_create(membership(cast.steve), PLAN, "plan.xlsx", xlsx_bytes(PLAN_HEADERS, [plan_row()]))


def test_a_formula_saved_without_its_value_is_reported_once_for_its_cell(cast):
    problems = problems_in(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, [plan_row(due="=TODAY()+30")]))
    assert problems == [
        (2, "Due date", "The cell has a formula but no saved value: type the value instead of a formula")
    ]


def test_formula_looking_text_is_kept_as_text(cast):
    data = csv_bytes(PLAN_HEADERS, [plan_row("P1.2", title="=1+1", description="@SUM(A1)", measure="-5 days slip")])
    run_import(cast.steve, PLAN, data, "plan.csv")
    added = Action.objects.get(reference="P1.2")
    assert (added.title, added.description, added.success_measure) == ("=1+1", "@SUM(A1)", "-5 days slip")


def test_a_row_holding_an_nhs_number_or_a_date_of_birth_is_refused_by_row_and_column(cast):
    rows = [
        plan_row("P1.2", description="Started after Jayden, born 12 March 2015, was seen"),
        plan_row("P1.3", title="Follow up NHS 943 476 5919"),
    ]
    problems = problems_in(cast.steve, PLAN, xlsx_bytes(PLAN_HEADERS, rows))

    assert problems == [
        (2, "Description", "Remove the date of birth: the portal must not hold information that identifies a child"),
        (3, "What will be done", "Remove the NHS number: the portal must not hold information that identifies a child"),
    ]
    assert not Action.objects.filter(reference__in=["P1.2", "P1.3"]).exists()


def test_the_action_plan_template_has_an_empty_sheet_to_fill_in_and_instructions_for_every_column(cast, client_for):
    book = template_workbook(client_for(cast.steve), PLAN)

    assert book.sheetnames == ["Action plan", "Instructions"]
    assert [list(row) for row in book["Action plan"].iter_rows(values_only=True)] == [TEMPLATE_PLAN_HEADERS]
    guide = instructions(book)
    assert list(guide) == TEMPLATE_PLAN_HEADERS
    assert guide["Priority number"][:1] == ("Required",)
    assert guide["Priority number"][2] == "1 (Early help); 2 (Recognising neglect)"
    assert guide["Lead agency"][2] == "Northshire Council; Northshire ICB; Northshire Police"
    assert guide["Status"][:1] == ("Optional",)
    assert guide["Status"][2].startswith(
        "Not started (also Not yet started, Grey, Gray, Not due); On track (also Green, G"
    )
    assert "Completed (also Complete, Blue, B," in guide["Status"][2]
    assert guide["Status"][2].endswith("Or leave it empty and fill the cell green, amber, red or blue")
    assert guide["Lead e-mail"][3] == "steve@example.org"


def test_the_example_row_of_the_instructions_imports(cast, client_for):
    book = template_workbook(client_for(cast.steve), PLAN)
    example = [values[3] for values in instructions(book).values()]
    book["Action plan"].append(example)
    buffer = io.BytesIO()
    book.save(buffer)

    assert run_import(cast.steve, PLAN, buffer.getvalue(), "plan.xlsx").counts["new"] == 1
    assert Action.objects.filter(priority=cast.p1, reference="P1.9").exists()
