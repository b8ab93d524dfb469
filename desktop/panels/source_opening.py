"""Open a source's archived text from the Sources form, and make quotes from it.

The text is read in the background (`ArchiveJobs`, through `provenance.read_archive`: inside the
timeline's folder, a regular file, size-limited) and shown in the `SourceViewer`, which stays open
beside the window. "Quote this" makes the selection a quote of the event selected on the timeline,
with its place in the text (`offset:`), as one undoable step (`document.capture.quote_from_source`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.model import Event, Source
from desktop.document.capture import quote_from_source
from desktop.panels.archive_jobs import ArchiveJobs
from desktop.panels.plaintext import tell
from desktop.panels.source_viewer import SourceViewer

__all__ = ["SourceOpener"]


class SourceOpener(QObject):
    def __init__(self, document, parent: QWidget) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.document = document
        self.parent_widget = parent
        self.jobs = ArchiveJobs(self)
        self.viewer: SourceViewer | None = None

    def can_open(self, source: Source | None) -> bool:
        return source is not None and bool(source.archive) and self.document.path is not None

    def open(self, source: Source) -> None:
        """Read the source's archive in the background, then show it (`viewer` is set then)."""
        if not self.can_open(source):
            return
        archive = source.archive
        self.jobs.read(archive, self.document.path.parent, lambda answer: self._show(source, archive, answer))

    def _show(self, source: Source, archive: str, answer) -> None:  # noqa: ANN001
        if isinstance(answer, str):
            tell(self.parent_widget, QMessageBox.Icon.Warning, "Cannot open the archived text",
                 f"The archive file {archive} {answer}, so it is not shown.")
            return
        path, text = answer
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = SourceViewer(f"{source.outlet}: {source.title}", path, text, parent=self.parent_widget,
                                   quote_this=True)
        self.viewer.quote_at.connect(lambda selected, offset, ident=source.id: self._quote(ident, selected, offset))
        self.viewer.show()

    def _quote(self, source_id: str, text: str, offset: int) -> None:
        event = self.document.selection
        if not isinstance(event, Event):
            tell(self.viewer or self.parent_widget, QMessageBox.Icon.Information, "Select an event first",
                 "A quote belongs to an event: select the event on the timeline (or in the event list), "
                 "then press Quote this again.")
            return
        if self.document.timeline.source(source_id) is None:
            return  # the source was deleted meanwhile
        quote_from_source(self.document, event, source_id, text, offset)
