"""The open document: one Timeline, its file, the one undo stack, selection and filter.

Views listen to the Document's narrow signals and never to each other. Every change to the
data is a QUndoCommand pushed with `push()` (several as one step inside `with document.macro(text):`),
the only way onto the undo stack, so undo, the dirty mark and autosave come from one place (the
stack's clean state). Each undo step (a push, an undo, a redo, a macro) ends with one `changed`
signal carrying a `Change`: what the step touched, so each view updates only that.

It also guards the file: it keeps the hash of the bytes last read or written (`disk_hash`), which
`desktop.document.saving` (the one way to save) checks so as never to overwrite a file that changed on disk
behind our back, keeping the previous version as FILE.bak; a QFileSystemWatcher notices such changes (a
`git pull`, another editor) and says so with `file_changed_on_disk`, ignoring our own saves by
comparing a hash of the file's bytes with the last bytes we read or wrote.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop import storage
from desktop.core.model import Event, Tenure, Timeline
from desktop.core.change import Change

Selectable = Event | Tenure
SETTLE_MS = 400  # how long changed bytes must stay the same before they count as an external change


class FileChangedOnDisk(OSError):
    """The file changed on disk since we read or wrote it: saving now would overwrite that change."""


def read_with_digest(path: Path) -> tuple[bytes, bytes]:
    """A timeline file's bytes and their SHA-256, from one read: the hash a Document keeps
    (`set_timeline(digest=...)`) must be that of the bytes parsed, not of the file a moment later."""
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).digest()


def _hash_file(path: Path) -> bytes | None:
    """SHA-256 of the file's bytes, or None when it is missing or unreadable."""
    try:
        return read_with_digest(path)[1]
    except OSError:
        return None


class Document(QObject):
    #: a different Timeline was loaded or created: views rebuild from scratch
    timeline_replaced = Signal()
    #: the data of the current Timeline changed: once per undo step (an edit, a macro, an undo, a
    #: redo), with the `Change` saying what the step touched
    changed = Signal(object)
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
    #: the open file changed (or vanished) on disk, not by us; the Path is passed
    file_changed_on_disk = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline = Timeline(title="Untitled timeline")
        self._path: Path | None = None
        self._selection: Selectable | None = None
        self._filter: frozenset[str] | None = None
        self._warnings: list[storage.Problem] = []
        self.undo_stack = QUndoStack(self)
        # A method, not a lambda: Qt drops the connection when the Document goes, before the stack.
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        # What the commands of the current step touched, sent once the stack has finished the step.
        self._pending: list[Change] = []
        self.undo_stack.indexChanged.connect(self._step_done)
        self.load_seconds: float | None = None
        #: the open file has `#` comments, which the canonical writer drops: the window asks first
        self.has_comments = False
        self._disk_hash: bytes | None = None  # the bytes we last read, wrote or accepted
        self._reported_hash: bytes | None = None  # the change last announced, not announced twice
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._disk_event)
        self._watcher.directoryChanged.connect(self._disk_event)
        # Editors and git write in several steps: look once things settle.
        self._settling: bytes | None = None  # new bytes seen once, announced if they stay
        self._disk_check = QTimer(self, singleShot=True, interval=150)
        self._disk_check.timeout.connect(self.check_disk)
        # What views build from a new timeline, run off the GUI thread by a background open.
        self._preparers: dict[str, Callable[[Timeline], object]] = {}
        self._prepared: dict[str, object] = {}

    def _clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

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
        path = Path(path)
        data, digest = read_with_digest(path)
        result = storage.loads(data, str(path), base_dir=path.parent)
        self.load_seconds = time.perf_counter() - t0
        self.set_timeline(result.timeline, path, result.warnings, has_comments=result.has_comments, digest=digest)

    def set_timeline(
        self,
        timeline: Timeline,
        path: Path | None,
        warnings: list[storage.Problem] | None = None,
        *,
        has_comments: bool = False,
        prepared: dict[str, object] | None = None,
        digest: bytes | None = None,
    ) -> None:
        """Replace the whole document (after a load, an import or File > New).

        `prepared`: what the preparers built from this timeline off the GUI thread (`desktop.document.opening`),
        for the views to take while they handle `timeline_replaced`; what none takes is dropped.
        `digest`: SHA-256 of the bytes `timeline` was read from, when the caller read them (a load in
        the background): the disk is compared with those, not with what the file holds by now.
        """
        self._prepared = dict(prepared or {})
        try:
            self._replace(timeline, path, warnings, has_comments, digest)
        finally:
            self._prepared = {}

    def _replace(self, timeline: Timeline, path: Path | None, warnings, has_comments: bool,
                 digest: bytes | None) -> None:
        self._timeline = timeline
        self.has_comments = has_comments
        self._path = Path(path).resolve() if path else None
        self._selection = None
        self._filter = None
        self._warnings = list(warnings or [])
        self._watch(self._path, digest)
        self._pending = []
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.timeline_replaced.emit()
        self.path_changed.emit(self._path)
        self.selection_changed.emit(None)
        self.filter_changed.emit()
        self.warnings_changed.emit()
        self.dirty_changed.emit(False)

    # -- work views do off the GUI thread ------------------------------------------------------
    def add_preparer(self, key: str, build: Callable[[Timeline], object]) -> None:
        """Have `build(timeline)` run off the GUI thread when a file opens in the background, so a
        view does not rebuild 100k events on the GUI thread when it arrives (`take_prepared`).
        `build` must only read the timeline it is given: nothing else has it yet."""
        self._preparers[key] = build

    @property
    def preparers(self) -> dict[str, Callable[[Timeline], object]]:
        return dict(self._preparers)

    def take_prepared(self, key: str) -> object | None:
        """What `key`'s preparer built from the timeline now arriving, or None (build it yourself).
        Only during `timeline_replaced`, and only once: the first view to ask takes it."""
        return self._prepared.pop(key, None)

    @property
    def disk_hash(self) -> bytes | None:
        """SHA-256 of the bytes last read, written or accepted at `path` (what a save checks against)."""
        return self._disk_hash

    def mark_saved(self, target: Path, digest: bytes | None, clean: bool) -> None:
        """Record a save written off the GUI thread (desktop.document.saving): the file, its hash, the clean mark.

        `clean` is False when edits were made while it wrote: the file holds an earlier state, and
        the undo stack can only mark its current index clean, so the document stays dirty.
        """
        if target != self._path:
            self._path = target
            self._watch(target)
            self.path_changed.emit(self._path)
        self._disk_hash = digest
        if clean:
            self.undo_stack.setClean()
        else:
            self.undo_stack.resetClean()

    def reload(self) -> None:
        """Read the open file again, dropping unsaved edits (the answer "Reload")."""
        if self._path is None:
            raise ValueError("nothing to reload: the timeline has never been saved")
        self.open(self._path)

    def keep_mine(self) -> None:
        """Accept that the file on disk differs and keep the edits in memory (the answer "Keep mine").

        The document becomes dirty, so the next Save writes our version over theirs on purpose.
        """
        self._disk_hash = self._reported_hash = _hash_file(self._path) if self._path else None
        self.undo_stack.resetClean()

    def restore(self, timeline: Timeline, path: Path | None, warnings: list[storage.Problem] | None = None) -> None:
        """Take a recovered timeline as unsaved edits of `path` (crash recovery)."""
        self.set_timeline(timeline, path, warnings)
        self.undo_stack.resetClean()

    def disk_text(self) -> str | None:
        """The open file's current text on disk (for Compare), or None when it cannot be read."""
        try:
            return self._path.read_text(encoding="utf-8") if self._path else None
        except (OSError, UnicodeDecodeError):
            return None

    # -- watching the file ------------------------------------------------------------------
    def _watch(self, path: Path | None, digest: bytes | None = None) -> None:
        """Watch `path`, whose bytes as we read them hash to `digest` (by default: hash them now)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._disk_hash = self._reported_hash = (digest or _hash_file(path)) if path else None
        if path is not None and digest is not None:
            self._disk_check.start(150)  # it may have changed since it was read: look, as after a watcher event
        if path is not None:
            # The folder too: an atomic replace (ours, git's) removes the watched file's inode.
            self._watcher.addPaths([str(path.parent), str(path)] if path.exists() else [str(path.parent)])

    def _disk_event(self, _path: str) -> None:
        self._disk_check.start(150)

    def check_disk(self) -> None:
        """Compare the file on disk with what we last read or wrote; announce a difference once."""
        path = self._path
        if path is None:
            return
        if path.exists() and str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))
        digest = _hash_file(path)
        if digest in (self._disk_hash, self._reported_hash):
            self._settling = None
            return
        if digest != self._settling:
            # New bytes: look again once they have stayed the same for a moment. A writer in
            # several steps finishes, and a save of ours in the background (desktop.document.saving) has
            # time to record its hash with `mark_saved`, so it is never taken for someone else's.
            self._settling = digest
            self._disk_check.start(SETTLE_MS)
            return
        self._settling = None
        self._reported_hash = digest
        self.file_changed_on_disk.emit(path)

    def set_warnings(self, warnings: list[storage.Problem]) -> None:
        self._warnings = list(warnings)
        self.warnings_changed.emit()

    # -- edits ----------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Do `command` as one undo step (or as part of the macro being built)."""
        self.undo_stack.push(command)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group the commands pushed inside the block into one undo step (`beginMacro`/`endMacro`),
        announced with one `changed` when the block ends.

        Callers validate first and then push, so nothing inside is expected to fail; `finally`
        still closes the macro so a bug can never leave the stack stuck in macro mode.
        """
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def notify_changed(self, change: Change) -> None:
        """Called by commands after they change the data: joined into the current step's Change."""
        self._pending.append(change)

    def _step_done(self, _index: int) -> None:
        """The stack finished a push, an undo, a redo or a macro (its index moved): tell the views once."""
        parts, self._pending = self._pending, []
        if not parts:
            return
        change = Change.join(parts)
        if (self._selection is not None and (change.structure or change.everything)
                and not self._contains(self._selection)):
            self.select(None)
        self.changed.emit(change)

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
