"""Partial dates: a year, a year and month, or a full date, optionally approximate.

No Qt here. A `PartialDate` knows its precision, the interval of days it covers, how it
sorts against other partial dates, and how it reads to a person ("2016", "Aug 2023",
"c. Aug 2023", "19 Oct 2017"). Year-only dates are never silently turned into 1 January:
`interval()` returns the whole year.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from dataclasses import dataclass
from enum import IntEnum

__all__ = ["Precision", "PartialDate", "DateError", "parse_date"]

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EPOCH = _dt.date(1970, 1, 1)


class DateError(ValueError):
    """A value that is not a real partial ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`)."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        return {Precision.YEAR: "year only", Precision.MONTH: "month only", Precision.DAY: "exact day"}[self]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a year, a month or a day; `approx` marks "around", "early", "end of"."""

    year: int
    month: int | None = None
    day: int | None = None
    approx: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range 1-9999")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{self.year:04d}-{self.month:02d}-{self.day:02d} is not a real date "
                    f"({_MONTH_ABBR[self.month - 1]} {self.year} has {last} days)"
                )

    # -- construction -------------------------------------------------------------------
    @classmethod
    def parse(cls, value: object, approx: bool = False) -> "PartialDate":
        """Parse `2016`, `"2016"`, `"2023-08"`, `"2017-10-19"` or a `datetime.date`."""
        if isinstance(value, bool):
            raise DateError(f"expected a date such as 2016, 2016-05 or 2016-05-17, got {value!r}")
        if isinstance(value, _dt.datetime):
            raise DateError("expected a date without a time of day")
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day, approx)
        if isinstance(value, int):
            return cls(value, None, None, approx)
        if isinstance(value, str):
            m = _ISO_RE.match(value.strip())
            if not m:
                raise DateError(
                    f"{value!r} is not a partial ISO date; write YYYY, YYYY-MM or YYYY-MM-DD"
                )
            y, mo, d = m.groups()
            return cls(int(y), int(mo) if mo else None, int(d) if d else None, approx)
        raise DateError(f"expected a date such as 2016, 2016-05 or 2016-05-17, got {type(value).__name__}")

    @classmethod
    def from_date(cls, d: _dt.date, precision: Precision = Precision.DAY, approx: bool = False) -> "PartialDate":
        if precision is Precision.YEAR:
            return cls(d.year, approx=approx)
        if precision is Precision.MONTH:
            return cls(d.year, d.month, approx=approx)
        return cls(d.year, d.month, d.day, approx)

    def with_approx(self, approx: bool) -> "PartialDate":
        return PartialDate(self.year, self.month, self.day, approx)

    # -- properties ---------------------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    def interval(self) -> tuple[_dt.date, _dt.date]:
        """The days covered, as [start, end): end is the first day after.

        The calendar stops at 9999-12-31, so for a date that reaches that day `end` is `date.max`
        (one day short). Arithmetic that must be exact at the edge uses `last` or `timestamps()`.
        """
        start, last = self.start, self.last
        return start, last if last == _dt.date.max else last + _dt.timedelta(days=1)

    @property
    def start(self) -> _dt.date:
        """The first day covered."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> _dt.date:
        """The last day covered (inclusive): always a real date, up to 9999-12-31."""
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, self.month, self.day)

    @property
    def end(self) -> _dt.date:
        """First day after the interval (`date.max` for a date reaching 9999-12-31; see `interval`)."""
        return self.interval()[1]

    @property
    def days(self) -> int:
        """How many days the date covers (1, 28-31, 365 or 366)."""
        return (self.last - self.start).days + 1

    def midpoint(self) -> _dt.date:
        return self.start + _dt.timedelta(days=self.days / 2)

    def contains(self, d: _dt.date) -> bool:
        return self.start <= d <= self.last

    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological: by the start of the interval, the wider (less precise) first."""
        return (self.year, self.month or 0, self.day or 0, int(self.approx))

    @property
    def sort_int(self) -> int:
        """`sort_key()` as one int (same order), for sorting many dates fast: 2016-05-17 c. -> 201605171."""
        return ((self.year * 100 + (self.month or 0)) * 100 + (self.day or 0)) * 10 + self.approx

    def __lt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: "PartialDate") -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    # -- formatting ---------------------------------------------------------------------
    def iso(self) -> str:
        """The stored form: `2016`, `2023-08`, `2017-10-19` (approx is stored beside it)."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """For people: `2016`, `Aug 2023`, `c. Aug 2023`, `19 Oct 2017`."""
        if self.month is None:
            text = f"{self.year}"
        elif self.day is None:
            text = f"{_MONTH_ABBR[self.month - 1]} {self.year}"
        else:
            text = f"{self.day} {_MONTH_ABBR[self.month - 1]} {self.year}"
        return f"c. {text}" if self.approx else text

    def describe(self) -> str:
        """For tooltips: says the precision when it is not a day: `2016 (year only)`, `c. Aug 2023`."""
        text = self.display()
        if self.precision is Precision.DAY or self.approx:
            return text
        return f"{text} ({self.precision.label})"

    def __str__(self) -> str:
        return self.display()

    # -- numeric positions for plotting --------------------------------------------------
    def timestamps(self) -> tuple[float, float]:
        """Start and end (exclusive) of the interval as POSIX seconds, UTC midnight."""
        a = date_to_timestamp(self.start)
        return a, a + self.days * 86400.0


def date_to_timestamp(d: _dt.date) -> float:
    return float((d - _EPOCH).days * 86400)


_FIRST_DAY = (_dt.date.min - _EPOCH).days
_LAST_DAY = (_dt.date.max - _EPOCH).days


def timestamp_to_date(t: float) -> _dt.date:
    """The day holding POSIX second `t`, held to the calendar's range (1-01-01 to 9999-12-31)."""
    days = t // 86400 if math.isfinite(t) else (_LAST_DAY if t > 0 else _FIRST_DAY)
    return _EPOCH + _dt.timedelta(days=int(min(max(days, _FIRST_DAY), _LAST_DAY)))


def parse_date(value: object, approx: bool = False) -> PartialDate:
    return PartialDate.parse(value, approx)
