"""Live provenance: the quotes' verbatim check runs again after every edit, so a quote that is not in
its source's archive shows up in the Warnings dock at once (and leaves when fixed), not only after
the file is opened again.

The check is `core.provenance.check_quotes` (archives are read through its cache). The load's
other warnings are kept as they are; provenance warnings the load found keep their FILE:LINE:COL
while they still hold, and new ones are marked as coming from an unsaved edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from desktop.core.provenance import check_quotes
from desktop.storage import Problem

__all__ = ["LiveProvenance", "EditedProblem", "MAX_LIVE_QUOTES"]

#: above this many quotes the check waits for the next open (it reads every quote after each edit)
MAX_LIVE_QUOTES = 5000


@dataclass(frozen=True)
class EditedProblem(Problem):
    """A warning about an edit not yet in the file, so it has no line to point at."""

    def __str__(self) -> str:
        return f"{self.file} (edited here): warning: {self.message}"


class LiveProvenance(QObject):
    def __init__(self, document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._loaded: list[Problem] = []
        self._loaded_messages: set[str] = set()
        self._timer = QTimer(self)  # several commands of one step (a macro) check once
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.check)
        document.timeline_replaced.connect(self._replaced)
        document.changed.connect(self._timer.start)
        document.path_changed.connect(self._timer.start)  # Save As elsewhere: archives relative to the new folder
        self._replaced()

    def _base_dir(self) -> Path | None:
        return self.document.path.parent if self.document.path is not None else None

    def _live(self) -> bool:
        """Whether quotes are checked as they are edited: a saved file of at most MAX_LIVE_QUOTES quotes."""
        timeline = self.document.timeline
        return self._base_dir() is not None and sum(len(e.quotes) for e in timeline.events) <= MAX_LIVE_QUOTES

    def _replaced(self) -> None:
        self._loaded = list(self.document.warnings)
        # which of the load's warnings are provenance ones; a big timeline is never checked live, so the
        # check (archives read on this thread) is not run again on it after its background open
        self._loaded_messages = ({i.message for i in check_quotes(self.document.timeline, self._base_dir())}
                                 if self._live() else set())

    def check(self) -> list[Problem]:
        """Recompute the provenance warnings and give the Document the new list (when it changed)."""
        if not self._live():
            return list(self.document.warnings)
        base = self._base_dir()
        issues = check_quotes(self.document.timeline, base)
        name = self.document.path.name
        kept = [w for w in self._loaded if w.message not in self._loaded_messages]
        loaded = {w.message: w for w in self._loaded if w.message in self._loaded_messages}
        live: list[Problem] = []
        for issue in issues:
            ref = ("event", issue.event_id) if issue.event_id else ("source", issue.source_id)
            live.append(loaded.get(issue.message) or EditedProblem(name, 0, 0, issue.message, "warning", ref))
        warnings = kept + live
        if warnings != list(self.document.warnings):
            self.document.set_warnings(warnings)
        return warnings
