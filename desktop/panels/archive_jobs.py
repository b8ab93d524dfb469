"""Archive reads for the quotes panel and the source viewer, off the GUI thread.

An archive is read by `provenance` (regular files inside the timeline's folder, at most 16 MiB),
which bounds every read, but a slow disk or a network folder can still take a while: the window
must not wait for it. `ArchiveJobs` runs each piece of work in its own small thread pool and
hands the result back on the GUI thread through a queued signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core import provenance

__all__ = ["ArchiveJobs"]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it, so the slot runs there (queued)."""

    done = Signal(object, object)  # the callback, its argument


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], callback: Callable[[object], None], relay: _Relay) -> None:
        super().__init__()
        self.work, self.callback, self.relay = work, callback, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - a worker must always answer, or the panel waits for ever
            result = f"cannot be read ({type(exc).__name__})"
        self.relay.done.emit(self.callback, result)


class ArchiveJobs(QObject):
    """Runs archive work in the background; callbacks run on the GUI thread while this object lives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one disk: reads in order, and the app's other threads keep their cores
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self.running = 0

    def find_quotes(self, wanted: list[tuple[str, str]], base_dir: Path,
                    callback: Callable[[dict], None]) -> None:
        """`callback({(archive, text): True | False | reason})`, see `provenance.find_quotes`."""
        self._start(lambda: provenance.find_quotes(wanted, base_dir), callback)

    def read(self, archive: str, base_dir: Path, callback: Callable[[object], None]) -> None:
        """`callback((real path, text))`, or `callback(reason)` when the archive is not read."""
        def work() -> object:
            try:
                return provenance.read_archive(archive, base_dir)
            except provenance.ArchiveError as exc:
                return str(exc)
        self._start(work, callback)

    def wait(self) -> None:
        """Let every job finish (tests, shutdown); their callbacks then come with the next events."""
        self.pool.waitForDone()

    def _start(self, work: Callable[[], object], callback: Callable[[object], None]) -> None:
        self.running += 1
        self.pool.start(_Job(work, callback, self._relay))

    def _deliver(self, callback: Callable[[object], None], result: object) -> None:
        self.running -= 1
        callback(result)
