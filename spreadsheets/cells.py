"""Reading one cell's value as text, a whole number, a number or a date, in words a user understands.

Cells come from .xlsx files (real numbers and dates) or CSV files (everything
is text, dates as Excel shows them), so each reader accepts both. A value that
cannot be read raises :class:`CellError` with the message to show for that cell.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from neglect_portal import values
from neglect_portal.values import DueDate

DATE_EXAMPLE = "31/03/2027"
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(value, *, max_length: int | None = None, label: str = "The text") -> str:
    """Text as typed; numbers and dates become the text Excel shows for them ("" when empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    elif isinstance(value, datetime.datetime | datetime.date):
        value = f"{value:%d/%m/%Y}"
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    value = str(value).strip()
    if max_length is not None and len(value) > max_length:
        raise CellError(f"{label} must be {max_length} characters or fewer (it has {len(value)})")
    return value


def whole_number(value, message: str) -> int | None:
    """A whole number from 46, 46.0 or "46"; ``message`` when it is anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(message)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.replace(",", "").strip()):
        return int(value.replace(",", ""))
    raise CellError(message)


def number(value, message: str, *, allow_percent_sign=False) -> Decimal | None:
    """A number from 147, 51.8, "1,234" or (when allowed) "63.5%"; ``message`` when it is anything else."""
    try:
        return values.read_number(value, message, allow_percent_sign=allow_percent_sign)
    except values.ValueProblem as error:
        raise CellError(error.message) from error


def due_date(value, message: str = f"Enter a date like {DATE_EXAMPLE}, a month like March 2027, or Ongoing") -> DueDate:
    """A due date: a date, a month (its last day), a financial quarter (its last day) or "Ongoing" (none)."""
    if value is None:
        raise CellError(message)
    try:
        return values.read_due_date(value, lambda cell: date(cell, message))
    except CellError:
        raise
    except ValueError as error:  # pragma: no cover - read_due_date re-raises the date's own CellError
        raise CellError(message) from error


def date(value, message: str = f"Enter a date like {DATE_EXAMPLE}") -> datetime.date | None:
    """A date from an Excel date cell, or text such as 31/03/2027, 2027-03-31 or 31 Mar 2027."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0, 0):
            raise CellError(message)
        value = value.date()
    elif isinstance(value, str):
        value = _date_from_text(value, message)
    if not isinstance(value, datetime.date):
        raise CellError(message)
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise CellError(f"Check the year: {message[0].lower()}{message[1:]}")
    return value


def _date_from_text(value: str, message: str) -> datetime.date:
    textual = " ".join(value.split())
    # A date with a midnight time, as some programs write it: 2027-03-31 00:00:00.
    textual = re.sub(r"[ T]00:00(:00)?$", "", textual)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(textual, pattern).date()
        except ValueError:
            continue
    raise CellError(message)


def normalise_choice(value) -> str:
    """ "On track", "on_track" and "ON-TRACK" all become "on track"."""
    return " ".join(re.sub(r"[_\-]", " ", str(value)).lower().split())
