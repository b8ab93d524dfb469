"""Adding a captured source to the open timeline as one undoable step (the files are kept by
`core.capture`; undo takes the entry out and leaves the kept files, which nothing else overwrites)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.capture import Captured, write_capture
from desktop.core.model import Event, Quote, Source
from desktop.document.commands import InsertItem, SetField

__all__ = ["add_captured_source", "quote_from_source", "UNKNOWN_SPEAKER"]

#: the speaker of a quote made from a selection, until the user names them
UNKNOWN_SPEAKER = "Unknown speaker"


def add_captured_source(document, captured: Captured, folder: Path, ident: str | None = None) -> Source:  # noqa: ANN001
    """Keep `captured` beside the timeline file and add its source at the end of the sources, as one
    step on the undo stack; CaptureError when it cannot be kept (nothing added)."""
    source = write_capture(document.timeline, folder, captured, ident)
    with document.macro(f"Add source '{source.id}'"):
        document.push(InsertItem(document, document.timeline.sources, len(document.timeline.sources), source))
    return source


def quote_from_source(document, event: Event, source_id: str, text: str, offset: int) -> Quote:  # noqa: ANN001
    """A new quote of `event` with `text` from `source_id` at `offset` in its archive, the source added
    to the event's sources when it is not cited yet; one step on the undo stack."""
    quote = Quote(UNKNOWN_SPEAKER, text, source_id, offset=offset)
    with document.macro(f"Quote from '{source_id}'"):
        if source_id not in event.sources:
            document.push(SetField(document, event, "sources", [*event.sources, source_id]))
        document.push(InsertItem(document, event.quotes, len(event.quotes), quote, owner=event))
    return quote
