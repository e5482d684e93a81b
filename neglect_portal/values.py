"""Reading the values people write in their own spreadsheets and systems: numbers, suppressed figures, due dates.

Every reader takes text (or a number or date, as a spreadsheet gives it) and
either returns the value or raises ``ValueError`` whose message tells the
person what to write instead. The spreadsheet imports (``spreadsheets.cells``)
and the API use the same readers, so a figure the one accepts the other does.
Periods are read by :meth:`neglect_portal.periods.Period.read`.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from neglect_portal.periods import Period

NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")

# Figures withheld to protect small numbers or not available, as councils, the NHS and the ONS mark them.
NOT_PUBLISHED_MARKERS = (
    "*",
    "**",
    "***",
    "n/a",
    "na",
    "n.a.",
    "[c]",
    "[x]",
    "[z]",
    "[u]",
    "[low]",
    "c",
    "x",
    "..",
    ":",
    "-",
    "–",
    "—",
    "supp",
    "suppressed",
    "not published",
    "not available",
    "redacted",
)
SMALL_NUMBER = re.compile(r"^(<|≤|<=|less than)\s*\d{1,3}$")
NOT_PUBLISHED_EXAMPLES = "*, <5, n/a, -, .., c, x or [c]"

# Due dates that are not dates: the action goes on, or the date is not set yet.
ONGOING_WORDS = (
    "ongoing",
    "on going",
    "continuous",
    "continual",
    "throughout",
    "quarterly",
    "monthly",
    "annually",
    "annual",
    "termly",
    "regularly",
    "tbc",
    "to be confirmed",
    "tba",
)
MONTH_FORMATS = ("%B %Y", "%b %Y", "%B %y", "%b %y", "%b-%y", "%B-%y", "%b-%Y", "%B-%Y", "%m/%Y", "%Y-%m")
DUE_DATE_WORDS = re.compile(r"^(?:(?:by|the|end|of)\s+)+", re.I)  # "by the end of March 2027"


class ValueProblem(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_number(value, message: str, *, allow_percent_sign=False) -> Decimal | None:
    """A number from 147, 51.8, "1,234", "1 234" or (when allowed) "64.8%"; None when empty.

    Raises :class:`ValueProblem` with ``message`` when it is anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool | datetime.date | datetime.time):
        raise ValueProblem(message)
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    textual = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if not textual:
        return None
    if textual.endswith("%"):
        if not allow_percent_sign:
            raise ValueProblem(f"{message}, without a % sign")
        textual = textual[:-1]
    if not NUMBER_TEXT.match(textual):
        raise ValueProblem(message)
    try:
        return Decimal(textual.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueProblem(message) from error


def not_published_marker(value) -> str | None:
    """The marker as written when ``value`` says the figure is not published ("*", "<5", "[c]"...); else None.

    An empty value is not a marker: whether an empty cell means "not published" is for the caller to say.
    """
    if not isinstance(value, str):
        return None
    written = " ".join(value.split())
    lowered = written.lower()
    if lowered in NOT_PUBLISHED_MARKERS or SMALL_NUMBER.match(lowered):
        return written
    return None


@dataclass(frozen=True)
class DueDate:
    """A due date read from what was written, and how it was read ("" for a plain date)."""

    date: datetime.date | None  # None: no due date ("Ongoing")
    how: str = ""

    @property
    def ongoing(self) -> bool:
        return self.date is None


def read_due_date(value, read_date) -> DueDate:
    """A due date from a date, a month ("March 2024": its last day), a financial quarter or year ("Q4 2023/24":
    its last day), or "Ongoing" and its kind (no due date).

    ``read_date`` reads an actual date (raising ``ValueError`` when it cannot); it is tried first.
    """
    try:
        return DueDate(read_date(value))
    except ValueError as error:
        if not isinstance(value, str):
            raise
        problem = error
    textual = DUE_DATE_WORDS.sub("", " ".join(value.split())).strip()
    lowered = " ".join(re.sub(r"[-_]", " ", textual.lower()).rstrip(".").split())
    if lowered in ONGOING_WORDS:
        return DueDate(None, f"“{value.strip()}”: no due date")
    for pattern in MONTH_FORMATS:
        try:
            month = datetime.datetime.strptime(textual, pattern).date()
        except ValueError:
            continue
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        return DueDate(last, f"the last day of {month:%B %Y}")
    try:
        period = Period.read(textual)
    except ValueError:
        raise problem from None
    what = period.label if period.is_quarter else f"the financial year {period.label}"
    return DueDate(period.end, f"the last day of {what}")
