"""UK financial-year reporting periods.

The financial year runs from 1 April to 31 March and is labelled by its two
calendar years, ``2023/24``. Its quarters are Q1 April–June, Q2 July–September,
Q3 October–December and Q4 January–March, labelled ``2023/24 Q1``.

A :class:`Period` is either a whole financial year (``quarter is None``) or one
quarter of it. Periods are immutable, hashable and ordered (a year sorts
before its own quarters).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

_LABEL = re.compile(r"^\s*(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})(?:\s*,?\s*Q([1-4]))?\s*$", re.I)
# The forms people write a period in, once "Quarter 1" is "Q1" and "FY" is gone:
# 2023/24 Q1, 2023-24 Q1, Q1 23/24, Q1 2023/24, Q1 2023-2024, 23/24 Q1, 2023/24.
_YEAR = r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})"
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?:\s*[,:-]?\s*Q([1-4]))?$")
_QUARTER_FIRST = re.compile(rf"^Q([1-4])\s*[,:-]?\s*{_YEAR}$")
PERIOD_FORMS = "2023/24 Q1, Q1 23/24, Q1 2023/24, 2023-24 Q1, a quarter's last day such as 30/06/2023, or 2023/24"


@functools.total_ordering
@dataclass(frozen=True)
class Period:
    year: int  # the calendar year in which the financial year starts
    quarter: int | None = None

    def __post_init__(self):
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"Quarter must be 1 to 4, not {self.quarter}.")
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"Financial year {self.year} is out of range.")

    def __lt__(self, other):
        return (self.year, self.quarter or 0) < (other.year, other.quarter or 0)

    # --- constructors -------------------------------------------------
    @classmethod
    def quarter_of(cls, day: datetime.date) -> Period:
        """The financial-year quarter containing ``day``."""
        year = day.year if day.month >= 4 else day.year - 1
        quarter = (day.month - 4) % 12 // 3 + 1
        return cls(year, quarter)

    @classmethod
    def year_of(cls, day: datetime.date) -> Period:
        """The financial year containing ``day``."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> Period:
        """Read a label such as ``2023/24 Q1``, ``2023/24`` or ``2023-2024 Q3``."""
        match = _LABEL.match(label or "")
        if not match:
            raise ValueError(f"“{label}” is not a period: use a label such as 2023/24 Q1 or 2023/24.")
        start, end, quarter = int(match[1]), match[2], match[3]
        expected = start + 1 if len(end) == 4 else (start + 1) % 100
        if int(end) != expected:
            raise ValueError(f"“{label}” is not a financial year: the second year must follow the first.")
        return cls(start, int(quarter) if quarter else None)

    @classmethod
    def read(cls, value) -> Period:
        """A period from the forms people write, or from a quarter's last day (a date, or text like 30/06/2024).

        Accepts everything :meth:`parse` does and ``Q1 23/24``, ``Q1 2023/24``, ``2023-24 Q1``,
        ``Quarter 1 2023/24``, ``FY23/24``. A date must be the last day of a quarter (31/03 gives Q4,
        not the year). Raises ``ValueError`` with a message for the person who wrote it.
        """
        if isinstance(value, datetime.datetime):
            value = value.date() if value.time() == datetime.time(0, 0) else None
        if isinstance(value, datetime.date):
            return cls._from_end_date(value, f"{value:%d/%m/%Y}")
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"Enter the period, like {cls(2023, 1).label}.")
        textual = " ".join(value.upper().replace("QUARTER", "Q").split())
        textual = re.sub(r"^FY\s*|(?<=\s)FY\s*", "", textual).strip()
        textual = re.sub(r"Q\s+([1-4])", r"Q\1", textual)
        for pattern, year_groups, quarter_group in ((_YEAR_FIRST, (1, 2), 3), (_QUARTER_FIRST, (2, 3), 1)):
            match = pattern.match(textual)
            if match:
                start = cls._start_year(match[year_groups[0]], match[year_groups[1]], value)
                quarter = match[quarter_group]
                return cls(start, int(quarter) if quarter else None)
        day = _date_in_text(textual)
        if day is not None:
            return cls._from_end_date(day, value.strip())
        raise ValueError(f"“{value.strip()}” is not a period: write it like {PERIOD_FORMS}.")

    @staticmethod
    def _start_year(first: str, second: str, written: str) -> int:
        start = int(first) + (2000 if len(first) == 2 else 0)
        expected = start + 1 if len(second) == 4 else (start + 1) % 100
        if int(second) != expected:
            raise ValueError(f"“{written.strip()}” is not a financial year: the second year must follow the first.")
        return start

    @classmethod
    def _from_end_date(cls, day: datetime.date, written: str) -> Period:
        quarter = cls.quarter_of(day)
        if day != quarter.end:
            raise ValueError(
                f"{written} is not the last day of a quarter: enter the quarter, like {quarter.label} "
                f"(which ends on {quarter.end:%d/%m/%Y})."
            )
        return quarter

    # --- properties ---------------------------------------------------
    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return f"{self.year_label} Q{self.quarter}" if self.quarter else self.year_label

    def __str__(self) -> str:
        return self.label

    @property
    def start(self) -> datetime.date:
        if self.quarter is None:
            return datetime.date(self.year, 4, 1)
        month = 4 + (self.quarter - 1) * 3
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    # --- arithmetic ---------------------------------------------------
    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (earlier if negative)."""
        if self.quarter is None:
            return Period(self.year + steps)
        index = self.year * 4 + (self.quarter - 1) + steps
        return Period(index // 4, index % 4 + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def year_earlier(self) -> Period:
        """The same period a year before: ``2023/24 Q1`` → ``2022/23 Q1``."""
        return Period(self.year - 1, self.quarter)

    def financial_year(self) -> Period:
        return Period(self.year)

    def quarters(self) -> list[Period]:
        """The quarters of a financial year (or the quarter itself)."""
        if self.quarter is not None:
            return [self]
        return [Period(self.year, q) for q in (1, 2, 3, 4)]


def _date_in_text(textual: str) -> datetime.date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(textual, pattern).date()
        except ValueError:
            continue
    return None


def current_quarter(today: datetime.date | None = None) -> Period:
    from django.utils import timezone

    return Period.quarter_of(today or timezone.localdate())


def recent_quarters(count: int, last: Period | None = None) -> list[Period]:
    """The ``count`` quarters ending with ``last`` (default: the current quarter), oldest first."""
    last = last or current_quarter()
    return [last.shift(-offset) for offset in range(count - 1, -1, -1)]


def period_choices(first_year: int, last_year: int) -> list[tuple[str, str]]:
    """Quarter labels from ``first_year`` to ``last_year`` (financial years), newest first."""
    periods = [Period(y, q) for y in range(first_year, last_year + 1) for q in (1, 2, 3, 4)]
    return [(p.label, p.label) for p in reversed(periods)]


# --- working days ------------------------------------------------------------
# Working days skip weekends and the bank holidays of a region: the partnership's own
# (set in its settings), or BANK_HOLIDAY_REGION where no partnership is concerned.


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int, region: str) -> frozenset[datetime.date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv=region, years=[year]))


def is_working_day(day: datetime.date, region: str | None = None) -> bool:
    from django.conf import settings

    region = region or getattr(settings, "BANK_HOLIDAY_REGION", "ENG")
    return day.weekday() < 5 and day not in _bank_holidays(day.year, region)


def add_working_days(day: datetime.date, count: int, region: str | None = None) -> datetime.date:
    """The ``count``-th working day after ``day`` (before it if ``count`` is negative); ``day`` itself if 0.

    ``region`` names the bank holidays skipped (ENG, SCT, NIR; a partnership's ``bank_holiday_region``).
    """
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day, region):
            remaining -= 1
    return day


_QUARTER_FIRST = re.compile(r"^\s*Q([1-4])\s*,?\s*(?:FY\s*)?(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$", re.I)


def quarter_heading(text) -> Period | None:
    """The quarter a column heading names: ``Q1 23/24``, ``Q1 2023/24``, ``Q1 2023-24`` or ``2023/24 Q1``; else None."""
    match = _QUARTER_FIRST.match(str(text or ""))
    if match:
        quarter, start, end = int(match[1]), match[2], match[3]
        start_year = int(start) if len(start) == 4 else 2000 + int(start)
        expected = start_year + 1 if len(end) == 4 else (start_year + 1) % 100
        return Period(start_year, quarter) if int(end) == expected else None
    try:
        period = Period.parse(str(text or ""))
    except ValueError:
        return None
    return period if period.is_quarter else None
