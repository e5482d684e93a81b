"""Importing an action plan into the active strategy (registered with the spreadsheet engine in ``ActionsConfig``).

Each row is one action. A row whose priority number and reference (in any
case) match an action of the strategy changes that action through
``actions.services.action_update``, so a new due date needs a reason and keeps
the original; any other row adds an action through ``action_create``. An
optional column left out of the file leaves that field as it is; a column
that is there but empty clears the field (the lead, the description), except
the status, which an empty cell leaves as it is.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from accounts import access
from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import Agency, User, agency_name_key
from actions import services as action_services
from actions.models import NO_DUE_DATE, Action, ProgressUpdate, Status
from actions.models import status_words as said_with_colour
from neglect_portal.periods import Period, current_quarter
from priorities import selectors as priority_selectors
from priorities.models import Priority, Strategy
from spreadsheets import cells, colours
from spreadsheets.importers.base import (
    CHANGED,
    NEW,
    UNCHANGED,
    Change,
    ColumnGuide,
    Importer,
    ImportProblems,
    NameQuestion,
    Preview,
    RowCells,
    RowPlan,
)
from spreadsheets.readers import CellColour, CellProblem, Column, FileRefused, Table, Unreadable, read_table, sniff

NO_SUCCESS_MEASURE = "Not given in the imported plan"
AGENCY_QUESTION = "“{written}” is not an agency of this partnership: choose which agency it means"
# More unknown agency names than this in one file: the column is more likely not the agencies'; not asked.
MAX_AGENCY_QUESTIONS = 20
COLUMNS = (
    Column(
        "priority",
        "Priority number",
        True,
        ("priority", "priority no"),
        "The number of the priority.",
        words=("priority", "objective", "priority area"),
        if_absent="Each action's priority is the number its reference starts with (“1.3” or “P1.3”: priority 1)",
    ),
    Column(
        "reference",
        "Reference",
        True,
        ("ref", "action reference", "action ref"),
        "The action's reference. A reference already in the plan under that priority changes that action; "
        "a new one adds an action.",
        words=("ref", "reference", "no", "number", "id", "action no", "action number"),
    ),
    Column(
        "title",
        "What will be done",
        True,
        ("action", "title", "what we will do"),
        "The action, in a sentence.",
        words=("action", "actions", "what", "task"),
    ),
    Column(
        "description",
        "Description",
        False,
        ("details",),
        "More about the action. Optional.",
        words=("description", "detail", "details", "how"),
    ),
    Column(
        "success_measure",
        "How success will be measured",
        True,
        ("success measure", "measure of success", "measures of success", "how will success be measured"),
        "What will show the action has worked.",
        words=("success", "measure", "measures", "outcome", "outcomes", "impact"),
        if_absent=f"New actions say “{NO_SUCCESS_MEASURE}” until someone adds how success will be measured",
    ),
    Column(
        "lead_agency",
        "Lead agency",
        True,
        ("agency",),
        "The agency that leads the action.",
        words=("lead", "lead agency", "agency", "responsible", "owner", "lead organisation", "organisation"),
    ),
    Column(
        "lead",
        "Lead e-mail",
        False,
        ("lead", "lead email", "lead email address", "action lead"),
        "The e-mail address of the person who leads the action, a member of the partnership. Optional.",
        words=("email", "e mail"),
        looks_like="@",
    ),
    Column(
        "start_date",
        "Start date",
        True,
        ("start",),
        "When work starts.",
        words=("start", "start date", "from"),
        if_absent="New actions start on the strategy’s start date, or on their due date if that is earlier",
    ),
    Column(
        "due_date",
        "Due date",
        True,
        ("due", "target date", "deadline", "completion date"),
        "When it is due.",
        words=("timescale", "timescales", "due", "deadline", "by when", "target date", "completion", "end date"),
    ),
    Column(
        "status",
        "Status",
        False,
        ("rag status", "progress"),
        "Empty: Not started for a new action, and no change for an existing one.",
        words=("rag", "brag", "status", "rating", "rag rating"),
    ),
    Column(
        "due_date_reason",
        "Reason for due date change",
        False,
        ("due date change reason", "reason for change", "reason for due date changing"),
        "Needed only when the due date of an action already in the plan changes.",
        words=("reason",),
    ),
)
# The plan's update history: a progress update for the row's action, marked as imported.
HISTORY_COLUMNS = (
    Column(
        "update",
        "Progress update",
        False,
        ("update", "progress update narrative"),
        "What has happened, recorded as a progress update of the action (marked as imported). Optional.",
        words=("progress update", "update", "updates", "commentary", "progress to date", "latest update"),
    ),
    Column(
        "update_date",
        "Date of the update",
        False,
        ("update date", "date of update", "date updated"),
        "When the progress update was written. Empty: the day of the import. Optional.",
        words=("update date", "date of update", "date updated", "last updated", "updated on"),
    ),
)
# A second sheet of the workbook with the plan's update history, one row per update.
HISTORY_SHEET = "update history sheet"
HISTORY_SHEET_COLUMNS = (
    Column("reference", "Action reference", True, ("reference", "ref", "action ref", "action", "action no")),
    Column("date", "Date", True, ("date of update", "update date", "updated on", "date updated")),
    Column("status", "Status", False, ("rag", "rag status", "brag")),
    Column("narrative", "Update", True, ("narrative", "progress", "commentary", "update narrative", "comments")),
    Column("author", "Author", False, ("author name", "by", "updated by", "written by", "name")),
)
HEADERS = {column.key: column.header for column in COLUMNS + HISTORY_COLUMNS}
TEXT_LIMITS = {name: Action._meta.get_field(name).max_length for name in ("reference", "title")}
COMPARED = ("title", "description", "success_measure", "lead_agency", "lead", "start_date", "due_date", "status")
CHANGE_LABELS = {**HEADERS, "lead": "Lead"}
PRIORITY_NUMBER = re.compile(r"^\s*(?:priority|objective)?\s*(?:no\.?|number)?\s*p?\s*(\d+)\b", re.I)
# A heading row of a plan ("Priority 2: Early help", often merged across the row): the priority of the rows below it.
PRIORITY_HEADING = re.compile(r"^\s*(?:priority|objective)\s*(?:no\.?|number)?\s*(\d+)\b", re.I)
# The priority number a reference starts with, for a plan without a priority column: "1.3", "P1.3", "2a".
REFERENCE_PRIORITY = re.compile(r"^\s*(?:priority\s*|p\s*)?(\d+)(?!\d)", re.I)
# The words plans use for an action's status: the portal's own, RAG/BRAG colours, their initials and common phrases.
# Read in any case and spacing, with or without "RAG:" before them ("RAG: A", "BRAG status - Blue").
STATUS_WORDS = {
    Status.NOT_STARTED: ("Not started", "Not yet started", "Grey", "Gray", "Not due"),
    Status.ON_TRACK: ("On track", "Green", "G", "On target", "On schedule", "In progress"),
    Status.AT_RISK: ("At risk", "Amber", "A", "Some slippage", "Slipping"),
    Status.OFF_TRACK: ("Off track", "Red", "R", "Not on track", "Behind schedule", "Overdue", "Delayed"),
    Status.COMPLETED: ("Completed", "Complete", "Blue", "B", "Done", "Achieved", "Finished"),
    Status.CANCELLED: ("Cancelled", "Canceled", "Withdrawn", "Stopped", "No longer needed"),
}
STATUS_BY_WORD = {cells.normalise_choice(word): status for status, words in STATUS_WORDS.items() for word in words}
STATUS_BY_WORD.update({cells.normalise_choice(status.value): status for status in Status})
STATUS_BY_COLOUR = {
    colours.GREEN: Status.ON_TRACK,
    colours.AMBER: Status.AT_RISK,
    colours.RED: Status.OFF_TRACK,
    colours.BLUE: Status.COMPLETED,
}
COLOUR_WORDS = ("green", "amber", "red", "blue", "grey", "gray")
STATUS_PREFIX = re.compile(r"^(b?rag|status)( status| rating)?\s*[:=]?\s*")
READ_FROM_COLOUR = "read from the cell colour"


def _blank(value) -> bool:
    """An empty cell: nothing, spaces, or only a fill colour."""
    return value is None or isinstance(value, CellColour | Unreadable) or (isinstance(value, str) and not value.strip())


def status_words() -> str:
    """The accepted status words, for the template's instructions and the help page."""
    return "; ".join(f"{status.label} (also {', '.join(STATUS_WORDS[status][1:])})" for status in Status)


def status_from_text(value) -> Status | None:
    """The status a cell's words give ("Green", "G", "RAG: A", "Complete"...), or None when they give none."""
    wanted = cells.normalise_choice(cells.text(value)).replace(":", " : ")
    wanted = " ".join(STATUS_PREFIX.sub("", " ".join(wanted.split())).replace(" : ", ": ").split()).strip(" :")
    if wanted in STATUS_BY_WORD:
        return STATUS_BY_WORD[wanted]
    # "Green (on track)", "Amber - some slippage": the word before the explanation.
    first = re.split(r"\s*[(/:]\s*|\s+–\s+", wanted, maxsplit=1)[0].strip()
    if first in STATUS_BY_WORD:
        return STATUS_BY_WORD[first]
    # "Amber some slippage" (a dash is read as a space): a colour word first is the rating.
    colour = wanted.split(" ", 1)[0]
    return STATUS_BY_WORD[colour] if colour in COLOUR_WORDS else None


TEXT_FIELDS = ("title", "description", "success_measure")


@dataclass
class ActionRow:
    """What ``apply`` does for one row: the fields of a new action, or the changes to an existing one,
    and the progress update the file gives for it."""

    priority: Priority
    reference: str
    action: Action | None
    fields: dict
    reason: str
    update: action_services.ImportedUpdate | None = None
    history: list = field(default_factory=list)  # updates from the update history sheet

    @property
    def updates(self) -> list:
        return ([self.update] if self.update is not None else []) + self.history


def show(name, value) -> str:
    """A field's value as the preview shows it."""
    if name == "due_date" and value is None:
        return NO_DUE_DATE
    if value in (None, ""):
        return "(none)"
    if isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    if name == "status":
        return Status(value).label
    if isinstance(value, User):
        name_part = value.get_full_name()
        return f"{name_part} ({value.email})" if name_part else value.email
    if isinstance(value, Agency):
        return value.name
    return str(value)


def same(name, old, new) -> bool:
    if name in ("lead_agency", "lead"):
        return getattr(old, "pk", None) == getattr(new, "pk", None)
    if name in TEXT_FIELDS:
        return _plain(old) == _plain(new)
    return old == new


def _plain(text) -> str:
    # Web forms save line breaks as \r\n, spreadsheets as \n: the same text either way.
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class ActionPlanImporter(Importer):
    kind = "action_plan"
    label = "Action plan"
    title = "Import an action plan"
    sheet_title = "Action plan"
    one_row_is = "one action"
    row_noun, row_plural = "action", "actions"
    template_name = "action plan template"
    description = (
        "Add actions to the action plan of the active strategy, or change them, from an Excel spreadsheet (.xlsx) "
        "or a CSV file. A row whose priority number and reference match an action already in the plan changes "
        "that action; any other row adds one."
    )
    who_may = "The partnership business manager and steering-group members can import the action plan."
    columns = COLUMNS + HISTORY_COLUMNS

    @classmethod
    def allowed(cls, membership) -> bool:
        return access.can_manage_plan(membership)

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    @cached_property
    def strategy(self):
        return Strategy.objects.active_for(self.partnership)

    @cached_property
    def priorities(self) -> dict[int, Priority]:
        priorities = Priority.objects.filter(strategy=self.strategy).select_related("strategy").order_by("number")
        return {priority.number: priority for priority in priorities}

    @cached_property
    def agencies(self) -> dict[str, Agency]:
        agencies = Agency.objects.of_partnership(self.partnership)
        return {cells.normalise_choice(agency.name): agency for agency in agencies}

    @cached_property
    def agency_names(self) -> dict[str, Agency]:
        """Every name the file may give an agency: its own, without its bracketed part, and its other names."""
        return account_selectors.agency_lookup(self.partnership)

    @cached_property
    def members(self) -> dict[str, User]:
        users = User.objects.filter(memberships__partnership=self.partnership, memberships__is_active=True)
        return {user.email.lower(): user for user in users}

    def unavailable_reason(self) -> str:
        if self.strategy is None:
            return "The partnership has no active strategy. Make a strategy active, then import its action plan"
        if not self.priorities:
            return f"{self.strategy.title} has no priorities yet. Add its priorities, then import its action plan"
        return ""

    def read(self, data: bytes, name: str, mapping=None) -> Table:
        """The plan, and the rows of a sheet of its update history if the workbook has one (``history``)."""
        table = super().read(data, name, mapping)
        self.history = None
        if sniff(data, name) == "xlsx":
            try:
                self.history = read_table(data, name, HISTORY_SHEET_COLUMNS)
            except FileRefused:
                self.history = None  # no sheet names the update history's columns
        return table

    # --- validation -----------------------------------------------------------------

    def plan(self, table: Table) -> tuple[Preview, list[CellProblem]]:
        preview, problems = self._plan_actions(table)
        history = getattr(self, "history", None)
        if history is not None:
            problems += self._plan_history(history, preview)
        return preview, problems

    def _plan_actions(self, table: Table) -> tuple[Preview, list[CellProblem]]:
        self.unknown_agencies: dict[str, NameQuestion] = {}
        existing = {
            (action.priority_id, action.reference.casefold()): action
            for action in Action.objects.current()
            .filter(priority__strategy=self.strategy)
            .select_related("priority__strategy", "lead_agency", "lead")
        }
        history = getattr(self, "history", None) is not None
        self.recorded = self._recorded_updates() if "update" in table.present or history else set()
        self.existing = existing
        seen: dict[tuple, int] = {}
        plans, problems = [], []
        heading = None
        for row in table.rows:
            text = self._heading_text(row)
            if text is not None:
                heading, problem = self._heading(row, text)
                problems += [problem] if problem else []
                continue
            row_cells = RowCells(row, self.columns, table.present)
            plan = self._plan_row(row_cells, existing, seen, heading)
            problems += row_cells.problems
            if plan is not None:
                plans.append(plan)
        return Preview(plans), problems

    @staticmethod
    def _heading_text(row) -> str | None:
        """The text of a heading row: every cell it fills says the same, "Priority 2: …" (a merged cell filled across
        the row, or a heading typed in one cell); None for any other row."""
        texts = {" ".join(value.split()) for value in row.values.values() if isinstance(value, str) and value.strip()}
        others = [v for v in row.values.values() if not isinstance(v, str) and not _blank(v)]
        if len(texts) != 1 or others:
            return None
        text = texts.pop()
        return text if PRIORITY_HEADING.match(text) else None

    def _heading(self, row, text) -> tuple[tuple | None, CellProblem | None]:
        """(number, heading, row) for the rows under a heading, or a problem if it names no priority of the strategy."""
        number = int(PRIORITY_HEADING.match(text)[1])
        if number not in self.priorities:
            numbers = ", ".join(str(n) for n in self.priorities)
            message = f"The heading “{text}” names no priority of {self.strategy.title}: use {numbers}"
            return None, CellProblem(row.number, "", message)
        return (number, text, row.number), None

    def _plan_row(self, row_cells: RowCells, existing, seen, heading=None) -> RowPlan | None:
        under_heading = heading is not None and (not row_cells.has("priority") or _blank(row_cells.raw("priority")))
        priority = None
        if under_heading:
            number, text, at = heading
            priority = self.priorities[number]
            row_cells.how["priority"] = f"from the heading “{text}” in row {at}"
        elif row_cells.has("priority"):
            priority = row_cells.read("priority", self._priority)
        reference = row_cells.read("reference", cells.text, max_length=TEXT_LIMITS["reference"], label="The reference")
        if reference == "":
            row_cells.fail("reference", "Enter the reference, for example P2.3")
        elif reference and priority is None and not row_cells.has("priority"):
            priority = self._priority_of_reference(row_cells, reference)
        action = None
        if priority and reference:
            key = (priority.pk, reference.casefold())
            if key in seen:
                row_cells.fail("reference", f"{reference} of priority {priority.number} is also in row {seen[key]}")
            seen.setdefault(key, row_cells.row.number)
            action = existing.get(key)
        values = self._values(row_cells, action)
        reason = row_cells.read("due_date_reason", cells.text) or ""
        moved = (
            action is not None and action.due_date and values.get("due_date") and values["due_date"] != action.due_date
        )
        if moved and not reason:
            row_cells.fail("due_date_reason", f"Enter why the due date of {action.reference} is changing")
        update = self._update(row_cells, action, values)
        if row_cells.problems:
            return None
        if action is None:
            return self._new_row(row_cells, priority, reference, values, update)
        return self._changed_row(row_cells, action, values, reason, update)

    def _priority(self, value) -> Priority:
        if value is None:
            raise cells.CellError("Enter the priority number, for example 1")
        # "2", "P2", "Priority 2" or a merged heading such as "Priority 2: Early help".
        match = PRIORITY_NUMBER.match(cells.text(value))
        textual = match[1] if match else cells.text(value)
        number = cells.whole_number(textual, f"Enter the priority as a number, like {min(self.priorities)}")
        if number not in self.priorities:
            numbers = ", ".join(str(n) for n in self.priorities)
            raise cells.CellError(f"{self.strategy.title} has no priority {number}: use {numbers}")
        return self.priorities[number]

    def _priority_of_reference(self, row_cells: RowCells, reference: str) -> Priority | None:
        """The priority a reference starts with ("1.3", "P1.3"), for a plan matched without a priority column."""
        match = REFERENCE_PRIORITY.match(reference)
        if match is None or int(match[1]) not in self.priorities:
            first = min(self.priorities)
            numbers = ", ".join(str(n) for n in self.priorities)
            row_cells.fail(
                "reference",
                f"{reference} does not start with the number of a priority of {self.strategy.title} ({numbers}): "
                f"start it with its priority's number, like {first}.1, or match a column to Priority number",
            )
            return None
        row_cells.how["priority"] = f"from the reference “{reference}”"
        return self.priorities[int(match[1])]

    def _values(self, row_cells: RowCells, action: Action | None) -> dict:
        """The new value of every field the file gives (all of them for a new action).

        A file of its own layout may have no start date or success measure column: an action
        already in the plan keeps its own, a new one gets the defaults its column's ``if_absent`` says.
        """
        readers = {
            "title": lambda: self._required_text(row_cells, "title", "Enter what will be done"),
            "success_measure": lambda: self._required_text(
                row_cells, "success_measure", "Enter how success will be measured"
            ),
            "lead_agency": lambda: self._lead_agency(row_cells),
            "start_date": lambda: row_cells.read("start_date", self._date, "Enter the start date"),
            "due_date": lambda: row_cells.read("due_date", self._due_date),
        }
        values = {key: read() for key, read in readers.items() if row_cells.has(key)}
        if "due_date" in values:
            start = values.get("start_date", action.start_date if action else None)
            values["due_date"] = self._due_date_value(row_cells, values["due_date"], start, action)
        if action is None:
            values.setdefault("success_measure", NO_SUCCESS_MEASURE)
            if "start_date" not in values:
                due = values.get("due_date")
                values["start_date"] = min(self.strategy.start_date, due) if due else self.strategy.start_date
        if row_cells.has("description") or action is None:
            values["description"] = row_cells.read("description", cells.text)
        if row_cells.has("lead") or action is None:
            values["lead"] = row_cells.read("lead", self._lead, action)
        status = row_cells.read("status", self._status)
        written = " ".join(cells.text(row_cells.raw("status")).split())
        if status and written.casefold() != Status(status).label.casefold():
            row_cells.how["status"] = f"from “{written}”"
        if status is None and row_cells.fill("status"):
            status = self._status_from_colour(row_cells)
        if status or action is None:
            values["status"] = status or Status.NOT_STARTED
        start = values.get("start_date", action.start_date if action else None)
        due = values.get("due_date", action.due_date if action else None)
        if start and due and due < start:
            row_cells.fail("due_date", "The due date must be on or after the start date")
        return values

    @staticmethod
    def _status_from_colour(row_cells: RowCells) -> str | None:
        """The status an empty cell's fill gives (green, amber, red or blue), noted as read from the colour."""
        rgb = row_cells.fill("status")
        status = STATUS_BY_COLOUR.get(colours.rag_colour(rgb))
        if status is not None:
            row_cells.how["status"] = READ_FROM_COLOUR
            return status.value
        if colours.is_coloured(rgb):
            row_cells.fail("status", "The cell is coloured, but not green, amber, red or blue: type the status instead")
        return None

    def _due_date_value(self, row_cells: RowCells, due, start, action):
        """The due date to set: the one read; for "Ongoing" none (a new action is flagged for review), and an
        action already in the plan keeps its own."""
        if due is None:
            return None
        if not due.ongoing:
            row_cells.how["due_date"] = f"from “{cells.text(row_cells.raw('due_date'))}”" if due.how else ""
            return due.date
        written = cells.text(row_cells.raw("due_date"))
        if action is not None:
            if action.due_date is not None:
                row_cells.checks.append(f"The due date is “{written}”: {action.reference} keeps its due date")
            return action.due_date
        row_cells.how["due_date"] = f"read “{written}” as no due date, flagged for review"
        row_cells.checks.append(f"Read “{written}” as no due date, flagged for review: set one when it is known")
        return None

    def _required_text(self, row_cells: RowCells, key: str, message: str) -> str | None:
        value = row_cells.read(key, cells.text, max_length=TEXT_LIMITS.get(key), label=HEADERS[key])
        if value == "":
            row_cells.fail(key, message)
        return value

    @staticmethod
    def _date(value, message):
        if value is None:
            raise cells.CellError(message)
        return cells.date(value)

    @staticmethod
    def _due_date(value):
        if value is None:
            raise cells.CellError("Enter the due date")
        return cells.due_date(value)

    def _lead_agency(self, row_cells: RowCells) -> Agency | None:
        """The row's lead agency; a name the partnership does not know is also kept to ask what it means."""
        agency = row_cells.read("lead_agency", self._agency)
        if row_cells.raw("lead_agency") is None:
            return agency
        written = " ".join(cells.text(row_cells.raw("lead_agency")).split())
        key = agency_name_key(written)
        if agency is not None:
            if key != agency_name_key(agency.name):  # another name of it, or its name without the bracketed part
                row_cells.how["lead_agency"] = f"from “{written}”"
            return agency
        if key and key not in self.agency_names and key not in self.declined_names:
            question = self.unknown_agencies.get(key)
            if question is None:
                question = self.unknown_agencies[key] = NameQuestion(
                    key, written, row_cells.label("lead_agency"), AGENCY_QUESTION.format(written=written)
                )
            question.rows.append(row_cells.row.number)
        return None

    # --- names of agencies the partnership does not know yet -------------------------------

    def name_questions(self) -> list[NameQuestion]:
        """What each unknown agency name means, once per name; none when there are so many that the column is
        more likely not the agencies' (its rows are then refused as they are)."""
        questions = list(getattr(self, "unknown_agencies", {}).values())
        if len(questions) > MAX_AGENCY_QUESTIONS:
            return []
        current = list(Agency.objects.of_partnership(self.partnership).current())
        for question in questions:
            likely = account_selectors.agency_likely(question.written, current)
            question.suggested = str(likely.pk) if likely else ""
        return questions

    def name_choices(self, question: dict) -> list[tuple[str, str]]:
        return [(str(agency.pk), agency.name) for agency in Agency.objects.of_partnership(self.partnership).current()]

    def name_remember(self, question: dict, value: str) -> None:
        """Save the name as another name of the chosen agency (``accounts.AgencyAlias``), for every later file."""
        agency = None
        if str(value).isdigit():
            agency = Agency.objects.of_partnership(self.partnership).current().filter(pk=int(value)).first()
        if agency is None:
            raise ValidationError(
                {"agency": f"Choose which of the partnership’s agencies “{question['written']}” means"}
            )
        account_services.agency_alias_add(self.membership, agency=agency, name=question["written"])

    def _agency(self, value) -> Agency:
        if value is None:
            raise cells.CellError("Enter the lead agency")
        written = " ".join(cells.text(value).split())
        agency = self.agency_names.get(agency_name_key(written))
        if agency is None:
            names = "; ".join(a.name for a in self.agencies.values())
            raise cells.CellError(f"There is no agency called “{written}” in the partnership. Use one of: {names}")
        return agency

    def _lead(self, value, action: Action | None) -> User | None:
        if value is None:
            return None
        email = cells.text(value).lower().removeprefix("mailto:")
        try:
            validate_email(email)
        except ValidationError as error:
            raise cells.CellError("Enter the lead’s e-mail address, like name@example.org") from error
        # The current lead stays the lead even if they have since left the partnership.
        if action is not None and action.lead is not None and action.lead.email.lower() == email:
            return action.lead
        if email not in self.members:
            raise cells.CellError(f"No member of {self.partnership.name} has the e-mail address {email}")
        return self.members[email]

    @staticmethod
    def _status(value) -> str | None:
        if value is None:
            return None
        status = status_from_text(value)
        if status is None:
            raise cells.CellError(
                f"“{cells.text(value)}” is not a status: use {', '.join(Status.labels)}, "
                "or Green, Amber, Red or Blue (completed)"
            )
        return status.value

    # --- what each row will do -------------------------------------------------------

    def _new_row(self, row_cells, priority, reference, values, update) -> RowPlan | None:
        candidate = Action(priority=priority, reference=reference, **values)
        if not self._model_valid(row_cells, candidate):
            return None
        shown = ("lead_agency", "lead", "start_date", "due_date", "status")
        changes = [Change("Priority", "", row_cells.shown("priority", str(priority.number)))]
        changes += [Change(CHANGE_LABELS[n], "", row_cells.shown(n, show(n, values[n]))) for n in shown]
        if not row_cells.has("start_date"):
            changes[-3] = Change(CHANGE_LABELS["start_date"], "", f"{show('', values['start_date'])} (not in the file)")
        if not row_cells.has("success_measure"):
            changes.append(Change(HEADERS["success_measure"], "", f"{NO_SUCCESS_MEASURE} (not in the file)"))
        changes += self._update_changes(update)
        payload = ActionRow(priority, reference, None, values, "", update)
        label = f"{reference} {values['title']}"
        return RowPlan(row_cells.row.number, label, NEW, changes, payload, row_cells.checks)

    def _changed_row(self, row_cells, action: Action, values: dict, reason: str, update) -> RowPlan | None:
        changed = {name: value for name, value in values.items() if not same(name, getattr(action, name), value)}
        changes = [
            Change(CHANGE_LABELS[n], show(n, getattr(action, n)), row_cells.shown(n, show(n, changed[n])))
            for n in COMPARED
            if n in changed
        ]
        if "due_date" in changed:
            changes.append(Change(HEADERS["due_date_reason"], show("", action.due_date_change_reason), reason))
        candidate = Action(
            priority=action.priority,
            reference=action.reference,
            **{name: changed.get(name, getattr(action, name)) for name in COMPARED},
        )
        if not self._model_valid(row_cells, candidate):
            return None
        changes += self._update_changes(update)
        label = f"{action.reference} {changed.get('title', action.title)}"
        payload = ActionRow(action.priority, action.reference, action, changed, reason, update)
        state = CHANGED if changed or update else UNCHANGED
        return RowPlan(row_cells.row.number, label, state, changes, payload, row_cells.checks)

    # --- the update history -------------------------------------------------------------

    def _recorded_updates(self) -> set[tuple]:
        """(action, date, text) of every update already recorded, so importing a file again adds none twice."""
        updates = ProgressUpdate.objects.filter(action__priority__strategy=self.strategy)
        return {(a, d, _plain(n)) for a, d, n in updates.values_list("action_id", "update_date", "narrative")}

    def _update(self, row_cells: RowCells, action: Action | None, values: dict):
        """The progress update the row's update column gives, or None (none, or already recorded)."""
        if not row_cells.has("update"):
            return None
        narrative = row_cells.read("update", cells.text)
        day = row_cells.read("update_date", self._update_date) if row_cells.has("update_date") else None
        if not narrative:
            if day:
                row_cells.fail("update", "Enter the progress update, or leave its date empty")
            return None
        day = day or self.today
        status = values.get("status") or (action.status if action else Status.NOT_STARTED)
        if action is not None and (action.pk, day, _plain(narrative)) in self.recorded:
            return None
        return action_services.ImportedUpdate(status=status, narrative=narrative, update_date=day)

    def _plan_history(self, history: Table, preview: Preview) -> list[CellProblem]:
        """Each row of the update history sheet becomes an imported update of the action its reference names."""
        in_file = {}
        for plan in preview.rows:
            in_file.setdefault(plan.payload.reference.casefold(), []).append(plan)
        existing = {}
        for action in self.existing.values():
            existing.setdefault(action.reference.casefold(), []).append(action)
        extra: dict[int, RowPlan] = {}
        problems = []
        for row in history.rows:
            row_cells = RowCells(row, HISTORY_SHEET_COLUMNS, history.present)
            target, update = self._history_row(row_cells, in_file, existing)
            problems += [
                CellProblem(p.row, f"{p.column} ({HISTORY_SHEET})" if p.column else p.column, p.message)
                for p in row_cells.problems
            ]
            if row_cells.problems or update is None:
                continue
            plan = target if isinstance(target, RowPlan) else extra.get(target.pk)
            if plan is None:
                payload = ActionRow(target.priority, target.reference, target, {}, "")
                label = f"{target.reference} {target.title}"
                plan = extra[target.pk] = RowPlan(row.number, label, CHANGED, [], payload)
                preview.rows.append(plan)
            plan.payload.history.append(update)
            plan.changes += self._update_changes(update)
            if plan.state == UNCHANGED:
                plan.state = CHANGED
        return problems

    def _history_row(self, row_cells: RowCells, in_file, existing):
        """(the row plan or action the update is for, the update), or (None, None) with the problem noted."""
        reference = row_cells.read("reference", cells.text)
        day = row_cells.read("date", self._update_date)
        narrative = row_cells.read("narrative", cells.text)
        author = row_cells.read("author", cells.text, max_length=200, label="The author") or ""
        status = row_cells.read("status", self._status)
        if not reference:
            row_cells.fail("reference", "Enter the reference of the action the update is about")
        if day is None and not row_cells.failed("date"):
            row_cells.fail("date", "Enter the date of the update, like 31/03/2024")
        if not narrative:
            row_cells.fail("narrative", "Enter what the update says")
        if not reference:
            return None, None
        targets = in_file.get(reference.casefold()) or existing.get(reference.casefold()) or []
        if not targets:
            row_cells.fail("reference", f"There is no action {reference} in the plan or in the file")
        elif len(targets) > 1:
            row_cells.fail("reference", f"More than one priority has an action {reference}: make the references unique")
        if row_cells.problems:
            return None, None
        target = targets[0]
        action = target if isinstance(target, Action) else target.payload.action
        if action is not None and (action.pk, day, _plain(narrative)) in self.recorded:
            return target, None  # already recorded
        status = status or (action.status if action is not None else target.payload.fields.get("status"))
        update = action_services.ImportedUpdate(
            status=status or Status.NOT_STARTED, narrative=narrative, update_date=day, author_name=author
        )
        return target, update

    def _update_date(self, value):
        day = cells.date(value, "Enter the date of the update, like 31/03/2024")
        if day and day > self.today:
            raise cells.CellError("The date of the update cannot be in the future")
        if day and (quarter := Period.quarter_of(day)).label in self._locked_quarters:
            # After the lock a change to the quarter needs a reason (decision 0030): a file gives none.
            raise cells.CellError(
                f"{quarter} is locked: its report has been issued. Add this update on the action's page, "
                "with the reason for the correction"
            )
        return day

    @cached_property
    def _locked_quarters(self) -> set[str]:
        return priority_selectors.locked_quarters(self.partnership)

    @staticmethod
    def _update_changes(update) -> list[Change]:
        if update is None:
            return []
        author = f" ({update.author_name})" if update.author_name else ""
        return [Change("Progress update", "", f"{update.update_date:%-d %b %Y}{author}: {update.narrative}")]

    @staticmethod
    def _model_valid(row_cells: RowCells, candidate: Action) -> bool:
        """The model's own rules, without the database (the agency, lead and priority are already checked)."""
        try:
            candidate.full_clean(
                exclude=["priority", "lead_agency", "lead"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    row_cells.fail(name, message.rstrip("."))
            return False
        return True

    # --- writing ----------------------------------------------------------------------

    def apply(self, preview: Preview) -> dict[str, int]:
        """New actions in bulk, changed ones one by one through ``action_update``, then the update history."""
        problems, updates = [], []
        rows = preview.changing_rows
        new = [plan for plan in rows if plan.payload.action is None]
        created = self._create(new)
        for plan, action in zip(new, created, strict=True):
            updates += [(action, update) for update in plan.payload.updates]
        for plan in rows:
            item: ActionRow = plan.payload
            if item.action is None:
                continue
            try:
                action = self._change(item)
                updates += [(action, update) for update in item.updates]
            except ValidationError as error:
                problems += [
                    CellProblem(plan.row, HEADERS.get(name, ""), message.rstrip("."))
                    for name, messages in error.message_dict.items()
                    for message in messages
                ]
            except PermissionDenied as error:
                problems.append(CellProblem(plan.row, "", str(error)))
        if problems:
            raise ImportProblems(problems, self.columns)
        action_services.progress_updates_import(self.membership, updates)
        return preview.counts()

    def _change(self, item: ActionRow) -> Action:
        """Change an existing action; a new status is recorded as a progress update, as on the action's page."""
        fields = dict(item.fields)
        status = fields.pop("status", None)
        if fields:
            action_services.action_update(self.membership, item.action, due_date_reason=item.reason, **fields)
        if status is not None and status != item.action.status:
            narrative = f"Status changed to {said_with_colour(status)} by importing the action plan spreadsheet."
            action_services.progress_update_add(self.membership, item.action, status=status, narrative=narrative)
        return item.action

    def _create(self, plans: list[RowPlan]) -> list[Action]:
        actions = [
            Action(priority=plan.payload.priority, reference=plan.payload.reference, **plan.payload.fields)
            for plan in plans
        ]
        try:
            return action_services.actions_create_many(self.membership, actions) if actions else []
        except ValidationError as error:
            raise ImportProblems([CellProblem(None, "", m.rstrip(".")) for m in error.messages]) from error
        except PermissionDenied as error:
            raise ImportProblems([CellProblem(None, "", str(error))]) from error

    # --- the template -------------------------------------------------------------------

    def guidance(self) -> list[ColumnGuide]:
        today = timezone.localdate()
        first = min(self.priorities) if self.priorities else 1
        agencies = list(self.agencies.values())
        allowed = {
            "priority": "; ".join(f"{n} ({p.title})" for n, p in self.priorities.items()),
            "reference": f"Text, up to {TEXT_LIMITS['reference']} characters",
            "title": f"Text, up to {TEXT_LIMITS['title']} characters",
            "lead_agency": "; ".join(a.name for a in agencies),
            "lead": f"The e-mail address of a member of {self.partnership.name}",
            "start_date": "A date, such as 01/04/2026",
            "due_date": (
                "A date on or after the start date, such as 31/03/2027; a month such as March 2027 (its last day); "
                "a quarter such as Q4 2026/27 (its last day); or Ongoing, TBC or No due date (no due date: "
                "a new action is flagged for review)"
            ),
            "status": status_words() + ". Or leave it empty and fill the cell green, amber, red or blue",
            "update_date": "A date, not in the future, such as 31/03/2026",
        }
        example = {
            "priority": first,
            "reference": f"P{first}.9",
            "title": "Train designated safeguarding leads to use the neglect toolkit",
            "description": "Half-day course run by the partnership's training team.",
            "success_measure": "80% of designated safeguarding leads trained; audit shows the toolkit in use",
            "lead_agency": agencies[0].name if agencies else "",
            "lead": self.membership.user.email,
            "start_date": current_quarter(today).start,
            "due_date": Period.year_of(today).end,
            "status": Status.NOT_STARTED.label,
            "due_date_reason": "",
            "update": "Sessions booked with the first ten practices.",
            "update_date": None,
        }
        return [
            ColumnGuide(c.header, c.required, c.hint, allowed.get(c.key, "Text"), example[c.key]) for c in self.columns
        ]

    def summary(self, counts: dict[str, int]) -> str:
        return (
            f"{counts.get(NEW, 0)} {'action' if counts.get(NEW, 0) == 1 else 'actions'} added, "
            f"{counts.get(CHANGED, 0)} changed and {counts.get(UNCHANGED, 0)} unchanged"
        )
