"""The open document: one Timeline, its file, the one undo stack, selection and filter.

Views listen to the Document's narrow signals and never to each other. Every change to the
data is a QUndoCommand pushed with `push()`, so undo, the dirty mark and autosave come from
one place (the stack's clean state).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop import storage
from desktop.model import Event, Tenure, Timeline

Selectable = Event | Tenure


class Document(QObject):
    #: a different Timeline was loaded or created: views rebuild from scratch
    timeline_replaced = Signal()
    #: the data of the current Timeline changed (an edit, undo or redo)
    changed = Signal()
    #: the selected Event or Tenure (or None)
    selection_changed = Signal(object)
    #: the set of events the filters keep changed (see `event_filter`)
    filter_changed = Signal()
    #: the file path changed (open, save as)
    path_changed = Signal(object)
    #: True when there are unsaved changes
    dirty_changed = Signal(bool)
    #: provenance / load warnings changed
    warnings_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline = Timeline(title="Untitled timeline")
        self._path: Path | None = None
        self._selection: Selectable | None = None
        self._filter: frozenset[str] | None = None
        self._warnings: list[storage.Problem] = []
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda clean: self.dirty_changed.emit(not clean))
        self.load_seconds: float | None = None

    # -- state ----------------------------------------------------------------------------
    @property
    def timeline(self) -> Timeline:
        return self._timeline

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def warnings(self) -> list[storage.Problem]:
        return list(self._warnings)

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled"

    # -- files ----------------------------------------------------------------------------
    def open(self, path: str | Path) -> None:
        """Load `path`; on failure raise `storage.LoadError` and keep the current timeline."""
        import time

        t0 = time.perf_counter()
        result = storage.load(Path(path))
        self.load_seconds = time.perf_counter() - t0
        self.set_timeline(result.timeline, Path(path), result.warnings)

    def set_timeline(
        self, timeline: Timeline, path: Path | None, warnings: list[storage.Problem] | None = None
    ) -> None:
        """Replace the whole document (after a load, an import or File > New)."""
        self._timeline = timeline
        self._path = Path(path).resolve() if path else None
        self._selection = None
        self._filter = None
        self._warnings = list(warnings or [])
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.timeline_replaced.emit()
        self.path_changed.emit(self._path)
        self.selection_changed.emit(None)
        self.filter_changed.emit()
        self.warnings_changed.emit()
        self.dirty_changed.emit(False)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the timeline canonically and atomically; raise OSError on failure (edits stay)."""
        target = Path(path) if path else self._path
        if target is None:
            raise ValueError("no file name: use Save As")
        storage.save(self._timeline, target)
        if self._path is None or target.resolve() != self._path:
            self._path = target.resolve()
            self.path_changed.emit(self._path)
        self.undo_stack.setClean()
        return self._path

    def set_warnings(self, warnings: list[storage.Problem]) -> None:
        self._warnings = list(warnings)
        self.warnings_changed.emit()

    # -- edits ----------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def notify_changed(self) -> None:
        """Called by commands after they change the data."""
        if self._selection is not None and not self._contains(self._selection):
            self.select(None)
        self.changed.emit()

    # -- selection -------------------------------------------------------------------------
    @property
    def selection(self) -> Selectable | None:
        return self._selection

    def select(self, item: Selectable | None) -> None:
        if item is self._selection:
            return
        self._selection = item
        self.selection_changed.emit(item)

    def _contains(self, item: Selectable) -> bool:
        pool = self._timeline.events if isinstance(item, Event) else self._timeline.tenures
        return any(x is item for x in pool)

    # -- filter ----------------------------------------------------------------------------
    @property
    def event_filter(self) -> frozenset[str] | None:
        """Ids of the events the filters keep, or None when nothing is filtered."""
        return self._filter

    def set_event_filter(self, ids: frozenset[str] | None) -> None:
        if ids == self._filter:
            return
        self._filter = ids
        self.filter_changed.emit()

    def is_event_visible(self, event: Event) -> bool:
        return self._filter is None or event.id in self._filter
