"""Crash recovery: unsaved edits are autosaved to a recovery file and offered back on the next start.

While the document has unsaved edits, `Autosaver` writes the whole timeline (canonical YAML, so a
person can open it by hand too) to `<AppDataLocation>/recovery/<key>.yaml` at most every
`interval` (30 s by default), with a small JSON note of which file it belongs to. The file goes
away as soon as the document is clean again (saved, reloaded, undone back, discarded). A
QLockFile held beside it tells a later start whether its writer is still running (another
window) or died (a crash): only the latter is offered by `pending()`.

The interval comes from the settings key `recovery/autosave_seconds`, or, for tests, from the
environment variable COUNCIL_TIMELINE_AUTOSAVE_MS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QThread, QTimer

from desktop import storage
from desktop.document.saving import restore as restore_snapshot
from desktop.document.saving import snapshot_now
from desktop.storage.atomic import make_private_folder, save_bytes

__all__ = ["RecoveryStore", "Recovered", "Autosaver", "autosave_interval_ms", "ENV_INTERVAL"]

ENV_INTERVAL = "COUNCIL_TIMELINE_AUTOSAVE_MS"
DEFAULT_SECONDS = 30


def autosave_interval_ms(settings=None) -> int:
    """Milliseconds between autosaves: the env var (tests), else the setting, else 30 s."""
    env = os.environ.get(ENV_INTERVAL, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    seconds = settings.value("recovery/autosave_seconds", DEFAULT_SECONDS) if settings is not None else DEFAULT_SECONDS
    try:
        return max(1, int(float(seconds))) * 1000
    except (TypeError, ValueError):
        return DEFAULT_SECONDS * 1000


@dataclass(frozen=True)
class Recovered:
    """A recovery file left by a process that is no longer running."""

    file: Path
    original: Path | None  # the timeline file it holds edits of (None: never saved)
    saved_at: dt.datetime
    title: str

    def describe(self) -> str:
        name = self.original.name if self.original else f"untitled timeline '{self.title}'"
        return f"{name}, autosaved {self.saved_at:%d %b %Y %H:%M}"


class RecoveryStore:
    """The recovery folder: where each document's recovery file lives, what is waiting there."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            folder = Path(base) / "recovery"
        self.folder = folder

    def file_for(self, original: Path | None) -> Path:
        """One recovery file per timeline file; untitled documents get one per process."""
        key = str(original) if original else f"untitled-{os.getpid()}"
        return self.folder / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}.yaml"

    def write(self, timeline, original: Path | None) -> Path:
        """Write the recovery file (atomically) and its note; return the recovery file's path.

        Both are 0600 in a 0700 folder: they hold unsaved research that other users must not read.
        """
        make_private_folder(self.folder)
        target = self.file_for(original)
        storage.save(timeline, target, private=True)
        note = {"original": str(original) if original else None, "title": timeline.title,
                "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
        save_bytes(json.dumps(note).encode("utf-8"), target.with_suffix(".json"), private=True)
        return target

    def remove(self, file: Path) -> None:
        for path in (file, file.with_suffix(".json"), file.with_suffix(".lock")):
            path.unlink(missing_ok=True)

    def lock(self, file: Path) -> QLockFile | None:
        """Hold the lock that marks `file` as owned by this running process (None if another has it)."""
        make_private_folder(self.folder)
        lock = QLockFile(str(file.with_suffix(".lock")))
        lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        return lock if lock.tryLock(0) else None

    def pending(self) -> list[Recovered]:
        """Recovery files whose writer died (newest first); files of running windows are skipped."""
        found = []
        for file in sorted(self.folder.glob("*.yaml")):
            probe = QLockFile(str(file.with_suffix(".lock")))
            probe.setStaleLockTime(0)
            if not probe.tryLock(0):
                continue  # another window is alive and editing this
            probe.unlock()
            found.append(self._read_note(file))
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def _read_note(file: Path) -> Recovered:
        try:
            note = json.loads(file.with_suffix(".json").read_text(encoding="utf-8"))
            saved = dt.datetime.fromisoformat(note["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):
            note, saved = {}, dt.datetime.fromtimestamp(file.stat().st_mtime)
        original = note.get("original")
        return Recovered(file, Path(original) if original else None, saved, str(note.get("title") or "Untitled"))

    def restore(self, recovered: Recovered, document) -> None:
        """Load a recovery file into `document` as unsaved edits of its original file."""
        original = recovered.original
        # Read as the original file, so quotes are checked against archives next to it.
        result = storage.loads(recovered.file.read_bytes(), str(original or recovered.file),
                               base_dir=(original or recovered.file).parent)
        document.restore(result.timeline, original, result.warnings)


class _WriteJob(QThread):
    """Writes one snapshot to the recovery file off the GUI thread (YAML for 10k events takes ~0.2 s)."""

    def __init__(self, store: RecoveryStore, parts, original: Path | None, parent: QObject) -> None:
        super().__init__(parent)
        self.store, self.parts, self.original = store, parts, original
        self.written: Path | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.written = self.store.write(restore_snapshot(self.parts), self.original)
        except Exception as exc:  # noqa: BLE001 - a failed autosave is retried; the edits stay in memory
            self.error = exc


class Autosaver(QObject):
    """Writes the document's unsaved edits to its recovery file every `interval_ms`.

    The GUI thread takes a snapshot (a pickle: commands change entries in place) and a thread
    writes it. `discard()` waits for a write in flight, so a file never outlives its discard.
    """

    def __init__(self, document, store: RecoveryStore, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent or document)
        self._document = document
        self._store = store
        self._target: Path | None = None  # the recovery file this session holds the lock of
        self._written: Path | None = None  # ... once a write of it has succeeded
        self._lock: QLockFile | None = None
        self._job: _WriteJob | None = None
        self._timer = QTimer(self, singleShot=True, interval=interval_ms)
        self._timer.timeout.connect(self.autosave)
        document.changed.connect(self._edited)
        document.dirty_changed.connect(self._dirty_changed)
        document.path_changed.connect(self._path_changed)
        if document.is_dirty:  # e.g. just restored from a recovery file
            self._timer.start()

    @property
    def recovery_file(self) -> Path | None:
        """The recovery file this session wrote and still holds, if any."""
        return self._written

    def _path_changed(self, _path) -> None:
        self.discard()  # the edits now belong to another file (or were dropped by opening one)

    def _edited(self) -> None:
        if self._document.is_dirty and not self._timer.isActive():
            self._timer.start()

    def _dirty_changed(self, dirty: bool) -> None:
        if dirty:
            self._edited()
        else:
            self.discard()

    def autosave(self) -> None:
        """Start writing the recovery file (no-op when nothing is unsaved or a write is running)."""
        if not self._document.is_dirty or self._job is not None:
            return
        target = self._store.file_for(self._document.path)
        if self._lock is None or self._target != target:
            self.discard()
            self._lock = self._store.lock(target)
            if self._lock is None:
                return  # another running window holds this file's recovery; leave it be
            self._target = target
        job = _WriteJob(self._store, snapshot_now(self._document.timeline), self._document.path, self)
        job.finished.connect(lambda j=job: self._job_finished(j))
        self._job = job
        job.start()

    def _job_finished(self, job: _WriteJob) -> None:
        if job is not self._job:
            return  # already settled by discard()
        self._job = None
        job.deleteLater()
        if job.error is not None:
            self._timer.start()  # a full disk now may have room later
        elif self._lock is None:
            self._store.remove(job.written)  # discarded while it wrote
        else:
            self._written = job.written

    def discard(self) -> None:
        """Remove this session's recovery file (after a save, or when the user discards the edits)."""
        self._timer.stop()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        if self._job is not None:
            self._job.wait()
            self._job_finished(self._job)
        if self._target is not None:
            self._store.remove(self._target)
        self._target = self._written = None
