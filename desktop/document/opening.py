"""Opening a timeline in the background, with progress and Cancel, so the window never freezes.

Why: libyaml reads ~4,000 events a second, so a large file takes seconds to minutes to parse.
`BackgroundOpener` runs `cache.open_timeline` (the parse cache, then `storage.loads`) in a
QThread and hands the result to the Document on the GUI thread through a queued signal. The
current timeline stays open and usable until the new one is ready; Cancel, a failure or
opening another file leaves it untouched. `LoadProgress` is the status-bar strip that shows
the progress bar and the Cancel button while a load takes more than a moment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal

from desktop import storage
from desktop.storage.cache import ParseCache, open_timeline
from desktop.document import Document, read_with_digest

__all__ = ["Opened", "OpenJob", "BackgroundOpener", "load_messages", "is_large"]

#: progress is reported in this many steps at most, so a 100k-event file does not flood the GUI
PROGRESS_STEPS = 200
#: files this big (about 8,000 events, 2 s to parse) are opened in the background even at start-up
LARGE_FILE_BYTES = 2_000_000


def is_large(path: Path) -> bool:
    """True for a file worth opening in the background (unknown size: False, the open reports why)."""
    try:
        return Path(path).stat().st_size >= LARGE_FILE_BYTES
    except OSError:
        return False


@dataclass(frozen=True)
class Opened:
    """A finished load: what was read, from where, how long it took and whether the cache had it."""

    path: Path
    result: storage.LoadResult
    seconds: float
    from_cache: bool
    prepared: dict = field(default_factory=dict)  # what the Document's preparers built, by key
    digest: bytes | None = None  # SHA-256 of the bytes read: what the Document compares the disk with


def load_messages(path: Path, exc: BaseException) -> list[str]:
    """The lines to show for a failed open: `FILE:LINE:COL: message` problems, or the OS error."""
    if isinstance(exc, storage.LoadError):
        return [str(p) for p in exc.problems] or [f"{path}: {exc}"]
    if isinstance(exc, OSError):
        return [f"{path}: {exc.strerror or exc}"]
    return [f"{path}: could not be read ({type(exc).__name__}: {exc})"]


class OpenJob(QThread):
    """Reads one file through the cache off the GUI thread; ends with exactly one of three signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # Opened
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, path: Path, cache: ParseCache | None, parent: QObject | None = None,
                 preparers: dict[str, Callable] | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._cache = cache
        self._preparers = dict(preparers or {})
        self._last_step = -1

    def cancel(self) -> None:
        self.requestInterruption()

    def _progress(self, done: int, total: int) -> None:
        step = done * PROGRESS_STEPS // total if total > 0 else 0
        if step != self._last_step:
            self._last_step = step
            self.progressed.emit(done, total)

    def run(self) -> None:
        started = time.perf_counter()
        try:
            data, digest = read_with_digest(self.path.resolve())  # the file may change while they parse
            result, hit = open_timeline(
                self.path, self._cache, progress=self._progress, cancelled=self.isInterruptionRequested, data=data
            )
        except storage.LoadCancelled:
            self.cancelled.emit()
        except (storage.LoadError, OSError) as exc:
            self.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user as a message, not kill the thread
            self.failed.emit(exc)
        else:
            prepared = self._prepare(result.timeline)
            if self.isInterruptionRequested():
                self.cancelled.emit()  # cancelled after the last check: still keep the old timeline
            else:
                self.succeeded.emit(Opened(self.path, result, time.perf_counter() - started, hit, prepared, digest))

    def _prepare(self, timeline) -> dict:
        """Run the views' preparers here, not on the GUI thread (0.6 s at 100k events)."""
        prepared = {}
        for key, build in self._preparers.items():
            if self.isInterruptionRequested():
                break
            try:
                prepared[key] = build(timeline)
            except Exception:  # noqa: BLE001 - the view then builds it on the GUI thread, where a bug shows
                continue
        return prepared


class BackgroundOpener(QObject):
    """Opens files for a Document one at a time; a new `open()` cancels the one in progress."""

    started = Signal(object)  # Path
    progressed = Signal(int, int)
    opened = Signal(object)  # Opened, after the Document took the timeline
    failed = Signal(object, object)  # Path, list of message lines
    cancelled = Signal(object)  # Path
    finished = Signal()  # after any of the three above

    def __init__(self, document: Document, cache: ParseCache | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.cache = cache
        self._job: OpenJob | None = None
        self._threads: list[OpenJob] = []  # every job until its thread ends (a cancelled one too)
        #: asked when the document was edited while the file loaded (Save / Discard / Cancel);
        #: False keeps the edits and drops the loaded file. None: replace without asking.
        self.confirm_replace: Callable[[], bool] | None = None
        self._undo_index_at_start = 0

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def path(self) -> Path | None:
        """The file being opened, if any."""
        return self._job.path if self._job else None

    def open(self, path: str | Path) -> None:
        if self._job is not None:
            self.cancel()
        job = OpenJob(Path(path), self.cache, self, self.document.preparers)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_thread_finished)
        self._job = job
        self._threads.append(job)
        self._undo_index_at_start = self.document.undo_stack.index()
        self.started.emit(job.path)
        job.start()

    def cancel(self) -> None:
        """Stop the load in progress; the open timeline stays as it is."""
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
            self.cancelled.emit(job.path)
            self.finished.emit()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every job has ended (for closing the window and for tests)."""
        return all(job.wait(msecs) for job in list(self._threads))

    # -- results, on the GUI thread ---------------------------------------------------------
    def _current(self) -> OpenJob | None:
        """The sending job if it is still the current one (a cancelled job's late result is dropped)."""
        job = self.sender()
        return job if job is self._job and job is not None else None

    def _on_progress(self, done: int, total: int) -> None:
        if self._current():
            self.progressed.emit(done, total)

    def _on_succeeded(self, opened: Opened) -> None:
        if not self._current():
            return
        self._job = None
        edited_meanwhile = self.document.undo_stack.index() != self._undo_index_at_start
        if edited_meanwhile and self.confirm_replace is not None and not self.confirm_replace():
            self.cancelled.emit(opened.path)  # the edits stay; nothing was replaced
            self.finished.emit()
            return
        result = opened.result
        self.document.load_seconds = opened.seconds  # first: views read it when the timeline arrives
        self.document.set_timeline(result.timeline, opened.path, result.warnings, has_comments=result.has_comments,
                                   prepared=opened.prepared, digest=opened.digest)
        self.opened.emit(opened)
        self.finished.emit()

    def _on_failed(self, exc: BaseException) -> None:
        job = self._current()
        if not job:
            return
        self._job = None
        self.failed.emit(job.path, load_messages(job.path, exc))
        self.finished.emit()

    def _on_cancelled(self) -> None:
        job = self._current()
        if job:  # cancelled from inside (not through cancel()): same outcome
            self._job = None
            self.cancelled.emit(job.path)
            self.finished.emit()

    def _on_thread_finished(self) -> None:
        job = self.sender()
        if job in self._threads:
            self._threads.remove(job)
        job.deleteLater()
