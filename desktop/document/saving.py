"""Saving in the background: the window stays usable while a large timeline is written.

Why: writing 100k events takes over a second, and even copying them takes half a second.
Commands change entries in place, so the writer must not read the live objects: the GUI
thread takes a snapshot (pickles of the Timeline, `cache.dumps`) a slice of entries per
event-loop turn, so no single pause is long; if an edit lands between two slices the snapshot
starts again (after MAX_RESTARTS it finishes in one go). A QThread then rebuilds the Timeline
from the snapshot and writes it with `storage.save` (atomic, keeps FILE.bak).

Edits made while it writes are kept: the document is marked clean only if nothing changed
since the snapshot (the undo stack's clean mark can only be set at its current index), so
otherwise it stays dirty and the next Save writes them. If another file was opened meanwhile,
the result touches nothing but the status message.

`save(path, wait=True)` is for "save before closing / opening another file": a modal progress
dialog blocks edits until the write ends, and the answer is True only on success.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from desktop.storage import cache
from desktop import storage
from desktop.document import Document, FileChangedOnDisk
from desktop.core.model import Timeline

__all__ = ["SaveJob", "BackgroundSaver", "snapshot_now", "restore"]

#: timelines with fewer events are written at once on the GUI thread (well under 0.1 s)
SYNC_BELOW = 5000
#: entries pickled per event-loop turn (about 25 ms on this machine)
SLICE = 4000
#: edits that may restart one snapshot before it is finished in one go
MAX_RESTARTS = 2
_LISTS = ("sources", "people", "posts", "tenures", "events")
Parts = list[tuple[str, bytes]]  # ("", the timeline without its lists), then (list name, pickled slice)


def _shell(timeline: Timeline) -> tuple[str, bytes]:
    return "", cache.dumps(dataclasses.replace(timeline, **{name: [] for name in _LISTS}))


def snapshot_now(timeline: Timeline) -> Parts:
    """The whole snapshot at once (when waiting anyway)."""
    return [_shell(timeline), *((name, cache.dumps(getattr(timeline, name))) for name in _LISTS)]


def restore(parts: Parts) -> Timeline:
    """The Timeline a snapshot was taken of (a copy: nothing shared with the live one)."""
    timeline = cache.loads(parts[0][1])
    for name, blob in parts[1:]:
        getattr(timeline, name).extend(cache.loads(blob))
    return timeline


class SaveJob(QThread):
    """Writes one snapshot; ends with `succeeded(digest)` or `failed(exception)`."""

    succeeded = Signal(object)  # sha256 digest (bytes) of the file written
    failed = Signal(object)

    def __init__(self, parts: Parts, target: Path, expected: bytes | None, parent: QObject | None = None,
                 overwrite_read_only: bool = False):
        super().__init__(parent)
        self.parts = parts
        self.target = target
        self._expected = expected  # the bytes we last read or wrote there; None: no check (Save As)
        self._overwrite_read_only = overwrite_read_only

    def run(self) -> None:
        try:
            digest = write(lambda: restore(self.parts), self.target, self._expected, self._overwrite_read_only)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the user, edits kept
            self.failed.emit(exc)
        else:
            self.succeeded.emit(digest)


def write(timeline: Callable[[], Timeline], target: Path, expected: bytes | None,
          overwrite_read_only: bool = False) -> bytes:
    """Check `target` still holds `expected` (None: no check), save atomically with FILE.bak, return its sha256.

    A read-only target raises `storage.ReadOnlyFile` unless the user agreed to replace it."""
    if expected is not None and target.exists():
        if hashlib.sha256(target.read_bytes()).digest() != expected:
            raise FileChangedOnDisk(f"{target.name} changed on disk since it was opened; "
                                    "reload it or keep your version first")
    storage.save(timeline(), target, backup=True, overwrite_read_only=overwrite_read_only)
    return hashlib.sha256(target.read_bytes()).digest()


class BackgroundSaver(QObject):
    """Saves a Document's timeline off the GUI thread, one save at a time."""

    started = Signal(object)  # Path
    writing = Signal(object)  # Path: the snapshot is taken, edits from now on stay unsaved
    saved = Signal(object)  # Path
    failed = Signal(object, object)  # Path, exception
    finished = Signal()  # after saved, failed, or a snapshot dropped because another file was opened

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._target: Path | None = None  # set from start to finish
        self._expected: bytes | None = None
        self._job: SaveJob | None = None
        self._threads: list[SaveJob] = []  # until each thread has really ended
        self._parts: Parts = []
        self._todo: list[tuple[str, int]] = []  # (list name, next index) still to pickle
        self._restarts = 0
        self._touched = False  # the data changed since the snapshot (or the slices) began
        self._replaced = False  # another timeline was opened since the save began
        self._ok = False
        self._queued: tuple[str | Path | None, bool] | None = None  # a Save asked for while one was running
        self._overwrite_read_only = False  # the user agreed to replace the read-only target
        self._slicer = QTimer(self, singleShot=True, interval=0)
        self._slicer.timeout.connect(self._slice)
        document.changed.connect(self._on_changed)
        document.undo_stack.indexChanged.connect(self._on_changed)
        document.timeline_replaced.connect(self._on_replaced)

    @property
    def busy(self) -> bool:
        return self._target is not None

    def _on_changed(self, *_args) -> None:
        self._touched = True

    def _on_replaced(self) -> None:
        self._touched = self._replaced = True
        self._queued = None

    # -- starting ----------------------------------------------------------------------------
    def save(self, path: str | Path | None = None, *, wait: bool = False, parent: QWidget | None = None,
             overwrite_read_only: bool = False) -> bool:
        """Start saving the timeline to `path` (default: the document's file).

        A timeline under SYNC_BELOW events is written at once. Returns True when the file was
        written, or for a large timeline when the save started or was queued behind the one still
        running (it then starts, with a fresh snapshot, when that one succeeds); with `wait`, True
        only once the file is written. False when it failed; `failed` says why in every case.
        """
        if self.busy:
            if not wait:
                self._queued = (path, overwrite_read_only)
                return True
            self._wait_modal(parent)  # let the running save end first
        doc = self.document
        target = Path(path).resolve() if path else doc.path
        if target is None:
            raise ValueError("no file name: use Save As")
        self._target, self._expected = target, (doc.disk_hash if target == doc.path else None)
        self._overwrite_read_only = overwrite_read_only
        self._replaced = self._ok = False
        self._restarts = 0
        self.started.emit(target)
        if len(doc.timeline.events) < SYNC_BELOW:
            try:
                digest = write(lambda: doc.timeline, target, self._expected, overwrite_read_only)
            except Exception as exc:  # noqa: BLE001 - reported through `failed`, edits kept
                self._on_failed(exc)
            else:
                self._touched = False
                self._on_succeeded(digest)
            return self._ok
        if wait:
            self._touched = False
            self._write(snapshot_now(doc.timeline))
            return self._wait_modal(parent)
        self._begin_snapshot()
        self._slicer.start()
        return True

    def _begin_snapshot(self) -> None:
        self._touched = False
        self._parts = [_shell(self.document.timeline)]
        self._todo = [(name, 0) for name in _LISTS]

    def _slice(self) -> None:
        """Pickle the next SLICE entries; start over if the data changed since the last slice."""
        if self._replaced:
            self._end()  # the user chose to leave that timeline: nothing to write
            return
        if self._touched:
            self._restarts += 1
            self._begin_snapshot()
        timeline, budget = self.document.timeline, SLICE
        while self._todo and (budget > 0 or self._restarts > MAX_RESTARTS):
            name, start = self._todo[0]
            items = getattr(timeline, name)
            stop = len(items) if self._restarts > MAX_RESTARTS else min(len(items), start + budget)
            if stop > start:
                self._parts.append((name, cache.dumps(items[start:stop])))
            budget -= stop - start
            if stop >= len(items):
                self._todo.pop(0)
            else:
                self._todo[0] = (name, stop)
        if self._todo:
            self._slicer.start()
        else:
            self._write(self._parts)

    def _write(self, parts: Parts) -> None:
        self._parts, self._todo = [], []
        job = SaveJob(parts, self._target, self._expected, self, self._overwrite_read_only)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_thread_finished)
        self._job = job
        self._threads.append(job)
        self.writing.emit(self._target)
        job.start()

    # -- waiting -----------------------------------------------------------------------------
    def _wait_modal(self, parent: QWidget | None) -> bool:
        """Spin an event loop behind a modal "Saving" dialog until the save ends; True on success."""
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        dialog = QProgressDialog("", "", 0, 0, parent)
        label = QLabel(dialog)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the file's name is shown as typed
        label.setText(f"Saving {self._target.name}\u2026")
        dialog.setLabel(label)
        dialog.setCancelButton(None)  # an atomic write is not worth cancelling half way
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        if self.busy:
            dialog.show()  # at once: an edit slipped in before it would be left unsaved by a close
            loop.exec()
        self.finished.disconnect(loop.quit)
        dialog.close()
        dialog.deleteLater()
        return self._ok

    def wait(self, msecs: int = 60_000) -> bool:
        """Before the app exits: let a write in progress finish; a snapshot not yet taken is dropped."""
        if self.busy and self._job is None:
            self._slicer.stop()
            self._end()
        return all(job.wait(msecs) for job in list(self._threads))

    # -- results, on the GUI thread ------------------------------------------------------------
    def _on_succeeded(self, digest: bytes) -> None:
        target = self._target
        if not self._replaced:
            self.document.mark_saved(target, digest, clean=not self._touched)
        self._ok = True
        self.saved.emit(target)
        queued = self._end()
        if queued is not None:
            self.save(queued[0], overwrite_read_only=queued[1])

    def _on_failed(self, exc: BaseException) -> None:
        target = self._target
        self._queued = None  # the user sees the failure first and decides again
        self.failed.emit(target, exc)
        self._end()

    def _on_thread_finished(self) -> None:
        job = self.sender()
        if job in self._threads:
            self._threads.remove(job)
        job.deleteLater()

    def _end(self) -> tuple[str | Path | None, bool] | None:
        """Back to idle; returns the save queued meanwhile, if any."""
        queued, self._queued = self._queued, None
        self._target, self._job = None, None
        self.finished.emit()
        return queued
