"""Files built the way councils keep them: RAG words and colours, months and quarters for due dates, periods and
figures in their usual forms, semicolon CSVs from Excel on Windows. Each imports, and the preview says how it was read.
"""

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Color, PatternFill

from accounts import services as account_services
from actions.imports import ActionPlanImporter
from actions.models import Action, Status
from neglect_portal.periods import current_quarter
from outcomes.imports import IndicatorValuesImporter
from outcomes.models import Measurement
from spreadsheets import selectors, services
from spreadsheets.models import Upload
from tests import factories as f
from tests.actions.helpers import PLAN_HEADERS, plan_row
from tests.outcomes.helpers import VALUE_HEADERS, import_indicators
from tests.spreadsheets.helpers import membership, problems_in, run_import

PLAN = ActionPlanImporter.kind
VALUES = IndicatorValuesImporter.kind
STATUS = PLAN_HEADERS.index("Status")
LAST = current_quarter().previous()
BEFORE = LAST.previous()


def council_plan(rows, fills=None, *, title="Northshire Safeguarding Children Partnership: neglect action plan"):
    """A plan as a council keeps it: a title line, the header row, and the Status cells some rows only colour."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan 2026-27"
    sheet.append([title])
    sheet.append([])
    sheet.append(PLAN_HEADERS)
    for row in rows:
        sheet.append(row)
    for index, fill in (fills or {}).items():
        sheet.cell(row=4 + index, column=STATUS + 1).fill = fill
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def solid(**colour):
    return PatternFill(fill_type="solid", fgColor=Color(**colour))


def preview_of(user, kind, data, name):
    member = membership(user)
    return selectors.upload_preview(member, services.upload_create(member, kind, name, data))


def details(preview):
    """For each row that will change: its row number and every line the preview shows for it."""
    return {
        row.row: [f"{change.field}: {change.new}" for change in row.changes] + [f"Check: {c}" for c in row.checks]
        for row in preview.changing_rows
    }


def test_rag_words_initials_and_colours_in_many_shades_import_as_statuses_and_the_preview_says_which_were_colours(
    cast,
):
    statuses = ["G", "Amber", "RAG: A", " r ", "Complete", "BRAG: Blue", None, None, None, None, None, "G"]
    rows = [plan_row(f"P1.{n + 2}", status=status) for n, status in enumerate(statuses)]
    fills = {
        6: solid(rgb="FF00B050"),  # Excel's standard green
        7: solid(theme=9, tint=0.3999),  # the workbook theme's sixth accent (orange), lightened: amber
        8: solid(indexed=10),  # the old palette's red
        9: solid(rgb="FFC6EFCE"),  # the pale green of Excel's "Good" style
        10: solid(rgb="FF9BC2E6"),  # a light blue: completed
        11: solid(rgb="FFFF0000"),  # a red cell that says G: the words win
    }
    data = council_plan(rows, fills)

    preview = preview_of(cast.steve, PLAN, data, "North plan.xlsx")
    shown = details(preview)

    assert "Status: On track (read from the cell colour)" in shown[10]
    assert "Status: At risk (read from the cell colour)" in shown[11]
    assert "Status: Off track (read from the cell colour)" in shown[12]
    assert "Status: Completed (read from the cell colour)" in shown[14]
    assert "Status: On track (from “G”)" in shown[4] and "Status: On track (from “G”)" in shown[15]
    assert "Status: At risk (from “RAG: A”)" in shown[6] and "Status: Completed (from “Complete”)" in shown[8]

    run_import(cast.steve, PLAN, data, "North plan.xlsx")
    imported = dict(Action.objects.filter(priority=cast.p1).values_list("reference", "status"))
    assert [imported[f"P1.{n + 2}"] for n in range(len(statuses))] == [
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.COMPLETED,
        Status.COMPLETED,
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.ON_TRACK,
        Status.COMPLETED,
        Status.ON_TRACK,
    ]


def test_a_cell_coloured_purple_is_not_guessed_and_nothing_is_imported(cast):
    data = council_plan([plan_row("P1.2", status=None), plan_row("P1.3", status="Nearly")], {0: solid(rgb="FF7030A0")})
    assert problems_in(cast.steve, PLAN, data) == [
        (4, "Status", "The cell is coloured, but not green, amber, red or blue: type the status instead"),
        (
            5,
            "Status",
            "“Nearly” is not a status: use Not started, On track, At risk, Off track, Completed, Cancelled, "
            "or Green, Amber, Red or Blue (completed)",
        ),
    ]
    assert not Action.objects.filter(reference__in=["P1.2", "P1.3"]).exists()


def test_due_dates_as_months_quarters_and_ongoing_are_read_and_ongoing_is_flagged_to_check(cast):
    rows = [
        plan_row("P1.2", due="March 2027"),
        plan_row("P1.3", due="Q4 2026/27"),
        plan_row("P1.4", due="Sept 2026"),
        plan_row("P1.5", due="Ongoing"),
        plan_row("P1.6", due=datetime.datetime(2026, 12, 31)),
        plan_row("P1.7", due="end of Dec 2026"),
    ]
    rows[2][PLAN_HEADERS.index("Due date")] = "Sep 2026"
    data = council_plan(rows)

    preview = preview_of(cast.steve, PLAN, data, "plan.xlsx")
    shown = details(preview)
    assert "Due date: 31 Mar 2027 (from “March 2027”)" in shown[4]
    assert "Due date: 31 Mar 2027 (from “Q4 2026/27”)" in shown[5]
    assert "Due date: 30 Sep 2026 (from “Sep 2026”)" in shown[6]
    assert "Due date: No due date (read “Ongoing” as no due date, flagged for review)" in shown[7]
    assert "Check: Read “Ongoing” as no due date, flagged for review: set one when it is known" in shown[7]
    assert "Due date: 31 Dec 2026" in shown[8]
    assert "Due date: 31 Dec 2026 (from “end of Dec 2026”)" in shown[9]
    assert preview.rows_to_check == 1

    run_import(cast.steve, PLAN, data, "plan.xlsx")
    due = dict(Action.objects.filter(priority=cast.p1).values_list("reference", "due_date"))
    assert [due[f"P1.{n}"] for n in range(2, 8)] == [
        datetime.date(2027, 3, 31),
        datetime.date(2027, 3, 31),
        datetime.date(2026, 9, 30),
        None,
        datetime.date(2026, 12, 31),
        datetime.date(2026, 12, 31),
    ]
    ongoing = Action.objects.get(priority=cast.p1, reference="P1.5")
    assert ongoing.needs_due_date and not ongoing.is_overdue()
    assert ongoing.start_date == datetime.date(2026, 4, 1)


def test_ongoing_for_an_action_already_in_the_plan_keeps_its_due_date_and_is_flagged(cast, client_for):
    row = plan_row("P2.1", 2, cast.a21.title, agency="Northshire Council", lead="lee@example.org")
    row[PLAN_HEADERS.index("How success will be measured")] = cast.a21.success_measure
    row[PLAN_HEADERS.index("Start date")] = cast.a21.start_date
    row[PLAN_HEADERS.index("Due date")] = "ongoing"
    row[STATUS] = "Red"
    preview = preview_of(cast.steve, PLAN, council_plan([row]), "plan.xlsx")

    assert details(preview)[4] == [
        "Status: Off track (from “Red”)",
        "Check: The due date is “ongoing”: P2.1 keeps its due date",
    ]
    page = client_for(cast.steve).get(f"/spreadsheets/uploads/{Upload.objects.get().pk}/").content.decode()
    assert "1 row needs checking" in page
    assert "The due date is “ongoing”: P2.1 keeps its due date" in page


def test_a_semicolon_separated_windows_1252_csv_from_excel_imports_and_the_preview_says_how_it_was_read(
    cast, client_for
):
    lines = [
        ";".join(PLAN_HEADERS),
        "1;P1.2;Fund £2,000 of training – health visitors;;Every visitor trained;Northshire ICB;;01/04/2026;"
        "March 2027;RAG: G;",
        "1;P1.3;Café drop-ins for parents;;Drop-ins held monthly;Northshire Council;;01/04/2026;Q3 2026/27;amber;",
    ]
    data = "\r\n".join(lines).encode("cp1252")

    kept = services.upload_create(membership(cast.steve), PLAN, "plan.csv", data)
    page = client_for(cast.steve).get(f"/spreadsheets/uploads/{kept.pk}/").content.decode()
    assert (
        "<li>A CSV file: its columns separated by semicolons, its characters read as Windows-1252 "
        "(as Excel saves “CSV” on Windows).</li>"
    ) in page
    kept.delete()

    result = run_import(cast.steve, PLAN, data, "plan.csv")

    assert result.counts["new"] == 2
    added = {a.reference: a for a in Action.objects.filter(reference__in=["P1.2", "P1.3"])}
    assert added["P1.2"].title == "Fund £2,000 of training – health visitors"
    assert (added["P1.2"].due_date, added["P1.2"].status) == (datetime.date(2027, 3, 31), Status.ON_TRACK)
    assert (added["P1.3"].title, added["P1.3"].lead_agency) == ("Café drop-ins for parents", cast.council)
    assert (added["P1.3"].due_date, added["P1.3"].status) == (datetime.date(2026, 12, 31), Status.AT_RISK)


def test_periods_and_figures_in_the_forms_a_bi_team_writes_import_and_the_preview_says_what_was_read(cast):
    import_indicators(cast)
    short = f"Q{LAST.quarter} {LAST.year % 100}/{(LAST.year + 1) % 100}"
    dashed = f"{BEFORE.year}-{(BEFORE.year + 1) % 100} Q{BEFORE.quarter}"
    rows = [
        ["TR-1", short, "1,234", None, None, None],
        ["SC-1", LAST.end, "64.8%", None, None, None],
        ["TR-1", dashed, 98, None, None, None],
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(VALUE_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()

    preview = preview_of(cast.steve, VALUES, data, "bi.xlsx")
    labels = sorted(row.label for row in preview.rows)
    assert labels == sorted(
        [
            f"TR-1 {LAST.label} (from “{short}”): Staff trained",
            f"SC-1 {LAST.label} (from “{LAST.end:%d/%m/%Y}”): Assessments using the toolkit",
            f"TR-1 {BEFORE.label} (from “{dashed}”): Staff trained",
        ]
    )

    run_import(cast.steve, VALUES, data, "bi.xlsx")
    assert sorted(Measurement.objects.values_list("indicator__code", "period", "value")) == [
        ("SC-1", LAST.label, Decimal("64.8")),
        ("TR-1", BEFORE.label, Decimal("98")),
        ("TR-1", LAST.label, Decimal("1234")),
    ]


def test_agencies_are_read_by_their_other_names_without_their_bracketed_part_and_in_any_case(cast):
    public_health = f.AgencyFactory(partnership=cast.partnership, name="Northshire Public Health (Council)")
    account_services.agency_alias_add(membership(cast.alice), agency=cast.police, name="WMP")
    rows = [
        plan_row("P1.2", agency="WMP"),
        plan_row("P1.3", agency="northshire   POLICE"),
        plan_row("P1.4", agency="Northshire Public Health"),
        plan_row("P1.5", agency="w.m.p."),
    ]

    run_import(cast.steve, PLAN, council_plan(rows), "plan.xlsx")

    leads = dict(Action.objects.filter(priority=cast.p1).values_list("reference", "lead_agency"))
    assert [leads[r] for r in ("P1.2", "P1.3", "P1.4", "P1.5")] == [
        cast.police.pk,
        cast.police.pk,
        public_health.pk,
        cast.police.pk,
    ]


def test_an_agency_name_the_partnership_does_not_know_is_asked_about_and_nothing_is_imported_meanwhile(cast):
    rows = [plan_row("P1.2", agency="WMP"), plan_row("P1.3")]
    kept = services.upload_create(membership(cast.steve), PLAN, "plan.xlsx", council_plan(rows))

    kept.refresh_from_db()
    assert kept.status == Upload.Status.NAMES
    assert [(q["written"], q["rows"], q["column"]) for q in kept.names["questions"]] == [("WMP", [4], "Lead agency")]
    assert kept.names["questions"][0]["prompt"] == (
        "“WMP” is not an agency of this partnership: choose which agency it means"
    )
    assert not Action.objects.filter(reference__in=["P1.2", "P1.3"]).exists()
