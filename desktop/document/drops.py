"""Dragging on the canvas: the dropped position becomes a date snapped to the date's own precision.

A year-only date dragged lands on a year, a month date on a month, so a drag never invents
precision the sources do not give. The canvas reports where the mark's start (or a tenure's
end edge) was dropped, as POSIX seconds; `drag_to()` turns that into one undoable step and
refuses drops that would end something before it starts.
"""

from __future__ import annotations

import datetime as dt

from desktop.document.commands import ReplaceDate, describe
from desktop.core.dates import PartialDate, Precision, date_to_timestamp, timestamp_to_date
from desktop.core.model import Event, Tenure
from desktop.core.rules import not_before

__all__ = ["snap", "drag_to", "DRAG_FIELDS"]

#: what can be dragged: an event (its date, and its end along with it) and either end of a tenure
DRAG_FIELDS = {Event: ("date",), Tenure: ("start", "end")}


def _period(d: dt.date, precision: Precision) -> PartialDate:
    return PartialDate.from_date(d, precision)


def _shifted(d: dt.date, days: int) -> dt.date:
    """`d` moved by `days`, held inside the calendar (years 1 to 9999) instead of overflowing."""
    return timestamp_to_date(date_to_timestamp(d) + days * 86400.0)


def _next(p: PartialDate) -> PartialDate:
    return _period(_shifted(p.last, 1), p.precision)


def snap(timestamp: float, precision: Precision, edge: str = "start") -> PartialDate:
    """The period of `precision` whose start (edge="start") or end (edge="end") is nearest."""
    here = _period(timestamp_to_date(timestamp), precision)
    candidates = [here, _next(here)] if edge == "start" else [here, _period(_shifted(here.start, -1), precision)]
    key = (lambda p: abs(p.timestamps()[0] - timestamp)) if edge == "start" else \
          (lambda p: abs(p.timestamps()[1] - timestamp))
    return min(candidates, key=key)


def drag_to(document, item: Event | Tenure, field: str, timestamp: float) -> str | None:
    """Move `item`'s `field` to the dropped time as one undo step; return why not, or None when done."""
    if field not in DRAG_FIELDS.get(type(item), ()):
        return f"{describe(item)} has no {field} to drag"
    old = getattr(item, field)
    precision = old.precision if old is not None else Precision.MONTH
    new = snap(timestamp, precision, "end" if field == "end" else "start")
    if old is not None:
        new = new.with_approx(old.approx)
    if new == old:
        return None
    if isinstance(item, Tenure):
        start, end = (new, item.end) if field == "start" else (item.start, new)
        problem = not_before(start, end)
        if problem:
            return f"{describe(item)} would end before it starts: {problem}"
        document.push(ReplaceDate(document, item, field, new))
        return None
    with document.macro(f"Move {describe(item)} to {new.display()}"):
        document.push(ReplaceDate(document, item, "date", new))
        if item.end is not None:  # an event that lasts keeps its length
            shift = (new.start - old.start).days
            document.push(ReplaceDate(document, item, "end", _period(_shifted(item.end.start, shift), item.end.precision)))
    return None
