"""Adding a captured source to the open timeline as one undoable step (the files are kept by
`core.capture`; undo takes the entry out and leaves the kept files, which nothing else overwrites)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.capture import Captured, write_capture
from desktop.core.model import Source
from desktop.document.commands import InsertItem

__all__ = ["add_captured_source"]


def add_captured_source(document, captured: Captured, folder: Path, ident: str | None = None) -> Source:  # noqa: ANN001
    """Keep `captured` beside the timeline file and add its source at the end of the sources, as one
    step on the undo stack; CaptureError when it cannot be kept (nothing added)."""
    source = write_capture(document.timeline, folder, captured, ident)
    with document.macro(f"Add source '{source.id}'"):
        document.push(InsertItem(document, document.timeline.sources, len(document.timeline.sources), source))
    return source
