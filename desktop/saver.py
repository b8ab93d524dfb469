"""Saving in the background: the window stays usable while a large timeline is written.

Why: writing 100k events as YAML takes seconds. The GUI thread takes a snapshot (a pickle of
the Timeline, ~0.05 s at 10k events: commands change entries in place, so the worker must not
read the live objects) and a QThread writes that snapshot with `storage.save` (atomic, keeps
FILE.bak). Edits made while it writes are kept: the document is marked clean only if nothing
changed since the snapshot (the undo stack's clean mark can only be set at its current index);
otherwise it stays dirty, so the next Save writes them. If another file was opened meanwhile,
the result touches nothing but the status message.

`save(path, wait=True)` is for "save before closing / opening another file": the same thread,
but a modal progress dialog blocks edits until it ends and the answer is True only on success.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import cache, storage
from desktop.document import Document, FileChangedOnDisk

__all__ = ["SaveJob", "BackgroundSaver"]


class SaveJob(QThread):
    """Writes one snapshot; ends with `succeeded(digest)` or `failed(exception)`."""

    succeeded = Signal(object)  # sha256 digest (bytes) of the file written
    failed = Signal(object)

    def __init__(self, snapshot: bytes, target: Path, expected: bytes | None, parent: QObject | None = None):
        super().__init__(parent)
        self.snapshot = snapshot
        self.target = target
        self._expected = expected  # the bytes we last read or wrote there; None: no check (Save As)

    def run(self) -> None:
        try:
            if self._expected is not None and self.target.exists():
                if hashlib.sha256(self.target.read_bytes()).digest() != self._expected:
                    raise FileChangedOnDisk(f"{self.target.name} changed on disk since it was opened; "
                                            "reload it or keep your version first")
            storage.save(cache.loads(self.snapshot), self.target, backup=True)
            digest = hashlib.sha256(self.target.read_bytes()).digest()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the user, edits kept
            self.failed.emit(exc)
        else:
            self.succeeded.emit(digest)


class BackgroundSaver(QObject):
    """Saves a Document's timeline off the GUI thread, one save at a time."""

    started = Signal(object)  # Path
    saved = Signal(object)  # Path
    failed = Signal(object, object)  # Path, exception
    finished = Signal()

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._job: SaveJob | None = None
        self._touched = False  # the data changed, or another timeline replaced it, since the snapshot
        self._replaced = False
        self._ok = False
        document.changed.connect(self._on_changed)
        document.undo_stack.indexChanged.connect(self._on_changed)
        document.timeline_replaced.connect(self._on_replaced)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _on_changed(self, *_args) -> None:
        self._touched = True

    def _on_replaced(self) -> None:
        self._touched = self._replaced = True

    def save(self, path: str | Path | None = None, *, wait: bool = False, parent: QWidget | None = None) -> bool:
        """Start writing the timeline to `path` (default: the document's file).

        Returns True when the save started (or, with `wait`, when it succeeded); False when
        another save is still running (or, with `wait`, when it failed: see `failed`).
        """
        if self._job is not None:
            if not wait:
                return False
            self._wait_modal(self._job.target, parent)  # let the running save end first
        doc = self.document
        target = Path(path).resolve() if path else doc.path
        if target is None:
            raise ValueError("no file name: use Save As")
        expected = doc.disk_hash if target == doc.path else None
        snapshot = cache.dumps(doc.timeline)
        self._touched = self._replaced = self._ok = False
        job = SaveJob(snapshot, target, expected, self)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(job.deleteLater)
        self._job = job
        self.started.emit(target)
        job.start()
        return self._wait_modal(target, parent) if wait else True

    def _wait_modal(self, target: Path, parent: QWidget | None) -> bool:
        """Spin an event loop behind a modal "Saving" dialog until the job ends; True on success."""
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        dialog = QProgressDialog(f"Saving {target.name}\u2026", "", 0, 0, parent)
        dialog.setCancelButton(None)  # an atomic write is not worth cancelling half way
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        if self._job is not None:
            dialog.show()  # at once: an edit slipped in before it would be left unsaved by a close
            loop.exec()
        self.finished.disconnect(loop.quit)
        dialog.close()
        dialog.deleteLater()
        return self._ok

    def wait(self, msecs: int = 60_000) -> bool:
        """Block until the save in progress has been written (closing the app, tests)."""
        return self._job.wait(msecs) if self._job is not None else True

    def _on_succeeded(self, digest: bytes) -> None:
        job, self._job = self.sender(), None
        if not self._replaced:
            self.document.mark_saved(job.target, digest, clean=not self._touched)
        self._ok = True
        self.saved.emit(job.target)
        self.finished.emit()

    def _on_failed(self, exc: BaseException) -> None:
        job, self._job = self.sender(), None
        self.failed.emit(job.target, exc)
        self.finished.emit()
