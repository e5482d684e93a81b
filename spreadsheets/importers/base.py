"""What every import shares: the preview of what a file will change, its problems, the importer contract.

An import runs in two steps. ``preview`` reads the file (``read``) and
validates every row against the portal as it is now (``plan``), returning a
:class:`Preview` (each row new, changed with old → new, or unchanged) or
raising :class:`ImportProblems` listing every problem by row and column.
``apply`` writes a preview through the owning app's services. Both run again
on confirmation, so what is imported is what the file says against the portal
at that moment.

Each importer lives in the app whose data it writes (``actions.imports``,
``outcomes.imports``) and is registered with ``spreadsheets.registry``; the
engine reads, checks, previews and confirms, and never knows what a row means.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from neglect_portal.child_identifiers import child_identifier_problems
from spreadsheets import cells
from spreadsheets.readers import (
    CellProblem,
    Column,
    ColumnMap,
    FileRefused,
    Layout,
    Row,
    Table,
    Wide,
    is_wide,
    read_layout,
    read_table,
    read_wide,
)
from spreadsheets.xlsx import Sheet

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


class ImportProblems(Exception):
    """The file cannot be imported; ``problems`` lists every bad cell, in row order."""

    def __init__(self, problems: list[CellProblem], columns: Sequence[Column] = ()):
        order = {column.header: position for position, column in enumerate(columns)}
        self.problems = sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, -1)))
        super().__init__(f"{len(self.problems)} problems")


@dataclass
class NameQuestion:
    """A name the file gives that the partnership does not know ("WMP" for an agency), asked once per name.

    ``key`` is the name as compared (what the answer is remembered under), ``written`` as the file first
    writes it, ``column`` the column it is in, ``rows`` the rows that give it, ``prompt`` the question and
    ``suggested`` the value of the choice most likely meant ("" when there is no likely one).
    """

    key: str
    written: str
    column: str
    prompt: str
    rows: list[int] = field(default_factory=list)
    suggested: str = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "written": self.written,
            "column": self.column,
            "prompt": self.prompt,
            "rows": self.rows,
            "suggested": self.suggested,
        }


class UnknownNames(Exception):
    """The file gives names the partnership does not know: a person says what each means, then the file is
    checked again (``Importer.name_questions``)."""

    def __init__(self, questions: list[NameQuestion]):
        super().__init__(f"{len(questions)} names to choose")
        self.questions = questions


@dataclass(frozen=True)
class Change:
    field: str
    old: str  # "" for a new row
    new: str


@dataclass
class RowPlan:
    """What one row of the file will do."""

    row: int
    label: str
    state: str  # NEW, CHANGED or UNCHANGED
    changes: list[Change] = field(default_factory=list)
    payload: object = field(default=None, repr=False, compare=False)  # what ``apply`` needs
    checks: list[str] = field(default_factory=list)  # what the person should check before confirming

    @property
    def is_new(self) -> bool:
        return self.state == NEW


@dataclass
class Preview:
    rows: list[RowPlan]

    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for row in self.rows:
            counts[row.state] += 1
        return counts

    @property
    def rows_to_check(self) -> int:
        return sum(1 for row in self.changing_rows if row.checks)

    @property
    def changing_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.state != UNCHANGED]

    def digest(self) -> str:
        """A fingerprint of what will change, so a confirmation imports exactly what was shown."""
        shown = [(r.row, r.state, [(c.field, c.old, c.new) for c in r.changes], r.checks) for r in self.rows]
        return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()


@dataclass
class ColumnGuide:
    """One line of a template's instructions."""

    header: str
    required: bool
    hint: str
    allowed: str
    example: object


PROGRESS_EVERY = 500


class CountedRows(list):
    """The rows of a table, telling ``progress(done, total)`` every ``PROGRESS_EVERY`` rows an importer goes through."""

    def __init__(self, rows, progress):
        super().__init__(rows)
        self.progress = progress

    def __iter__(self):
        total = len(self)
        for done, row in enumerate(super().__iter__(), start=1):
            if done % PROGRESS_EVERY == 0:
                self.progress(done, total)
            yield row


class RowCells:
    """The cells of one row, read with :mod:`spreadsheets.cells`; problems are collected, not raised."""

    def __init__(self, row: Row, columns: Sequence[Column], present: set[str]):
        self.row = row
        self.headers = {column.key: column.header for column in columns}
        self.present = present
        self.problems: list[CellProblem] = []
        self.how: dict[str, str] = {}  # how a cell was read when it was not written as the template asks
        self.checks: list[str] = []  # what the person should check in the preview

    def shown(self, key, text: str) -> str:
        """``text`` (a value as the preview shows it) with how its cell was read, if that needs saying."""
        how = self.how.get(key)
        return f"{text} ({how})" if how else text

    def has(self, key) -> bool:
        return key in self.present

    def raw(self, key):
        return self.row.values.get(key)

    def fill(self, key) -> str | None:
        """The RGB of the solid fill of this row's cell in column ``key``, when the cell is empty and filled."""
        return self.row.fills.get(key)

    def read(self, key, reader, *args, **kwargs):
        """``reader(value, ...)``, or None with the problem noted against this cell.

        Every cell read as text is refused if it could identify a child, as a form or the API would refuse it.
        """
        try:
            value = reader(self.raw(key), *args, **kwargs)
        except cells.CellError as error:
            self.fail(key, error.message)
            return None
        problems = child_identifier_problems(value)
        for message in problems:
            self.fail(key, message)
        return None if problems else value

    def fail(self, key, message: str):
        self.problems.append(CellProblem(self.row.number, self.label(key), message))

    def failed(self, key) -> bool:
        header = self.label(key)
        return any(problem.column == header for problem in self.problems)

    def label(self, key) -> str:
        """The cell's column as the file names it (a period column of a wide sheet), else the import's header."""
        return self.row.labels.get(key) or self.headers.get(key, "")


class Importer:
    """One kind of import. Subclasses define the columns, the validation (``plan``) and the writes (``apply``)."""

    kind: str  # "action_plan": its name in addresses and in Upload.kind (see spreadsheets.registry)
    label: str  # "Action plan": what an upload of this kind is called
    title: str  # "Import an action plan"
    sheet_title: str  # the data sheet of the template
    one_row_is: str  # what one row of the file stands for
    row_noun: str  # "action"
    row_plural: str  # "actions"
    template_name: str  # "action plan template"
    description: str  # what the import does, for its pages
    who_may: str  # who may run it, for those who may not
    columns: tuple[Column, ...]
    wide: Wide | None = None  # how a sheet with a column per period is read, if it can be

    def __init__(self, membership):
        self.membership = membership
        self.partnership = membership.partnership

    @classmethod
    def allowed(cls, membership) -> bool:
        raise NotImplementedError

    def unavailable_reason(self) -> str:
        """Why nothing can be imported at all (for example, no active strategy); "" when it can."""
        return ""

    def preview(self, data: bytes, name: str, mapping: ColumnMap | None = None, progress=None) -> Preview:
        """Read and validate the whole file; raises ``FileRefused`` or ``ImportProblems``.

        ``mapping``: how the columns of a file with its own header row are read (None: the template's).
        ``progress(done, total)`` is called now and then as the rows are checked.
        """
        reason = self.unavailable_reason()
        if reason:
            raise FileRefused(reason)
        table = self.read(data, name, mapping)
        if progress is not None:
            progress(0, len(table.rows))
            table.rows = CountedRows(table.rows, progress)
        preview, problems = self.plan(table)
        questions = self.name_questions()
        if questions:
            raise UnknownNames(questions)
        # An unreadable cell reads as empty: say what is wrong with it once, not also that it is empty.
        unreadable = {(problem.row, problem.column) for problem in table.problems}
        problems = table.problems + [p for p in problems if (p.row, p.column) not in unreadable]
        if problems:
            raise ImportProblems(problems, self.columns)
        return preview

    def read(self, data: bytes, name: str, mapping: ColumnMap | None = None) -> Table:
        """The file as rows of this import's columns; raises ``FileRefused``."""
        if mapping is None and self.wide is not None:
            table = read_wide(data, name, self.columns, self.wide)
            if table is not None:
                return table
        return read_table(data, name, self.columns, mapping)

    def layout(self, data: bytes, name: str) -> Layout:
        """Where the file's header row is and whether it names this import's columns; raises ``FileRefused``.

        A sheet with a column per period is read as it is (``wide``): it needs no columns matched.
        """
        reason = self.unavailable_reason()
        if reason:
            raise FileRefused(reason)
        if self.wide is not None and is_wide(data, name, self.wide):
            return Layout(0, [], True)
        return read_layout(data, name, self.columns)

    def plan(self, table: Table) -> tuple[Preview, list[CellProblem]]:
        raise NotImplementedError

    # --- names the partnership does not know yet (see ``NameQuestion``) ---------------------------------

    # Keys of names the person said mean none of the choices: read as problems on their rows, not asked again.
    declined_names: frozenset[str] = frozenset()

    def name_questions(self) -> list[NameQuestion]:
        """The names ``plan`` met that a person should say the meaning of before the file is checked again;
        none by default."""
        return []

    def name_choices(self, question: dict) -> list[tuple[str, str]]:
        """(value, label) of what a name may mean."""
        return []

    def name_remember(self, question: dict, value: str) -> None:
        """Remember for the partnership that the name of ``question`` means the choice ``value``.
        Raises ``ValidationError`` or ``PermissionDenied``."""
        raise NotImplementedError

    def apply(self, preview: Preview) -> dict[str, int]:
        raise NotImplementedError

    def guidance(self) -> list[ColumnGuide]:
        raise NotImplementedError

    def template_sheets(self) -> list[Sheet]:
        """Sheets the .xlsx template has after its instructions, such as the codes a column accepts."""
        return []

    def summary(self, counts: dict[str, int]) -> str:
        raise NotImplementedError
