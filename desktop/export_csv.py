"""Events and quotes as two CSV files that open cleanly in a spreadsheet. No Qt.

UTF-8 with a byte-order mark (Excel otherwise reads UTF-8 as the local code page and mangles
curly quotes and accents), the csv module's Excel dialect (quoted fields, CRLF rows). Dates are
written as stored (`2016`, `2023-08`, `2017-10-19`) with the precision in its own column, so a
year-only date is never shown as 1 January.

A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
carriage return) gets a leading apostrophe, the usual guard against CSV formula injection: text
from an imported file must not run `=HYPERLINK(...)` or `=cmd|...` when a colleague opens the export.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.citation import full_citation
from desktop.model import Event, Timeline
from desktop.storage.atomic import save_files

__all__ = ["EVENT_COLUMNS", "QUOTE_COLUMNS", "quotes_path_for", "write_csv", "spreadsheet_safe"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(row: dict) -> dict:
    """The row with every text cell that could start a formula prefixed by an apostrophe."""
    return {k: ("'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v) for k, v in row.items()}

EVENT_COLUMNS = (
    "id", "date", "approx", "precision", "end", "kind", "rating", "title", "summary", "people", "sources",
    "source_citations", "quotes", "note",
)
QUOTE_COLUMNS = (
    "event_id", "event_date", "event_title", "speaker", "role", "text", "source", "source_citation", "note",
)


def quotes_path_for(events_path: str | Path) -> Path:
    """`timeline.csv` -> `timeline-quotes.csv`, beside it."""
    p = Path(events_path)
    suffix = p.suffix or ".csv"
    return p.with_name(f"{p.stem}-quotes{suffix}")


def _cite(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    return full_citation(source) if source else source_id


def _event_row(timeline: Timeline, e: Event) -> dict:
    return {
        "id": e.id,
        "date": e.date.iso(),
        "approx": "yes" if e.approx else "no",
        "precision": e.date.precision.label,
        "end": e.end.iso() if e.end else "",
        "kind": e.kind.value,
        "rating": e.rating.value if e.rating else "",
        "title": e.title,
        "summary": e.summary or "",
        "people": "; ".join((timeline.person(p).name if timeline.person(p) else p) for p in e.people),
        "sources": "; ".join(e.sources),
        "source_citations": "\n".join(_cite(timeline, s) for s in e.sources),
        "quotes": len(e.quotes),
        "note": e.note or "",
    }


def write_csv(timeline: Timeline, events_path: str | Path, events: list[Event] | None = None) -> tuple[Path, Path]:
    """Write the events CSV at `events_path` and the quotes CSV beside it; return both paths."""
    events = timeline.events_in_order() if events is None else events
    events_path = Path(events_path)
    quotes_path = quotes_path_for(events_path)
    with io.StringIO(newline="") as f:
        writer = csv.DictWriter(f, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        writer.writerows(spreadsheet_safe(_event_row(timeline, e)) for e in events)
        events_text = f.getvalue()
    with io.StringIO(newline="") as f:
        writer = csv.DictWriter(f, fieldnames=QUOTE_COLUMNS)
        writer.writeheader()
        for e in events:
            for q in e.quotes:
                writer.writerow(spreadsheet_safe({
                    "event_id": e.id, "event_date": e.date.iso(), "event_title": e.title,
                    "speaker": timeline.speaker_name(q.speaker), "role": q.role or "", "text": q.text,
                    "source": q.source, "source_citation": _cite(timeline, q.source), "note": q.note or "",
                }))
        quotes_text = f.getvalue()
    # both tables are written and synced before either replaces its old file (storage.atomic)
    save_files([(events_path, events_text.encode("utf-8-sig")), (quotes_path, quotes_text.encode("utf-8-sig"))])
    return events_path, quotes_path
