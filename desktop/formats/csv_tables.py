"""Events, quotes and tenures as three CSV files that open cleanly in a spreadsheet. No Qt.

UTF-8 with a byte-order mark (Excel otherwise reads UTF-8 as the local code page and mangles
curly quotes and accents), the csv module's Excel dialect (quoted fields, CRLF rows).

Every date is a full ISO date (`2016-01-01`), so a spreadsheet reads each one as a date rather
than `2016` as a number and `2017-10` as a month of its own choosing. A partial date becomes the
first day it covers when it starts something and the last day when it ends it, and a precision
column beside it (`year`, `month`, `day`) says how much of it is known: `start` 2016-01-01 with
`start_precision` year is "some time in 2016", never a silent 1 January. Kinds and ratings are
written as words ("Monitoring visit", "Requires improvement"), as the app shows them.

A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading apostrophe, the usual guard against CSV formula injection: text
from an imported file must not run `=HYPERLINK(...)` or `=cmd|...` when a colleague opens the export.
"""

from __future__ import annotations

import calendar
import csv
import io
import datetime as dt
from pathlib import Path

from desktop.storage.atomic import save_files
from desktop.core.citation import full_citation
from desktop.core.dates import PartialDate, Precision
from desktop.core.model import Event, Tenure, Timeline

__all__ = [
    "EVENT_COLUMNS", "QUOTE_COLUMNS", "TENURE_COLUMNS", "quotes_path_for", "tenures_path_for", "write_csv",
    "spreadsheet_safe", "first_day", "last_day", "select_tenures",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PRECISION_WORDS = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}


def spreadsheet_safe(row: dict) -> dict:
    """The row with every text cell that could start a formula prefixed by an apostrophe."""
    return {k: ("'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v) for k, v in row.items()}


EVENT_COLUMNS = (
    "id", "start", "start_precision", "start_approx", "end", "end_precision", "end_approx", "kind", "rating",
    "title", "summary", "people", "sources", "source_citations", "quotes", "note",
)
QUOTE_COLUMNS = (
    "event_id", "event_start", "event_start_precision", "event_title", "speaker", "role", "text", "source",
    "source_citation", "note",
)
TENURE_COLUMNS = (
    "post", "person", "start", "start_precision", "start_approx", "end", "end_precision", "end_approx",
    "sources", "source_citations", "note",
)


def first_day(date: PartialDate) -> dt.date:
    """The first day a partial date covers: 2016 -> 2016-01-01, 2017-10 -> 2017-10-01."""
    return dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> dt.date:
    """The last day a partial date covers: 2016 -> 2016-12-31, 2017-02 -> 2017-02-28 (year 9999 too)."""
    if date.month is None:
        return dt.date(date.year, 12, 31)
    if date.day is None:
        return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return dt.date(date.year, date.month, date.day)


def _start(date: PartialDate | None) -> tuple[str, str, str]:
    if date is None:
        return "", "", ""
    return first_day(date).isoformat(), PRECISION_WORDS[date.precision], "yes" if date.approx else "no"


def _end(date: PartialDate | None) -> tuple[str, str, str]:
    if date is None:
        return "", "", ""
    return last_day(date).isoformat(), PRECISION_WORDS[date.precision], "yes" if date.approx else "no"


def quotes_path_for(events_path: str | Path) -> Path:
    """`timeline.csv` -> `timeline-quotes.csv`, beside it."""
    return _beside(events_path, "quotes")


def tenures_path_for(events_path: str | Path) -> Path:
    """`timeline.csv` -> `timeline-tenures.csv`, beside it."""
    return _beside(events_path, "tenures")


def _beside(events_path: str | Path, what: str) -> Path:
    p = Path(events_path)
    suffix = p.suffix or ".csv"
    return p.with_name(f"{p.stem}-{what}{suffix}")


def _cite(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    return full_citation(source) if source else source_id


def _event_row(timeline: Timeline, e: Event) -> dict:
    start, start_precision, start_approx = _start(e.date)
    # An event without an `end:` ends within its own date: the last day that date covers.
    end, end_precision, end_approx = _end(e.end or e.date)
    return {
        "id": e.id,
        "start": start, "start_precision": start_precision, "start_approx": start_approx,
        "end": end, "end_precision": end_precision, "end_approx": end_approx,
        "kind": e.kind.label,
        "rating": e.rating.label if e.rating else "",
        "title": e.title,
        "summary": e.summary or "",
        "people": "; ".join((timeline.person(p).name if timeline.person(p) else p) for p in e.people),
        "sources": "; ".join(e.sources),
        "source_citations": "\n".join(_cite(timeline, s) for s in e.sources),
        "quotes": len(e.quotes),
        "note": e.note or "",
    }


def _tenure_row(timeline: Timeline, t: Tenure) -> dict:
    start, start_precision, start_approx = _start(t.start)
    end, end_precision, end_approx = _end(t.end)
    post, person = timeline.post(t.post), timeline.person(t.person)
    return {
        "post": post.name if post else t.post,
        "person": person.name if person else t.person,
        "start": start, "start_precision": start_precision, "start_approx": start_approx,
        "end": end, "end_precision": end_precision, "end_approx": end_approx,
        "sources": "; ".join(t.sources),
        "source_citations": "\n".join(_cite(timeline, s) for s in t.sources),
        "note": t.note or "",
    }


def select_tenures(timeline: Timeline, date_from: PartialDate | None = None,
                   date_to: PartialDate | None = None) -> list[Tenure]:
    """Tenures that overlap the dates (an unknown start or end reaches as far as it may), by post, then start."""
    lo = date_from.start if date_from else None
    hi = date_to.end if date_to else None
    order = {p.id: i for i, p in enumerate(timeline.posts)}
    kept = [t for t in timeline.tenures
            if (lo is None or t.end is None or t.end.end > lo) and (hi is None or t.start is None or t.start.start < hi)]
    return sorted(kept, key=lambda t: (order.get(t.post, len(order)), t.start.sort_key() if t.start else (0,)))


def _table(columns: tuple[str, ...], rows) -> bytes:
    with io.StringIO(newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(spreadsheet_safe(row) for row in rows)
        return f.getvalue().encode("utf-8-sig")


def write_csv(timeline: Timeline, events_path: str | Path, events: list[Event] | None = None,
              tenures: list[Tenure] | None = None) -> tuple[Path, Path, Path]:
    """Write the events CSV at `events_path`, the quotes and tenures CSVs beside it; return the three paths."""
    events = timeline.events_in_order() if events is None else events
    tenures = select_tenures(timeline) if tenures is None else tenures
    events_path = Path(events_path)
    quotes_path, tenures_path = quotes_path_for(events_path), tenures_path_for(events_path)
    events_table = _table(EVENT_COLUMNS, (_event_row(timeline, e) for e in events))
    quotes_table = _table(QUOTE_COLUMNS, (
        {"event_id": e.id, "event_start": first_day(e.date).isoformat(),
         "event_start_precision": PRECISION_WORDS[e.date.precision], "event_title": e.title,
         "speaker": timeline.speaker_name(q.speaker), "role": q.role or "", "text": q.text,
         "source": q.source, "source_citation": _cite(timeline, q.source), "note": q.note or ""}
        for e in events for q in e.quotes))
    tenures_table = _table(TENURE_COLUMNS, (_tenure_row(timeline, t) for t in tenures))
    # all three tables are written and synced before any replaces its old file (storage.atomic)
    save_files([(events_path, events_table), (quotes_path, quotes_table), (tenures_path, tenures_table)])
    return events_path, quotes_path, tenures_path
